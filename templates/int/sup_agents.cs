<?cs # int/sup_agents.cs: GET /sup/agents, 代办点统计 (AGT-2):
       Agents.N.{name,area,cases,decided}, most cases first. ?>
<?cs include:"int/sup_nav.cs" ?>
<header class="page-head">
  <h1>代办点统计</h1>
  <p class="page-sub">每位代办员及其服务区域代办的办件数和已办结数，从办件本身统计。</p>
</header>
<section class="panel">
  <?cs if:subcount(Agents) == 0 ?>
  <p>代办员功能尚未开通，暂无代办件。</p>
  <p class="muted">代办员账号开通后（代办员登录子系统），代办件将自动计入本表。</p>
  <?cs else ?>
  <div class="table-wrap"><table class="grid reflow">
    <thead><tr><th scope="col">代办员</th><th scope="col">服务区域</th><th scope="col" class="num">代办件</th><th scope="col" class="num">已办结</th></tr></thead>
    <tbody><?cs each:a = Agents ?><tr><td data-label="代办员"><?cs var:a.name ?></td><td data-label="服务区域"><?cs var:a.area ?></td><td data-label="代办件" class="num"><?cs var:a.cases ?></td><td data-label="已办结" class="num"><?cs var:a.decided ?></td></tr><?cs /each ?></tbody>
  </table></div>
  <?cs /if ?>
</section>
