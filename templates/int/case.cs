<?cs # int/case.cs: one case on the intranet: header, procedure steps,
       applicant, materials, signed opinions, documents, timeline, and one
       POST /case/act form per action this user may take now (Actions.N,
       with for_name when they act as that person's deputy, INT-7);
       Recused.N: why 回避 keeps the user from a step they otherwise
       could act at (SEC-7).  Signers read "B（受 A 委托）" where a deputy
       acted.  Staff of a department acting on the case who hold no
       waiting step read it all and act on nothing (ORG-2). ?>
<nav class="crumbs" aria-label="位置"><a href="/inbox">待办件</a> › 办件</nav>

<header class="page-head case-head">
  <p class="page-kicker">申请编号 <strong class="mono"><?cs var:Case.app_no ?></strong>
    <span class="tag"><?cs if:Case.source == "online" ?>网上申请<?cs elif:Case.source == "window" ?>窗口收件<?cs else ?><?cs var:Case.source ?><?cs /if ?></span></p>
  <h1><?cs var:Case.item_name ?></h1>
  <p class="app-status">
    <span class="badge st-<?cs var:Case.state ?>"><?cs var:Case.state_label ?></span>
    <?cs if:Case.step_name ?><span>当前环节：<strong><?cs var:Case.step_name ?></strong></span><?cs /if ?>
    <span class="muted">申请人 <?cs if:Case.Entity.code ?><?cs var:Case.Entity.name ?>，经办人 <?cs /if ?><?cs var:Case.applicant_name ?></span>
    <?cs if:Case.agent ?><span class="tag">代办</span> <span>代办员：<?cs var:Case.agent ?></span><?cs /if ?>
    <?cs if:Case.agency ?><span class="tag">全程代理</span> <span><?cs var:Case.agency ?></span><?cs /if ?>
  </p>
  <?cs if:Case.Bundle.no ?><div class="callout case-bundle" role="note">
    <p><span class="tag">一件事</span> 本件属于一件事「<strong><?cs var:Case.Bundle.event_name ?></strong>」（<span class="mono"><?cs var:Case.Bundle.no ?></span>），申请人一次提交，各部门分别办理。同一申请的其他办件：</p>
    <ul class="plain-list">
      <?cs each:o = Case.Bundle.Others ?><li><?cs if:o.may_open == "1" ?><a href="/case?id=<?cs var:url_escape(o.case_id) ?>"><?cs var:o.item_name ?></a><?cs else ?><?cs var:o.item_name ?><?cs /if ?> · <?cs var:o.dept_name ?> · <span class="mono"><?cs var:o.app_no ?></span> · <?cs var:o.state_label ?><?cs if:o.may_open != "1" ?> <span class="muted small">（其他部门办理，本部门不能查看）</span><?cs /if ?></li><?cs /each ?>
    </ul>
  </div><?cs /if ?>
  <?cs if:subcount(Actions) > 0 ?><p class="jump-act"><a class="btn btn-primary btn-block" href="#act-title">去办理：<?cs each:act = Actions ?><?cs if:!first(act) ?> / <?cs /if ?><?cs var:act.label ?><?cs /each ?></a></p><?cs /if ?>
</header>

<?cs include:"int/case_steps.cs" ?>

<div class="cols case-cols">
  <div class="col-main">
    <?cs include:"int/case_main.cs" ?>
  </div>

  <div class="col-side">
    <section class="section actions-panel" aria-labelledby="act-title">
      <h2 class="section-title" id="act-title">办理</h2>
      <?cs each:why = Recused ?><p class="callout" role="note"><strong>回避</strong>：<?cs var:why ?></p><?cs /each ?>
      <?cs if:subcount(Actions) == 0 && Case.state == "correcting" ?>
      <p class="muted">本件正等待申请人补正材料，暂不能受理或办理；申请人提交补正材料后，本件回到受理环节，受理期限重新计算。</p>
      <?cs elif:subcount(Actions) == 0 && Case.state == "suspended" ?>
      <p class="muted">本件处于特别程序中，办理期限暂停计算；特别程序结束后才能继续签署和办理。</p>
      <?cs elif:subcount(Actions) == 0 && Case.state == "reported" ?>
      <p class="muted">本件已上报上级机关，等待其决定；收到决定后，由决定环节的工作人员在本页登记。</p>
      <?cs elif:subcount(Actions) == 0 ?>
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
        <?cs if:act.action == "approve" ?>
        <div class="field">
          <label for="f-scope-<?cs var:name(act) ?>">许可范围<span class="opt">（选填，写入决定书）</span></label>
          <textarea id="f-scope-<?cs var:name(act) ?>" name="scope" rows="2" maxlength="200" placeholder="如：预包装食品销售（含冷藏冷冻食品）"></textarea>
        </div>
        <div class="field">
          <label for="f-valid-<?cs var:name(act) ?>">有效期至<span class="opt">（本事项的许可有有效期的填写）</span></label>
          <input id="f-valid-<?cs var:name(act) ?>" name="valid_until" type="date">
        </div>
        <?cs /if ?>
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

    <?cs if:Instant.may ?>
    <section class="section actions-panel" aria-labelledby="instant-title">
      <h2 class="section-title" id="instant-title">当场办结（即办件）</h2>
      <p class="help">即办件材料齐全、符合条件的，可在窗口当场受理并作出准予许可决定：受理通知书和准予行政许可决定书同时出具，可立即打印交申请人。</p>
      <form class="action-form" method="post" action="/case/instant">
        <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
        <input type="hidden" name="id" value="<?cs var:Case.id ?>">
        <div class="field">
          <label for="f-instant-text">审批意见<span class="opt">（选填）</span></label>
          <textarea id="f-instant-text" name="text" rows="2" maxlength="1300" placeholder="符合条件，当场办结。"></textarea>
        </div>
        <button class="btn btn-primary btn-block" type="submit">受理并当场办结</button>
      </form>
    </section>
    <?cs /if ?>
    <?cs if:Withdraw.may ?>
    <section class="section actions-panel" aria-labelledby="withdraw-title">
      <h2 class="section-title" id="withdraw-title">申请人撤回申请</h2>
      <p class="help">申请人（或其代理人）到窗口递交书面撤回申请的，在此登记：本件办理立即终止，自动出具准予撤回决定书，请打印送达申请人。登记后不能恢复。</p>
      <?cs if:Withdraw.Error ?><div class="alert alert-error" id="withdraw-error" role="alert"><?cs var:Withdraw.Error ?></div><?cs /if ?>
      <form class="action-form" method="post" action="/case/withdraw" enctype="multipart/form-data">
        <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
        <input type="hidden" name="id" value="<?cs var:Case.id ?>">
        <div class="field">
          <label for="f-wd-scan">书面撤回申请<span class="req">（扫描上传，或收下纸质申请后勾选）</span></label>
          <p class="help">申请人签名的撤回申请扫描成 PDF 或拍照（JPEG、PNG），不超过 <?cs var:Page.MaxUploadMB ?> MB，按文件内容检查并查杀病毒。</p>
          <input id="f-wd-scan" name="m<?cs var:Withdraw.seq ?>" type="file" accept="application/pdf,image/jpeg,image/png">
          <label class="check"><input type="checkbox" name="paper" value="1"<?cs if:Withdraw.paper ?> checked<?cs /if ?>> 纸质已收</label>
          <label class="small" for="f-wd-pages">纸质页数</label>
          <input id="f-wd-pages" name="pages" type="text" inputmode="numeric" maxlength="5" size="5" value="<?cs var:Withdraw.pages ?>">
        </div>
        <div class="field">
          <label for="f-wd-reason">撤回理由<span class="opt">（选填，一行，写入准予撤回决定书）</span></label>
          <input id="f-wd-reason" name="reason" type="text" maxlength="<?cs var:Withdraw.max ?>" value="<?cs var:Withdraw.reason ?>" placeholder="如：经营场所变更，暂不申请。">
        </div>
        <fieldset class="field choice">
          <legend>身份核验<span class="req">（必选）</span></legend>
          <div class="choice-opts">
            <label class="choice-opt"><input type="radio" name="checked" value="self" required<?cs if:Withdraw.checked == "self" ?> checked<?cs /if ?>> 申请人本人，已核验身份证件</label>
            <label class="choice-opt"><input type="radio" name="checked" value="agent"<?cs if:Withdraw.checked == "agent" ?> checked<?cs /if ?>> 代理人，已核验其身份证件和授权委托书</label>
          </div>
        </fieldset>
        <button class="btn btn-block" type="submit">登记撤回，终止办理</button>
      </form>
    </section>
    <?cs /if ?>
    <?cs if:Record.today ?>
    <section class="section actions-panel" aria-labelledby="upper-title">
      <h2 class="section-title" id="upper-title">登记上级机关决定</h2>
      <p class="help">收到<?cs var:Case.Report.authority ?>的决定后，在此登记：本机关据此出具准予或不予行政许可决定书，本件办结。</p>
      <form class="action-form" method="post" action="/case/upper">
        <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
        <input type="hidden" name="id" value="<?cs var:Case.id ?>">
        <fieldset class="field choice">
          <legend>上级机关的决定<span class="req">（必选）</span></legend>
          <div class="choice-opts">
            <label class="choice-opt"><input type="radio" name="decision" value="approve" required> 准予许可</label>
            <label class="choice-opt choice-no"><input type="radio" name="decision" value="deny"> 不予许可</label>
          </div>
        </fieldset>
        <div class="field">
          <label for="f-up-no">决定文号</label>
          <input id="f-up-no" name="upper_doc_no" type="text" maxlength="60" required placeholder="如：锡自然资审〔2026〕15号">
        </div>
        <div class="field">
          <label for="f-up-on">决定日期</label>
          <input id="f-up-on" name="decided_on" type="date" max="<?cs var:Record.today ?>" required>
        </div>
        <div class="field">
          <label for="f-up-sum">决定内容摘录<span class="req">（必填）</span></label>
          <textarea id="f-up-sum" name="summary" rows="3" maxlength="650" required></textarea>
        </div>
        <button class="btn btn-primary btn-block" type="submit">登记并出具决定书</button>
      </form>
    </section>
    <?cs /if ?>
    <?cs if:Report.max ?>
    <section class="section actions-panel" aria-labelledby="report-title">
      <h2 class="section-title" id="report-title">上报上级机关</h2>
      <p class="help">依法应由上级机关作出决定的，审查后上报：本件等待上级机关决定，不计本机关的办理期限；收到决定后在本页登记。</p>
      <form class="action-form" method="post" action="/case/report">
        <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
        <input type="hidden" name="id" value="<?cs var:Case.id ?>">
        <div class="field">
          <label for="f-rep-auth">上级机关</label>
          <input id="f-rep-auth" name="authority" type="text" maxlength="<?cs var:Report.max ?>" required placeholder="如：锡林郭勒盟自然资源局">
        </div>
        <div class="field">
          <label for="f-rep-reason">上报依据和初步审查意见<span class="req">（必填）</span></label>
          <textarea id="f-rep-reason" name="reason" rows="3" maxlength="1300" required></textarea>
        </div>
        <button class="btn btn-plain btn-block" type="submit">上报</button>
      </form>
    </section>
    <?cs /if ?>
    <?cs if:Special.resume ?>
    <section class="section actions-panel" aria-labelledby="resume-title">
      <h2 class="section-title" id="resume-title">结束特别程序</h2>
      <p class="help">特别程序完成后，请结束特别程序：本件恢复办理，各项期限按暂停时剩余的工作日顺延，并告知申请人新的预计办结日期。</p>
      <form class="action-form" method="post" action="/case/resume">
        <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
        <input type="hidden" name="id" value="<?cs var:Case.id ?>">
        <button class="btn btn-primary btn-block" type="submit">结束特别程序，恢复办理</button>
      </form>
    </section>
    <?cs /if ?>
    <?cs if:Special.max ?>
    <section class="section actions-panel" aria-labelledby="suspend-title">
      <h2 class="section-title" id="suspend-title">启动特别程序</h2>
      <p class="help">需要听证、检验检测、鉴定、专家评审、现场勘查等的，启动特别程序：所需时间不计入办理期限，系统出具特别程序告知书，书面告知申请人所需时间。</p>
      <form class="action-form" method="post" action="/case/suspend">
        <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
        <input type="hidden" name="id" value="<?cs var:Case.id ?>">
        <div class="field">
          <label for="f-sp-kind">程序种类</label>
          <select id="f-sp-kind" name="kind" required>
            <?cs each:kind = Special.Kinds ?><option value="<?cs var:kind ?>"><?cs var:kind ?></option><?cs /each ?>
          </select>
        </div>
        <div class="field">
          <label for="f-sp-days">预计所需工作日</label>
          <input id="f-sp-days" name="days" type="number" min="1" max="<?cs var:Special.max ?>" value="10" required>
        </div>
        <div class="field">
          <label for="f-sp-reason">原因<span class="req">（必填）</span></label>
          <textarea id="f-sp-reason" name="reason" rows="3" maxlength="1300" required></textarea>
        </div>
        <button class="btn btn-plain btn-block" type="submit">启动特别程序</button>
      </form>
    </section>
    <?cs /if ?>

    <?cs if:subcount(Correct.Items) > 0 ?>
    <section class="section actions-panel" aria-labelledby="correct-title">
      <h2 class="section-title" id="correct-title">要求补正</h2>
      <p class="help">材料不齐全或不符合法定形式的，应当一次性告知申请人需要补正的全部内容（行政许可法第三十二条）。每件只能要求补正一次：请勾选每一项需要补正的材料并写明原因。系统将出具补正材料通知书；申请人提交补正材料后，本件回到受理环节，受理期限重新计算。</p>
      <form class="action-form" method="post" action="/case/correct">
        <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
        <input type="hidden" name="id" value="<?cs var:Case.id ?>">
        <?cs each:m = Correct.Items ?>
        <fieldset class="field corr-item">
          <legend><label class="check"><input type="checkbox" name="c<?cs var:m.seq ?>" value="1"> <?cs var:m.name ?></label></legend>
          <label class="small" for="f-corr-<?cs var:m.seq ?>">补正原因</label>
          <textarea id="f-corr-<?cs var:m.seq ?>" name="r<?cs var:m.seq ?>" rows="2" maxlength="<?cs var:Correct.max ?>" placeholder="如：缺少法定代表人签字；复印件不清晰"></textarea>
        </fieldset>
        <?cs /each ?>
        <button class="btn btn-plain btn-block" type="submit">出具补正材料通知书</button>
      </form>
    </section>
    <?cs /if ?>

    <?cs include:"int/case_delivery.cs" ?>

    <?cs if:PaperForm.may ?>
    <section class="section actions-panel" aria-labelledby="paper-act-title">
      <h2 class="section-title" id="paper-act-title">纸质材料交接</h2>
      <?cs each:p = Case.Paper ?><?cs if:p.to_me ?>
      <form class="action-form" method="post" action="/case/paper/receive">
        <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
        <input type="hidden" name="id" value="<?cs var:Case.id ?>">
        <input type="hidden" name="paper" value="<?cs var:p.id ?>">
        <p><strong><?cs var:p.what ?></strong>（<?cs var:p.copies ?> 份<?cs if:p.pages > 0 ?>，<?cs var:p.pages ?> 页<?cs /if ?>）已由 <?cs var:p.holder ?> 移交给您。请清点无误后签收。</p>
        <button class="btn btn-primary btn-block" type="submit">签收</button>
      </form>
      <?cs /if ?><?cs /each ?>
      <?cs each:p = Case.Paper ?><?cs if:p.mine ?>
      <form class="action-form" method="post" action="/case/paper/hand">
        <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
        <input type="hidden" name="id" value="<?cs var:Case.id ?>">
        <input type="hidden" name="paper" value="<?cs var:p.id ?>">
        <h3 class="action-title">移交：<?cs var:p.what ?></h3>
        <div class="field">
          <label for="f-to-<?cs var:p.id ?>">交给</label>
          <select id="f-to-<?cs var:p.id ?>" name="to" required>
            <option value="">请选择接收人</option>
            <?cs each:w = PaperForm.People ?><option value="<?cs var:w.id ?>"><?cs var:w.label ?></option><?cs /each ?>
            <?cs if:p.mine != "archive" ?><option value="archive">档案室（归档）</option><?cs /if ?>
          </select>
        </div>
        <div class="field">
          <label for="f-hnote-<?cs var:p.id ?>">说明<span class="opt">（选填，200 字以内）</span></label>
          <input id="f-hnote-<?cs var:p.id ?>" name="note" type="text" maxlength="200" placeholder="如：随件转公章刻制备案">
        </div>
        <p class="help">交给工作人员的，由接收人在本页签收后才记在其名下；交档案室的即时入档。</p>
        <button class="btn btn-plain btn-block" type="submit">登记移交</button>
      </form>
      <?cs if:p.mine == "1" && !p.retained ?>
      <form class="action-form" method="post" action="/case/paper/retain">
        <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
        <input type="hidden" name="id" value="<?cs var:Case.id ?>">
        <input type="hidden" name="paper" value="<?cs var:p.id ?>">
        <div class="field">
          <label for="f-rnote-<?cs var:p.id ?>">本部门留存的原因<span class="req">（留存时必填）</span></label>
          <input id="f-rnote-<?cs var:p.id ?>" name="note" type="text" maxlength="200" required placeholder="如：原件由本部门存档，复印件已随件">
        </div>
        <button class="btn btn-plain btn-block" type="submit">注明留存</button>
      </form>
      <?cs /if ?>
      <?cs /if ?><?cs /each ?>
      <form class="action-form" method="post" action="/case/paper">
        <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
        <input type="hidden" name="id" value="<?cs var:Case.id ?>">
        <h3 class="action-title">登记纸质材料</h3>
        <p class="help">申请人交来的、不能扫描上传的材料（原件、图纸、样品等）在此登记，登记后由您保管。本件转往其他部门前，须把材料移交给下一环节的工作人员，或注明本部门留存的原因。</p>
        <div class="field">
          <label for="f-pwhat">材料<span class="req">（必填）</span></label>
          <input id="f-pwhat" name="what" type="text" maxlength="100" required placeholder="如：房屋产权证明原件">
        </div>
        <div class="field">
          <label for="f-pcopies">份数</label>
          <input id="f-pcopies" name="copies" type="number" min="1" max="999" value="1" required>
        </div>
        <div class="field">
          <label for="f-ppages">页数<span class="opt">（样品等填 0）</span></label>
          <input id="f-ppages" name="pages" type="number" min="0" max="99999" value="1" required>
        </div>
        <button class="btn btn-plain btn-block" type="submit">登记</button>
      </form>
    </section>
    <?cs /if ?>

    <?cs if:Fee.state ?>
    <section class="section" aria-labelledby="fee-title">
      <h2 class="section-title" id="fee-title">收费</h2>
      <dl class="facts">
        <div><dt>收费项目</dt><dd><?cs var:Fee.kind ?></dd></div>
        <div><dt>金额</dt><dd><?cs var:Fee.amount ?> 元</dd></div>
        <div><dt>缴费期限</dt><dd><?cs var:Fee.due ?>（<?cs var:Fee.days ?> 个工作日）</dd></div>
        <div><dt>状态</dt><dd><span class="badge fee-<?cs var:Fee.state ?>"><?cs var:Fee.state_label ?></span><?cs if:Fee.receipt_no ?> 票据号 <span class="mono"><?cs var:Fee.receipt_no ?></span>（<?cs var:Fee.paid_by ?>，<?cs var:Fee.paid_at ?>）<?cs /if ?></dd></div>
        <div><dt>缴费通知书</dt><dd><a href="/doc?no=<?cs var:url_escape(Fee.doc_no) ?>"><?cs var:Fee.doc_no ?></a>（<?cs var:Fee.set_by ?>核定）</dd></div>
      </dl>
      <?cs if:Fee.blocks ?><p class="callout" role="note">费用尚未缴纳：窗口确认缴费后，才能准予许可；到期未缴的，系统将自动作出不予许可决定。</p><?cs /if ?>
      <?cs if:FeeConfirm ?>
      <form class="action-form" method="post" action="/case/fee-paid">
        <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
        <input type="hidden" name="id" value="<?cs var:Case.id ?>">
        <div class="field">
          <label for="f-receipt">缴费票据号码<span class="req">（必填）</span></label>
          <input id="f-receipt" name="receipt" type="text" maxlength="40" required spellcheck="false" autocapitalize="off">
        </div>
        <button class="btn btn-primary btn-block" type="submit">确认已缴费</button>
      </form>
      <?cs /if ?>
    </section>
    <?cs elif:FeeForm.kind ?>
    <section class="section actions-panel" aria-labelledby="fee-title">
      <h2 class="section-title" id="fee-title">核定收费</h2>
      <p class="help">本事项按收费标准收取<?cs var:FeeForm.kind ?>，金额在 <?cs var:FeeForm.min ?> 元至 <?cs var:FeeForm.max ?> 元之间。核定后系统出具缴费通知书告知申请人；缴费确认前不能准予许可，到期未缴的自动不予许可。每件只能核定一次。</p>
      <form class="action-form" method="post" action="/case/fee">
        <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
        <input type="hidden" name="id" value="<?cs var:Case.id ?>">
        <div class="field">
          <label for="f-fee-kind">收费项目</label>
          <select id="f-fee-kind" name="kind"><option value="<?cs var:FeeForm.kind ?>"><?cs var:FeeForm.kind ?></option></select>
        </div>
        <div class="field">
          <label for="f-fee-amount">金额（元）<span class="req">（必填）</span></label>
          <input id="f-fee-amount" name="amount" type="text" inputmode="decimal" maxlength="12" required>
        </div>
        <div class="field">
          <label for="f-fee-days">缴费期限（工作日）</label>
          <input id="f-fee-days" name="days" type="number" min="1" max="<?cs var:FeeForm.days_max ?>" value="5" required>
        </div>
        <button class="btn btn-plain btn-block" type="submit">核定收费并出具缴费通知书</button>
      </form>
    </section>
    <?cs /if ?>

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

    <?cs include:"int/case_messages.cs" ?>
    <?cs include:"int/case_timeline.cs" ?>
  </div>
</div>
