<?cs # ext/hall.cs: GET /hall?code=, the hall display (电子显示屏, PUB-1):
       Hall.{code,name,day,as_of,received,decided,in_progress,stale,
       today}: the numbers the intranet last sent and when it counted
       them; Results.N (as ext/results.cs), the hall's latest results. ?>
<div class="hall">
  <header class="hall-head">
    <h1 class="hall-name"><?cs var:Hall.name ?></h1>
    <p class="hall-date"><?cs var:Hall.today ?></p>
  </header>
  <?cs if:Hall.stale ?>
  <p class="hall-stale">今天的统计尚未送达。下面是 <?cs var:Hall.day ?> 的数据（统计于 <?cs var:Hall.as_of ?>）。</p>
  <?cs /if ?>
  <section class="hall-figures" aria-label="<?cs if:Hall.stale ?><?cs var:Hall.day ?><?cs else ?>今日<?cs /if ?>办件">
    <div class="hall-fig"><span class="hall-fig-label"><?cs if:Hall.stale ?>当日<?cs else ?>今日<?cs /if ?>收件</span><span class="hall-fig-num"><?cs var:Hall.received ?></span></div>
    <div class="hall-fig"><span class="hall-fig-label"><?cs if:Hall.stale ?>当日<?cs else ?>今日<?cs /if ?>办结</span><span class="hall-fig-num"><?cs var:Hall.decided ?></span></div>
    <div class="hall-fig"><span class="hall-fig-label">正在办理</span><span class="hall-fig-num"><?cs var:Hall.in_progress ?></span></div>
  </section>
  <p class="hall-asof">数据统计于 <?cs var:Hall.as_of ?>（由审批系统送达），本页每分钟自动刷新</p>
  <section class="hall-results" aria-labelledby="h-res">
    <h2 id="h-res">最新办结公示</h2>
    <?cs if:subcount(Results) == 0 ?>
    <p class="hall-none">暂无公示</p>
    <?cs else ?>
    <table>
      <thead><tr><th scope="col">事项</th><th scope="col">申请人</th><th scope="col">结果</th><th scope="col">决定日期</th></tr></thead>
      <tbody>
      <?cs each:x = Results ?><tr><td><?cs var:x.item_name ?></td><td><?cs var:x.applicant ?></td><td class="<?cs if:x.decision == "denied" ?>hall-no<?cs else ?>hall-yes<?cs /if ?>"><?cs var:x.decision_label ?></td><td><?cs var:x.decided_on ?></td></tr><?cs /each ?>
      </tbody>
    </table>
    <?cs /if ?>
  </section>
  <footer class="hall-foot">对办理过程或结果有意见，请拨打 12345 政务服务便民热线</footer>
</div>
