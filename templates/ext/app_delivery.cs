<?cs # ext/app_delivery.cs: how the result reaches the applicant (EXT-10),
       included by ext/app.cs for its logged-in applicant.  Delivery.{method,
       recipient,phone,address,chosen_at,handed,picked_by,courier_name,
       waybill,handed_at} (none: not chosen, picked up at the window);
       Couriers.N.{code,name}; the form while App.open and not handed,
       DeliveryForm.{error,method,recipient,phone,address} as typed on a
       refusal (422).  The fields: ext/delivery_fields.cs, as /apply's. ?>
<?cs include:"ext/delivery_fields.cs" ?>
<?cs if:App.bookable == "1" && App.open == 1 ?>
<p class="no-print"><a class="btn" href="/book?item=<?cs var:url_escape(App.item_code) ?>&amp;no=<?cs var:url_escape(App.app_no) ?>">预约到窗口办理</a> <span class="small muted">需要到窗口时，选一个工作日的时段，少排队。</span></p>
<?cs /if ?>
<section class="section" aria-labelledby="delivery-title">
  <h2 class="section-title" id="delivery-title">办理结果的领取</h2>
  <?cs if:Delivery.handed == "posted" ?>
  <p><span class="badge st-approved">已寄出</span> <?cs var:Delivery.handed_at ?> 由<?cs var:Delivery.courier_name ?>寄出，运单号 <strong class="mono"><?cs var:Delivery.waybill ?></strong>，寄往 <?cs var:Delivery.address ?>（<?cs var:Delivery.recipient ?> 收）。</p>
  <?cs elif:Delivery.handed == "picked" ?>
  <p><span class="badge st-approved">已领取</span> <?cs var:Delivery.handed_at ?> 由 <?cs var:Delivery.picked_by ?> 在窗口领取。</p>
  <?cs elif:Delivery.method == "post" ?>
  <p>作出决定后邮寄给 <?cs var:Delivery.recipient ?>（<span class="mono"><?cs var:Delivery.phone ?></span>），<?cs var:Delivery.address ?>。</p>
  <?cs else ?>
  <p>作出决定后到审批部门的窗口领取<?cs if:Delivery.method ?>（您已选择）<?cs /if ?>。</p>
  <?cs /if ?>
  <?cs if:DeliveryForm.error ?><div class="alert alert-error" id="delivery-error" role="alert"><?cs var:DeliveryForm.error ?></div><?cs /if ?>
  <?cs if:App.open == 1 && !Delivery.handed ?>
  <?cs if:DeliveryForm.error ?><?cs set:f.method = DeliveryForm.method ?><?cs set:f.recipient = DeliveryForm.recipient ?><?cs set:f.phone = DeliveryForm.phone ?><?cs set:f.address = DeliveryForm.address ?><?cs else ?><?cs set:f.method = Delivery.method ?><?cs set:f.recipient = Delivery.recipient ?><?cs set:f.phone = Delivery.phone ?><?cs set:f.address = Delivery.address ?><?cs /if ?>
  <form class="form no-print" method="post" action="/app/delivery">
    <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
    <input type="hidden" name="no" value="<?cs var:App.app_no ?>">
    <?cs call:delivery_fields("method", "", f.method, f.recipient, f.phone, f.address) ?>
    <div class="form-actions"><button class="btn" type="submit">保存领取方式</button></div>
  </form>
  <?cs /if ?>
</section>
