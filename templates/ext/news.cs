<?cs # ext/news.cs: GET /news, 信息公开 (PUB-2): kind tabs and the search
       box (Form.{kind,kind_label,q}); News.N.{id,kind_label,title,
       dept_name,published_on}; Page.Next, the key of the next page. ?>
<?cs def:news_q() ?><?cs if:Form.kind ?>&amp;kind=<?cs var:url_escape(Form.kind) ?><?cs /if ?><?cs if:Form.q ?>&amp;q=<?cs var:url_escape(Form.q) ?><?cs /if ?><?cs /def ?>
<?cs def:tab(key, label) ?><a class="btn <?cs if:Form.kind == key ?>btn-primary<?cs else ?>btn-plain<?cs /if ?>" href="/news<?cs if:key ?>?kind=<?cs var:key ?><?cs /if ?>"<?cs if:Form.kind == key ?> aria-current="page"<?cs /if ?>><?cs var:label ?></a><?cs /def ?>
<nav class="crumbs" aria-label="位置"><a href="/">首页</a> › 信息公开</nav>
<header class="page-head">
  <h1>信息公开<?cs if:Form.kind_label ?> · <?cs var:Form.kind_label ?><?cs /if ?></h1>
  <p class="page-sub">新闻动态、通知公告和与办事有关的政策法规。</p>
  <nav class="browse-tabs" aria-label="栏目">
    <?cs call:tab("", "全部") ?>
    <?cs call:tab("news", "新闻动态") ?>
    <?cs call:tab("notice", "通知公告") ?>
    <?cs call:tab("policy", "政策法规") ?>
  </nav>
  <form class="form form-wide" method="get" action="/news" role="search">
    <?cs if:Form.kind ?><input type="hidden" name="kind" value="<?cs var:Form.kind ?>"><?cs /if ?>
    <div class="field">
      <label for="n-q">标题或正文中的词</label>
      <input id="n-q" name="q" type="search" value="<?cs var:Form.q ?>" maxlength="40">
    </div>
    <div class="form-actions"><button class="btn btn-primary" type="submit">搜索</button></div>
  </form>
</header>
<section class="section" aria-label="信息列表">
  <?cs if:subcount(News) == 0 ?>
  <div class="empty"><p><?cs if:Form.q ?>没有找到含有“<?cs var:Form.q ?>”的信息。<?cs else ?>暂无信息。<?cs /if ?></p></div>
  <?cs else ?>
  <ul class="news-list">
    <?cs each:x = News ?>
    <li><a href="/news/item?id=<?cs var:url_escape(x.id) ?>"><?cs var:x.title ?></a>
      <span class="small muted"><span class="tag"><?cs var:x.kind_label ?></span> <?cs var:x.dept_name ?> · <?cs var:x.published_on ?></span></li>
    <?cs /each ?>
  </ul>
  <?cs if:Page.Next ?><p class="actions"><a class="btn" href="/news?before=<?cs var:url_escape(Page.Next) ?><?cs call:news_q() ?>">更多</a></p><?cs /if ?>
  <?cs /if ?>
</section>
