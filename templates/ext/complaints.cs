<?cs # ext/complaints.cs: GET /complaints, the citizen's complaints
       (EXT-7, SUP-5): Complaints.N.{no,about,object,subject,body,state,
       state_label,filed_at,reply,replied_at,reply_due}; Receipt.{no,
       filed_at} for the one just filed; Limits.accept_days. ?>
<header class="page-head">
  <h1>我的投诉</h1>
  <p class="page-sub"><a class="btn btn-primary" href="/complaint">我要投诉</a></p>
</header>
<?cs if:Receipt.no ?>
<section class="panel receipt" aria-labelledby="receipt">
  <h2 class="section-title" id="receipt">投诉已提交</h2>
  <dl class="facts">
    <div><dt>投诉编号</dt><dd class="mono"><?cs var:Receipt.no ?></dd></div>
    <div><dt>提交时间</dt><dd><?cs var:Receipt.filed_at ?></dd></div>
  </dl>
  <p class="help">请记下投诉编号。电子监察室将在 <?cs var:Limits.accept_days ?> 个工作日内受理，办理进度和答复会显示在本页。</p>
</section>
<?cs /if ?>
<?cs if:subcount(Complaints) == 0 ?>
<div class="empty"><p>您还没有投诉。</p></div>
<?cs else ?>
<?cs each:c = Complaints ?>
<section class="panel" aria-labelledby="c-<?cs var:c.no ?>">
  <h2 class="section-title" id="c-<?cs var:c.no ?>"><?cs var:c.subject ?></h2>
  <dl class="facts facts-3">
    <div><dt>投诉编号</dt><dd class="mono"><?cs var:c.no ?></dd></div>
    <div><dt>投诉对象</dt><dd><?cs var:c.about ?> <?cs if:c.app_no ?><a class="mono" href="/app?no=<?cs var:url_escape(c.app_no) ?>"><?cs var:c.app_no ?></a><?cs else ?><?cs var:c.object ?><?cs /if ?></dd></div>
    <div><dt>状态</dt><dd><span class="badge<?cs if:c.state == "closed" ?> st-approved<?cs /if ?>"><?cs var:c.state_label ?></span></dd></div>
    <div><dt>提交时间</dt><dd><?cs var:c.filed_at ?></dd></div>
    <?cs if:c.reply_due && !c.reply ?><div><dt>预计答复日期</dt><dd><?cs var:c.reply_due ?></dd></div><?cs /if ?>
  </dl>
  <h3 class="section-title">事情经过</h3>
  <p class="prewrap"><?cs var:c.body ?></p>
  <?cs if:c.reply ?>
  <h3 class="section-title">答复<?cs if:c.replied_at ?> <span class="small muted"><?cs var:c.replied_at ?></span><?cs /if ?></h3>
  <p class="prewrap reply"><?cs var:c.reply ?></p>
  <?cs /if ?>
</section>
<?cs /each ?>
<?cs /if ?>
