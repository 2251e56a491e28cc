<?cs # ext/sms-dev.cs: the SMS outbox of a development site (NTF-1):
       Sms.N.{id,to,text,why,app_no,state,state_label,tries,created,sent,
       done,error}, newest first; SmsGateway when one is configured.
       Numbers masked.  GET /dev/sms, only with `development = 1`. ?>
<section>
  <h1>短信发件箱（开发环境）</h1>
  <p class="page-sub">本页只在开发和演示环境开放，列出最近 100 条短信：手机号码只显示前三位和后四位。<?cs if:!SmsGateway ?>本站没有配置短信网关，短信停在“待发送”。<?cs /if ?></p>
  <?cs if:subcount(Sms) == 0 ?>
  <p class="empty">还没有短信。</p>
  <?cs else ?>
  <div class="table-wrap">
  <table class="grid reflow">
    <thead><tr><th scope="col">编号</th><th scope="col">时间</th><th scope="col">收信号码</th><th scope="col">内容</th><th scope="col">事由</th><th scope="col">状态</th><th scope="col" class="num">尝试次数</th></tr></thead>
    <tbody>
    <?cs each:m = Sms ?>
    <tr class="sms-<?cs var:m.state ?>">
      <td data-label="编号"><?cs var:m.id ?></td>
      <td data-label="时间"><?cs var:m.created ?></td>
      <td data-label="收信号码"><?cs var:m.to ?></td>
      <td data-label="内容"><?cs var:m.text ?></td>
      <td data-label="事由"><?cs var:m.why ?><?cs if:m.app_no ?><br><?cs var:m.app_no ?><?cs /if ?></td>
      <td data-label="状态"><?cs var:m.state_label ?><?cs if:m.sent ?><br>交网关 <?cs var:m.sent ?><?cs /if ?><?cs if:m.done ?><br>结果 <?cs var:m.done ?><?cs /if ?><?cs if:m.error ?><br><?cs var:m.error ?><?cs /if ?></td>
      <td data-label="尝试次数" class="num"><?cs var:m.tries ?></td>
    </tr>
    <?cs /each ?>
    </tbody>
  </table>
  </div>
  <?cs /if ?>
</section>
