<?cs # int/sec_home.cs: GET /sec, the security administrator's home: what
       the role does, the three administrators (Admins.N, view_staff),
       Count.{no_password,temporary,no_role} of the accounts in use,
       Count.locked (locked accounts), Count.alerts (open alerts). ?>
<?cs include:"int/sec_nav.cs" ?>
<?cs include:"int/staff_list.cs" ?>
<header class="page-head">
  <h1>安全管理</h1>
  <p class="page-sub">安全管理员的职责（三员分立）：为工作人员分配角色，设置或重置密码，解除账号锁定，管理数字证书。账号由系统管理员建立；操作记录由审计管理员查阅。安全管理员不办理业务、不管理机构和事项，也不能修改自己的角色。</p>
</header>

<section class="section" aria-labelledby="todo-title">
  <h2 class="section-title" id="todo-title">待处理</h2>
  <ul class="doc-list">
    <li><a href="/sec/staff"><span class="dl-title">尚未分配角色的账号</span><span class="dl-meta"><?cs var:Count.no_role ?> 个</span></a></li>
    <li><a href="/sec/staff"><span class="dl-title">尚未设置密码的账号</span><span class="dl-meta"><?cs var:Count.no_password ?> 个</span></a></li>
    <li><a href="/sec/staff"><span class="dl-title">临时密码尚未由本人修改的账号</span><span class="dl-meta"><?cs var:Count.temporary ?> 个</span></a></li>
    <li><a href="/sec/locks"><span class="dl-title">因输错密码被锁定的账户</span><span class="dl-meta"><?cs var:Count.locked ?> 个</span></a></li>
    <li><a href="/sec/alerts"><span class="dl-title">未处理的安全警告</span><span class="dl-meta"><?cs var:Count.alerts ?> 条</span></a></li>
  </ul>
</section>

<section class="section" aria-labelledby="duties-title">
  <h2 class="section-title" id="duties-title">职责</h2>
  <ul class="doc-list">
    <li><a href="/sec/staff"><span class="dl-title">角色与密码</span><span class="dl-meta">分配窗口受理人员、承办人、科室负责人、分管领导和三类管理员的角色；设置初始密码或重置密码（本人下次登录时须先修改）</span></a></li>
    <li><a href="/sec/locks"><span class="dl-title">账户锁定</span><span class="dl-meta">连续输错 5 次密码的工作人员账户被锁定，核实本人后解锁</span></a></li>
    <li><a href="/sec/certs"><span class="dl-title">数字证书</span><span class="dl-meta">管理员凭本人的数字证书登录；查看绑定证书的账号，吊销证书</span></a></li>
    <li><a href="/sec/alerts"><span class="dl-title">安全警告</span><span class="dl-meta">被拒绝的数据包、伪造的记录、对端的新纪元：逐条核查后写明处理结果</span></a></li>
  </ul>
</section>

<section class="section" aria-labelledby="admins-title">
  <h2 class="section-title" id="admins-title">三员</h2>
  <p class="small muted">系统管理员、安全管理员、审计管理员须由不同的人担任，管理员不兼任业务角色。</p>
  <?cs call:staff_table(Admins, "/sec/staff/edit") ?>
</section>
