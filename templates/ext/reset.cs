<?cs # ext/reset.cs: a forgotten password (ACC-2): the ID number and the
       mobile on record; a code goes to that mobile.  Form.* echoes what
       was typed.  POST /reset; an agent's (Form.agent, AGT-1): the mobile
       recorded when the account was opened, POST /agent/reset. ?>
<section class="form-page">
  <h1><?cs if:Form.agent ?>重设代办员密码<?cs else ?>重设密码<?cs /if ?></h1>
  <p class="page-sub"><?cs if:Form.agent ?>填写本人身份证号码和开通代办员账号时登记的手机号码<?cs else ?>填写注册时的身份证号码和手机号码<?cs /if ?>，我们会向这个手机发送短信验证码，凭验证码设置新密码。</p>
  <?cs if:Form.Error ?><div class="alert alert-error" role="alert"><?cs var:Form.Error ?></div><?cs /if ?>
  <form class="form" method="post" action="<?cs if:Form.agent ?>/agent/reset<?cs else ?>/reset<?cs /if ?>">
    <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
    <div class="field">
      <label for="f-id">居民身份证号码</label>
      <input id="f-id" name="id_number" type="text" value="<?cs var:Form.id_number ?>" minlength="18" maxlength="18" pattern="[0-9]{17}[0-9Xx]" autocomplete="username" spellcheck="false" required>
    </div>
    <div class="field">
      <label for="f-mobile"><?cs if:Form.agent ?>登记的手机号码<?cs else ?>注册时的手机号码<?cs /if ?></label>
      <input id="f-mobile" name="mobile" type="tel" value="<?cs var:Form.mobile ?>" minlength="11" maxlength="11" pattern="1[0-9]{10}" inputmode="numeric" autocomplete="tel" required>
    </div>
    <div class="form-actions">
      <button class="btn btn-primary" type="submit">获取验证码</button>
    </div>
  </form>
  <p class="form-alt muted"><?cs if:Form.agent ?>手机号码已经换了？请带身份证到政务服务中心，由系统管理员为您重新开通代办员账号。<?cs else ?>手机号码已经不用了？请本人带身份证到政务服务中心窗口，窗口核验身份证后为您重设。<?cs /if ?></p>
</section>
