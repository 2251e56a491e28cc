<?cs # int/admin_audit.cs: GET /admin/audit?object=…&before=…, the audit
       trail of organisation changes, newest first, 50 a page:
       Audit.N.{id,at,actor,action,action_label,object,detail} (at in
       Beijing time; detail JSON: values set, or [old, new] per changed
       field); Filter.{object,paged}; Next.before when there are more. ?>
<?cs include:"int/admin_nav.cs" ?>
<header class="page-head">
  <h1>变更记录<?cs if:Filter.object ?> <span class="count mono"><?cs var:Filter.object ?></span><?cs /if ?></h1>
  <p class="page-sub">区划、大厅、部门、窗口和工作人员的每一次变更，按时间倒序；记录只增不改。</p>
</header>
<form class="actions" method="get" action="/admin/audit">
  <label class="visually-hidden" for="f-object">对象</label>
  <input id="f-object" name="object" type="search" value="<?cs var:Filter.object ?>" maxlength="100" placeholder="对象，例如 staff:liuxiaomei 或 region:152502" spellcheck="false" autocapitalize="off">
  <button class="btn btn-plain" type="submit">查找</button>
  <?cs if:Filter.object || Filter.paged ?><a class="btn btn-plain" href="/admin/audit">全部最新</a><?cs /if ?>
</form>
<?cs if:subcount(Audit) == 0 ?>
<div class="empty"><p>没有变更记录。</p></div>
<?cs else ?>
<div class="table-wrap">
  <table class="grid reflow">
    <thead><tr><th scope="col">时间</th><th scope="col">操作人</th><th scope="col">操作</th><th scope="col">对象</th><th scope="col">内容</th></tr></thead>
    <tbody>
      <?cs each:a = Audit ?>
      <tr>
        <td class="nowrap" data-label="时间"><?cs var:a.at ?></td>
        <td class="mono" data-label="操作人"><?cs var:a.actor ?></td>
        <td class="nowrap" data-label="操作"><?cs var:a.action_label ?></td>
        <td class="mono" data-label="对象"><a href="/admin/audit?object=<?cs var:url_escape(a.object) ?>"><?cs var:a.object ?></a></td>
        <td class="mono small file" data-label="内容"><?cs var:a.detail ?></td>
      </tr>
      <?cs /each ?>
    </tbody>
  </table>
</div>
<?cs if:Next.before ?>
<p class="actions"><a class="btn btn-plain" href="/admin/audit?<?cs if:Filter.object ?>object=<?cs var:url_escape(Filter.object) ?>&amp;<?cs /if ?>before=<?cs var:Next.before ?>">更早的记录</a></p>
<?cs /if ?>
<?cs /if ?>
