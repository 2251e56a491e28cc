<?cs # int/events.cs: 一件事一次办 in the catalogue (EXT-12): the latest
       version of every life event (Events.N.{code,version,name,intro,
       status,status_label,created_by,created_at,published_by,
       published_at, Items.M.{code,name,dept_name}}); for a system
       administrator (May.edit) the form of a new version (Edit.*,
       prefilled from ?code=); for whoever may publish (May.publish) a
       button under each draft.  Form.Error: why the last POST failed. ?>
<nav class="crumbs" aria-label="位置"><a href="/catalog">事项管理</a> › 一件事一次办</nav>
<header class="page-head">
  <h1>一件事一次办 <span class="count"><?cs var:subcount(Events) ?> 件</span></h1>
  <p class="page-sub">一件事把申请人一次要办的几个事项（可以属于不同部门）合在一起：申请人填一张表、交一份材料，提交后按事项分送各部门办理。每次修改保存为新的草稿版本，由另一位系统管理员或所含事项部门的分管领导发布后，随摆渡送往外网。</p>
</header>

<?cs if:Form.Error ?><div class="alert alert-error" role="alert"><?cs var:Form.Error ?></div><?cs /if ?>

<?cs if:subcount(Events) == 0 ?>
<div class="empty"><p>还没有一件事。</p></div>
<?cs else ?>
<ul class="plain-list events-list">
  <?cs each:e = Events ?>
  <li class="panel">
    <h2 class="section-title"><?cs var:e.name ?> <span class="muted small mono"><?cs var:e.code ?> 第 <?cs var:e.version ?> 版</span> <span class="badge<?cs if:e.status == "draft" ?> st-wait<?cs elif:e.status == "published" ?> st-done<?cs else ?> st-ended<?cs /if ?>"><?cs var:e.status_label ?></span></h2>
    <?cs if:e.intro ?><p><?cs var:e.intro ?></p><?cs /if ?>
    <ol>
      <?cs each:i = e.Items ?><li><span class="mono"><?cs var:i.code ?></span> <?cs var:i.name ?><?cs if:i.dept_name ?>（<?cs var:i.dept_name ?>）<?cs else ?> <span class="muted">（没有已发布的版本）</span><?cs /if ?></li><?cs /each ?>
    </ol>
    <p class="small muted">起草：<?cs var:e.created_by ?> <?cs var:e.created_at ?><?cs if:e.published_by ?> · 发布：<?cs var:e.published_by ?> <?cs var:e.published_at ?><?cs /if ?></p>
    <p class="actions">
      <?cs if:May.edit == "1" ?><a class="btn btn-plain" href="/catalog/events?code=<?cs var:url_escape(e.code) ?>#ev-form">修改（保存为新版本）</a><?cs /if ?>
      <?cs if:May.publish == "1" && e.status == "draft" ?>
      <form class="inline" method="post" action="/catalog/events/publish">
        <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
        <input type="hidden" name="code" value="<?cs var:e.code ?>">
        <input type="hidden" name="v" value="<?cs var:e.version ?>">
        <button class="btn btn-primary" type="submit">审核发布</button>
      </form>
      <?cs /if ?>
    </p>
  </li>
  <?cs /each ?>
</ul>
<?cs /if ?>

<?cs if:May.edit == "1" ?>
<form class="form panel" id="ev-form" method="post" action="/catalog/events">
  <h2 class="section-title"><?cs if:Edit.code ?>修改一件事（保存为新的草稿版本）<?cs else ?>新建一件事<?cs /if ?></h2>
  <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
  <div class="field">
    <label for="f-code">编码</label>
    <input id="f-code" name="code" type="text" maxlength="40" value="<?cs var:Edit.code ?>" required pattern="[A-Za-z0-9-]{3,40}" spellcheck="false">
    <p class="help">3 到 40 个英文字母、数字或 -，例如 YJS-KBCG。修改已有的一件事时不要改编码。</p>
  </div>
  <div class="field">
    <label for="f-name">名称</label>
    <input id="f-name" name="name" type="text" maxlength="30" value="<?cs var:Edit.name ?>" required>
  </div>
  <div class="field">
    <label for="f-intro">简介<span class="opt">（选填）</span></label>
    <input id="f-intro" name="intro" type="text" maxlength="200" value="<?cs var:Edit.intro ?>">
  </div>
  <div class="field">
    <label for="f-items">包含的事项编码（每行一个，<?cs var:Limits.items_min ?> 到 <?cs var:Limits.items_max ?> 个）</label>
    <textarea id="f-items" name="items" rows="6" spellcheck="false" required><?cs var:Edit.items ?></textarea>
    <p class="help">只能是已发布、可以网上申请（办理深度 A 或 B）的事项。申请表按这里的顺序列出事项；名称相同的材料只交一份。</p>
  </div>
  <div class="form-actions"><button class="btn btn-primary" type="submit">保存为草稿</button></div>
</form>
<?cs /if ?>
