<?cs # int/admin_hall.cs: GET/POST /admin/hall, one service hall:
       Form.{edit,code,name,region,address,phone,hours};
       Regions.N.{code,name,level,level_name,parent_name,selected}; on an
       edit Hall.kind (政务服务中心 / 便民服务中心 / 便民服务室). ?>
<?cs include:"int/admin_nav.cs" ?>
<section class="form-page">
  <h1><?cs if:Form.edit == "1" ?>修改服务大厅<?cs else ?>新增服务大厅<?cs /if ?></h1>
  <p class="page-sub">旗县以上设政务服务中心，苏木乡镇设便民服务中心，嘎查村社区设便民服务室。<?cs if:Form.edit == "1" ?>编码不能修改。<?cs /if ?></p>
  <?cs call:form_error() ?>
  <form class="form" method="post" action="/admin/hall">
    <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
    <?cs if:Form.edit == "1" ?><input type="hidden" name="edit" value="1"><?cs /if ?>
    <div class="field">
      <label for="f-code">编码</label>
      <input id="f-code" name="code" type="text" value="<?cs var:Form.code ?>" maxlength="32" pattern="[A-Za-z0-9\-]{1,32}" spellcheck="false" autocapitalize="off" required<?cs if:Form.edit == "1" ?> readonly<?cs /if ?><?cs call:invalid("code") ?> aria-describedby="f-code-help">
      <p class="help" id="f-code-help">字母、数字或“-”，不超过 32 位，例如 XLHT-ZWZX。</p>
    </div>
    <div class="field">
      <label for="f-name">名称</label>
      <input id="f-name" name="name" type="text" value="<?cs var:Form.name ?>" maxlength="100" required<?cs call:invalid("name") ?>>
    </div>
    <div class="field">
      <label for="f-region">所在区划</label>
      <select id="f-region" name="region" required<?cs call:invalid("region") ?>>
        <option value="">请选择</option>
        <?cs each:g = Regions ?><option value="<?cs var:g.code ?>"<?cs if:g.selected ?> selected<?cs /if ?>><?cs var:g.name ?>（<?cs var:g.level_name ?><?cs if:g.parent_name ?>，<?cs var:g.parent_name ?><?cs /if ?>）</option><?cs /each ?>
      </select>
    </div>
    <div class="field">
      <label for="f-address">地址</label>
      <input id="f-address" name="address" type="text" value="<?cs var:Form.address ?>" maxlength="200"<?cs call:invalid("address") ?>>
    </div>
    <div class="field">
      <label for="f-phone">咨询电话</label>
      <input id="f-phone" name="phone" type="tel" value="<?cs var:Form.phone ?>" maxlength="40"<?cs call:invalid("phone") ?>>
    </div>
    <div class="field">
      <label for="f-hours">办公时间</label>
      <input id="f-hours" name="hours" type="text" value="<?cs var:Form.hours ?>" maxlength="200"<?cs call:invalid("hours") ?> aria-describedby="f-hours-help">
      <p class="help" id="f-hours-help">例如：周一至周五 9:00—12:00，13:30—17:30（法定节假日除外）</p>
    </div>
    <div class="form-actions">
      <button class="btn btn-primary" type="submit">保存</button>
      <a class="btn btn-plain" href="/admin">返回</a>
    </div>
  </form>
</section>
