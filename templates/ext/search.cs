<?cs # ext/search.cs: keyword search (GET /search?q=).  The search box
       with what was typed (Search.q); after a search (Search.done) the
       results Items.N {code,name,kind,dept_name,level,depth,depth_label,
       promised_days} as cards, or an empty state with Suggest.N, words to
       try.  Form.Error when the query was refused. ?>
<nav class="crumbs" aria-label="位置"><a href="/">首页</a> › 搜索事项</nav>

<header class="page-head">
  <h1>搜索事项</h1>
  <?cs if:Form.Error ?><div class="alert alert-error" role="alert"><?cs var:Form.Error ?></div><?cs /if ?>
  <form class="form form-wide" method="get" action="/search" role="search">
    <div class="field">
      <label for="s-q">事项名称或关键词</label>
      <input id="s-q" name="q" type="search" value="<?cs var:Search.q ?>" maxlength="60" placeholder="例如：营业执照、结婚、出生" autocomplete="off" enterkeyhint="search" aria-describedby="s-q-help">
      <p class="help" id="s-q-help">多个词用空格隔开，找同时含有这些词的事项；也可以输入事项编码。</p>
    </div>
    <div class="form-actions">
      <button class="btn btn-primary" type="submit">搜索</button>
    </div>
  </form>
  <p class="muted">不知道事项名称？可以<a href="/browse?by=theme">按主题（出生、上学、开办企业……）</a>、<a href="/browse?by=dept">按部门</a>或<a href="/browse?by=level">按层级</a>浏览全部事项。</p>
</header>

<?cs if:Search.done ?>
<section class="section" aria-labelledby="s-results">
  <?cs if:subcount(Items) > 0 ?>
  <h2 class="section-title" id="s-results">“<?cs var:Search.q ?>”的搜索结果 <span class="count">共 <?cs var:subcount(Items) ?> 项</span></h2>
  <?cs if:subcount(Items) >= 100 ?><p class="muted">只列出最相关的 100 项，多输入一个词可以缩小范围。</p><?cs /if ?>
  <?cs include:"ext/item_cards.cs" ?>
  <?cs else ?>
  <h2 class="section-title" id="s-results">搜索结果</h2>
  <div class="empty">
    <p>没有找到含有“<?cs var:Search.q ?>”的事项。</p>
    <p>试试少输入几个字，或换一个常用的说法，例如：<?cs each:w = Suggest ?><?cs if:!first(w) ?>、<?cs /if ?><a class="nowrap" href="/search?q=<?cs var:url_escape(w) ?>"><?cs var:w ?></a><?cs /each ?>。</p>
    <p>也可以<a href="/browse?by=theme">按主题浏览</a>全部事项，或拨打页面底部的咨询电话。</p>
  </div>
  <?cs /if ?>
</section>
<?cs else ?>
<section class="section" aria-labelledby="s-try">
  <h2 class="section-title" id="s-try">大家常搜</h2>
  <p><?cs each:w = Suggest ?><?cs if:!first(w) ?>、<?cs /if ?><a class="nowrap" href="/search?q=<?cs var:url_escape(w) ?>"><?cs var:w ?></a><?cs /each ?></p>
</section>
<?cs /if ?>
