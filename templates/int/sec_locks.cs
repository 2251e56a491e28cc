<?cs # int/sec_locks.cs: GET /sec/locks, the security administrator's
       list of locked staff accounts (SEC-1): Locks.N.{login,name,dept,
       locked_at,level}; each row posts login to /sec/unlock. ?>
<?cs include:"int/sec_nav.cs" ?>
<header class="page-head">
  <h1>被锁定的账户 <span class="count"><?cs var:subcount(Locks) ?> 个</span></h1>
  <p class="page-sub">工作人员连续输错 5 次密码后账户被锁定，须由安全管理员核实本人后解锁；解锁后本人用原密码登录。每次锁定和解锁都记入审计日志。外网申请人的账户由外网服务器上的 <code>yiwang-admin locks</code> 和 <code>yiwang-admin unlock 身份证号码</code> 查看和解锁。</p>
</header>
<?cs if:subcount(Locks) == 0 ?>
<div class="empty"><p>现在没有被锁定的账户。</p></div>
<?cs else ?>
<div class="table-wrap">
  <table class="grid reflow">
    <thead><tr><th scope="col">姓名</th><th scope="col">登录名</th><th scope="col">部门</th><th scope="col">锁定时间</th><th scope="col">第几次锁定</th><th scope="col">操作</th></tr></thead>
    <tbody>
      <?cs each:l = Locks ?>
      <tr>
        <td data-label="姓名"><?cs var:l.name ?></td>
        <td class="mono" data-label="登录名"><?cs var:l.login ?></td>
        <td data-label="部门"><?cs var:l.dept ?></td>
        <td class="nowrap" data-label="锁定时间"><?cs var:l.locked_at ?></td>
        <td data-label="第几次锁定"><?cs var:l.level ?></td>
        <td data-label="操作">
          <form method="post" action="/sec/unlock">
            <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
            <input type="hidden" name="login" value="<?cs var:l.login ?>">
            <button class="btn btn-plain" type="submit">核实本人后解锁</button>
          </form>
        </td>
      </tr>
      <?cs /each ?>
    </tbody>
  </table>
</div>
<?cs /if ?>
