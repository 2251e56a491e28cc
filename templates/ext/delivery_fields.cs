<?cs # ext/delivery_fields.cs: the fields of a choice of delivery (EXT-10),
       one macro for the application form (/apply: fields delivery,
       delivery_recipient, …) and the application's page (/app/delivery:
       method, recipient, …), whose rule is one too (delivery_problem()).
       delivery_fields(m, pre, method, recipient, phone, address): m the
       name of the method's field, pre the prefix of the others' names
       and ids, then the values to show. ?>
<?cs def:delivery_fields(m, pre, method, recipient, phone, address) ?>
    <fieldset class="field choice">
      <legend>领取方式</legend>
      <div class="choice-opts">
        <label class="choice-opt"><input type="radio" name="<?cs var:m ?>" value="window"<?cs if:method != "post" ?> checked<?cs /if ?>> 窗口领取</label>
        <label class="choice-opt"><input type="radio" name="<?cs var:m ?>" value="post"<?cs if:method == "post" ?> checked<?cs /if ?>> 邮寄（证照快递）</label>
      </div>
    </fieldset>
    <div class="field">
      <label for="f-<?cs var:pre ?>recipient">收件人 <span class="opt">（邮寄时填写）</span></label>
      <input id="f-<?cs var:pre ?>recipient" name="<?cs var:pre ?>recipient" type="text" maxlength="50" autocomplete="name" value="<?cs var:recipient ?>">
    </div>
    <div class="field">
      <label for="f-<?cs var:pre ?>phone">收件人手机号码</label>
      <input id="f-<?cs var:pre ?>phone" name="<?cs var:pre ?>phone" type="tel" inputmode="numeric" maxlength="11" autocomplete="tel" value="<?cs var:phone ?>">
    </div>
    <div class="field">
      <label for="f-<?cs var:pre ?>address">邮寄地址</label>
      <input id="f-<?cs var:pre ?>address" name="<?cs var:pre ?>address" type="text" maxlength="100" autocomplete="street-address" value="<?cs var:address ?>" aria-describedby="f-<?cs var:pre ?>address-help">
      <p class="help" id="f-<?cs var:pre ?>address-help">省、市、旗县、街道门牌或苏木嘎查，写在一行。</p>
    </div>
<?cs /def ?>
