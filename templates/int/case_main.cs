<?cs # int/case_main.cs: part of a case's record (INT-13), shared by /case
       (case.cs) and the supervisors' /sup/case (sup_case.cs): the application, materials, paper (DOC-3; Case.Paper.N.late_{since,due,ended}: held too long, docs/paper.md), opinions, documents, report, special procedures and corrections.
       Sup.observer: materials and documents listed, not linked (SUP-7).
       Case.Attachments.N.pages: a PDF's pages; a photo (image/jpeg,
       image/png) is shown in place (EXT-1); Case.Attachments.N.withdraw:
       the written request of a withdrawal at the window (INT-3), listed
       without a number.  Case.Lics.N.{seq,
       material_name,no,name,state,state_label}: a licence offered
       instead of a file (免证办, DOC-2), checked at import. ?>
<?cs # filesize: a size in bytes, or one the handler already formatted ("12 KB"), shown as is. ?>
<?cs def:filesize(n) ?><?cs if:string.find(n, "B") >= 0 || string.find(n, "节") >= 0 ?><?cs var:n ?><?cs elif:n >= 1048576 ?><?cs var:n / 1048576 ?>.<?cs var:(n % 1048576) * 10 / 1048576 ?> MB<?cs elif:n >= 1024 ?><?cs var:(n + 1023) / 1024 ?> KB<?cs else ?><?cs var:n ?> 字节<?cs /if ?><?cs /def ?>
    <section class="section">
      <h2 class="section-title">申请信息</h2>
      <dl class="facts facts-2">
        <?cs if:Case.Entity.code ?>
        <div><dt>申请人</dt><dd><?cs var:Case.Entity.name ?>（统一社会信用代码 <span class="mono"><?cs var:Case.Entity.code ?></span>）<?cs if:Case.Entity.type ?><span class="tag"><?cs var:Case.Entity.type ?></span><?cs /if ?></dd></div>
        <div><dt>经办人</dt><dd><?cs var:Case.applicant_name ?></dd></div>
        <?cs else ?>
        <div><dt>申请人</dt><dd><?cs var:Case.applicant_name ?><?cs if:Case.agent ?> <span class="tag">代办</span><?cs /if ?></dd></div>
        <?cs /if ?>
        <?cs if:Case.agent ?><div><dt>代办员</dt><dd>代办员：<?cs var:Case.agent ?></dd></div>
        <div><dt>居民授权</dt><dd><?cs var:Case.consent ?></dd></div><?cs /if ?>
        <?cs if:Case.agency ?><div><dt>全程代理</dt><dd><?cs var:Case.agency ?></dd></div><?cs /if ?>
        <div><dt><?cs if:Case.Entity.code ?>经办人身份证号码<?cs else ?>身份证号码<?cs /if ?></dt><dd class="mono"><?cs var:Case.id_number ?></dd></div>
        <div><dt>手机号码</dt><dd class="mono"><?cs var:Case.mobile ?></dd></div>
        <div><dt>事项编码</dt><dd><?cs var:Case.item_code ?><?cs if:Case.item_version ?>（第 <?cs var:Case.item_version ?> 版）<?cs /if ?></dd></div>
        <div><dt>申请时间</dt><dd><?cs var:Case.submitted_at ?></dd></div>
        <div><dt>收件时间</dt><dd><?cs var:Case.received_at ?></dd></div>
        <div class="facts-wide"><dt>申请事项说明</dt><dd class="pre-line"><?cs if:Case.remark ?><?cs var:Case.remark ?><?cs else ?><span class="muted">（无）</span><?cs /if ?></dd></div>
      </dl>
    </section>

    <section class="section">
      <h2 class="section-title">申请材料</h2>
      <?cs if:subcount(Case.Attachments) == 0 && subcount(Case.Lics) == 0 ?>
      <p class="muted">申请人未上传材料。</p>
      <?cs else ?>
      <div class="table-wrap">
        <table class="grid reflow">
          <thead><tr><th scope="col" class="num">序号</th><th scope="col">材料名称</th><th scope="col">文件</th><th scope="col" class="num">大小</th></tr></thead>
          <tbody>
            <?cs each:a = Case.Attachments ?>
            <tr>
              <td class="num" data-label="序号"><?cs if:a.withdraw ?>—<?cs else ?><?cs var:a.material_seq ?><?cs /if ?></td>
              <td data-label="材料名称"><?cs var:a.material_name ?><?cs if:a.round == 1 ?> <span class="badge st-correction">补正件</span><?cs /if ?><?cs if:a.withdraw ?> <span class="badge st-withdrawn">撤回申请</span><?cs /if ?></td>
              <td class="file" data-label="文件"><?cs if:Sup.observer ?><?cs var:a.file_name ?><?cs else ?><a href="/file?id=<?cs var:url_escape(Case.id) ?>&amp;seq=<?cs var:url_escape(a.material_seq) ?>" target="_blank" rel="noopener"><?cs var:a.file_name ?></a><?cs /if ?><?cs if:a.mime ?> <span class="muted small"><?cs if:a.mime == "application/pdf" ?>PDF<?cs if:a.pages ?> · <?cs var:a.pages ?> 页<?cs /if ?><?cs elif:a.mime == "image/jpeg" ?>照片（JPEG）<?cs elif:a.mime == "image/png" ?>照片（PNG）<?cs else ?><?cs var:a.mime ?><?cs /if ?></span><?cs /if ?><?cs if:!Sup.observer && (a.mime == "image/jpeg" || a.mime == "image/png") ?><img class="att-photo" src="/file?id=<?cs var:url_escape(Case.id) ?>&amp;seq=<?cs var:url_escape(a.material_seq) ?>" alt="「<?cs var:a.material_name ?>」的照片" loading="lazy"><?cs /if ?></td>
              <td class="num nowrap" data-label="大小"><?cs call:filesize(a.size) ?></td>
            </tr>
            <?cs /each ?>
            <?cs each:l = Case.Lics ?>
            <tr class="lic-material">
              <td class="num" data-label="序号"><?cs var:l.seq ?></td>
              <td data-label="材料名称"><?cs var:l.material_name ?></td>
              <td data-label="文件">电子证照 <?cs if:Sup.observer ?><span class="mono"><?cs var:l.no ?></span><?cs else ?><a class="mono" href="/licence?no=<?cs var:url_escape(l.no) ?>"><?cs var:l.no ?></a><?cs /if ?> <?cs if:l.state == "valid" ?><span class="badge st-done">（核验有效）</span><?cs elif:l.ended_before == "1" ?><span class="badge st-not_valid">（核验未通过：提交申请前证照<?cs var:l.state_label ?>，请通知申请人补正）</span><?cs else ?><span class="badge st-not_valid">（提交时核验有效，现<?cs var:l.state_label ?>）</span><?cs /if ?><?cs if:l.name ?> <span class="muted small"><?cs var:l.name ?></span><?cs /if ?></td>
              <td class="num nowrap" data-label="大小">—</td>
            </tr>
            <?cs /each ?>
          </tbody>
        </table>
      </div>
      <?cs /if ?>
    </section>

    <section class="section paper" aria-labelledby="paper-title">
      <h2 class="section-title" id="paper-title">纸质材料</h2>
      <?cs if:subcount(Case.Paper) == 0 ?>
      <p class="muted">本件没有登记不能扫描的纸质材料（原件、图纸、样品等）。</p>
      <?cs else ?>
      <div class="table-wrap">
        <table class="grid reflow">
          <thead><tr><th scope="col">材料</th><th scope="col">数量</th><th scope="col">现在在哪</th><th scope="col">交接记录</th></tr></thead>
          <tbody>
            <?cs each:p = Case.Paper ?>
            <tr>
              <td data-label="材料"><?cs var:p.what ?><br><span class="muted small"><?cs var:p.recorded_by ?> <?cs var:p.recorded_at ?> 登记</span></td>
              <td class="nowrap" data-label="数量"><?cs var:p.copies ?> 份<?cs if:p.pages > 0 ?>，<?cs var:p.pages ?> 页<?cs /if ?></td>
              <td data-label="现在在哪"><strong><?cs var:p.holder ?></strong><?cs if:p.moving ?><br><span class="badge st-wait">待签收</span> 已移交给 <?cs var:p.moving ?><?cs /if ?><?cs if:p.retained ?><br><span class="tag">留存</span> <?cs var:p.retained ?><?cs /if ?><?cs if:p.late_due ?><br><span class="badge st-not_late">滞留</span> <span class="small"><?cs if:p.late_ended == "1" ?>办件已办结<?cs else ?>办件已不在其部门办理<?cs /if ?>，自 <?cs var:p.late_since ?> 起应移交，3 个工作日的期限（<?cs var:p.late_due ?>）已过，请交下一环节或档案室</span><?cs /if ?></td>
              <td data-label="交接记录"><?cs if:subcount(p.Moves) == 0 ?><span class="muted">未移交</span><?cs else ?><ol class="paper-moves"><?cs each:m = p.Moves ?><li><time><?cs var:m.given_at ?></time> <?cs var:m.from ?> → <?cs var:m.to ?><?cs if:m.by ?>（<?cs var:m.by ?>登记）<?cs /if ?><?cs if:m.note ?>：<?cs var:m.note ?><?cs /if ?>；<?cs if:m.received_at ?><?cs if:m.to != "档案室" ?><?cs var:m.received_at ?> 签收<?cs else ?>已入档案室<?cs /if ?><?cs else ?><span class="badge st-wait">待签收</span><?cs /if ?></li><?cs /each ?></ol><?cs /if ?></td>
            </tr>
            <?cs /each ?>
          </tbody>
        </table>
      </div>
      <?cs /if ?>
    </section>

    <section class="section">
      <h2 class="section-title">签署意见</h2>
      <?cs if:subcount(Case.Opinions) == 0 ?>
      <p class="muted">尚无签署意见。</p>
      <?cs else ?>
      <ol class="opinions">
        <?cs each:o = Case.Opinions ?>
        <li class="opinion<?cs if:o.verdict_label == "不同意" ?> is-disagree<?cs /if ?>">
          <p class="opinion-head"><strong><?cs var:o.step_name ?></strong> · <?cs var:o.staff_name ?> <span class="verdict"><?cs var:o.verdict_label ?></span></p>
          <?cs if:o.text ?><p class="opinion-text pre-line"><?cs var:o.text ?></p><?cs /if ?>
          <p class="opinion-meta">签署于 <time><?cs var:o.signed_at ?></time></p>
        </li>
        <?cs /each ?>
      </ol>
      <?cs /if ?>
    </section>

    <section class="section">
      <h2 class="section-title">文书</h2>
      <?cs if:subcount(Case.Docs) == 0 ?>
      <p class="muted">尚未出具文书。</p>
      <?cs else ?>
      <ul class="doc-list">
        <?cs each:d = Case.Docs ?>
        <li><?cs if:Sup.observer ?><span class="dl-title"><?cs var:d.title ?></span>　<span class="dl-meta"><span class="nowrap"><?cs var:d.doc_no ?></span> · <span class="nowrap"><?cs var:d.issued_at ?></span></span><?cs else ?><a href="/doc?no=<?cs var:url_escape(d.doc_no) ?>"><span class="dl-title"><?cs var:d.title ?></span><span class="dl-meta"><span class="nowrap"><?cs var:d.doc_no ?></span> · <span class="nowrap"><?cs var:d.issued_at ?></span></span></a><?cs /if ?></li>
        <?cs /each ?>
      </ul>
      <?cs /if ?>
    </section>
    <?cs if:Case.Report.authority ?>
    <section class="section" aria-labelledby="rep-title">
      <h2 class="section-title" id="rep-title">上报上级机关</h2>
      <dl class="facts facts-2">
        <div><dt>上级机关</dt><dd><?cs var:Case.Report.authority ?></dd></div>
        <div><dt>上报</dt><dd><?cs var:Case.Report.reported_on ?> · <?cs var:Case.Report.reported_by ?></dd></div>
        <div class="facts-wide"><dt>上报依据和初步审查意见</dt><dd class="pre-line"><?cs var:Case.Report.reason ?></dd></div>
        <?cs if:Case.Report.decision ?>
        <div><dt>上级机关决定</dt><dd><?cs if:Case.Report.decision == "approve" ?>准予许可<?cs else ?>不予许可<?cs /if ?>（<?cs var:Case.Report.upper_doc_no ?>，<?cs var:Case.Report.decided_on ?>）</dd></div>
        <div><dt>登记人</dt><dd><?cs var:Case.Report.recorded_by ?></dd></div>
        <div class="facts-wide"><dt>决定内容</dt><dd class="pre-line"><?cs var:Case.Report.summary ?></dd></div>
        <?cs else ?>
        <div class="facts-wide"><dt>状态</dt><dd>等待上级机关决定，不计本机关的办理期限。</dd></div>
        <?cs /if ?>
      </dl>
    </section>
    <?cs /if ?>
    <?cs if:subcount(Case.Specials) > 0 ?>
    <section class="section" aria-labelledby="special-title">
      <h2 class="section-title" id="special-title">特别程序</h2>
      <p class="small muted">听证、招标、拍卖、检验、检测、检疫、鉴定和专家评审等所需时间不计算在办理期限内（行政许可法第四十五条）。恢复办理时，各项期限按暂停时剩余的工作日顺延。</p>
      <ol class="step-list">
        <?cs each:sp = Case.Specials ?><li><strong><?cs var:sp.kind ?></strong>（预计 <?cs var:sp.expected_days ?> 个工作日）：<span class="pre-line"><?cs var:sp.reason ?></span><br><span class="small muted"><?cs var:sp.began_on ?> 由 <?cs var:sp.began_by ?> 启动，<?cs if:sp.ended_on ?><?cs var:sp.ended_on ?> 由 <?cs var:sp.ended_by ?> 结束，期限顺延 <?cs var:sp.paused_days ?> 个工作日<?cs else ?>正在进行，办理期限暂停计算<?cs /if ?></span></li><?cs /each ?>
      </ol>
    </section>
    <?cs /if ?>
    <?cs if:subcount(Case.Corrections) > 0 ?>
    <section class="section" aria-labelledby="corr-title">
      <h2 class="section-title" id="corr-title">补正材料</h2>
      <p class="small muted"><?cs if:Case.corrected_at ?>申请人已于 <?cs var:Case.corrected_at ?> 提交补正材料，受理期限和办结期限自该日起重新计算。<?cs else ?>已一次性告知申请人补正以下材料，等待申请人提交。补正期间不计受理期限，收到补正材料后重新计算。<?cs /if ?></p>
      <ol class="step-list">
        <?cs each:c = Case.Corrections ?><li><strong><?cs var:c.material_name ?></strong>：<span class="pre-line"><?cs var:c.reason ?></span></li><?cs /each ?>
      </ol>
    </section>
    <?cs /if ?>
