<?cs # ext/receipt.cs: 接件凭证 shown right after an online application
       was submitted (App.*, App.Attachments.N; App.Lics.N the licences
       used instead of files, 免证办 DOC-2); printable. ?>
<?cs # filesize: a size in bytes, or one the handler already formatted ("12 KB"), shown as is. ?>
<?cs def:filesize(n) ?><?cs if:string.find(n, "B") >= 0 || string.find(n, "节") >= 0 ?><?cs var:n ?><?cs elif:n >= 1048576 ?><?cs var:n / 1048576 ?>.<?cs var:(n % 1048576) * 10 / 1048576 ?> MB<?cs elif:n >= 1024 ?><?cs var:(n + 1023) / 1024 ?> KB<?cs else ?><?cs var:n ?> 字节<?cs /if ?><?cs /def ?>
<section class="receipt printable">
  <header class="receipt-head">
    <p class="receipt-org"><?cs var:Site.Name ?></p>
    <h1>接件凭证</h1>
    <p class="receipt-ok no-print">您的申请已提交成功，请保存或打印本凭证。</p>
  </header>

  <div class="receipt-no">
    <span class="receipt-no-label">申请编号</span>
    <strong class="receipt-no-value"><?cs var:App.app_no ?></strong>
  </div>

  <div class="table-wrap">
    <table class="kv">
      <tbody>
        <tr><th scope="row">申请事项</th><td><?cs var:App.item_name ?><?cs if:App.item_code ?><span class="muted">（<?cs var:App.item_code ?>）</span><?cs /if ?></td></tr>
        <?cs if:App.credit_code ?><tr><th scope="row">申请人</th><td><?cs var:App.entity_name ?>（统一社会信用代码 <span class="mono"><?cs var:App.credit_code ?></span>）</td></tr><?cs /if ?>
        <tr><th scope="row"><?cs if:App.credit_code ?>经办人<?cs else ?>申请人<?cs /if ?></th><td><?cs var:App.applicant_name ?></td></tr>
        <?cs if:App.agent_name ?><tr><th scope="row">代办</th><td>由代办员<?cs var:App.agent_name ?>代办（<?cs var:App.agent_area ?>）</td></tr><?cs /if ?>
        <?cs if:App.id_number_masked ?><tr><th scope="row">身份证号码</th><td><?cs var:App.id_number_masked ?></td></tr><?cs /if ?>
        <?cs if:App.mobile_masked ?><tr><th scope="row">手机号码</th><td><?cs var:App.mobile_masked ?></td></tr><?cs /if ?>
        <tr><th scope="row">提交时间</th><td><?cs var:App.submitted_at ?></td></tr>
        <tr><th scope="row">当前状态</th><td><?cs var:App.state_label ?></td></tr>
      </tbody>
    </table>
  </div>

  <h2 class="section-title">已接收的材料</h2>
  <?cs if:App.lics_unread ?><p class="alert alert-error" role="alert">使用的电子证照暂时无法显示，请稍后刷新本页。</p><?cs /if ?>
  <?cs if:subcount(App.Attachments) == 0 && subcount(App.Lics) == 0 ?>
  <p class="muted">未上传材料。</p>
  <?cs else ?>
  <div class="table-wrap">
    <table class="grid numbered reflow">
      <thead><tr><th scope="col" class="num">序号</th><th scope="col">材料名称</th><th scope="col">文件</th><th scope="col" class="num">大小</th></tr></thead>
      <tbody>
        <?cs each:a = App.Attachments ?>
        <tr><td class="num rownum" data-label="序号"></td><td data-label="材料名称"><?cs var:a.material_name ?></td><td class="file" data-label="文件"><?cs var:a.file_name ?></td><td class="num nowrap" data-label="大小"><?cs call:filesize(a.size) ?></td></tr>
        <?cs /each ?>
        <?cs each:l = App.Lics ?>
        <tr><td class="num rownum" data-label="序号"></td><td data-label="材料名称"><?cs var:l.material_name ?></td><td data-label="文件">使用电子证照 <span class="mono"><?cs var:l.no ?></span></td><td class="num nowrap" data-label="大小">—</td></tr>
        <?cs /each ?>
      </tbody>
    </table>
  </div>
  <?cs /if ?>

  <p class="receipt-hint">凭申请编号和身份证号码可在「办件查询」查看进度</p>
  <p class="receipt-small">本凭证仅证明网上申请已提交，不代表已受理。受理与否以审批部门出具的受理通知书或不予受理通知书为准，请凭申请编号在网上查询办理进度。</p>

  <div class="actions no-print">
    <a class="btn btn-primary" href="/app?no=<?cs var:url_escape(App.app_no) ?>">查看办件详情</a>
    <a class="btn btn-plain" href="/query">办件查询</a>
    <a class="btn btn-plain" href="/">返回首页</a>
  </div>
  <p class="print-tip no-print">打印本凭证：使用浏览器的「打印」功能（Ctrl+P）。</p>
</section>
