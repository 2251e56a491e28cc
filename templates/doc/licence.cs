<?cs # doc/licence.cs: an e-licence (电子证照, DOC-2) as printed: its name,
       number, holder (Doc.holder, with Doc.credit_code for an
       enterprise), the item, scope, validity, issuing department and
       day, from its sealed body (view_sealed()).  As on notices the red
       seal, check code and QR code are drawn only when this site has just
       verified the seal (Doc.Seal.state "sealed", doc/seal.cs).
       Doc.Lic.state: valid, expired, revoked or cancelled, with
       Doc.Lic.{state_label,ended_at,end_why}: a licence no longer in
       force says so above everything else, on screen and on paper.
       Doc.public (/verify): no download link; Doc.internal: the
       library's copy. ?>
<?cs def:lic_date(d) ?><?cs if:string.length(d) >= 10 && string.slice(d, 4, 5) == "-" ?><?cs var:string.slice(d, 0, 4) ?>年<?cs if:string.slice(d, 5, 6) == "0" ?><?cs var:string.slice(d, 6, 7) ?><?cs else ?><?cs var:string.slice(d, 5, 7) ?><?cs /if ?>月<?cs if:string.slice(d, 8, 9) == "0" ?><?cs var:string.slice(d, 9, 10) ?><?cs else ?><?cs var:string.slice(d, 8, 10) ?><?cs /if ?>日<?cs else ?><?cs var:d ?><?cs /if ?><?cs /def ?>
<article class="gov-doc kind-licence lic-<?cs var:Doc.Lic.state ?>">
  <?cs if:Doc.Lic.state == "revoked" || Doc.Lic.state == "cancelled" ?>
  <p class="doc-warn lic-ended" role="alert">本证照已于 <?cs var:Doc.Lic.ended_at ?> 被<?cs var:Doc.dept_name ?><?cs if:Doc.Lic.state == "revoked" ?>吊销<?cs else ?>注销<?cs /if ?>，不再有效。理由：<?cs var:Doc.Lic.end_why ?></p>
  <?cs elif:Doc.Lic.state == "expired" ?>
  <p class="doc-warn lic-ended" role="alert">本证照有效期已于 <?cs call:lic_date(Doc.valid_to) ?>届满，已过期。</p>
  <?cs /if ?>
  <header class="doc-redhead">
    <p class="doc-dept">中华人民共和国</p>
    <div class="doc-redline" aria-hidden="true"></div>
  </header>
  <h1 class="doc-title"><?cs var:Doc.title ?></h1>
  <p class="doc-no">编号：<?cs var:Doc.doc_no ?></p>
  <table class="doc-table lic-table">
    <tr><th scope="row"><?cs if:Doc.credit_code ?>经营者名称<?cs else ?>持证人<?cs /if ?></th><td><?cs var:Doc.holder ?></td></tr>
    <?cs if:Doc.credit_code ?><tr><th scope="row">统一社会信用代码</th><td class="mono"><?cs var:Doc.credit_code ?></td></tr><?cs /if ?>
    <tr><th scope="row">许可事项</th><td><?cs var:Doc.item_name ?></td></tr>
    <?cs if:Doc.scope ?><tr><th scope="row">许可范围</th><td class="pre-line"><?cs var:Doc.scope ?></td></tr><?cs /if ?>
    <tr><th scope="row">有效期</th><td><?cs if:Doc.valid_to == "长期" ?>自<?cs call:lic_date(Doc.valid_from) ?>起长期有效<?cs else ?><?cs call:lic_date(Doc.valid_from) ?>至<?cs call:lic_date(Doc.valid_to) ?><?cs /if ?></td></tr>
    <tr><th scope="row">发证机关</th><td><?cs var:Doc.dept_name ?></td></tr>
  </table>

  <div class="doc-sign<?cs if:Doc.Seal.state == "sealed" ?> sealed<?cs /if ?>">
    <p class="sign-dept"><?cs var:Doc.dept_name ?></p>
    <p class="sign-date">发证日期：<?cs call:lic_date(Doc.issued_at) ?></p>
    <?cs if:Doc.Seal.state == "sealed" ?><?cs include:"doc/seal.cs" ?><?cs /if ?>
  </div>

  <footer class="doc-foot">
    <p>申请编号：<span class="mono"><?cs var:Doc.app_no ?></span></p>
    <?cs if:Doc.Seal.state == "sealed" ?>
    <div class="doc-verify">
      <?cs if:Doc.Seal.qr_html ?><div class="doc-qr"><?cs uvar:Doc.Seal.qr_html ?></div><?cs /if ?>
      <div class="doc-verify-text">
        <p>证照编号：<?cs var:Doc.doc_no ?></p>
        <p>电子印章校验码：<strong class="mono check-code"><?cs var:Doc.Seal.code ?></strong></p>
        <p>本证照加盖<?cs var:Doc.Seal.dept_name ?>电子印章（<?cs var:Doc.Seal.alg ?> 数字签名）。用手机扫描二维码，或在一网通办网站「文书核验」<?cs if:Doc.Seal.verify_url ?>（<span class="mono"><?cs var:Doc.Seal.verify_url ?></span>）<?cs /if ?>输入证照编号和校验码，无需登录即可核验证照是否为原件、是否仍然有效。</p>
        <?cs if:!Doc.public && !Doc.internal ?><p class="no-print"><a href="/doc/download?no=<?cs var:url_escape(Doc.doc_no) ?>">下载可离线核验的证照文件（JSON）</a></p><?cs /if ?>
      </div>
    </div>
    <?cs elif:Doc.Seal.state == "broken" ?>
    <p class="doc-warn">本证照的电子印章核验未通过：内容在盖章后被改动过，或发证部门的印章公钥尚未送达本站。请勿以本页为准，可向发证机关核实。</p>
    <?cs else ?>
    <p>本证照未加盖电子印章（发证部门尚未启用电子印章），不能在线核验；请向发证机关核实。</p>
    <?cs /if ?>
  </footer>
</article>
