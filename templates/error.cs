<?cs # error.cs: an error page (rendered inside layout.cs).
       Error.Status is the HTTP status, Error.Message a short Chinese
       sentence that says what to do next. ?>
<section class="error-page">
  <p class="error-code" aria-hidden="true"><?cs if:Error.Status ?><?cs var:Error.Status ?><?cs else ?>500<?cs /if ?></p>
  <h1><?cs if:Error.Status == 404 ?>页面不存在<?cs elif:Error.Status == 403 ?>没有权限<?cs elif:Error.Status == 400 ?>请求有误<?cs elif:Error.Status == 413 ?>提交的内容过大<?cs elif:Error.Status >= 500 || !Error.Status ?>系统暂时出现问题<?cs else ?>无法完成请求<?cs /if ?></h1>
  <p class="error-message"><?cs if:Error.Message ?><?cs var:Error.Message ?><?cs else ?>系统暂时无法处理您的请求，请稍后再试。如多次出现，请拨打页面底部的咨询电话。<?cs /if ?></p>
  <p class="error-status">错误代码：<?cs if:Error.Status ?><?cs var:Error.Status ?><?cs else ?>500<?cs /if ?></p>
  <p class="actions error-actions"><?cs if:Site.Kind == "intranet" ?><a class="btn btn-primary" href="/">返回首页</a><?cs else ?><a class="btn btn-primary" href="/">返回首页</a><a class="btn btn-plain" href="/query">办件查询</a><?cs /if ?></p>
</section>
