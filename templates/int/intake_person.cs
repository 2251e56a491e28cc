<?cs # int/intake_person.cs: the person's fields of a walk-in application
       (name, ID number, mobile; Form.{name,id_number,mobile} as typed):
       the window's intake form (INT-1) and the 全程代理 centre's
       (INT-14). ?>
<div class="field">
  <label for="f-name">姓名（与身份证一致）</label>
  <input id="f-name" name="name" type="text" maxlength="50" value="<?cs var:Form.name ?>" required>
</div>
<div class="field">
  <label for="f-idno">身份证号码</label>
  <input id="f-idno" name="id_number" type="text" maxlength="18" autocomplete="off" spellcheck="false" value="<?cs var:Form.id_number ?>" required>
</div>
<div class="field">
  <label for="f-mobile">手机号码</label>
  <input id="f-mobile" name="mobile" type="tel" inputmode="numeric" maxlength="11" value="<?cs var:Form.mobile ?>" required>
</div>
