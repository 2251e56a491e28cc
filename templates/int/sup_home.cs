<?cs # int/sup_home.cs: GET /sup, electronic supervision at a glance
       (States.N.{state,label,count}: every case by state), and the way
       to the warnings (/sup/warnings, /sup/rules). ?>
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
<section class="panel" aria-labelledby="warnings">
  <h2 class="section-title" id="warnings">预警</h2>
  <p>环节超期的红灯警告和异常预警（跳过环节、缺少文书、超标准收费、决定未签署意见、二次补正、受理或办结超期、违反回避规定、办结后又被改动），写入后任何人都不能修改或删除。</p>
  <p class="actions"><a class="btn btn-primary" href="/sup/warnings">预警记录</a> <a class="btn btn-plain" href="/sup/rules">预警规则</a></p>
</section>
