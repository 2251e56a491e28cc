<?cs # int/case_steps.cs: part of a case's record (INT-13), shared by /case
       (case.cs) and the supervisors' /sup/case (sup_case.cs): the procedure's steps with their deadlines and lights, and the applicant's clocks (Case.Steps.N, Due.*).
       Sup.observer: materials and documents listed, not linked (SUP-7). ?>
<?cs if:subcount(Case.Steps) > 0 ?>
<section class="section">
  <h2 class="visually-hidden">办理流程</h2>
  <ol class="stepper">
    <?cs each:s = Case.Steps ?>
    <li class="stepper-step<?cs if:s.done == 1 ?> is-done<?cs elif:s.current == 1 || s.paused == 1 ?> is-current<?cs /if ?>"<?cs if:s.current == 1 || s.paused == 1 ?> aria-current="step"<?cs /if ?>>
      <span class="stepper-dot" aria-hidden="true"><?cs if:s.done == 1 ?>✓<?cs else ?><?cs var:s.seq ?><?cs /if ?></span>
      <span class="stepper-body">
        <span class="stepper-name"><?cs var:s.name ?></span>
        <span class="stepper-meta"><?cs var:s.role_label ?> · <?cs var:s.days ?> 个工作日</span>
        <span class="stepper-state"><?cs if:s.done == 1 ?>已完成<?cs elif:s.current == 1 ?>当前环节<?cs elif:s.paused == 1 ?><?cs if:Case.state == "correcting" ?>等待补正<?cs elif:Case.state == "reported" ?>等待上级决定<?cs else ?>特别程序中<?cs /if ?><?cs else ?>未开始<?cs /if ?></span>
        <?cs if:s.due ?><span class="stepper-meta"><span class="light light-<?cs var:s.light ?>"><?cs var:s.due_text ?></span>（期限 <?cs var:s.due ?>）</span><?cs /if ?>
      </span>
    </li>
    <?cs /each ?>
  </ol>
</section>
<?cs /if ?>

<?cs if:Due.promised.due || Due.intake.due ?>
<section class="section">
  <h2 class="section-title">办理时限</h2>
  <p class="small muted">从申请人网上提交之日起按工作日计算（法定节假日不计，调休上班日照算）。</p>
  <dl class="facts facts-2">
    <?cs if:Due.intake.due ?><div><dt>受理期限（5 个工作日，逾期未决定即视为受理）</dt><dd><?cs var:Due.intake.due ?> <span class="light light-<?cs var:Due.intake.light ?>"><?cs var:Due.intake.due_text ?></span></dd></div><?cs /if ?>
    <?cs if:Due.promised.due ?><div><dt>承诺办结期限</dt><dd><?cs var:Due.promised.due ?> <span class="light light-<?cs var:Due.promised.light ?>"><?cs var:Due.promised.due_text ?></span></dd></div><?cs /if ?>
    <?cs if:Due.statutory.due ?><div><dt>法定办结期限</dt><dd><?cs var:Due.statutory.due ?> <span class="light light-<?cs var:Due.statutory.light ?>"><?cs var:Due.statutory.due_text ?></span></dd></div><?cs /if ?>
  </dl>
</section>
<?cs /if ?>

