<?cs # int/admin_dept.cs: GET/POST /admin/dept, one department:
       Form.{edit,code,name,abbr,region,hall,address,phone};
       Regions.N.{code,name,level_name,parent_name,selected};
       Halls.N.{code,name,region_name,selected}; on an edit
       Dept.{region_name,staff} and Windows.N.{code,name,hall_name}. ?>
<?cs include:"int/admin_nav.cs" ?>
<section class="form-page">
  <h1><?cs if:Form.edit == "1" ?>修改部门<?cs else ?>新增部门<?cs /if ?></h1>
  <p class="page-sub">文号简称用于本部门出具文书的编号，例如“锡市监许〔2026〕0001号”中的“锡市监”。<?cs if:Form.edit == "1" ?>部门编码不能修改。<?cs /if ?></p>
  <?cs call:form_error() ?>
  <form class="form" method="post" action="/admin/dept">
    <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
    <?cs if:Form.edit == "1" ?><input type="hidden" name="edit" value="1"><?cs /if ?>
    <div class="field">
      <label for="f-code">部门编码</label>
      <input id="f-code" name="code" type="text" value="<?cs var:Form.code ?>" maxlength="32" pattern="[A-Za-z0-9\-]{1,32}" spellcheck="false" autocapitalize="off" required<?cs if:Form.edit == "1" ?> readonly<?cs /if ?><?cs call:invalid("code") ?> aria-describedby="f-code-help">
      <p class="help" id="f-code-help">字母、数字或“-”，不超过 32 位，例如 SCJGJ。</p>
    </div>
    <div class="field">
      <label for="f-name">部门名称</label>
      <input id="f-name" name="name" type="text" value="<?cs var:Form.name ?>" maxlength="100" required<?cs call:invalid("name") ?>>
    </div>
    <div class="field">
      <label for="f-abbr">文号简称</label>
      <input id="f-abbr" name="abbr" type="text" value="<?cs var:Form.abbr ?>" maxlength="20" required<?cs call:invalid("abbr") ?>>
    </div>
    <div class="field">
      <label for="f-region">所在区划</label>
      <select id="f-region" name="region"<?cs call:invalid("region") ?>>
        <option value="">（未指定<?cs if:Dept.region_name && !Form.region ?>：<?cs var:Dept.region_name ?><?cs /if ?>）</option>
        <?cs each:g = Regions ?><option value="<?cs var:g.code ?>"<?cs if:g.selected ?> selected<?cs /if ?>><?cs var:g.name ?>（<?cs var:g.level_name ?><?cs if:g.parent_name ?>，<?cs var:g.parent_name ?><?cs /if ?>）</option><?cs /each ?>
      </select>
    </div>
    <div class="field">
      <label for="f-hall">服务大厅</label>
      <select id="f-hall" name="hall"<?cs call:invalid("hall") ?> aria-describedby="f-hall-help">
        <option value="">（未指定）</option>
        <?cs each:h = Halls ?><option value="<?cs var:h.code ?>"<?cs if:h.selected ?> selected<?cs /if ?>><?cs var:h.name ?>（<?cs var:h.region_name ?>）</option><?cs /each ?>
      </select>
      <p class="help" id="f-hall-help">部门进驻的大厅须在部门所在区划；只选大厅时，区划取大厅所在区划。</p>
    </div>
    <div class="field">
      <label for="f-address">办公地址</label>
      <input id="f-address" name="address" type="text" value="<?cs var:Form.address ?>" maxlength="200"<?cs call:invalid("address") ?>>
    </div>
    <div class="field">
      <label for="f-phone">咨询电话</label>
      <input id="f-phone" name="phone" type="tel" value="<?cs var:Form.phone ?>" maxlength="40"<?cs call:invalid("phone") ?>>
    </div>
    <div class="form-actions">
      <button class="btn btn-primary" type="submit">保存</button>
      <a class="btn btn-plain" href="/admin">返回</a>
    </div>
  </form>
  <?cs if:Form.edit == "1" ?>
  <h2 class="section-title">窗口</h2>
  <?cs if:subcount(Windows) == 0 ?>
  <p class="muted">本部门还没有窗口。</p>
  <?cs else ?>
  <ul>
    <?cs each:w = Windows ?><li><a href="/admin/window?dept=<?cs var:url_escape(Form.code) ?>&amp;code=<?cs var:url_escape(w.code) ?>"><?cs var:w.name ?></a> <span class="mono small muted"><?cs var:w.code ?></span><?cs if:w.hall_name ?> <span class="small">（<?cs var:w.hall_name ?>）</span><?cs /if ?></li><?cs /each ?>
  </ul>
  <?cs /if ?>
  <p class="form-alt small">
    <a href="/admin/window?dept=<?cs var:url_escape(Form.code) ?>">添加窗口</a> ·
    <a href="/admin/staff?dept=<?cs var:url_escape(Form.code) ?>">在用工作人员 <?cs var:Dept.staff ?> 人</a> ·
    <a href="/admin/staff/edit?dept=<?cs var:url_escape(Form.code) ?>">新增工作人员</a>
  </p>
  <?cs /if ?>
</section>
