<?cs # int/agency_file.cs: GET/POST /agency/file, the 全程代理 centre files
       an item's case as the investor's agent (INT-14), coordinators of
       the project only.  Project.{id,name,investor,credit_code,
       agreement_no,centre}; Item.{code,name,dept,promised_days,
       materials.N.{seq,name,original,copies,required,paper,pages}} (the
       纸质已收 ticks as posted); People.N.{id,name,dept}: who of the
       departments acting on the case may sign for paper; Form.{Error,key,
       name,id_number,mobile,remark,paper_to}: what was typed, kept on a
       refusal (the files are chosen again). ?>
<nav class="crumbs no-print" aria-label="位置"><a href="/agency">全程代理项目</a> › <a href="/agency/project?id=<?cs var:url_escape(Project.id) ?>"><?cs var:Project.name ?></a> › 代为申请</nav>
<header class="page-head">
  <h1>代为申请：<?cs var:Item.name ?></h1>
  <p class="page-sub">政务服务中心按委托代理协议，以投资企业的名义向<?cs var:Item.dept ?>提交申请。提交后即进入该部门的待办，与网上申请同一流程、同一时限（承诺 <?cs var:Item.promised_days ?> 个工作日）；办件页、收件回执和企业看到的办理进度都写明由中心代理。</p>
</header>
<?cs if:Form.Error ?><div class="alert alert-error" id="form-error" role="alert"><?cs var:Form.Error ?></div><?cs /if ?>
<form class="form form-wide" method="post" action="/agency/file" enctype="multipart/form-data">
  <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
  <input type="hidden" name="id" value="<?cs var:Project.id ?>">
  <input type="hidden" name="item" value="<?cs var:Item.code ?>">
  <input type="hidden" name="form_key" value="<?cs var:Form.key ?>">
  <section class="panel" aria-labelledby="f-who">
    <h2 class="section-title" id="f-who">申请人</h2>
    <dl class="facts">
      <div><dt>申请人（投资企业）</dt><dd><?cs var:Project.investor ?><br><span class="mono small"><?cs var:Project.credit_code ?></span></dd></div>
      <div><dt>代理人</dt><dd><?cs var:Project.centre ?>（委托代理协议 <?cs var:Project.agreement_no ?>）</dd></div>
    </dl>
  </section>
  <fieldset class="field">
    <legend>企业经办人（委托代理协议中写明的人，核验其身份证）</legend>
    <?cs include:"int/intake_person.cs" ?>
  </fieldset>
  <div class="field">
    <label for="f-remark">申请说明（选填，2000 字以内）</label>
    <textarea id="f-remark" name="remark" rows="3" maxlength="2000"><?cs var:Form.remark ?></textarea>
  </div>
  <fieldset class="field">
    <legend>申请材料</legend>
    <p class="help">每项材料扫描成 PDF 或拍照（JPEG、PNG）上传，单个文件不超过 <?cs var:Page.MaxUploadMB ?> MB，按文件内容检查并查杀病毒；不能扫描的（原件、图纸、样品）收下纸质材料后勾选「纸质已收」，并在下面选择受理部门签收的工作人员，送交后由其在办件页签收。</p>
    <?cs each:m = Item.materials ?>
    <div class="field material">
      <label for="f-m<?cs var:m.seq ?>"><?cs var:m.name ?><?cs if:m.required == "1" ?> <span class="badge st-wait">必交</span><?cs /if ?> <span class="small muted"><?cs var:m.original ?> <?cs var:m.copies ?> 份</span></label>
      <input id="f-m<?cs var:m.seq ?>" name="m<?cs var:m.seq ?>" type="file" accept="application/pdf,image/jpeg,image/png">
      <label class="check"><input type="checkbox" name="p<?cs var:m.seq ?>" value="1"<?cs if:m.paper == "1" ?> checked<?cs /if ?>> 纸质已收</label>
      <label class="small" for="f-pg<?cs var:m.seq ?>">纸质页数</label>
      <input id="f-pg<?cs var:m.seq ?>" name="pg<?cs var:m.seq ?>" type="text" inputmode="numeric" maxlength="5" size="5" value="<?cs var:m.pages ?>">
    </div>
    <?cs /each ?>
    <div class="field">
      <label for="f-paper-to">纸质材料交给（勾选了「纸质已收」时必选）</label>
      <select id="f-paper-to" name="paper_to" aria-describedby="f-paper-to-help">
        <option value="">（没有纸质材料）</option>
        <?cs each:p = People ?><option value="<?cs var:p.id ?>"<?cs if:Form.paper_to == p.id ?> selected<?cs /if ?>><?cs var:p.name ?>（<?cs var:p.dept ?>）</option><?cs /each ?>
      </select>
      <p class="help" id="f-paper-to-help">中心把纸质材料送到这位工作人员手中，由其在办件页签收；签收前材料记在您名下。</p>
    </div>
  </fieldset>
  <div class="form-actions">
    <button class="btn btn-primary" type="submit">提交申请并打印回执</button>
    <a class="btn btn-plain" href="/agency/project?id=<?cs var:url_escape(Project.id) ?>">返回项目</a>
  </div>
</form>
