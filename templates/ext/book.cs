<?cs # ext/book.cs: 预约到窗口办理 (EXT-10), GET/POST /book.  Book.{item,
       item_name,dept_name,no,blocked,noshow_max,noshow_days,block_days,
       active_max}; Windows.N.{code,name,place,minutes,Days.M.{day,wday,
       any,Slots.K.{time,left,at}}}: the working days the intranet's
       calendar names (wday 周一…) and the slots of that weekday not
       started; Form.Error on a refusal (422). ?>
<header class="page-head">
  <h1>预约到窗口办理</h1>
  <p class="page-sub"><?cs var:Book.item_name ?>（<?cs var:Book.dept_name ?>）<?cs if:Book.no ?>，申请编号 <span class="mono"><?cs var:Book.no ?></span><?cs /if ?></p>
</header>
<?cs if:Form.Error ?><div class="alert alert-error" id="form-error" role="alert"><?cs var:Form.Error ?></div><?cs /if ?>
<?cs if:Book.blocked ?>
<div class="alert alert-error" role="alert">近 <?cs var:Book.noshow_days ?> 天内有 <?cs var:Book.noshow_max ?> 次预约未到场，<?cs var:Book.blocked ?> 前不能网上预约。请直接到窗口办理。</div>
<?cs elif:subcount(Windows) == 0 ?>
<div class="empty"><p>这个部门的窗口暂不接受网上预约，请在办公时间直接到窗口办理。</p></div>
<?cs else ?>
<p class="help">只能预约工作日（节假日、休息日不开放）和还没开始的时段。每人最多同时有 <?cs var:Book.active_max ?> 个预约；不能前往请在时段开始前取消。近 <?cs var:Book.noshow_days ?> 天内 <?cs var:Book.noshow_max ?> 次预约不到场又不取消的，<?cs var:Book.block_days ?> 天内不能网上预约。</p>
<form class="form" method="post" action="/book">
  <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
  <input type="hidden" name="item" value="<?cs var:Book.item ?>">
  <?cs if:Book.no ?><input type="hidden" name="no" value="<?cs var:Book.no ?>"><?cs /if ?>
  <?cs each:w = Windows ?>
  <section class="panel" aria-labelledby="w-<?cs var:w.code ?>">
    <h2 class="section-title" id="w-<?cs var:w.code ?>"><?cs var:w.name ?></h2>
    <?cs if:w.place ?><p class="small muted"><?cs var:w.place ?>；每个时段 <?cs var:w.minutes ?> 分钟</p><?cs /if ?>
    <?cs each:d = w.Days ?>
    <fieldset class="field choice">
      <legend><?cs var:d.day ?> <?cs var:d.wday ?></legend>
      <?cs if:d.any == "1" ?>
      <div class="choice-opts">
        <?cs each:s = d.Slots ?>
        <label class="choice-opt"><input type="radio" name="at" value="<?cs var:s.at ?>"<?cs if:s.left == "0" ?> disabled<?cs /if ?> required> <?cs var:s.time ?> <span class="small muted"><?cs if:s.left == "0" ?>已约满<?cs else ?>余 <?cs var:s.left ?> 个<?cs /if ?></span></label>
        <?cs /each ?>
      </div>
      <?cs else ?><p class="small muted">今天的时段都已开始。</p><?cs /if ?>
    </fieldset>
    <?cs /each ?>
  </section>
  <?cs /each ?>
  <div class="form-actions">
    <button class="btn btn-primary" type="submit">确认预约</button>
    <a class="btn" href="/bookings">我的预约</a>
  </div>
</form>
<?cs /if ?>
