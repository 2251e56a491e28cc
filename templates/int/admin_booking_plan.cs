<?cs # int/admin_booking_plan.cs: 预约时段 (EXT-10), GET/POST
       /admin/booking-plan, the system administrator (who keeps the
       windows).  Windows.N.{dept,code,dept_name,window_name,planned,
       minutes,capacity,Days.K.{label,times,cap},closed,sent_days}: every
       window, its weekdays open (those alike in a row as one); with a
       window chosen Plan.{dept,code,dept_name,window_name,minutes,closed,
       planned}, Weekdays.N.{n,name,times,cap} (each day of the week's
       slots and places) and Outside.N.{code,name,window,day,slot,
       item_name,app_no}: the bookings waiting that its plan no longer
       offers.  Form.Error on a refusal (422). ?>
<?cs include:"int/admin_nav.cs" ?>
<header class="page-head">
  <h1>预约时段</h1>
  <p class="page-sub">按星期设置各窗口可网上预约的时段和每段人数，以及不开放的日期。保存后随网闸摆渡送往外网，外网只在这些日期和时段接受预约；节假日按工作日历自动不开放。</p>
</header>
<?cs if:Plan.code ?>
<section class="form-page" id="plan">
  <h2><?cs var:Plan.dept_name ?> · <?cs var:Plan.window_name ?> <span class="mono small muted"><?cs var:Plan.dept ?>/<?cs var:Plan.code ?></span></h2>
  <?cs if:Plan.planned != "1" ?><p class="help">这个窗口还没有预约安排，下面是建议值，保存后才开放网上预约。</p><?cs /if ?>
  <?cs call:form_error() ?>
  <form class="form" method="post" action="/admin/booking-plan">
    <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
    <input type="hidden" name="dept" value="<?cs var:Plan.dept ?>">
    <input type="hidden" name="code" value="<?cs var:Plan.code ?>">
    <div class="field">
      <label for="f-minutes">每个时段（分钟）</label>
      <input id="f-minutes" name="minutes" type="number" min="5" max="240" inputmode="numeric" value="<?cs var:Plan.minutes ?>" required>
    </div>
    <fieldset class="field">
      <legend>每天的时段和人数</legend>
      <p class="help" id="f-week-help">每天一行：填这天各时段的开始时间，用空格分开，从早到晚，07:00 到 20:00 之间，最多 24 个，如 09:00 09:30 14:00；这天不接受预约就留空。人数是每个时段可约几人，0 表示这天暂停网上预约（已约的保留）。节假日按工作日历自动不开放；调休上班的星期六按“星期六”一行开放。</p>
      <div class="week-row week-head" aria-hidden="true"><span>星期</span><span>各时段开始时间</span><span>每段人数</span></div>
      <?cs each:d = Weekdays ?>
      <div class="week-row">
        <label for="f-t<?cs var:d.n ?>">星期<?cs var:d.name ?></label>
        <input id="f-t<?cs var:d.n ?>" name="t<?cs var:d.n ?>" type="text" spellcheck="false" autocomplete="off" aria-describedby="f-week-help" placeholder="不开放" value="<?cs var:d.times ?>">
        <input name="c<?cs var:d.n ?>" type="number" min="0" max="50" inputmode="numeric" value="<?cs var:d.cap ?>" aria-label="星期<?cs var:d.name ?>每个时段可约人数">
      </div>
      <?cs /each ?>
    </fieldset>
    <div class="field">
      <label for="f-closed">不开放的日期（选填）</label>
      <textarea id="f-closed" name="closed" rows="2" spellcheck="false" aria-describedby="f-closed-help"><?cs var:Plan.closed ?></textarea>
      <p class="help" id="f-closed-help">窗口培训、设备检修等不接待预约的日子，格式 2026-12-24，用空格分开，从早到晚，最多 30 天；过去的日期保存时自动去掉。</p>
    </div>
    <div class="form-actions">
      <button class="btn btn-primary" type="submit">保存并送往外网</button>
      <a class="btn btn-plain" href="/admin/booking-plan">返回窗口一览</a>
    </div>
  </form>
  <h3>不在现行安排内的预约</h3>
  <?cs if:subcount(Outside) == 0 ?>
  <p class="muted">没有：已约的预约都在现行安排的日期和时段内。</p>
  <?cs else ?>
  <?cs include:"int/bookings_outside.cs" ?>
  <?cs /if ?>
</section>
<?cs /if ?>
<section>
  <h2>窗口一览</h2>
  <?cs if:subcount(Windows) == 0 ?>
  <div class="empty"><p>还没有窗口。请先在“机构管理”中为部门新增窗口。</p></div>
  <?cs else ?>
  <div class="table-wrap">
    <table class="grid reflow">
      <thead><tr><th scope="col">部门和窗口</th><th scope="col">预约安排</th><th scope="col">操作</th></tr></thead>
      <tbody>
        <?cs each:w = Windows ?>
        <tr>
          <td data-label="部门和窗口"><?cs var:w.dept_name ?> · <?cs var:w.window_name ?> <span class="mono small muted"><?cs var:w.code ?></span></td>
          <td data-label="预约安排"><?cs if:w.planned != "1" ?><span class="muted">未开放网上预约</span><?cs elif:subcount(w.Days) == 0 ?><span class="muted">已停止网上预约</span><?cs else ?><?cs each:d = w.Days ?><?cs var:d.label ?>：<?cs var:d.times ?>（每段 <?cs var:d.cap ?> 人）<br><?cs /each ?><span class="small">每段 <?cs var:w.minutes ?> 分钟</span><?cs if:w.closed ?><br><span class="small">不开放：<?cs var:w.closed ?></span><?cs /if ?><?cs /if ?></td>
          <td data-label="操作"><a class="btn btn-small" href="/admin/booking-plan?dept=<?cs var:url_escape(w.dept) ?>&amp;code=<?cs var:url_escape(w.code) ?>#plan">设置</a></td>
        </tr>
        <?cs /each ?>
      </tbody>
    </table>
  </div>
  <?cs /if ?>
</section>
