<?cs # int/sup_home.cs: GET /sup, the county at a glance (SUP-3): All,
       States.N, Depts.N, Halls.N each {n,red,yellow,green,red_today}
       (open cases, by the light of their running deadline; red_today:
       warnings written today), with state/label, code/name/hall_name,
       code/name; Oldest.N the oldest open cases; Today the Beijing date.
       Every number links to /sup/cases with the filters it counts. ?>
<?cs def:num(n, href) ?><?cs if:n > 0 ?><a href="<?cs var:href ?>"><?cs var:n ?></a><?cs else ?><span class="muted">0</span><?cs /if ?><?cs /def ?>
<?cs def:lights(t, q) ?>
<td class="num" data-label="在办"><?cs call:num(t.n, "/sup/cases?" + q) ?></td>
<td class="num" data-label="红灯"><?cs call:num(t.red, "/sup/cases?light=red&" + q) ?></td>
<td class="num" data-label="黄灯"><?cs call:num(t.yellow, "/sup/cases?light=yellow&" + q) ?></td>
<td class="num" data-label="绿灯"><?cs call:num(t.green, "/sup/cases?light=green&" + q) ?></td>
<?cs /def ?>
<?cs include:"int/sup_nav.cs" ?>
<header class="page-head">
  <h1>电子监察</h1>
  <p class="page-sub">全市各部门办件的实时情况（<?cs var:Today ?>）。亮灯按办件的受理期限（待受理时）或承诺办结期限（已受理后）计算：绿灯在期限内，黄灯今天到期，红灯已超期；补正、特别程序和上报期间不计期限，不亮灯。监察只看不办：这里的页面不改变任何办件。</p>
</header>

<section class="section" aria-labelledby="glance">
  <h2 class="visually-hidden" id="glance">总览</h2>
  <ul class="sup-tiles">
    <li><span class="sup-tile-label">在办件</span><span class="sup-tile-num"><?cs call:num(All.n, "/sup/cases") ?></span></li>
    <li class="light-red"><span class="sup-tile-label">红灯（已超期）</span><span class="sup-tile-num"><?cs call:num(All.red, "/sup/cases?light=red") ?></span></li>
    <li class="light-yellow"><span class="sup-tile-label">黄灯（今天到期）</span><span class="sup-tile-num"><?cs call:num(All.yellow, "/sup/cases?light=yellow") ?></span></li>
    <li class="light-green"><span class="sup-tile-label">绿灯</span><span class="sup-tile-num"><?cs call:num(All.green, "/sup/cases?light=green") ?></span></li>
    <li class="light-red"><span class="sup-tile-label">今日新亮红灯</span><span class="sup-tile-num" id="red-today"><?cs call:num(All.red_today, "/sup/cases?warned=" + url_escape(Today)) ?></span></li>
  </ul>
</section>

<section class="section" aria-labelledby="by-state">
  <h2 class="section-title" id="by-state">在办件按状态</h2>
  <div class="table-wrap">
    <table class="grid sup-counts" id="t-state">
      <thead><tr><th scope="col">状态</th><th scope="col" class="num">在办</th><th scope="col" class="num">红灯</th><th scope="col" class="num">黄灯</th><th scope="col" class="num">绿灯</th></tr></thead>
      <tbody><?cs each:s = States ?><tr data-state="<?cs var:s.state ?>"><td class="m-name"><?cs var:s.label ?></td><?cs call:lights(s, "state=" + url_escape(s.state)) ?></tr><?cs /each ?></tbody>
    </table>
  </div>
</section>

<section class="section" aria-labelledby="by-dept">
  <h2 class="section-title" id="by-dept">按部门</h2>
  <?cs if:subcount(Depts) == 0 ?><p class="muted">各部门都没有在办件，今天也没有新亮红灯。</p><?cs else ?>
  <div class="table-wrap">
    <table class="grid sup-counts" id="t-dept">
      <thead><tr><th scope="col">部门</th><th scope="col" class="num">在办</th><th scope="col" class="num">红灯</th><th scope="col" class="num">黄灯</th><th scope="col" class="num">绿灯</th><th scope="col" class="num">今日新红灯</th></tr></thead>
      <tbody><?cs each:d = Depts ?><tr data-dept="<?cs var:d.code ?>"><td class="m-name"><?cs var:d.name ?><?cs if:d.hall_name ?><br><span class="small muted"><?cs var:d.hall_name ?></span><?cs /if ?></td><?cs call:lights(d, "dept=" + url_escape(d.code)) ?><td class="num" data-label="今日新红灯"><?cs call:num(d.red_today, "/sup/cases?warned=" + url_escape(Today) + "&dept=" + url_escape(d.code)) ?></td></tr><?cs /each ?></tbody>
    </table>
  </div>
  <?cs /if ?>
</section>

<section class="section" aria-labelledby="by-hall">
  <h2 class="section-title" id="by-hall">按服务大厅</h2>
  <div class="table-wrap">
    <table class="grid sup-counts" id="t-hall">
      <thead><tr><th scope="col">服务大厅</th><th scope="col" class="num">在办</th><th scope="col" class="num">红灯</th><th scope="col" class="num">黄灯</th><th scope="col" class="num">绿灯</th><th scope="col" class="num">今日新红灯</th></tr></thead>
      <tbody><?cs each:h = Halls ?><tr data-hall="<?cs var:h.code ?>"><td class="m-name"><?cs var:h.name ?></td><?cs call:lights(h, "hall=" + url_escape(h.code)) ?><td class="num" data-label="今日新红灯"><?cs call:num(h.red_today, "/sup/cases?warned=" + url_escape(Today) + "&hall=" + url_escape(h.code)) ?></td></tr><?cs /each ?></tbody>
    </table>
  </div>
</section>

<section class="section" aria-labelledby="oldest">
  <h2 class="section-title" id="oldest">收件最早的在办件</h2>
  <?cs if:subcount(Oldest) == 0 ?><p class="muted">没有在办件。</p><?cs else ?>
  <?cs include:"int/sup_rows.cs" ?>
  <?cs call:sup_rows(Oldest) ?>
  <p><a href="/sup/cases">全部在办件（收件最早的在前）</a></p>
  <?cs /if ?>
</section>
<section class="panel" aria-labelledby="warnings">
  <h2 class="section-title" id="warnings">预警</h2>
  <p>环节超期的红灯警告和异常预警（跳过环节、缺少文书、超标准收费、决定未签署意见、二次补正、受理或办结超期、违反回避规定、办结后又被改动），写入后任何人都不能修改或删除。</p>
  <p class="actions"><a class="btn btn-primary" href="/sup/warnings">预警记录</a> <a class="btn btn-plain" href="/sup/rules">预警规则</a></p>
</section>
