<?cs # int/rating_list.cs: the list of ratings of /ratings and
       /sup/ratings (EXT-8): Ratings.N (int_rating.c view_rating),
       List.base the page's path, List.dept to name each one's
       department, Filter.{f,light,paged}, Next.before. ?>
<section class="section">
  <?cs if:subcount(Ratings) == 0 ?>
  <div class="empty"><p>没有<?cs if:Filter.light == "red" ?>超期的<?cs elif:Filter.light == "yellow" ?>今天到期的<?cs elif:Filter.light == "green" ?>在期限内的<?cs elif:Filter.f == "open" ?>待回访整改的<?cs elif:Filter.f == "done" ?>已整改的<?cs /if ?><?cs if:Filter.f == "all" ?>评价<?cs else ?>差评<?cs /if ?>。</p></div>
  <?cs else ?>
  <div class="table-wrap">
  <table class="grid reflow rowlink">
    <thead><tr><th scope="col">办件</th><th scope="col"><?cs if:List.dept ?>事项 / 部门<?cs else ?>事项<?cs /if ?></th><th scope="col">评价</th><th scope="col">原因与意见</th><th scope="col">回访整改</th></tr></thead>
    <tbody>
      <?cs each:t = Ratings ?>
      <tr>
        <td class="nowrap" data-label="办件"><a class="mono row-main" href="/rating?id=<?cs var:url_escape(t.id) ?>"><?cs var:t.app_no ?></a><br><span class="small muted"><?cs var:t.rated_at ?></span></td>
        <td data-label="事项"><?cs var:t.item_name ?><?cs if:List.dept ?><br><span class="small muted"><?cs var:t.dept_name ?></span><?cs /if ?></td>
        <td class="nowrap" data-label="评价"><?cs if:t.poor ?><strong><?cs var:t.level_label ?></strong><?cs else ?><?cs var:t.level_label ?><?cs /if ?><?cs if:t.round == 2 ?><br><span class="small muted">整改后再评</span><?cs /if ?><?cs if:t.rater == "agent" ?><br><span class="small muted">代办员代评</span><?cs /if ?></td>
        <td data-label="原因与意见"><?cs var:t.reasons ?><?cs if:t.reasons && t.comment ?><br><?cs /if ?><span class="small"><?cs var:t.comment ?></span></td>
        <td class="nowrap" data-label="回访整改"><?cs if:t.state_label ?><?cs var:t.state_label ?><?cs if:t.due ?><br><span class="light light-<?cs var:t.light ?>"><?cs var:t.due_text ?></span><br><span class="small muted">期限 <?cs var:t.due ?></span><?cs /if ?><?cs else ?><span class="muted">—</span><?cs /if ?></td>
      </tr>
      <?cs /each ?>
    </tbody>
  </table>
  </div>
  <?cs /if ?>
  <?cs if:Next.before || Filter.paged ?>
  <p class="actions no-print"><?cs if:Filter.paged ?><a class="btn btn-plain" href="<?cs var:List.base ?>?f=<?cs var:url_escape(Filter.f) ?>&amp;light=<?cs var:url_escape(Filter.light) ?>">第一页</a> <?cs /if ?><?cs if:Next.before ?><a class="btn btn-plain" rel="next" href="<?cs var:List.base ?>?f=<?cs var:url_escape(Filter.f) ?>&amp;light=<?cs var:url_escape(Filter.light) ?>&amp;before=<?cs var:url_escape(Next.before) ?>">下一页</a><?cs /if ?></p>
  <?cs /if ?>
</section>
