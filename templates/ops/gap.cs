<?cs # ops/gap.cs: GET /ops/gap on either site (GAP-6; ops_gap.c), the
       status of the gap.  Gap.{self,peer} this site and the other
       (外网/内网), Gap.reader who reads; Gap.LastOut, Gap.LastIn
       {epoch,seq,records,size,at,resent} (absent: none yet);
       Gap.accepted_epoch; Gap.pending and Gap.Kinds.N {kind,n};
       Gap.waiting and Gap.Wait.N (bundles not acknowledged, oldest
       first); Gap.missing, Gap.held, Gap.missing_text; Gap.requested,
       Gap.request_text; Gap.Here, Gap.There {total, List.N {id,at,bundle,
       recno,kind,reason}}; Gap.alerts, Gap.Alerts.N {id,at,kind_label,
       object_label,message,who}; Carry.N {id,at,operator,action,bundle,disc,
       outcome}, newest first, Page.More the key of the next page,
       Page.Older when this is not the first.  Page.Ops: the extranet's
       operations server (links stay under /ops/). ?>
<header class="page-head">
  <h1>网闸摆渡状态 <span class="count"><?cs var:Gap.self ?></span></h1>
  <p class="page-sub">本站（<?cs var:Gap.self ?>）与<?cs var:Gap.peer ?>之间的数据包：发出和收到的最后一个、等待导出的记录、<?cs var:Gap.peer ?>还没有回告收到的数据包、缺号和重发请求、搁置的记录、未处理的警告，以及每一次摆渡的记录。本页只读；摆渡操作用 yiwang-gap（导出 export、导入 import、查看 status）。每次查看都记入审计日志（<?cs var:Gap.reader ?>）。</p>
</header>

<section class="section" aria-labelledby="gs-now">
  <h2 class="section-title" id="gs-now">概况</h2>
  <ul class="sup-tiles gap-tiles">
    <li id="gs-last-out"><span class="sup-tile-label">最后发出</span><span class="sup-tile-num"><?cs if:Gap.LastOut.seq ?>第 <?cs var:Gap.LastOut.seq ?> 号<?cs else ?>—<?cs /if ?></span><span class="small muted"><?cs if:Gap.LastOut.seq ?><?cs var:Gap.LastOut.at ?> · 第 <?cs var:Gap.LastOut.epoch ?> 纪元 · <?cs var:Gap.LastOut.records ?> 条记录<?cs else ?>还没有导出过数据包<?cs /if ?></span></li>
    <li id="gs-last-in"><span class="sup-tile-label">最后收到</span><span class="sup-tile-num"><?cs if:Gap.LastIn.seq ?>第 <?cs var:Gap.LastIn.seq ?> 号<?cs else ?>—<?cs /if ?></span><span class="small muted"><?cs if:Gap.LastIn.seq ?><?cs var:Gap.LastIn.at ?> 导入 · 第 <?cs var:Gap.LastIn.epoch ?> 纪元 · <?cs var:Gap.LastIn.records ?> 条记录<?cs else ?>还没有导入过<?cs var:Gap.peer ?>的数据包<?cs /if ?></span></li>
    <li id="gs-pending"><span class="sup-tile-label">等待导出的记录</span><span class="sup-tile-num"><?cs var:Gap.pending ?></span><span class="small muted">下次 yiwang-gap export 时发出</span></li>
    <li id="gs-waiting"><span class="sup-tile-label">等待回告的数据包</span><span class="sup-tile-num"><?cs var:Gap.waiting ?></span><span class="small muted"><?cs var:Gap.peer ?>还没有说收到</span></li>
    <li id="gs-missing"<?cs if:Gap.missing > 0 ?> class="light-red"<?cs /if ?>><span class="sup-tile-label">缺号</span><span class="sup-tile-num"><?cs var:Gap.missing ?></span><span class="small muted"><?cs var:Gap.peer ?>的数据包没有收到</span></li>
    <li id="gs-alerts"<?cs if:Gap.alerts > 0 ?> class="light-red"<?cs /if ?>><span class="sup-tile-label">未处理的警告和提示</span><span class="sup-tile-num"><?cs var:Gap.alerts ?></span><span class="small muted">由安全管理员核查处理</span></li>
  </ul>
  <p class="small muted">接受<?cs var:Gap.peer ?>第 <?cs var:Gap.accepted_epoch ?> 纪元的数据包<?cs if:Gap.accepted_epoch == 0 ?>（还没有导入过，首个数据包应属第 1 纪元）<?cs /if ?>。</p>
</section>

<section class="section" aria-labelledby="gs-seq">
  <h2 class="section-title" id="gs-seq">缺号和重发请求</h2>
  <?cs if:Gap.missing_text ?><p class="alert alert-error" id="gs-missing-text"><?cs var:Gap.missing_text ?></p><?cs else ?><p id="gs-missing-text">没有缺号：<?cs var:Gap.peer ?>的数据包按顺序收齐<?cs if:Gap.LastIn.seq ?>，到第 <?cs var:Gap.LastIn.seq ?> 号<?cs /if ?>。</p><?cs /if ?>
  <?cs if:Gap.request_text ?><p<?cs if:Gap.requested > 0 ?> class="alert alert-error"<?cs /if ?> id="gs-request-text"><?cs var:Gap.request_text ?></p><?cs else ?><p id="gs-request-text" class="muted"><?cs var:Gap.peer ?>还没有回告收到过本站的数据包。</p><?cs /if ?>
</section>

<section class="section" aria-labelledby="gs-kinds">
  <h2 class="section-title" id="gs-kinds">等待导出的记录（按类型）</h2>
  <?cs if:subcount(Gap.Kinds) == 0 ?><p class="muted">没有等待导出的记录。</p><?cs else ?>
  <div class="table-wrap">
    <table class="grid sup-counts" id="kinds">
      <thead><tr><th scope="col">记录类型</th><th scope="col" class="num">条数</th></tr></thead>
      <tbody><?cs each:k = Gap.Kinds ?><tr><td class="mono"><?cs var:k.kind ?></td><td class="num"><?cs var:k.n ?></td></tr><?cs /each ?></tbody>
    </table>
  </div>
  <?cs /if ?>
</section>

<section class="section" aria-labelledby="gs-wait">
  <h2 class="section-title" id="gs-wait">等待<?cs var:Gap.peer ?>回告的数据包</h2>
  <?cs if:subcount(Gap.Wait) == 0 ?><p class="muted">本站发出的数据包<?cs var:Gap.peer ?>都已回告收到。</p><?cs else ?>
  <div class="table-wrap">
    <table class="grid sup-counts" id="waiting">
      <thead><tr><th scope="col">数据包</th><th scope="col">导出时间</th><th scope="col" class="num">记录</th><th scope="col" class="num">字节</th><th scope="col">重发</th></tr></thead>
      <tbody><?cs each:w = Gap.Wait ?><tr>
        <td class="nowrap" data-label="数据包">第 <?cs var:w.epoch ?> 纪元第 <?cs var:w.seq ?> 号</td>
        <td class="nowrap" data-label="导出时间"><?cs var:w.at ?></td>
        <td class="num" data-label="记录"><?cs var:w.records ?></td>
        <td class="num" data-label="字节"><?cs if:w.size ?><?cs var:w.size ?><?cs else ?>—<?cs /if ?></td>
        <td data-label="重发"><?cs if:w.resent ?><?cs var:w.resent ?> 次<?cs else ?>—<?cs /if ?></td>
      </tr><?cs /each ?></tbody>
    </table>
  </div>
  <?cs if:Gap.waiting > subcount(Gap.Wait) ?><p class="small muted">只列出最早的 <?cs var:subcount(Gap.Wait) ?> 个，共 <?cs var:Gap.waiting ?> 个。</p><?cs /if ?>
  <?cs /if ?>
</section>

<section class="section" aria-labelledby="gs-aside">
  <h2 class="section-title" id="gs-aside">搁置的记录</h2>
  <p id="gs-aside-count">本站搁置 <?cs var:Gap.Here.total ?> 条；<?cs var:Gap.peer ?>搁置本站发出的 <?cs var:Gap.There.total ?> 条。验证通过但按本站规定未能应用的记录单独搁置，不挡住后面的数据；摆渡员用 yiwang-gap retry 编号 重试，或 yiwang-gap discard 编号 --why 原因 作废。</p>
  <?cs if:subcount(Gap.Here.List) > 0 || subcount(Gap.There.List) > 0 ?>
  <div class="table-wrap">
    <table class="grid reflow" id="asides">
      <thead><tr><th scope="col">在哪一站</th><th scope="col">编号</th><th scope="col">搁置时间</th><th scope="col">数据包</th><th scope="col">记录</th><th scope="col">原因</th></tr></thead>
      <tbody>
      <?cs each:a = Gap.Here.List ?><tr>
        <td class="nowrap" data-label="在哪一站">本站（<?cs var:Gap.self ?>）</td>
        <td class="nowrap" data-label="编号">#<?cs var:a.id ?></td>
        <td class="nowrap" data-label="搁置时间"><?cs var:a.at ?></td>
        <td data-label="数据包"><?cs var:a.bundle ?></td>
        <td data-label="记录">第 <?cs var:a.recno ?> 条 <span class="mono"><?cs var:a.kind ?></span></td>
        <td data-label="原因"><?cs var:a.reason ?></td>
      </tr><?cs /each ?>
      <?cs each:a = Gap.There.List ?><tr>
        <td class="nowrap" data-label="在哪一站"><?cs var:Gap.peer ?></td>
        <td class="nowrap" data-label="编号">—</td>
        <td class="nowrap" data-label="搁置时间"><?cs var:a.at ?></td>
        <td data-label="数据包"><?cs var:a.bundle ?></td>
        <td data-label="记录">第 <?cs var:a.recno ?> 条 <span class="mono"><?cs var:a.kind ?></span></td>
        <td data-label="原因"><?cs var:a.reason ?></td>
      </tr><?cs /each ?>
      </tbody>
    </table>
  </div>
  <?cs /if ?>
</section>

<section class="section" aria-labelledby="gs-alerts-h">
  <h2 class="section-title" id="gs-alerts-h">未处理的警告和提示</h2>
  <?cs if:subcount(Gap.Alerts) == 0 ?><p class="muted">没有未处理的安全警告或提示。</p><?cs else ?>
  <div class="table-wrap">
    <table class="grid reflow" id="alerts">
      <thead><tr><th scope="col">时间</th><th scope="col">警告</th><th scope="col">数据包</th><th scope="col">摆渡员</th><th scope="col">说明</th></tr></thead>
      <tbody><?cs each:a = Gap.Alerts ?><tr>
        <td class="nowrap" data-label="时间"><?cs var:a.at ?></td>
        <td data-label="警告">第 <?cs var:a.id ?> 号 <?cs var:a.kind_label ?></td>
        <td data-label="数据包"><?cs var:a.object_label ?></td>
        <td class="nowrap" data-label="摆渡员"><?cs if:a.who ?><?cs var:a.who ?><?cs else ?><span class="muted">—</span><?cs /if ?></td>
        <td data-label="说明"><span class="pre-line"><?cs var:a.message ?></span></td>
      </tr><?cs /each ?></tbody>
    </table>
  </div>
  <?cs if:Gap.alerts > subcount(Gap.Alerts) ?><p class="small muted">只列出最近 <?cs var:subcount(Gap.Alerts) ?> 条，共 <?cs var:Gap.alerts ?> 条。</p><?cs /if ?>
  <?cs /if ?>
</section>

<section class="section" aria-labelledby="gs-carry">
  <h2 class="section-title" id="gs-carry">摆渡记录</h2>
  <?cs if:subcount(Carry) == 0 ?><p class="muted">还没有摆渡记录。</p><?cs else ?>
  <div class="table-wrap">
    <table class="grid reflow" id="carries">
      <thead><tr><th scope="col">时间</th><th scope="col">摆渡员</th><th scope="col">操作</th><th scope="col">数据包</th><th scope="col">光盘（目录）</th><th scope="col">结果</th></tr></thead>
      <tbody><?cs each:c = Carry ?><tr>
        <td class="nowrap" data-label="时间"><?cs var:c.at ?></td>
        <td class="nowrap" data-label="摆渡员"><?cs var:c.operator ?></td>
        <td class="nowrap" data-label="操作"><?cs var:c.action ?></td>
        <td data-label="数据包"><?cs var:c.bundle ?></td>
        <td class="mono" data-label="光盘（目录）"><?cs var:c.disc ?></td>
        <td data-label="结果"><?cs var:c.outcome ?></td>
      </tr><?cs /each ?></tbody>
    </table>
  </div>
  <?cs /if ?>
  <?cs if:Page.More || Page.Older ?>
  <p class="actions"><?cs if:Page.Older ?><a class="btn btn-plain" href="/ops/gap">最新的记录</a> <?cs /if ?><?cs if:Page.More ?><a class="btn btn-plain" rel="next" href="/ops/gap?before=<?cs var:url_escape(Page.More) ?>#gs-carry">更早的记录</a><?cs /if ?></p>
  <?cs /if ?>
</section>
