<?cs # ext/choose_as.cs: whom a form applies for (ACC-1), one macro for
       the single form (/apply) and a life event's (/event/apply, EXT-12):
       choose_as(path, code, help) offers the person themself and each
       enterprise of Applicant.As.N, the one of Applicant.Entity.code
       current; path?code=… opens the form as that applicant.
       entity_facts(legend): the enterprise of Applicant.Entity.* as
       applicant, if any. ?>
<?cs def:choose_as(path, code, help) ?>
<?cs if:subcount(Applicant.As) > 0 ?>
<nav class="panel choose-as" aria-label="申请人身份">
  <p class="help"><?cs var:help ?></p>
  <ul class="tabs">
    <li><?cs if:Applicant.Entity.code ?><a href="<?cs var:path ?>?code=<?cs var:url_escape(code) ?>">以个人身份办理</a><?cs else ?><strong aria-current="page">以个人身份办理</strong><?cs /if ?></li>
    <?cs each:e = Applicant.As ?>
    <li><?cs if:Applicant.Entity.code == e.code ?><strong aria-current="page">以<?cs var:e.name ?>名义办理</strong><?cs else ?><a href="<?cs var:path ?>?code=<?cs var:url_escape(code) ?>&amp;as=<?cs var:url_escape(e.code) ?>">以<?cs var:e.name ?>名义办理</a><?cs /if ?></li>
    <?cs /each ?>
  </ul>
</nav>
<?cs /if ?>
<?cs /def ?>
<?cs def:entity_facts(legend) ?>
<?cs if:Applicant.Entity.code ?>
<fieldset class="panel">
  <legend><?cs var:legend ?></legend>
  <dl class="facts facts-3">
    <div><dt>企业名称</dt><dd><?cs var:Applicant.Entity.name ?></dd></div>
    <div><dt>统一社会信用代码</dt><dd class="mono"><?cs var:Applicant.Entity.code ?></dd></div>
    <div><dt>住所</dt><dd><?cs var:Applicant.Entity.address ?></dd></div>
    <div><dt>法定代表人</dt><dd><?cs var:Applicant.Entity.rep ?></dd></div>
  </dl>
</fieldset>
<?cs /if ?>
<?cs /def ?>
