<?cs # int/hall_claim.cs: 窗口核验 (ACC-1), GET/POST /hall/claim, window
       clerks only.  Form.{Error,kind,id_number,name,mobile,credit_code,
       ent_name,address}: what the clerk typed, kept on a refusal (422).
       Claims.N.{id,kind,id_number,mobile (masked),name,credit_code,
       ent_name,address,clerk,created_at,state,result,result_at}: the
       department's newest claims and the extranet's answers. ?>
<header class="page-head">
  <h1>窗口核验</h1>
  <p class="page-sub">申请人的身份证号码已被他人在网上注册，或企业已被他人登记时，由本人到窗口办理：核验居民身份证原件（企业另核验营业执照原件）后，在此登记。登记随网闸摆渡送往外网办理，结果回传后显示在下表中。</p>
</header>

<section class="section">
  <h2 class="section-title">登记核验结果</h2>
  <?cs if:Form.Error ?><div class="alert alert-error" id="form-error" role="alert"><?cs var:Form.Error ?></div><?cs /if ?>
  <form class="form" method="post" action="/hall/claim">
    <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
    <fieldset class="field choice">
      <legend>核验什么</legend>
      <div class="choice-opts">
        <label class="choice-opt"><input type="radio" name="kind" value="person" required<?cs if:Form.kind != "enterprise" ?> checked<?cs /if ?>> 个人账户（身份证号码被他人注册）</label>
        <label class="choice-opt"><input type="radio" name="kind" value="enterprise"<?cs if:Form.kind == "enterprise" ?> checked<?cs /if ?>> 企业（被他人登记）</label>
      </div>
    </fieldset>
    <div class="field">
      <label for="f-idno">身份证号码（个人账户：本人；企业：法定代表人）</label>
      <input id="f-idno" name="id_number" type="text" inputmode="text" maxlength="18" autocomplete="off" spellcheck="false" value="<?cs var:Form.id_number ?>" required>
    </div>
    <fieldset class="field">
      <legend>个人账户</legend>
      <div class="field">
        <label for="f-name">姓名（与身份证一致）</label>
        <input id="f-name" name="name" type="text" maxlength="50" value="<?cs var:Form.name ?>">
      </div>
      <div class="field">
        <label for="f-mobile">本人的新手机号码</label>
        <input id="f-mobile" name="mobile" type="tel" inputmode="numeric" maxlength="11" value="<?cs var:Form.mobile ?>">
        <p class="help">外网账户改为本人的姓名和这个手机号码，原密码作废、原登录全部退出。请告诉本人：到外网「忘记密码」用身份证号码和这个手机号码收到的短信验证码设置新密码。密码不经窗口，也不在此填写。</p>
      </div>
    </fieldset>
    <fieldset class="field">
      <legend>企业</legend>
      <div class="field">
        <label for="f-code">统一社会信用代码（营业执照）</label>
        <input id="f-code" name="credit_code" type="text" maxlength="18" autocomplete="off" spellcheck="false" value="<?cs var:Form.credit_code ?>">
      </div>
      <div class="field">
        <label for="f-ename">企业名称（营业执照）</label>
        <input id="f-ename" name="ent_name" type="text" maxlength="100" value="<?cs var:Form.ent_name ?>">
      </div>
      <div class="field">
        <label for="f-addr">住所（营业执照）</label>
        <input id="f-addr" name="address" type="text" maxlength="200" value="<?cs var:Form.address ?>">
        <p class="help">企业改由上面身份证号码的注册用户任法定代表人（须已在外网实名注册），名称、住所按营业执照更正，原登记人授权的经办人全部取消。</p>
      </div>
    </fieldset>
    <label class="check"><input type="checkbox" name="checked" value="1" required> 已核验居民身份证原件（企业另核验营业执照原件），本人在场</label>
    <div class="form-actions">
      <button class="btn btn-primary" type="submit">登记并送外网办理</button>
    </div>
  </form>
</section>

<section class="section">
  <h2 class="section-title">本部门的核验记录</h2>
  <?cs if:subcount(Claims) == 0 ?>
  <p class="muted">本部门还没有登记过窗口核验。</p>
  <?cs else ?>
  <div class="table-wrap">
    <table class="grid reflow">
      <thead><tr><th scope="col">登记</th><th scope="col">核验</th><th scope="col">外网办理结果</th></tr></thead>
      <tbody>
        <?cs each:c = Claims ?>
        <tr>
          <td data-label="登记"><?cs var:c.created_at ?><br><span class="small muted"><?cs var:c.clerk ?></span></td>
          <td data-label="核验"><?cs if:c.kind == "person" ?>个人账户：<?cs var:c.name ?>，身份证 <span class="mono"><?cs var:c.id_number ?></span>，新手机 <span class="mono"><?cs var:c.mobile ?></span><?cs else ?>企业：<?cs var:c.ent_name ?>（<span class="mono"><?cs var:c.credit_code ?></span>），<?cs var:c.address ?>；法定代表人身份证 <span class="mono"><?cs var:c.id_number ?></span><?cs /if ?></td>
          <td data-label="外网办理结果"><?cs if:c.state == "applied" ?><span class="badge st-approved">已办理</span> <span class="small"><?cs var:c.result_at ?></span><?cs elif:c.state == "refused" ?><span class="badge st-rejected">未办理</span> <?cs var:c.result ?> <span class="small"><?cs var:c.result_at ?></span><?cs else ?><span class="badge st-wait">待外网办理</span><?cs /if ?></td>
        </tr>
        <?cs /each ?>
      </tbody>
    </table>
  </div>
  <?cs /if ?>
</section>
