<?cs # int/sec_nav.cs: included at the top of every page of the security
       administrator (/sec…): the section's navigation. ?>
<nav class="crumbs" aria-label="安全管理"><a href="/sec">安全管理</a> · <a href="/sec/staff">角色与密码</a> · <a href="/sec/locks">账户锁定</a> · <a href="/sec/certs">数字证书</a> · <a href="/sec/alerts">安全警告</a></nav>
