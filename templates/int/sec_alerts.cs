<?cs # int/sec_alerts.cs: GET /sec/alerts, the open security alerts
       (Alerts.N.{id,at,kind,kind_label,object,object_label,message},
       newest first, at most 200;
       Count.open counts them all); each row posts id and a note to
       /sec/alerts/resolve. ?>
<?cs include:"int/sec_nav.cs" ?>
<header class="page-head">
  <h1>安全警告 <span class="count"><?cs var:Count.open ?> 条未处理</span></h1>
  <p class="page-sub">数据包被篡改、记录被伪造、对端开始新的纪元等情况会在这里留下警告，导入的数据一条也没有写入。请逐条核查（与摆渡操作员和对端站点核实），写明情况后标记为已处理；处理记录进入审计日志，由审计管理员查阅。标题以「提示」开头的不是安全事件：收到的某条记录按本站规定未能应用，已单独搁置，其余记录照常导入；摆渡操作员重试（yiwang-gap retry）或作废（yiwang-gap discard）后，提示自动消除。</p>
</header>
<?cs if:Count.open == 0 ?>
<div class="empty"><p>现在没有未处理的安全警告。</p></div>
<?cs else ?>
<?cs each:a = Alerts ?>
<section class="panel" aria-labelledby="alert-<?cs var:a.id ?>">
  <h2 class="section-title" id="alert-<?cs var:a.id ?>"><?cs var:a.kind_label ?></h2>
  <p class="small muted"><span class="nowrap"><?cs var:a.at ?></span> · 第 <?cs var:a.id ?> 号警告 · <?cs var:a.object_label ?></p>
  <p class="pre-line"><?cs var:a.message ?></p>
  <form method="post" action="/sec/alerts/resolve">
    <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
    <input type="hidden" name="id" value="<?cs var:a.id ?>">
    <div class="field">
      <label for="note-<?cs var:a.id ?>">核查情况和处理结果</label>
      <textarea id="note-<?cs var:a.id ?>" name="note" rows="2" maxlength="500" required></textarea>
    </div>
    <button class="btn btn-plain" type="submit">标记为已处理</button>
  </form>
</section>
<?cs /each ?>
<?cs if:Count.open > subcount(Alerts) ?><p class="small muted">只列出最近 <?cs var:subcount(Alerts) ?> 条。</p><?cs /if ?>
<?cs /if ?>
