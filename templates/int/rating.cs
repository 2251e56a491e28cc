<?cs # int/rating.cs: GET /rating?id=N, one rating (EXT-8): Rating.*
       (view_rating in int_rating.c: level_label, poor, reasons, comment,
       state, state_label, visit_due, visited_at, visitor, visit_note,
       fix_due, fixed_at, fixer, fix_note, result, rater, rater_label
       (who rated: the applicant, or the agent for them), and the light of the
       running stage due, light, due_text); Rating.mine: the user is of
       its department and may act (supervisors and observers read, the
       applicant masked for observers); Form.{Error,note,result} after a
       refusal; Limits.{note,result}. ?>
<?cs if:!Rating.mine ?><?cs include:"int/sup_nav.cs" ?><?cs else ?><nav class="crumbs no-print" aria-label="位置"><a href="/ratings">本部门的办事评价</a></nav><?cs /if ?>
<header class="page-head">
  <h1>评价 <span class="mono"><?cs var:Rating.app_no ?></span></h1>
  <p class="page-sub"><strong><?cs var:Rating.level_label ?></strong><?cs if:Rating.round == 2 ?>（整改后再次评价）<?cs /if ?><?cs if:Rating.state_label ?> · <?cs var:Rating.state_label ?><?cs /if ?><?cs if:Rating.due ?> · <span class="light light-<?cs var:Rating.light ?>"><?cs var:Rating.due_text ?></span>（本环节期限 <?cs var:Rating.due ?>）<?cs /if ?></p>
</header>
<?cs if:Form.Error ?><div class="alert alert-error" role="alert"><?cs var:Form.Error ?></div><?cs /if ?>
<section class="panel" aria-labelledby="what">
  <h2 class="section-title" id="what"><?cs var:Rating.item_name ?></h2>
  <dl class="facts facts-2">
    <div><dt>办件</dt><dd><a class="mono" href="<?cs if:Rating.mine ?>/case<?cs else ?>/sup/case<?cs /if ?>?id=<?cs var:url_escape(Rating.case_id) ?>"><?cs var:Rating.app_no ?></a></dd></div>
    <div><dt>申请人</dt><dd><?cs var:Rating.applicant ?><?cs if:Rating.mine ?> <span class="small muted">（联系电话见办件页面）</span><?cs /if ?></dd></div>
    <div><dt>评价人</dt><dd><?cs var:Rating.rater_label ?></dd></div>
    <div><dt>部门</dt><dd><?cs var:Rating.dept_name ?></dd></div>
    <div><dt>评价时间</dt><dd><?cs var:Rating.rated_at ?></dd></div>
    <?cs if:Rating.reasons ?><div class="facts-wide"><dt>不满意的原因</dt><dd><?cs var:Rating.reasons ?></dd></div><?cs /if ?>
    <div class="facts-wide"><dt>评价意见</dt><dd class="pre-line"><?cs if:Rating.comment ?><?cs var:Rating.comment ?><?cs else ?><span class="muted">（未填写）</span><?cs /if ?></dd></div>
  </dl>
</section>
<?cs if:Rating.state_label ?>
<section class="panel" aria-labelledby="stages">
  <h2 class="section-title" id="stages">回访整改</h2>
  <table class="grid reflow">
    <thead><tr><th scope="col">环节</th><th scope="col">期限</th><th scope="col">完成</th><th scope="col">情况</th></tr></thead>
    <tbody>
      <tr><td data-label="环节">回访评价人</td><td class="nowrap" data-label="期限"><?cs var:Rating.visit_due ?></td><td class="nowrap" data-label="完成"><?cs if:Rating.visited_at ?><?cs var:Rating.visited_at ?><br><span class="small muted"><?cs var:Rating.visitor ?></span><?cs else ?>—<?cs /if ?></td><td class="pre-line" data-label="情况"><?cs var:Rating.visit_note ?></td></tr>
      <tr><td data-label="环节">整改</td><td class="nowrap" data-label="期限"><?cs var:Rating.fix_due ?></td><td class="nowrap" data-label="完成"><?cs if:Rating.fixed_at ?><?cs var:Rating.fixed_at ?><br><span class="small muted"><?cs var:Rating.fixer ?></span><?cs else ?>—<?cs /if ?></td><td class="pre-line" data-label="情况"><?cs var:Rating.fix_note ?></td></tr>
    </tbody>
  </table>
  <?cs if:Rating.result ?><p><strong>告知评价人的整改结果：</strong><span class="pre-line"><?cs var:Rating.result ?></span></p><?cs /if ?>
</section>
<?cs /if ?>
<?cs if:Rating.mine && Rating.state == "visit" ?>
<section class="panel no-print" aria-labelledby="f-visit">
  <h2 class="section-title" id="f-visit">登记回访</h2>
  <form class="form" method="post" action="/rating/visit">
    <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
    <input type="hidden" name="id" value="<?cs var:Rating.id ?>">
    <div class="field"><label for="f-note">回访情况<span class="opt">（怎样联系的评价人、对方反映的问题，<?cs var:Limits.note ?> 字以内；只在内网留存）</span></label>
      <textarea id="f-note" name="note" rows="3" required maxlength="<?cs var:Limits.note ?>"><?cs var:Form.note ?></textarea></div>
    <div class="form-actions"><button class="btn btn-primary" type="submit">登记回访</button></div>
  </form>
</section>
<?cs elif:Rating.mine && Rating.state == "fix" ?>
<section class="panel no-print" aria-labelledby="f-fix">
  <h2 class="section-title" id="f-fix">登记整改</h2>
  <form class="form" method="post" action="/rating/fix">
    <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
    <input type="hidden" name="id" value="<?cs var:Rating.id ?>">
    <div class="field"><label for="f-fnote">整改措施<span class="opt">（做了哪些改进，<?cs var:Limits.note ?> 字以内；只在内网留存）</span></label>
      <textarea id="f-fnote" name="note" rows="3" required maxlength="<?cs var:Limits.note ?>"><?cs var:Form.note ?></textarea></div>
    <div class="field"><label for="f-result">告知评价人的整改结果<span class="opt">（评价人将在外网办件页面看到，<?cs var:Limits.result ?> 字以内）</span></label>
      <textarea id="f-result" name="result" rows="4" required maxlength="<?cs var:Limits.result ?>"><?cs var:Form.result ?></textarea></div>
    <div class="form-actions"><button class="btn btn-primary" type="submit">整改完毕，告知评价人</button></div>
  </form>
</section>
<?cs /if ?>
