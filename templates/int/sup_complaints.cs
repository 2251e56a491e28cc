<?cs # int/sup_complaints.cs: GET /sup/complaints?f=open|overdue|closed|all
       &state=S&light=L&before=ID, complaint handling (SUP-5), a page at a
       time: Complaints.N.{id,no,object,subject,name,state_label,filed_at,
       assignee,due,light,due_text}; Filter.{f,state,light,paged};
       Next.before the next page's start; Count.{open,red,yellow,green}
       and States.N.{state,label,n} the open complaints per light and per
       state.  Names are masked for observers (view_person). ?>
<?cs include:"int/sup_nav.cs" ?>
<header class="page-head">
  <h1>投诉处理 <span class="count"><?cs var:Count.open ?> 件未办结</span></h1>
  <p class="actions"><a class="btn btn-plain" href="/sup">电子监察</a></p>
  <p class="page-sub">每个环节都有期限（工作日）：收到后 2 个工作日内交办，交办时定答复期限（一般 15 个工作日），答复后 3 个工作日内办结。绿灯在期限内，黄灯今天到期，红灯已超期。最新的在前。</p>
  <nav class="light-tabs" aria-label="筛选">
    <a href="/sup/complaints?f=open"<?cs if:Filter.f == "open" && !Filter.state && !Filter.light ?> aria-current="page"<?cs /if ?>>未办结 <?cs var:Count.open ?></a>
    <a class="light light-red" href="/sup/complaints?f=overdue"<?cs if:Filter.f == "overdue" ?> aria-current="page"<?cs /if ?>>已超期 <?cs var:Count.red ?></a>
    <a href="/sup/complaints?f=closed"<?cs if:Filter.f == "closed" ?> aria-current="page"<?cs /if ?>>已办结</a>
    <a href="/sup/complaints?f=all"<?cs if:Filter.f == "all" ?> aria-current="page"<?cs /if ?>>全部</a>
  </nav>
  <nav class="light-tabs" aria-label="按亮灯"><span class="small muted">按亮灯：</span>
    <a class="light light-red" href="/sup/complaints?light=red&amp;state=<?cs var:url_escape(Filter.state) ?>"<?cs if:Filter.light == "red" ?> aria-current="page"<?cs /if ?>>红灯 <?cs var:Count.red ?></a>
    <a class="light light-yellow" href="/sup/complaints?light=yellow&amp;state=<?cs var:url_escape(Filter.state) ?>"<?cs if:Filter.light == "yellow" ?> aria-current="page"<?cs /if ?>>黄灯 <?cs var:Count.yellow ?></a>
    <a class="light light-green" href="/sup/complaints?light=green&amp;state=<?cs var:url_escape(Filter.state) ?>"<?cs if:Filter.light == "green" ?> aria-current="page"<?cs /if ?>>绿灯 <?cs var:Count.green ?></a>
  </nav>
  <nav class="light-tabs" aria-label="按环节"><span class="small muted">按环节：</span>
    <?cs each:t = States ?>
    <a href="/sup/complaints?state=<?cs var:url_escape(t.state) ?>&amp;light=<?cs var:url_escape(Filter.light) ?>"<?cs if:Filter.state == t.state ?> aria-current="page"<?cs /if ?>><?cs var:t.label ?> <?cs var:t.n ?></a>
    <?cs /each ?>
  </nav>
</header>
<section class="section">
  <?cs if:subcount(Complaints) == 0 ?>
  <div class="empty"><p>没有<?cs if:Filter.f == "overdue" || Filter.light == "red" ?>超期的<?cs elif:Filter.light == "yellow" ?>今天到期的<?cs elif:Filter.light == "green" ?>在期限内的<?cs elif:Filter.f == "closed" ?>已办结的<?cs elif:Filter.f == "open" ?>未办结的<?cs /if ?>投诉。</p></div>
  <?cs else ?>
  <div class="table-wrap">
  <table class="grid reflow rowlink">
    <thead><tr><th scope="col">投诉编号</th><th scope="col">投诉对象</th><th scope="col">事由</th><th scope="col">投诉人</th><th scope="col">状态</th><th scope="col">本环节期限</th><th scope="col">调查人</th></tr></thead>
    <tbody>
      <?cs each:c = Complaints ?>
      <tr>
        <td class="nowrap" data-label="投诉编号"><a class="mono row-main" href="/sup/complaint?id=<?cs var:url_escape(c.id) ?>"><?cs var:c.no ?></a><br><span class="small muted"><?cs var:c.filed_at ?></span></td>
        <td data-label="投诉对象"><?cs var:c.object ?></td>
        <td data-label="事由"><?cs var:c.subject ?></td>
        <td class="nowrap" data-label="投诉人"><?cs var:c.name ?></td>
        <td data-label="状态"><?cs var:c.state_label ?></td>
        <td class="nowrap" data-label="本环节期限"><?cs if:c.due ?><span class="light light-<?cs var:c.light ?>"><?cs var:c.due_text ?></span><br><span class="small muted">期限 <?cs var:c.due ?></span><?cs else ?><span class="muted">—</span><?cs /if ?></td>
        <td class="nowrap" data-label="调查人"><?cs if:c.assignee ?><?cs var:c.assignee ?><?cs else ?><span class="muted">—</span><?cs /if ?></td>
      </tr>
      <?cs /each ?>
    </tbody>
  </table>
  </div>
  <?cs /if ?>
  <?cs if:Next.before || Filter.paged ?>
  <p class="actions no-print"><?cs if:Filter.paged ?><a class="btn btn-plain" href="/sup/complaints?f=<?cs var:url_escape(Filter.f) ?>&amp;state=<?cs var:url_escape(Filter.state) ?>&amp;light=<?cs var:url_escape(Filter.light) ?>">第一页</a> <?cs /if ?><?cs if:Next.before ?><a class="btn btn-plain" rel="next" href="/sup/complaints?f=<?cs var:url_escape(Filter.f) ?>&amp;state=<?cs var:url_escape(Filter.state) ?>&amp;light=<?cs var:url_escape(Filter.light) ?>&amp;before=<?cs var:url_escape(Next.before) ?>">下一页</a><?cs /if ?></p>
  <?cs /if ?>
</section>
