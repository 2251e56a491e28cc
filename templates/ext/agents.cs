<?cs # ext/agents.cs: GET /agents, 代办点统计 (AGT-2).  Agent accounts do
       not exist yet (AGT-1): the page says so, and shows no number. ?>
<nav class="crumbs" aria-label="位置"><a href="/">首页</a> › 代办点统计</nav>
<header class="page-head">
  <h1>代办点统计</h1>
  <p class="page-sub">各苏木乡镇、嘎查村代办点代办员为群众代办的事项件数。</p>
</header>
<section class="section">
  <div class="empty"><p>代办员功能尚未开通，暂无代办件。</p><p class="muted">开通后，这里将按代办员和服务区域公布代办件数和办结件数。</p></div>
</section>
