<?cs # int/intake_receipt.cs: 收件回执 (INT-1), GET /hall/intake/receipt,
       window clerks of the department.  Receipt.{app_no,item_name,
       applicant,id_number (masked),entity,received_at,clerk,dept,
       promised_due,online,query_url,qr_html,scanned.N.{name,file},
       paper.N.{name,copies,pages},agency (filed by the 全程代理 centre,
       INT-14), project_id (its page: the coordinator's receipt)}. ?>
<article class="doc receipt">
  <header class="doc-head">
    <h1>收件回执</h1>
    <p class="doc-no">申请编号 <strong class="mono"><?cs var:Receipt.app_no ?></strong></p>
  </header>
  <dl class="facts facts-stack">
    <div><dt>申请事项</dt><dd><?cs var:Receipt.item_name ?></dd></div>
    <div><dt>申请人</dt><dd><?cs var:Receipt.applicant ?>（身份证 <span class="mono"><?cs var:Receipt.id_number ?></span>）<?cs if:Receipt.entity ?>，代表 <?cs var:Receipt.entity ?><?cs /if ?></dd></div>
    <div><dt>收件时间</dt><dd><?cs var:Receipt.received_at ?></dd></div>
    <div><dt>收件部门</dt><dd><?cs var:Receipt.dept ?></dd></div>
    <?cs if:Receipt.agency ?><div><dt>全程代理</dt><dd>由<?cs var:Receipt.agency ?>代投资企业申请</dd></div><?cs /if ?>
    <div><dt>收件人</dt><dd><?cs var:Receipt.clerk ?></dd></div>
    <?cs if:Receipt.promised_due ?><div><dt>承诺办结</dt><dd>受理后按承诺时限办理，预计 <?cs var:Receipt.promised_due ?> 前办结</dd></div><?cs /if ?>
  </dl>
  <h2 class="section-title">收到的材料</h2>
  <ul>
    <?cs each:s = Receipt.scanned ?><li><?cs var:s.name ?>（电子件：<?cs var:s.file ?>）</li><?cs /each ?>
    <?cs each:p = Receipt.paper ?><li><?cs var:p.name ?>，<?cs var:p.copies ?> 份<?cs if:p.pages != "0" ?> <?cs var:p.pages ?> 页<?cs /if ?></li><?cs /each ?>
  </ul>
  <?cs if:subcount(Receipt.scanned) == 0 && subcount(Receipt.paper) == 0 ?><p class="muted">没有登记材料。</p><?cs /if ?>
  <h2 class="section-title">查询办理进度</h2>
  <?cs if:Receipt.online == "1" ?>
  <p>请凭申请编号和申请人的身份证号码在政务服务网「办件查询」<?cs if:Receipt.query_url ?>（<span class="mono"><?cs var:Receipt.query_url ?></span>）<?cs /if ?>查看办理进度；用本人身份证号码注册登录后，也可在「我的办件」中看到。网上信息每次网闸摆渡后更新。</p>
  <?cs if:Receipt.qr_html ?><div class="doc-qr"><?cs uvar:Receipt.qr_html ?></div><?cs /if ?>
  <?cs else ?>
  <p>这个事项不在网上公开办理进度，请凭本回执到<?cs var:Receipt.dept ?>窗口或致电查询。</p>
  <?cs /if ?>
  <p class="small">本回执只证明窗口已收到上列材料；是否受理，以受理通知书或不予受理通知书为准（5 个工作日内作出）。</p>
</article>
<p class="no-print">请用浏览器的“打印”功能（Ctrl+P）打印本页，交申请人收执。 <?cs if:Receipt.project_id ?><a class="btn btn-plain" href="/agency/project?id=<?cs var:url_escape(Receipt.project_id) ?>">返回项目</a><?cs else ?><a class="btn btn-plain" href="/hall/intake">继续收件</a><?cs /if ?></p>
