<?cs # int/agency_rows.cs: the projects' table of /agency and /sup/agency
       (INT-14): Projects.N.{id,name,kind,investor,coordinator,items,
       doing,done,todo,created_at,light,due_text}; link: whether the names
       open the project page (the coordinator's and a supervisor's). ?>
<?cs def:agency_rows(link) ?>
<div class="table-wrap">
  <table class="grid reflow">
    <thead><tr><th scope="col">项目</th><th scope="col">投资企业</th><th scope="col">代理协调员</th><th scope="col" class="num">事项</th><th scope="col" class="num">已办结</th><th scope="col" class="num">办理中</th><th scope="col" class="num">待申请</th><th scope="col">最紧的期限</th></tr></thead>
    <tbody>
      <?cs each:p = Projects ?>
      <tr>
        <td data-label="项目"><?cs if:link == 1 ?><a href="/agency/project?id=<?cs var:url_escape(p.id) ?>"><?cs var:p.name ?></a><?cs else ?><?cs var:p.name ?><?cs /if ?><br><span class="small muted"><?cs var:p.kind ?> · 登记于 <?cs var:p.created_at ?></span></td>
        <td data-label="投资企业"><?cs var:p.investor ?></td>
        <td data-label="代理协调员"><?cs var:p.coordinator ?></td>
        <td data-label="事项" class="num"><?cs var:p.items ?></td>
        <td data-label="已办结" class="num"><?cs var:p.done ?></td>
        <td data-label="办理中" class="num"><?cs var:p.doing ?></td>
        <td data-label="待申请" class="num"><?cs var:p.todo ?></td>
        <td data-label="最紧的期限"><?cs if:p.light ?><span class="light light-<?cs var:p.light ?>"><?cs var:p.due_text ?></span><?cs else ?><span class="muted">没有在办环节</span><?cs /if ?></td>
      </tr>
      <?cs /each ?>
    </tbody>
  </table>
</div>
<?cs /def ?>
