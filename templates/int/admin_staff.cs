<?cs # int/admin_staff.cs: GET /admin/staff?dept=…, staff accounts:
       Form.dept the filter; Depts.N.{code,name,staff,selected};
       Staff.N (view_staff: login, name, dept_name, roles_label, active,
       created_at, pw_label); Count.{all,active}. ?>
<?cs include:"int/admin_nav.cs" ?>
<header class="page-head">
  <h1>工作人员 <span class="count"><?cs var:Count.active ?> 人在用<?cs if:Count.all != Count.active ?>，<?cs var:Count.all - Count.active ?> 人已停用<?cs /if ?></span></h1>
  <p class="page-sub">账号由系统管理员建立，角色和密码由安全管理员设置；停用后本人不能再登录，已登录的会话随即失效。</p>
</header>
<form class="actions" method="get" action="/admin/staff">
  <label class="visually-hidden" for="f-dept">部门</label>
  <select id="f-dept" name="dept">
    <option value="">全部部门</option>
    <?cs each:d = Depts ?><option value="<?cs var:d.code ?>"<?cs if:d.selected ?> selected<?cs /if ?>><?cs var:d.name ?>（<?cs var:d.staff ?> 人）</option><?cs /each ?>
  </select>
  <button class="btn btn-plain" type="submit">筛选</button>
  <a class="btn btn-primary" href="/admin/staff/edit<?cs if:Form.dept ?>?dept=<?cs var:url_escape(Form.dept) ?><?cs /if ?>">新增工作人员</a>
</form>
<?cs if:subcount(Staff) == 0 ?>
<div class="empty"><p>没有工作人员。</p></div>
<?cs else ?>
<div class="table-wrap">
  <table class="grid reflow rowlink">
    <thead><tr><th scope="col">姓名</th><th scope="col">登录名</th><th scope="col">部门</th><th scope="col">角色</th><th scope="col">状态</th><th scope="col">建立时间</th></tr></thead>
    <tbody>
      <?cs each:s = Staff ?>
      <tr>
        <td data-label="姓名"><a class="row-main m-name" href="/admin/staff/edit?login=<?cs var:url_escape(s.login) ?>"><?cs var:s.name ?></a></td>
        <td class="mono" data-label="登录名"><?cs var:s.login ?></td>
        <td data-label="部门"><?cs var:s.dept_name ?></td>
        <td data-label="角色"><?cs if:s.roles_label ?><?cs var:s.roles_label ?><?cs else ?><span class="muted">尚未分配</span><?cs /if ?></td>
        <td class="nowrap" data-label="状态"><?cs if:s.active == 1 ?><span class="badge">在用</span><?cs else ?><span class="badge muted">已停用</span><?cs /if ?></td>
        <td class="nowrap" data-label="建立时间"><?cs var:s.created_at ?></td>
      </tr>
      <?cs /each ?>
    </tbody>
  </table>
</div>
<?cs /if ?>
