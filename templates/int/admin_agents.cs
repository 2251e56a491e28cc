<?cs # int/admin_agents.cs: GET/POST /admin/agents, the agents (代办员,
       AGT-1): Agents.N.{id,name,area,active,created_at,cases}; the form
       of a new agent: Form.{name,id_number,mobile}, Regions.N.{code,name,
       level,parent,selected,checked} (townships level 3, villages 4). ?>
<?cs include:"int/admin_nav.cs" ?>
<header class="page-head">
  <h1>代办员 <span class="count"><?cs var:subcount(Agents) ?> 人</span></h1>
  <p class="page-sub">代办员是苏木乡镇、嘎查村为群众代办事项的人员，不是机关工作人员，不登录内网。账号在此开通，随数据交换送到外网，本人凭激活码在外网激活后，只能为服务区域内的居民代办。</p>
</header>
<section class="panel">
  <?cs if:subcount(Agents) == 0 ?>
  <p class="muted">还没有代办员。</p>
  <?cs else ?>
  <div class="table-wrap"><table class="grid reflow">
    <thead><tr><th scope="col">姓名</th><th scope="col">服务区域</th><th scope="col" class="num">代办件</th><th scope="col">开通时间</th><th scope="col">状态</th></tr></thead>
    <tbody><?cs each:a = Agents ?><tr>
      <td data-label="姓名"><?cs var:a.name ?></td>
      <td data-label="服务区域"><?cs var:a.area ?></td>
      <td data-label="代办件" class="num"><?cs var:a.cases ?></td>
      <td data-label="开通时间" class="nowrap"><?cs var:a.created_at ?></td>
      <td data-label="状态"><?cs if:a.active == "1" ?>在用
        <form class="inline-form" method="post" action="/admin/agents/deactivate">
          <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
          <input type="hidden" name="id" value="<?cs var:a.id ?>">
          <label class="check small"><input type="checkbox" name="confirm" value="1" required> 确认停用</label>
          <button class="btn btn-plain btn-small" type="submit">停用</button>
        </form><?cs else ?><span class="muted">已停用</span><?cs /if ?></td>
    </tr><?cs /each ?></tbody>
  </table></div>
  <?cs /if ?>
</section>
<section class="form-page">
  <h2>开通代办员账号</h2>
  <?cs call:form_error() ?>
  <form class="form" method="post" action="/admin/agents">
    <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
    <div class="field">
      <label for="f-name">姓名</label>
      <input id="f-name" name="name" type="text" value="<?cs var:Form.name ?>" maxlength="20" autocomplete="off" required>
    </div>
    <div class="field">
      <label for="f-id">居民身份证号码</label>
      <input id="f-id" name="id_number" type="text" value="<?cs var:Form.id_number ?>" maxlength="18" pattern="[0-9]{17}[0-9Xx]" autocomplete="off" spellcheck="false" required>
      <p class="help">请核对身份证原件。代办员在外网用这个号码和激活码激活账号。</p>
    </div>
    <div class="field">
      <label for="f-mobile">手机号码</label>
      <input id="f-mobile" name="mobile" type="tel" value="<?cs var:Form.mobile ?>" maxlength="11" pattern="1[3-9][0-9]{9}" autocomplete="off" required>
    </div>
    <div class="field">
      <label for="f-town">服务的苏木乡镇</label>
      <select id="f-town" name="township" required>
        <option value="">请选择</option>
        <?cs each:g = Regions ?><?cs if:g.level == "3" ?><option value="<?cs var:g.code ?>"<?cs if:g.selected ?> selected<?cs /if ?>><?cs var:g.name ?></option><?cs /if ?><?cs /each ?>
      </select>
    </div>
    <fieldset class="field">
      <legend>只服务其中的嘎查村（选填）</legend>
      <p class="help">不勾选：服务整个苏木乡镇。勾选：只服务所选的嘎查村（须属于上面选择的苏木乡镇）。</p>
      <?cs each:g = Regions ?><?cs if:g.level == "4" ?><label class="check"><input type="checkbox" name="v_<?cs var:g.code ?>" value="1"<?cs if:g.checked ?> checked<?cs /if ?>> <?cs var:g.name ?></label><?cs /if ?><?cs /each ?>
    </fieldset>
    <div class="form-actions">
      <button class="btn btn-primary" type="submit">开通并打印激活码</button>
    </div>
  </form>
</section>
