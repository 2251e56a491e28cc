<?cs # int/admin_levels.cs: GET/POST /admin/levels, the names of the four
       levels of regions: Form.name1..name4; Levels.N.{level,name,
       hall_kind} as stored, with field (name1…) and value (Form.<field>). ?>
<?cs include:"int/admin_nav.cs" ?>
<section class="form-page">
  <h1>层级名称</h1>
  <p class="page-sub">区划固定分为四级，名称可按本地习惯填写，例如“盟市 → 旗县市区 → 苏木乡镇 → 嘎查村社区”，或“市 → 县 → 镇 → 村”。</p>
  <?cs call:form_error() ?>
  <form class="form" method="post" action="/admin/levels">
    <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
    <?cs each:l = Levels ?>
    <div class="field">
      <label for="f-name<?cs var:l.level ?>">第 <?cs var:l.level ?> 级</label>
      <input id="f-name<?cs var:l.level ?>" name="name<?cs var:l.level ?>" type="text" value="<?cs var:l.value ?>" maxlength="20" required<?cs call:invalid(l.field) ?> aria-describedby="f-name<?cs var:l.level ?>-help">
      <p class="help" id="f-name<?cs var:l.level ?>-help">本级的服务大厅称为“<?cs var:l.hall_kind ?>”。</p>
    </div>
    <?cs /each ?>
    <div class="form-actions">
      <button class="btn btn-primary" type="submit">保存</button>
      <a class="btn btn-plain" href="/admin">返回</a>
    </div>
  </form>
</section>
