<?cs # ext/login.cs: citizen login by ID number and password (POST /login),
       or by an SMS code (POST /login/sms: Form.SmsError, Form.sms_id_number
       when it was refused); Form.next is where to go afterwards.  With
       Form.agent the agents' (代办员, AGT-1), POST /agent/login
       (ext_agent.c), by password only.  Form.Carry.{code,as,key,remark}:
       what an application form sent as its session ended carried, kept
       into the draft once the login succeeds (EXT-1, ext_draft.c). ?>
<section class="form-page">
  <?cs if:Form.agent ?>
  <h1>代办员登录</h1>
  <p class="page-sub">苏木乡镇、嘎查村代办员使用本人居民身份证号码和激活时设置的密码登录。</p>
  <?cs else ?>
  <h1>登录</h1>
  <p class="page-sub">使用注册时的居民身份证号码和密码登录。</p>
  <?cs /if ?>
  <?cs if:Form.Error ?><div class="alert alert-error" role="alert"><?cs var:Form.Error ?></div><?cs /if ?>
  <form class="form" method="post" action="<?cs if:Form.agent ?>/agent/login<?cs else ?>/login<?cs /if ?>">
    <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
    <input type="hidden" name="next" value="<?cs var:Form.next ?>">
    <?cs if:Form.Carry.key ?>
    <input type="hidden" name="carry_code" value="<?cs var:Form.Carry.code ?>">
    <input type="hidden" name="carry_as" value="<?cs var:Form.Carry.as ?>">
    <input type="hidden" name="carry_key" value="<?cs var:Form.Carry.key ?>">
    <input type="hidden" name="carry_remark" value="<?cs var:Form.Carry.remark ?>">
    <?cs /if ?>
    <div class="field">
      <label for="f-id">居民身份证号码</label>
      <input id="f-id" name="id_number" type="text" value="<?cs var:Form.id_number ?>" maxlength="18" autocomplete="username" spellcheck="false" required>
    </div>
    <div class="field">
      <label for="f-pw">密码</label>
      <input id="f-pw" name="password" type="password" maxlength="128" autocomplete="current-password" required>
    </div>
    <div class="form-actions">
      <button class="btn btn-primary" type="submit">登录</button>
    </div>
  </form>
  <?cs if:Form.agent ?>
  <p class="form-alt">第一次使用？凭政务服务中心打印的激活码<a href="/agent/activate">激活代办员账号</a>。</p>
  <p class="form-alt">忘记密码？<a href="/agent/reset">用登记的手机接收验证码重设</a></p>
  <p class="form-alt muted">群众本人办事请从<a href="/login">个人登录</a>进入。</p>
  <?cs else ?>
  <h2 class="section-title">短信验证码登录</h2>
  <?cs if:Form.SmsError ?><div class="alert alert-error" role="alert"><?cs var:Form.SmsError ?></div><?cs /if ?>
  <form class="form" method="post" action="/login/sms">
    <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
    <input type="hidden" name="next" value="<?cs var:Form.next ?>">
    <div class="field">
      <label for="f-sid">居民身份证号码</label>
      <input id="f-sid" name="id_number" type="text" value="<?cs var:Form.sms_id_number ?>" minlength="18" maxlength="18" pattern="[0-9]{17}[0-9Xx]" autocomplete="off" spellcheck="false" aria-describedby="f-sid-help" required>
      <p class="help" id="f-sid-help">验证码发到注册时的手机，1 分钟内送达。</p>
    </div>
    <div class="form-actions">
      <button class="btn" type="submit">获取验证码</button>
    </div>
  </form>
  <p class="form-alt">忘记密码？<a href="/reset">用短信验证码重设</a></p>
  <p class="form-alt">还没有账号？<a href="/register<?cs if:Form.next ?>?next=<?cs var:url_escape(Form.next) ?><?cs /if ?>">注册账号</a></p>
  <p class="form-alt muted">只想查看办件进度？不用登录，凭申请编号和身份证号码即可<a href="/query">查询办件</a>。代办员请从<a href="/agent/login">代办员登录</a>进入。</p>
  <?cs /if ?>
</section>
