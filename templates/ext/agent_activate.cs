<?cs # ext/agent_activate.cs: an agent (代办员, AGT-1) activates the
       account with their ID number and the one-time code the intranet
       printed, and chooses the first password.  POST /agent/activate. ?>
<section class="form-page">
  <h1>激活代办员账号</h1>
  <p class="page-sub">政务服务中心开通代办员账号时，会打印一张写有激活码的回执。激活码只能使用一次，激活后请妥善保管密码。</p>
  <?cs if:Form.Error ?><div class="alert alert-error" role="alert"><?cs var:Form.Error ?></div><?cs /if ?>
  <form class="form" method="post" action="/agent/activate">
    <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
    <div class="field">
      <label for="f-id">本人居民身份证号码</label>
      <input id="f-id" name="id_number" type="text" value="<?cs var:Form.id_number ?>" maxlength="18" autocomplete="username" spellcheck="false" required>
    </div>
    <div class="field">
      <label for="f-code">激活码</label>
      <input id="f-code" name="code" type="text" maxlength="20" autocomplete="one-time-code" spellcheck="false" autocapitalize="characters" placeholder="XXXX-XXXX-XXXX" required>
    </div>
    <div class="field">
      <label for="f-pw">设置密码</label>
      <input id="f-pw" name="password" type="password" maxlength="128" autocomplete="new-password" required aria-describedby="f-pw-help">
      <p class="help" id="f-pw-help">至少 8 位，不能包含身份证号码或出生日期。</p>
    </div>
    <div class="field">
      <label for="f-pw2">再次输入密码</label>
      <input id="f-pw2" name="password2" type="password" maxlength="128" autocomplete="new-password" required>
    </div>
    <div class="form-actions">
      <button class="btn btn-primary" type="submit">激活</button>
    </div>
  </form>
  <p class="form-alt">已经激活？<a href="/agent/login">代办员登录</a></p>
</section>
