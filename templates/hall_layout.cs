<?cs # hall_layout.cs: the layout of the hall display (GET /hall): no
       navigation, no script, a meta refresh every 60 seconds, large
       type for a television across the room (1920×1080). ?><!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta http-equiv="refresh" content="60">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title><?cs if:Page.Title ?><?cs var:Page.Title ?> - <?cs /if ?><?cs var:Site.Name ?></title>
<link rel="stylesheet" href="/static/yiwang.css">
<link rel="icon" href="/favicon.ico" sizes="32x32">
</head>
<body class="hall-body">
<?cs include:Page.Template ?>
</body>
</html>
