<?cs # ext/app.cs: one application as its applicant sees it: status,
       facts, materials (App.Lics: licences used instead of files, 免证办
       DOC-2), timeline (App.Events) and documents (App.Docs);
       to its logged-in applicant, while App.open, the withdrawal form, or
       since App.withdraw_at that the withdrawal waits; the materials a
       补正 asks for (App.Corrections) with, while the case waits for
       them, the form that sends them once.  Rate.shown: to the
       applicant of a decided case, the ratings given (Ratings.N.{round,
       label,reasons,comment,rated_at,state,state_label,visit_due,
       fix_due,result,rater,rater_label}), Rate.rater (who the reader
       is to rate it: applicant, agent) and while Rate.open the rating
       form (Levels, Reasons, Rate.{round,max,Error,level,comment,ticked.CODE},
       Rate.asked; EXT-8).
       Also included by ext/query.cs when a query found the application. ?>
<?cs # filesize: a size in bytes, or one the handler already formatted ("12 KB"), shown as is. ?>
<?cs def:filesize(n) ?><?cs if:string.find(n, "B") >= 0 || string.find(n, "节") >= 0 ?><?cs var:n ?><?cs elif:n >= 1048576 ?><?cs var:n / 1048576 ?>.<?cs var:(n % 1048576) * 10 / 1048576 ?> MB<?cs elif:n >= 1024 ?><?cs var:(n + 1023) / 1024 ?> KB<?cs else ?><?cs var:n ?> 字节<?cs /if ?><?cs /def ?>
<article class="app">
  <header class="page-head app-head">
    <p class="page-kicker">申请编号 <strong class="mono"><?cs var:App.app_no ?></strong></p>
    <h1><?cs var:App.item_name ?></h1>
    <p class="app-status"><span class="badge st-<?cs var:App.state ?>"><?cs var:App.state_label ?></span><span class="muted">更新于 <?cs var:App.updated_at ?></span></p>
    <?cs if:App.state == "suspended" || App.state == "reported" ?><p class="app-due"><strong>办理期限暂停计算。</strong><?cs if:App.pause_note ?><?cs var:App.pause_note ?><?cs /if ?></p><?cs /if ?>
    <?cs if:App.Fee.state ?><p class="app-fee"><?cs if:App.Fee.state == "unpaid" ?><span class="badge st-wait">待缴费</span> 请于 <strong><?cs var:App.Fee.due ?></strong> 前到审批部门政务服务窗口缴纳<?cs var:App.Fee.kind ?> <strong><?cs var:App.Fee.amount ?> 元</strong>（见下方缴费通知书）；逾期未缴纳的，将不予许可。<?cs elif:App.Fee.state == "paid" ?><span class="badge st-approved">已缴费</span> <?cs var:App.Fee.kind ?> <?cs var:App.Fee.amount ?> 元已缴纳。<?cs else ?><span class="badge st-rejected">逾期未缴费</span> <?cs var:App.Fee.kind ?> <?cs var:App.Fee.amount ?> 元未在 <?cs var:App.Fee.due ?> 前缴纳。<?cs /if ?></p><?cs /if ?>
    <?cs if:App.due_date ?><p class="app-due">预计办结日期：<strong><?cs var:App.due_date ?></strong> <span class="small muted">（审批部门承诺的期限，从您提交申请之日起按工作日计算，法定节假日不计）</span></p><?cs /if ?>
    <?cs if:User.Name && Page.Template == "ext/app.cs" ?><p class="app-links no-print"><a href="/receipt?no=<?cs var:url_escape(App.app_no) ?>">查看或打印接件凭证</a> · <a href="/complaint?no=<?cs var:url_escape(App.app_no) ?>">对这件办件投诉</a></p><?cs /if ?>
  </header>

  <?cs if:subcount(App.Corrections) > 0 ?>
  <section class="section callout-section" aria-labelledby="corr-title">
    <h2 class="section-title" id="corr-title">补正材料</h2>
    <?cs if:App.corrected_at ?>
    <p>您已于 <?cs var:App.corrected_at ?> 提交补正材料，受理期限从该日起重新计算。</p>
    <?cs elif:App.state == "correcting" ?>
    <p>审批部门审查后，需要您补正下列材料（详见“办理文书”中的补正材料通知书）。请<strong>一次性</strong>上传下列全部材料，提交后不能再次补正。</p>
    <?cs /if ?>
    <ol class="corr-list">
      <?cs each:c = App.Corrections ?><li><strong><?cs var:c.material_name ?></strong>：<span class="pre-line"><?cs var:c.reason ?></span></li><?cs /each ?>
    </ol>
    <?cs if:User.Name && Page.Template == "ext/app.cs" && App.state == "correcting" && !App.corrected_at && !App.withdraw_at ?>
    <form class="form no-print" method="post" action="/app/correct" enctype="multipart/form-data">
      <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
      <input type="hidden" name="no" value="<?cs var:App.app_no ?>">
      <?cs each:c = App.Corrections ?>
      <div class="field">
        <label for="f-c<?cs var:c.material_seq ?>"><?cs var:c.material_name ?> <span class="req">（必传，PDF）</span></label>
        <input id="f-c<?cs var:c.material_seq ?>" type="file" name="m<?cs var:c.material_seq ?>" accept="application/pdf" required>
      </div>
      <?cs /each ?>
      <div class="form-actions"><button class="btn btn-primary" type="submit">提交补正材料</button></div>
    </form>
    <?cs /if ?>
  </section>
  <?cs /if ?>

  <?cs if:subcount(App.Docs) > 0 ?>
  <section class="section docs-callout">
    <h2 class="section-title">办理文书</h2>
    <ul class="doc-list">
      <?cs each:d = App.Docs ?>
      <li><a href="/doc?no=<?cs var:url_escape(d.doc_no) ?>"><span class="dl-title"><?cs var:d.title ?></span><span class="dl-meta"><span class="nowrap"><?cs var:d.doc_no ?></span> · <span class="nowrap"><?cs var:d.issued_at ?></span></span></a></li>
      <?cs /each ?>
    </ul>
  </section>
  <?cs /if ?>

  <div class="cols">
    <section class="section col-main">
      <h2 class="section-title">办理进度</h2>
      <?cs if:subcount(App.Events) == 0 ?>
      <p class="muted">暂无进度记录。</p>
      <?cs else ?>
      <ol class="timeline">
        <?cs each:e = App.Events ?>
        <li class="tl-item">
          <p class="tl-label"><?cs var:e.label ?></p>
          <p class="tl-meta"><time><?cs var:e.at ?></time><?cs if:e.actor ?> · <?cs var:e.actor ?><?cs /if ?></p>
          <?cs if:e.note ?><p class="tl-note pre-line"><?cs var:e.note ?></p><?cs /if ?>
        </li>
        <?cs /each ?>
      </ol>
      <?cs /if ?>
    </section>

    <section class="section col-side">
      <h2 class="section-title">申请信息</h2>
      <dl class="facts facts-stack">
        <div><dt>申请事项</dt><dd><?cs var:App.item_name ?><?cs if:App.item_code ?><br><span class="muted small"><?cs var:App.item_code ?><?cs if:App.item_version ?> 第 <?cs var:App.item_version ?> 版<?cs /if ?></span><?cs /if ?></dd></div>
        <?cs if:App.credit_code ?><div><dt>申请人</dt><dd><?cs var:App.entity_name ?>（统一社会信用代码 <span class="mono"><?cs var:App.credit_code ?></span>）</dd></div><?cs /if ?>
        <div><dt><?cs if:App.credit_code ?>经办人<?cs else ?>申请人<?cs /if ?></dt><dd><?cs var:App.applicant_name ?></dd></div>
        <?cs if:App.agent_name ?><div><dt>代办</dt><dd><span class="tag">代办</span> 由代办员<?cs var:App.agent_name ?>代办（<?cs var:App.agent_area ?>）<?cs if:App.resident_region ?><br><span class="muted small">居民居住地：<?cs var:App.resident_region ?></span><?cs /if ?><?cs if:App.consent_kind == "sms" ?><br><span class="muted small">居民授权：短信确认<?cs if:App.consent_state == "pending" ?>（等待居民确认）<?cs /if ?></span><?cs /if ?><?cs if:App.consent_link ?><br><a href="<?cs var:App.consent_link ?>">输入居民念出的确认码</a><?cs /if ?></dd></div><?cs /if ?>
        <div><dt>身份证号码</dt><dd class="mono"><?cs var:App.id_number_masked ?></dd></div>
        <div><dt>手机号码</dt><dd class="mono"><?cs var:App.mobile_masked ?></dd></div>
        <div><dt>提交时间</dt><dd><?cs var:App.submitted_at ?></dd></div>
        <?cs if:App.remark ?><div><dt>申请事项说明</dt><dd class="pre-line"><?cs var:App.remark ?></dd></div><?cs /if ?>
      </dl>
    </section>
  </div>

  <section class="section">
    <h2 class="section-title">已提交的材料</h2>
    <?cs if:App.lics_unread ?><p class="alert alert-error" role="alert">使用的电子证照暂时无法显示，请稍后刷新本页。</p><?cs /if ?>
    <?cs if:App.source == "window" ?>
    <p class="muted">材料已在政务服务中心窗口递交，收到的材料见窗口出具的收件回执；扫描件和纸质材料随办件在审批部门流转，不在网上显示。</p>
    <?cs elif:subcount(App.Attachments) == 0 && subcount(App.Lics) == 0 ?>
    <p class="muted">未上传材料。</p>
    <?cs else ?>
    <div class="table-wrap">
      <table class="grid numbered reflow">
        <thead><tr><th scope="col" class="num">序号</th><th scope="col">材料名称</th><th scope="col">文件</th><th scope="col" class="num">大小</th></tr></thead>
        <tbody>
          <?cs each:a = App.Attachments ?>
          <tr><td class="num rownum" data-label="序号"></td><td data-label="材料名称"><?cs var:a.material_name ?><?cs if:a.round == 1 ?> <span class="badge st-correction">补正件</span><?cs /if ?></td><td class="file" data-label="文件"><?cs var:a.file_name ?></td><td class="num nowrap" data-label="大小"><?cs call:filesize(a.size) ?></td></tr>
          <?cs /each ?>
          <?cs each:l = App.Lics ?>
          <tr><td class="num rownum" data-label="序号"></td><td data-label="材料名称"><?cs var:l.material_name ?></td><td data-label="文件">使用电子证照 <span class="mono"><?cs var:l.no ?></span></td><td class="num nowrap" data-label="大小">—</td></tr>
          <?cs /each ?>
        </tbody>
      </table>
    </div>
    <?cs /if ?>
  </section>

  <?cs if:Rate.shown ?>
  <section class="section" id="rating" aria-labelledby="rating-title">
    <h2 class="section-title" id="rating-title">办事评价</h2>
    <?cs each:t = Ratings ?>
    <div class="rating-given">
      <p><?cs if:t.round == 2 ?>整改后再次评价：<?cs else ?>评价：<?cs /if ?><strong><?cs var:t.label ?></strong> <span class="small muted"><?cs var:t.rated_at ?> · <?cs var:t.rater_label ?></span></p>
      <?cs if:t.reasons ?><p class="small">原因：<?cs var:t.reasons ?></p><?cs /if ?>
      <?cs if:t.comment ?><p class="small pre-line"><?cs var:t.comment ?></p><?cs /if ?>
      <?cs if:t.state_label ?>
      <p><span class="badge<?cs if:t.state == "done" ?> st-approved<?cs else ?> st-wait<?cs /if ?>"><?cs var:t.state_label ?></span><?cs if:t.state == "visit" ?> 审批部门将在 <?cs var:t.visit_due ?> 前与您联系回访，<?cs var:t.fix_due ?> 前整改并在这里告诉您结果。<?cs elif:t.state == "fix" ?> 审批部门将在 <?cs var:t.fix_due ?> 前整改并在这里告诉您结果。<?cs /if ?></p>
      <?cs if:t.result ?><div class="notice" role="status"><p><strong>整改结果：</strong><span class="pre-line"><?cs var:t.result ?></span></p></div><?cs /if ?>
      <?cs /if ?>
    </div>
    <?cs /each ?>
    <?cs if:Rate.open ?>
    <?cs if:Rate.round == 2 ?><p class="small muted">审批部门已经整改。您可以根据整改结果再评价一次（只能再评价一次）。</p><?cs else ?><p class="small muted">办件已经办结，请您对这次办事给个评价（每件只能评价一次）。选择“不满意”或“非常不满意”的，审批部门将在 <?cs var:Rate.visit_days ?> 个工作日内回访、<?cs var:Rate.fix_days ?> 个工作日内整改，并在本页告诉您结果。</p><?cs /if ?>
    <?cs if:Rate.Error ?><div class="alert alert-error" role="alert"><?cs var:Rate.Error ?></div><?cs /if ?>
    <form class="form no-print" method="post" action="/app/rate">
      <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
      <input type="hidden" name="no" value="<?cs var:App.app_no ?>">
      <fieldset class="panel">
        <legend>评价等级</legend>
        <?cs each:l = Levels ?><label class="check"><input type="radio" name="level" value="<?cs var:l.level ?>"<?cs if:Rate.level == l.level ?> checked<?cs /if ?> required> <?cs var:l.label ?></label><?cs /each ?>
      </fieldset>
      <fieldset class="panel">
        <legend>不满意的原因 <span class="opt">（选择“不满意”或“非常不满意”时至少勾选一项）</span></legend>
        <?cs each:c = Reasons ?><label class="check"><input type="checkbox" name="reason_<?cs var:c.code ?>" value="1"<?cs if:Rate.ticked[c.code] ?> checked<?cs /if ?>> <?cs var:c.label ?></label><?cs /each ?>
      </fieldset>
      <div class="field">
        <label for="f-comment">评价意见 <span class="opt">（选填，<?cs var:Rate.max ?> 字以内）</span></label>
        <textarea id="f-comment" name="comment" rows="3" maxlength="<?cs var:Rate.max ?>"><?cs var:Rate.comment ?></textarea>
      </div>
      <?cs if:Rate.rater == "agent" ?>
      <div class="field">
        <p class="help">办事评价应由申请人本人作出，申请人可以登录自己的账号评价。申请人请您代为评价的，请按申请人的意见填写，并勾选下面一项；评价会注明由代办员代为评价。</p>
        <label class="check"><input type="checkbox" name="asked" value="1"<?cs if:Rate.asked ?> checked<?cs /if ?>> 申请人本人请我代为评价，以上是申请人的意见</label>
      </div>
      <?cs /if ?>
      <div class="form-actions"><button class="btn btn-primary" type="submit">提交评价</button></div>
    </form>
    <?cs /if ?>
  </section>
  <?cs /if ?>

  <?cs if:User.Name && Page.Template == "ext/app.cs" ?>
  <?cs include:"ext/app_delivery.cs" ?>
  <section class="section msg-thread" id="thread" aria-labelledby="thread-title">
    <h2 class="section-title" id="thread-title">与窗口人员交流</h2>
    <?cs if:subcount(Thread) == 0 ?>
    <p class="muted">对这件申请有疑问，可以在这里给审批部门窗口留言，回复会显示在这里。</p>
    <?cs else ?>
    <ol class="thread">
      <?cs each:m = Thread ?>
      <li class="msg msg-<?cs var:m.dir ?>">
        <p class="msg-meta"><strong><?cs if:m.dir == "ask" ?><?cs var:m.author ?><?cs else ?><?cs var:m.author ?>窗口回复<?cs /if ?></strong> · <time><?cs var:m.at ?></time></p>
        <p class="msg-body pre-line"><?cs var:m.body ?></p>
      </li>
      <?cs /each ?>
    </ol>
    <?cs /if ?>
    <form class="form no-print" method="post" action="/app/message#thread">
      <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
      <input type="hidden" name="form_key" value="<?cs var:Form.key ?>">
      <input type="hidden" name="no" value="<?cs var:App.app_no ?>">
      <?cs if:Msg.Error ?><p class="alert alert-error" role="alert"><?cs var:Msg.Error ?></p><?cs /if ?>
      <div class="field">
        <label for="f-msg">给窗口留言 <span class="opt">（<?cs var:Limits.msg ?> 字以内；身份证号码、手机号码会部分隐去，请勿填写密码）</span></label>
        <textarea id="f-msg" name="body" rows="3" maxlength="<?cs var:Limits.msg ?>" required><?cs var:Msg.body ?></textarea>
      </div>
      <div class="form-actions"><button class="btn btn-primary" type="submit">发送留言</button></div>
    </form>
  </section>
  <?cs /if ?>
  <?cs if:User.Name && Page.Template == "ext/app.cs" ?>
  <?cs if:App.withdraw_at && App.open == 1 ?>
  <section class="section">
    <div class="notice" role="status"><p>您已于 <?cs var:App.withdraw_at ?> 申请撤回这项申请，审批部门办理后，准予撤回决定书会出现在本页的“办理文书”中。</p></div>
  </section>
  <?cs elif:App.open == 1 ?>
  <section class="section no-print">
    <h2 class="section-title">撤回申请</h2>
    <p class="small muted">作出决定之前，您可以撤回这项申请：审批部门将终止办理，并出具准予撤回决定书。撤回后如仍需办理，须重新提交申请。</p>
    <form class="form" method="post" action="/app/withdraw">
      <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
      <input type="hidden" name="no" value="<?cs var:App.app_no ?>">
      <div class="field">
        <label for="f-reason">撤回理由 <span class="opt">（选填，500 字以内）</span></label>
        <textarea id="f-reason" name="reason" rows="3" maxlength="500"></textarea>
      </div>
      <div class="field check">
        <label><input type="checkbox" name="confirm" value="1" required> 我确认撤回这项申请</label>
      </div>
      <div class="form-actions"><button class="btn btn-plain" type="submit">撤回申请</button></div>
    </form>
  </section>
  <?cs /if ?>
  <?cs /if ?>
</article>
