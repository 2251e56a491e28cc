<?cs # ext/agent_consent.cs: an agent's application waiting for the
       resident's consent by SMS (AGT-1): Hold.{app_no, item, resident,
       mobile (masked), expires_at, live, code_live, sends}.  The agent
       types the 6-digit code the resident reads out (POST
       /agent/consent), or has a new one sent (POST /agent/consent/send). ?>
<section class="form-page">
  <h1>居民短信确认</h1>
  <p class="page-sub">申请编号 <span class="mono"><?cs var:Hold.app_no ?></span> · <?cs var:Hold.item ?> · 申请人 <?cs var:Hold.resident ?></p>
  <?cs if:Form.Error ?><div class="alert alert-error" role="alert"><?cs var:Form.Error ?></div><?cs /if ?>
  <?cs if:Hold.live ?>
  <p class="callout">这份申请已保存，但<strong>还没有提交到审批部门</strong>。系统给居民手机 <span class="mono"><?cs var:Hold.mobile ?></span> 发了一条短信，写明您的姓名、代办的事项和一个 6 位确认码。请居民把确认码念给您（当面或打电话），您在下面输入，申请才会提交。确认码 2 小时内有效，输错 5 次作废；<?cs var:Hold.expires_at ?> 前没有确认，申请自动作废。</p>
  <?cs if:Hold.code_live ?>
  <form class="form" method="post" action="/agent/consent">
    <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
    <input type="hidden" name="no" value="<?cs var:Hold.app_no ?>">
    <div class="field">
      <label for="f-code">居民念出的确认码</label>
      <input id="f-code" name="code" type="text" inputmode="numeric" pattern="[0-9]{6}" maxlength="6" autocomplete="off" required>
    </div>
    <div class="form-actions">
      <button class="btn btn-primary" type="submit">确认并提交申请</button>
    </div>
  </form>
  <?cs /if ?>
  <form class="form" method="post" action="/agent/consent/send">
    <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
    <input type="hidden" name="no" value="<?cs var:Hold.app_no ?>">
    <p class="help">居民没有收到短信，或确认码过期、作废：重新发送后，以前的确认码不能再用。同一个手机号码每分钟最多 1 条、每天最多 5 条。</p>
    <div class="form-actions">
      <button class="btn" type="submit"><?cs if:Hold.sends > 0 ?>重新发送确认码<?cs else ?>发送确认码<?cs /if ?></button>
    </div>
  </form>
  <?cs else ?>
  <p class="callout">居民没有在期限内确认，这份申请没有提交，已作废。如居民仍要办理，请重新申请。</p>
  <?cs /if ?>
  <p class="form-alt"><a href="/my">返回我的办件</a></p>
</section>
