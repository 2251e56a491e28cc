<?cs # int/catalog_item.cs: one item on the intranet: its versions
       (Versions.N.{version,status,status_label,published_at,current}), the
       chosen version's elements (Item.*, as view_item fills them, plus
       status, status_label, dept_code, keywords, open_version,
       procedure_text; Item.Steps.N also doc_label, other_dept, flagged),
       its chart (Chart.width, Chart.height), the live soundness verdict
       (Check.{sound,too_large,states,reason,step_name}), the moves this
       user may make (Moves.{new_draft,edit,submit,publish,return,
       discard}), who
       drafted, edited or submitted this version (Hands.N.{login,name,acts})
       and, in review, who must publish it (Publish.who: a second person,
       SEC-7).  Page.Error: why the last move was refused. ?>
<?cs def:status_badge(st, label) ?><span class="badge<?cs if:st == "review" ?> st-wait<?cs elif:st == "published" ?> st-done<?cs elif:st == "retired" ?> st-ended<?cs /if ?>"><?cs var:label ?></span><?cs /def ?>
<?cs def:itemq() ?>code=<?cs var:url_escape(Item.code) ?>&amp;v=<?cs var:url_escape(Item.version) ?><?cs /def ?>
<nav class="crumbs" aria-label="位置"><a href="/catalog">事项管理</a> › <?cs var:Item.code ?></nav>

<header class="page-head">
  <p class="page-kicker">事项编码 <strong class="mono"><?cs var:Item.code ?></strong> · 第 <?cs var:Item.version ?> 版 <?cs call:status_badge(Item.status, Item.status_label) ?></p>
  <h1><?cs var:Item.name ?></h1>
  <p class="page-sub"><?cs var:Item.dept_name ?> · <?cs var:Item.kind ?> · <?cs var:Item.level ?><?cs if:Item.parent_code ?> · <a href="/catalog/item?code=<?cs var:url_escape(Item.parent_code) ?>">主项 <?cs var:Item.parent_code ?></a>（<?cs var:Item.phase ?>）<?cs /if ?><?cs if:Item.published_at ?> · 发布于 <?cs var:Item.published_at ?><?cs /if ?><?cs if:Item.private == 1 ?> <span class="tag tag-req">涉及个人隐私 · 统计只计件数</span><?cs /if ?></p>
</header>

<?cs if:Page.Error ?>
<div class="alert alert-error" role="alert"><strong><?cs var:Page.Error ?></strong></div>
<?cs /if ?>

<section class="section" aria-labelledby="check-title">
  <h2 class="section-title" id="check-title">流程检查</h2>
  <?cs if:Check.sound == 1 ?>
  <p class="notice" role="status">流程检查通过（<?cs var:Check.states ?> 个状态）</p>
  <?cs else ?>
  <div class="alert alert-error" role="alert">
    <p><strong>流程检查未通过<?cs if:Check.step_name ?>：问题在「<?cs var:Check.step_name ?>」<?cs /if ?></strong></p>
    <p><?cs var:Check.reason ?></p>
    <p class="small">未通过检查的版本可以保存为草稿，但不能发布。<?cs if:Check.too_large == 1 ?>检查的状态数和时间有上限，这个流程超过了上限。<?cs /if ?></p>
  </div>
  <?cs /if ?>
  <p><a href="/catalog/simulate?<?cs call:itemq() ?>">逐步模拟：查看一件申请在这个流程中会经过的所有状态</a></p>
</section>

<?cs if:subcount(Hands) > 0 || Publish.who ?>
<section class="section" aria-labelledby="hands-title">
  <h2 class="section-title" id="hands-title">经办人</h2>
  <?cs if:subcount(Hands) > 0 ?>
  <ul class="doc-list">
    <?cs each:x = Hands ?><li><span class="dl-title"><?cs var:x.name ?> <span class="mono small muted"><?cs var:x.login ?></span></span><span class="dl-meta"><?cs var:x.acts ?></span></li><?cs /each ?>
  </ul>
  <?cs /if ?>
  <?cs if:Publish.who ?><p class="callout"><?cs var:Publish.who ?></p><?cs /if ?>
</section>
<?cs /if ?>

<?cs if:Moves.new_draft || Moves.edit || Moves.submit || Moves.publish || Moves.return || Moves.discard ?>
<section class="section actions-panel" aria-labelledby="moves-title">
  <h2 class="section-title" id="moves-title">操作</h2>
  <?cs if:Moves.edit ?>
  <p><a class="btn btn-primary" href="/catalog/edit?<?cs call:itemq() ?>">修改</a></p>
  <?cs /if ?>
  <?cs if:Moves.submit ?>
  <form class="action-form" method="post" action="/catalog/submit">
    <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
    <input type="hidden" name="code" value="<?cs var:Item.code ?>">
    <input type="hidden" name="v" value="<?cs var:Item.version ?>">
    <p class="help">提交后不能再修改，由<?cs var:Item.dept_name ?>分管领导或另一位系统管理员审核发布或退回；起草、修改或提交的人不能发布。</p>
    <button class="btn btn-primary" type="submit">提交审核</button>
  </form>
  <?cs /if ?>
  <?cs if:Moves.publish ?>
  <form class="action-form" method="post" action="/catalog/publish">
    <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
    <input type="hidden" name="code" value="<?cs var:Item.code ?>">
    <input type="hidden" name="v" value="<?cs var:Item.version ?>">
    <p class="help">发布后这一版取代原来的版本，下一次摆渡时送往外网；已受理的申请仍按原版本办理。</p>
    <button class="btn btn-primary" type="submit">发布</button>
  </form>
  <?cs /if ?>
  <?cs if:Moves.return ?>
  <form class="action-form" method="post" action="/catalog/return">
    <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
    <input type="hidden" name="code" value="<?cs var:Item.code ?>">
    <input type="hidden" name="v" value="<?cs var:Item.version ?>">
    <div class="field">
      <label for="f-reason">退回理由<span class="req">（必填）</span></label>
      <textarea id="f-reason" name="reason" rows="3" maxlength="500" required></textarea>
    </div>
    <button class="btn" type="submit">退回修改</button>
  </form>
  <?cs /if ?>
  <?cs if:Moves.new_draft ?>
  <form class="action-form" method="post" action="/catalog/draft">
    <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
    <input type="hidden" name="code" value="<?cs var:Item.code ?>">
    <input type="hidden" name="v" value="<?cs var:Item.version ?>">
    <p class="help">以第 <?cs var:Item.version ?> 版为底稿新建一版草稿；本版不受影响。</p>
    <button class="btn" type="submit">新建草稿</button>
  </form>
  <?cs /if ?>
  <?cs if:Moves.discard ?><?cs include:"int/catalog_discard.cs" ?><?cs /if ?>
</section>
<?cs elif:Item.open_version && Item.open_version != Item.version ?>
<p class="callout">第 <?cs var:Item.open_version ?> 版正在修改或审核中：<a href="/catalog/item?code=<?cs var:url_escape(Item.code) ?>&amp;v=<?cs var:url_escape(Item.open_version) ?>">查看第 <?cs var:Item.open_version ?> 版</a></p>
<?cs /if ?>

<section class="section" aria-labelledby="proc-title">
  <h2 class="section-title" id="proc-title">办理流程</h2>
  <div class="table-wrap">
    <img src="/catalog/chart?<?cs call:itemq() ?>" width="<?cs var:Chart.width ?>" height="<?cs var:Chart.height ?>" alt="第 <?cs var:Item.version ?> 版审批运行流程图（各环节见下表）">
  </div>
  <div class="table-wrap">
    <table class="grid reflow">
      <thead>
        <tr><th scope="col" class="num">序号</th><th scope="col">编号</th><th scope="col">环节</th><th scope="col">办理角色</th><th scope="col" class="num">时限</th><th scope="col">出具文书</th><th scope="col">办理部门</th></tr>
      </thead>
      <tbody>
        <?cs each:s = Item.Steps ?>
        <tr<?cs if:s.flagged == 1 ?> class="is-flagged"<?cs /if ?>>
          <td class="num" data-label="序号"><?cs var:s.seq ?></td>
          <td class="mono" data-label="编号"><?cs var:s.key ?></td>
          <td data-label="环节"><strong><?cs var:s.name ?></strong><?cs if:s.flagged == 1 ?> <span class="tag tag-req">检查未通过</span><?cs /if ?></td>
          <td data-label="办理角色"><?cs var:s.role_label ?></td>
          <td class="num nowrap" data-label="时限"><?cs var:s.days ?> 个工作日</td>
          <td data-label="出具文书"><?cs if:s.doc_label ?><?cs var:s.doc_label ?><?cs else ?><span class="muted">—</span><?cs /if ?></td>
          <td data-label="办理部门"><?cs if:s.other_dept == 1 ?><span class="tag">并联</span> <?cs if:s.dept_name ?><?cs var:s.dept_name ?><?cs else ?><?cs var:s.dept_code ?><?cs /if ?><?cs else ?><span class="muted">本部门</span><?cs /if ?></td>
        </tr>
        <?cs /each ?>
      </tbody>
    </table>
  </div>
  <details>
    <summary>流程定义（文字）</summary>
    <pre class="prose"><?cs var:Item.procedure_text ?></pre>
  </details>
</section>

<section class="section" aria-labelledby="ver-title">
  <h2 class="section-title" id="ver-title">版本</h2>
  <ol class="doc-list">
    <?cs each:x = Versions ?>
    <li><a href="/catalog/item?code=<?cs var:url_escape(Item.code) ?>&amp;v=<?cs var:url_escape(x.version) ?>"<?cs if:x.current == 1 ?> aria-current="page"<?cs /if ?>><span class="dl-title">第 <?cs var:x.version ?> 版 <?cs call:status_badge(x.status, x.status_label) ?><?cs if:x.current == 1 ?> <span class="muted small">（正在查看）</span><?cs /if ?></span><?cs if:x.published_at ?><span class="dl-meta">发布于 <?cs var:x.published_at ?></span><?cs /if ?></a></li>
    <?cs /each ?>
  </ol>
</section>

<section class="section">
  <h2 class="section-title">基本信息</h2>
  <div class="table-wrap">
    <table class="kv">
      <tbody>
        <tr><th scope="row">事项类型</th><td><?cs var:Item.kind ?></td></tr>
        <tr><th scope="row">实施机关</th><td><?cs var:Item.dept_name ?>（<?cs var:Item.dept_code ?>）</td></tr>
        <tr><th scope="row">实施层级</th><td><?cs var:Item.level ?></td></tr>
        <tr><th scope="row">法定办结时限</th><td><?cs var:Item.statutory_days ?> 个工作日</td></tr>
        <tr><th scope="row">承诺办结时限</th><td><?cs var:Item.promised_days ?> 个工作日</td></tr>
        <tr><th scope="row">办件类型</th><td><?cs if:Item.instant == 1 ?>即办件<?cs else ?>承诺件<?cs /if ?></td></tr>
        <tr><th scope="row">到现场次数</th><td><?cs var:Item.visits ?> 次</td></tr>
        <tr><th scope="row">网办深度</th><td><?cs var:Item.depth_label ?><?cs if:Item.secret == 1 ?> <span class="tag tag-req">涉密</span><?cs /if ?></td></tr>
        <tr><th scope="row">个人隐私</th><td><?cs if:Item.private == 1 ?><span class="tag tag-req">涉及个人隐私</span> 统计中只计件数，不显示申请人和办件清单<?cs if:Item.private_pending == "0" ?>；本版已取消这一标记，经另一人审核发布后生效<?cs /if ?><?cs else ?>不涉及（统计中可查看办件清单）<?cs /if ?></td></tr>
        <tr><th scope="row">收费</th><td><?cs var:Item.fee ?><?cs if:Item.fee_standard ?>；标准：<?cs var:Item.fee_standard ?><?cs /if ?><?cs if:Item.fee_basis ?>；依据：<?cs var:Item.fee_basis ?><?cs /if ?></td></tr>
        <tr><th scope="row">办理地点</th><td><?cs var:Item.place ?></td></tr>
        <tr><th scope="row">办理时间</th><td><?cs var:Item.hours ?></td></tr>
        <tr><th scope="row">咨询电话</th><td><?cs var:Item.phone ?></td></tr>
        <tr><th scope="row">投诉电话</th><td><?cs var:Item.complaint_phone ?></td></tr>
        <tr><th scope="row">主题</th><td><?cs if:Item.themes ?><?cs var:Item.themes ?><?cs else ?><span class="muted">—</span><?cs /if ?></td></tr>
        <tr><th scope="row">检索关键词</th><td><?cs if:Item.keywords ?><?cs var:Item.keywords ?><?cs else ?><span class="muted">—</span><?cs /if ?></td></tr>
      </tbody>
    </table>
  </div>
</section>

<section class="section">
  <h2 class="section-title">设定依据</h2>
  <div class="prose pre-line"><?cs if:Item.basis ?><?cs var:Item.basis ?><?cs else ?><span class="muted">（未填写）</span><?cs /if ?></div>
</section>

<section class="section">
  <h2 class="section-title">受理条件</h2>
  <div class="prose pre-line"><?cs if:Item.conditions ?><?cs var:Item.conditions ?><?cs else ?><span class="muted">（未填写）</span><?cs /if ?></div>
</section>

<section class="section">
  <h2 class="section-title">申请材料</h2>
  <?cs if:subcount(Item.Materials) == 0 ?>
  <p class="muted">没有列出申请材料。</p>
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
          <td data-label="材料名称"><strong class="m-name"><?cs var:m.name ?></strong><?cs if:m.form ?> <span class="tag">空白表格</span><?cs /if ?><?cs if:m.sample ?> <span class="tag">填写示例</span><?cs /if ?></td>
          <td data-label="原件/复印件"><?cs var:m.original ?></td>
          <td class="num" data-label="份数"><?cs var:m.copies ?></td>
          <td data-label="是否必交"><?cs if:m.required == 1 ?><span class="req">必交</span><?cs else ?><span class="opt">选交</span><?cs /if ?></td>
          <td data-label="备注"><?cs if:m.note ?><?cs var:m.note ?><?cs else ?><span class="muted">—</span><?cs /if ?></td>
        </tr>
        <?cs /each ?>
      </tbody>
    </table>
  </div>
  <?cs /if ?>
</section>
