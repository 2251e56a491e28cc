<?cs # int/sec_staff_edit.cs: GET /sec/staff/edit?login=…, one account's
       roles (POST /sec/staff/roles, errors Form.{Error,Field}) and
       password (POST /sec/staff/password, error Reset.Error): Staff.*
       (view_staff), Roles.N.{field,label,checked,admin}, Self when it is
       the user's own account (neither form: nobody sets their own roles,
       and their own password is changed at /password). ?>
<?cs include:"int/sec_nav.cs" ?>
<?cs def:invalid(f) ?><?cs if:Form.Field == f ?> aria-invalid="true" autofocus<?cs /if ?><?cs /def ?>
<section class="form-page">
  <h1><?cs var:Staff.name ?> <span class="mono small muted"><?cs var:Staff.login ?></span></h1>
  <p class="page-sub"><?cs var:Staff.dept_name ?><?cs if:Staff.active != 1 ?> · <strong>已停用</strong><?cs /if ?> · 角色：<?cs if:Staff.roles_label ?><?cs var:Staff.roles_label ?><?cs else ?>尚未分配<?cs /if ?> · 密码：<?cs var:Staff.pw_label ?></p>
  <?cs if:Self ?>
  <p class="callout">这是您自己的账号：不能修改自己的角色，须由另一位安全管理员办理；自己的密码请在<a href="/password">修改密码</a>页修改。</p>
  <?cs else ?>
  <h2 class="section-title" id="roles">角色</h2>
  <?cs if:Form.Error ?><div class="alert alert-error" role="alert" id="form-error"><?cs var:Form.Error ?></div><?cs /if ?>
  <form class="form" method="post" action="/sec/staff/roles">
    <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
    <input type="hidden" name="login" value="<?cs var:Staff.login ?>">
    <fieldset class="field choice">
      <legend>业务角色（可多选）</legend>
      <?cs each:o = Roles ?><?cs if:!o.admin ?>
      <label class="check"><input type="checkbox" name="<?cs var:o.field ?>" value="1"<?cs if:o.checked ?> checked<?cs /if ?><?cs if:first(o) ?><?cs call:invalid("roles") ?><?cs /if ?>> <span><?cs var:o.label ?></span></label>
      <?cs /if ?><?cs /each ?>
    </fieldset>
    <fieldset class="field choice">
      <legend>管理员角色（最多一种，且不兼任业务角色）</legend>
      <?cs each:o = Roles ?><?cs if:o.admin ?>
      <label class="check"><input type="checkbox" name="<?cs var:o.field ?>" value="1"<?cs if:o.checked ?> checked<?cs /if ?>> <span><?cs var:o.label ?></span></label>
      <?cs /if ?><?cs /each ?>
      <p class="help">三员分立：系统管理员管理机构、人员信息和事项草稿；安全管理员管理角色、密码和锁定；审计管理员只查阅审计记录。三者须由不同的人担任。一人办理同一办件的两个环节时须回避（窗口即办件除外）。</p>
    </fieldset>
    <div class="form-actions">
      <button class="btn btn-primary" type="submit">保存角色</button>
      <a class="btn btn-plain" href="/sec/staff?dept=<?cs var:url_escape(Staff.dept_code) ?>">返回</a>
    </div>
  </form>

  <h2 class="section-title" id="reset"><?cs if:Staff.pw == "none" ?>设置初始密码<?cs else ?>重置密码<?cs /if ?></h2>
  <?cs if:Reset.Error ?><div class="alert alert-error" role="alert"><?cs var:Reset.Error ?></div><?cs /if ?>
  <form class="form" method="post" action="/sec/staff/password">
    <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
    <input type="hidden" name="login" value="<?cs var:Staff.login ?>">
    <div class="field">
      <label for="f-npw">新密码</label>
      <input id="f-npw" name="password" type="password" minlength="10" maxlength="128" autocomplete="new-password" required<?cs if:Reset.Error ?> aria-invalid="true" autofocus<?cs /if ?> aria-describedby="f-npw-help">
      <p class="help" id="f-npw-help">至少 10 位，须同时包含字母和数字。这是临时密码：本人登录后须先修改，才能办理业务；本人在其他设备上的登录随即失效。</p>
    </div>
    <div class="field">
      <label for="f-npw2">再次输入新密码</label>
      <input id="f-npw2" name="password2" type="password" minlength="10" maxlength="128" autocomplete="new-password" required>
    </div>
    <div class="form-actions">
      <button class="btn btn-plain" type="submit"><?cs if:Staff.pw == "none" ?>设置密码<?cs else ?>重置密码<?cs /if ?></button>
    </div>
  </form>
  <?cs /if ?>
</section>
