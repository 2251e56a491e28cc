<?cs # ext/enterprise.cs: GET /enterprise?code=…, one enterprise of the
       logged-in person (ACC-1): Ent.{code,name,address,type,rep,
       created_at,is_rep,rights,may_apply,may_view,may_staff}; its persons
       Staff.N.{id,name,rights,granted_at} (may_staff); its applications
       Apps.N.{app_no,item_name,state_label,submitted_at,handler}
       (may_view; those of a 一件事 are in its entry, Bundles.N.{no,
       event_name,handler,submitted_at,state_label,open,ncorrect,
       Apps.M.{item_name,state_label}}, EXT-12) and its licences Lics.N (may_view, DOC-2); its 全程代理
       projects Agency.N.{name,location,coordinator,as_of,done,doing,todo,
       closed_at,close_reason,Items.M.{name,dept,state,app_no,step}}
       (may_view, INT-14);
       Form.{Error,name} after a refused grant. ?>
<nav class="crumbs" aria-label="位置"><a href="/">首页</a> › <a href="/my">我的办件</a> › 我的企业</nav>
<header class="page-head">
  <h1><?cs var:Ent.name ?></h1>
  <p class="page-sub">统一社会信用代码 <span class="mono"><?cs var:Ent.code ?></span> · <?cs var:Ent.type ?></p>
  <?cs if:Ent.may_apply == 1 ?><p class="actions"><a class="btn btn-primary" href="/">以企业名义办事</a></p><?cs /if ?>
</header>

<section class="panel" aria-labelledby="ent-facts">
  <h2 class="section-title" id="ent-facts">企业信息</h2>
  <dl class="facts facts-3">
    <div><dt>住所</dt><dd><?cs var:Ent.address ?></dd></div>
    <div><dt>法定代表人</dt><dd><?cs var:Ent.rep ?></dd></div>
    <div><dt>登记时间</dt><dd><?cs var:Ent.created_at ?></dd></div>
    <div><dt>我的权限</dt><dd><?cs var:Ent.rights ?></dd></div>
  </dl>
  <p class="help">在办事指南中选择事项（或首页的「一件事一次办」），点“在线申请”后选择“以<?cs var:Ent.name ?>名义办理”。</p>
</section>

<?cs if:Ent.may_view == 1 ?>
<section class="panel" aria-labelledby="ent-apps">
  <h2 class="section-title" id="ent-apps">企业办件</h2>
  <?cs if:subcount(Bundles) > 0 ?>
  <h3>一件事一次办</h3>
  <?cs set:ShowHandler = 1 ?><?cs include:"ext/bundle_list.cs" ?>
  <?cs /if ?>
  <?cs if:subcount(Apps) == 0 && subcount(Bundles) == 0 ?>
  <p class="muted">还没有以企业名义提交的申请。</p>
  <?cs elif:subcount(Apps) > 0 ?>
  <?cs if:subcount(Bundles) > 0 ?><h3>单项申请</h3><?cs /if ?>
  <div class="table-wrap">
    <table class="grid reflow">
      <thead><tr><th scope="col">申请编号</th><th scope="col">事项</th><th scope="col">经办人</th><th scope="col">状态</th><th scope="col">提交时间</th></tr></thead>
      <tbody>
        <?cs each:a = Apps ?>
        <tr>
          <td class="nowrap" data-label="申请编号"><a class="mono" href="/app?no=<?cs var:url_escape(a.app_no) ?>"><?cs var:a.app_no ?></a></td>
          <td data-label="事项"><?cs var:a.item_name ?></td>
          <td data-label="经办人"><?cs var:a.handler ?></td>
          <td data-label="状态"><span class="badge"><?cs var:a.state_label ?></span></td>
          <td class="nowrap" data-label="提交时间"><?cs var:a.submitted_at ?></td>
        </tr>
        <?cs /each ?>
      </tbody>
    </table>
  </div>
  <?cs /if ?>
</section>
<?cs /if ?>

<?cs if:Ent.may_view == 1 && subcount(Agency) > 0 ?>
<section class="panel" aria-labelledby="ent-agency">
  <h2 class="section-title" id="ent-agency">项目代办进度</h2>
  <p class="help">以下项目由政务服务中心全程代理，各部门的审批由中心督促、协调，办结后由中心送达。</p>
  <?cs each:p = Agency ?>
  <h3><?cs var:p.name ?><?cs if:p.closed_at ?> <span class="badge">已关闭</span><?cs /if ?></h3>
  <p class="small muted"><?cs var:p.location ?> · 代理协调员 <?cs var:p.coordinator ?> · 更新于 <?cs var:p.as_of ?></p>
  <?cs if:p.closed_at ?><p class="callout" role="note">政务服务中心已于 <?cs var:p.closed_at ?> 关闭这个全程代理项目：<?cs var:p.close_reason ?>。如有疑问，请联系代理协调员。</p><?cs /if ?>
  <p>已办结 <strong><?cs var:p.done ?></strong> 项，办理中 <strong><?cs var:p.doing ?></strong> 项，待申请 <strong><?cs var:p.todo ?></strong> 项</p>
  <div class="table-wrap">
    <table class="grid reflow">
      <thead><tr><th scope="col">事项</th><th scope="col">部门</th><th scope="col">申请编号</th><th scope="col">进度</th></tr></thead>
      <tbody>
        <?cs each:i = p.Items ?>
        <tr>
          <td data-label="事项"><?cs var:i.name ?></td>
          <td data-label="部门"><?cs var:i.dept ?></td>
          <td class="nowrap" data-label="申请编号"><?cs if:i.app_no ?><span class="mono"><?cs var:i.app_no ?></span><?cs else ?><span class="muted">—</span><?cs /if ?></td>
          <td data-label="进度"><span class="badge<?cs if:i.state == "done" ?> st-approved<?cs /if ?>"><?cs if:i.state == "done" ?>已办结：<?cs elif:i.state == "doing" ?>办理中：<?cs /if ?><?cs var:i.step ?></span></td>
        </tr>
        <?cs /each ?>
      </tbody>
    </table>
  </div>
  <?cs /each ?>
</section>
<?cs /if ?>

<?cs if:Ent.may_view == 1 ?>
<section class="panel" aria-labelledby="ent-lics">
  <h2 class="section-title" id="ent-lics">企业证照</h2>
  <?cs include:"ext/licence_list.cs" ?>
</section>
<?cs /if ?>

<?cs if:Ent.may_staff == 1 ?>
<section class="panel" aria-labelledby="ent-staff">
  <h2 class="section-title" id="ent-staff">经办人</h2>
  <p class="help">经办人用自己的实名账号登录，代表企业办理。取消授权后立即失效。</p>
  <?cs if:subcount(Staff) == 0 ?>
  <p class="muted">还没有授权经办人。</p>
  <?cs else ?>
  <div class="table-wrap">
    <table class="grid reflow">
      <thead><tr><th scope="col">姓名</th><th scope="col">权限</th><th scope="col">授权时间</th><th scope="col"><span class="visually-hidden">操作</span></th></tr></thead>
      <tbody>
        <?cs each:s = Staff ?>
        <tr>
          <td data-label="姓名"><?cs var:s.name ?></td>
          <td data-label="权限"><?cs var:s.rights ?></td>
          <td class="nowrap" data-label="授权时间"><?cs var:s.granted_at ?></td>
          <td data-label="操作">
            <form method="post" action="/enterprise/revoke" class="form-row">
              <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
              <input type="hidden" name="code" value="<?cs var:Ent.code ?>">
              <input type="hidden" name="person" value="<?cs var:s.id ?>">
              <button class="btn btn-plain" type="submit">取消授权</button>
            </form>
          </td>
        </tr>
        <?cs /each ?>
      </tbody>
    </table>
  </div>
  <?cs /if ?>

  <h3 class="section-title">授权经办人</h3>
  <?cs if:Form.Error ?><div class="alert alert-error" role="alert"><?cs var:Form.Error ?></div><?cs /if ?>
  <form class="form" method="post" action="/enterprise/grant">
    <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
    <input type="hidden" name="code" value="<?cs var:Ent.code ?>">
    <div class="field">
      <label for="f-name">姓名</label>
      <input id="f-name" name="name" type="text" value="<?cs var:Form.name ?>" maxlength="50" autocomplete="off" required>
    </div>
    <div class="field">
      <label for="f-id">居民身份证号码</label>
      <input id="f-id" name="id_number" type="text" minlength="18" maxlength="18" pattern="[0-9]{17}[0-9Xx]" autocomplete="off" spellcheck="false" aria-describedby="f-id-help" required>
      <p class="help" id="f-id-help">对方须已在本网站实名注册，姓名和身份证号码都要相符。</p>
    </div>
    <fieldset class="field">
      <legend>权限</legend>
      <label class="check"><input type="checkbox" name="r_apply" value="1" checked> 以企业名义申请</label>
      <label class="check"><input type="checkbox" name="r_view" value="1" checked> 查看企业办件</label>
      <label class="check"><input type="checkbox" name="r_staff" value="1"> 管理经办人</label>
    </fieldset>
    <div class="form-actions">
      <button class="btn btn-primary" type="submit">授权</button>
    </div>
  </form>
</section>
<?cs /if ?>
