<?cs # int/catalog_sim.cs: the step-by-step simulation of a version's
       procedure (FLOW-2): Item.{code,version,name,status_label},
       Sim.States.N.{no,enabled,complete,stuck}, Sim.States.N.Moves.M.{step,
       back_to,to,to_complete} (breadth first from state 0), Sim.states
       (how many), Sim.moves, Sim.max; Sim.too_large when the bound was
       hit; Sim.malformed: why nothing can be simulated. ?>
<nav class="crumbs" aria-label="位置"><a href="/catalog">事项管理</a> › <a href="/catalog/item?code=<?cs var:url_escape(Item.code) ?>&amp;v=<?cs var:url_escape(Item.version) ?>"><?cs var:Item.code ?></a> › 流程模拟</nav>

<header class="page-head">
  <p class="page-kicker">第 <?cs var:Item.version ?> 版 · <?cs var:Item.status_label ?></p>
  <h1><?cs var:Item.name ?> · 流程模拟</h1>
  <p class="page-sub">从受理开始，列出一件申请可能经过的每一个状态：每个状态下哪些环节可以办理，办理后（向后送达或回退）到达哪个状态。</p>
</header>

<?cs if:Sim.malformed ?>
<div class="alert alert-error" role="alert"><p><strong>流程定义不完整，无法模拟。</strong></p><p><?cs var:Sim.malformed ?></p></div>
<?cs else ?>
<?cs if:Sim.too_large ?>
<div class="alert alert-error" role="alert"><p><strong>流程过于复杂</strong>：模拟到 <?cs var:Sim.max ?> 步仍未走完所有状态，下面只列出了前面的部分。请简化流程（减少并联分支或回退）。</p></div>
<?cs else ?>
<p class="notice" role="status">共 <?cs var:Sim.states ?> 个状态、<?cs var:Sim.moves ?> 种办理。</p>
<?cs /if ?>

<div class="table-wrap">
  <table class="grid reflow">
    <thead>
      <tr><th scope="col" class="num">状态</th><th scope="col">可办理环节</th><th scope="col">办理</th><th scope="col">到达</th></tr>
    </thead>
    <tbody>
      <?cs each:s = Sim.States ?>
      <?cs if:subcount(s.Moves) == 0 ?>
      <tr>
        <td class="num" data-label="状态">状态 <?cs var:s.no ?></td>
        <td data-label="可办理环节" colspan="3"><?cs if:s.complete == 1 ?><span class="badge st-done">办结</span><?cs elif:s.stuck == 1 ?><span class="badge st-ended">停住：没有可以办理的环节</span><?cs else ?><span class="muted">（未展开）</span><?cs /if ?></td>
      </tr>
      <?cs else ?>
      <?cs each:m = s.Moves ?>
      <tr>
        <td class="num nowrap" data-label="状态">状态 <?cs var:s.no ?></td>
        <td data-label="可办理环节"><?cs if:first(m) ?><?cs var:s.enabled ?><?cs else ?><span class="muted">同上</span><?cs /if ?></td>
        <td data-label="办理">办理「<?cs var:m.step ?>」<?cs if:m.back_to ?><span class="tag">回退至「<?cs var:m.back_to ?>」</span><?cs else ?><span class="muted small">向后送达</span><?cs /if ?></td>
        <td data-label="到达">→ 状态 <?cs var:m.to ?><?cs if:m.to_complete == 1 ?> <span class="badge st-done">办结</span><?cs /if ?></td>
      </tr>
      <?cs /each ?>
      <?cs /if ?>
      <?cs /each ?>
    </tbody>
  </table>
</div>
<?cs /if ?>

<p class="actions"><a class="btn btn-plain" href="/catalog/item?code=<?cs var:url_escape(Item.code) ?>&amp;v=<?cs var:url_escape(Item.version) ?>">返回事项</a></p>
