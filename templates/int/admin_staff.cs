<?cs # int/admin_staff.cs: GET /admin/staff?dept=…, staff accounts:
       Form.dept the filter; Depts.N.{code,name,staff,selected};
       Staff.N (view_staff: login, name, dept_name, roles_label, active,
       created_at, pw_label); Count.{all,active}. ?>
<?cs include:"int/admin_nav.cs" ?>
<?cs include:"int/staff_list.cs" ?>
<header class="page-head">
  <h1>工作人员 <span class="count"><?cs var:Count.active ?> 人在用<?cs if:Count.all != Count.active ?>，<?cs var:Count.all - Count.active ?> 人已停用<?cs /if ?></span></h1>
  <p class="page-sub">账号由系统管理员建立，角色和密码由安全管理员设置；停用后本人不能再登录，已登录的会话随即失效。</p>
</header>
<?cs call:staff_filter("/admin/staff", "/admin/staff/edit") ?>
<?cs call:staff_table(Staff, "/admin/staff/edit") ?>
