<?cs # int/sup_rules.cs: GET /sup/rules, 预警规则 (SUP-1, SUP-2): the red
       light of a late step (Deadline.{key,name}) and every rule of
       abnormal warnings, Rules.N.{key,name,about}. ?>
<?cs include:"int/sup_nav.cs" ?>
<header class="page-head">
  <h1>预警规则</h1>
  <p class="page-sub">系统按下面的规则检查每一个办件：办件每办理一步就检查一次，定时任务每分钟检查一遍有变动的办件和已到期限的办件。正常办理时系统会拒绝这些情况；规则要发现的是绕过系统的改动——直接改数据库、导入的记录、程序错误。触发了规则就写入一条预警，写明是哪个办件、哪一步、哪份文书、多少金额、谁办理的；预警只增不改。</p>
</header>
<section class="panel" aria-labelledby="r-<?cs var:Deadline.key ?>">
  <h2 class="section-title" id="r-<?cs var:Deadline.key ?>"><span class="light light-red"><?cs var:Deadline.name ?></span></h2>
  <p>办件的某个环节超过了它的办理期限（按工作日计算），期限后的第一个工作日开始亮红灯，同时写入一条超期警告，写明环节、期限、超期天数和当时可以办理的人员。办件中止或上报上级机关期间不计时，不亮灯。</p>
</section>
<?cs each:u = Rules ?>
<section class="panel" id="rule-<?cs var:u.key ?>" aria-labelledby="h-<?cs var:u.key ?>">
  <h2 class="section-title" id="h-<?cs var:u.key ?>"><?cs var:u.name ?></h2>
  <p><?cs var:u.about ?></p>
  <p class="small muted">规则代码 <span class="mono"><?cs var:u.key ?></span> · <a href="/sup/warnings?rule=<?cs var:url_escape(u.key) ?>">查看按这条规则写入的预警</a></p>
</section>
<?cs /each ?>
