<?cs # int/audit.cs: GET /audit?object=…&actor=…&kind=…&before=…, the
       audit administrator's home and only page (SEC-3, SEC-7): the whole
       audit trail, newest first, 50 a page:
       Audit.N.{id,at,actor,action,action_label,object,detail} (at in
       Beijing time; detail JSON for organisation changes: values set, or
       [old, new] per changed field); Filter.{object,actor,kind,paged};
       Kinds.N.{prefix,label,selected}; Next.before when there are more. ?>
<?cs def:audit_q(object, actor, kind) ?><?cs if:object ?>object=<?cs var:url_escape(object) ?>&amp;<?cs /if ?><?cs if:actor ?>actor=<?cs var:url_escape(actor) ?>&amp;<?cs /if ?><?cs if:kind ?>kind=<?cs var:url_escape(kind) ?>&amp;<?cs /if ?><?cs /def ?>
<header class="page-head">
  <h1>审计记录<?cs if:Filter.object ?> <span class="count mono"><?cs var:Filter.object ?></span><?cs /if ?><?cs if:Filter.actor ?> <span class="count mono"><?cs var:Filter.actor ?></span><?cs /if ?></h1>
  <p class="page-sub">审计管理员的职责：查阅系统中每一次操作的记录——组织机构和账号的变更、角色和密码的设置、事项目录的起草与发布、办件的每一步、摆渡包的导入。记录只增不改；系统管理员和安全管理员不能查阅，审计管理员也不能修改任何业务或配置（三员分立）。</p>
</header>
<form class="actions" method="get" action="/audit">
  <label class="visually-hidden" for="f-object">对象</label>
  <input id="f-object" name="object" type="search" value="<?cs var:Filter.object ?>" maxlength="100" placeholder="对象，例如 staff:liuxiaomei 或申请编号" spellcheck="false" autocapitalize="off">
  <label class="visually-hidden" for="f-actor">操作人</label>
  <input id="f-actor" name="actor" type="search" value="<?cs var:Filter.actor ?>" maxlength="60" placeholder="操作人登录名" spellcheck="false" autocapitalize="off">
  <label class="visually-hidden" for="f-kind">类别</label>
  <select id="f-kind" name="kind">
    <option value="">全部类别</option>
    <?cs each:k = Kinds ?><option value="<?cs var:k.prefix ?>"<?cs if:k.selected ?> selected<?cs /if ?>><?cs var:k.label ?></option><?cs /each ?>
  </select>
  <button class="btn btn-plain" type="submit">查找</button>
  <?cs if:Filter.object || Filter.actor || Filter.kind || Filter.paged ?><a class="btn btn-plain" href="/audit">全部最新</a><?cs /if ?>
</form>
<?cs if:subcount(Audit) == 0 ?>
<div class="empty"><p>没有审计记录。</p></div>
<?cs else ?>
<div class="table-wrap">
  <table class="grid reflow">
    <thead><tr><th scope="col">时间</th><th scope="col">操作人</th><th scope="col">操作</th><th scope="col">对象</th><th scope="col">内容</th></tr></thead>
    <tbody>
      <?cs each:a = Audit ?>
      <tr>
        <td class="nowrap" data-label="时间"><?cs var:a.at ?></td>
        <td class="mono" data-label="操作人"><a href="/audit?actor=<?cs var:url_escape(a.actor) ?>"><?cs var:a.actor ?></a></td>
        <td class="nowrap" data-label="操作"><?cs var:a.action_label ?></td>
        <td class="mono" data-label="对象"><a href="/audit?object=<?cs var:url_escape(a.object) ?>"><?cs var:a.object ?></a></td>
        <td class="mono small file" data-label="内容"><?cs var:a.detail ?></td>
      </tr>
      <?cs /each ?>
    </tbody>
  </table>
</div>
<?cs if:Next.before ?>
<p class="actions"><a class="btn btn-plain" href="/audit?<?cs call:audit_q(Filter.object, Filter.actor, Filter.kind) ?>before=<?cs var:Next.before ?>">更早的记录</a></p>
<?cs /if ?>
<?cs /if ?>
