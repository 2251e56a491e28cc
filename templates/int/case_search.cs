<?cs # int/case_search.cs: GET /case/search, 查找办件 (INT-11): the form
       (Filter.{no,name,item,light,from,to}, States.N.{state,label,
       selected}, Form.Error), and once searched (Searched) the cases of
       the user's department(s) that match, newest received first:
       Cases.N.{id,app_no,item_name,applicant_name,state_label,
       received_at} with due, light and due_text while a deadline runs;
       Next.{at,id}, the key of the next page; Filter.paged on a page
       after the first. ?>
<?cs def:search_q() ?>go=1<?cs if:Filter.no ?>&amp;no=<?cs var:url_escape(Filter.no) ?><?cs /if ?><?cs if:Filter.name ?>&amp;name=<?cs var:url_escape(Filter.name) ?><?cs /if ?><?cs if:Filter.item ?>&amp;item=<?cs var:url_escape(Filter.item) ?><?cs /if ?><?cs each:s = States ?><?cs if:s.selected ?>&amp;state=<?cs var:url_escape(s.state) ?><?cs /if ?><?cs /each ?><?cs if:Filter.light ?>&amp;light=<?cs var:url_escape(Filter.light) ?><?cs /if ?><?cs if:Filter.from ?>&amp;from=<?cs var:url_escape(Filter.from) ?><?cs /if ?><?cs if:Filter.to ?>&amp;to=<?cs var:url_escape(Filter.to) ?><?cs /if ?><?cs /def ?>
<nav class="crumbs" aria-label="位置"><a href="/inbox">待办件</a> › 查找办件</nav>
<header class="page-head">
  <h1>查找办件</h1>
  <p class="page-sub">查找本部门受理或参与办理的办件。可以只填一项，也可以几项同时填；申请编号可以只填前几位，申请人和事项可以只填其中几个字。身份证号码和手机号码加密保存，不能用来查找，请用申请人姓名。</p>
</header>
<form class="form" method="get" action="/case/search">
  <input type="hidden" name="go" value="1">
  <?cs if:Form.Error ?><div class="alert alert-error" role="alert"><?cs var:Form.Error ?></div><?cs /if ?>
  <div class="search-fields">
    <div class="field">
      <label for="f-no">申请编号</label>
      <input id="f-no" name="no" type="search" value="<?cs var:Filter.no ?>" maxlength="20" spellcheck="false" autocapitalize="off" placeholder="例如 YW20260930">
    </div>
    <div class="field">
      <label for="f-name">申请人</label>
      <input id="f-name" name="name" type="search" value="<?cs var:Filter.name ?>" maxlength="50">
    </div>
    <div class="field">
      <label for="f-item">事项名称或编码</label>
      <input id="f-item" name="item" type="search" value="<?cs var:Filter.item ?>" maxlength="100">
    </div>
    <div class="field">
      <label for="f-state">状态</label>
      <select id="f-state" name="state">
        <option value="">全部状态</option>
        <?cs each:s = States ?><option value="<?cs var:s.state ?>"<?cs if:s.selected ?> selected<?cs /if ?>><?cs var:s.label ?></option><?cs /each ?>
      </select>
    </div>
    <div class="field">
      <label for="f-light">亮灯（办理中的办件）</label>
      <select id="f-light" name="light">
        <option value="">不限</option>
        <option value="red"<?cs if:Filter.light == "red" ?> selected<?cs /if ?>>红灯：已超期</option>
        <option value="yellow"<?cs if:Filter.light == "yellow" ?> selected<?cs /if ?>>黄灯：今天到期</option>
        <option value="green"<?cs if:Filter.light == "green" ?> selected<?cs /if ?>>绿灯：在期限内</option>
      </select>
    </div>
    <div class="field">
      <label for="f-from">收件日期（起）</label>
      <input id="f-from" name="from" type="date" value="<?cs var:Filter.from ?>">
    </div>
    <div class="field">
      <label for="f-to">收件日期（止）</label>
      <input id="f-to" name="to" type="date" value="<?cs var:Filter.to ?>">
    </div>
  </div>
  <p class="actions"><button class="btn btn-primary" type="submit">查找</button> <a class="btn btn-plain" href="/case/search">清空条件</a></p>
</form>

<?cs if:Searched ?>
<section class="section">
  <h2 class="section-title">查找结果<?cs if:Filter.paged ?>（续）<?cs /if ?></h2>
  <p class="small muted">亮灯按办件当前的期限计算：等待受理的看受理期限，已受理的看承诺办结期限；已办结的办件不亮灯。最新收件的在前，每页 20 件。</p>
  <?cs if:subcount(Cases) == 0 ?>
  <div class="empty"><p><?cs if:Filter.paged ?>后面没有更多符合条件的办件了。<?cs else ?>本部门没有符合条件的办件。请减少或更改查询条件再试。<?cs /if ?></p></div>
  <?cs else ?>
  <div class="table-wrap">
    <table class="grid reflow rowlink">
      <thead>
        <tr><th scope="col">申请编号</th><th scope="col">事项</th><th scope="col">申请人</th><th scope="col">状态</th><th scope="col">期限</th><th scope="col">收件时间</th></tr>
      </thead>
      <tbody>
        <?cs each:c = Cases ?>
        <tr>
          <td class="nowrap" data-label="申请编号"><a class="mono row-main" href="/case?id=<?cs var:url_escape(c.id) ?>"><?cs var:c.app_no ?></a></td>
          <td data-label="事项"><a href="/case?id=<?cs var:url_escape(c.id) ?>"><?cs var:c.item_name ?></a></td>
          <td class="nowrap" data-label="申请人"><?cs var:c.applicant_name ?></td>
          <td data-label="状态"><span class="badge st-<?cs var:c.state ?>"><?cs var:c.state_label ?></span></td>
          <td class="nowrap" data-label="期限"><?cs if:c.due ?><span class="light light-<?cs var:c.light ?>"><?cs var:c.due_text ?></span><br><span class="small muted">期限 <?cs var:c.due ?></span><?cs else ?><span class="muted">—</span><?cs /if ?></td>
          <td class="nowrap" data-label="收件时间"><?cs var:c.received_at ?></td>
        </tr>
        <?cs /each ?>
      </tbody>
    </table>
  </div>
  <?cs /if ?>
  <p class="actions">
    <?cs if:Next.at ?><a class="btn btn-plain" href="/case/search?<?cs call:search_q() ?>&amp;before_at=<?cs var:url_escape(Next.at) ?>&amp;before_id=<?cs var:url_escape(Next.id) ?>">下一页</a><?cs /if ?>
    <?cs if:Filter.paged ?><a class="btn btn-plain" href="/case/search?<?cs call:search_q() ?>">回到第一页</a><?cs /if ?>
  </p>
</section>
<?cs /if ?>
