<?cs # ext/browse.cs: browsing the published items (GET /browse?by=&v=).
       Browse.by is theme, dept or level, Browse.title its name
       (按主题), Browse.noun what it lists (主题);
       Facets.N {key,label,count,current} the entries with their number
       of items.  With an entry chosen: Browse.v, Browse.label,
       Browse.count and a page of its items Items.N as in ext/search.cs;
       Paging.next the code after which the next page starts, Paging.after
       this page's (none on the first).  by=all (Browse.all): every
       item a page at a time, with the departments as the entries.
       Browse.fby: the by= of an entry's link (dept for by=all).  The
       departments come a page at a time: FacetPaging.after on a later
       page, FacetPaging.next_n and next_k the key of the next. ?>
<?cs def:tab(key, label) ?><a class="btn <?cs if:Browse.by == key ?>btn-primary<?cs else ?>btn-plain<?cs /if ?>" href="/browse?by=<?cs var:key ?>"<?cs if:Browse.by == key ?> aria-current="page"<?cs /if ?>><?cs var:label ?></a><?cs /def ?>
<nav class="crumbs" aria-label="位置"><a href="/">首页</a> › <?cs if:Browse.all ?>全部事项<?cs elif:Browse.v ?><a href="/browse?by=<?cs var:url_escape(Browse.by) ?>"><?cs var:Browse.title ?>浏览</a> › <?cs var:Browse.label ?><?cs else ?><?cs var:Browse.title ?>浏览<?cs /if ?></nav>

<header class="page-head">
  <h1><?cs if:Browse.v || Browse.all ?><?cs var:Browse.label ?><?cs else ?>浏览事项<?cs /if ?></h1>
  <p class="page-sub"><?cs if:Browse.all ?>共 <?cs var:Browse.count ?> 项，按事项编码排列<?cs elif:Browse.v ?><?cs var:Browse.title ?>浏览 · 共 <?cs var:Browse.count ?> 项<?cs else ?>按您要办的事、负责的部门或办理层级找事项；也可以<a href="/search">搜索</a>。<?cs /if ?></p>
  <nav class="browse-tabs" aria-label="浏览方式">
    <?cs call:tab("all", "全部") ?>
    <?cs call:tab("theme", "按主题") ?>
    <?cs call:tab("dept", "按部门") ?>
    <?cs call:tab("level", "按层级") ?>
  </nav>
</header>

<?cs if:Browse.v || Browse.all ?>
<section class="section" aria-labelledby="b-items">
  <h2 class="section-title" id="b-items">可办理的事项 <span class="count">共 <?cs var:Browse.count ?> 项<?cs if:Paging.after || Paging.next ?>，本页 <?cs var:subcount(Items) ?> 项<?cs /if ?></span></h2>
  <?cs include:"ext/item_cards.cs" ?>
  <?cs if:Paging.after || Paging.next ?>
  <nav class="pager" aria-label="翻页">
    <?cs if:Paging.after ?><a class="btn btn-plain" href="/browse?by=<?cs var:url_escape(Browse.by) ?><?cs if:Browse.v ?>&amp;v=<?cs var:url_escape(Browse.v) ?><?cs /if ?>">« 回到第一页</a><?cs /if ?>
    <?cs if:Paging.next ?><a class="btn btn-primary" rel="next" href="/browse?by=<?cs var:url_escape(Browse.by) ?><?cs if:Browse.v ?>&amp;v=<?cs var:url_escape(Browse.v) ?><?cs /if ?>&amp;after=<?cs var:url_escape(Paging.next) ?>">下一页 »</a><?cs else ?><span class="muted">已是最后一页</span><?cs /if ?>
  </nav>
  <?cs /if ?>
</section>
<?cs /if ?>

<section class="section" aria-labelledby="b-facets">
  <h2 class="section-title" id="b-facets">全部<?cs var:Browse.noun ?></h2>
  <?cs if:subcount(Facets) == 0 ?>
  <div class="empty">
    <p>目前没有已发布的事项。</p>
    <p>请稍后再来，或拨打页面底部的咨询电话。</p>
  </div>
  <?cs else ?>
  <ul class="cards facets">
    <?cs each:f = Facets ?>
    <li class="card">
      <a class="card-link" href="/browse?by=<?cs var:url_escape(Browse.fby) ?>&amp;v=<?cs var:url_escape(f.key) ?>"<?cs if:f.current ?> aria-current="page"<?cs /if ?>>
        <span class="card-title"><?cs var:f.label ?></span>
        <span class="card-meta"><strong><?cs var:f.count ?></strong> 项事项</span>
      </a>
    </li>
    <?cs /each ?>
  </ul>
  <?cs if:FacetPaging.after || FacetPaging.next_k ?>
  <nav class="pager" aria-label="部门翻页">
    <?cs if:FacetPaging.after ?><a class="btn btn-plain" href="/browse?by=dept">« 回到第一页</a><?cs /if ?>
    <?cs if:FacetPaging.next_k ?><a class="btn btn-primary" rel="next" href="/browse?by=dept&amp;dn=<?cs var:url_escape(FacetPaging.next_n) ?>&amp;dk=<?cs var:url_escape(FacetPaging.next_k) ?>">下一页部门 »</a><?cs else ?><span class="muted">已是最后一页</span><?cs /if ?>
  </nav>
  <?cs /if ?>
  <?cs /if ?>
</section>
