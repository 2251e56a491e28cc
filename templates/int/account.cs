<?cs # int/account.cs: GET /account and its forms (NTF-1): a member of
       staff's own mobile for SMS reminders, masked (Account.mobile, ""
       when none), whether reminders are on (Account.remind), whether the
       intranet has an SMS gateway (Account.gateway); after a number is
       typed, the code form (Code.ticket, Code.to masked; Form.mobile);
       Reminders.N.{at,app_no,step,kind,due,to,text,state,state_label,
       error}, newest first.  Form.{Error,Field} on a refusal. ?>
<?cs def:invalid(f) ?><?cs if:Form.Field == f ?> aria-invalid="true" autofocus<?cs /if ?><?cs /def ?>
<section class="form-page">
  <h1>我的账户</h1>
  <p class="page-sub"><?cs var:User.Name ?><?cs if:User.Dept ?> · <?cs var:User.Dept ?><?cs /if ?> · <a href="/password">修改密码</a></p>
  <?cs if:Form.Error ?><div class="alert alert-error" id="form-error" role="alert"><?cs var:Form.Error ?></div><?cs /if ?>

  <h2>短信提醒</h2>
  <p>经办的办件在环节期限前一个工作日内，以及超期（红灯）时，系统各发一条短信提醒到您登记的手机（每件每个环节每种提醒只发一次；22:00 至次日 07:00 不发，留到 07:00 发送）。短信只写申请编号、事项、环节和期限，不含申请人的个人信息。短信经内网自己的短信通道发送，手机号码加密保存，不出内网。<?cs if:!Account.gateway ?><strong>本系统尚未配置内网短信通道，提醒暂时发不出去。</strong><?cs /if ?></p>
  <table class="kv">
    <tbody>
      <tr><th scope="row">提醒手机</th><td><?cs if:Account.mobile ?><?cs var:Account.mobile ?><?cs else ?><span class="muted">未登记</span><?cs /if ?></td></tr>
      <tr><th scope="row">短信提醒</th><td><?cs if:Account.remind ?>已开启<?cs else ?>已关闭<?cs /if ?></td></tr>
    </tbody>
  </table>

  <?cs if:Code.ticket ?>
  <form class="form" method="post" action="/account/mobile/code">
    <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
    <input type="hidden" name="ticket" value="<?cs var:Code.ticket ?>">
    <p role="status">验证码已通过短信发送到 <?cs var:Code.to ?>，5 分钟内有效。</p>
    <div class="field">
      <label for="f-code">短信验证码</label>
      <input id="f-code" name="code" type="text" inputmode="numeric" pattern="[0-9]{6}" maxlength="6" autocomplete="one-time-code" required autofocus<?cs call:invalid("code") ?>>
    </div>
    <div class="form-actions">
      <button class="btn btn-primary" type="submit">确认登记</button>
    </div>
  </form>
  <?cs /if ?>

  <form class="form" method="post" action="/account/mobile">
    <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
    <div class="field">
      <label for="f-mobile"><?cs if:Account.mobile ?>更换手机号码<?cs else ?>登记手机号码<?cs /if ?></label>
      <input id="f-mobile" name="mobile" type="tel" value="<?cs var:Form.mobile ?>" maxlength="11" pattern="1[0-9]{10}" inputmode="numeric" autocomplete="tel" required<?cs call:invalid("mobile") ?> aria-describedby="f-mobile-help">
      <p class="help" id="f-mobile-help">11 位手机号码。系统先向这个号码发送验证码，输入验证码后才登记。</p>
    </div>
    <div class="form-actions">
      <button class="btn btn-primary" type="submit">发送验证码</button>
    </div>
  </form>

  <div class="form-actions">
    <form method="post" action="/account/remind">
      <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
      <?cs if:Account.remind ?>
      <input type="hidden" name="on" value="0">
      <button class="btn btn-plain" type="submit">关闭短信提醒</button>
      <?cs else ?>
      <input type="hidden" name="on" value="1">
      <button class="btn btn-plain" type="submit">开启短信提醒</button>
      <?cs /if ?>
    </form>
    <?cs if:Account.mobile ?>
    <form method="post" action="/account/mobile">
      <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
      <input type="hidden" name="remove" value="1">
      <button class="btn btn-plain" type="submit">删除手机号码</button>
    </form>
    <?cs /if ?>
  </div>

  <h2>发给我的提醒</h2>
  <?cs if:subcount(Reminders) == 0 ?>
  <p class="empty">还没有发给您的短信提醒。</p>
  <?cs else ?>
  <div class="table-wrap">
  <table class="grid reflow">
    <thead><tr><th scope="col">时间</th><th scope="col">申请编号</th><th scope="col">环节</th><th scope="col">提醒</th><th scope="col">期限</th><th scope="col">发往</th><th scope="col">状态</th></tr></thead>
    <tbody>
    <?cs each:m = Reminders ?>
    <tr>
      <td data-label="时间"><?cs var:m.at ?></td>
      <td data-label="申请编号"><?cs var:m.app_no ?></td>
      <td data-label="环节"><?cs var:m.step ?></td>
      <td data-label="提醒"><?cs var:m.kind ?></td>
      <td data-label="期限"><?cs var:m.due ?></td>
      <td data-label="发往"><?cs var:m.to ?></td>
      <td data-label="状态"><?cs var:m.state_label ?><?cs if:m.error ?><br><?cs var:m.error ?><?cs /if ?></td>
    </tr>
    <?cs /each ?>
    </tbody>
  </table>
  </div>
  <?cs /if ?>
</section>
