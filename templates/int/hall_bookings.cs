<?cs # int/hall_bookings.cs: 今日预约 (EXT-10), GET /hall/bookings?day=,
       window clerks only.  Hall.{day,today,dept}; Bookings.N.{code,name,
       window_code,window,slot,item_name,app_no,state,state_label,started,
       marked_by}: the department's bookings of the day; Outside.N.{code,
       name,window,day,slot,item_name,app_no}: those still waiting that a
       change of the window's plan left out (kept; to call); Form.Error
       on a refusal (422). ?>
<header class="page-head">
  <h1>预约到窗口</h1>
  <p class="page-sub"><?cs var:Hall.dept ?>：<?cs var:Hall.day ?> 的网上预约。申请人报预约码并出示身份证后登记“已到场”；时段过后未来的登记“未到场”。</p>
</header>
<form class="form form-inline" method="get" action="/hall/bookings">
  <label for="f-day">日期</label>
  <input id="f-day" name="day" type="date" value="<?cs var:Hall.day ?>">
  <button class="btn" type="submit">查看</button>
  <?cs if:Hall.day != Hall.today ?><a class="btn" href="/hall/bookings">今天</a><?cs /if ?>
</form>
<?cs if:Form.Error ?><div class="alert alert-error" id="form-error" role="alert"><?cs var:Form.Error ?></div><?cs /if ?>
<?cs if:subcount(Bookings) == 0 ?>
<div class="empty"><p>这一天本部门的窗口没有网上预约。</p></div>
<?cs else ?>
<div class="table-wrap">
  <table class="grid reflow">
    <thead><tr><th scope="col">窗口</th><th scope="col">时段</th><th scope="col">预约码</th><th scope="col">申请人和事项</th><th scope="col">到场</th></tr></thead>
    <tbody>
      <?cs each:b = Bookings ?>
      <tr>
        <td data-label="窗口"><?cs var:b.window ?></td>
        <td data-label="时段"><?cs var:b.slot ?></td>
        <td data-label="预约码" class="mono"><?cs var:b.code ?></td>
        <td data-label="申请人和事项"><?cs var:b.name ?><br><span class="small"><?cs var:b.item_name ?><?cs if:b.app_no ?> <span class="mono"><?cs var:b.app_no ?></span><?cs /if ?></span></td>
        <td data-label="到场"><?cs if:b.state == "booked" ?>
          <form method="post" action="/hall/bookings/mark" class="inline">
            <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
            <input type="hidden" name="code" value="<?cs var:b.code ?>">
            <input type="hidden" name="day" value="<?cs var:Hall.day ?>">
            <button class="btn btn-small btn-primary" type="submit" name="state" value="arrived">已到场</button>
            <?cs if:b.started == "1" ?><button class="btn btn-small" type="submit" name="state" value="noshow">未到场</button><?cs /if ?>
          </form>
          <?cs else ?><span class="badge<?cs if:b.state == "arrived" ?> st-approved<?cs elif:b.state == "noshow" ?> st-rejected<?cs /if ?>"><?cs var:b.state_label ?></span><?cs if:b.marked_by ?> <span class="small muted"><?cs var:b.marked_by ?></span><?cs /if ?><?cs /if ?></td>
      </tr>
      <?cs /each ?>
    </tbody>
  </table>
</div>
<?cs /if ?>
<?cs if:subcount(Outside) > 0 ?>
<section id="outside">
  <h2>请电话告知：不在现行安排内的预约</h2>
  <?cs include:"int/bookings_outside.cs" ?>
</section>
<?cs /if ?>
