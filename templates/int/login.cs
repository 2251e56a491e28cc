<?cs # int/login.cs: staff login. POST /login; Form.next is where to go
       afterwards. ?>
<section class="form-page">
  <h1>工作人员登录</h1>
  <p class="page-sub">政务内网审批系统，仅限本中心及各部门工作人员使用。</p>
  <?cs if:Form.Error ?><div class="alert alert-error" role="alert"><?cs var:Form.Error ?></div><?cs /if ?>
  <form class="form" method="post" action="/login">
    <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
    <input type="hidden" name="next" value="<?cs var:Form.next ?>">
    <div class="field">
      <label for="f-login">用户名</label>
      <input id="f-login" name="login" type="text" value="<?cs var:Form.login ?>" maxlength="40" autocomplete="username" spellcheck="false" autocapitalize="off" required>
    </div>
    <div class="field">
      <label for="f-pw">密码</label>
      <input id="f-pw" name="password" type="password" maxlength="128" autocomplete="current-password" required>
    </div>
    <div class="form-actions">
      <button class="btn btn-primary" type="submit">登录</button>
    </div>
  </form>
  <p class="form-alt muted">忘记密码或账号被锁定，请联系本单位安全管理员。</p>
</section>
