<?cs # ext/results.cs: GET /results, 办结公示 (PUB-1): the search form
       (Form.{item,dept,from,to,any}, Depts.N.{code,name,selected}); the
       results Results.N.{item_code,item_name,dept_name,decision,
       decision_label,decided_on,due_on,doc_no,applicant,published_on,
       late}; Private, how many results of private items the same search
       counts; Page.Next, the key of the next page; Page.Paged after the
       first. ?>
<?cs def:results_q() ?><?cs if:Form.item ?>&amp;item=<?cs var:url_escape(Form.item) ?><?cs /if ?><?cs if:Form.dept ?>&amp;dept=<?cs var:url_escape(Form.dept) ?><?cs /if ?><?cs if:Form.from ?>&amp;from=<?cs var:url_escape(Form.from) ?><?cs /if ?><?cs if:Form.to ?>&amp;to=<?cs var:url_escape(Form.to) ?><?cs /if ?><?cs /def ?>
<nav class="crumbs" aria-label="位置"><a href="/">首页</a> › 办结公示</nav>
<header class="page-head">
  <h1>办结公示</h1>
  <p class="page-sub">各部门办结的行政审批事项，在作出决定之日起 5 日内在此公示。为保护个人信息，申请人只显示姓名的第一个字，不公示身份证号码和电话；婚姻登记等涉及个人隐私的事项只公示件数。</p>
</header>
<form class="form form-wide" method="get" action="/results" role="search">
  <div class="search-fields">
    <div class="field">
      <label for="r-item">事项名称或编码</label>
      <input id="r-item" name="item" type="search" value="<?cs var:Form.item ?>" maxlength="40">
    </div>
    <div class="field">
      <label for="r-dept">办理部门</label>
      <select id="r-dept" name="dept">
        <option value="">全部部门</option>
        <?cs each:d = Depts ?><option value="<?cs var:d.code ?>"<?cs if:d.selected ?> selected<?cs /if ?>><?cs var:d.name ?></option><?cs /each ?>
      </select>
    </div>
    <div class="field">
      <label for="r-from">决定日期（起）</label>
      <input id="r-from" name="from" type="date" value="<?cs var:Form.from ?>">
    </div>
    <div class="field">
      <label for="r-to">决定日期（止）</label>
      <input id="r-to" name="to" type="date" value="<?cs var:Form.to ?>">
    </div>
  </div>
  <div class="form-actions">
    <button class="btn btn-primary" type="submit">查询</button>
    <?cs if:Form.any ?><a class="btn btn-plain" href="/results">清除条件</a><?cs /if ?>
  </div>
</form>

<section class="section" aria-labelledby="r-list">
  <h2 class="section-title" id="r-list"><?cs if:Form.any ?>查询结果<?cs else ?>最新公示<?cs /if ?></h2>
  <?cs if:subcount(Results) == 0 ?>
  <div class="empty"><p><?cs if:Form.any ?>没有符合条件的公示。可以少填一个条件再查。<?cs else ?>暂无公示。<?cs /if ?></p></div>
  <?cs else ?>
  <div class="table-wrap">
    <table class="grid reflow">
      <thead><tr><th scope="col">事项</th><th scope="col">办理部门</th><th scope="col">申请人</th><th scope="col">办理结果</th><th scope="col">决定日期</th><th scope="col">决定书文号</th></tr></thead>
      <tbody>
      <?cs each:x = Results ?>
      <tr>
        <td data-label="事项"><?cs var:x.item_name ?></td>
        <td data-label="办理部门"><?cs var:x.dept_name ?></td>
        <td data-label="申请人"><?cs var:x.applicant ?></td>
        <td data-label="办理结果"><span class="tag<?cs if:x.decision == "denied" ?> tag-req<?cs /if ?>"><?cs var:x.decision_label ?></span></td>
        <td data-label="决定日期"><span class="nowrap"><?cs var:x.decided_on ?></span><?cs if:x.late ?><br><span class="small late-note">逾期公示（应于 <?cs var:x.due_on ?> 前，<?cs var:x.published_on ?> 公示）</span><?cs /if ?></td>
        <td data-label="决定书文号" class="mono"><?cs var:x.doc_no ?></td>
      </tr>
      <?cs /each ?>
      </tbody>
    </table>
  </div>
  <?cs /if ?>
  <?cs if:Private > 0 ?><p class="muted">另有 <strong><?cs var:Private ?></strong> 件涉及个人隐私的事项（如婚姻登记）已办结，依法只公示件数，不逐件公示。</p><?cs /if ?>
  <p class="actions">
    <?cs if:Page.Paged ?><a class="btn btn-plain" href="/results?<?cs call:results_q() ?>">回到第一页</a><?cs /if ?>
    <?cs if:Page.Next ?><a class="btn" href="/results?before=<?cs var:url_escape(Page.Next) ?><?cs call:results_q() ?>">下一页</a><?cs /if ?>
  </p>
</section>
<p class="muted small">代办点的办件情况见<a href="/agents">代办点统计</a>；政策法规、通知公告见<a href="/news">信息公开</a>。</p>
