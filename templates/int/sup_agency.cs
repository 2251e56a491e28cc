<?cs # int/sup_agency.cs: GET /sup/agency, every 全程代理 project with the
       worst light of its waiting steps (INT-14): Projects.N (open) as
       int/agency_rows.cs reads them, Closed.N.{id,name,investor,
       closed_at}; observers read the list only. ?>
<?cs include:"int/sup_nav.cs" ?>
<?cs include:"int/agency_rows.cs" ?>
<header class="page-head">
  <h1>全程代理项目</h1>
  <p class="page-sub">政务服务中心全程代理的重点项目，每个项目在办环节中最紧的期限亮灯；红灯表示已有环节超期。</p>
</header>
<section class="panel">
  <?cs if:subcount(Projects) == 0 ?>
  <p class="muted">还没有登记全程代理项目。</p>
  <?cs else ?>
  <?cs call:agency_rows(User.Role.supervisor) ?>
  <?cs /if ?>
</section>
<?cs if:subcount(Closed) > 0 ?>
<section class="panel" aria-labelledby="closed-title">
  <h2 class="section-title" id="closed-title">已关闭的项目</h2>
  <ul class="link-list">
    <?cs each:p = Closed ?>
    <li><?cs if:User.Role.supervisor == 1 ?><a href="/agency/project?id=<?cs var:url_escape(p.id) ?>"><?cs var:p.name ?></a><?cs else ?><?cs var:p.name ?><?cs /if ?> <span class="small muted"><?cs var:p.investor ?> · 关闭于 <?cs var:p.closed_at ?></span></li>
    <?cs /each ?>
  </ul>
</section>
<?cs /if ?>
