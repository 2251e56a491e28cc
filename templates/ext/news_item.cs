<?cs # ext/news_item.cs: GET /news/item?id=, one announcement:
       News.{kind,kind_label,title,body,dept_name,published_at}. ?>
<nav class="crumbs" aria-label="位置"><a href="/">首页</a> › <a href="/news">信息公开</a> › <a href="/news?kind=<?cs var:url_escape(News.kind) ?>"><?cs var:News.kind_label ?></a></nav>
<article class="section">
  <header class="page-head">
    <h1><?cs var:News.title ?></h1>
    <p class="page-sub"><?cs var:News.dept_name ?> · 发布于 <?cs var:News.published_at ?></p>
  </header>
  <div class="prose pre-line"><?cs var:News.body ?></div>
</article>
