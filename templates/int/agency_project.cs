<?cs # int/agency_project.cs: GET /agency/project?id=, one 全程代理 project
       (INT-14): Project.{id,name,kind,credit_code,investor,location,
       amount,agreement_no,agreement_name,coordinator,created_at,items,
       done,doing,todo,mine}; PItems.N.{code,name,dept,app_no,state,
       state_label,linked_at}; Steps.N.{case_id,app_no,key,name,dept,due,
       light,due_text,urged_by,urge_note,urged_at} (waiting now);
       Docs.N.{app_no,title,doc_no,issued_at}; Events.N.{at,app_no,label,
       who,note}; Form.{Error,item,app_no,note} after a refused form.
       Project.mine: the coordinator, who may link, file, urge, edit and
       close while the project is open (Project.closed_at,close_reason
       once closed: it reads only); a supervisor reads only.
       PItems.N.filed: the centre filed the case as the investor's
       agent (its receipt linked for the coordinator, Project.coord). ?>
<nav class="crumbs no-print" aria-label="位置"><?cs if:Project.mine ?><a href="/agency">全程代理项目</a><?cs else ?><a href="/sup/agency">全程代理项目</a><?cs /if ?> › <?cs var:Project.name ?></nav>
<header class="page-head">
  <h1><?cs var:Project.name ?></h1>
  <p class="page-sub"><?cs var:Project.kind ?> · 全程代理 · 代理协调员 <?cs var:Project.coordinator ?><?cs if:Project.closed_at ?> · <span class="badge">已关闭</span><?cs /if ?></p>
  <?cs if:Project.mine ?><p class="actions no-print"><a class="btn btn-plain" href="/agency/edit?id=<?cs var:url_escape(Project.id) ?>">修改项目</a> <a class="btn btn-plain" href="#p-close">关闭项目</a></p><?cs /if ?>
</header>
<?cs if:Project.closed_at ?><div class="callout" role="note" id="p-closed">项目已于 <?cs var:Project.closed_at ?> 关闭：<?cs var:Project.close_reason ?>。关闭的项目只能查看，不能再申请、关联、催办或修改。</div><?cs /if ?>
<?cs if:Form.Error ?><div class="alert alert-error" id="form-error" role="alert"><?cs var:Form.Error ?></div><?cs /if ?>

<section class="panel" aria-labelledby="p-facts">
  <h2 class="section-title" id="p-facts">项目信息</h2>
  <dl class="facts facts-3">
    <div><dt>投资企业</dt><dd><?cs var:Project.investor ?><br><span class="mono small"><?cs var:Project.credit_code ?></span></dd></div>
    <div><dt>建设地点</dt><dd><?cs var:Project.location ?></dd></div>
    <div><dt>总投资</dt><dd><?cs var:Project.amount ?> 万元</dd></div>
    <div><dt>委托代理协议</dt><dd><?cs var:Project.agreement_no ?><br><a class="small" href="/agency/agreement?id=<?cs var:url_escape(Project.id) ?>">查看扫描件（<?cs var:Project.agreement_name ?>）</a></dd></div>
    <div><dt>登记时间</dt><dd><?cs var:Project.created_at ?></dd></div>
    <div><dt>办理情况</dt><dd>共 <?cs var:Project.items ?> 项：已办结 <?cs var:Project.done ?>，办理中 <?cs var:Project.doing ?>，待申请 <?cs var:Project.todo ?></dd></div>
  </dl>
</section>

<section class="panel" aria-labelledby="p-items">
  <h2 class="section-title" id="p-items">事项与办件</h2>
  <div class="table-wrap">
    <table class="grid reflow">
      <thead><tr><th scope="col">事项</th><th scope="col">部门</th><th scope="col">办件</th><th scope="col">当前环节与期限</th><th scope="col">已出文书</th></tr></thead>
      <tbody>
        <?cs each:i = PItems ?>
        <tr>
          <td data-label="事项"><?cs var:i.name ?></td>
          <td data-label="部门"><?cs var:i.dept ?></td>
          <td data-label="办件"><?cs if:i.app_no ?><span class="mono"><?cs var:i.app_no ?></span><br><span class="badge"><?cs var:i.state_label ?></span><?cs if:i.filed ?> <span class="tag">中心代为申请</span><?cs if:Project.coord ?> <a class="small no-print" href="/agency/receipt?id=<?cs var:url_escape(Project.id) ?>&amp;no=<?cs var:url_escape(i.app_no) ?>">回执</a><?cs /if ?><?cs /if ?><?cs else ?><span class="badge">待申请</span>
            <?cs if:Project.mine ?>
            <p><a class="btn btn-primary" href="/agency/file?id=<?cs var:url_escape(Project.id) ?>&amp;item=<?cs var:url_escape(i.code) ?>">代为申请</a></p>
            <form class="form-row" method="post" action="/agency/link">
              <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
              <input type="hidden" name="id" value="<?cs var:Project.id ?>">
              <input type="hidden" name="item" value="<?cs var:i.code ?>">
              <label class="visually-hidden" for="no-<?cs var:name(i) ?>">“<?cs var:i.name ?>”的申请编号</label>
              <input id="no-<?cs var:name(i) ?>" name="app_no" class="mono" maxlength="20" placeholder="申请编号 YW…" value="<?cs if:Form.item == i.code ?><?cs var:Form.app_no ?><?cs /if ?>" required>
              <button class="btn btn-plain" type="submit">关联办件</button>
            </form>
            <?cs /if ?><?cs /if ?></td>
          <td data-label="当前环节与期限"><?cs set:any = 0 ?><?cs each:s = Steps ?><?cs if:i.app_no && s.app_no == i.app_no ?><?cs set:any = 1 ?><div><?cs var:s.name ?>（<?cs var:s.dept ?>）<?cs if:s.light ?> <span class="light light-<?cs var:s.light ?>"><?cs var:s.due_text ?></span><?cs /if ?></div><?cs /if ?><?cs /each ?><?cs if:any == 0 ?><span class="muted">—</span><?cs /if ?></td>
          <td data-label="已出文书"><?cs set:any = 0 ?><?cs each:d = Docs ?><?cs if:i.app_no && d.app_no == i.app_no ?><?cs set:any = 1 ?><div><?cs var:d.title ?> <span class="small muted"><?cs var:d.doc_no ?></span></div><?cs /if ?><?cs /each ?><?cs if:any == 0 ?><span class="muted">—</span><?cs /if ?></td>
        </tr>
        <?cs /each ?>
      </tbody>
    </table>
  </div>
  <?cs if:Project.mine ?><p class="help">“代为申请”：中心按委托代理协议以投资企业的名义提交申请，办件直接进入部门待办并关联本项目。投资企业自己在外网以企业名义申请的，把申请编号填入对应事项关联。</p><?cs /if ?>
</section>

<section class="panel" aria-labelledby="p-steps">
  <h2 class="section-title" id="p-steps">在办环节</h2>
  <?cs if:subcount(Steps) == 0 ?>
  <p class="muted">现在没有等待办理的环节。</p>
  <?cs else ?>
  <?cs if:Project.mine ?><p class="help">您可以催办任何部门的在办环节；催办会显示在经办人的待办列表和办件页上。办理环节由各部门工作人员进行，代理协调员不办理。</p><?cs /if ?>
  <div class="table-wrap">
    <table class="grid reflow">
      <thead><tr><th scope="col">办件</th><th scope="col">环节</th><th scope="col">部门</th><th scope="col">期限</th><th scope="col">催办</th></tr></thead>
      <tbody>
        <?cs each:s = Steps ?>
        <tr>
          <td class="nowrap mono" data-label="办件"><?cs var:s.app_no ?></td>
          <td data-label="环节"><?cs var:s.name ?></td>
          <td data-label="部门"><?cs var:s.dept ?></td>
          <td data-label="期限"><?cs if:s.light ?><span class="light light-<?cs var:s.light ?>"><?cs var:s.due_text ?></span><br><span class="small muted">期限 <?cs var:s.due ?></span><?cs else ?><span class="muted">—</span><?cs /if ?></td>
          <td data-label="催办"><?cs if:s.urged_by ?><div class="small"><span class="badge">已催办</span> <?cs var:s.urged_by ?> <?cs var:s.urged_at ?><?cs if:s.urge_note ?>：<?cs var:s.urge_note ?><?cs /if ?></div><?cs /if ?>
            <?cs if:Project.mine ?>
            <form class="form-row" method="post" action="/agency/urge">
              <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
              <input type="hidden" name="id" value="<?cs var:Project.id ?>">
              <input type="hidden" name="case" value="<?cs var:s.case_id ?>">
              <input type="hidden" name="step" value="<?cs var:s.key ?>">
              <label class="visually-hidden" for="note-<?cs var:name(s) ?>">催办说明</label>
              <input id="note-<?cs var:name(s) ?>" name="note" maxlength="500" placeholder="催办说明（选填）">
              <button class="btn btn-plain" type="submit">催办</button>
            </form>
            <?cs /if ?></td>
        </tr>
        <?cs /each ?>
      </tbody>
    </table>
  </div>
  <?cs /if ?>
</section>

<section class="panel" aria-labelledby="p-time">
  <h2 class="section-title" id="p-time">项目进程</h2>
  <ol class="timeline">
    <?cs each:e = Events ?>
    <li><span class="small muted"><?cs var:e.at ?></span> <?cs if:e.app_no ?><span class="mono small"><?cs var:e.app_no ?></span> <?cs /if ?><strong><?cs var:e.label ?></strong> · <?cs var:e.who ?><?cs if:e.note ?><div class="small"><?cs var:e.note ?></div><?cs /if ?></li>
    <?cs /each ?>
  </ol>
</section>

<?cs if:Project.mine ?>
<section class="panel no-print" aria-labelledby="p-close">
  <h2 class="section-title" id="p-close">关闭项目</h2>
  <p class="help">全部事项办结后可以直接关闭；项目终止（企业撤资、项目取消等）的，写明终止原因后关闭。关闭后项目只能查看，投资企业的页面显示项目已关闭及原因。</p>
  <form class="form" method="post" action="/agency/close">
    <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
    <input type="hidden" name="id" value="<?cs var:Project.id ?>">
    <div class="field">
      <label for="f-reason">关闭原因（全部办结的可不填）</label>
      <textarea id="f-reason" name="reason" rows="2" maxlength="200"><?cs var:Form.reason ?></textarea>
    </div>
    <div class="form-actions"><button class="btn" type="submit">关闭项目</button></div>
  </form>
</section>
<?cs /if ?>
