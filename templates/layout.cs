<?cs # layout.cs: the common page of both sites: head, header with
       navigation, optional notice, the page (Page.Template), footer.
       Site.Kind picks the extranet or intranet header. ?><!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title><?cs if:Page.Title ?><?cs var:Page.Title ?> - <?cs /if ?><?cs var:Site.Name ?></title>
<link rel="stylesheet" href="/static/yiwang.css">
<link rel="icon" href="/favicon.ico" sizes="32x32">
<link rel="icon" href="/static/icon.svg" type="image/svg+xml">
<link rel="apple-touch-icon" href="/static/apple-touch-icon.png">
<?cs if:Site.Kind != "intranet" ?><link rel="manifest" href="/manifest.webmanifest">
<meta name="theme-color" content="#1d4e89">
<?cs /if ?><script src="/static/hall.js" defer></script>
</head>
<body class="site-<?cs if:Site.Kind == "intranet" ?>intranet<?cs else ?>extranet<?cs /if ?><?cs if:View.big ?> view-big<?cs /if ?>">
<a class="skip" href="#main">跳到正文</a>
<?cs if:Site.Kind == "intranet" ?>
<header class="masthead masthead-int">
  <div class="wrap masthead-row">
    <a class="brand" href="/">
      <span class="brand-mark" aria-hidden="true">审</span>
      <span class="brand-text">
        <span class="brand-name"><?cs var:Site.Name ?></span>
        <span class="brand-sub">内网 · 仅限工作人员使用</span>
      </span>
    </a>
    <nav class="nav" aria-label="主导航">
      <?cs if:User.Name ?>
      <?cs # Each role its own entries (三员分立): routes.c decides access. ?>
      <?cs if:User.Role.staff ?><a href="/inbox">待办件</a><a href="/delegate">我的委托</a><a href="/ratings">办事评价</a><?cs /if ?>
      <?cs if:User.Role.clerk ?><a href="/hall/intake">窗口收件</a><a href="/hall/claim">窗口核验</a><a href="/hall/bookings">今日预约</a><?cs /if ?>
      <?cs if:User.Role.staff || User.Role.admin ?><a href="/catalog">事项管理</a><?cs /if ?>
      <?cs if:User.Role.staff || User.Role.supervisor ?><a href="/licences">证照库</a><?cs /if ?>
      <?cs if:User.Role.staff || User.Role.admin ?><a href="/pub">信息发布</a><?cs /if ?>
      <?cs if:User.Role.admin ?><a href="/admin">系统管理</a><?cs /if ?>
      <?cs if:User.Role.secadmin ?><a href="/sec">安全管理</a><?cs /if ?>
      <?cs if:User.Role.auditor ?><a href="/audit">审计记录</a><?cs /if ?>
      <?cs if:User.Role.watch ?><a href="/sup">电子监察</a><?cs /if ?>
      <?cs if:User.Role.gapview ?><a href="/ops/gap">网闸摆渡</a><?cs /if ?>
      <?cs if:User.Role.coord ?><a href="/agency">全程代理</a><?cs /if ?>
      <a href="/account">我的账户</a><a href="/password">修改密码</a>
      <div class="nav-account">
        <span class="nav-user" title="当前登录"><?cs var:User.Name ?><?cs if:User.Dept ?><span class="nav-dept"><?cs var:User.Dept ?></span><?cs /if ?></span>
        <form class="nav-logout" method="post" action="/logout">
          <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
          <button type="submit">退出</button>
        </form>
      </div>
      <?cs else ?>
      <a href="/login">登录</a>
      <?cs /if ?>
    </nav>
  </div>
</header>
<?cs else ?>
<header class="masthead masthead-ext">
  <div class="wrap masthead-row">
    <a class="brand" href="/">
      <span class="brand-mark" aria-hidden="true">政</span>
      <span class="brand-text">
        <span class="brand-name"><?cs var:Site.Name ?></span>
        <span class="brand-sub"><?cs if:Site.Org ?><?cs var:Site.Org ?><?cs else ?>××县人民政府政务服务中心<?cs /if ?></span>
      </span>
    </a>
    <?cs if:Page.Ops ?>
    <?cs # The operations server (GAP-6) serves /ops/ alone: no public
           links, no login. ?>
    <nav class="nav" aria-label="主导航">
      <a href="/ops/gap">网闸摆渡状态</a>
      <div class="nav-account"><span class="nav-user" title="运维证书">运维：<?cs var:Ops.name ?></span></div>
    </nav>
    <?cs else ?>
    <nav class="nav" aria-label="主导航">
      <a href="/">首页/办事指南</a>
      <a href="/search">搜索</a>
      <a href="/my">我的办件</a>
      <a href="/query">办件查询</a>
      <a href="/results">办结公示</a>
      <a href="/news">信息公开</a>
      <?cs if:User.Name ?>
      <div class="nav-account">
        <span class="nav-user" title="当前登录"><?cs if:User.Role.agent ?>代办员 <?cs /if ?><?cs var:User.Name ?></span>
        <form class="nav-logout" method="post" action="/logout">
          <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
          <button type="submit">退出</button>
        </form>
      </div>
      <?cs else ?>
      <div class="nav-account">
        <a class="nav-em" href="/login">登录</a>
        <a href="/register">注册</a>
      </div>
      <?cs /if ?>
    </nav>
    <?cs /if ?>
  </div>
</header>
<?cs /if ?>
<?cs # Every page: the large-text mode (适老化, kept in a cookie) and a
       print button that hall.js shows (none without a script). ?>
<div class="wrap page-tools no-print">
  <?cs if:View.big ?><a href="/display?size=normal&amp;next=<?cs var:url_escape(Page.Here) ?>">标准版</a><span class="page-tools-now">当前：大字版</span><?cs else ?><a href="/display?size=big&amp;next=<?cs var:url_escape(Page.Here) ?>">大字版</a><?cs /if ?>
  <button type="button" class="print-btn" hidden>打印本页</button>
</div>
<?cs if:Page.Notice ?>
<div class="wrap"><p class="notice" role="status"><?cs var:Page.Notice ?></p></div>
<?cs /if ?>
<main id="main" class="wrap main">
<?cs include:Page.Template ?>
</main>
<footer class="footer">
  <div class="wrap">
    <p><?cs if:Site.Org ?><?cs var:Site.Org ?><?cs else ?>××县人民政府政务服务中心<?cs /if ?> 主办 · 咨询电话 <?cs if:Site.Phone ?><?cs var:Site.Phone ?><?cs else ?>0479-8221234<?cs /if ?></p>
    <?cs if:Page.Ops ?>
    <p>运维专用端口：只凭运维证书进入，每次查看都记入审计日志。</p>
    <?cs elif:Site.Kind == "intranet" ?>
    <p>本系统为政务内网审批系统，所有操作均留痕备查。请勿将办件信息带出内网。</p>
    <?cs else ?>
    <p>对办理过程或结果有意见，可<a href="/complaint">在线投诉举报</a>（<a href="/complaints">我的投诉</a>），也可拨打各事项办事指南中的投诉电话，或拨打 12345 政务服务便民热线。</p>
    <?cs /if ?>
    <?cs if:Site.Code || Site.Icp || Site.Psb ?>
    <p class="footer-ids"><?cs if:Site.Code ?><span>政府网站标识码 <?cs var:Site.Code ?></span><?cs /if ?><?cs if:Site.Icp ?><span><?cs if:Site.Kind == "intranet" ?><?cs var:Site.Icp ?><?cs else ?><a href="https://beian.miit.gov.cn/" rel="noopener"><?cs var:Site.Icp ?></a><?cs /if ?></span><?cs /if ?><?cs if:Site.Psb ?><span><?cs if:Site.PsbCode && Site.Kind != "intranet" ?><a href="https://beian.mps.gov.cn/#/query/webSearch?code=<?cs var:url_escape(Site.PsbCode) ?>" rel="noopener"><?cs var:Site.Psb ?></a><?cs else ?><?cs var:Site.Psb ?><?cs /if ?></span><?cs /if ?></p>
    <?cs /if ?>
  </div>
</footer>
</body>
</html>
