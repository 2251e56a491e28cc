<?cs # int/sup_ratings.cs: GET /sup/ratings?f=open|done|poor|all&light=L
       &before=ID, the poor ratings of every department (EXT-8) by the
       light of their follow-up, newest first: Ratings.N (int_rating.c
       view_rating; the applicant masked for observers), Counts.N.{name,
       n,good,rate,poor,open,red,yellow,green} per department,
       Filter.{f,light,paged}, Next.before, Limits.{visit,fix}. ?>
<?cs include:"int/sup_nav.cs" ?>
<header class="page-head">
  <h1>差评回访整改</h1>
  <p class="page-sub">申请人评“不满意”或“非常不满意”的，事项所属部门须在评价之日起 <?cs var:Limits.visit ?> 个工作日内回访、<?cs var:Limits.fix ?> 个工作日内整改并告知评价人。亮灯按当前环节的期限（工作日）：绿灯在期限内，黄灯今天到期，红灯已超期。最新的在前。</p>
  <nav class="light-tabs" aria-label="筛选">
    <a href="/sup/ratings?f=open"<?cs if:Filter.f == "open" && !Filter.light ?> aria-current="page"<?cs /if ?>>待回访整改</a>
    <a class="light light-red" href="/sup/ratings?light=red"<?cs if:Filter.light == "red" ?> aria-current="page"<?cs /if ?>>红灯</a>
    <a class="light light-yellow" href="/sup/ratings?light=yellow"<?cs if:Filter.light == "yellow" ?> aria-current="page"<?cs /if ?>>黄灯</a>
    <a class="light light-green" href="/sup/ratings?light=green"<?cs if:Filter.light == "green" ?> aria-current="page"<?cs /if ?>>绿灯</a>
    <a href="/sup/ratings?f=done"<?cs if:Filter.f == "done" ?> aria-current="page"<?cs /if ?>>已整改</a>
    <a href="/sup/ratings?f=poor"<?cs if:Filter.f == "poor" ?> aria-current="page"<?cs /if ?>>全部差评</a>
    <a href="/sup/ratings?f=all"<?cs if:Filter.f == "all" ?> aria-current="page"<?cs /if ?>>全部评价</a>
  </nav>
</header>
<section class="section" aria-labelledby="by-dept">
  <h2 class="section-title" id="by-dept">各部门</h2>
  <?cs if:subcount(Counts) == 0 ?>
  <div class="empty"><p>还没有评价。</p></div>
  <?cs else ?>
  <div class="table-wrap">
  <table class="grid reflow">
    <thead><tr><th scope="col">部门</th><th scope="col" class="num">评价件数</th><th scope="col" class="num">满意率</th><th scope="col" class="num">差评</th><th scope="col" class="num">待回访整改</th><th scope="col" class="num">红灯</th><th scope="col" class="num">黄灯</th><th scope="col" class="num">绿灯</th></tr></thead>
    <tbody>
      <?cs each:c = Counts ?>
      <tr><td data-label="部门"><?cs var:c.name ?></td><td class="num" data-label="评价件数"><?cs var:c.n ?></td><td class="num" data-label="满意率"><?cs var:c.rate ?>%</td><td class="num" data-label="差评"><?cs var:c.poor ?></td><td class="num" data-label="待回访整改"><?cs var:c.open ?></td><td class="num" data-label="红灯"><?cs var:c.red ?></td><td class="num" data-label="黄灯"><?cs var:c.yellow ?></td><td class="num" data-label="绿灯"><?cs var:c.green ?></td></tr>
      <?cs /each ?>
    </tbody>
  </table>
  </div>
  <p class="small muted">评价：有评价的办件数，每件按最后一次评价计（差评整改后再次评价的，以再次评价为准）；满意率：其中评“满意”或“非常满意”的比例；差评：评“不满意”“非常不满意”的次数。</p>
  <?cs /if ?>
</section>
<?cs include:"int/rating_list.cs" ?>
