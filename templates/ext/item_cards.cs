<?cs # ext/item_cards.cs: published items (Items.N.{code,name,dept_name,
       kind,level,depth,depth_label,promised_days,instant}) as cards linking to
       their guides; included by home.cs, search.cs and browse.cs. ?>
<ul class="cards">
  <?cs each:it = Items ?>
  <li class="card">
    <a class="card-link" href="/guide?code=<?cs var:url_escape(it.code) ?>">
      <span class="card-title"><?cs var:it.name ?></span>
      <span class="card-dept"><?cs var:it.dept_name ?></span>
      <span class="card-tags">
        <?cs if:it.kind ?><span class="tag"><?cs var:it.kind ?></span><?cs /if ?>
        <?cs if:it.level ?><span class="tag"><?cs var:it.level ?></span><?cs /if ?>
        <?cs if:it.depth ?><span class="tag tag-depth"<?cs if:it.depth_label ?> title="<?cs var:it.depth_label ?>"<?cs /if ?>>网办深度 <?cs var:it.depth ?></span><?cs /if ?>
      </span>
      <span class="card-meta"><?cs if:it.instant == 1 ?><strong>即时办结</strong><?cs else ?>承诺 <strong><?cs var:it.promised_days ?></strong> 个工作日办结<?cs /if ?></span>
      <span class="card-code">事项编码 <?cs var:it.code ?></span>
      <span class="card-go">查看办事指南 ›</span>
    </a>
  </li>
  <?cs /each ?>
</ul>
