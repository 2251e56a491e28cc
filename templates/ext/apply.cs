<?cs # ext/apply.cs: the online application form of one item (Item.*,
       Item.Materials.N, each with the applicant's earlier files
       Reuse.M.{id,file_name,app_no,submitted_at,kb}, ACC-3; and their
       valid licences that may fill it, Lics.M.{no,name,valid_to}, with
       lic_set/lic_chosen the choice the form or draft made, field
       l<seq>: 免证办, DOC-2) for the
       logged-in applicant (Applicant.*; Applicant.Entity.* when made in
       an enterprise's name, Applicant.As.N.{code,name} the enterprises
       they may apply for, ACC-1); Form.remark_again: the remark is their
       last one of this item;
       Limits.{upload_mb,remark} from the site's limits.
       POST /apply as multipart; one PDF per material, field m<seq>.
       For an agent (Agent.{name,area}, Agent.Regions.N, AGT-1): the
       resident's name, ID number, mobile and where they live
       (Form.resident_*), and their consent: the signed form (field m0)
       or the SMS confirmation (consent_kind sms).
       Drafts (EXT-1): Form.key names the form's draft and the
       application it makes; Item.Materials.N.Draft.{file_name,kind,kb}
       and Form.ConsentDraft.* the files the draft holds; Form.Draft.
       {updated_at,expires_on}; Form.Kept what happened to what was just
       sent; Form.Submitted.app_no: this form made that application
       already.  Limits.day_mb: the day's upload quota.
       How the result reaches the applicant (EXT-10, as /app/delivery):
       Form.{delivery,delivery_recipient,delivery_phone,
       delivery_address}, as sent back or as the draft kept them. ?>
<?cs include:"ext/delivery_fields.cs" ?>
<?cs include:"ext/choose_as.cs" ?>
<nav class="crumbs" aria-label="位置"><a href="/">首页</a> › <a href="/guide?code=<?cs var:url_escape(Item.code) ?>">办事指南</a> › 在线申请</nav>

<header class="page-head">
  <h1>在线申请：<?cs var:Item.name ?></h1>
  <p class="page-sub"><?cs var:Item.dept_name ?> · 承诺 <?cs var:Item.promised_days ?> 个工作日办结 · 事项编码 <?cs var:Item.code ?></p>
</header>

<?cs if:Form.Submitted.app_no ?><div class="alert alert-ok" role="status">这份申请已经提交，申请编号 <span class="mono"><?cs var:Form.Submitted.app_no ?></span>。再次提交不会重复申请，只会回到它的<a href="/receipt?no=<?cs var:url_escape(Form.Submitted.app_no) ?>">接件凭证</a>。如需为同一事项再申请一次，请从<a href="/guide?code=<?cs var:url_escape(Item.code) ?>">办事指南</a>重新打开申请页面。</div><?cs /if ?>
<?cs if:Form.Error ?><div class="alert alert-error" role="alert"><?cs var:Form.Error ?><?cs if:Form.Kept ?><br><?cs var:Form.Kept ?><?cs /if ?></div><?cs elif:Form.Kept ?><div class="alert alert-ok" role="status"><?cs var:Form.Kept ?></div><?cs elif:Form.Draft.updated_at ?><p class="callout">这是 <?cs var:Form.Draft.updated_at ?> 保存的草稿，保留到 <?cs var:Form.Draft.expires_on ?>。</p><?cs /if ?>

<?cs call:choose_as("/apply", Item.code, "您以什么身份办理？") ?>

<form class="form form-wide" method="post" action="/apply" enctype="multipart/form-data">
  <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
  <input type="hidden" name="code" value="<?cs var:Item.code ?>">
  <input type="hidden" name="as" value="<?cs var:Applicant.Entity.code ?>">
  <?cs # One key per form page: the same form sent twice (Back, reload, a
         retry) lands on the application the first made. ?>
  <input type="hidden" name="form_key" value="<?cs var:Form.key ?>">

  <?cs if:Agent.name ?>
  <fieldset class="panel">
    <legend>代办：居民（申请人）信息</legend>
    <p class="help">代办员 <?cs var:Agent.name ?> · 服务区域：<?cs var:Agent.area ?>。只能为本服务区域的居民代办，申请人是居民本人。</p>
    <div class="field">
      <label for="f-rname">居民姓名</label>
      <input id="f-rname" name="resident_name" type="text" maxlength="20" value="<?cs var:Form.resident_name ?>" autocomplete="off" required>
    </div>
    <div class="field">
      <label for="f-rid">居民身份证号码</label>
      <input id="f-rid" name="resident_id_number" type="text" maxlength="18" pattern="[0-9]{17}[0-9Xx]" inputmode="text" value="<?cs var:Form.resident_id_number ?>" autocomplete="off" spellcheck="false" required>
    </div>
    <div class="field">
      <label for="f-rmob">居民手机号码</label>
      <input id="f-rmob" name="resident_mobile" type="tel" maxlength="11" pattern="1[3-9][0-9]{9}" value="<?cs var:Form.resident_mobile ?>" autocomplete="off" required>
    </div>
    <div class="field">
      <label for="f-rreg">居民居住地</label>
      <select id="f-rreg" name="resident_region" required>
        <option value="">请选择</option>
        <?cs each:g = Agent.Regions ?><option value="<?cs var:g.code ?>"<?cs if:g.selected || g.code == Form.resident_region ?> selected<?cs /if ?>><?cs var:g.name ?></option><?cs /each ?>
      </select>
    </div>
  </fieldset>
  <fieldset class="panel">
    <legend>居民授权</legend>
    <?cs # The two ways side by side, the file after them: a radio group
           split by another control is walked out of order (EXT-13). ?>
    <fieldset class="field choice">
      <legend>授权方式（选一种）</legend>
      <div class="choice-opts">
        <label class="choice-opt"><input type="radio" name="consent_kind" value="form"<?cs if:Form.consent_kind != "sms" ?> checked<?cs /if ?>> 上传居民签字的代办授权书</label>
        <label class="choice-opt"><input type="radio" name="consent_kind" value="sms"<?cs if:Form.consent_kind == "sms" ?> checked<?cs /if ?>> 短信确认</label>
      </div>
      <p class="help">上传授权书：请居民在代办授权书上签字（或按手印），写明委托您代办的事项，扫描成 PDF 或拍一张清楚的照片，在下面上传。</p>
      <p class="help">短信确认：提交后，系统给上面填写的居民手机发一条短信，写明您的姓名、代办的事项和 6 位确认码。居民把确认码念给您，您输入后申请才提交到审批部门；3 日内不确认，申请作废。普通手机即可，不需要上网。</p>
    </fieldset>
    <div class="field">
      <label for="f-m0">代办授权书（居民签字，扫描成 PDF 或拍照）<span class="opt">（选上传授权书的必交，选短信确认的不用交）</span></label>
      <?cs if:Form.ConsentDraft.file_name ?><p class="kept">已保存：<?cs var:Form.ConsentDraft.file_name ?> <span class="small muted">（<?cs var:Form.ConsentDraft.kind ?>，<?cs var:Form.ConsentDraft.kb ?> KB）不用重新选择；要换一份请重新选择文件。</span></p><?cs /if ?>
      <input id="f-m0" type="file" name="m0" accept="application/pdf,image/jpeg,image/png">
    </div>
  </fieldset>
  <?cs else ?>
  <?cs call:entity_facts("申请人（企业）") ?>
  <fieldset class="panel">
    <legend><?cs if:Applicant.Entity.code ?>经办人信息<?cs else ?>申请人信息<?cs /if ?></legend>
    <dl class="facts facts-3">
      <div><dt>姓名</dt><dd><?cs var:Applicant.name ?></dd></div>
      <div><dt>身份证号码</dt><dd><?cs var:Applicant.id_number_masked ?></dd></div>
      <div><dt>手机号码</dt><dd><?cs var:Applicant.mobile ?></dd></div>
    </dl>
    <p class="help">以上信息来自您的实名账号<?cs if:Applicant.Entity.code ?>和企业登记<?cs /if ?>，已自动填好，不能在此修改。</p>
  </fieldset>
  <?cs /if ?>

  <fieldset class="panel">
    <legend>申请内容</legend>
    <div class="field">
      <label for="f-remark">申请事项说明<span class="opt">（选填）</span></label>
      <textarea id="f-remark" name="remark" rows="4" maxlength="<?cs var:Limits.remark ?>" aria-describedby="f-remark-help"><?cs var:Form.remark ?></textarea>
      <p class="help" id="f-remark-help"><?cs if:Form.remark_again ?>已填入您上次申请这个事项时的说明，请核对修改。<?cs /if ?>例如：经营场所地址、经营项目、需要说明的特殊情况等，不超过 <?cs var:Limits.remark ?> 字。</p>
    </div>
  </fieldset>

  <fieldset class="panel">
    <legend>上传申请材料</legend>
    <p class="callout">可以上传 <strong>PDF</strong> 文件，或用手机拍摄的 <strong>JPEG、PNG 照片</strong>；每个文件不超过 <strong><?cs var:Limits.upload_mb ?> MB</strong>，每个账号每天合计不超过 <?cs var:Limits.day_mb ?> MB。一页的材料可以直接拍照（对准整页纸，拍清楚）；多页材料请扫描成一个 PDF。含有脚本、表单按钮或内嵌附件的 PDF 不能接收，每个文件都会检查病毒。提交时出错或点「保存草稿」，合格的文件都会保存，不用重新选择。</p>
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
        <?cs if:subcount(m.Lics) > 0 ?>
        <fieldset class="reuse lic-reuse">
          <legend class="help">免证办：您有本县核发的有效电子证照，可以直接使用，不用上传：</legend>
          <?cs each:l = m.Lics ?>
          <label class="check"><input type="radio" name="l<?cs var:m.seq ?>" value="<?cs var:l.no ?>"<?cs if:m.lic_set ?><?cs if:m.lic_chosen == l.no ?> checked<?cs /if ?><?cs elif:name(l) == 0 && !m.Draft.file_name ?> checked<?cs /if ?>> <span>使用已有证照：<?cs var:l.name ?> <span class="mono"><?cs var:l.no ?></span>，有效期至 <?cs var:l.valid_to ?></span></label>
          <?cs /each ?>
          <label class="check"><input type="radio" name="l<?cs var:m.seq ?>" value=""<?cs if:m.lic_set && !m.lic_chosen ?> checked<?cs elif:!m.lic_set && m.Draft.file_name ?> checked<?cs /if ?>> <span>不使用证照，上传文件</span></label>
        </fieldset>
        <?cs /if ?>
        <?cs if:m.Draft.file_name ?><p class="kept">已保存：<?cs var:m.Draft.file_name ?> <span class="small muted">（<?cs var:m.Draft.kind ?>，<?cs var:m.Draft.kb ?> KB）不用重新选择；要换一份请重新选择文件。</span></p><?cs /if ?>
        <?cs if:subcount(m.Reuse) > 0 ?>
        <fieldset class="reuse">
          <legend class="help">使用以前提交过的文件（不用重新上传）：</legend>
          <?cs each:f = m.Reuse ?>
          <label class="check"><input type="radio" name="r<?cs var:m.seq ?>" value="<?cs var:f.id ?>"<?cs if:name(f) == 0 && !m.Draft.file_name ?> checked<?cs /if ?>> <span><?cs var:f.file_name ?> <span class="small muted">（<?cs var:f.kb ?> KB，<?cs var:f.submitted_at ?> 随申请 <?cs var:f.app_no ?> 提交）</span></span></label>
          <?cs /each ?>
          <label class="check"><input type="radio" name="r<?cs var:m.seq ?>" value=""> <span>不使用，重新上传</span></label>
        </fieldset>
        <input id="f-m<?cs var:m.seq ?>" type="file" name="m<?cs var:m.seq ?>" accept="application/pdf,image/jpeg,image/png" aria-label="重新上传「<?cs var:m.name ?>」">
        <?cs else ?>
        <input id="f-m<?cs var:m.seq ?>" type="file" name="m<?cs var:m.seq ?>" accept="application/pdf,image/jpeg,image/png"<?cs if:m.required == 1 && !m.Draft.file_name && subcount(m.Lics) == 0 ?> required<?cs /if ?>>
        <?cs /if ?>
      </li>
      <?cs /each ?>
    </ol>
  </fieldset>

  <fieldset class="panel" id="delivery">
    <legend>办理结果的领取</legend>
    <p class="help">作出决定后，决定书、证照怎样交给您。提交后在办件页面还可以改，直到作出决定。</p>
    <?cs call:delivery_fields("delivery", "delivery_", Form.delivery, Form.delivery_recipient, Form.delivery_phone, Form.delivery_address) ?>
  </fieldset>

  <div class="panel pledge">
    <?cs if:Agent.name ?><label class="check"><input type="checkbox" required> 本人作为代办员承诺已核对居民身份证原件、已取得居民本人授权，所填信息和所交材料真实、有效，如有虚假，愿承担相应法律责任。</label><?cs else ?><label class="check"><input type="checkbox" required> 本人承诺所填信息和所交材料真实、有效，如有虚假，愿承担相应法律责任。</label><?cs /if ?>
  </div>

  <div class="form-actions">
    <button class="btn btn-primary btn-big" type="submit"><?cs if:Agent.name ?>提交代办申请<?cs else ?>提交申请<?cs /if ?></button>
    <button class="btn" type="submit" name="save" value="1" formnovalidate>保存草稿</button>
    <a class="btn btn-plain" href="/guide?code=<?cs var:url_escape(Item.code) ?>">返回办事指南</a>
  </div>
</form>
