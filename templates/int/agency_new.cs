<?cs # int/agency_new.cs: GET/POST /agency/new, registering a 全程代理
       project (INT-14): Items.N.{code,name,dept,checked} (published
       items), Coords.N.{login,name,dept} (the coordinators);
       Form.{Error,name,kind,credit_code,investor,location,amount,
       agreement_no,coordinator} as sent. ?>
<nav class="crumbs" aria-label="位置"><a href="/agency">全程代理项目</a> › 登记新项目</nav>
<header class="page-head">
  <h1>登记全程代理项目</h1>
  <p class="page-sub">投资企业与政务服务中心签订委托代理协议后登记。登记后由所选的代理协调员跟踪每个事项，投资企业的经办人在外网“我的企业”页面看到项目代办进度。</p>
</header>
<section class="panel">
  <?cs if:Form.Error ?><div class="alert alert-error" id="form-error" role="alert"><?cs var:Form.Error ?></div><?cs /if ?>
  <form class="form form-wide" method="post" action="/agency/new" enctype="multipart/form-data">
    <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
    <div class="field">
      <label for="f-name">项目名称</label>
      <input id="f-name" name="name" maxlength="100" required value="<?cs var:Form.name ?>">
    </div>
    <div class="field">
      <label for="f-kind">项目类别</label>
      <select id="f-kind" name="kind" required>
        <option value="">请选择</option>
        <option value="industrial"<?cs if:Form.kind == "industrial" ?> selected<?cs /if ?>>工业性投资项目</option>
        <option value="key"<?cs if:Form.kind == "key" ?> selected<?cs /if ?>>重点招商项目（自治区政府确定）</option>
      </select>
    </div>
    <div class="field">
      <label for="f-credit">投资企业统一社会信用代码</label>
      <input id="f-credit" name="credit_code" class="mono" maxlength="18" required autocomplete="off" value="<?cs var:Form.credit_code ?>" aria-describedby="f-credit-help">
      <p class="help" id="f-credit-help">18 位，见营业执照。企业的经办人凭此在外网看到进度。</p>
    </div>
    <div class="field">
      <label for="f-investor">投资企业名称</label>
      <input id="f-investor" name="investor" maxlength="100" required value="<?cs var:Form.investor ?>">
    </div>
    <div class="field">
      <label for="f-location">建设地点</label>
      <input id="f-location" name="location" maxlength="200" required value="<?cs var:Form.location ?>">
    </div>
    <div class="field">
      <label for="f-amount">总投资（万元）</label>
      <input id="f-amount" name="amount" inputmode="numeric" pattern="[0-9]*" maxlength="9" required value="<?cs var:Form.amount ?>">
    </div>
    <div class="field">
      <label for="f-agreement-no">委托代理协议编号</label>
      <input id="f-agreement-no" name="agreement_no" maxlength="40" required value="<?cs var:Form.agreement_no ?>">
    </div>
    <div class="field">
      <label for="f-agreement">委托代理协议扫描件（PDF）</label>
      <input id="f-agreement" name="agreement" type="file" accept="application/pdf,.pdf" required aria-describedby="f-agreement-help">
      <p class="help" id="f-agreement-help">双方签字盖章后的协议，扫描成 PDF；不接收含脚本、表单或加密的文件。</p>
    </div>
    <div class="field">
      <label for="f-coord">代理协调员</label>
      <select id="f-coord" name="coordinator" required>
        <?cs each:c = Coords ?><option value="<?cs var:c.login ?>"<?cs if:Form.coordinator == c.login ?> selected<?cs /if ?>><?cs var:c.name ?>（<?cs var:c.dept ?>）</option><?cs /each ?>
      </select>
    </div>
    <fieldset class="field">
      <legend>项目需要办理的事项（可跨部门多选，最多 30 项）</legend>
      <?cs each:i = Items ?><label class="check"><input type="checkbox" name="it_<?cs var:i.code ?>" value="1"<?cs if:i.checked ?> checked<?cs /if ?>> <?cs var:i.name ?> <span class="small muted"><?cs var:i.dept ?></span></label><?cs /each ?>
    </fieldset>
    <div class="form-actions">
      <button class="btn btn-primary" type="submit">登记项目</button>
    </div>
  </form>
</section>
