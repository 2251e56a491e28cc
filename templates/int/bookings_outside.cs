<?cs # int/bookings_outside.cs: the bookings still waiting that a change
       of their window's plan left out (EXT-10), kept, for the clerk to
       call: Outside.N.{code,name,window,day,slot,item_name,app_no}.
       Included by int/hall_bookings.cs and int/admin_booking_plan.cs. ?>
<p class="warn" role="status">窗口的预约时段调整后，下面这些预约不在新的日期或时段内。预约照旧保留，本人仍可按原时间来办理；请窗口人员电话告知本人，商量按原时间办理或改约（有办件号的，电话见该办件的申请人信息）。</p>
<div class="table-wrap">
  <table class="grid reflow">
    <thead><tr><th scope="col">日期和时段</th><th scope="col">窗口</th><th scope="col">预约码</th><th scope="col">申请人和事项</th></tr></thead>
    <tbody>
      <?cs each:b = Outside ?>
      <tr>
        <td data-label="日期和时段"><?cs var:b.day ?> <?cs var:b.slot ?></td>
        <td data-label="窗口"><?cs var:b.window ?></td>
        <td data-label="预约码" class="mono"><?cs var:b.code ?></td>
        <td data-label="申请人和事项"><?cs var:b.name ?><br><span class="small"><?cs var:b.item_name ?><?cs if:b.app_no ?> <span class="mono"><?cs var:b.app_no ?></span><?cs /if ?></span></td>
      </tr>
      <?cs /each ?>
    </tbody>
  </table>
</div>
