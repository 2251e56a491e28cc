<?cs # ext/verify.cs: 文书核验 without login (EXT-6, DOC-1), of licences
       too (DOC-2: doc/licence.cs, and Doc.Lic.state: valid, expired,
       revoked or cancelled above the verdict).  The form
       (文号 + 校验码, GET so that a QR code can carry them), the one answer
       for a miss (Form.Error), or the verified document: a verdict, the
       seal's key and whether it was revoked, then the document as issued
       with the applicant's name masked (doc/notice.cs, Doc.public). ?>
<section class="form-page verify-page">
  <h1>文书核验</h1>
  <?cs if:Doc.doc_no ?>
  <div class="alert alert-ok verify-ok" role="status">
    <p><strong>核验通过：</strong>这份<?cs var:Doc.title ?>（<?cs var:Doc.doc_no ?>）是<?cs var:Doc.Seal.dept_name ?>于<?cs var:Doc.issued_at ?>签发的原件，加盖的电子印章经本站用该部门的公钥验证无误，内容与签发时一致。</p>
    <p class="muted">印章密钥 <span class="mono"><?cs var:Doc.Seal.kid ?></span>（<?cs var:Doc.Seal.alg ?>，<?cs var:Doc.Seal.key_created ?> 启用<?cs if:Doc.Seal.retired_at && !Doc.Seal.revoked_at ?>，<?cs var:Doc.Seal.retired_at ?> 起由新密钥替换，仍可核验此前盖章的文书<?cs /if ?>）</p>
  </div>
  <?cs if:Doc.Lic.state == "revoked" || Doc.Lic.state == "cancelled" ?>
  <div class="alert alert-error lic-state" role="alert"><strong><?cs var:Doc.Lic.state_label ?>：</strong>这份证照已于 <?cs var:Doc.Lic.ended_at ?> 被发证机关<?cs if:Doc.Lic.state == "revoked" ?>吊销<?cs else ?>注销<?cs /if ?>，不再有效，不能作为许可的证明。理由：<?cs var:Doc.Lic.end_why ?></div>
  <?cs elif:Doc.Lic.state == "expired" ?>
  <div class="alert alert-error lic-state" role="alert"><strong>已过期：</strong>这份证照的有效期已于 <?cs var:Doc.valid_to ?> 届满，不再有效。</div>
  <?cs elif:Doc.Lic.state == "valid" ?>
  <div class="alert alert-ok lic-state" role="status"><strong>有效：</strong>这份证照在有效期内（<?cs var:Doc.valid_from ?> 至 <?cs var:Doc.valid_to ?>），未被吊销或注销。</div>
  <?cs /if ?>
  <?cs if:Doc.Seal.revoked_at ?>
  <div class="alert alert-error" role="alert">注意：这枚印章的密钥已于 <?cs var:Doc.Seal.revoked_at ?> 吊销，原因：<?cs var:Doc.Seal.revoke_why ?>。本文书的签名在技术上仍然有效，但请向签发部门核实后再采信。</div>
  <?cs /if ?>
  <?cs if:!Doc.credit_code ?><p class="muted">为保护个人信息，下面的内容隐去了<?cs if:Doc.kind == "licence" ?>持证人<?cs else ?>申请人<?cs /if ?>姓名的一部分。</p><?cs /if ?>
  <div class="sheet verify-sheet">
  <?cs if:Doc.kind == "licence" ?><?cs include:"doc/licence.cs" ?><?cs else ?><?cs include:"doc/notice.cs" ?><?cs /if ?>
  </div>
  <p class="actions no-print"><a class="btn btn-plain" href="/verify/download?no=<?cs var:url_escape(Doc.doc_no) ?>&amp;code=<?cs var:url_escape(Doc.Seal.code) ?>">下载文书文件（JSON，可离线核验）</a> <a class="btn btn-plain" href="/verify">核验其他文书</a></p>
  <?cs else ?>
  <p class="page-sub">输入文书上的文号和电子印章校验码，核验这份通知书、决定书或电子证照是否为本平台签发的原件、内容有无改动，证照是否仍然有效。无需登录；用手机扫描文书上的二维码，也会打开本页。</p>
  <?cs if:Form.Error ?><div class="alert alert-error" role="alert"><?cs var:Form.Error ?></div><?cs /if ?>
  <form class="form" method="get" action="/verify">
    <div class="field">
      <label for="f-no">文号</label>
      <input id="f-no" name="no" type="text" value="<?cs var:Form.no ?>" maxlength="60" autocomplete="off" spellcheck="false" aria-describedby="f-no-help" required>
      <p class="help" id="f-no-help">文书标题下方的编号，例如 锡市监准字〔2026〕0001号；证照上的证照编号，例如 锡市监食许〔2026〕0001号。</p>
    </div>
    <div class="field">
      <label for="f-code">校验码</label>
      <input id="f-code" name="code" type="text" value="<?cs var:Form.code ?>" maxlength="20" autocomplete="off" spellcheck="false" autocapitalize="characters" aria-describedby="f-code-help" required>
      <p class="help" id="f-code-help">文书底部印章旁的 8 位字母和数字，不区分大小写。</p>
    </div>
    <div class="form-actions">
      <button class="btn btn-primary" type="submit">核验</button>
    </div>
  </form>
  <p class="form-alt muted">没有电子印章校验码的文书不能在线核验，请以签发部门加盖实物印章的纸质文书为准，或向签发部门核实。</p>
  <?cs /if ?>
</section>
