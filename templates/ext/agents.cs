<?cs # ext/agents.cs: GET /agents, 代办点统计 (AGT-2): Agents.N.{name,area,
       cases,decided} as the intranet last sent them, counted at
       Agents_as_of; none until agents exist (AGT-1), which the page says
       plainly, or until the numbers of the Agents_open agents whose
       accounts crossed come. ?>
<nav class="crumbs" aria-label="位置"><a href="/">首页</a> › 代办点统计</nav>
<header class="page-head">
  <h1>代办点统计</h1>
  <p class="page-sub">各苏木乡镇、嘎查村代办点的代办员为群众代办的事项件数。</p>
</header>
<section class="section">
  <?cs if:subcount(Agents) == 0 && Agents_open > 0 ?>
  <div class="empty"><p>代办员已经开通，代办件数还没有从审批系统送来。</p><p class="muted">审批系统送来后，这里将按代办员和服务区域公布代办件数和办结件数。</p></div>
  <?cs elif:subcount(Agents) == 0 ?>
  <div class="empty"><p>代办员功能尚未开通，暂无代办件。</p><p class="muted">开通后，这里将按代办员和服务区域公布代办件数和办结件数。</p></div>
  <?cs else ?>
  <div class="table-wrap"><table class="grid reflow">
    <thead><tr><th scope="col">代办员</th><th scope="col">服务区域</th><th scope="col" class="num">代办件</th><th scope="col" class="num">已办结</th></tr></thead>
    <tbody><?cs each:a = Agents ?><tr><td data-label="代办员"><?cs var:a.name ?></td><td data-label="服务区域"><?cs var:a.area ?></td><td data-label="代办件" class="num"><?cs var:a.cases ?></td><td data-label="已办结" class="num"><?cs var:a.decided ?></td></tr><?cs /each ?></tbody>
  </table></div>
  <p class="muted small">统计于 <?cs var:Agents_as_of ?>（由审批系统送达）。</p>
  <?cs /if ?>
</section>
