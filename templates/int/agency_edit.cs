<?cs # int/agency_edit.cs: GET/POST /agency/edit, a 全程代理 project's
       coordinator edits it while it is open (INT-14).  Project.{id,name,
       agreement_no,agreement_name}; Form.{Error,name,location,amount};
       Items.N.{code,name,dept,checked,fixed}: the catalogue, those with
       a case fixed (they cannot be removed). ?>
<nav class="crumbs no-print" aria-label="位置"><a href="/agency">全程代理项目</a> › <a href="/agency/project?id=<?cs var:url_escape(Project.id) ?>"><?cs var:Project.name ?></a> › 修改</nav>
<header class="page-head">
  <h1>修改项目</h1>
  <p class="page-sub">修改后投资企业的“项目代办进度”在网闸摆渡后更新；每次修改记入项目进程和审计日志。已有办件的事项不能移除。</p>
</header>
<?cs if:Form.Error ?><div class="alert alert-error" id="form-error" role="alert"><?cs var:Form.Error ?></div><?cs /if ?>
<form class="form form-wide" method="post" action="/agency/edit" enctype="multipart/form-data">
  <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
  <input type="hidden" name="id" value="<?cs var:Project.id ?>">
  <div class="field">
    <label for="f-name">项目名称</label>
    <input id="f-name" name="name" type="text" maxlength="100" value="<?cs var:Form.name ?>" required>
  </div>
  <div class="field">
    <label for="f-loc">建设地点</label>
    <input id="f-loc" name="location" type="text" maxlength="200" value="<?cs var:Form.location ?>" required>
  </div>
  <div class="field">
    <label for="f-amount">总投资（万元）</label>
    <input id="f-amount" name="amount" type="text" inputmode="numeric" maxlength="9" value="<?cs var:Form.amount ?>" required>
  </div>
  <div class="field">
    <label for="f-agr">更换委托代理协议扫描件（选填，PDF）</label>
    <p class="help">现用：<?cs var:Project.agreement_no ?>（<?cs var:Project.agreement_name ?>）。签订补充协议或重新扫描时上传；原扫描件存档，不会删除。</p>
    <input id="f-agr" name="agreement" type="file" accept="application/pdf">
  </div>
  <fieldset class="field">
    <legend>需要办理的事项</legend>
    <?cs each:i = Items ?>
    <label class="check"><?cs if:i.fixed ?><input type="hidden" name="it_<?cs var:i.code ?>" value="1"><input type="checkbox" checked disabled><?cs else ?><input type="checkbox" name="it_<?cs var:i.code ?>" value="1"<?cs if:i.checked ?> checked<?cs /if ?>><?cs /if ?> <?cs var:i.name ?> <span class="small muted"><?cs var:i.dept ?><?cs if:i.fixed ?>（已有办件）<?cs /if ?></span></label>
    <?cs /each ?>
  </fieldset>
  <div class="form-actions">
    <button class="btn btn-primary" type="submit">保存修改</button>
    <a class="btn btn-plain" href="/agency/project?id=<?cs var:url_escape(Project.id) ?>">取消</a>
  </div>
</form>
