<?cs # ext/ent_registered.cs: the one answer to every accepted enterprise
       registration, whether the code was new or registered before (F7),
       so the page tells nobody which.  No data. ?>
<section class="form-page">
  <h1>企业登记信息已提交</h1>
  <div class="notice" role="status">
    <p>如果这个统一社会信用代码此前没有登记，企业已经登记在您的名下，您是它的法定代表人，可在「我的办件」页的「我的企业」中查看和授权经办人。</p>
    <p>如果这个代码早已登记，原登记不变，「我的企业」中不会出现它。如果这家企业确实由您担任法定代表人，请带营业执照和本人身份证到政务服务中心窗口核实。</p>
  </div>
  <p class="actions"><a class="btn btn-primary" href="/my">去我的办件</a></p>
</section>
