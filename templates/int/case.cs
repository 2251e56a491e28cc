<?cs # int/case.cs: one case on the intranet: header, procedure steps,
       applicant, materials, signed opinions, documents, timeline, and one
       POST /case/act form per action this user may take now (Actions.N,
       with for_name when they act as that person's deputy, INT-7);
       Recused.N: why 回避 keeps the user from a step they otherwise
       could act at (SEC-7).  Signers read "B（受 A 委托）" where a deputy
       acted.  Staff of a department acting on the case who hold no
       waiting step read it all and act on nothing (ORG-2). ?>
<?cs # filesize: a size in bytes, or one the handler already formatted ("12 KB"), shown as is. ?>
<?cs def:filesize(n) ?><?cs if:string.find(n, "B") >= 0 || string.find(n, "节") >= 0 ?><?cs var:n ?><?cs elif:n >= 1048576 ?><?cs var:n / 1048576 ?>.<?cs var:(n % 1048576) * 10 / 1048576 ?> MB<?cs elif:n >= 1024 ?><?cs var:(n + 1023) / 1024 ?> KB<?cs else ?><?cs var:n ?> 字节<?cs /if ?><?cs /def ?>
<nav class="crumbs" aria-label="位置"><a href="/inbox">待办件</a> › 办件</nav>

<header class="page-head case-head">
  <p class="page-kicker">申请编号 <strong class="mono"><?cs var:Case.app_no ?></strong>
    <span class="tag"><?cs if:Case.source == "online" ?>网上申请<?cs elif:Case.source == "window" ?>窗口收件<?cs else ?><?cs var:Case.source ?><?cs /if ?></span></p>
  <h1><?cs var:Case.item_name ?></h1>
  <p class="app-status">
    <span class="badge st-<?cs var:Case.state ?>"><?cs var:Case.state_label ?></span>
    <?cs if:Case.step_name ?><span>当前环节：<strong><?cs var:Case.step_name ?></strong></span><?cs /if ?>
    <span class="muted">申请人 <?cs var:Case.applicant_name ?></span>
  </p>
  <?cs if:subcount(Actions) > 0 ?><p class="jump-act"><a class="btn btn-primary btn-block" href="#act-title">去办理：<?cs each:act = Actions ?><?cs if:!first(act) ?> / <?cs /if ?><?cs var:act.label ?><?cs /each ?></a></p><?cs /if ?>
</header>

<?cs if:subcount(Case.Steps) > 0 ?>
<section class="section">
  <h2 class="visually-hidden">办理流程</h2>
  <ol class="stepper">
    <?cs each:s = Case.Steps ?>
    <li class="stepper-step<?cs if:s.done == 1 ?> is-done<?cs elif:s.current == 1 ?> is-current<?cs /if ?>"<?cs if:s.current == 1 ?> aria-current="step"<?cs /if ?>>
      <span class="stepper-dot" aria-hidden="true"><?cs if:s.done == 1 ?>✓<?cs else ?><?cs var:s.seq ?><?cs /if ?></span>
      <span class="stepper-body">
        <span class="stepper-name"><?cs var:s.name ?></span>
        <span class="stepper-meta"><?cs var:s.role_label ?> · <?cs var:s.days ?> 个工作日</span>
        <span class="stepper-state"><?cs if:s.done == 1 ?>已完成<?cs elif:s.current == 1 ?>当前环节<?cs else ?>未开始<?cs /if ?></span>
        <?cs if:s.due ?><span class="stepper-meta"><span class="light light-<?cs var:s.light ?>"><?cs var:s.due_text ?></span>（期限 <?cs var:s.due ?>）</span><?cs /if ?>
      </span>
    </li>
    <?cs /each ?>
  </ol>
</section>
<?cs /if ?>

<?cs if:Due.promised.due || Due.intake.due ?>
<section class="section">
  <h2 class="section-title">办理时限</h2>
  <p class="small muted">从申请人网上提交之日起按工作日计算（法定节假日不计，调休上班日照算）。</p>
  <dl class="facts facts-2">
    <?cs if:Due.intake.due ?><div><dt>受理期限（5 个工作日，逾期未决定即视为受理）</dt><dd><?cs var:Due.intake.due ?> <span class="light light-<?cs var:Due.intake.light ?>"><?cs var:Due.intake.due_text ?></span></dd></div><?cs /if ?>
    <?cs if:Due.promised.due ?><div><dt>承诺办结期限</dt><dd><?cs var:Due.promised.due ?> <span class="light light-<?cs var:Due.promised.light ?>"><?cs var:Due.promised.due_text ?></span></dd></div><?cs /if ?>
    <?cs if:Due.statutory.due ?><div><dt>法定办结期限</dt><dd><?cs var:Due.statutory.due ?> <span class="light light-<?cs var:Due.statutory.light ?>"><?cs var:Due.statutory.due_text ?></span></dd></div><?cs /if ?>
  </dl>
</section>
<?cs /if ?>

<div class="cols case-cols">
  <div class="col-main">
    <section class="section">
      <h2 class="section-title">申请信息</h2>
      <dl class="facts facts-2">
        <div><dt>申请人</dt><dd><?cs var:Case.applicant_name ?></dd></div>
        <div><dt>身份证号码</dt><dd class="mono"><?cs var:Case.id_number ?></dd></div>
        <div><dt>手机号码</dt><dd class="mono"><?cs var:Case.mobile ?></dd></div>
        <div><dt>事项编码</dt><dd><?cs var:Case.item_code ?><?cs if:Case.item_version ?>（第 <?cs var:Case.item_version ?> 版）<?cs /if ?></dd></div>
        <div><dt>申请时间</dt><dd><?cs var:Case.submitted_at ?></dd></div>
        <div><dt>收件时间</dt><dd><?cs var:Case.received_at ?></dd></div>
        <div class="facts-wide"><dt>申请事项说明</dt><dd class="pre-line"><?cs if:Case.remark ?><?cs var:Case.remark ?><?cs else ?><span class="muted">（无）</span><?cs /if ?></dd></div>
      </dl>
    </section>

    <section class="section">
      <h2 class="section-title">申请材料</h2>
      <?cs if:subcount(Case.Attachments) == 0 ?>
      <p class="muted">申请人未上传材料。</p>
      <?cs else ?>
      <div class="table-wrap">
        <table class="grid reflow">
          <thead><tr><th scope="col" class="num">序号</th><th scope="col">材料名称</th><th scope="col">文件</th><th scope="col" class="num">大小</th></tr></thead>
          <tbody>
            <?cs each:a = Case.Attachments ?>
            <tr>
              <td class="num" data-label="序号"><?cs var:a.material_seq ?></td>
              <td data-label="材料名称"><?cs var:a.material_name ?></td>
              <td class="file" data-label="文件"><a href="/file?id=<?cs var:url_escape(Case.id) ?>&amp;seq=<?cs var:url_escape(a.material_seq) ?>" target="_blank" rel="noopener"><?cs var:a.file_name ?></a><?cs if:a.mime ?> <span class="muted small"><?cs if:a.mime == "application/pdf" ?>PDF<?cs else ?><?cs var:a.mime ?><?cs /if ?></span><?cs /if ?></td>
              <td class="num nowrap" data-label="大小"><?cs call:filesize(a.size) ?></td>
            </tr>
            <?cs /each ?>
          </tbody>
        </table>
      </div>
      <?cs /if ?>
    </section>

    <section class="section">
      <h2 class="section-title">签署意见</h2>
      <?cs if:subcount(Case.Opinions) == 0 ?>
      <p class="muted">尚无签署意见。</p>
      <?cs else ?>
      <ol class="opinions">
        <?cs each:o = Case.Opinions ?>
        <li class="opinion<?cs if:o.verdict_label == "不同意" ?> is-disagree<?cs /if ?>">
          <p class="opinion-head"><strong><?cs var:o.step_name ?></strong> · <?cs var:o.staff_name ?> <span class="verdict"><?cs var:o.verdict_label ?></span></p>
          <?cs if:o.text ?><p class="opinion-text pre-line"><?cs var:o.text ?></p><?cs /if ?>
          <p class="opinion-meta">签署于 <time><?cs var:o.signed_at ?></time></p>
        </li>
        <?cs /each ?>
      </ol>
      <?cs /if ?>
    </section>

    <section class="section">
      <h2 class="section-title">文书</h2>
      <?cs if:subcount(Case.Docs) == 0 ?>
      <p class="muted">尚未出具文书。</p>
      <?cs else ?>
      <ul class="doc-list">
        <?cs each:d = Case.Docs ?>
        <li><a href="/doc?no=<?cs var:url_escape(d.doc_no) ?>"><span class="dl-title"><?cs var:d.title ?></span><span class="dl-meta"><span class="nowrap"><?cs var:d.doc_no ?></span> · <span class="nowrap"><?cs var:d.issued_at ?></span></span></a></li>
        <?cs /each ?>
      </ul>
      <?cs /if ?>
    </section>
  </div>

  <div class="col-side">
    <section class="section actions-panel" aria-labelledby="act-title">
      <h2 class="section-title" id="act-title">办理</h2>
      <?cs each:why = Recused ?><p class="callout" role="note"><strong>回避</strong>：<?cs var:why ?></p><?cs /each ?>
      <?cs if:subcount(Actions) == 0 ?>
      <p class="muted">本办件当前不在您的环节，您没有可执行的操作。本部门工作人员均可查阅办件的材料、意见和记录（只读）<?cs each:s = Case.Steps ?><?cs if:s.current == 1 ?>；「<?cs var:s.name ?>」环节由<?cs var:s.role_label ?>办理<?cs /if ?><?cs /each ?>。</p>
      <?cs else ?>
      <p class="warn" role="note"><strong>签署后不可修改</strong>：提交后意见以您的名义签署并记入办件，不能修改或撤回。提交前请核对材料。</p>
      <?cs each:act = Actions ?>
      <form class="action-form act-<?cs var:act.action ?>" method="post" action="/case/act">
        <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
        <input type="hidden" name="id" value="<?cs var:Case.id ?>">
        <input type="hidden" name="action" value="<?cs var:act.action ?>">
        <input type="hidden" name="step" value="<?cs var:act.step_key ?>">
        <h3 class="action-title"><?cs if:act.step_name ?><?cs var:act.step_name ?> · <?cs /if ?><?cs var:act.label ?></h3>
        <?cs if:act.for_name ?><p class="callout" role="note"><strong>受 <?cs var:act.for_name ?> 委托</strong>：您在代理 <?cs var:act.for_name ?> 办理本环节，意见和文书将署名「<?cs var:User.Name ?>（受 <?cs var:act.for_name ?> 委托）」。</p><?cs /if ?>
        <?cs if:subcount(act.Back) > 0 ?>
        <div class="field">
          <label for="back-<?cs var:name(act) ?>">回退到</label>
          <select id="back-<?cs var:name(act) ?>" name="back_to" required>
            <?cs each:b = act.Back ?><option value="<?cs var:b.key ?>"><?cs var:b.name ?></option><?cs /each ?>
          </select>
        </div>
        <?cs /if ?>
        <?cs if:act.verdict == "either" || act.action == "sign" ?>
        <fieldset class="field choice">
          <legend>审查结论<span class="req">（必选）</span></legend>
          <div class="choice-opts">
            <label class="choice-opt"><input type="radio" name="verdict" value="agree" required> 同意</label>
            <label class="choice-opt choice-no"><input type="radio" name="verdict" value="disagree"> 不同意</label>
          </div>
        </fieldset>
        <?cs elif:act.verdict == "agree" ?>
        <input type="hidden" name="verdict" value="agree">
        <p class="help">将以「同意」签署本环节意见。</p>
        <?cs elif:act.verdict == "disagree" ?>
        <input type="hidden" name="verdict" value="disagree">
        <p class="help">将以「不同意」签署本环节意见。</p>
        <?cs /if ?>
        <div class="field">
          <label for="f-text-<?cs var:name(act) ?>">意见/理由<?cs if:act.needs_text == 1 ?><span class="req">（必填）</span><?cs else ?><span class="opt">（选填）</span><?cs /if ?></label>
          <textarea id="f-text-<?cs var:name(act) ?>" name="text" rows="3" maxlength="1300"<?cs if:act.needs_text == 1 ?> required<?cs /if ?>></textarea>
        </div>
        <button class="btn btn-primary btn-block" type="submit"><?cs var:act.label ?></button>
      </form>
      <?cs /each ?>
      <?cs /if ?>
    </section>

    <?cs if:subcount(Urges) > 0 ?>
    <section class="section" aria-labelledby="urges-title">
      <h2 class="section-title" id="urges-title">催办</h2>
      <ul class="step-list">
        <?cs each:u = Urges ?><li><span class="badge st-wait">催办</span> <strong><?cs var:u.step_name ?></strong> · <?cs var:u.staff_name ?> · <time><?cs var:u.at ?></time><?cs if:u.note ?><br><span class="pre-line"><?cs var:u.note ?></span><?cs /if ?></li><?cs /each ?>
      </ul>
    </section>
    <?cs /if ?>
    <?cs if:subcount(Urge.Steps) > 0 ?>
    <section class="section actions-panel" aria-labelledby="urge-title">
      <h2 class="section-title" id="urge-title">催办</h2>
      <form class="action-form" method="post" action="/case/urge">
        <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
        <input type="hidden" name="id" value="<?cs var:Case.id ?>">
        <div class="field">
          <label for="f-urge-step">催办环节</label>
          <select id="f-urge-step" name="step" required>
            <?cs each:s = Urge.Steps ?><option value="<?cs var:s.key ?>"><?cs var:s.name ?></option><?cs /each ?>
          </select>
        </div>
        <div class="field">
          <label for="f-urge-note">说明<span class="opt">（选填，500 字以内）</span></label>
          <textarea id="f-urge-note" name="note" rows="2" maxlength="500"></textarea>
        </div>
        <button class="btn btn-plain btn-block" type="submit">催办</button>
      </form>
    </section>
    <?cs /if ?>

    <?cs if:Extend.max ?>
    <section class="section actions-panel" aria-labelledby="extend-title">
      <h2 class="section-title" id="extend-title">延长办理期限</h2>
      <p class="help">二十个工作日内不能作出决定的，经本部门分管领导批准可延长期限，最多 <?cs var:Extend.max ?> 个工作日，每件限一次（行政许可法第四十二条）。系统将出具延期审批告知书，告知申请人理由和新的办结日期。</p>
      <form class="action-form" method="post" action="/case/extend">
        <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
        <input type="hidden" name="id" value="<?cs var:Case.id ?>">
        <div class="field">
          <label for="f-ext-days">延长的工作日</label>
          <input id="f-ext-days" name="days" type="number" min="1" max="<?cs var:Extend.max ?>" value="<?cs var:Extend.max ?>" required>
        </div>
        <div class="field">
          <label for="f-ext-reason">理由<span class="req">（必填）</span></label>
          <textarea id="f-ext-reason" name="reason" rows="3" maxlength="1300" required></textarea>
        </div>
        <button class="btn btn-plain btn-block" type="submit">批准延期</button>
      </form>
    </section>
    <?cs elif:Case.extended_days > 0 ?>
    <p class="small muted">本件已延长办理期限 <?cs var:Case.extended_days ?> 个工作日。</p>
    <?cs /if ?>

    <section class="section">
      <h2 class="section-title">办理记录</h2>
      <?cs if:subcount(Case.Events) == 0 ?>
      <p class="muted">暂无记录。</p>
      <?cs else ?>
      <ol class="timeline">
        <?cs each:e = Case.Events ?>
        <li class="tl-item">
          <p class="tl-label"><?cs var:e.label ?></p>
          <p class="tl-meta"><time><?cs var:e.at ?></time><?cs if:e.staff_name ?> · <?cs var:e.staff_name ?><?cs /if ?></p>
          <?cs if:e.note ?><p class="tl-note pre-line"><?cs var:e.note ?></p><?cs /if ?>
        </li>
        <?cs /each ?>
      </ol>
      <?cs /if ?>
    </section>
  </div>
</div>
