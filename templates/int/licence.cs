<?cs # int/licence.cs: GET /licence?no=…, one licence of the library
       (DOC-2) as printed (doc/licence.cs, Doc.*), its case
       (Lic.app_no), and for a department head or leader of the issuing
       department while it is valid (Lic.may_end) the form that revokes
       (吊销) or cancels (注销) it: Form.{Error,why} after a refusal. ?>
<nav class="crumbs no-print" aria-label="位置"><a href="/licences">证照库</a> › <?cs var:Lic.no ?></nav>
<p class="actions no-print"><a class="btn btn-plain" href="/case/search?go=1&amp;no=<?cs var:url_escape(Lic.app_no) ?>">查看办件 <?cs var:Lic.app_no ?></a><?cs if:Lic.ended_by ?> <span class="muted">办理吊销或注销的：<?cs var:Lic.ended_by ?></span><?cs /if ?></p>
<div class="sheet">
<?cs include:"doc/licence.cs" ?>
</div>
<?cs if:Lic.may_end ?>
<section class="section no-print">
  <h2 class="section-title">吊销或注销</h2>
  <p class="muted">吊销：依法撤销许可（如严重违法）。注销：许可依法终止（如持证人申请注销、主体终止）。办理后证照状态随下一个数据包送到外网，持证人的证照和核验页面都将显示为“已吊销”或“已注销”及日期和理由，不能撤回。</p>
  <?cs if:Form.Error ?><div class="alert alert-error" role="alert"><?cs var:Form.Error ?></div><?cs /if ?>
  <form class="form" method="post" action="/licence/end">
    <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
    <input type="hidden" name="no" value="<?cs var:Lic.no ?>">
    <fieldset class="field">
      <legend>办理</legend>
      <label><input type="radio" name="state" value="revoked" required> 吊销</label>
      <label><input type="radio" name="state" value="cancelled"> 注销</label>
    </fieldset>
    <div class="field">
      <label for="f-why">理由和依据（显示在核验页面上）</label>
      <textarea id="f-why" name="why" rows="3" maxlength="200" required><?cs var:Form.why ?></textarea>
    </div>
    <div class="form-actions"><button class="btn btn-primary" type="submit">确认办理</button></div>
  </form>
</section>
<?cs /if ?>
