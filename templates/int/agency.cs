<?cs # int/agency.cs: GET /agency, the projects the coordinator follows
       (全程代理, INT-14): Projects.N (open) as int/agency_rows.cs reads
       them; Closed.N.{id,name,investor,closed_at}. ?>
<?cs include:"int/agency_rows.cs" ?>
<header class="page-head">
  <h1>全程代理项目</h1>
  <p class="page-sub">工业性投资项目和重点招商项目由政务服务中心全程代理：中心代表投资企业督促、协调各部门在规定时限内无偿办理，办结后送达企业。您负责下列项目：可查看每个事项的办理进度，代投资企业申请，催办各部门，但不办理任何环节。</p>
  <p class="actions"><a class="btn btn-primary" href="/agency/new">登记新项目</a></p>
</header>
<section class="panel">
  <?cs if:subcount(Projects) == 0 ?>
  <p class="muted">您还没有负责的全程代理项目。签订委托代理协议后，点“登记新项目”登记。</p>
  <?cs else ?>
  <?cs call:agency_rows(1) ?>
  <?cs /if ?>
</section>
<?cs if:subcount(Closed) > 0 ?>
<section class="panel" aria-labelledby="closed-title">
  <h2 class="section-title" id="closed-title">已关闭的项目</h2>
  <ul class="link-list">
    <?cs each:p = Closed ?>
    <li><?cs if:1 == 1 ?><a href="/agency/project?id=<?cs var:url_escape(p.id) ?>"><?cs var:p.name ?></a><?cs else ?><?cs var:p.name ?><?cs /if ?> <span class="small muted"><?cs var:p.investor ?> · 关闭于 <?cs var:p.closed_at ?></span></li>
    <?cs /each ?>
  </ul>
</section>
<?cs /if ?>
