<?cs # int/intake.cs: 窗口收件 (INT-1), GET/POST /hall/intake, window
       clerks only.  Items.N.{code,name}: the department's published items
       matching Form.q; Item.{code,name,dept,promised_days,materials.N.{seq,
       name,original,copies,required,paper,pages}}: the item chosen.
       Form.{Error,item,q,name,id_number,mobile,credit_code,ent_name,
       remark}: what the clerk typed, kept on a refusal (422). ?>
<header class="page-head">
  <h1>窗口收件</h1>
  <p class="page-sub">申请人到窗口递交申请时，在此登记：选择事项，录入申请人，逐项扫描上传材料，或收下纸质材料后勾选「纸质已收」。登记后即进入本部门的待办，与网上申请同一流程、同一时限，并打印收件回执交申请人；申请人可凭申请编号和身份证号码在外网「办件查询」跟踪进度。</p>
</header>

<section class="section">
  <h2 class="section-title">1. 选择事项</h2>
  <form class="form" method="get" action="/hall/intake" role="search">
    <div class="field">
      <label for="f-q">事项名称或编码</label>
      <input id="f-q" name="q" type="search" maxlength="50" value="<?cs var:Form.q ?>">
    </div>
    <div class="form-actions"><button class="btn" type="submit">搜索本部门事项</button></div>
  </form>
  <?cs if:subcount(Items) == 0 ?>
  <p class="muted">没有找到本部门已发布的事项<?cs if:Form.q ?>（“<?cs var:Form.q ?>”）<?cs /if ?>。</p>
  <?cs else ?>
  <ul class="link-list">
    <?cs each:i = Items ?>
    <li><a href="/hall/intake?item=<?cs var:url_escape(i.code) ?>"<?cs if:i.code == Item.code ?> aria-current="true"<?cs /if ?>><?cs var:i.name ?></a> <span class="small muted mono"><?cs var:i.code ?></span></li>
    <?cs /each ?>
  </ul>
  <?cs /if ?>
</section>

<?cs if:Item.code ?>
<section class="section">
  <h2 class="section-title">2. 登记申请：<?cs var:Item.name ?></h2>
  <p class="small muted"><?cs var:Item.dept ?>受理；承诺时限 <?cs var:Item.promised_days ?> 个工作日，从收件之日起计算。</p>
  <?cs if:Form.Error ?><div class="alert alert-error" id="form-error" role="alert"><?cs var:Form.Error ?></div><?cs /if ?>
  <form class="form form-wide" method="post" action="/hall/intake" enctype="multipart/form-data">
    <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
    <input type="hidden" name="item" value="<?cs var:Item.code ?>">
    <?cs # One key per form page: the same form sent twice (Back, a retry)
           lands on the case the first registered. ?>
    <input type="hidden" name="form_key" value="<?cs var:Form.key ?>">
    <fieldset class="field">
      <legend>申请人（核验居民身份证原件）</legend>
      <?cs include:"int/intake_person.cs" ?>
    </fieldset>
    <fieldset class="field">
      <legend>以企业名义申请时填写（核验营业执照原件；上面为经办人）</legend>
      <div class="field">
        <label for="f-code">统一社会信用代码</label>
        <input id="f-code" name="credit_code" type="text" maxlength="18" autocomplete="off" spellcheck="false" value="<?cs var:Form.credit_code ?>">
      </div>
      <div class="field">
        <label for="f-ename">企业名称</label>
        <input id="f-ename" name="ent_name" type="text" maxlength="100" value="<?cs var:Form.ent_name ?>">
      </div>
    </fieldset>
    <div class="field">
      <label for="f-remark">申请说明（选填，2000 字以内）</label>
      <textarea id="f-remark" name="remark" rows="3" maxlength="2000"><?cs var:Form.remark ?></textarea>
    </div>
    <fieldset class="field">
      <legend>申请材料</legend>
      <p class="help">每项材料扫描成 PDF 或拍照（JPEG、PNG）上传，单个文件不超过 <?cs var:Page.MaxUploadMB ?> MB，按文件内容检查并查杀病毒；不能扫描的（原件、图纸、样品）收下纸质材料后勾选「纸质已收」，随办件流转。</p>
      <?cs each:m = Item.materials ?>
      <div class="field material">
        <label for="f-m<?cs var:m.seq ?>"><?cs var:m.name ?><?cs if:m.required == "1" ?> <span class="badge st-wait">必交</span><?cs /if ?> <span class="small muted"><?cs var:m.original ?> <?cs var:m.copies ?> 份</span></label>
        <input id="f-m<?cs var:m.seq ?>" name="m<?cs var:m.seq ?>" type="file" accept="application/pdf,image/jpeg,image/png">
        <label class="check"><input type="checkbox" name="p<?cs var:m.seq ?>" value="1"<?cs if:m.paper == "1" ?> checked<?cs /if ?>> 纸质已收</label>
        <label class="small" for="f-pg<?cs var:m.seq ?>">纸质页数</label>
        <input id="f-pg<?cs var:m.seq ?>" name="pg<?cs var:m.seq ?>" type="text" inputmode="numeric" maxlength="5" size="5" value="<?cs var:m.pages ?>">
      </div>
      <?cs /each ?>
    </fieldset>
    <div class="form-actions">
      <button class="btn btn-primary" type="submit">登记收件并打印回执</button>
    </div>
  </form>
</section>
<?cs /if ?>
