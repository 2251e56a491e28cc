<?cs # ext/register-code.cs: the second step of registration (ACC-1): the
       6-digit code sent by SMS to the mobile typed.  Form.ticket ties it
       to the registration; Form.to is the number, masked.
       POST /register/code. ?>
<section class="form-page">
  <h1>输入短信验证码</h1>
  <?cs if:Form.Error ?><div class="alert alert-error" role="alert"><?cs var:Form.Error ?></div><?cs /if ?>
  <p class="page-sub"><?cs if:Form.to ?>验证码已通过短信发送到 <?cs var:Form.to ?>。<?cs else ?>请输入短信里的验证码。<?cs /if ?>5 分钟内有效，最多可输错 5 次；输入正确后账户才会开通。</p>
  <form class="form" method="post" action="/register/code">
    <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
    <input type="hidden" name="ticket" value="<?cs var:Form.ticket ?>">
    <?cs if:Form.next ?><input type="hidden" name="next" value="<?cs var:Form.next ?>"><?cs /if ?>
    <div class="field">
      <label for="f-code">短信验证码</label>
      <input id="f-code" name="code" type="text" minlength="6" maxlength="6" pattern="[0-9]{6}" inputmode="numeric" autocomplete="one-time-code" aria-describedby="f-code-help" required>
      <p class="help" id="f-code-help">6 位数字。一两分钟内没有收到，请确认手机号码无误，<a href="/register">重新填写</a>后再获取（同一号码每分钟 1 条、每天 5 条）。</p>
    </div>
    <div class="form-actions">
      <button class="btn btn-primary" type="submit">确认</button>
    </div>
  </form>
</section>
