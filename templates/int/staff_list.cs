<?cs # int/staff_list.cs: the staff list both administrators see (included
       by admin_staff.cs and sec_staff.cs): staff_filter(action, add) the
       department filter posting to action, with a link to add an account
       when add is set; staff_table(list, edit) the accounts of list (each
       as view_staff fills it), each linked to edit?login=…  Data:
       Form.dept, Depts.N.{code,name,staff,selected}. ?>
<?cs def:staff_filter(action, add) ?>
<form class="actions" method="get" action="<?cs var:action ?>">
  <label class="visually-hidden" for="f-dept">部门</label>
  <select id="f-dept" name="dept">
    <option value="">全部部门</option>
    <?cs each:d = Depts ?><option value="<?cs var:d.code ?>"<?cs if:d.selected ?> selected<?cs /if ?>><?cs var:d.name ?>（<?cs var:d.staff ?> 人）</option><?cs /each ?>
  </select>
  <button class="btn btn-plain" type="submit">筛选</button>
  <?cs if:add ?><a class="btn btn-primary" href="<?cs var:add ?><?cs if:Form.dept ?>?dept=<?cs var:url_escape(Form.dept) ?><?cs /if ?>">新增工作人员</a><?cs /if ?>
</form>
<?cs /def ?>
<?cs def:staff_table(list, edit) ?>
<?cs if:subcount(list) == 0 ?>
<div class="empty"><p>没有工作人员。</p></div>
<?cs else ?>
<div class="table-wrap">
  <table class="grid reflow rowlink">
    <thead><tr><th scope="col">姓名</th><th scope="col">登录名</th><th scope="col">部门</th><th scope="col">角色</th><th scope="col">密码</th><th scope="col">状态</th><th scope="col">建立时间</th></tr></thead>
    <tbody>
      <?cs each:s = list ?>
      <tr>
        <td data-label="姓名"><a class="row-main m-name" href="<?cs var:edit ?>?login=<?cs var:url_escape(s.login) ?>"><?cs var:s.name ?></a></td>
        <td class="mono" data-label="登录名"><?cs var:s.login ?></td>
        <td data-label="部门"><?cs var:s.dept_name ?></td>
        <td data-label="角色"><?cs if:s.roles_label ?><?cs var:s.roles_label ?><?cs else ?><span class="muted">尚未分配</span><?cs /if ?></td>
        <td data-label="密码"><?cs var:s.pw_label ?></td>
        <td class="nowrap" data-label="状态"><?cs if:s.active == 1 ?><span class="badge">在用</span><?cs else ?><span class="badge muted">已停用</span><?cs /if ?></td>
        <td class="nowrap" data-label="建立时间"><?cs var:s.created_at ?></td>
      </tr>
      <?cs /each ?>
    </tbody>
  </table>
</div>
<?cs /if ?>
<?cs /def ?>
