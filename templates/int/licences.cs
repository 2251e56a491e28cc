<?cs # int/licences.cs: GET /licences, the licence library (证照批文共享数据库,
       DOC-2): the search form (Form.{no,holder,item,state}) and the
       licences that match, newest first (Lics.N from view_licences()),
       a page at a time: Page.next, the key of the next page. ?>
<?cs def:lic_q() ?><?cs if:Form.no ?>&amp;no=<?cs var:url_escape(Form.no) ?><?cs /if ?><?cs if:Form.holder ?>&amp;holder=<?cs var:url_escape(Form.holder) ?><?cs /if ?><?cs if:Form.item ?>&amp;item=<?cs var:url_escape(Form.item) ?><?cs /if ?><?cs if:Form.state ?>&amp;state=<?cs var:url_escape(Form.state) ?><?cs /if ?><?cs /def ?>
<header class="page-head">
  <h1>证照库</h1>
  <p class="page-sub">准予许可时核发的电子证照（证照批文共享数据库）。可按证照编号、持证人（姓名或企业名称的开头几个字）、事项编码和状态查找；点开证照可查看、打印。吊销或注销由发证部门的负责人或审批领导在证照页面办理。</p>
</header>
<form class="form" method="get" action="/licences">
  <div class="search-fields">
    <div class="field">
      <label for="f-no">证照编号</label>
      <input id="f-no" name="no" type="search" value="<?cs var:Form.no ?>" maxlength="60" spellcheck="false" placeholder="例如 锡市监食许〔2026〕0001号">
    </div>
    <div class="field">
      <label for="f-holder">持证人</label>
      <input id="f-holder" name="holder" type="search" value="<?cs var:Form.holder ?>" maxlength="100">
    </div>
    <div class="field">
      <label for="f-item">事项编码</label>
      <input id="f-item" name="item" type="search" value="<?cs var:Form.item ?>" maxlength="40" spellcheck="false" placeholder="例如 152502-SCJG-XK-001">
    </div>
    <div class="field">
      <label for="f-state">状态</label>
      <select id="f-state" name="state">
        <option value="">全部</option>
        <option value="valid"<?cs if:Form.state == "valid" ?> selected<?cs /if ?>>有效</option>
        <option value="expired"<?cs if:Form.state == "expired" ?> selected<?cs /if ?>>已过期</option>
        <option value="revoked"<?cs if:Form.state == "revoked" ?> selected<?cs /if ?>>已吊销</option>
        <option value="cancelled"<?cs if:Form.state == "cancelled" ?> selected<?cs /if ?>>已注销</option>
      </select>
    </div>
  </div>
  <div class="form-actions"><button class="btn btn-primary" type="submit">查找</button> <a class="btn btn-plain" href="/licences">清除条件</a></div>
</form>
<?cs if:subcount(Lics) == 0 ?>
<div class="empty"><p>没有符合条件的证照。</p></div>
<?cs else ?>
<div class="table-wrap">
  <table class="grid reflow">
    <thead><tr><th scope="col">证照编号</th><th scope="col">证照</th><th scope="col">持证人</th><th scope="col">发证部门</th><th scope="col">有效期</th><th scope="col">状态</th></tr></thead>
    <tbody>
      <?cs each:l = Lics ?>
      <tr>
        <td class="nowrap" data-label="证照编号"><a class="mono" href="/licence?no=<?cs var:url_escape(l.no) ?>"><?cs var:l.no ?></a></td>
        <td data-label="证照"><?cs var:l.name ?><br><span class="small muted"><?cs var:l.item_name ?></span></td>
        <td data-label="持证人"><?cs var:l.holder ?><?cs if:l.credit_code ?><br><span class="small muted mono"><?cs var:l.credit_code ?></span><?cs /if ?></td>
        <td data-label="发证部门"><?cs var:l.issued_by ?><br><span class="small muted"><?cs var:l.issued_at ?></span></td>
        <td class="nowrap" data-label="有效期"><?cs var:l.valid_from ?> 至 <?cs var:l.valid_to ?></td>
        <td data-label="状态"><span class="badge<?cs if:l.state == "valid" ?> st-approved<?cs else ?> st-rejected<?cs /if ?>"><?cs var:l.state_label ?></span></td>
      </tr>
      <?cs /each ?>
    </tbody>
  </table>
</div>
<?cs if:Page.next ?><p class="actions"><a class="btn btn-plain" href="/licences?before=<?cs var:url_escape(Page.next) ?><?cs call:lic_q() ?>">更早的证照</a></p><?cs /if ?>
<?cs /if ?>
