<?cs # int/sup_period.cs: the period form of the performance and
       statistics pages: GET Nav.action with from, to (Period.*), and the
       hidden fields Nav.code, By.word when set. ?>
<form class="form period-form no-print" method="get" action="<?cs var:Nav.action ?>">
  <?cs if:Nav.code ?><input type="hidden" name="code" value="<?cs var:Nav.code ?>"><?cs /if ?>
  <?cs if:By.word ?><input type="hidden" name="by" value="<?cs var:By.word ?>"><?cs /if ?>
  <div class="search-fields">
    <div class="field"><label for="p-from">开始日期</label><input id="p-from" name="from" type="date" value="<?cs var:Period.from ?>" required></div>
    <div class="field"><label for="p-to">结束日期</label><input id="p-to" name="to" type="date" value="<?cs var:Period.to ?>" required></div>
  </div>
  <p class="actions"><button class="btn btn-primary" type="submit">查看</button></p>
</form>
