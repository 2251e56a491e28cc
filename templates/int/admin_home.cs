<?cs # int/admin_home.cs: GET /admin, the organisation at a glance:
       Totals.*, Levels.N.{level,name,hall_kind}, the region tree
       Regions.N.{code,name,level,level_name,hall_kind} with .Halls.M.{code,
       name,kind} and .Children.M (same keys, at most four levels deep),
       Depts.N.{code,name,abbr,region_name,hall_name,staff} with
       .Windows.M.{code,name,hall_name}; Cal.missing, a year whose
       holidays are not loaded that deadlines may reach. ?>
<?cs include:"int/admin_nav.cs" ?>
<?cs def:region(g) ?>
<span class="tree-node">
  <a href="/admin/region?code=<?cs var:url_escape(g.code) ?>"><strong><?cs var:g.name ?></strong></a>
  <span class="tag"><?cs var:g.level_name ?></span>
  <span class="mono small muted"><?cs var:g.code ?></span>
</span>
<span class="small">
  <?cs each:h = g.Halls ?><a href="/admin/hall?code=<?cs var:url_escape(h.code) ?>"><?cs var:h.name ?></a><?cs if:!last(h) ?>、<?cs /if ?><?cs /each ?>
  <?cs if:subcount(g.Halls) == 0 ?><a class="muted" href="/admin/hall?region=<?cs var:url_escape(g.code) ?>">设立<?cs var:g.hall_kind ?></a><?cs /if ?>
  <?cs if:g.level < 4 ?> · <a class="muted" href="/admin/region?parent=<?cs var:url_escape(g.code) ?>">添加下级</a><?cs /if ?>
</span>
<?cs /def ?>
<?cs if:Cal.missing ?>
<div class="alert alert-error" role="alert"><?cs var:Cal.missing ?> 年节假日安排尚未导入：期限跨入 <?cs var:Cal.missing ?> 年的办件只按周末计算，法定节假日会被算作工作日。请在国务院办公厅公布安排后<a href="/admin/calendar?year=<?cs var:Cal.missing ?>">导入 <?cs var:Cal.missing ?> 年安排</a>。</div>
<?cs /if ?>
<header class="page-head">
  <h1>系统管理</h1>
  <p class="page-sub">系统管理员的职责（三员分立）：管理区划、服务大厅、部门、窗口和工作人员信息，起草和修改<a href="/catalog">事项目录</a>（由另一人审核发布）。角色和密码由安全管理员设置，审计记录由审计管理员查阅；系统管理员不办理业务。</p>
  <p class="page-sub">区划 <?cs var:Totals.regions ?> 个 · 服务大厅 <?cs var:Totals.halls ?> 个 · 部门 <?cs var:Totals.depts ?> 个 · 窗口 <?cs var:Totals.windows ?> 个 · 在用工作人员 <?cs var:Totals.staff ?> 人</p>
  <p class="actions">
    <a class="btn btn-primary" href="/admin/staff/edit">新增工作人员</a>
    <a class="btn btn-plain" href="/admin/dept">新增部门</a>
    <a class="btn btn-plain" href="/admin/region">新增区划</a>
  </p>
</header>

<section class="section">
  <h2 class="section-title">区划与服务大厅</h2>
  <p class="small muted">层级：<?cs each:l = Levels ?><?cs var:l.name ?><?cs if:!last(l) ?> → <?cs /if ?><?cs /each ?>（<a href="/admin/levels">修改名称</a>）</p>
  <?cs if:subcount(Regions) == 0 ?>
  <div class="empty">
    <p>还没有区划。</p>
    <p><a href="/admin/region">新增第一个区划</a></p>
  </div>
  <?cs else ?>
  <ul class="org-tree">
    <?cs each:a = Regions ?><li><?cs call:region(a) ?>
      <?cs if:subcount(a.Children) > 0 ?><ul><?cs each:b = a.Children ?><li><?cs call:region(b) ?>
        <?cs if:subcount(b.Children) > 0 ?><ul><?cs each:c = b.Children ?><li><?cs call:region(c) ?>
          <?cs if:subcount(c.Children) > 0 ?><ul><?cs each:d = c.Children ?><li><?cs call:region(d) ?></li><?cs /each ?></ul><?cs /if ?>
        </li><?cs /each ?></ul><?cs /if ?>
      </li><?cs /each ?></ul><?cs /if ?>
    </li><?cs /each ?>
  </ul>
  <?cs /if ?>
</section>

<section class="section">
  <h2 class="section-title">部门与窗口</h2>
  <?cs if:subcount(Depts) == 0 ?>
  <p class="muted">还没有部门。<a href="/admin/dept">新增部门</a></p>
  <?cs else ?>
  <div class="table-wrap">
    <table class="grid reflow">
      <thead><tr><th scope="col">部门</th><th scope="col">文号简称</th><th scope="col">区划</th><th scope="col">服务大厅</th><th scope="col">窗口</th><th scope="col">在用人员</th></tr></thead>
      <tbody>
        <?cs each:d = Depts ?>
        <tr>
          <td data-label="部门"><a class="m-name" href="/admin/dept?code=<?cs var:url_escape(d.code) ?>"><?cs var:d.name ?></a> <span class="mono small muted"><?cs var:d.code ?></span></td>
          <td class="nowrap" data-label="文号简称"><?cs var:d.abbr ?></td>
          <td data-label="区划"><?cs if:d.region_name ?><?cs var:d.region_name ?><?cs else ?><span class="muted">未指定</span><?cs /if ?></td>
          <td data-label="服务大厅"><?cs if:d.hall_name ?><?cs var:d.hall_name ?><?cs else ?><span class="muted">未指定</span><?cs /if ?></td>
          <td data-label="窗口"><?cs each:w = d.Windows ?><a href="/admin/window?dept=<?cs var:url_escape(d.code) ?>&amp;code=<?cs var:url_escape(w.code) ?>"><?cs var:w.name ?></a><?cs if:!last(w) ?>、<?cs /if ?><?cs /each ?><?cs if:subcount(d.Windows) == 0 ?><span class="muted">无</span><?cs /if ?> · <a class="small" href="/admin/window?dept=<?cs var:url_escape(d.code) ?>">添加</a></td>
          <td class="nowrap" data-label="在用人员"><a href="/admin/staff?dept=<?cs var:url_escape(d.code) ?>"><?cs var:d.staff ?> 人</a></td>
        </tr>
        <?cs /each ?>
      </tbody>
    </table>
  </div>
  <?cs /if ?>
</section>
