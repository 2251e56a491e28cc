<?cs # int/pub_edit.cs: GET/POST /pub/edit: the editor of a draft
       (News.{id,kind,title,body,items,state_label,writer_name,note,
       readonly}); Form.Error when refused; Page.Done "saved". ?>
<nav class="crumbs" aria-label="位置"><a href="/pub">信息发布</a> › <?cs if:News.id ?>稿件<?cs else ?>撰写新稿件<?cs /if ?></nav>
<header class="page-head">
  <h1><?cs if:News.readonly ?><?cs var:News.title ?><?cs elif:News.id ?>修改稿件<?cs else ?>撰写新稿件<?cs /if ?></h1>
  <?cs if:News.id ?><p class="page-sub"><?cs var:News.state_label ?> · 撰稿人 <?cs var:News.writer_name ?></p><?cs /if ?>
</header>
<?cs if:Page.Done == "saved" ?><p class="notice" role="status">已保存草稿。写好后回到<a href="/pub">信息发布</a>提交审核。</p><?cs /if ?>
<?cs if:News.note ?><p class="warn">退回意见：<?cs var:News.note ?></p><?cs /if ?>
<?cs if:News.readonly ?>
<section class="panel">
  <p><strong>栏目：</strong><?cs var:News.kind_label ?></p>
  <div class="prose pre-line"><?cs var:News.body ?></div>
  <?cs if:News.items ?><p><strong>关联事项：</strong><span class="pre-line mono"><?cs var:News.items ?></span></p><?cs /if ?>
</section>
<?cs else ?>
<form class="form form-wide" method="post" action="/pub/edit">
  <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
  <?cs if:News.id ?><input type="hidden" name="id" value="<?cs var:News.id ?>"><?cs /if ?>
  <?cs if:Form.Error ?><div class="alert alert-error" role="alert"><?cs var:Form.Error ?></div><?cs /if ?>
  <div class="field">
    <label for="e-kind">栏目</label>
    <select id="e-kind" name="kind">
      <option value="news"<?cs if:News.kind == "news" ?> selected<?cs /if ?>>新闻动态</option>
      <option value="notice"<?cs if:News.kind == "notice" ?> selected<?cs /if ?>>通知公告</option>
      <option value="policy"<?cs if:News.kind == "policy" ?> selected<?cs /if ?>>政策法规</option>
    </select>
  </div>
  <div class="field">
    <label for="e-title">标题</label>
    <input id="e-title" name="title" type="text" value="<?cs var:News.title ?>" maxlength="100" required>
  </div>
  <div class="field">
    <label for="e-body">正文</label>
    <textarea id="e-body" name="body" rows="14" required>
<?cs var:News.body ?></textarea>
  </div>
  <div class="field">
    <label for="e-items">关联事项（仅政策法规）</label>
    <textarea id="e-items" name="items" rows="3" aria-describedby="e-items-help" spellcheck="false">
<?cs var:News.items ?></textarea>
    <p class="help" id="e-items-help">填写这篇政策法规所规范的事项编码，每行一个，最多 20 个；外网这些事项的办事指南会链接到它。</p>
  </div>
  <div class="form-actions"><button class="btn btn-primary" type="submit">保存草稿</button> <a class="btn btn-plain" href="/pub">返回</a></div>
</form>
<?cs /if ?>
