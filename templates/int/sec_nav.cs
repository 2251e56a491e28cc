<?cs # int/sec_nav.cs: included at the top of every page of the security
       administrator (/sec…): the section's navigation.  Helper H4's
       lock-outs (/sec/locks) and the certificates (ACC-4) take their
       place in this line when they exist. ?>
<nav class="crumbs" aria-label="安全管理"><a href="/sec">安全管理</a> · <a href="/sec/staff">角色与密码</a></nav>
