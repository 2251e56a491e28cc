<?cs # int/admin_agent_code.cs: POST /admin/agents, done: the activation
       code of the new agent, shown this once, to print and hand over
       (Agent.{id,name,code}). ?>
<?cs include:"int/admin_nav.cs" ?>
<section class="form-page print-slip">
  <h1>代办员账号开通回执</h1>
  <p>代办员：<strong><?cs var:Agent.name ?></strong>（编号 <?cs var:Agent.id ?>）</p>
  <p>激活码：<strong class="mono big" id="agent-code"><?cs var:Agent.code ?></strong></p>
  <ol>
    <li>账号将随下一次数据交换送达外网（一般当天）。</li>
    <li>送达后，请在外网“代办员激活”页面输入本人身份证号码和上面的激活码，设置自己的密码。</li>
    <li>激活码只能使用一次，本页关闭后不能再查看，请立即打印或抄写后交给代办员本人。</li>
  </ol>
  <p class="no-print">请用浏览器的“打印”功能打印本页。 <a class="btn btn-plain" href="/admin/agents">返回代办员列表</a></p>
</section>
