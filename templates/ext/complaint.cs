<?cs # ext/complaint.cs: GET/POST /complaint, the citizen's complaint form
       (投诉举报; EXT-7, SUP-5).  Apps.N.{app_no,item_name,selected}: their
       own applications; Depts.N.{code,name,selected}: the catalogue's
       departments; Form.{key,about,person,subject,body,phone,Error};
       Limits.{subject,body,person}.  No script: every field shows, the
       choice of what the complaint is about says which one counts. ?>
<nav class="crumbs" aria-label="位置"><a href="/">首页</a> › <a href="/complaints">我的投诉</a> › 投诉举报</nav>
<header class="page-head">
  <h1>投诉举报</h1>
  <p class="page-sub">对办件的办理、部门或工作人员有意见，可以在这里投诉。电子监察室收到后 2 个工作日内受理，调查核实后在“我的投诉”中答复您。</p>
</header>
<?cs if:Form.Error ?><div class="alert alert-error" role="alert"><?cs var:Form.Error ?></div><?cs /if ?>
<form class="form form-wide" method="post" action="/complaint">
  <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
  <input type="hidden" name="form_key" value="<?cs var:Form.key ?>">
  <fieldset class="panel">
    <legend>投诉对象</legend>
    <div class="field">
      <label class="check"><input type="radio" name="about" value="case"<?cs if:Form.about == "case" ?> checked<?cs /if ?>> 我的一件办件</label>
      <label for="f-app" class="visually-hidden">办件</label>
      <?cs if:subcount(Apps) == 0 ?>
      <p class="help">您还没有办件；可以投诉部门或工作人员。</p>
      <?cs else ?>
      <select id="f-app" name="app_no">
        <?cs each:a = Apps ?><option value="<?cs var:a.app_no ?>"<?cs if:a.selected ?> selected<?cs /if ?>><?cs var:a.app_no ?> <?cs var:a.item_name ?></option><?cs /each ?>
      </select>
      <?cs /if ?>
    </div>
    <div class="field">
      <label class="check"><input type="radio" name="about" value="dept"<?cs if:Form.about == "dept" ?> checked<?cs /if ?>> 一个部门</label>
      <label class="check"><input type="radio" name="about" value="person"<?cs if:Form.about == "person" ?> checked<?cs /if ?>> 一位工作人员</label>
      <label for="f-dept">部门<span class="opt">（投诉部门时必选；投诉工作人员时选填）</span></label>
      <select id="f-dept" name="dept_code">
        <option value="">（请选择）</option>
        <?cs each:d = Depts ?><option value="<?cs var:d.code ?>"<?cs if:d.selected ?> selected<?cs /if ?>><?cs var:d.name ?></option><?cs /each ?>
      </select>
    </div>
    <div class="field">
      <label for="f-person">工作人员<span class="opt">（投诉工作人员时填写，如“3 号窗口的王同志”，<?cs var:Limits.person ?> 字以内）</span></label>
      <input id="f-person" type="text" name="person" maxlength="<?cs var:Limits.person ?>" value="<?cs var:Form.person ?>">
    </div>
  </fieldset>
  <fieldset class="panel">
    <legend>投诉内容</legend>
    <div class="field">
      <label for="f-subject">投诉事由<span class="opt">（<?cs var:Limits.subject ?> 字以内）</span></label>
      <input id="f-subject" type="text" name="subject" required maxlength="<?cs var:Limits.subject ?>" value="<?cs var:Form.subject ?>">
    </div>
    <div class="field">
      <label for="f-body">事情经过<span class="opt">（<?cs var:Limits.body ?> 字以内）</span></label>
      <textarea id="f-body" name="body" rows="6" required maxlength="<?cs var:Limits.body ?>" aria-describedby="f-body-help"><?cs var:Form.body ?></textarea>
      <p class="help" id="f-body-help">请写明时间、地点、经过和您的诉求，便于调查核实。</p>
    </div>
    <div class="field">
      <label for="f-phone">联系电话<span class="opt">（选填）</span></label>
      <input id="f-phone" type="tel" name="phone" inputmode="tel" maxlength="20" value="<?cs var:Form.phone ?>">
      <p class="help">调查时可能需要向您了解情况。您的姓名和身份证号码来自实名账号，只有电子监察室看得到。</p>
    </div>
  </fieldset>
  <div class="form-actions">
    <button class="btn btn-primary btn-big" type="submit">提交投诉</button>
    <a class="btn btn-plain" href="/complaints">我的投诉</a>
  </div>
</form>
