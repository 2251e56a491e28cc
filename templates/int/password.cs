<?cs # int/password.cs: GET/POST /password, a member of staff changes their
       own password (SEC-7).  Password.temporary when an administrator set
       the current one: then nothing else is reachable until it is
       changed.  Form.{Error,Field} on a refusal (never a password). ?>
<?cs def:invalid(f) ?><?cs if:Form.Field == f ?> aria-invalid="true" autofocus<?cs /if ?><?cs /def ?>
<section class="form-page">
  <h1>修改密码</h1>
  <?cs if:Password.temporary ?>
  <p class="callout" role="status">您的密码是管理员设置的临时密码。请先设置只有您自己知道的新密码，然后才能办理业务。</p>
  <?cs else ?>
  <p class="page-sub">修改后，您在其他设备上的登录随即退出。<a href="/">返回首页</a></p>
  <?cs /if ?>
  <?cs if:Form.Error ?><div class="alert alert-error" role="alert" id="form-error"><?cs var:Form.Error ?></div><?cs /if ?>
  <form class="form" method="post" action="/password">
    <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
    <div class="field">
      <label for="f-old">原密码<?cs if:Password.temporary ?>（管理员告诉您的临时密码）<?cs /if ?></label>
      <input id="f-old" name="old" type="password" maxlength="128" autocomplete="current-password" required<?cs call:invalid("old") ?>>
    </div>
    <div class="field">
      <label for="f-pw">新密码</label>
      <input id="f-pw" name="password" type="password" minlength="10" maxlength="128" autocomplete="new-password" required<?cs call:invalid("password") ?> aria-describedby="f-pw-help">
      <p class="help" id="f-pw-help">至少 10 位，须同时包含字母和数字，不能与原密码相同。</p>
    </div>
    <div class="field">
      <label for="f-pw2">再次输入新密码</label>
      <input id="f-pw2" name="password2" type="password" minlength="10" maxlength="128" autocomplete="new-password" required<?cs call:invalid("password2") ?>>
    </div>
    <div class="form-actions">
      <button class="btn btn-primary" type="submit">修改密码</button>
    </div>
  </form>
</section>
