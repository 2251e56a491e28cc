<?cs # int/admin_window.cs: GET/POST /admin/window, one window of a
       department: Form.{edit,dept,code,name,hall};
       Depts.N.{code,name,staff,selected}; Halls.N.{code,name,region_name,
       selected}; on an edit Window.dept_name. ?>
<?cs include:"int/admin_nav.cs" ?>
<section class="form-page">
  <h1><?cs if:Form.edit == "1" ?>修改窗口<?cs else ?>新增窗口<?cs /if ?></h1>
  <p class="page-sub">窗口属于一个部门，设在一个服务大厅。<?cs if:Form.edit == "1" ?>所属部门和窗口编号不能修改。<?cs /if ?></p>
  <?cs call:form_error() ?>
  <form class="form" method="post" action="/admin/window">
    <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
    <?cs if:Form.edit == "1" ?>
    <input type="hidden" name="edit" value="1">
    <input type="hidden" name="dept" value="<?cs var:Form.dept ?>">
    <p class="field"><strong>所属部门</strong><br><?cs each:d = Depts ?><?cs if:d.selected ?><?cs var:d.name ?><?cs /if ?><?cs /each ?> <span class="mono small muted"><?cs var:Form.dept ?></span></p>
    <?cs else ?>
    <div class="field">
      <label for="f-dept">所属部门</label>
      <select id="f-dept" name="dept" required<?cs call:invalid("dept") ?>>
        <option value="">请选择</option>
        <?cs each:d = Depts ?><option value="<?cs var:d.code ?>"<?cs if:d.selected ?> selected<?cs /if ?>><?cs var:d.name ?></option><?cs /each ?>
      </select>
    </div>
    <?cs /if ?>
    <div class="field">
      <label for="f-code">窗口编号</label>
      <input id="f-code" name="code" type="text" value="<?cs var:Form.code ?>" maxlength="32" pattern="[A-Za-z0-9\-]{1,32}" spellcheck="false" autocapitalize="off" required<?cs if:Form.edit == "1" ?> readonly<?cs /if ?><?cs call:invalid("code") ?> aria-describedby="f-code-help">
      <p class="help" id="f-code-help">字母、数字或“-”，不超过 32 位，例如 A01。</p>
    </div>
    <div class="field">
      <label for="f-name">窗口名称</label>
      <input id="f-name" name="name" type="text" value="<?cs var:Form.name ?>" maxlength="100" required<?cs call:invalid("name") ?>>
    </div>
    <div class="field">
      <label for="f-hall">所在大厅</label>
      <select id="f-hall" name="hall"<?cs call:invalid("hall") ?>>
        <option value="">（与部门进驻的大厅相同）</option>
        <?cs each:h = Halls ?><option value="<?cs var:h.code ?>"<?cs if:h.selected ?> selected<?cs /if ?>><?cs var:h.name ?>（<?cs var:h.region_name ?>）</option><?cs /each ?>
      </select>
    </div>
    <div class="form-actions">
      <button class="btn btn-primary" type="submit">保存</button>
      <a class="btn btn-plain" href="<?cs if:Form.dept ?>/admin/dept?code=<?cs var:url_escape(Form.dept) ?><?cs else ?>/admin<?cs /if ?>">返回</a>
    </div>
  </form>
</section>
