<?cs # ext/query.cs: 办件查询 without login. Shows the form (app_no,
       id_number; POST /query) until a query finds App, then the same
       view as ext/app.cs. ?>
<?cs if:App.app_no ?>
<?cs include:"ext/app.cs" ?>
<p class="actions"><a class="btn btn-plain" href="/query">查询其他办件</a></p>
<?cs else ?>
<section class="form-page">
  <h1>办件查询</h1>
  <p class="page-sub">输入申请编号和申请人的身份证号码，即可查看办理进度和办理文书，无需登录。</p>
  <?cs if:Form.Error ?><div class="alert alert-error" role="alert"><?cs var:Form.Error ?></div><?cs /if ?>
  <form class="form" method="post" action="/query">
    <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
    <div class="field">
      <label for="f-no">申请编号</label>
      <input id="f-no" name="app_no" type="text" value="<?cs var:Form.app_no ?>" maxlength="20" autocomplete="off" spellcheck="false" autocapitalize="characters" aria-describedby="f-no-help" required>
      <p class="help" id="f-no-help">见接件凭证，例如 YW2026112100001。</p>
    </div>
    <div class="field">
      <label for="f-id">身份证号码</label>
      <input id="f-id" name="id_number" type="text" value="<?cs var:Form.id_number ?>" maxlength="18" autocomplete="off" spellcheck="false" required>
    </div>
    <div class="form-actions">
      <button class="btn btn-primary" type="submit">查询</button>
    </div>
  </form>
  <p class="form-alt muted">已登录的用户也可以在「<a href="/my">我的办件</a>」中查看全部申请。</p>
</section>
<?cs /if ?>
