<?cs # ext/event_apply.cs: one form for a life event (EXT-12): the
       event as ext/event.cs has it (Event.*), the applicant
       (Applicant.*; Applicant.Entity.* when made in an enterprise's
       name, as=, ACC-1; Applicant.As.N: the choices) once, the materials shared by several items first,
       then each item's own (Event.Materials.N.item: its item's no).
       POST /event/apply as multipart: code, form_key, remark, a file
       m<seq> per material; save: 保存草稿.  Form.Error: why it came
       back; Form.Kept: what its draft kept; Form.Draft.{updated_at,
       expires_on} and Event.Materials.N.Draft.{file_name,kb}: the draft
       (EXT-1) the form's key names. ?>
<nav class="crumbs" aria-label="位置"><a href="/">首页</a> › <a href="/event?code=<?cs var:url_escape(Event.code) ?>">一件事一次办</a> › 在线申请</nav>

<header class="page-head">
  <p class="page-kicker"><span class="tag">一件事一次办</span></p>
  <h1>在线申请：<?cs var:Event.name ?></h1>
  <p class="page-sub">一张表办 <?cs var:Event.nitems ?> 个事项、<?cs var:Event.depts ?> 个部门<?cs if:Event.days > 0 ?> · 承诺 <?cs var:Event.days ?> 个工作日内全部办结<?cs /if ?></p>
</header>

<?cs if:Form.Error ?><div class="alert alert-error" role="alert"><?cs var:Form.Error ?><?cs if:Form.Kept ?><br><?cs var:Form.Kept ?><?cs /if ?></div><?cs elif:Form.Kept ?><div class="alert alert-ok" role="status"><?cs var:Form.Kept ?></div><?cs elif:Form.Draft.updated_at ?><p class="callout">这是 <?cs var:Form.Draft.updated_at ?> 保存的草稿，保留到 <?cs var:Form.Draft.expires_on ?>。</p><?cs /if ?>

<?cs include:"ext/choose_as.cs" ?>
<?cs call:choose_as("/event/apply", Event.code, "您以什么身份办理？换一种身份会打开一张新的申请表。") ?>

<form class="form form-wide" method="post" action="/event/apply" enctype="multipart/form-data">
  <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
  <input type="hidden" name="code" value="<?cs var:Event.code ?>">
  <input type="hidden" name="as" value="<?cs var:Applicant.Entity.code ?>">
  <input type="hidden" name="form_key" value="<?cs var:Form.key ?>">

  <?cs call:entity_facts("申请人（企业，各事项共用）") ?>
  <fieldset class="panel">
    <legend><?cs if:Applicant.Entity.code ?>经办人信息<?cs else ?>申请人信息（各事项共用）<?cs /if ?></legend>
    <dl class="facts facts-3">
      <div><dt>姓名</dt><dd><?cs var:Applicant.name ?></dd></div>
      <div><dt>身份证号码</dt><dd><?cs var:Applicant.id_number_masked ?></dd></div>
      <div><dt>手机号码</dt><dd><?cs var:Applicant.mobile ?></dd></div>
    </dl>
    <p class="help">以上信息来自您的实名账号<?cs if:Applicant.Entity.code ?>和企业登记<?cs /if ?>，已自动填好，各事项都使用这一份。</p>
  </fieldset>

  <fieldset class="panel">
    <legend>申请内容</legend>
    <div class="field">
      <label for="f-remark">说明<span class="opt">（选填，各事项共用）</span></label>
      <textarea id="f-remark" name="remark" rows="3" maxlength="<?cs var:Limits.remark ?>"><?cs var:Form.remark ?></textarea>
      <p class="help">例如：经营场所地址、经营项目、需要说明的特殊情况等，不超过 <?cs var:Limits.remark ?> 字。</p>
    </div>
  </fieldset>

  <fieldset class="panel">
    <legend>共用材料（交一份，用于多个事项）</legend>
    <p class="callout">可以上传 <strong>PDF</strong> 文件，或用手机拍摄的 <strong>JPEG、PNG 照片</strong>；每个文件不超过 <strong><?cs var:Limits.upload_mb ?> MB</strong>。多页材料请扫描成一个 PDF。每个文件都会检查病毒。</p>
    <ol class="uploads">
      <?cs each:m = Event.Materials ?><?cs if:m.shared == 1 ?>
      <li class="upload">
        <label for="f-m<?cs var:m.seq ?>"><span class="upload-name"><?cs var:m.name ?></span>
          <span class="upload-tags"><?cs if:m.required == 1 ?><span class="tag tag-req">必交</span><?cs else ?><span class="tag">选交</span><?cs /if ?></span></label>
        <p class="help">用于：<?cs var:m.used_by ?></p>
        <?cs if:m.Draft.file_name ?><p class="kept">已保存：<?cs var:m.Draft.file_name ?> <span class="small muted">（<?cs var:m.Draft.kb ?> KB）不用重新选择；要换一份请重新选择文件。</span></p><?cs /if ?>
        <input id="f-m<?cs var:m.seq ?>" type="file" name="m<?cs var:m.seq ?>" accept="application/pdf,image/jpeg,image/png">
      </li>
      <?cs /if ?><?cs /each ?>
    </ol>
  </fieldset>

  <?cs each:i = Event.Items ?>
  <fieldset class="panel">
    <legend><?cs var:i.no ?>. <?cs var:i.name ?>（<?cs var:i.dept_name ?>）还需要</legend>
    <ol class="uploads">
      <?cs set:own = 0 ?>
      <?cs each:m = Event.Materials ?><?cs if:m.shared != 1 && m.item == i.no ?><?cs set:own = own + 1 ?>
      <li class="upload">
        <label for="f-m<?cs var:m.seq ?>"><span class="upload-name"><?cs var:m.name ?></span>
          <span class="upload-tags"><?cs if:m.required == 1 ?><span class="tag tag-req">必交</span><?cs else ?><span class="tag">选交</span><?cs /if ?></span></label>
        <?cs if:m.Draft.file_name ?><p class="kept">已保存：<?cs var:m.Draft.file_name ?> <span class="small muted">（<?cs var:m.Draft.kb ?> KB）不用重新选择；要换一份请重新选择文件。</span></p><?cs /if ?>
        <input id="f-m<?cs var:m.seq ?>" type="file" name="m<?cs var:m.seq ?>" accept="application/pdf,image/jpeg,image/png">
      </li>
      <?cs /if ?><?cs /each ?>
    </ol>
    <?cs if:own == 0 ?><p class="muted">本事项只用上面的共用材料。</p><?cs /if ?>
  </fieldset>
  <?cs /each ?>

  <p class="help">提交后，各事项分别送到办理部门，同时办理；您在「我的办件」中看到的是这一件事的整体进度。</p>
  <div class="form-actions"><button class="btn btn-primary" type="submit">提交申请</button> <button class="btn btn-plain" type="submit" name="save" value="1" formnovalidate>保存草稿</button></div>
</form>
