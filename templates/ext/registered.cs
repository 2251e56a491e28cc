<?cs # ext/registered.cs: the one answer to every right registration code,
       whether the number was new or registered before (F7), so the page
       tells nobody which.  Form.next: where the login goes after. ?>
<section class="form-page">
  <h1>手机号码已验证</h1>
  <div class="notice" role="status">
    <p>如果这个身份证号码尚未注册，账户已经开通，请用刚才设置的密码登录。</p>
    <p>如果这个号码早已注册，原账户和原密码不变：请用原密码直接登录；忘记密码或怀疑有人冒用您的身份证号码注册，请本人带身份证到政务服务中心窗口，窗口核验身份证后为您重设密码，冒用者的登录随即失效。</p>
  </div>
  <p class="actions"><a class="btn btn-primary" href="/login<?cs if:Form.next ?>?next=<?cs var:url_escape(Form.next) ?><?cs /if ?>">去登录</a></p>
</section>
