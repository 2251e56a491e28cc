<?cs # int/sup_warnings.cs: GET /sup/warnings, 预警记录 (SUP-1, SUP-2): both
       insert-only ledgers, newest first, 30 a page:
       Rows.N.{src (a: abnormal, d: red light),rule,rule_name,why,app_no,
       case_id,dept,at (Beijing)}; the filters Filter.{rule,dept,from,to,
       paged}, Rules.N.{key,name}, Depts.N.{code,name,selected};
       Next.{at,src,id},
       the key of the next page; Form.Error (422). ?>
<?cs def:warn_q() ?><?cs if:Filter.rule ?>rule=<?cs var:url_escape(Filter.rule) ?>&amp;<?cs /if ?><?cs if:Filter.dept ?>dept=<?cs var:url_escape(Filter.dept) ?>&amp;<?cs /if ?><?cs if:Filter.from ?>from=<?cs var:url_escape(Filter.from) ?>&amp;<?cs /if ?><?cs if:Filter.to ?>to=<?cs var:url_escape(Filter.to) ?>&amp;<?cs /if ?><?cs /def ?>
<?cs include:"int/sup_nav.cs" ?>
<header class="page-head">
  <h1>预警记录</h1>
  <p class="page-sub">办件环节超期的红灯警告和异常预警，最新的在前。预警一经写入，任何人都不能修改或删除。每条预警按哪条规则、为什么触发，见<a href="/sup/rules">预警规则</a>。</p>
</header>
<form class="form" method="get" action="/sup/warnings">
  <?cs if:Form.Error ?><div class="alert alert-error" role="alert"><?cs var:Form.Error ?></div><?cs /if ?>
  <div class="search-fields">
    <div class="field">
      <label for="f-rule">预警规则</label>
      <select id="f-rule" name="rule">
        <option value="">全部规则</option>
        <?cs each:u = Rules ?><option value="<?cs var:u.key ?>"<?cs if:u.key == Filter.rule ?> selected<?cs /if ?>><?cs var:u.name ?></option><?cs /each ?>
      </select>
    </div>
    <div class="field">
      <label for="f-dept">部门</label>
      <select id="f-dept" name="dept">
        <option value="">全部部门</option>
        <?cs each:d = Depts ?><option value="<?cs var:d.code ?>"<?cs if:d.selected ?> selected<?cs /if ?>><?cs var:d.name ?></option><?cs /each ?>
      </select>
    </div>
    <div class="field">
      <label for="f-from">预警日期（起）</label>
      <input id="f-from" name="from" type="date" value="<?cs var:Filter.from ?>">
    </div>
    <div class="field">
      <label for="f-to">预警日期（止）</label>
      <input id="f-to" name="to" type="date" value="<?cs var:Filter.to ?>">
    </div>
  </div>
  <p class="actions"><button class="btn btn-primary" type="submit">查看</button> <a class="btn btn-plain" href="/sup/warnings">全部最新</a></p>
</form>
<?cs if:!Form.Error ?>
<section class="section">
  <h2 class="section-title">预警<?cs if:Filter.paged ?>（续）<?cs /if ?></h2>
  <?cs if:subcount(Rows) == 0 ?>
  <div class="empty"><p><?cs if:Filter.paged ?>后面没有更多的预警了。<?cs else ?>没有符合条件的预警。<?cs /if ?></p></div>
  <?cs else ?>
  <div class="table-wrap">
    <table class="grid reflow">
      <thead><tr><th scope="col">时间</th><th scope="col">规则</th><th scope="col">说明</th><th scope="col">办件</th><th scope="col">部门</th></tr></thead>
      <tbody>
        <?cs each:w = Rows ?>
        <tr>
          <td class="nowrap" data-label="时间"><?cs var:w.at ?></td>
          <td class="nowrap" data-label="规则"><?cs if:w.src == "d" ?><span class="light light-red"><?cs var:w.rule_name ?></span><?cs else ?><a href="/sup/rules#rule-<?cs var:url_escape(w.rule) ?>"><?cs var:w.rule_name ?></a><?cs /if ?></td>
          <td data-label="说明"><?cs var:w.why ?></td>
          <td class="nowrap" data-label="办件"><a class="mono" href="/sup/case?id=<?cs var:url_escape(w.case_id) ?>"><?cs var:w.app_no ?></a></td>
          <td data-label="部门"><?cs var:w.dept ?></td>
        </tr>
        <?cs /each ?>
      </tbody>
    </table>
  </div>
  <?cs if:Next.id ?>
  <p class="actions"><a class="btn btn-plain" href="/sup/warnings?<?cs call:warn_q() ?>after_at=<?cs var:url_escape(Next.at) ?>&amp;after_src=<?cs var:url_escape(Next.src) ?>&amp;after_id=<?cs var:url_escape(Next.id) ?>">更早的预警</a></p>
  <?cs /if ?>
  <?cs /if ?>
</section>
<?cs /if ?>
