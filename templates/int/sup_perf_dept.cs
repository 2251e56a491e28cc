<?cs # int/sup_perf_dept.cs: GET /sup/perf/dept, 绩效评估 per person of
       one department (SUP-4): Dept.{code,name}; Period.{from,to,year};
       People.N.{name,roles,acts,opinions,decided,on_time,late,
       on_time_rate,avg_days,red,red_year,flag}. ?>
<?cs include:"int/sup_nav.cs" ?>
<header class="page-head">
  <h1><?cs var:Dept.name ?></h1>
  <p class="page-sub">每位工作人员 <?cs var:Period.from ?> 至 <?cs var:Period.to ?> 的办件绩效；红灯的年度是 <?cs var:Period.year ?> 年。工作人员履行公职，姓名公开；本页不显示任何申请人的信息。</p>
</header>
<?cs set:Nav.action = "/sup/perf/dept" ?><?cs set:Nav.code = Dept.code ?><?cs include:"int/sup_period.cs" ?>
<section class="section" aria-labelledby="perf-people">
  <h2 class="section-title" id="perf-people">工作人员</h2>
  <?cs if:subcount(People) == 0 ?><div class="empty"><p>这个部门没有办件岗位的工作人员。</p></div><?cs else ?>
  <div class="table-wrap">
    <table class="grid reflow perf-table">
      <thead><tr><th scope="col">姓名</th><th scope="col">岗位</th><th scope="col" class="num">办理环节</th><th scope="col" class="num">签署意见</th><th scope="col" class="num">经手办结</th><th scope="col" class="num">限时办结率</th><th scope="col" class="num">超期办结</th><th scope="col" class="num">平均用时<br><span class="small">（工作日）</span></th><th scope="col" class="num">红灯<br><span class="small">期间／本年度</span></th><th scope="col">按规定</th></tr></thead>
      <tbody>
        <?cs each:p = People ?><tr>
          <td data-label="姓名" class="m-name"><?cs var:p.name ?></td>
          <td data-label="岗位" class="nowrap"><?cs var:p.roles ?></td>
          <td data-label="办理环节" class="num"><?cs var:p.acts ?></td>
          <td data-label="签署意见" class="num"><?cs var:p.opinions ?></td>
          <td data-label="经手办结" class="num"><?cs var:p.decided ?></td>
          <td data-label="限时办结率" class="num"><?cs var:p.on_time_rate ?></td>
          <td data-label="超期办结" class="num"><?cs var:p.late ?></td>
          <td data-label="平均用时" class="num"><?cs var:p.avg_days ?></td>
          <td data-label="红灯" class="num"><?cs var:p.red ?>／<?cs var:p.red_year ?></td>
          <td data-label="按规定" class="perf-rule"><?cs if:p.flag ?><strong class="perf-flag"><?cs var:p.flag ?></strong><?cs else ?><span class="muted">—</span><?cs /if ?></td>
        </tr><?cs /each ?>
      </tbody>
    </table>
  </div>
  <?cs /if ?>
  <p class="small muted list-note">办理环节：本人在期间内办理（受理、审核、批准、退回等）的次数。签署意见：期间内签署的审查意见数。经手办结：本人办理过的办件中，期间内作出决定的件数，用时和是否按时与部门的算法相同。红灯：警示记录上列名的办理人（该环节所在部门的该岗位人员）每人记一次；按规定，一个年度内有两次红灯显示记录的，本人本年度不参与评优，一年内三次红灯显示记录的，调离原岗位，这里只作提示，由监察室核实后处理。服务满意率：评价不落到个人，不显示；部门的满意率见“差评回访整改”页。</p>
</section>
