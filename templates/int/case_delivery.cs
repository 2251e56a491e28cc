<?cs # int/case_delivery.cs: how the result reaches the applicant
       (EXT-10), included by int/case.cs.  Delivery.{method,recipient,phone,
       address,chosen_at,handed,picked_by,courier_name,waybill,handed_at,
       clerk}; Couriers.N.{code,name}; DeliveryForm.may: the case is
       decided and the user's department acts on it; DeliveryForm.{error,
       how,picked_by,courier,waybill} as typed on a refusal (422). ?>
<section class="section actions-panel" aria-labelledby="delivery-title">
  <h2 class="section-title" id="delivery-title">办理结果交付</h2>
  <?cs if:Delivery.handed == "posted" ?>
  <p><span class="badge st-approved">已寄出</span> <?cs var:Delivery.handed_at ?>，<?cs var:Delivery.courier_name ?> 运单号 <span class="mono"><?cs var:Delivery.waybill ?></span>（<?cs var:Delivery.clerk ?> 登记）</p>
  <?cs elif:Delivery.handed == "picked" ?>
  <p><span class="badge st-approved">已领取</span> <?cs var:Delivery.handed_at ?>，领取人 <?cs var:Delivery.picked_by ?>（<?cs var:Delivery.clerk ?> 登记）</p>
  <?cs /if ?>
  <?cs if:Delivery.method == "post" ?>
  <p>申请人选择<strong>邮寄</strong>：<?cs var:Delivery.recipient ?>，<span class="mono"><?cs var:Delivery.phone ?></span>，<?cs var:Delivery.address ?></p>
  <?cs else ?>
  <p>申请人<?cs if:Delivery.method ?>选择<?cs /if ?><strong>窗口领取</strong>。</p>
  <?cs /if ?>
  <?cs if:DeliveryForm.error ?><div class="alert alert-error" id="delivery-error" role="alert"><?cs var:DeliveryForm.error ?></div><?cs /if ?>
  <?cs if:DeliveryForm.may == "1" && !Delivery.handed ?>
  <form class="form" method="post" action="/case/delivery">
    <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
    <input type="hidden" name="id" value="<?cs var:Case.id ?>">
    <fieldset class="field choice">
      <legend>交付方式</legend>
      <div class="choice-opts">
        <label class="choice-opt"><input type="radio" name="how" value="picked"<?cs if:DeliveryForm.how == "picked" || (!DeliveryForm.how && Delivery.method != "post") ?> checked<?cs /if ?>> 已领取</label>
        <label class="choice-opt"><input type="radio" name="how" value="posted"<?cs if:DeliveryForm.how == "posted" || (!DeliveryForm.how && Delivery.method == "post") ?> checked<?cs /if ?>> 已寄出</label>
      </div>
    </fieldset>
    <div class="field">
      <label for="f-picked">领取人姓名 <span class="opt">（已领取时填写，核对身份证）</span></label>
      <input id="f-picked" name="picked_by" type="text" maxlength="50" value="<?cs var:DeliveryForm.picked_by ?>">
    </div>
    <div class="field">
      <label for="f-courier">快递公司 <span class="opt">（已寄出时填写）</span></label>
      <select id="f-courier" name="courier">
        <option value="">请选择</option>
        <?cs each:c = Couriers ?><option value="<?cs var:c.code ?>"<?cs if:DeliveryForm.courier == c.code ?> selected<?cs /if ?>><?cs var:c.name ?></option><?cs /each ?>
      </select>
    </div>
    <div class="field">
      <label for="f-waybill">运单号</label>
      <input id="f-waybill" name="waybill" type="text" maxlength="20" autocomplete="off" spellcheck="false" value="<?cs var:DeliveryForm.waybill ?>">
    </div>
    <div class="form-actions"><button class="btn btn-primary" type="submit">登记交付</button></div>
  </form>
  <?cs /if ?>
</section>
