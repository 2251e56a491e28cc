<?cs # ext/my.cs: the logged-in citizen's applications (Apps.N, with
       entity_name for one made in an enterprise's name, agent_name for
       one an agent made for them) and their enterprises
       (Ents.N.{code,name,role}, ACC-1), and a person's licences
       (Lics, Lics_shown: 我的证照, DOC-2); for an agent (Agent.name,
       AGT-1) the applications they made, by resident.  Drafts.N.{key,
       item_code,item_name,as,resident_name,updated_at,expires_on,event
       (一件事 EXT-12: its form's)}: the
       forms saved and not yet submitted (EXT-1), kept
       Limits.draft_days days after their last change.
       Bundles.N.{no,event_name,entity_name,submitted_at,state_label,
       open,ncorrect,
       Apps.M.{app_no,item_name,state,state_label}}: the person's
       一件事 applications (EXT-12), each one entry; their applications
       are not listed again in Apps. ?>
<?cs # state_class: Apps/Cases carry only state_label, so colour the badge
       from its wording (the badge classes of app.cs: st-approved,
       st-rejected, st-correction). ?>
<?cs def:state_class(label) ?><?cs if:string.find(label, "不予") >= 0 || string.find(label, "撤回") >= 0 || string.find(label, "终止") >= 0 ?> st-rejected<?cs elif:string.find(label, "准予") >= 0 || string.find(label, "办结") >= 0 ?> st-approved<?cs elif:string.find(label, "补正") >= 0 || string.find(label, "中止") >= 0 ?> st-correction<?cs /if ?><?cs /def ?>
<?cs if:Agent.name ?>
<header class="page-head">
  <h1>我代办的办件</h1>
  <p class="page-sub">代办员：<?cs var:Agent.name ?>。这里只列出您代办的办件。</p>
  <p class="actions"><a class="btn btn-primary" href="/">代办新申请（先选择事项）</a></p>
</header>
<form class="form form-inline" method="get" action="/app">
  <label for="f-no">按申请编号查询</label>
  <input id="f-no" name="no" type="text" maxlength="20" pattern="YW[0-9]{13}" placeholder="YW2026120600001" autocomplete="off" spellcheck="false">
  <button class="btn btn-plain" type="submit">查询</button>
</form>
<?cs else ?>
<header class="page-head">
  <h1>我的办件</h1>
  <p class="actions"><a class="btn btn-plain" href="/complaints">我的投诉</a> <a class="btn btn-plain" href="/consults">我的咨询</a></p>
</header>
<?cs /if ?>
<?cs if:subcount(Drafts) > 0 ?>
<section class="panel my-drafts" aria-labelledby="my-drafts">
  <h2 class="section-title" id="my-drafts">草稿（未提交）</h2>
  <p class="help">保存过或提交时出错的申请都在这里，填写的内容和合格的文件已保存。草稿最后一次修改 <?cs var:Limits.draft_days ?> 天后自动删除。</p>
  <ul class="plain-list drafts">
    <?cs each:d = Drafts ?>
    <li class="draft">
      <span class="draft-name"><?cs var:d.item_name ?><?cs if:d.resident_name ?> <span class="muted small">（居民：<?cs var:d.resident_name ?>）</span><?cs /if ?></span>
      <span class="small muted">保存于 <?cs var:d.updated_at ?>，保留到 <?cs var:d.expires_on ?></span>
      <span class="draft-actions">
        <?cs if:d.event ?><a class="btn btn-primary" href="/event/apply?code=<?cs var:url_escape(d.event) ?><?cs if:d.as ?>&amp;as=<?cs var:url_escape(d.as) ?><?cs /if ?>&amp;key=<?cs var:url_escape(d.key) ?>">继续填写</a><?cs else ?><a class="btn btn-primary" href="/apply?code=<?cs var:url_escape(d.item_code) ?><?cs if:d.as ?>&amp;as=<?cs var:url_escape(d.as) ?><?cs /if ?>&amp;key=<?cs var:url_escape(d.key) ?>">继续填写</a><?cs /if ?>
        <form class="inline" method="post" action="/draft/delete">
          <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
          <input type="hidden" name="key" value="<?cs var:d.key ?>">
          <button class="btn btn-plain" type="submit">删除</button>
        </form>
      </span>
    </li>
    <?cs /each ?>
  </ul>
</section>
<?cs /if ?>
<?cs if:subcount(Bundles) > 0 ?>
<section class="panel my-bundles" aria-labelledby="my-bundles">
  <h2 class="section-title" id="my-bundles">一件事一次办</h2>
  <?cs include:"ext/bundle_list.cs" ?>
</section>
<?cs /if ?>
<?cs if:subcount(Apps) == 0 && subcount(Bundles) > 0 ?>
<?cs elif:subcount(Apps) == 0 ?>
<div class="empty">
  <?cs if:Agent.name ?><p>您还没有代办的办件。去「<a href="/">办事指南</a>」选择事项，为本服务区域的居民代办。</p><?cs else ?><p>您还没有办件。去「<a href="/">办事指南</a>」选择事项在线申请。</p><?cs /if ?>
</div>
<?cs else ?>
<div class="table-wrap">
  <table class="grid reflow rowlink">
    <thead>
      <tr><th scope="col">申请编号</th><th scope="col">事项</th><?cs if:Agent.name ?><th scope="col">居民</th><?cs /if ?><th scope="col">状态</th><th scope="col">提交时间</th><th scope="col">最近更新</th></tr>
    </thead>
    <tbody>
      <?cs each:a = Apps ?>
      <tr>
        <td class="nowrap" data-label="申请编号"><a class="mono row-main" href="/app?no=<?cs var:url_escape(a.app_no) ?>"><?cs var:a.app_no ?></a></td>
        <td data-label="事项"><a href="/app?no=<?cs var:url_escape(a.app_no) ?>"><?cs var:a.item_name ?></a><?cs if:a.entity_name ?><br><span class="small muted">申请人：<?cs var:a.entity_name ?></span><?cs /if ?><?cs if:a.agent_name && !Agent.name ?><br><span class="tag">代办</span> <span class="muted small">由代办员<?cs var:a.agent_name ?>代办</span><?cs /if ?><?cs if:a.source == "window" ?><br><span class="tag">窗口</span> <span class="muted small">在政务服务中心窗口递交</span><?cs /if ?></td>
        <?cs if:Agent.name ?><td data-label="居民"><?cs var:a.applicant_name ?></td><?cs /if ?>
        <td data-label="状态"><span class="badge<?cs call:state_class(a.state_label) ?>"><?cs var:a.state_label ?></span></td>
        <td class="nowrap" data-label="提交时间"><?cs var:a.submitted_at ?></td>
        <td class="nowrap" data-label="最近更新"><?cs var:a.updated_at ?></td>
      </tr>
      <?cs /each ?>
    </tbody>
  </table>
</div>
<p class="muted small list-note">点击办件查看办理进度和办理文书。</p>
<?cs /if ?>

<?cs if:Lics_shown ?>
<section class="panel my-lics" aria-labelledby="my-lics">
  <h2 class="section-title" id="my-lics">我的证照</h2>
  <?cs include:"ext/licence_list.cs" ?>
</section>
<?cs /if ?>

<?cs # Not for an agent: enterprises are a citizen's own (their link
       would answer 403). ?>
<?cs if:!Agent.name ?>
<section class="panel my-ents" aria-labelledby="my-ents">
  <h2 class="section-title" id="my-ents">我的企业</h2>
  <?cs if:subcount(Ents) == 0 ?>
  <p class="muted">您还没有登记或代理任何企业。企业的法定代表人可以登记企业（法人），再授权员工代企业办理。</p>
  <?cs else ?>
  <ul class="plain-list">
    <?cs each:e = Ents ?>
    <li><a href="/enterprise?code=<?cs var:url_escape(e.code) ?>"><?cs var:e.name ?></a> <span class="small muted"><?cs var:e.role ?></span></li>
    <?cs /each ?>
  </ul>
  <?cs /if ?>
  <p class="actions"><a class="btn btn-plain" href="/enterprise/register">登记企业（法人）</a></p>
</section>
<?cs /if ?>
