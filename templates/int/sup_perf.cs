<?cs # int/sup_perf.cs: GET /sup/perf, 绩效评估 per department (SUP-4):
       Period.{from,to,year}; Depts.N.{code,name,received,online,decided,
       on_time,late,on_time_rate,online_rate,avg_days,items,items_online,
       coverage,red,red_year,flag}; Total.* the same summed.  How each
       figure is defined: docs/performance.md. ?>
<?cs include:"int/sup_nav.cs" ?>
<header class="page-head">
  <h1>绩效评估</h1>
  <p class="page-sub">各部门 <?cs var:Period.from ?> 至 <?cs var:Period.to ?> 的办件绩效。点部门名称看每位工作人员。红灯按规定以年度计，这里的年度是 <?cs var:Period.year ?> 年。</p>
</header>
<?cs set:Nav.action = "/sup/perf" ?><?cs include:"int/sup_period.cs" ?>
<section class="section" aria-labelledby="perf-depts">
  <h2 class="section-title" id="perf-depts">各部门绩效</h2>
  <?cs if:subcount(Depts) == 0 ?><div class="empty"><p>还没有部门的事项或办件。</p></div><?cs else ?>
  <div class="table-wrap">
    <table class="grid reflow perf-table">
      <thead><tr><th scope="col">部门</th><th scope="col" class="num">收件</th><th scope="col" class="num">办结</th><th scope="col" class="num">限时办结率</th><th scope="col" class="num">超期办结</th><th scope="col" class="num">平均用时<br><span class="small">（工作日）</span></th><th scope="col" class="num">网上办理率</th><th scope="col" class="num">事项进驻率</th><th scope="col" class="num">服务满意率</th><th scope="col" class="num">红灯<br><span class="small">期间／本年度</span></th><th scope="col">按规定</th></tr></thead>
      <tbody>
        <?cs each:d = Depts ?><tr>
          <td data-label="部门" class="m-name"><a href="/sup/perf/dept?code=<?cs var:url_escape(d.code) ?>&amp;from=<?cs var:url_escape(Period.from) ?>&amp;to=<?cs var:url_escape(Period.to) ?>"><?cs var:d.name ?></a> <br><a class="small no-print" href="/sup/cases?dept=<?cs var:url_escape(d.code) ?>">查看办件</a></td>
          <td data-label="收件" class="num"><?cs var:d.received ?></td>
          <td data-label="办结" class="num"><?cs var:d.decided ?></td>
          <td data-label="限时办结率" class="num"><?cs var:d.on_time_rate ?></td>
          <td data-label="超期办结" class="num"><?cs var:d.late ?></td>
          <td data-label="平均用时" class="num"><?cs var:d.avg_days ?></td>
          <td data-label="网上办理率" class="num"><?cs var:d.online_rate ?></td>
          <td data-label="事项进驻率" class="num"><?cs var:d.coverage ?> <span class="small muted">（<?cs var:d.items_online ?>/<?cs var:d.items ?>）</span></td>
          <td data-label="服务满意率" class="num">—</td>
          <td data-label="红灯" class="num"><?cs var:d.red ?>／<?cs var:d.red_year ?></td>
          <td data-label="按规定" class="perf-rule"><?cs if:d.flag ?><strong class="perf-flag"><?cs var:d.flag ?></strong><?cs else ?><span class="muted">—</span><?cs /if ?></td>
        </tr><?cs /each ?>
      </tbody>
      <tfoot><tr>
        <th scope="row">合计</th>
        <td data-label="收件" class="num"><?cs var:Total.received ?></td>
        <td data-label="办结" class="num"><?cs var:Total.decided ?></td>
        <td data-label="限时办结率" class="num"><?cs var:Total.on_time_rate ?></td>
        <td data-label="超期办结" class="num"><?cs var:Total.late ?></td>
        <td data-label="平均用时" class="num"><?cs var:Total.avg_days ?></td>
        <td data-label="网上办理率" class="num"><?cs var:Total.online_rate ?></td>
        <td data-label="事项进驻率" class="num"><?cs var:Total.coverage ?></td>
        <td data-label="服务满意率" class="num">—</td>
        <td data-label="红灯" class="num"><?cs var:Total.red ?></td>
        <td></td>
      </tr></tfoot>
    </table>
  </div>
  <?cs /if ?>
</section>
<section class="section" aria-labelledby="perf-def">
  <h2 class="section-title" id="perf-def">各项指标怎么算</h2>
  <dl class="perf-defs small">
    <dt>收件</dt><dd>期间内收到的办件数（按收件日期）。</dd>
    <dt>办结</dt><dd>期间内作出决定的办件数（按决定日期）：准予许可、不予许可和不予受理。申请人撤回的不算办结。</dd>
    <dt>限时办结率</dt><dd>办结件中在期限内办结的比例：准予、不予许可以承诺办结期限为准（含依法延长的期限），不予受理以 5 个工作日的受理期限为准。</dd>
    <dt>超期办结</dt><dd>办结件中超过上述期限才办结的件数。</dd>
    <dt>平均用时</dt><dd>办结件从提交申请（补正后从补正材料提交）到作出决定经过的工作日，扣除特别程序的天数，取平均。节假日按工作日历计算。</dd>
    <dt>网上办理率</dt><dd>收件中经网上办事大厅（外网）申请的比例；其余是申请人到窗口递交、由窗口人员登记的（窗口收件）。按收件日期计入期间。</dd>
    <dt>事项进驻率</dt><dd>本部门在事项目录中的事项（不含已停用的）里，已在网上办事大厅发布的比例：办事指南上网，网办深度为 A 全程网办、B 网上预审或 C 窗口办理网上公示，不含涉密事项。括号里是“已进驻／全部”。</dd>
    <dt>服务满意率</dt><dd>本页尚不按期间计算，显示“—”，不作估算；各部门至今全部评价的满意率和差评回访整改情况见<a href="/sup/ratings">差评回访整改</a>。</dd>
    <dt>红灯</dt><dd>办理环节超过时限时系统自动生成、不能更改的警示记录。按规定：一个年度内有两次红灯显示记录的，本人本年度不参与评优；一年内三次红灯显示记录的，调离原岗位；承办处室一个年度内有五次红灯显示记录的，本处室本年度内不得参与评优。这里只作提示，由监察室核实后处理。</dd>
  </dl>
</section>
