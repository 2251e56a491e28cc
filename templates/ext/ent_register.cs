<?cs # ext/ent_register.cs: an enterprise's registration by its legal
       representative, the logged-in person (ACC-1).  Form.* echoes what
       was typed.  POST /enterprise/register. ?>
<section class="form-page">
  <h1>企业（法人）登记</h1>
  <p class="page-sub">由企业的法定代表人本人登录后登记。登记后，您就是这家企业在本网站的法定代表人，可以以企业名义申请办事，并授权员工代企业办理。</p>
  <?cs if:Form.Error ?><div class="alert alert-error" role="alert"><?cs var:Form.Error ?></div><?cs /if ?>
  <form class="form" method="post" action="/enterprise/register">
    <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
    <div class="field">
      <label for="f-code">统一社会信用代码</label>
      <input id="f-code" name="credit_code" type="text" value="<?cs var:Form.credit_code ?>" minlength="18" maxlength="18" pattern="[0-9A-Za-z]{18}" autocomplete="off" autocapitalize="characters" spellcheck="false" aria-describedby="f-code-help" required>
      <p class="help" id="f-code-help">营业执照上的 18 位代码，由数字和大写字母组成（不含 I、O、Z、S、V）。</p>
    </div>
    <div class="field">
      <label for="f-name">企业名称</label>
      <input id="f-name" name="name" type="text" value="<?cs var:Form.name ?>" maxlength="100" autocomplete="organization" aria-describedby="f-name-help" required>
      <p class="help" id="f-name-help">与营业执照上的名称一致，例如：锡林浩特市草原明珠乳业有限公司。</p>
    </div>
    <div class="field">
      <label for="f-address">住所（地址）</label>
      <input id="f-address" name="address" type="text" value="<?cs var:Form.address ?>" maxlength="200" autocomplete="street-address" required>
    </div>
    <div class="field">
      <span class="help">法定代表人</span>
      <p><?cs var:User.Name ?>（您本人，已实名注册）</p>
    </div>
    <div class="field">
      <label class="check"><input type="checkbox" name="confirm" value="1" required> 本人是这家企业的法定代表人，所填信息与营业执照一致。</label>
    </div>
    <div class="form-actions">
      <button class="btn btn-primary" type="submit">登记</button>
      <a class="btn btn-plain" href="/my">返回我的办件</a>
    </div>
  </form>
</section>
