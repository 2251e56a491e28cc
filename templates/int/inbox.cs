<?cs # int/inbox.cs: 待办件 (Cases.N) waiting for this user, each with
       due, light (green, yellow, red) and due_text when it has a
       deadline, ordered and filtered by Filter.{sort,light} (counts
       Count.{all,red,yellow,green}), and urge_by, urge_note, urge_at
       when a leader urged a step waiting at this department (催办), and
       for_name when it is the work of someone who delegated to this user
       (INT-7; Deputy.N.{staff_name,to_day,roles_label}: the delegations
       in force); and 已办件 (Done.N) this user handled or someone handled
       for them, 50 a page, newest first (DonePaging.next the case id
       the next page starts before, DonePaging.after on a later page);
       both link to /case?id=.  PaperLate.N.{case_id,app_no,
       what,since,due,ended}: paper this user has held too long (DOC-3,
       docs/paper.md). ?>
<?cs # state_class: Apps/Cases carry only state_label, so colour the badge
       from its wording (the badge classes of app.cs: st-approved,
       st-rejected, st-correction). ?>
<?cs def:state_class(label) ?><?cs if:string.find(label, "不予") >= 0 || string.find(label, "撤回") >= 0 || string.find(label, "终止") >= 0 ?> st-rejected<?cs elif:string.find(label, "准予") >= 0 || string.find(label, "办结") >= 0 ?> st-approved<?cs elif:string.find(label, "补正") >= 0 || string.find(label, "中止") >= 0 ?> st-correction<?cs /if ?><?cs /def ?>
<?cs def:case_rows(list, todo) ?>
<div class="table-wrap">
  <table class="grid reflow rowlink">
    <thead>
      <tr><th scope="col">申请编号</th><th scope="col">事项</th><th scope="col">申请人</th><th scope="col">当前环节</th><th scope="col">状态</th><?cs if:todo == 1 ?><th scope="col">环节期限</th><?cs /if ?><th scope="col">收件时间</th></tr>
    </thead>
    <tbody>
      <?cs each:c = list ?>
      <tr>
        <td class="nowrap" data-label="申请编号"><a class="mono row-main" href="/case?id=<?cs var:url_escape(c.id) ?>"><?cs var:c.app_no ?></a><?cs if:c.messages > 0 ?><br><a class="badge st-wait" href="/case?id=<?cs var:url_escape(c.id) ?>#thread">新留言 <?cs var:c.messages ?></a><?cs /if ?></td>
        <td data-label="事项"><a href="/case?id=<?cs var:url_escape(c.id) ?>"><?cs var:c.item_name ?></a></td>
        <td class="nowrap" data-label="申请人"><?cs var:c.applicant_name ?></td>
        <td data-label="当前环节"><?cs var:c.step_name ?><?cs if:c.for_name ?><br><span class="badge st-correction">受 <?cs var:c.for_name ?> 委托</span><?cs /if ?><?cs if:c.urge_by ?><br><span class="badge st-wait" title="<?cs var:c.urge_at ?>">催办</span> <span class="small"><?cs var:c.urge_by ?><?cs if:c.urge_note ?>：<?cs var:c.urge_note ?><?cs /if ?></span><?cs /if ?></td>
        <td data-label="状态"><span class="badge<?cs call:state_class(c.state_label) ?>"><?cs var:c.state_label ?></span></td>
        <?cs if:todo == 1 ?><td class="nowrap" data-label="环节期限"><?cs if:c.due ?><span class="light light-<?cs var:c.light ?>"><?cs var:c.due_text ?></span><br><span class="small muted">期限 <?cs var:c.due ?></span><?cs else ?><span class="muted">—</span><?cs /if ?></td><?cs /if ?>
        <td class="nowrap" data-label="收件时间"><?cs var:c.received_at ?></td>
      </tr>
      <?cs /each ?>
    </tbody>
  </table>
</div>
<?cs /def ?>
<?cs def:inbox_link(light, sort) ?>/inbox?<?cs if:light ?>light=<?cs var:light ?>&amp;<?cs /if ?>sort=<?cs var:sort ?><?cs /def ?>
<header class="page-head">
  <h1>待办件 <span class="count"><?cs var:Count.all ?> 件</span></h1>
  <p class="actions"><a class="btn btn-plain" href="/case/search">查找办件</a> <a class="btn btn-plain" href="/consults">在线咨询</a></p>
  <p class="page-sub">环节期限按工作日计算：绿灯在期限内，黄灯今天到期，红灯已超期（超期由系统自动记录在案，任何人不能修改或删除）。点击申请编号进入办件。</p>
  <?cs if:Count.messages > 0 ?><p class="app-due"><span class="badge st-wait">新留言 <?cs var:Count.messages ?></span> 申请人在下列办件中留言，还没有人查看：打开办件即可阅读和回复。</p><?cs /if ?>
  <nav class="light-tabs" aria-label="按亮灯筛选">
    <a href="<?cs call:inbox_link("", Filter.sort) ?>"<?cs if:!Filter.light ?> aria-current="page"<?cs /if ?>>全部 <?cs var:Count.all ?></a>
    <a class="light light-red" href="<?cs call:inbox_link("red", Filter.sort) ?>"<?cs if:Filter.light == "red" ?> aria-current="page"<?cs /if ?>>红灯 <?cs var:Count.red ?></a>
    <a class="light light-yellow" href="<?cs call:inbox_link("yellow", Filter.sort) ?>"<?cs if:Filter.light == "yellow" ?> aria-current="page"<?cs /if ?>>黄灯 <?cs var:Count.yellow ?></a>
    <a class="light light-green" href="<?cs call:inbox_link("green", Filter.sort) ?>"<?cs if:Filter.light == "green" ?> aria-current="page"<?cs /if ?>>绿灯 <?cs var:Count.green ?></a>
    <span class="muted">排序：<?cs if:Filter.sort == "due" ?><strong>期限最近在前</strong> · <a href="<?cs call:inbox_link(Filter.light, "received") ?>">收件先后</a><?cs else ?><a href="<?cs call:inbox_link(Filter.light, "due") ?>">期限最近在前</a> · <strong>收件先后</strong><?cs /if ?></span>
  </nav>
</header>

<?cs if:subcount(PaperLate) > 0 ?>
<section class="alert alert-error paper-late" role="alert" aria-labelledby="paper-late-title">
  <h2 id="paper-late-title">纸质材料在您手中滞留</h2>
  <p>下列纸质材料已超过 3 个工作日没有随案移交。请在办件页的「纸质材料」中移交给下一环节的经办人或档案室；确需本部门留存的，请注明留存原因。</p>
  <ul>
    <?cs each:l = PaperLate ?>
    <li><a class="mono" href="/case?id=<?cs var:url_escape(l.case_id) ?>#paper-title"><?cs var:l.app_no ?></a> <?cs var:l.what ?>：<?cs if:l.ended == "1" ?>办件已办结<?cs else ?>办件已不在本部门办理<?cs /if ?>，自 <?cs var:l.since ?> 起应移交，期限 <?cs var:l.due ?> 已过。</li>
    <?cs /each ?>
  </ul>
</section>
<?cs /if ?>
<?cs if:subcount(Deputy) > 0 ?>
<p class="callout" role="note"><?cs each:d = Deputy ?><?cs if:!first(d) ?><br><?cs /if ?>您正受 <strong><?cs var:d.staff_name ?></strong> 委托（<?cs var:d.roles_label ?>，至 <?cs var:d.to_day ?>），其待办件标有「受 <?cs var:d.staff_name ?> 委托」，您办理时将署名「<?cs var:User.Name ?>（受 <?cs var:d.staff_name ?> 委托）」。<?cs /each ?></p>
<?cs /if ?>
<section class="section">
  <?cs if:subcount(Cases) == 0 && Filter.light ?>
  <div class="empty"><p>没有亮<?cs if:Filter.light == "red" ?>红<?cs elif:Filter.light == "yellow" ?>黄<?cs else ?>绿<?cs /if ?>灯的待办件。<a href="<?cs call:inbox_link("", Filter.sort) ?>">看全部待办件</a></p></div>
  <?cs elif:subcount(Cases) == 0 ?>
  <div class="empty">
    <p>暂无待办件。</p>
    <p class="muted">新的网上申请由外网导入后会出现在这里。</p>
  </div>
  <?cs else ?>
  <?cs call:case_rows(Cases, 1) ?>
  <?cs /if ?>
</section>

<section class="section">
  <h2 class="section-title">已办件</h2>
  <?cs if:subcount(Done) == 0 ?>
  <p class="muted">您还没有经办过办件。</p>
  <?cs else ?>
  <?cs call:case_rows(Done, 0) ?>
  <?cs if:DonePaging.after || DonePaging.next ?>
  <nav class="pager" aria-label="已办件翻页">
    <?cs if:DonePaging.after ?><a class="btn btn-plain" href="/inbox">« 回到第一页</a><?cs /if ?>
    <?cs if:DonePaging.next ?><a class="btn btn-primary" rel="next" href="/inbox?done_before=<?cs var:url_escape(DonePaging.next) ?>">已办件下一页 »</a><?cs else ?><span class="muted">已是最后一页</span><?cs /if ?>
  </nav>
  <?cs /if ?>
  <?cs /if ?>
</section>
