<?cs # int/case_timeline.cs: part of a case's record (INT-13), shared by /case
       (case.cs) and the supervisors' /sup/case (sup_case.cs): the timeline of events (Case.Events.N) with who and when.
       Sup.observer: materials and documents listed, not linked (SUP-7). ?>
    <section class="section">
      <h2 class="section-title">办理记录</h2>
      <?cs if:subcount(Case.Events) == 0 ?>
      <p class="muted">暂无记录。</p>
      <?cs else ?>
      <ol class="timeline">
        <?cs each:e = Case.Events ?>
        <li class="tl-item">
          <p class="tl-label"><?cs var:e.label ?></p>
          <p class="tl-meta"><time><?cs var:e.at ?></time><?cs if:e.staff_name ?> · <?cs var:e.staff_name ?><?cs /if ?></p>
          <?cs if:e.note ?><p class="tl-note pre-line"><?cs var:e.note ?></p><?cs /if ?>
        </li>
        <?cs /each ?>
      </ol>
      <?cs /if ?>
    </section>
