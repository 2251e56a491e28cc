<?cs # ext/apply.cs: the online application form of one item (Item.*,
       Item.Materials.N) for the logged-in applicant (Applicant.*);
       Limits.{upload_mb,remark} from the site's limits.
       POST /apply as multipart; one PDF per material, field m<seq>. ?>
<nav class="crumbs" aria-label="位置"><a href="/">首页</a> › <a href="/guide?code=<?cs var:url_escape(Item.code) ?>">办事指南</a> › 在线申请</nav>

<header class="page-head">
  <h1>在线申请：<?cs var:Item.name ?></h1>
  <p class="page-sub"><?cs var:Item.dept_name ?> · 承诺 <?cs var:Item.promised_days ?> 个工作日办结 · 事项编码 <?cs var:Item.code ?></p>
</header>

<?cs if:Form.Error ?><div class="alert alert-error" role="alert"><?cs var:Form.Error ?></div><?cs /if ?>

<form class="form form-wide" method="post" action="/apply" enctype="multipart/form-data">
  <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
  <input type="hidden" name="code" value="<?cs var:Item.code ?>">
  <?cs # One key per form page: the same form sent twice (Back, reload, a
         retry) lands on the application the first made. ?>
  <input type="hidden" name="form_key" value="<?cs var:Form.key ?>">

  <fieldset class="panel">
    <legend>申请人信息</legend>
    <dl class="facts facts-3">
      <div><dt>姓名</dt><dd><?cs var:Applicant.name ?></dd></div>
      <div><dt>身份证号码</dt><dd><?cs var:Applicant.id_number_masked ?></dd></div>
      <div><dt>手机号码</dt><dd><?cs var:Applicant.mobile ?></dd></div>
    </dl>
    <p class="help">以上信息来自您的实名账号，不能在此修改。</p>
  </fieldset>

  <fieldset class="panel">
    <legend>申请内容</legend>
    <div class="field">
      <label for="f-remark">申请事项说明<span class="opt">（选填）</span></label>
      <textarea id="f-remark" name="remark" rows="4" maxlength="<?cs var:Limits.remark ?>" aria-describedby="f-remark-help"><?cs var:Form.remark ?></textarea>
      <p class="help" id="f-remark-help">例如：经营场所地址、经营项目、需要说明的特殊情况等，不超过 <?cs var:Limits.remark ?> 字。</p>
    </div>
  </fieldset>

  <fieldset class="panel">
    <legend>上传申请材料</legend>
    <p class="callout">只接受 <strong>PDF</strong> 格式，每个文件不超过 <strong><?cs var:Limits.upload_mb ?> MB</strong>。纸质材料请扫描或拍照后转为 PDF；多页材料合成一个文件。含有脚本、表单按钮或内嵌附件的 PDF 不能接收，每个文件都会检查病毒。<?cs if:Form.Error ?>出错后请重新选择全部文件。<?cs /if ?></p>
    <?cs if:subcount(Item.Materials) == 0 ?>
    <p class="muted">本事项无需上传材料。</p>
    <?cs /if ?>
    <ol class="uploads">
      <?cs each:m = Item.Materials ?>
      <li class="upload">
        <label for="f-m<?cs var:m.seq ?>">
          <span class="upload-name"><?cs var:m.name ?></span>
          <span class="upload-tags">
            <span class="tag"><?cs var:m.original ?></span>
            <?cs if:m.required == 1 ?><span class="tag tag-req">必交</span><?cs else ?><span class="tag">选交</span><?cs /if ?>
          </span>
        </label>
        <?cs if:m.note ?><p class="help"><?cs var:m.note ?></p><?cs /if ?>
        <input id="f-m<?cs var:m.seq ?>" type="file" name="m<?cs var:m.seq ?>" accept="application/pdf"<?cs if:m.required == 1 ?> required<?cs /if ?>>
      </li>
      <?cs /each ?>
    </ol>
  </fieldset>

  <div class="panel pledge">
    <label class="check"><input type="checkbox" required> 本人承诺所填信息和所交材料真实、有效，如有虚假，愿承担相应法律责任。</label>
  </div>

  <div class="form-actions">
    <button class="btn btn-primary btn-big" type="submit">提交申请</button>
    <a class="btn btn-plain" href="/guide?code=<?cs var:url_escape(Item.code) ?>">返回办事指南</a>
  </div>
</form>
