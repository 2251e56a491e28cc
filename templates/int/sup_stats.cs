<?cs # int/sup_stats.cs: GET /sup/stats, 统计分析 (SUP-6): Period.*;
       By.{word,name}; Chart.svg_html (barchart_svg(), every text
       escaped); Rows.N.{key,label,received,online,decided,approved,
       denied,not_accepted,withdrawn,ended,on_time,late,on_time_rate,
       avg_days,private}: private items show counts only, no link. ?>
<?cs def:by_tab(word, name) ?><?cs if:By.word == word ?><strong aria-current="page"><?cs var:name ?></strong><?cs else ?><a href="/sup/stats?by=<?cs var:url_escape(word) ?>&amp;from=<?cs var:url_escape(Period.from) ?>&amp;to=<?cs var:url_escape(Period.to) ?>"><?cs var:name ?></a><?cs /if ?><?cs /def ?>
<?cs include:"int/sup_nav.cs" ?>
<header class="page-head">
  <h1>统计分析</h1>
  <p class="page-sub"><?cs var:Period.from ?> 至 <?cs var:Period.to ?>，按<?cs var:By.name ?>统计。</p>
</header>
<?cs set:Nav.action = "/sup/stats" ?><?cs include:"int/sup_period.cs" ?>
<p class="light-tabs stats-tabs no-print">按：<?cs call:by_tab("month", "月份") ?> <?cs call:by_tab("dept", "部门") ?> <?cs call:by_tab("item", "事项") ?> <?cs call:by_tab("channel", "渠道") ?> <?cs call:by_tab("result", "办理结果") ?></p>
<section class="section" aria-labelledby="stats-chart">
  <h2 class="section-title" id="stats-chart">按<?cs var:By.name ?>统计</h2>
  <figure class="chart stats-chart"><?cs uvar:Chart.svg_html ?></figure>
  <p class="actions no-print"><a class="btn btn-plain" href="/sup/stats.csv?by=<?cs var:url_escape(By.word) ?>&amp;from=<?cs var:url_escape(Period.from) ?>&amp;to=<?cs var:url_escape(Period.to) ?>" download>下载表格（CSV，可用 Excel 打开）</a></p>
  <?cs if:subcount(Rows) == 0 ?><div class="empty"><p>这段时间没有办件。</p></div><?cs else ?>
  <div class="table-wrap">
    <table class="grid reflow perf-table">
      <?cs if:By.word == "result" ?>
      <thead><tr><th scope="col">办理结果</th><th scope="col" class="num">件数</th><th scope="col" class="num">其中按时</th><th scope="col" class="num">超期</th><th scope="col" class="num">平均用时<br><span class="small">（工作日）</span></th></tr></thead>
      <tbody><?cs each:s = Rows ?><tr>
        <td data-label="办理结果" class="m-name"><?cs var:s.label ?></td>
        <td data-label="件数" class="num"><?cs var:s.ended ?></td>
        <td data-label="其中按时" class="num"><?cs var:s.on_time ?></td>
        <td data-label="超期" class="num"><?cs var:s.late ?></td>
        <td data-label="平均用时" class="num"><?cs var:s.avg_days ?></td>
      </tr><?cs /each ?></tbody>
      <?cs else ?>
      <thead><tr><th scope="col"><?cs var:By.name ?></th><th scope="col" class="num">收件</th><th scope="col" class="num">其中网上</th><th scope="col" class="num">办结</th><th scope="col" class="num">准予</th><th scope="col" class="num">不予许可</th><th scope="col" class="num">不予受理</th><th scope="col" class="num">撤回</th><th scope="col" class="num">限时办结率</th><th scope="col" class="num">平均用时<br><span class="small">（工作日）</span></th></tr></thead>
      <tbody><?cs each:s = Rows ?><tr>
        <td data-label="<?cs var:By.name ?>" class="m-name"><?cs if:By.word == "dept" ?><a href="/sup/perf/dept?code=<?cs var:url_escape(s.key) ?>&amp;from=<?cs var:url_escape(Period.from) ?>&amp;to=<?cs var:url_escape(Period.to) ?>"><?cs var:s.label ?></a><?cs elif:By.word == "item" && !s.private ?><a href="/sup/cases?item=<?cs var:url_escape(s.key) ?>"><?cs var:s.label ?></a><?cs else ?><?cs var:s.label ?><?cs /if ?><?cs if:s.private ?> <span class="tag tag-req">只统计件数</span><?cs /if ?><?cs if:By.word == "item" ?><br><span class="small muted mono"><?cs var:s.key ?></span><?cs /if ?></td>
        <td data-label="收件" class="num"><?cs var:s.received ?></td>
        <td data-label="其中网上" class="num"><?cs var:s.online ?></td>
        <td data-label="办结" class="num"><?cs var:s.decided ?></td>
        <td data-label="准予" class="num"><?cs var:s.approved ?></td>
        <td data-label="不予许可" class="num"><?cs var:s.denied ?></td>
        <td data-label="不予受理" class="num"><?cs var:s.not_accepted ?></td>
        <td data-label="撤回" class="num"><?cs var:s.withdrawn ?></td>
        <td data-label="限时办结率" class="num"><?cs var:s.on_time_rate ?></td>
        <td data-label="平均用时" class="num"><?cs var:s.avg_days ?></td>
      </tr><?cs /each ?></tbody>
      <?cs /if ?>
    </table>
  </div>
  <?cs /if ?>
  <p class="small muted list-note">收件按收件日期、办结按决定日期计入期间。婚姻登记、收养登记等涉及个人隐私的事项只统计件数，不列申请人，也不链接到办件。渠道：网上申请（外网）或窗口收件（申请人到窗口递交，由窗口人员登记）。各项指标的算法见“绩效评估”页。</p>
</section>
