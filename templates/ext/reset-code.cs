<?cs # ext/reset-code.cs: the code from the SMS and the new password
       (ACC-2); Form.ticket ties it to the request.  The same page whether
       or not the ID number and mobile matched an account.
       POST /reset/code; an agent's (Form.agent): POST /agent/reset/code. ?>
<section class="form-page">
  <h1>输入短信验证码</h1>
  <?cs if:Form.Error ?><div class="alert alert-error" role="alert"><?cs var:Form.Error ?></div><?cs /if ?>
  <p class="page-sub">如果身份证号码和手机号码与账户相符，验证码将在 1 分钟内通过短信发到这个手机，2 分钟内没有收到，请核对号码后重新获取（同一号码每分钟 1 条、每天 5 条）。验证码 5 分钟内有效，最多可输错 5 次。</p>
  <form class="form" method="post" action="<?cs if:Form.agent ?>/agent/reset/code<?cs else ?>/reset/code<?cs /if ?>">
    <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
    <input type="hidden" name="ticket" value="<?cs var:Form.ticket ?>">
    <div class="field">
      <label for="f-code">短信验证码</label>
      <input id="f-code" name="code" type="text" minlength="6" maxlength="6" pattern="[0-9]{6}" inputmode="numeric" autocomplete="one-time-code" required>
    </div>
    <div class="field">
      <label for="f-pw">新密码</label>
      <input id="f-pw" name="password" type="password" minlength="8" maxlength="128" autocomplete="new-password" aria-describedby="f-pw-help" required>
      <p class="help" id="f-pw-help">至少 8 位，包含字母、数字、符号中的至少两种；不能用常见密码，不能包含身份证号码、出生日期或手机号码。</p>
    </div>
    <div class="field">
      <label for="f-pw2">再次输入新密码</label>
      <input id="f-pw2" name="password2" type="password" minlength="8" maxlength="128" autocomplete="new-password" required>
    </div>
    <div class="form-actions">
      <button class="btn btn-primary" type="submit">设置新密码</button>
    </div>
  </form>
</section>
