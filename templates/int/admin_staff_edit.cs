<?cs # int/admin_staff_edit.cs: GET/POST /admin/staff/edit, one staff
       account: Form.{edit,login,name,dept,role_clerk,role_handler,
       role_leader,role_admin,active} (never a password);
       Roles.N.{field,label,checked}; Depts.N.{code,name,staff,selected}; on an
       edit Staff.{login,name,active,created_at} and the reset form
       (POST /admin/staff/password) with its own error Reset.Error. ?>
<?cs include:"int/admin_nav.cs" ?>
<section class="form-page">
  <h1><?cs if:Form.edit == "1" ?>修改工作人员<?cs else ?>新增工作人员<?cs /if ?></h1>
  <p class="page-sub"><?cs if:Form.edit == "1" ?><?cs var:Staff.name ?>（<?cs var:Staff.login ?>）<?cs if:Staff.active != 1 ?> · <strong>已停用</strong><?cs /if ?> · 建立于 <?cs var:Staff.created_at ?><?cs else ?>登录名建立后不能修改。初始密码请当面或通过安全渠道告知本人。<?cs /if ?></p>
  <?cs call:form_error() ?>
  <form class="form" method="post" action="/admin/staff/edit">
    <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
    <?cs if:Form.edit == "1" ?><input type="hidden" name="edit" value="1"><?cs /if ?>
    <div class="field">
      <label for="f-login">登录名</label>
      <input id="f-login" name="login" type="text" value="<?cs var:Form.login ?>" maxlength="40" pattern="[a-z0-9][a-z0-9._\-]{1,39}" autocomplete="off" spellcheck="false" autocapitalize="off" required<?cs if:Form.edit == "1" ?> readonly<?cs /if ?><?cs call:invalid("login") ?> aria-describedby="f-login-help">
      <p class="help" id="f-login-help">小写字母、数字和“.”“_”“-”，2 到 40 位，例如姓名拼音 zhangwei。</p>
    </div>
    <div class="field">
      <label for="f-name">姓名</label>
      <input id="f-name" name="name" type="text" value="<?cs var:Form.name ?>" maxlength="50" autocomplete="off" required<?cs call:invalid("name") ?>>
    </div>
    <div class="field">
      <label for="f-dept">所在部门</label>
      <select id="f-dept" name="dept" required<?cs call:invalid("dept") ?>>
        <option value="">请选择</option>
        <?cs each:d = Depts ?><option value="<?cs var:d.code ?>"<?cs if:d.selected ?> selected<?cs /if ?>><?cs var:d.name ?></option><?cs /each ?>
      </select>
    </div>
    <fieldset class="field choice">
      <legend>角色（可多选）</legend>
      <?cs each:o = Roles ?>
      <label class="check"><input type="checkbox" name="<?cs var:o.field ?>" value="1"<?cs if:o.checked ?> checked<?cs /if ?><?cs if:first(o) ?><?cs call:invalid("roles") ?><?cs /if ?>> <span><?cs var:o.label ?></span></label>
      <?cs /each ?>
    </fieldset>
    <?cs if:Form.edit == "1" ?>
    <div class="field">
      <label class="check"><input type="checkbox" name="active" value="1"<?cs if:Form.active == "1" ?> checked<?cs /if ?><?cs call:invalid("active") ?>> <span>账号在用（取消勾选即停用，本人不能再登录）</span></label>
    </div>
    <?cs else ?>
    <div class="field">
      <label for="f-pw">初始密码</label>
      <input id="f-pw" name="password" type="password" minlength="10" maxlength="128" autocomplete="new-password" required<?cs call:invalid("password") ?> aria-describedby="f-pw-help">
      <p class="help" id="f-pw-help">至少 10 位，须同时包含字母和数字。</p>
    </div>
    <div class="field">
      <label for="f-pw2">再次输入密码</label>
      <input id="f-pw2" name="password2" type="password" minlength="10" maxlength="128" autocomplete="new-password" required<?cs call:invalid("password2") ?>>
    </div>
    <?cs /if ?>
    <div class="form-actions">
      <button class="btn btn-primary" type="submit">保存</button>
      <a class="btn btn-plain" href="/admin/staff<?cs if:Form.dept ?>?dept=<?cs var:url_escape(Form.dept) ?><?cs /if ?>">返回</a>
    </div>
  </form>
  <?cs if:Form.edit == "1" ?>
  <h2 class="section-title" id="reset">重置密码</h2>
  <?cs if:Reset.Error ?><div class="alert alert-error" role="alert"><?cs var:Reset.Error ?></div><?cs /if ?>
  <form class="form" method="post" action="/admin/staff/password">
    <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
    <input type="hidden" name="login" value="<?cs var:Staff.login ?>">
    <div class="field">
      <label for="f-npw">新密码</label>
      <input id="f-npw" name="password" type="password" minlength="10" maxlength="128" autocomplete="new-password" required<?cs if:Reset.Error ?> aria-invalid="true" autofocus<?cs /if ?> aria-describedby="f-npw-help">
      <p class="help" id="f-npw-help">至少 10 位，须同时包含字母和数字。重置后本人在其他设备上的登录随即失效。</p>
    </div>
    <div class="field">
      <label for="f-npw2">再次输入新密码</label>
      <input id="f-npw2" name="password2" type="password" minlength="10" maxlength="128" autocomplete="new-password" required>
    </div>
    <div class="form-actions">
      <button class="btn btn-plain" type="submit">重置密码</button>
    </div>
  </form>
  <p class="form-alt small"><a href="/admin/audit?object=<?cs var:url_escape("staff:" + Staff.login) ?>">变更记录</a></p>
  <?cs /if ?>
</section>
