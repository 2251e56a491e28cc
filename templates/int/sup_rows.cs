<?cs # int/sup_rows.cs: def sup_rows(list): a table of cases as the
       supervision lists show them (id, app_no, item_name, applicant_name
       (masked for observers), dept_name, state, state_label, received_at,
       and due, light, due_text when the case runs against a deadline),
       each linking to /sup/case. ?>
<?cs def:sup_rows(list) ?>
<div class="table-wrap">
  <table class="grid reflow rowlink">
    <thead><tr><th scope="col">申请编号</th><th scope="col">事项</th><th scope="col">申请人</th><th scope="col">部门</th><th scope="col">状态</th><th scope="col">期限</th><th scope="col">收件时间</th></tr></thead>
    <tbody>
      <?cs each:c = list ?>
      <tr>
        <td class="nowrap" data-label="申请编号"><a class="mono row-main" href="/sup/case?id=<?cs var:url_escape(c.id) ?>"><?cs var:c.app_no ?></a></td>
        <td data-label="事项"><?cs var:c.item_name ?></td>
        <td class="nowrap" data-label="申请人"><?cs var:c.applicant_name ?></td>
        <td data-label="部门"><?cs var:c.dept_name ?></td>
        <td data-label="状态"><span class="badge st-<?cs var:c.state ?>"><?cs var:c.state_label ?></span></td>
        <td class="nowrap" data-label="期限"><?cs if:c.due ?><span class="light light-<?cs var:c.light ?>"><?cs var:c.due_text ?></span><br><span class="small muted">期限 <?cs var:c.due ?></span><?cs else ?><span class="muted">不计期限</span><?cs /if ?></td>
        <td class="nowrap" data-label="收件时间"><?cs var:c.received_at ?></td>
      </tr>
      <?cs /each ?>
    </tbody>
  </table>
</div>
<?cs /def ?>
