<?cs # ext/icons.cs: icon(theme), a small line drawing for each life
       event of docs/catalog.md (a document for any other), inline SVG
       in the text's colour: no image request, no font.  Decorative: the
       theme's name is always written beside it. ?>
<?cs def:icon(t) ?><svg class="icon" viewBox="0 0 24 24" width="32" height="32" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round"><?cs
if:t == "出生" ?><circle cx="12" cy="7" r="3.5"/><path d="M5 21c0-4 3-7.5 7-7.5s7 3.5 7 7.5"/><path d="M10.5 6.5h.01M13.5 6.5h.01"/><?cs
elif:t == "上学" ?><path d="M3 5h7a2 2 0 0 1 2 2v13a2 2 0 0 0-2-2H3z"/><path d="M21 5h-7a2 2 0 0 0-2 2v13a2 2 0 0 1 2-2h7z"/><?cs
elif:t == "就业" ?><rect x="3" y="8" width="18" height="12" rx="2"/><path d="M9 8V5h6v3M3 13h18"/><?cs
elif:t == "婚育" ?><circle cx="9" cy="14" r="5"/><circle cx="15" cy="14" r="5"/><path d="M10 5l2-2 2 2"/><?cs
elif:t == "开办企业" ?><path d="M3 9l2-5h14l2 5z"/><path d="M4 9v11h16V9M9 20v-6h6v6"/><?cs
elif:t == "建房" ?><path d="M3 11l9-8 9 8"/><path d="M5 10v10h14V10M10 20v-5h4v5"/><?cs
elif:t == "养老" ?><circle cx="10" cy="4.5" r="2"/><path d="M10 8v6l-3 7M10 14l3 7M10 10l4 2M16 11v10"/><?cs
elif:t == "社会救助" ?><path d="M12 20s-7-4.5-7-10a4 4 0 0 1 7-2.5A4 4 0 0 1 19 10c0 5.5-7 10-7 10z"/><?cs
elif:t == "医疗卫生" ?><path d="M10 4h4v6h6v4h-6v6h-4v-6H4v-4h6z"/><?cs
elif:t == "交通出行" ?><rect x="4" y="5" width="16" height="12" rx="2"/><path d="M4 11h16"/><circle cx="8" cy="19" r="1.5"/><circle cx="16" cy="19" r="1.5"/><?cs
elif:t == "农牧业生产" ?><path d="M12 21V11"/><path d="M12 11c0-4 3-6 7-6 0 4-3 6-7 6zM12 14c0-3-2-5-6-5 0 3 2 5 6 5z"/><?cs
elif:t == "户籍" ?><rect x="3" y="5" width="18" height="14" rx="2"/><circle cx="8.5" cy="11" r="2"/><path d="M13 10h5M13 14h5M5.5 16h6"/><?cs
elif:t == "退休" ?><circle cx="12" cy="12" r="8.5"/><path d="M12 7.5V12l3 2"/><?cs
elif:t == "身后事" ?><path d="M12 3c2 2.5 2 5 0 7-2-2-2-4.5 0-7z"/><rect x="9" y="11" width="6" height="10" rx="1"/><?cs
else ?><path d="M6 3h9l4 4v14H6z"/><path d="M14 3v5h5M9 13h6M9 17h6"/><?cs
/if ?></svg><?cs /def ?>
