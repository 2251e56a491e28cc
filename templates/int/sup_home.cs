<?cs # int/sup_home.cs: GET /sup, electronic supervision at a glance
       (States.N.{state,label,count}: every case by state). ?>
<header class="page-head">
  <h1>电子监察</h1>
  <p class="page-sub">全市各部门的办件情况。监察只看不办：这里的页面不改变任何办件。</p>
</header>
<section class="panel" aria-labelledby="by-state">
  <h2 class="section-title" id="by-state">办件状态</h2>
  <?cs if:subcount(States) == 0 ?><p>还没有办件。</p><?cs else ?>
  <table class="table">
    <thead><tr><th scope="col">状态</th><th scope="col" class="num">件数</th></tr></thead>
    <tbody><?cs each:s = States ?><tr><td><?cs var:s.label ?></td><td class="num"><?cs var:s.count ?></td></tr><?cs /each ?></tbody>
  </table>
  <?cs /if ?>
</section>
<p class="muted"><a href="/sup/agents">代办点统计</a></p>
