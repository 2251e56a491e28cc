<?cs # int/sup_ops.cs: GET /sup/ops, the business operations of the
       intranet's staff (SUP-3): a filter form (GET: staff login, Depts.N
       {code,name,selected}, day), Ops.N {at,login,staff_name,dept_name,
       kind,kind_label,label,case_id,app_no,addr ("—" when not recorded)},
       Next.{at,id} the next page's key; Form.Error when a filter is
       malformed. ?>
<?cs include:"int/sup_nav.cs" ?>
<header class="page-head">
  <h1>操作监察</h1>
  <p class="page-sub">内网工作人员的业务操作：登录、办理、签署意见、出具文书、催办和委托，谁在何时从哪台电脑（网络地址）做了什么，最新的在前。地址记为「—」的，是本功能启用前的记录或系统自动处理。系统安全审计记录只由审计管理员查阅，不在此列。</p>
</header>
<?cs if:Form.Error ?><p class="alert alert-error" role="alert"><?cs var:Form.Error ?></p><?cs /if ?>
<form class="form search-fields" method="get" action="/sup/ops">
  <div class="field"><label for="f-staff">工作人员（登录名）</label><input id="f-staff" name="staff" type="text" value="<?cs var:Filter.staff ?>" maxlength="40" autocapitalize="off" spellcheck="false"></div>
  <div class="field"><label for="f-dept">部门</label><select id="f-dept" name="dept"><option value="">全部部门</option><?cs each:d = Depts ?><option value="<?cs var:d.code ?>"<?cs if:d.selected ?> selected<?cs /if ?>><?cs var:d.name ?></option><?cs /each ?></select></div>
  <div class="field"><label for="f-day">日期</label><input id="f-day" name="day" type="date" value="<?cs var:Filter.day ?>"></div>
  <p><button class="btn btn-primary" type="submit">查询</button> <a class="btn btn-plain" href="/sup/ops">清除条件</a></p>
</form>
<section class="section">
  <?cs if:subcount(Ops) == 0 ?><div class="empty"><p>没有符合条件的操作记录。</p></div><?cs else ?>
  <div class="table-wrap">
    <table class="grid reflow" id="ops">
      <thead><tr><th scope="col">时间</th><th scope="col">工作人员</th><th scope="col">部门</th><th scope="col">操作</th><th scope="col">内容</th><th scope="col">办件</th><th scope="col">地址</th></tr></thead>
      <tbody>
        <?cs each:o = Ops ?><tr data-kind="<?cs var:o.kind ?>">
          <td class="nowrap" data-label="时间"><?cs var:o.at ?></td>
          <td class="nowrap" data-label="工作人员"><a href="/sup/ops?staff=<?cs var:url_escape(o.login) ?>"><?cs var:o.staff_name ?></a></td>
          <td data-label="部门"><?cs var:o.dept_name ?></td>
          <td class="nowrap" data-label="操作"><?cs var:o.kind_label ?></td>
          <td data-label="内容"><?cs var:o.label ?></td>
          <td class="nowrap" data-label="办件"><?cs if:o.case_id ?><a class="mono" href="/sup/case?id=<?cs var:url_escape(o.case_id) ?>"><?cs var:o.app_no ?></a><?cs else ?><span class="muted">—</span><?cs /if ?></td>
          <td class="nowrap mono" data-label="地址"><?cs var:o.addr ?></td>
        </tr><?cs /each ?>
      </tbody>
    </table>
  </div>
  <?cs /if ?>
  <?cs if:Next.at || Filter.paged ?>
  <p class="actions"><?cs if:Filter.paged ?><a class="btn btn-plain" href="/sup/ops?staff=<?cs var:url_escape(Filter.staff) ?>&amp;dept=<?cs var:url_escape(Filter.dept) ?>&amp;day=<?cs var:url_escape(Filter.day) ?>">最新</a> <?cs /if ?><?cs if:Next.at ?><a class="btn btn-plain" rel="next" href="/sup/ops?staff=<?cs var:url_escape(Filter.staff) ?>&amp;dept=<?cs var:url_escape(Filter.dept) ?>&amp;day=<?cs var:url_escape(Filter.day) ?>&amp;before_at=<?cs var:url_escape(Next.at) ?>&amp;before_id=<?cs var:url_escape(Next.id) ?>">更早</a><?cs /if ?></p>
  <?cs /if ?>
</section>
