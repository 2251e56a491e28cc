<?cs # int/admin_region.cs: GET/POST /admin/region, one region:
       Form.{edit,code,name,level,parent}; Levels.N.{level,name,selected};
       Parents.N.{code,name,level,level_name,parent_name,selected} the
       regions that may be its parent; on an edit Region.{level_name,
       hall_kind}. ?>
<?cs include:"int/admin_nav.cs" ?>
<section class="form-page">
  <h1><?cs if:Form.edit == "1" ?>修改区划<?cs else ?>新增区划<?cs /if ?></h1>
  <p class="page-sub">每个区划属于四级中的一级，其上级区划须是上一级。<?cs if:Form.edit == "1" ?>区划代码不能修改。<?cs /if ?></p>
  <?cs call:form_error() ?>
  <form class="form" method="post" action="/admin/region">
    <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
    <?cs if:Form.edit == "1" ?><input type="hidden" name="edit" value="1"><?cs /if ?>
    <div class="field">
      <label for="f-code">区划代码</label>
      <input id="f-code" name="code" type="text" value="<?cs var:Form.code ?>" maxlength="12" pattern="[A-Za-z0-9\-]{1,12}" spellcheck="false" autocapitalize="off" required<?cs if:Form.edit == "1" ?> readonly<?cs /if ?><?cs call:invalid("code") ?> aria-describedby="f-code-help">
      <p class="help" id="f-code-help">统计用区划代码，例如 152502（旗县）、152502100（苏木乡镇）、152502100201（嘎查村）；字母、数字或“-”，不超过 12 位。</p>
    </div>
    <div class="field">
      <label for="f-name">名称</label>
      <input id="f-name" name="name" type="text" value="<?cs var:Form.name ?>" maxlength="100" required<?cs call:invalid("name") ?>>
    </div>
    <div class="field">
      <label for="f-level">层级</label>
      <select id="f-level" name="level" required<?cs call:invalid("level") ?>>
        <?cs each:l = Levels ?><option value="<?cs var:l.level ?>"<?cs if:l.selected ?> selected<?cs /if ?>>第 <?cs var:l.level ?> 级：<?cs var:l.name ?></option><?cs /each ?>
      </select>
    </div>
    <div class="field">
      <label for="f-parent">上级区划</label>
      <select id="f-parent" name="parent"<?cs call:invalid("parent") ?> aria-describedby="f-parent-help">
        <option value="">（无上级，作为最高一级）</option>
        <?cs each:p = Parents ?><option value="<?cs var:p.code ?>"<?cs if:p.selected ?> selected<?cs /if ?>><?cs var:p.name ?>（<?cs var:p.level_name ?><?cs if:p.parent_name ?>，<?cs var:p.parent_name ?><?cs /if ?>）</option><?cs /each ?>
      </select>
      <p class="help" id="f-parent-help">新区划的层级须比上级区划低一级。</p>
    </div>
    <div class="form-actions">
      <button class="btn btn-primary" type="submit">保存</button>
      <a class="btn btn-plain" href="/admin">返回</a>
    </div>
  </form>
  <?cs if:Form.edit == "1" ?>
  <p class="form-alt small">
    <?cs if:Form.level < 4 ?><a href="/admin/region?parent=<?cs var:url_escape(Form.code) ?>">添加下级区划</a> · <?cs /if ?>
    <a href="/admin/hall?region=<?cs var:url_escape(Form.code) ?>">设立<?cs var:Region.hall_kind ?></a>
  </p>
  <?cs /if ?>
</section>
