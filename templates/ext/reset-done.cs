<?cs # ext/reset-done.cs: the password was reset by its SMS code (ACC-2);
       every session of the account has ended.  Form.agent: an agent's. ?>
<section class="form-page">
  <h1>密码已重设</h1>
  <div class="notice" role="status">
    <p>新密码已经生效，此前在其他地方的登录都已退出。请用新密码登录。</p>
  </div>
  <p class="actions"><a class="btn btn-primary" href="<?cs if:Form.agent ?>/agent/login<?cs else ?>/login<?cs /if ?>">去登录</a></p>
</section>
