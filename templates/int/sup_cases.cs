<?cs # int/sup_cases.cs: GET /sup/cases, the cases behind a number of the
       dashboard (SUP-3): Cases.N (sup_rows.cs), Filter.{dept,dept_name,
       hall,hall_name,state,state_label,light,warned,paged}, Next.{at,id}
       the next page's key; Page.what the heading. ?>
<?cs include:"int/sup_nav.cs" ?>
<?cs include:"int/sup_rows.cs" ?>
<header class="page-head">
  <h1><?cs var:Page.what ?></h1>
  <p class="page-sub"><?cs if:Filter.dept_name ?>部门：<strong><?cs var:Filter.dept_name ?></strong>　<?cs /if ?><?cs if:Filter.hall_name ?>服务大厅：<strong><?cs var:Filter.hall_name ?></strong>　<?cs /if ?><?cs if:Filter.state_label ?>状态：<strong><?cs var:Filter.state_label ?></strong>　<?cs /if ?><?cs if:Filter.light ?>亮灯：<strong class="light light-<?cs var:Filter.light ?>"><?cs if:Filter.light == "red" ?>红灯<?cs elif:Filter.light == "yellow" ?>黄灯<?cs else ?>绿灯<?cs /if ?></strong>　<?cs /if ?><?cs if:Filter.warned ?>当天由系统记录超期警告的办件（部门、大厅指超期环节所在的部门），收件最早的在前。<?cs else ?>收件最早的在前。<?cs /if ?></p>
</header>
<section class="section">
  <?cs if:subcount(Cases) == 0 ?>
  <div class="empty"><p>没有符合条件的办件。<a href="/sup">回到监察首页</a></p></div>
  <?cs else ?>
  <?cs call:sup_rows(Cases) ?>
  <?cs /if ?>
  <?cs if:Next.at || Filter.paged ?>
  <p class="actions"><?cs if:Filter.paged ?><a class="btn btn-plain" href="/sup/cases?dept=<?cs var:url_escape(Filter.dept) ?>&amp;hall=<?cs var:url_escape(Filter.hall) ?>&amp;state=<?cs var:url_escape(Filter.state) ?>&amp;light=<?cs var:url_escape(Filter.light) ?>&amp;warned=<?cs var:url_escape(Filter.warned) ?>">第一页</a> <?cs /if ?><?cs if:Next.at ?><a class="btn btn-plain" rel="next" href="/sup/cases?dept=<?cs var:url_escape(Filter.dept) ?>&amp;hall=<?cs var:url_escape(Filter.hall) ?>&amp;state=<?cs var:url_escape(Filter.state) ?>&amp;light=<?cs var:url_escape(Filter.light) ?>&amp;warned=<?cs var:url_escape(Filter.warned) ?>&amp;after_at=<?cs var:url_escape(Next.at) ?>&amp;after_id=<?cs var:url_escape(Next.id) ?>">下一页</a><?cs /if ?></p>
  <?cs /if ?>
</section>
