<?cs # int/sec_staff.cs: GET /sec/staff?dept=…, every account with its
       roles and the state of its password: Form.dept the filter;
       Depts.N.{code,name,staff,selected}; Staff.N (view_staff);
       Count.{all,active}. ?>
<?cs include:"int/sec_nav.cs" ?>
<header class="page-head">
  <h1>角色与密码 <span class="count"><?cs var:Count.active ?> 人在用</span></h1>
  <p class="page-sub">选择一位工作人员，分配角色或设置密码。新账号由系统管理员建立。</p>
</header>
<form class="actions" method="get" action="/sec/staff">
  <label class="visually-hidden" for="f-dept">部门</label>
  <select id="f-dept" name="dept">
    <option value="">全部部门</option>
    <?cs each:d = Depts ?><option value="<?cs var:d.code ?>"<?cs if:d.selected ?> selected<?cs /if ?>><?cs var:d.name ?>（<?cs var:d.staff ?> 人）</option><?cs /each ?>
  </select>
  <button class="btn btn-plain" type="submit">筛选</button>
</form>
<?cs if:subcount(Staff) == 0 ?>
<div class="empty"><p>没有工作人员。</p></div>
<?cs else ?>
<div class="table-wrap">
  <table class="grid reflow rowlink">
    <thead><tr><th scope="col">姓名</th><th scope="col">登录名</th><th scope="col">部门</th><th scope="col">角色</th><th scope="col">密码</th><th scope="col">状态</th></tr></thead>
    <tbody>
      <?cs each:s = Staff ?>
      <tr>
        <td data-label="姓名"><a class="row-main m-name" href="/sec/staff/edit?login=<?cs var:url_escape(s.login) ?>"><?cs var:s.name ?></a></td>
        <td class="mono" data-label="登录名"><?cs var:s.login ?></td>
        <td data-label="部门"><?cs var:s.dept_name ?></td>
        <td data-label="角色"><?cs if:s.roles_label ?><?cs var:s.roles_label ?><?cs else ?><span class="muted">尚未分配</span><?cs /if ?></td>
        <td data-label="密码"><?cs var:s.pw_label ?></td>
        <td class="nowrap" data-label="状态"><?cs if:s.active == 1 ?><span class="badge">在用</span><?cs else ?><span class="badge muted">已停用</span><?cs /if ?></td>
      </tr>
      <?cs /each ?>
    </tbody>
  </table>
</div>
<?cs /if ?>
