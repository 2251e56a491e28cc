<?cs # doc/notice.cs: the notices and decisions (Doc.kind accept, reject,
       approve, deny, withdraw, extend, correct, special, fee) as a
       Chinese government document:
       red header,
       title, number, addressee (an enterprise's case: the enterprise,
       Doc.entity_name and Doc.credit_code, with its 经办人 under it; ACC-1),
       body, department and date.  The red
       seal is drawn only on a document whose electronic seal this site
       has just verified (Doc.Seal.state "sealed", view_seal(); DOC-1),
       beside its check code and a QR code of the verification address;
       an unsealed document says so, and one whose seal does not verify
       warns.  A picture of a seal with no signature behind it would
       promise what is not there.
       Dates are expected as "YYYY-MM-DD[ hh:mm[:ss]]" and shown as
       YYYY年M月D日; anything else is shown as given.  Doc.internal (the
       intranet's copy): the signer too, "B（受 A 委托）" for a deputy.
       Doc.public (/verify): no download link of the applicant's.  A
       受理通知书 names who received the application (受理人, INT-2) on
       every copy. ?>
<?cs # yuan: an amount in fen as yuan with two decimals. ?>
<?cs def:yuan(fen) ?><?cs var:fen / 100 ?>.<?cs if:fen % 100 < 10 ?>0<?cs /if ?><?cs var:fen % 100 ?><?cs /def ?>
<?cs # cn_date: "2026-10-08" as 2026年10月8日 (the leading zero cut as
       text: "08" + 0 is octal to ClearSilver, and gave 0). ?>
<?cs def:cn_date(d) ?><?cs if:string.length(d) >= 10 && string.slice(d, 4, 5) == "-" && string.slice(d, 7, 8) == "-" ?><?cs var:string.slice(d, 0, 4) ?>年<?cs if:string.slice(d, 5, 6) == "0" ?><?cs var:string.slice(d, 6, 7) ?><?cs else ?><?cs var:string.slice(d, 5, 7) ?><?cs /if ?>月<?cs if:string.slice(d, 8, 9) == "0" ?><?cs var:string.slice(d, 9, 10) ?><?cs else ?><?cs var:string.slice(d, 8, 10) ?><?cs /if ?>日<?cs else ?><?cs var:d ?><?cs /if ?><?cs /def ?>
<?cs def:remedy(what) ?><p class="doc-p">如对本决定不服，可在收到本<?cs var:what ?>之日起六十日内依法申请行政复议，或者在六个月内依法提起行政诉讼。</p><?cs /def ?>
<article class="gov-doc kind-<?cs var:Doc.kind ?>">
  <header class="doc-redhead">
    <p class="doc-dept"><?cs var:Doc.dept_name ?></p>
    <div class="doc-redline" aria-hidden="true"></div>
  </header>

  <h1 class="doc-title"><?cs if:Doc.title ?><?cs var:Doc.title ?><?cs elif:Doc.kind == "accept" ?>受理通知书<?cs elif:Doc.kind == "reject" ?>不予受理通知书<?cs elif:Doc.kind == "approve" ?>准予行政许可决定书<?cs elif:Doc.kind == "deny" ?>不予行政许可决定书<?cs elif:Doc.kind == "withdraw" ?>准予撤回决定书<?cs elif:Doc.kind == "extend" ?>延期审批告知书<?cs elif:Doc.kind == "correct" ?>补正材料通知书<?cs elif:Doc.kind == "special" ?>特别程序告知书<?cs elif:Doc.kind == "fee" ?>缴费通知书<?cs /if ?></h1>
  <p class="doc-no"><?cs var:Doc.doc_no ?></p>

  <p class="doc-to"><?cs if:Doc.credit_code ?><?cs var:Doc.entity_name ?>（统一社会信用代码 <?cs var:Doc.credit_code ?>）<?cs else ?><?cs var:Doc.applicant_name ?><?cs /if ?>：</p>
  <?cs if:Doc.credit_code ?><p class="doc-p doc-agent">（企业经办人：<?cs var:Doc.applicant_name ?>）</p><?cs /if ?>
  <?cs if:Doc.agent ?><p class="doc-p doc-agent">（本件由代办员代为申请。代办员：<?cs var:Doc.agent ?>）</p><?cs /if ?>

  <?cs if:Doc.kind == "accept" ?>
  <p class="doc-p">你（单位）于<?cs if:Doc.submitted_at ?><?cs call:cn_date(Doc.submitted_at) ?><?cs else ?><?cs call:cn_date(Doc.received_at) ?><?cs /if ?>提出的<?cs var:Doc.item_name ?>申请，经审查，申请材料齐全、符合法定形式，决定予以受理。本机关将在<?cs var:Doc.promised_days ?>个工作日内（即<?cs call:cn_date(Doc.due_date) ?>前）作出决定。</p>
  <?cs if:subcount(Doc.Materials) > 0 ?>
  <p class="doc-p">你（单位）提交的申请材料如下：</p>
  <table class="doc-table numbered">
    <thead><tr><th scope="col" class="num">序号</th><th scope="col">材料名称</th><th scope="col" class="nowrap">原件/复印件</th><th scope="col" class="num">份数</th></tr></thead>
    <tbody>
      <?cs each:m = Doc.Materials ?>
      <tr><td class="num rownum"></td><td><?cs var:m.name ?></td><td><?cs var:m.original ?></td><td class="num"><?cs var:m.copies ?></td></tr>
      <?cs /each ?>
    </tbody>
  </table>
  <?cs /if ?>
  <p class="doc-p">办理进度可凭申请编号在一网通办「办件查询」查看。</p>

  <?cs elif:Doc.kind == "reject" ?>
  <p class="doc-p">你（单位）于<?cs if:Doc.submitted_at ?><?cs call:cn_date(Doc.submitted_at) ?><?cs else ?><?cs call:cn_date(Doc.received_at) ?><?cs /if ?>提出的<?cs var:Doc.item_name ?>申请，经审查，存在以下情形：</p>
  <p class="doc-p doc-reason pre-line"><?cs var:Doc.reason ?></p>
  <p class="doc-p">根据《中华人民共和国行政许可法》第三十二条第一款的规定，本机关决定不予受理。</p>
  <?cs call:remedy("通知书") ?>

  <?cs elif:Doc.kind == "approve" ?>
  <p class="doc-p">你（单位）于<?cs if:Doc.submitted_at ?><?cs call:cn_date(Doc.submitted_at) ?><?cs else ?><?cs call:cn_date(Doc.received_at) ?><?cs /if ?>提出的<?cs var:Doc.item_name ?>申请，经审查，符合法定条件、标准。根据《中华人民共和国行政许可法》第三十八条第一款的规定，本机关决定准予行政许可。</p>
  <table class="doc-table">
    <tr><th scope="row">许可事项</th><td><?cs var:Doc.item_name ?></td></tr>
    <?cs if:Doc.scope ?><tr><th scope="row">许可范围</th><td class="pre-line"><?cs var:Doc.scope ?></td></tr><?cs /if ?>
    <?cs if:Doc.valid_until ?><tr><th scope="row">有效期</th><td>自本决定作出之日起至<?cs call:cn_date(Doc.valid_until) ?>止</td></tr><?cs /if ?>
  </table>
  <?cs if:Doc.opinion ?><p class="doc-p doc-opinion pre-line"><?cs var:Doc.opinion ?></p><?cs /if ?>

  <?cs elif:Doc.kind == "deny" && Doc.fee_due ?>
  <p class="doc-p">你（单位）于<?cs if:Doc.submitted_at ?><?cs call:cn_date(Doc.submitted_at) ?><?cs else ?><?cs call:cn_date(Doc.received_at) ?><?cs /if ?>提出的<?cs var:Doc.item_name ?>申请，本机关已核定应缴纳的<?cs var:Doc.fee_kind ?><?cs call:yuan(Doc.fee_amount) ?>元，并书面通知你（单位）于<?cs call:cn_date(Doc.fee_due) ?>前缴纳。</p>
  <p class="doc-p doc-reason pre-line"><?cs var:Doc.reason ?></p>
  <p class="doc-p">应当缴纳费用的申请人未在规定期限内缴费的，不予许可。本机关决定不予行政许可。</p>
  <?cs call:remedy("决定书") ?>

  <?cs elif:Doc.kind == "deny" ?>
  <p class="doc-p">你（单位）于<?cs if:Doc.submitted_at ?><?cs call:cn_date(Doc.submitted_at) ?><?cs else ?><?cs call:cn_date(Doc.received_at) ?><?cs /if ?>提出的<?cs var:Doc.item_name ?>申请，经审查，不符合法定条件、标准，理由如下：</p>
  <p class="doc-p doc-reason pre-line"><?cs var:Doc.reason ?></p>
  <p class="doc-p">根据《中华人民共和国行政许可法》第三十八条第二款的规定，本机关决定不予行政许可。</p>
  <?cs call:remedy("决定书") ?>

  <?cs elif:Doc.kind == "extend" ?>
  <p class="doc-p">你（单位）于<?cs if:Doc.submitted_at ?><?cs call:cn_date(Doc.submitted_at) ?><?cs else ?><?cs call:cn_date(Doc.received_at) ?><?cs /if ?>提出的<?cs var:Doc.item_name ?>申请，本机关已依法受理。因以下原因，不能在规定期限内作出决定：</p>
  <p class="doc-p doc-reason pre-line"><?cs var:Doc.reason ?></p>
  <p class="doc-p">根据《中华人民共和国行政许可法》第四十二条第一款的规定，经本机关负责人批准，办理期限延长<?cs var:Doc.extended_days ?>个工作日，本机关将于<?cs call:cn_date(Doc.due_date) ?>前作出决定。</p>

  <?cs elif:Doc.kind == "correct" ?>
  <p class="doc-p">你（单位）于<?cs if:Doc.submitted_at ?><?cs call:cn_date(Doc.submitted_at) ?><?cs else ?><?cs call:cn_date(Doc.received_at) ?><?cs /if ?>提出的<?cs var:Doc.item_name ?>申请，经审查，申请材料不齐全或者不符合法定形式。根据《中华人民共和国行政许可法》第三十二条第一款第（四）项的规定，现一次性告知你（单位）需要补正的全部内容：</p>
  <table class="doc-table numbered">
    <thead><tr><th scope="col" class="num">序号</th><th scope="col">材料名称</th><th scope="col">补正原因</th></tr></thead>
    <tbody>
      <?cs each:c = Doc.Corrections ?>
      <tr><td class="num rownum"></td><td><?cs var:c.name ?></td><td class="pre-line"><?cs var:c.reason ?></td></tr>
      <?cs /each ?>
    </tbody>
  </table>
  <p class="doc-p">请登录一网通办，在本申请的办件页面一次性上传上述全部补正材料。本机关自收到全部补正材料之日起重新计算受理期限。</p>

  <?cs elif:Doc.kind == "special" ?>
  <p class="doc-p">你（单位）于<?cs if:Doc.submitted_at ?><?cs call:cn_date(Doc.submitted_at) ?><?cs else ?><?cs call:cn_date(Doc.received_at) ?><?cs /if ?>提出的<?cs var:Doc.item_name ?>申请，本机关已依法受理。因以下原因，需要进行<?cs var:Doc.procedure ?>：</p>
  <p class="doc-p doc-reason pre-line"><?cs var:Doc.reason ?></p>
  <p class="doc-p">根据《中华人民共和国行政许可法》第四十五条的规定，<?cs var:Doc.procedure ?>所需时间不计算在本机关作出行政许可决定的期限内，预计需要<?cs var:Doc.expected_days ?>个工作日。<?cs var:Doc.procedure ?>结束后，本机关将恢复办理，并告知你（单位）顺延后的办结日期。</p>
  <?cs elif:Doc.kind == "fee" ?>
  <p class="doc-p">你（单位）于<?cs if:Doc.submitted_at ?><?cs call:cn_date(Doc.submitted_at) ?><?cs else ?><?cs call:cn_date(Doc.received_at) ?><?cs /if ?>提出的<?cs var:Doc.item_name ?>申请，本机关已依法受理。经审查核定，你（单位）应缴纳下列费用：</p>
  <table class="doc-table">
    <tr><th scope="row">收费项目</th><td><?cs var:Doc.fee_kind ?></td></tr>
    <tr><th scope="row">金额</th><td><?cs call:yuan(Doc.fee_amount) ?> 元</td></tr>
    <tr><th scope="row">缴费期限</th><td><?cs call:cn_date(Doc.fee_due) ?>前（<?cs var:Doc.fee_days ?>个工作日内）</td></tr>
  </table>
  <p class="doc-p">请在期限内到本机关政务服务窗口缴纳，并保存缴费票据。逾期未缴纳的，本机关将依照规定作出不予行政许可的决定。</p>

  <?cs elif:Doc.kind == "withdraw" ?>
  <p class="doc-p">你（单位）于<?cs if:Doc.submitted_at ?><?cs call:cn_date(Doc.submitted_at) ?><?cs else ?><?cs call:cn_date(Doc.received_at) ?><?cs /if ?>提出的<?cs var:Doc.item_name ?>申请，在本机关作出决定前申请撤回。</p>
  <?cs if:Doc.reason && Doc.reason != "申请人申请撤回。" ?><p class="doc-p">撤回理由：</p><p class="doc-p doc-reason pre-line"><?cs var:Doc.reason ?></p><?cs /if ?>
  <p class="doc-p">经审查，本机关决定准予撤回，该申请的办理程序终止。如仍需办理，可重新提出申请。</p>
  <?cs /if ?>

  <div class="doc-sign<?cs if:Doc.Seal.state == "sealed" ?> sealed<?cs /if ?>">
    <p class="sign-dept"><?cs var:Doc.dept_name ?></p>
    <p class="sign-date"><?cs call:cn_date(Doc.issued_at) ?></p>
    <?cs if:Doc.Seal.state == "sealed" ?>
    <?cs include:"doc/seal.cs" ?>
    <?cs /if ?>
  </div>

  <footer class="doc-foot">
    <p>申请编号：<span class="mono"><?cs var:Doc.app_no ?></span><?cs if:Doc.issued_by && Doc.issued_by != Doc.dept_name ?>　签发：<?cs var:Doc.issued_by ?><?cs /if ?><?cs if:Doc.signer && Doc.kind == "accept" ?>　受理人：<?cs var:Doc.signer ?><?cs elif:Doc.internal && Doc.signer ?>　经办人：<?cs var:Doc.signer ?><?cs /if ?></p>
    <?cs if:Doc.Seal.state == "sealed" ?>
    <div class="doc-verify">
      <?cs if:Doc.Seal.qr_html ?><div class="doc-qr"><?cs uvar:Doc.Seal.qr_html ?></div><?cs /if ?>
      <div class="doc-verify-text">
        <p>文号：<?cs var:Doc.doc_no ?></p>
        <p>电子印章校验码：<strong class="mono check-code"><?cs var:Doc.Seal.code ?></strong></p>
        <p>本文书加盖<?cs var:Doc.Seal.dept_name ?>电子印章（<?cs var:Doc.Seal.alg ?> 数字签名）。用手机扫描二维码，或在一网通办网站「文书核验」<?cs if:Doc.Seal.verify_url ?>（<span class="mono"><?cs var:Doc.Seal.verify_url ?></span>）<?cs /if ?>输入文号和校验码，无需登录即可核验本文书是否为原件、内容有无改动。</p>
        <?cs if:Doc.Seal.revoked_at ?><p class="doc-warn">注意：这枚印章的密钥已于<?cs call:cn_date(Doc.Seal.revoked_at) ?>吊销（<?cs var:Doc.Seal.revoke_why ?>）。吊销前盖章的文书仍可核验，如有疑问请向签发部门核实。</p><?cs /if ?>
        <?cs if:!Doc.public && !Doc.internal ?><p class="no-print"><a href="/doc/download?no=<?cs var:url_escape(Doc.doc_no) ?>">下载可离线核验的文书文件（JSON）</a></p><?cs /if ?>
      </div>
    </div>
    <?cs elif:Doc.Seal.state == "broken" ?>
    <p class="doc-warn">本文书的电子印章核验未通过：内容在盖章后被改动过，或签发部门的印章公钥尚未送达本站。请勿以本页为准，可向签发部门核实。</p>
    <?cs else ?>
    <p>本文书未加盖电子印章（签发部门尚未启用电子印章），不能在线核验；以签发部门加盖实物印章的纸质文书为准。</p>
    <?cs /if ?>
  </footer>
</article>
