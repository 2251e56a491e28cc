<?cs # int/sup_case.cs: GET /sup/case, any case's full record, read-only
       (SUP-3, INT-13): the parts of /case's record (case_steps.cs,
       case_main.cs, case_timeline.cs), its fee and urges, Warnings.N
       {at,step_name,holders,due_date,days_late} of missed deadlines, and
       Exchange.N {dir,kind,label,at,aside,seq,hash,bundle_at} what crossed
       the gap about it either way, in time order (dir in: taken at import,
       db/141; out: sent, db/112).  No form: supervision reads and acts on
       nothing. ?>
<?cs include:"int/sup_nav.cs" ?>
<header class="page-head case-head">
  <p class="page-kicker">申请编号 <strong class="mono"><?cs var:Case.app_no ?></strong> <span class="tag"><?cs var:Case.source ?></span> <span class="tag">只读</span></p>
  <h1><?cs var:Case.item_name ?></h1>
  <p class="app-status">
    <span class="badge st-<?cs var:Case.state ?>"><?cs var:Case.state_label ?></span>
    <?cs if:Case.step_name ?><span>当前环节：<strong><?cs var:Case.step_name ?></strong></span><?cs /if ?>
    <span class="muted">主办部门 <?cs var:Case.dept_name ?></span>
    <span class="muted">申请人 <?cs var:Case.applicant_name ?></span>
  </p>
</header>

<?cs include:"int/case_steps.cs" ?>

<div class="cols case-cols">
  <div class="col-main">
    <?cs include:"int/case_main.cs" ?>
  </div>
  <div class="col-side">
    <section class="section" aria-labelledby="warn-title">
      <h2 class="section-title" id="warn-title">超期警告</h2>
      <?cs if:subcount(Warnings) == 0 ?><p class="muted">本件没有超期警告。</p><?cs else ?>
      <ul class="step-list" id="warnings">
        <?cs each:w = Warnings ?><li><span class="light light-red"><?cs var:w.step_name ?> 超期 <?cs var:w.days_late ?> 个工作日</span><br><span class="small muted">期限 <?cs var:w.due_date ?> · 承办 <?cs var:w.holders ?> · 记录于 <?cs var:w.at ?></span></li><?cs /each ?>
      </ul>
      <p class="small muted">超期警告由系统在环节亮红灯时自动写入，任何人不能修改或删除。</p>
      <?cs /if ?>
    </section>
    <?cs if:Fee.state ?>
    <section class="section" aria-labelledby="fee-title">
      <h2 class="section-title" id="fee-title">收费</h2>
      <dl class="facts">
        <div><dt>收费项目</dt><dd><?cs var:Fee.kind ?></dd></div>
        <div><dt>金额</dt><dd><?cs var:Fee.amount ?> 元</dd></div>
        <div><dt>缴费期限</dt><dd><?cs var:Fee.due ?>（<?cs var:Fee.days ?> 个工作日）</dd></div>
        <div><dt>状态</dt><dd><?cs var:Fee.state_label ?><?cs if:Fee.receipt_no ?> 票据号 <span class="mono"><?cs var:Fee.receipt_no ?></span>（<?cs var:Fee.paid_by ?>，<?cs var:Fee.paid_at ?>）<?cs /if ?></dd></div>
        <div><dt>核定</dt><dd><?cs var:Fee.set_by ?>，<?cs var:Fee.set_at ?>（<?cs var:Fee.doc_no ?>）</dd></div>
      </dl>
    </section>
    <?cs /if ?>
    <?cs if:subcount(Urges) > 0 ?>
    <section class="section" aria-labelledby="urges-title">
      <h2 class="section-title" id="urges-title">催办</h2>
      <ul class="step-list">
        <?cs each:u = Urges ?><li><strong><?cs var:u.step_name ?></strong> · <?cs var:u.staff_name ?> · <time><?cs var:u.at ?></time><?cs if:u.note ?><br><span class="pre-line"><?cs var:u.note ?></span><?cs /if ?></li><?cs /each ?>
      </ul>
    </section>
    <?cs /if ?>
    <?cs if:Case.extended_days > 0 ?><p class="small muted">本件已延长办理期限 <?cs var:Case.extended_days ?> 个工作日。</p><?cs /if ?>
    <section class="section" aria-labelledby="gap-title">
      <h2 class="section-title" id="gap-title">数据交换</h2>
      <p class="small">申请人于 <?cs var:Case.submitted_at ?> 在外网提交，内网于 <?cs var:Case.received_at ?> 导入收件。</p>
      <?cs if:subcount(Exchange) == 0 ?><p class="muted small">没有登记本件经网闸收到或送出的记录。</p><?cs else ?>
      <ol class="step-list" id="exchange">
        <?cs each:x = Exchange ?><li class="xchg-<?cs var:x.dir ?>"><span class="tag"><?cs if:x.dir == "in" ?>收到<?cs else ?>送出<?cs /if ?></span> <strong><?cs var:x.label ?></strong> · <time><?cs var:x.at ?></time><br><span class="small muted"><?cs if:x.dir == "in" ?>第 <?cs var:x.seq ?> 号数据包带入<?cs if:x.hash ?>，摘要 <span class="mono"><?cs var:x.hash ?>…</span><?cs /if ?><?cs elif:x.seq ?>由第 <?cs var:x.seq ?> 号数据包送往外网<?cs if:x.bundle_at ?>（<?cs var:x.bundle_at ?> 写出<?cs if:x.hash ?>，摘要 <span class="mono"><?cs var:x.hash ?>…</span><?cs /if ?>）<?cs /if ?><?cs else ?>等待下一个数据包送出<?cs /if ?></span><?cs if:x.aside ?><br><span class="small"><?cs if:x.kind == "complaint" ?>此前已收到同一投诉，未重复登记。<?cs else ?>送达时本件已办结，未予办理，已告知申请人。<?cs /if ?></span><?cs /if ?></li><?cs /each ?>
      </ol>
      <p class="small muted">“收到”是外网经网闸送来、内网导入时登记的记录；“送出”是内网送往外网的记录。数据包编号和摘要可与网闸的导入导出记录核对。</p>
      <?cs /if ?>
    </section>
    <?cs include:"int/case_messages.cs" ?>
    <?cs include:"int/case_timeline.cs" ?>
  </div>
</div>
