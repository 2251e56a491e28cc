<?cs # int/sup_nav.cs: included at the top of every supervision page
       (/sup…): the section's navigation; User.Role.observer: the user is an
       observer and reads names and numbers masked (SUP-7). ?>
<nav class="crumbs no-print" aria-label="电子监察"><a href="/sup">监察首页</a> · <a href="/sup/cases">在办件</a> · <a href="/sup/ops">操作监察</a> · <a href="/sup/warnings">预警</a> · <a href="/sup/perf">绩效</a> · <a href="/sup/stats">统计</a> · <a href="/sup/complaints">投诉</a> · <a href="/consults">咨询</a> · <a href="/sup/ratings">差评</a> · <a href="/sup/agents">代办点</a> · <a href="/sup/agency">全程代理</a></nav>
<?cs if:User.Role.observer ?><p class="callout" role="note">您以<strong>特邀监督员</strong>身份查看：申请人的姓名、身份证号码和手机号码已遮盖，您的每一次查询都记录在案。</p><?cs /if ?>
