<?cs # int/pub.cs: GET /pub, 信息发布 (PUB-2): News.N.{id,kind_label,title,
       dept_name,state,state_label,writer_name,reviewer_name,note,
       updated_at,published_at,mine,may_review}, newest first; Late.N.
       {app_no,item_name,decided_on,due_on}: results not published within
       5 days (PUB-1); Page.Done after a move. ?>
<header class="page-head">
  <h1>信息发布</h1>
  <p class="page-sub">撰写新闻动态、通知公告和政策法规，提交后由本部门分管领导或系统管理员审核发布，撰稿人本人不能发布自己的稿件。发布和撤回经摆渡送到外网。</p>
  <p><a class="btn btn-primary" href="/pub/edit">撰写新稿件</a></p>
</header>
<?cs if:Page.Done == "submit" ?><p class="notice" role="status">已提交审核。</p><?cs /if ?>
<?cs if:Page.Done == "publish" ?><p class="notice" role="status">已发布，下次摆渡后在外网显示。</p><?cs /if ?>
<?cs if:Page.Done == "return" ?><p class="notice" role="status">已退回撰稿人修改。</p><?cs /if ?>
<?cs if:Page.Done == "withdraw" ?><p class="notice" role="status">已撤回，下次摆渡后从外网撤下。</p><?cs /if ?>

<?cs if:subcount(Late) > 0 ?>
<section class="panel" aria-labelledby="p-late">
  <h2 class="section-title" id="p-late">逾期未公示的办结结果</h2>
  <p class="warn">以下办件作出决定已超过 5 日，公示记录仍在内网，没有送到外网（第二十一条）。请尽快摆渡。</p>
  <div class="table-wrap"><table class="grid reflow">
    <thead><tr><th scope="col">申请编号</th><th scope="col">事项</th><th scope="col">决定日期</th><th scope="col">应公示日期</th></tr></thead>
    <tbody><?cs each:l = Late ?><tr><td data-label="申请编号" class="mono"><?cs var:l.app_no ?></td><td data-label="事项"><?cs var:l.item_name ?></td><td data-label="决定日期"><?cs var:l.decided_on ?></td><td data-label="应公示日期"><?cs var:l.due_on ?></td></tr><?cs /each ?></tbody>
  </table></div>
</section>
<?cs /if ?>

<section class="panel" aria-labelledby="p-list">
  <h2 class="section-title" id="p-list">稿件</h2>
  <?cs if:subcount(News) == 0 ?><p>还没有稿件。</p><?cs else ?>
  <div class="table-wrap"><table class="grid reflow">
    <thead><tr><th scope="col">栏目</th><th scope="col">标题</th><th scope="col">部门</th><th scope="col">撰稿人</th><th scope="col">状态</th><th scope="col">操作</th></tr></thead>
    <tbody>
    <?cs each:n = News ?>
    <tr>
      <td data-label="栏目" class="nowrap"><?cs var:n.kind_label ?></td>
      <td data-label="标题"><a href="/pub/edit?id=<?cs var:url_escape(n.id) ?>"><?cs var:n.title ?></a><?cs if:n.note ?><br><span class="small late-note">退回意见：<?cs var:n.note ?></span><?cs /if ?></td>
      <td data-label="部门"><?cs var:n.dept_name ?></td>
      <td data-label="撰稿人" class="nowrap"><?cs var:n.writer_name ?></td>
      <td data-label="状态" class="nowrap"><?cs var:n.state_label ?><?cs if:n.reviewer_name ?><br><span class="small muted">审核：<?cs var:n.reviewer_name ?></span><?cs /if ?></td>
      <td data-label="操作">
        <?cs if:n.mine && n.state == "draft" ?><form method="post" action="/pub/submit"><input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>"><input type="hidden" name="id" value="<?cs var:n.id ?>"><button class="btn" type="submit">提交审核</button></form><?cs /if ?>
        <?cs if:n.may_review && n.state == "review" ?>
        <form method="post" action="/pub/publish"><input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>"><input type="hidden" name="id" value="<?cs var:n.id ?>"><button class="btn btn-primary" type="submit">审核发布</button></form>
        <form method="post" action="/pub/return"><input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>"><input type="hidden" name="id" value="<?cs var:n.id ?>"><label class="visually-hidden" for="ret-<?cs var:n.id ?>">退回意见</label><input id="ret-<?cs var:n.id ?>" name="note" type="text" maxlength="200" placeholder="退回意见" required><button class="btn" type="submit">退回修改</button></form>
        <?cs /if ?>
        <?cs if:n.may_review && n.state == "published" ?><form method="post" action="/pub/withdraw"><input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>"><input type="hidden" name="id" value="<?cs var:n.id ?>"><button class="btn" type="submit">撤回</button></form><?cs /if ?>
        <?cs if:n.mine && n.state == "review" ?><span class="small muted">等待他人审核</span><?cs /if ?>
      </td>
    </tr>
    <?cs /each ?>
    </tbody>
  </table></div>
  <?cs /if ?>
</section>
