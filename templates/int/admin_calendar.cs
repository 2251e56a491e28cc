<?cs # int/admin_calendar.cs: GET/POST /admin/calendar, the working-day
       calendar (TIME-1): Cal.{year,prev,next,loaded,workdays,loaded_at,
       loaded_by,source}; Years.N.{year,loaded,current}; Days.N.{date,
       weekday,kind (off, work),name}; a refused POST fills Form.{day,kind,
       name,text,Error,Field}. ?>
<?cs include:"int/admin_nav.cs" ?>
<header class="page-head">
  <h1>工作日历 <?cs var:Cal.year ?> 年</h1>
  <p class="page-sub">办理期限按工作日计算：法定节假日不计，调休上班的星期六、星期日照常计算（行政许可法第八十二条）。每年的放假安排按国务院办公厅的通知导入，个别日子可在这里修改；每次导入和修改都记入审计日志。</p>
  <nav class="browse-tabs" aria-label="年份">
    <?cs each:y = Years ?><a href="/admin/calendar?year=<?cs var:y.year ?>"<?cs if:y.current ?> class="is-current" aria-current="page"<?cs /if ?>><?cs var:y.year ?> 年<?cs if:!y.loaded ?>（未导入）<?cs /if ?></a> <?cs /each ?>
  </nav>
</header>
<?cs call:form_error() ?>

<?cs if:Cal.loaded == 1 ?>
<section class="section">
  <p>全年工作日 <strong><?cs var:Cal.workdays ?></strong> 天。<span class="small muted">导入：<?cs var:Cal.loaded_by ?>，<?cs var:Cal.loaded_at ?>（<?cs var:Cal.source ?>）</span></p>
  <?cs if:subcount(Days) == 0 ?>
  <div class="empty"><p>这一年没有放假或调休的日子：星期一至星期五都是工作日。</p></div>
  <?cs else ?>
  <div class="table-wrap">
    <table class="grid reflow">
      <thead><tr><th scope="col">日期</th><th scope="col">星期</th><th scope="col">安排</th><th scope="col">名称</th><th scope="col">操作</th></tr></thead>
      <tbody>
        <?cs each:d = Days ?>
        <tr>
          <td class="mono nowrap" data-label="日期"><?cs var:d.date ?></td>
          <td data-label="星期"><?cs var:d.weekday ?></td>
          <td data-label="安排"><?cs if:d.kind == "work" ?><span class="tag">调休上班</span><?cs else ?><span class="tag tag-req">放假</span><?cs /if ?></td>
          <td data-label="名称"><?cs var:d.name ?></td>
          <td data-label="操作">
            <form method="post" action="/admin/calendar">
              <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
              <input type="hidden" name="op" value="day">
              <input type="hidden" name="year" value="<?cs var:Cal.year ?>">
              <input type="hidden" name="day" value="<?cs var:d.date ?>">
              <input type="hidden" name="kind" value="plain">
              <button class="btn btn-plain" type="submit">改为普通日</button>
            </form>
          </td>
        </tr>
        <?cs /each ?>
      </tbody>
    </table>
  </div>
  <?cs /if ?>
</section>

<section class="section">
  <h2 class="section-title">修改某一天</h2>
  <form class="form" method="post" action="/admin/calendar">
    <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
    <input type="hidden" name="op" value="day">
    <input type="hidden" name="year" value="<?cs var:Cal.year ?>">
    <div class="field">
      <label for="f-day">日期</label>
      <input id="f-day" name="day" type="date" min="<?cs var:Cal.year ?>-01-01" max="<?cs var:Cal.year ?>-12-31" value="<?cs var:Form.day ?>" required<?cs call:invalid("day") ?>>
    </div>
    <div class="field">
      <label for="f-kind">安排</label>
      <select id="f-kind" name="kind"<?cs call:invalid("kind") ?>>
        <option value="off"<?cs if:Form.kind == "off" ?> selected<?cs /if ?>>放假（休）</option>
        <option value="work"<?cs if:Form.kind == "work" ?> selected<?cs /if ?>>调休上班（班，只能是星期六或星期日）</option>
        <option value="plain"<?cs if:Form.kind == "plain" ?> selected<?cs /if ?>>普通日（星期一至五上班，周末休息）</option>
      </select>
    </div>
    <div class="field">
      <label for="f-name">名称</label>
      <input id="f-name" name="name" type="text" maxlength="20" value="<?cs var:Form.name ?>" placeholder="例如：国庆节" aria-describedby="f-name-help"<?cs call:invalid("name") ?>>
      <p class="help" id="f-name-help">20 个字以内，可不填。</p>
    </div>
    <div class="form-actions"><button class="btn btn-primary" type="submit">保存这一天</button></div>
  </form>
</section>
<?cs else ?>
<div class="alert alert-error" role="note"><?cs var:Cal.year ?> 年节假日安排尚未导入：这一年的期限只按周末计算，法定节假日会被算作工作日。请在国务院办公厅公布安排后导入。</div>
<?cs /if ?>

<section class="section">
  <h2 class="section-title"><?cs if:Cal.loaded == 1 ?>重新导入全年安排<?cs else ?>导入 <?cs var:Cal.year ?> 年安排<?cs /if ?></h2>
  <form class="form form-wide" method="post" action="/admin/calendar">
    <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
    <input type="hidden" name="op" value="load">
    <input type="hidden" name="year" value="<?cs var:Cal.year ?>">
    <div class="field">
      <label for="f-text">全年安排，一天一行</label>
      <textarea id="f-text" name="text" rows="10" aria-describedby="f-text-help"<?cs call:invalid("text") ?>><?cs var:Form.text ?></textarea>
      <p class="help" id="f-text-help">每行写“日期 休或班 名称”，例如“<?cs var:Cal.year ?>-10-01 休 国庆节”“<?cs var:Cal.year ?>-10-10 班 国庆节调休”；“#”后为注释。与命令 <code>yiwang-admin calendar-load 文件</code> 的格式相同。文中出现的年份整年替换为这里的安排。</p>
    </div>
    <div class="form-actions"><button class="btn btn-primary" type="submit">导入</button></div>
  </form>
</section>
