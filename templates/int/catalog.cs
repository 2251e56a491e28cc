<?cs # int/catalog.cs: 事项管理: the newest version of every item
       (Items.N.{code,name,kind,dept_code,dept_name,level,parent_code,
       version,status,status_label}), filtered by Filter.dept (Depts.N);
       for the administrator (Page.MayEdit) the form of a new item
       (Form.*, Form.Error, Opts.Kinds, Opts.Levels). ?>
<?cs def:status_badge(st, label) ?><span class="badge<?cs if:st == "review" ?> st-wait<?cs elif:st == "published" ?> st-done<?cs elif:st == "retired" ?> st-ended<?cs /if ?>"><?cs var:label ?></span><?cs /def ?>
<header class="page-head">
  <h1>事项管理 <span class="count"><?cs var:subcount(Items) ?> 项</span></h1>
  <p class="page-sub">每个事项显示最新的一版。草稿经提交审核、本部门分管领导发布后，由摆渡送往外网；已受理的申请始终按申请时的版本办理。</p>
  <p class="actions"><a class="btn btn-plain" href="/catalog/events">一件事一次办（把多个部门的事项合成一件事）</a></p>
</header>

<section class="section">
  <form class="form" method="get" action="/catalog">
    <div class="field">
      <label for="f-dept">按部门查看</label>
      <select id="f-dept" name="dept">
        <option value="">全部部门</option>
        <?cs each:d = Depts ?><option value="<?cs var:d.code ?>"<?cs if:d.code == Filter.dept ?> selected<?cs /if ?>><?cs var:d.name ?></option><?cs /each ?>
      </select>
    </div>
    <button class="btn" type="submit">查看</button>
  </form>

  <?cs if:subcount(Items) == 0 ?>
  <div class="empty"><p>没有事项。</p></div>
  <?cs else ?>
  <div class="table-wrap">
    <table class="grid reflow rowlink">
      <thead>
        <tr><th scope="col">事项编码</th><th scope="col">事项名称</th><th scope="col">实施部门</th><th scope="col" class="num">版本</th><th scope="col">状态</th></tr>
      </thead>
      <tbody>
        <?cs each:i = Items ?>
        <tr>
          <td class="nowrap" data-label="事项编码"><span class="mono"><?cs var:i.code ?></span></td>
          <td data-label="事项名称"><a class="row-main" href="/catalog/item?code=<?cs var:url_escape(i.code) ?>"><?cs var:i.name ?></a><?cs if:i.parent_code ?> <span class="tag">子项</span><?cs /if ?> <span class="muted small"><?cs var:i.kind ?> · <?cs var:i.level ?></span></td>
          <td data-label="实施部门"><?cs var:i.dept_name ?></td>
          <td class="num" data-label="版本">第 <?cs var:i.version ?> 版</td>
          <td data-label="状态"><?cs call:status_badge(i.status, i.status_label) ?></td>
        </tr>
        <?cs /each ?>
      </tbody>
    </table>
  </div>
  <?cs /if ?>
</section>

<?cs if:Page.MayEdit == 1 ?>
<section class="section" aria-labelledby="new-title">
  <h2 class="section-title" id="new-title">新建事项</h2>
  <?cs if:Form.Error ?><div class="alert alert-error" role="alert"><?cs var:Form.Error ?></div><?cs /if ?>
  <form class="form" method="post" action="/catalog/new">
    <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
    <div class="field">
      <label for="n-code">事项编码</label>
      <input id="n-code" name="code" type="text" value="<?cs var:Form.code ?>" maxlength="40" pattern="[A-Za-z0-9\-]{3,40}" spellcheck="false" aria-describedby="n-code-help" required>
      <p class="help" id="n-code-help">区划代码-部门-类别-序号，例如 152502-SCJG-XK-002。建成后不能修改。</p>
    </div>
    <div class="field">
      <label for="n-name">事项名称</label>
      <input id="n-name" name="name" type="text" value="<?cs var:Form.name ?>" maxlength="200" required>
    </div>
    <div class="field">
      <label for="n-dept">实施部门</label>
      <select id="n-dept" name="dept_code" required>
        <option value="">请选择</option>
        <?cs each:d = Depts ?><option value="<?cs var:d.code ?>"<?cs if:d.code == Form.dept_code ?> selected<?cs /if ?>><?cs var:d.name ?></option><?cs /each ?>
      </select>
    </div>
    <div class="field">
      <label for="n-kind">事项类型</label>
      <select id="n-kind" name="kind" required>
        <?cs each:k = Opts.Kinds ?><option<?cs if:k == Form.kind ?> selected<?cs /if ?>><?cs var:k ?></option><?cs /each ?>
      </select>
    </div>
    <div class="field">
      <label for="n-level">实施层级</label>
      <select id="n-level" name="level" required>
        <?cs each:l = Opts.Levels ?><option<?cs if:l == Form.level ?> selected<?cs elif:!Form.level && l == "县级" ?> selected<?cs /if ?>><?cs var:l ?></option><?cs /each ?>
      </select>
    </div>
    <p class="help">新事项先建成草稿，带有「受理 → 审查 → 决定」的基本流程；建好后请在下一页补全办事指南的各项要素。</p>
    <div class="form-actions">
      <button class="btn btn-primary" type="submit">新建草稿</button>
    </div>
  </form>
</section>
<?cs /if ?>
