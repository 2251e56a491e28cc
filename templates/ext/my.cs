<?cs # ext/my.cs: the logged-in citizen's applications (Apps.N). ?>
<header class="page-head">
  <h1>我的办件</h1>
</header>
<?cs if:subcount(Apps) == 0 ?>
<div class="empty">
  <p>您还没有办件。去「<a href="/">办事指南</a>」选择事项在线申请。</p>
</div>
<?cs else ?>
<div class="table-wrap">
  <table class="grid reflow">
    <thead>
      <tr><th scope="col">申请编号</th><th scope="col">事项</th><th scope="col">状态</th><th scope="col">提交时间</th><th scope="col">最近更新</th></tr>
    </thead>
    <tbody>
      <?cs each:a = Apps ?>
      <tr>
        <td class="nowrap" data-label="申请编号"><a class="mono" href="/app?no=<?cs var:url_escape(a.app_no) ?>"><?cs var:a.app_no ?></a></td>
        <td data-label="事项"><a href="/app?no=<?cs var:url_escape(a.app_no) ?>"><?cs var:a.item_name ?></a></td>
        <td data-label="状态"><span class="badge"><?cs var:a.state_label ?></span></td>
        <td class="nowrap" data-label="提交时间"><?cs var:a.submitted_at ?></td>
        <td class="nowrap" data-label="最近更新"><?cs var:a.updated_at ?></td>
      </tr>
      <?cs /each ?>
    </tbody>
  </table>
</div>
<p class="muted small">点击申请编号查看办理进度和办理文书。</p>
<?cs /if ?>
