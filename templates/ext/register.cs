<?cs # ext/register.cs: real-name registration (Form.* echoes what was
       typed, never the passwords; Form.next where the person was going,
       carried to the login after). POST /register. ?>
<section class="form-page">
  <h1>注册账号</h1>
  <p class="page-sub">请使用本人真实信息注册，姓名和身份证号码注册后不能修改，用于在线申请和查询办件。</p>
  <?cs if:Form.Error ?><div class="alert alert-error" role="alert"><?cs var:Form.Error ?></div><?cs /if ?>
  <form class="form" method="post" action="/register">
    <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
    <?cs if:Form.next ?><input type="hidden" name="next" value="<?cs var:Form.next ?>"><?cs /if ?>
    <div class="field">
      <label for="f-name">姓名</label>
      <input id="f-name" name="name" type="text" value="<?cs var:Form.name ?>" maxlength="20" autocomplete="name" required>
    </div>
    <div class="field">
      <label for="f-id">居民身份证号码</label>
      <input id="f-id" name="id_number" type="text" value="<?cs var:Form.id_number ?>" minlength="18" maxlength="18" pattern="[0-9]{17}[0-9Xx]" autocomplete="off" spellcheck="false" aria-describedby="f-id-help" required>
      <p class="help" id="f-id-help">18 位，最后一位可能是 X。</p>
    </div>
    <div class="field">
      <label for="f-mobile">手机号码</label>
      <input id="f-mobile" name="mobile" type="tel" value="<?cs var:Form.mobile ?>" minlength="11" maxlength="11" pattern="1[0-9]{10}" inputmode="numeric" autocomplete="tel" aria-describedby="f-mobile-help" required>
      <p class="help" id="f-mobile-help">下一步将向这个号码发送短信验证码；办件受理、补正、缴费和办结时也会短信通知您。</p>
    </div>
    <div class="field">
      <label for="f-pw">设置密码</label>
      <input id="f-pw" name="password" type="password" minlength="8" maxlength="128" autocomplete="new-password" aria-describedby="f-pw-help" required>
      <p class="help" id="f-pw-help">至少 8 位，包含字母、数字、符号中的至少两种；不能用常见密码（如 12345678、woaini1314），不能包含身份证号码、出生日期或手机号码。</p>
    </div>
    <div class="field">
      <label for="f-pw2">再次输入密码</label>
      <input id="f-pw2" name="password2" type="password" minlength="8" maxlength="128" autocomplete="new-password" required>
    </div>
    <div class="form-actions">
      <button class="btn btn-primary" type="submit">注册</button>
    </div>
  </form>
  <p class="form-alt">已有账号？<a href="/login">直接登录</a></p>
</section>
