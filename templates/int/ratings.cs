<?cs # int/ratings.cs: GET /ratings?f=all|poor|open|done&light=L&before=ID,
       the ratings of the user's department (EXT-8), newest first:
       Ratings.N (int_rating.c view_rating), Counts.0.{n,good,rate,poor,
       open,red,yellow,green} the department's figures, Filter.{f,light,
       paged}, Next.before, Limits.{visit,fix}, Dept.name. ?>
<header class="page-head">
  <h1>办事评价 <span class="count"><?cs var:Dept.name ?></span></h1>
  <p class="page-sub">办件办结后申请人在外网作出的评价。“不满意”“非常不满意”须在评价之日起 <?cs var:Limits.visit ?> 个工作日内回访评价人、<?cs var:Limits.fix ?> 个工作日内整改并告知结果；绿灯在期限内，黄灯今天到期，红灯已超期，电子监察室跟踪每一条差评直到整改完毕。</p>
  <?cs each:c = Counts ?><p>有评价的办件 <strong><?cs var:c.n ?></strong> 件，满意率 <strong><?cs var:c.rate ?>%</strong>（按每件最后一次评价，满意及以上 <?cs var:c.good ?> 件），差评 <?cs var:c.poor ?> 件，待回访整改 <?cs var:c.open ?> 件<?cs if:c.red > 0 ?>，其中<span class="light light-red">超期 <?cs var:c.red ?> 件</span><?cs /if ?>。</p><?cs /each ?>
  <nav class="light-tabs" aria-label="筛选">
    <a href="/ratings?f=all"<?cs if:Filter.f == "all" && !Filter.light ?> aria-current="page"<?cs /if ?>>全部</a>
    <a href="/ratings?f=poor"<?cs if:Filter.f == "poor" ?> aria-current="page"<?cs /if ?>>差评</a>
    <a href="/ratings?f=open"<?cs if:Filter.f == "open" && !Filter.light ?> aria-current="page"<?cs /if ?>>待回访整改</a>
    <a class="light light-red" href="/ratings?light=red"<?cs if:Filter.light == "red" ?> aria-current="page"<?cs /if ?>>已超期</a>
    <a href="/ratings?f=done"<?cs if:Filter.f == "done" ?> aria-current="page"<?cs /if ?>>已整改</a>
  </nav>
</header>
<?cs include:"int/rating_list.cs" ?>
