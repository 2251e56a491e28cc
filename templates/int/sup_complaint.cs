<?cs # int/sup_complaint.cs: GET /sup/complaint?id=N, one complaint (SUP-5):
       Cmp.* (name, id_number, phone masked for observers), its light
       (Cmp.{due,light,due_text}), Events.N.{at,actor,action,note}; for a
       supervisor (May.act) the forms of its state, Supervisors.N.{id,name,
       selected}; Limits.{reply_days,reply_days_max,note,reply}. ?>
<?cs include:"int/sup_nav.cs" ?>
<header class="page-head">
  <h1>投诉 <span class="mono"><?cs var:Cmp.no ?></span></h1>
  <p class="page-sub"><?cs var:Cmp.state_label ?><?cs if:Cmp.due ?> · <span class="light light-<?cs var:Cmp.light ?>"><?cs var:Cmp.due_text ?></span>（本环节期限 <?cs var:Cmp.due ?>）<?cs /if ?></p>
</header>
<section class="panel" aria-labelledby="what">
  <h2 class="section-title" id="what"><?cs var:Cmp.subject ?></h2>
  <dl class="facts facts-2">
    <div><dt>投诉对象</dt><dd><?cs if:Cmp.case_id ?>办件 <a class="mono" href="/sup/case?id=<?cs var:url_escape(Cmp.case_id) ?>"><?cs var:Cmp.app_no ?></a><?cs else ?><?cs var:Cmp.object ?><?cs /if ?></dd></div>
    <div><dt>投诉时间</dt><dd><?cs var:Cmp.filed_at ?></dd></div>
    <div><dt>投诉人</dt><dd><?cs var:Cmp.name ?></dd></div>
    <div><dt>身份证号码</dt><dd class="mono"><?cs var:Cmp.id_number ?></dd></div>
    <div><dt>联系电话</dt><dd class="mono"><?cs if:Cmp.phone ?><?cs var:Cmp.phone ?><?cs else ?><span class="muted">（未留）</span><?cs /if ?></dd></div>
    <div><dt>调查人</dt><dd><?cs if:Cmp.assignee ?><?cs var:Cmp.assignee ?><?cs else ?><span class="muted">（未交办）</span><?cs /if ?></dd></div>
    <div class="facts-wide"><dt>事情经过</dt><dd class="pre-line"><?cs var:Cmp.body ?></dd></div>
    <?cs if:Cmp.reply ?><div class="facts-wide"><dt>答复（<?cs var:Cmp.replied_at ?>）</dt><dd class="pre-line"><?cs var:Cmp.reply ?></dd></div><?cs /if ?>
  </dl>
</section>
<section class="panel" aria-labelledby="stages">
  <h2 class="section-title" id="stages">办理期限</h2>
  <table class="grid reflow">
    <thead><tr><th scope="col">环节</th><th scope="col">期限</th><th scope="col">完成时间</th></tr></thead>
    <tbody>
      <tr><td data-label="环节">受理交办（2 个工作日）</td><td class="nowrap" data-label="期限"><?cs var:Cmp.accept_due ?></td><td class="nowrap" data-label="完成时间"><?cs if:Cmp.assigned_at ?><?cs var:Cmp.assigned_at ?><?cs else ?>—<?cs /if ?></td></tr>
      <tr><td data-label="环节">调查答复</td><td class="nowrap" data-label="期限"><?cs if:Cmp.reply_due ?><?cs var:Cmp.reply_due ?><?cs else ?>—<?cs /if ?></td><td class="nowrap" data-label="完成时间"><?cs if:Cmp.replied_at ?><?cs var:Cmp.replied_at ?><?cs else ?>—<?cs /if ?></td></tr>
      <tr><td data-label="环节">办结（答复后 3 个工作日）</td><td class="nowrap" data-label="期限"><?cs if:Cmp.close_due ?><?cs var:Cmp.close_due ?><?cs else ?>—<?cs /if ?></td><td class="nowrap" data-label="完成时间"><?cs if:Cmp.closed_at ?><?cs var:Cmp.closed_at ?><?cs else ?>—<?cs /if ?></td></tr>
    </tbody>
  </table>
</section>
<?cs if:May.act ?>
<?cs if:Cmp.state == "received" || Cmp.state == "assigned" || Cmp.state == "investigating" ?>
<section class="panel no-print" aria-labelledby="f-assign">
  <h2 class="section-title" id="f-assign"><?cs if:Cmp.state == "received" ?>受理并交办<?cs else ?>改派调查人<?cs /if ?></h2>
  <form class="form" method="post" action="/sup/complaint/assign">
    <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
    <input type="hidden" name="id" value="<?cs var:Cmp.id ?>">
    <div class="field"><label for="f-to">调查人</label>
      <select id="f-to" name="to"><?cs each:s = Supervisors ?><option value="<?cs var:s.id ?>"<?cs if:s.selected ?> selected<?cs /if ?>><?cs var:s.name ?></option><?cs /each ?></select></div>
    <div class="field"><label for="f-days">答复期限（工作日，从今天起，1 到 <?cs var:Limits.reply_days_max ?>）</label>
      <input id="f-days" name="days" type="number" min="1" max="<?cs var:Limits.reply_days_max ?>" value="<?cs var:Limits.reply_days ?>" required></div>
    <div class="form-actions"><button class="btn btn-primary" type="submit">交办</button></div>
  </form>
</section>
<?cs /if ?>
<?cs if:Cmp.state == "assigned" || Cmp.state == "investigating" ?>
<section class="panel no-print" aria-labelledby="f-inv">
  <h2 class="section-title" id="f-inv">记录调查情况</h2>
  <form class="form" method="post" action="/sup/complaint/investigate">
    <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
    <input type="hidden" name="id" value="<?cs var:Cmp.id ?>">
    <div class="field"><label for="f-note">调查情况<span class="opt">（如向被投诉部门了解的情况，<?cs var:Limits.note ?> 字以内；只在内网留存）</span></label>
      <textarea id="f-note" name="note" rows="3" required maxlength="<?cs var:Limits.note ?>"></textarea></div>
    <div class="form-actions"><button class="btn btn-plain" type="submit">记录</button></div>
  </form>
</section>
<section class="panel no-print" aria-labelledby="f-reply">
  <h2 class="section-title" id="f-reply">答复投诉人</h2>
  <form class="form" method="post" action="/sup/complaint/reply">
    <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
    <input type="hidden" name="id" value="<?cs var:Cmp.id ?>">
    <div class="field"><label for="f-reply-t">答复<span class="opt">（投诉人将在外网看到，<?cs var:Limits.reply ?> 字以内）</span></label>
      <textarea id="f-reply-t" name="reply" rows="5" required maxlength="<?cs var:Limits.reply ?>"></textarea></div>
    <div class="form-actions"><button class="btn btn-primary" type="submit">发出答复</button></div>
  </form>
</section>
<?cs /if ?>
<?cs if:Cmp.state == "replied" ?>
<section class="panel no-print" aria-labelledby="f-close">
  <h2 class="section-title" id="f-close">办结</h2>
  <form class="form" method="post" action="/sup/complaint/close">
    <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
    <input type="hidden" name="id" value="<?cs var:Cmp.id ?>">
    <div class="field"><label for="f-close-n">办结说明<span class="opt">（选填）</span></label>
      <textarea id="f-close-n" name="note" rows="2" maxlength="<?cs var:Limits.note ?>"></textarea></div>
    <div class="form-actions"><button class="btn btn-primary" type="submit">办结</button></div>
  </form>
</section>
<?cs /if ?>
<?cs /if ?>
<section class="panel" aria-labelledby="hist">
  <h2 class="section-title" id="hist">办理经过</h2>
  <ol class="timeline">
    <?cs each:e = Events ?>
    <li><span class="small muted"><?cs var:e.at ?></span> <?cs var:e.actor ?> · <?cs if:e.action == "import" ?>收到<?cs elif:e.action == "assign" ?>交办<?cs elif:e.action == "investigate" ?>调查<?cs elif:e.action == "reply" ?>答复<?cs elif:e.action == "close" ?>办结<?cs else ?><?cs var:e.action ?><?cs /if ?><?cs if:e.note ?><br><span class="pre-line"><?cs var:e.note ?></span><?cs /if ?></li>
    <?cs /each ?>
  </ol>
</section>
