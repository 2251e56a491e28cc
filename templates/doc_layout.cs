<?cs # doc_layout.cs: printable A4 layout for issued documents (文书).
       No navigation; the print hint shows on screen only. ?><!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title><?cs if:Page.Title ?><?cs var:Page.Title ?> - <?cs /if ?><?cs var:Site.Name ?></title>
<link rel="stylesheet" href="/static/yiwang.css">
<link rel="icon" href="/favicon.ico" sizes="32x32">
<script src="/static/hall.js" defer></script>
</head>
<body class="doc-body site-<?cs if:Site.Kind == "intranet" ?>intranet<?cs else ?>extranet<?cs /if ?>">
<div class="print-hint no-print">
  <p><button type="button" class="btn btn-primary print-btn" hidden>打印本页</button></p>
  <p>打印：请使用浏览器的「打印」功能（Ctrl+P，手机在浏览器菜单中选择“打印”），纸张选 A4，也可另存为 PDF。</p>
  <p><a href="<?cs if:Site.Kind == "intranet" ?>/inbox<?cs else ?>/<?cs /if ?>">返回<?cs var:Site.Name ?></a></p>
</div>
<main class="sheet">
<?cs include:Page.Template ?>
</main>
</body>
</html>
