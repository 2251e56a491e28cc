<?cs # int/consults.cs: GET /consults (在线咨询, EXT-7): the department's
       questions, or every department's for supervisors (Filter.watch),
       Consults.N.{id,no,item_name,asker,question,asked_at,answer,
       answered_at,staff,faq,faq_question,mine,due,light,due_text};
       Count.{red,yellow,green} of the open ones; the forms to answer,
       publish as an FAQ and withdraw it for the department's own
       (mine). ?>
<?cs if:Filter.watch == 1 ?><?cs include:"int/sup_nav.cs" ?><?cs /if ?>
<header class="page-head">
  <h1>在线咨询</h1>
  <p class="page-sub"><?cs if:Filter.watch == 1 ?>各部门收到的在线咨询<?cs else ?>群众就本部门事项提出的在线咨询<?cs /if ?>，应在 <?cs var:Limits.days ?> 个工作日内答复：绿灯在期限内，黄灯今天到期，红灯已超期。</p>
  <nav class="light-tabs" aria-label="筛选">
    <a href="/consults?f=open"<?cs if:Filter.f == "open" ?> aria-current="page"<?cs /if ?>>待答复</a>
    <a href="/consults?f=all"<?cs if:Filter.f == "all" ?> aria-current="page"<?cs /if ?>>全部</a>
    <span class="light light-red">红灯 <?cs var:Count.red ?></span>
    <span class="light light-yellow">黄灯 <?cs var:Count.yellow ?></span>
    <span class="light light-green">绿灯 <?cs var:Count.green ?></span>
  </nav>
</header>
<?cs if:subcount(Consults) == 0 ?>
<div class="empty"><p>没有<?cs if:Filter.f == "open" ?>待答复的<?cs /if ?>咨询。</p></div>
<?cs else ?>
<?cs each:c = Consults ?>
<section class="panel" aria-labelledby="q-<?cs var:c.id ?>">
  <h2 class="section-title" id="q-<?cs var:c.id ?>"><?cs var:c.item_name ?> <span class="small muted mono"><?cs var:c.no ?></span></h2>
  <p class="small muted"><?cs var:c.asker ?> · <?cs var:c.asked_at ?><?cs if:c.light ?> · <span class="light light-<?cs var:c.light ?>">答复期限 <?cs var:c.due ?>，<?cs var:c.due_text ?></span><?cs /if ?></p>
  <p class="prewrap">问：<?cs var:c.question ?></p>
  <?cs if:c.answer ?>
  <p class="prewrap reply">答：<?cs var:c.answer ?> <span class="small muted">（<?cs var:c.staff ?> 答复于 <?cs var:c.answered_at ?>）</span></p>
  <?cs if:c.faq == 1 ?><p><span class="badge st-approved">已作为常见问题发布</span> <span class="small muted">发布的问题：<?cs var:c.faq_question ?></span></p><?cs /if ?>
  <?cs /if ?>
  <?cs if:c.mine ?>
  <?cs if:!c.answer ?>
  <form class="action-form no-print" method="post" action="/consult/answer">
    <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
    <input type="hidden" name="id" value="<?cs var:c.id ?>">
    <div class="field">
      <label for="f-a-<?cs var:c.id ?>">答复<span class="req">（<?cs var:Limits.answer ?> 字以内）</span></label>
      <textarea id="f-a-<?cs var:c.id ?>" name="answer" rows="3" maxlength="<?cs var:Limits.answer ?>" required></textarea>
    </div>
    <button class="btn btn-primary" type="submit">答复</button>
  </form>
  <?cs elif:c.faq == 1 ?>
  <form class="action-form no-print" method="post" action="/consult/withdraw">
    <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
    <input type="hidden" name="id" value="<?cs var:c.id ?>">
    <button class="btn btn-plain" type="submit">从办事指南撤回</button>
  </form>
  <?cs else ?>
  <form class="action-form no-print" method="post" action="/consult/publish">
    <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
    <input type="hidden" name="id" value="<?cs var:c.id ?>">
    <p class="help">发布后，问题和答复显示在事项办事指南的“常见问题”中；咨询人的姓名和问题中的证件号码、手机号码会遮盖。</p>
    <button class="btn btn-plain" type="submit">作为常见问题发布</button>
  </form>
  <?cs /if ?>
  <?cs /if ?>
</section>
<?cs /each ?>
<?cs /if ?>
