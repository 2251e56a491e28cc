<?cs # int/sec_staff.cs: GET /sec/staff?dept=…, every account with its
       roles and the state of its password: Form.dept the filter;
       Depts.N.{code,name,staff,selected}; Staff.N (view_staff);
       Count.{all,active}. ?>
<?cs include:"int/sec_nav.cs" ?>
<?cs include:"int/staff_list.cs" ?>
<header class="page-head">
  <h1>角色与密码 <span class="count"><?cs var:Count.active ?> 人在用</span></h1>
  <p class="page-sub">选择一位工作人员，分配角色或设置密码。新账号由系统管理员建立。</p>
</header>
<?cs call:staff_filter("/sec/staff", "") ?>
<?cs call:staff_table(Staff, "/sec/staff/edit") ?>
