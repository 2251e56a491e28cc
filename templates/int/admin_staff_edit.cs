<?cs # int/admin_staff_edit.cs: GET/POST /admin/staff/edit, one staff
       record as the system administrator keeps it: Form.{edit,login,name,
       dept,active,mobile} (mobile: at creation only, NTF-1); Depts.N.{code,name,staff,selected}; on an edit
       Staff.* (view_staff: roles_label, pw_label, active, created_at…).
       Roles and passwords are the security administrator's (三员分立):
       shown here, never set. ?>
<?cs include:"int/admin_nav.cs" ?>
<section class="form-page">
  <h1><?cs if:Form.edit == "1" ?>修改工作人员<?cs else ?>新增工作人员<?cs /if ?></h1>
  <p class="page-sub"><?cs if:Form.edit == "1" ?><?cs var:Staff.name ?>（<?cs var:Staff.login ?>）<?cs if:Staff.active != 1 ?> · <strong>已停用</strong><?cs /if ?> · 建立于 <?cs var:Staff.created_at ?><?cs else ?>登录名建立后不能修改。账号建好后，由安全管理员分配角色并设置初始密码，本人首次登录时须修改密码。<?cs /if ?></p>
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
    <?cs if:Form.edit != "1" ?>
    <div class="field">
      <label for="f-mobile">手机号码（选填）</label>
      <input id="f-mobile" name="mobile" type="tel" value="<?cs var:Form.mobile ?>" maxlength="11" pattern="1[0-9]{10}" inputmode="numeric" autocomplete="off"<?cs call:invalid("mobile") ?> aria-describedby="f-mobile-help">
      <p class="help" id="f-mobile-help">用于办件到期前的短信提醒，经内网短信通道发送，加密保存，不出内网。本人也可以在“我的账户”中登记或更改。</p>
    </div>
    <?cs /if ?>
    <?cs if:Form.edit == "1" ?>
    <div class="field">
      <label class="check"><input type="checkbox" name="active" value="1"<?cs if:Form.active == "1" ?> checked<?cs /if ?><?cs call:invalid("active") ?>> <span>账号在用（取消勾选即停用，本人不能再登录）</span></label>
    </div>
    <?cs /if ?>
    <div class="form-actions">
      <button class="btn btn-primary" type="submit">保存</button>
      <a class="btn btn-plain" href="/admin/staff<?cs if:Form.dept ?>?dept=<?cs var:url_escape(Form.dept) ?><?cs /if ?>">返回</a>
    </div>
  </form>
  <?cs if:Form.edit == "1" ?>
  <table class="kv">
    <tbody>
      <tr><th scope="row">角色</th><td><?cs if:Staff.roles_label ?><?cs var:Staff.roles_label ?><?cs else ?><span class="muted">尚未分配</span><?cs /if ?></td></tr>
      <tr><th scope="row">密码</th><td><?cs var:Staff.pw_label ?></td></tr>
      <tr><th scope="row">短信提醒手机</th><td><?cs if:Staff.mobile ?><?cs var:Staff.mobile ?><?cs else ?><span class="muted">未登记</span><?cs /if ?></td></tr>
    </tbody>
  </table>
  <p class="form-alt small">角色和密码由安全管理员设置（三员分立）：系统管理员管理机构和人员信息，不能分配角色，也不能设置或重置密码。</p>
  <?cs /if ?>
</section>
