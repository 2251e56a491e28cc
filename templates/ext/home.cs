<?cs # ext/home.cs: the service hall (GET /): search first, the items
       most cases were decided for (Items.N with .done), life events
       (Themes.N {key,label,count}; 一件事一次办, EXT-12: Events.N
       {code,name,intro,nitems}) with icons, the departments with
       the most items (Depts.N; Hall.more_depts when there are more),
       the way to every item a page at a time (Hall.total), Suggest.N. ?>
<?cs include:"ext/icons.cs" ?>
<section class="hero hall-hero">
  <h1>网上办事大厅</h1>
  <form class="hall-search" method="get" action="/search" role="search">
    <label for="h-q">搜索事项</label>
    <div class="hall-search-row">
      <input id="h-q" name="q" type="search" maxlength="60" placeholder="例如：营业执照、结婚、出生、低保" autocomplete="off" enterkeyhint="search">
      <button class="btn btn-primary" type="submit">搜索</button>
    </div>
  </form>
  <?cs if:subcount(Suggest) > 0 ?><p class="hall-try">大家常搜：<?cs each:w = Suggest ?><a class="nowrap" href="/search?q=<?cs var:url_escape(w) ?>"><?cs var:w ?></a><?cs if:!last(w) ?>　<?cs /if ?><?cs /each ?></p><?cs /if ?>
  <div class="hero-actions">
    <a class="hero-box" href="/browse?by=all">
      <strong>全部事项</strong>
      <span>共 <?cs var:Hall.total ?> 项，按事项编码分页列出</span>
    </a>
    <a class="hero-box" href="/query">
      <strong>查进度</strong>
      <span>凭申请编号和身份证号码查询办件</span>
    </a>
    <a class="hero-box" href="/my">
      <strong>我的办件</strong>
      <span>登录后查看您提交的全部申请</span>
    </a>
  </div>
</section>

<?cs if:subcount(Items) > 0 ?>
<section class="section" aria-labelledby="h-popular">
  <h2 class="section-title" id="h-popular">热门事项 <span class="count">按已办结件数</span></h2>
  <ol class="popular">
    <?cs each:it = Items ?>
    <li><a href="/guide?code=<?cs var:url_escape(it.code) ?>"><span class="popular-name"><?cs var:it.name ?></span> <span class="popular-meta"><?cs var:it.dept_name ?> · 已办结 <?cs var:it.done ?> 件</span></a></li>
    <?cs /each ?>
  </ol>
</section>
<?cs /if ?>

<?cs if:subcount(Events) > 0 ?>
<section class="section" aria-labelledby="h-events">
  <h2 class="section-title" id="h-events">一件事一次办 <span class="count">一张表、一份材料，多个部门同时办</span></h2>
  <ul class="themes events">
    <?cs each:e = Events ?>
    <li><a href="/event?code=<?cs var:url_escape(e.code) ?>"><span class="theme-name"><?cs var:e.name ?></span><span class="theme-count"><?cs var:e.nitems ?> 个事项一次办</span></a></li>
    <?cs /each ?>
  </ul>
</section>
<?cs /if ?>
<?cs if:subcount(Themes) > 0 ?>
<section class="section" aria-labelledby="h-themes">
  <h2 class="section-title" id="h-themes">按主题找 <span class="count">出生、上学、开办企业……</span></h2>
  <ul class="themes">
    <?cs each:t = Themes ?>
    <li><a href="/browse?by=theme&amp;v=<?cs var:url_escape(t.key) ?>"><?cs call:icon(t.key) ?><span class="theme-name"><?cs var:t.label ?></span><span class="theme-count"><?cs var:t.count ?> 项</span></a></li>
    <?cs /each ?>
  </ul>
</section>
<?cs /if ?>

<section class="section" aria-labelledby="h-depts">
  <h2 class="section-title" id="h-depts">按部门找</h2>
  <?cs if:subcount(Depts) == 0 ?>
  <div class="empty">
    <p>目前没有已发布的事项。</p>
    <p>请稍后再来，或拨打页面底部的咨询电话。</p>
  </div>
  <?cs else ?>
  <ul class="depts">
    <?cs each:d = Depts ?>
    <li><a href="/browse?by=dept&amp;v=<?cs var:url_escape(d.key) ?>"><?cs var:d.label ?> <span class="count"><?cs var:d.count ?> 项</span></a></li>
    <?cs /each ?>
  </ul>
  <?cs if:Hall.more_depts ?><p><a href="/browse?by=dept">全部部门 »</a></p><?cs /if ?>
  <p><a href="/browse?by=level">按层级（市级、县级、乡级、村级）浏览</a> · <a href="/browse?by=all">全部 <?cs var:Hall.total ?> 项事项</a></p>
  <?cs /if ?>
</section>
