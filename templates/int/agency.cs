<?cs # int/agency.cs: GET /agency, the projects the coordinator follows
       (全程代理, INT-14): Projects.N as int/agency_rows.cs reads them. ?>
<?cs include:"int/agency_rows.cs" ?>
<header class="page-head">
  <h1>全程代理项目</h1>
  <p class="page-sub">工业性投资项目和重点招商项目由政务服务中心全程代理：中心代表投资企业督促、协调各部门在规定时限内无偿办理，办结后送达企业。您负责下列项目，可查看每个事项的办理进度并催办，但不办理任何环节。</p>
  <p class="actions"><a class="btn btn-primary" href="/agency/new">登记新项目</a></p>
</header>
<section class="panel">
  <?cs if:subcount(Projects) == 0 ?>
  <p class="muted">您还没有负责的全程代理项目。签订委托代理协议后，点“登记新项目”登记。</p>
  <?cs else ?>
  <?cs call:agency_rows(1) ?>
  <?cs /if ?>
</section>
