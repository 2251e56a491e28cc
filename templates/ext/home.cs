<?cs # ext/home.cs: the extranet home: a short intro and the published
       items (Items.N) as cards linking to their guides. ?>
<section class="hero">
  <h1>网上办事大厅</h1>
  <p class="hero-lead">选择要办理的事项，先看办事指南，准备好材料后在线提交申请，进度随时可查。</p>
  <form class="form form-wide" method="get" action="/search" role="search">
    <div class="field">
      <label for="h-q">搜索事项</label>
      <input id="h-q" name="q" type="search" maxlength="60" placeholder="例如：营业执照、结婚、出生、低保" autocomplete="off" enterkeyhint="search">
    </div>
    <div class="form-actions"><button class="btn btn-primary" type="submit">搜索</button></div>
  </form>
  <p class="muted">也可以<a href="/browse?by=theme">按主题</a>、<a href="/browse?by=dept">按部门</a>或<a href="/browse?by=level">按层级</a>浏览全部事项。</p>
  <div class="hero-actions">
    <a class="hero-box" href="/browse?by=theme">
      <strong>找事项</strong>
      <span>按出生、上学、就业、开办企业等主题查找</span>
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

<section id="items" class="section">
  <h2 class="section-title">办事事项<?cs if:subcount(Items) > 0 ?> <span class="count">共 <?cs var:subcount(Items) ?> 项</span><?cs /if ?></h2>
  <?cs if:subcount(Items) == 0 ?>
  <div class="empty">
    <p>目前没有已发布的事项。</p>
    <p>请稍后再来，或拨打页面底部的咨询电话。</p>
  </div>
  <?cs else ?>
  <?cs include:"ext/item_cards.cs" ?>
  <?cs /if ?>
</section>
