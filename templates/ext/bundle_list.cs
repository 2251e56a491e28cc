<?cs # ext/bundle_list.cs: 一件事 bundles as one entry each (EXT-12):
       Bundles.N.{no,event_name,entity_name,handler,submitted_at,
       state_label,open,ncorrect,Apps.M.{item_name,state_label}}, each
       opening /bundle.  Included by my.cs (entity_name: made in an
       enterprise's name) and enterprise.cs (ShowHandler: who made it). ?>
<ul class="plain-list bundles">
  <?cs each:b = Bundles ?>
  <li class="bundle">
    <a class="bundle-name" href="/bundle?no=<?cs var:url_escape(b.no) ?>"><?cs var:b.event_name ?></a><?cs if:!ShowHandler && b.entity_name ?> <span class="small">（以<?cs var:b.entity_name ?>名义）</span><?cs /if ?>
    <span class="badge<?cs if:b.ncorrect > 0 ?> st-correction<?cs elif:b.open == 0 ?> st-approved<?cs /if ?>"><?cs var:b.state_label ?></span>
    <span class="small muted"><span class="mono"><?cs var:b.no ?></span><?cs if:ShowHandler ?> · 经办人 <?cs var:b.handler ?><?cs /if ?> · 提交于 <?cs var:b.submitted_at ?></span>
    <ul class="small bundle-apps">
      <?cs each:a = b.Apps ?><li><?cs var:a.item_name ?>：<?cs var:a.state_label ?></li><?cs /each ?>
    </ul>
  </li>
  <?cs /each ?>
</ul>
