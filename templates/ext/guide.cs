<?cs # ext/guide.cs: the 办事指南 of one published item (Item.*,
       Item.Materials.N, Item.Steps.N, Item.Subitems.N).  What is online
       and how many visits come from Item.Channel alone (catalog_channel:
       online, any_online, parts, parts_online, visits), so the page
       never says two things. ?>
<nav class="crumbs" aria-label="位置"><a href="/">首页</a> › <?cs if:Item.Parent.code ?><a href="/guide?code=<?cs var:url_escape(Item.Parent.code) ?>"><?cs var:Item.Parent.name ?></a> › <?cs /if ?>办事指南</nav>

<header class="page-head guide-head">
  <h1><?cs var:Item.name ?></h1>
  <p class="page-sub"><?cs var:Item.dept_name ?> · 事项编码 <?cs var:Item.code ?><?cs if:Item.version ?>（第 <?cs var:Item.version ?> 版）<?cs /if ?></p>
  <ul class="key-facts">
    <li><span>承诺时限</span><strong><?cs if:Item.instant == 1 ?>即时办结<?cs else ?><?cs var:Item.promised_days ?> 个工作日<?cs /if ?></strong></li>
    <li><span>到现场次数</span><strong><?cs var:Item.Channel.visits ?></strong></li>
    <li><span>办件类型</span><strong><?cs if:Item.instant == 1 ?>即办件<?cs else ?>承诺件<?cs /if ?></strong></li>
  </ul>
  <?cs if:Item.Channel.online == 1 ?>
  <p class="apply-cta">
    <a class="btn btn-primary btn-big" href="/apply?code=<?cs var:url_escape(Item.code) ?>">在线办理</a>
    <span class="cta-note">需先登录；材料请准备为 PDF 文件；<?cs if:Item.Channel.vmax == 0 ?>全程网上办理，无需到现场<?cs else ?>网上申请后到现场 <?cs var:Item.Channel.visits ?><?cs /if ?></span>
  </p>
  <?cs elif:Item.Channel.any_online == 1 ?>
  <div class="callout">
    <p>本事项分 <?cs var:Item.Channel.parts ?> 种办理情形，其中 <?cs var:Item.Channel.parts_online ?> 种可以在线办理。请先选择您的情形：</p>
    <ul class="subitems">
      <?cs each:c = Item.Subitems ?>
      <li><a href="/guide?code=<?cs var:url_escape(c.code) ?>"><?cs if:c.phase ?><span class="tag"><?cs var:c.phase ?></span> <?cs /if ?><?cs var:c.name ?></a> <span class="small muted"><?cs var:c.depth_label ?></span></li>
      <?cs /each ?>
    </ul>
  </div>
  <?cs else ?>
  <p class="callout">本事项暂不支持在线办理，请按本指南准备材料，到办理地点现场办理（到现场 <?cs var:Item.Channel.visits ?>）。</p>
  <?cs /if ?>
  <?cs if:Item.bookable == "1" ?><p class="book-cta no-print"><a class="btn" href="/book?item=<?cs var:url_escape(Item.code) ?>">预约到窗口办理</a> <span class="cta-note">需先登录；选一个工作日的时段，到窗口报预约码，少排队</span></p><?cs /if ?>
</header>

<section class="section">
  <h2 class="section-title">基本信息</h2>
  <div class="table-wrap">
    <table class="kv">
      <tbody>
        <tr><th scope="row">事项编码</th><td><?cs var:Item.code ?></td></tr>
        <tr><th scope="row">事项类型</th><td><?cs var:Item.kind ?></td></tr>
        <tr><th scope="row">实施机关</th><td><?cs var:Item.dept_name ?></td></tr>
        <tr><th scope="row">实施层级</th><td><?cs var:Item.level ?></td></tr>
        <tr><th scope="row">法定办结时限</th><td><?cs var:Item.statutory_days ?> 个工作日</td></tr>
        <tr><th scope="row">承诺办结时限</th><td><?cs if:Item.instant == 1 ?>即时办结<?cs else ?><?cs var:Item.promised_days ?> 个工作日<?cs /if ?></td></tr>
        <tr><th scope="row">办件类型</th><td><?cs if:Item.instant == 1 ?>即办件<?cs else ?>承诺件<?cs /if ?></td></tr>
        <tr><th scope="row">到现场次数</th><td><?cs var:Item.Channel.visits ?></td></tr>
        <tr><th scope="row">网办深度</th><td><?cs if:Item.depth_label ?><?cs var:Item.depth_label ?><?cs else ?><?cs var:Item.depth ?><?cs /if ?></td></tr>
        <?cs if:Item.phase ?><tr><th scope="row">办理阶段</th><td><?cs var:Item.phase ?></td></tr><?cs /if ?>
        <?cs if:Item.themes ?><tr><th scope="row">主题</th><td><?cs var:Item.themes ?></td></tr><?cs /if ?>
      </tbody>
    </table>
  </div>
</section>

<?cs if:subcount(Item.Subitems) > 0 ?>
<section class="section">
  <h2 class="section-title">子项（办理情形）</h2>
  <ul class="subitems">
    <?cs each:c = Item.Subitems ?>
    <li><a href="/guide?code=<?cs var:url_escape(c.code) ?>"><?cs if:c.phase ?><span class="tag"><?cs var:c.phase ?></span> <?cs /if ?><?cs var:c.name ?></a></li>
    <?cs /each ?>
  </ul>
</section>
<?cs /if ?>

<section class="section">
  <h2 class="section-title">设定依据</h2>
  <div class="prose pre-line"><?cs if:Item.basis ?><?cs var:Item.basis ?><?cs else ?>无<?cs /if ?></div>
</section>

<?cs if:subcount(Item.Laws) > 0 ?>
<section class="section" aria-labelledby="g-laws">
  <h2 class="section-title" id="g-laws">相关政策法规</h2>
  <ul class="news-list">
    <?cs each:l = Item.Laws ?><li><a href="/news/item?id=<?cs var:url_escape(l.id) ?>"><?cs var:l.title ?></a> <span class="small muted">发布于 <?cs var:l.published_at ?></span></li><?cs /each ?>
  </ul>
</section>
<?cs /if ?>

<section class="section">
  <h2 class="section-title">受理条件</h2>
  <div class="prose pre-line"><?cs if:Item.conditions ?><?cs var:Item.conditions ?><?cs else ?>无<?cs /if ?></div>
</section>

<section class="section">
  <h2 class="section-title">申请材料</h2>
  <?cs if:subcount(Item.Materials) == 0 ?>
  <p class="muted">本事项无需提交材料。</p>
  <?cs else ?>
  <div class="table-wrap">
    <table class="grid reflow">
      <thead>
        <tr><th scope="col" class="num">序号</th><th scope="col">材料名称</th><th scope="col">原件/复印件</th><th scope="col" class="num">份数</th><th scope="col">是否必交</th><th scope="col">备注</th></tr>
      </thead>
      <tbody>
        <?cs each:m = Item.Materials ?>
        <tr>
          <td class="num" data-label="序号"><?cs var:m.seq ?></td>
          <td data-label="材料名称"><strong class="m-name"><?cs var:m.name ?></strong></td>
          <td data-label="原件/复印件"><?cs var:m.original ?></td>
          <td class="num" data-label="份数"><?cs var:m.copies ?></td>
          <td data-label="是否必交"><?cs if:m.required == 1 ?><span class="req">必交</span><?cs else ?><span class="opt">选交</span><?cs /if ?></td>
          <td data-label="备注"><?cs if:m.note ?><?cs var:m.note ?><?cs else ?><span class="muted">—</span><?cs /if ?><?cs if:m.form || m.sample ?>
            <span class="downloads"><?cs if:m.form ?><a href="/form?code=<?cs var:url_escape(Item.code) ?>&amp;m=<?cs var:m.seq ?>&amp;kind=form">下载空白表格</a><?cs /if ?><?cs if:m.sample ?> <a href="/form?code=<?cs var:url_escape(Item.code) ?>&amp;m=<?cs var:m.seq ?>&amp;kind=sample">填写示例</a><?cs /if ?></span><?cs /if ?></td>
        </tr>
        <?cs /each ?>
      </tbody>
    </table>
  </div>
  <?cs /if ?>
</section>

<section class="section">
  <h2 class="section-title">办理流程</h2>
  <?cs if:subcount(Item.Steps) == 0 ?>
  <p class="muted">流程未公布，请咨询办理窗口。</p>
  <?cs else ?>
  <figure class="chart">
    <img class="flowchart" src="/chart?code=<?cs var:url_escape(Item.code) ?>" alt="<?cs var:Item.name ?>的审批运行流程图：<?cs each:s = Item.Steps ?><?cs var:s.name ?><?cs if:!last(s) ?>、<?cs /if ?><?cs /each ?>">
    <figcaption>审批运行流程图（虚线为回退）</figcaption>
  </figure>
  <ul class="step-list">
    <?cs each:s = Item.Steps ?><li><strong><?cs var:s.name ?></strong>：<?cs if:s.dept_code != Item.dept_code ?><?cs var:s.dept_name ?><?cs /if ?><?cs var:s.role_label ?>，<?cs var:s.days ?> 个工作日</li><?cs /each ?>
  </ul>
  <?cs /if ?>
</section>

<section class="section">
  <h2 class="section-title">收费标准</h2>
  <div class="prose pre-line"><?cs if:Item.fee ?><?cs var:Item.fee ?><?cs else ?>不收费<?cs /if ?></div>
  <?cs if:Item.fee_standard ?><p><strong>收费标准：</strong><?cs var:Item.fee_standard ?></p><?cs /if ?>
  <?cs if:Item.fee_basis ?><p><strong>收费依据：</strong><?cs var:Item.fee_basis ?></p><?cs /if ?>
</section>

<section class="section">
  <h2 class="section-title">办理地点与咨询</h2>
  <div class="table-wrap">
    <table class="kv">
      <tbody>
        <tr><th scope="row">办理地点</th><td><?cs var:Item.place ?></td></tr>
        <tr><th scope="row">办理时间</th><td><?cs var:Item.hours ?></td></tr>
        <tr><th scope="row">咨询电话</th><td><?cs var:Item.phone ?></td></tr>
        <tr><th scope="row">投诉电话</th><td><?cs var:Item.complaint_phone ?></td></tr>
        <?cs if:Item.Score.n ?><tr><th scope="row">满意度</th><td><strong><?cs var:Item.Score.rate ?>%</strong> <span class="small muted">（<?cs var:Item.Score.n ?> 件办结后的评价中，评“满意”或“非常满意”的比例）</span></td></tr><?cs /if ?>
      </tbody>
    </table>
  </div>
</section>

<section class="section faq" id="faq" aria-labelledby="faq-title">
  <h2 class="section-title" id="faq-title">常见问题</h2>
  <?cs if:subcount(Item.Faqs) == 0 ?>
  <p class="muted">还没有发布的常见问题。</p>
  <?cs else ?>
  <dl class="faq-list">
    <?cs each:f = Item.Faqs ?>
    <div class="faq-item"><dt class="pre-line">问：<?cs var:f.question ?></dt><dd class="pre-line">答：<?cs var:f.answer ?><?cs if:f.answered_at ?> <span class="small muted">（<?cs var:Item.dept_name ?>答复于 <?cs var:f.answered_at ?>）</span><?cs /if ?></dd></div>
    <?cs /each ?>
  </dl>
  <?cs /if ?>
  <h3 id="consult">在线咨询</h3>
  <?cs if:Consult.may ?>
  <form class="form no-print" method="post" action="/consult#consult">
    <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
    <input type="hidden" name="form_key" value="<?cs var:Form.key ?>">
    <input type="hidden" name="code" value="<?cs var:Item.code ?>">
    <?cs if:Consult.Error ?><p class="alert alert-error" role="alert"><?cs var:Consult.Error ?></p><?cs /if ?>
    <div class="field">
      <label for="f-question">向<?cs var:Item.dept_name ?>咨询这个事项 <span class="opt">（<?cs var:Limits.question ?> 字以内，身份证号码、手机号码会部分隐去；答复见「<a href="/consults">我的咨询</a>」）</span></label>
      <textarea id="f-question" name="question" rows="3" maxlength="<?cs var:Limits.question ?>" required><?cs var:Consult.question ?></textarea>
    </div>
    <div class="form-actions"><button class="btn btn-plain" type="submit">提交咨询</button></div>
  </form>
  <?cs else ?>
  <p>对这个事项有疑问，<a href="/login?next=<?cs var:url_escape("/guide?code=" + Item.code) ?>">登录</a>后可以向<?cs var:Item.dept_name ?>在线咨询，也可以拨打上面的咨询电话。</p>
  <?cs /if ?>
</section>

<?cs if:Item.Channel.online == 1 ?>
<p class="apply-cta apply-cta-bottom">
  <a class="btn btn-primary btn-big" href="/apply?code=<?cs var:url_escape(Item.code) ?>">在线办理</a>
</p>
<?cs /if ?>
