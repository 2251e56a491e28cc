<?cs # ext/bookings.cs: GET /bookings, the person's window bookings
       (EXT-10): Bookings.N.{code,window,day,slot,item_code,item_name,
       app_no,state,state_label,started}. ?>
<header class="page-head">
  <h1>我的预约</h1>
  <p class="page-sub">到窗口时向工作人员报预约码，并出示身份证。</p>
</header>
<?cs if:subcount(Bookings) == 0 ?>
<div class="empty"><p>您还没有预约。在办事指南或办件页面点“预约到窗口办理”即可预约。</p></div>
<?cs else ?>
<div class="table-wrap">
  <table class="grid reflow">
    <thead><tr><th scope="col">预约码</th><th scope="col">时间</th><th scope="col">窗口和事项</th><th scope="col">状态</th></tr></thead>
    <tbody>
      <?cs each:b = Bookings ?>
      <tr>
        <td data-label="预约码" class="mono"><?cs var:b.code ?></td>
        <td data-label="时间"><?cs var:b.day ?> <?cs var:b.slot ?></td>
        <td data-label="窗口和事项"><?cs var:b.window ?><br><a href="/guide?code=<?cs var:url_escape(b.item_code) ?>"><?cs var:b.item_name ?></a><?cs if:b.app_no ?> <a class="mono small" href="/app?no=<?cs var:url_escape(b.app_no) ?>"><?cs var:b.app_no ?></a><?cs /if ?></td>
        <td data-label="状态"><span class="badge<?cs if:b.state == "arrived" ?> st-approved<?cs elif:b.state == "noshow" ?> st-rejected<?cs /if ?>"><?cs var:b.state_label ?></span>
          <?cs if:b.state == "booked" && b.started == "0" ?>
          <form method="post" action="/booking/cancel" class="inline">
            <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
            <input type="hidden" name="code" value="<?cs var:b.code ?>">
            <button class="btn btn-small" type="submit">取消预约</button>
          </form>
          <?cs /if ?></td>
      </tr>
      <?cs /each ?>
    </tbody>
  </table>
</div>
<?cs /if ?>
