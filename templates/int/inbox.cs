<?cs # int/inbox.cs: 待办件 (Cases.N) waiting for this user, and 已办件
       (Done.N) this user handled; both link to /case?id=. ?>
<?cs # state_class: Apps/Cases carry only state_label, so colour the badge
       from its wording (the badge classes of app.cs: st-approved,
       st-rejected, st-correction). ?>
<?cs def:state_class(label) ?><?cs if:string.find(label, "不予") >= 0 || string.find(label, "撤回") >= 0 || string.find(label, "终止") >= 0 ?> st-rejected<?cs elif:string.find(label, "准予") >= 0 || string.find(label, "办结") >= 0 ?> st-approved<?cs elif:string.find(label, "补正") >= 0 || string.find(label, "中止") >= 0 ?> st-correction<?cs /if ?><?cs /def ?>
<?cs def:case_rows(list) ?>
<div class="table-wrap">
  <table class="grid reflow rowlink">
    <thead>
      <tr><th scope="col">申请编号</th><th scope="col">事项</th><th scope="col">申请人</th><th scope="col">当前环节</th><th scope="col">状态</th><th scope="col">收件时间</th></tr>
    </thead>
    <tbody>
      <?cs each:c = list ?>
      <tr>
        <td class="nowrap" data-label="申请编号"><a class="mono row-main" href="/case?id=<?cs var:url_escape(c.id) ?>"><?cs var:c.app_no ?></a></td>
        <td data-label="事项"><a href="/case?id=<?cs var:url_escape(c.id) ?>"><?cs var:c.item_name ?></a></td>
        <td class="nowrap" data-label="申请人"><?cs var:c.applicant_name ?></td>
        <td class="nowrap" data-label="当前环节"><?cs var:c.step_name ?></td>
        <td data-label="状态"><span class="badge<?cs call:state_class(c.state_label) ?>"><?cs var:c.state_label ?></span></td>
        <td class="nowrap" data-label="收件时间"><?cs var:c.received_at ?></td>
      </tr>
      <?cs /each ?>
    </tbody>
  </table>
</div>
<?cs /def ?>
<header class="page-head">
  <h1>待办件 <span class="count"><?cs var:subcount(Cases) ?> 件</span></h1>
  <p class="page-sub">请注意各环节的办理时限。点击申请编号进入办件。</p>
</header>

<section class="section">
  <?cs if:subcount(Cases) == 0 ?>
  <div class="empty">
    <p>暂无待办件。</p>
    <p class="muted">新的网上申请由外网导入后会出现在这里。</p>
  </div>
  <?cs else ?>
  <?cs call:case_rows(Cases) ?>
  <?cs /if ?>
</section>

<section class="section">
  <h2 class="section-title">已办件</h2>
  <?cs if:subcount(Done) == 0 ?>
  <p class="muted">您还没有经办过办件。</p>
  <?cs else ?>
  <?cs call:case_rows(Done) ?>
  <?cs /if ?>
</section>
