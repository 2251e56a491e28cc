<?cs # int/admin_nav.cs: included at the top of every admin page: the
       admin section's navigation, and the macros its forms share.
       invalid(f): marks the input of field f when Form.Field names it
       (the field a refused POST asks to correct, focused first). ?>
<?cs def:invalid(f) ?><?cs if:Form.Field == f ?> aria-invalid="true" autofocus<?cs /if ?><?cs /def ?>
<?cs def:form_error() ?><?cs if:Form.Error ?><div class="alert alert-error" role="alert" id="form-error"><?cs var:Form.Error ?></div><?cs /if ?><?cs /def ?>
<nav class="crumbs" aria-label="系统管理"><a href="/admin">系统管理</a> · <a href="/admin/levels">层级名称</a> · <a href="/admin/staff">工作人员</a> · <a href="/admin/agents">代办员</a> · <a href="/admin/calendar">工作日历</a> · <a href="/admin/booking-plan">预约时段</a></nav>
