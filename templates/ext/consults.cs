<?cs # ext/consults.cs: GET /consults, the citizen's questions (在线咨询,
       EXT-7): Consults.N.{no,item_code,item_name,question,asked_at,answer,
       answered_at}; Receipt.no for the one just asked; Limits.days. ?>
<header class="page-head">
  <h1>我的咨询</h1>
  <p class="page-sub">在事项的办事指南页面底部可以向审批部门在线咨询。</p>
</header>
<?cs if:Receipt.no ?>
<section class="panel receipt" aria-labelledby="receipt">
  <h2 class="section-title" id="receipt">咨询已提交</h2>
  <p>咨询编号 <strong class="mono"><?cs var:Receipt.no ?></strong>。咨询随下一批数据送达事项所属部门，部门应在 <?cs var:Limits.days ?> 个工作日内答复，答复会显示在本页。</p>
</section>
<?cs /if ?>
<?cs if:subcount(Consults) == 0 ?>
<div class="empty"><p>您还没有在线咨询。</p></div>
<?cs else ?>
<?cs each:c = Consults ?>
<section class="panel" aria-labelledby="q-<?cs var:c.no ?>">
  <h2 class="section-title" id="q-<?cs var:c.no ?>"><a href="/guide?code=<?cs var:url_escape(c.item_code) ?>"><?cs var:c.item_name ?></a></h2>
  <p class="small muted">咨询编号 <span class="mono"><?cs var:c.no ?></span> · <?cs var:c.asked_at ?></p>
  <p class="prewrap">问：<?cs var:c.question ?></p>
  <?cs if:c.answer ?>
  <p class="prewrap reply">答：<?cs var:c.answer ?> <span class="small muted">（答复于 <?cs var:c.answered_at ?>）</span></p>
  <?cs else ?>
  <p><span class="badge st-wait">等待答复</span></p>
  <?cs /if ?>
</section>
<?cs /each ?>
<?cs /if ?>
