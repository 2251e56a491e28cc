<?cs # ext/login-code.cs: login by SMS code (ACC-2), the code; Form.ticket
       ties it to the request, Form.next is where to go afterwards.  The
       same page whether or not the ID number has an account.
       POST /login/code. ?>
<section class="form-page">
  <h1>输入短信验证码</h1>
  <?cs if:Form.Error ?><div class="alert alert-error" role="alert"><?cs var:Form.Error ?></div><?cs /if ?>
  <p class="page-sub">如果这个身份证号码已经注册，验证码将在 1 分钟内通过短信发到注册时的手机。验证码 5 分钟内有效，最多可输错 5 次。</p>
  <form class="form" method="post" action="/login/code">
    <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
    <input type="hidden" name="ticket" value="<?cs var:Form.ticket ?>">
    <input type="hidden" name="next" value="<?cs var:Form.next ?>">
    <div class="field">
      <label for="f-code">短信验证码</label>
      <input id="f-code" name="code" type="text" minlength="6" maxlength="6" pattern="[0-9]{6}" inputmode="numeric" autocomplete="one-time-code" required>
    </div>
    <div class="form-actions">
      <button class="btn btn-primary" type="submit">登录</button>
    </div>
  </form>
  <p class="form-alt"><a href="/login">返回密码登录</a></p>
</section>
