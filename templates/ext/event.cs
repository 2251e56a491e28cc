<?cs # ext/event.cs: the guide of a life event (一件事一次办, EXT-12):
       Event.{code,name,intro,days (the longest item's promised days),
       visits (the most of any item's), depts, nitems, free, online},
       Event.Items.N.{no,code,name,dept_name,promised_days,visits,fee},
       Event.Materials.N.{seq,name,required,shared,used_by,item}: the
       materials asked once for all items. ?>
<nav class="crumbs" aria-label="位置"><a href="/">首页</a> › 一件事一次办</nav>

<header class="page-head">
  <p class="page-kicker"><span class="tag">一件事一次办</span></p>
  <h1><?cs var:Event.name ?></h1>
  <?cs if:Event.intro ?><p class="page-sub"><?cs var:Event.intro ?></p><?cs /if ?>
</header>

<section class="panel" aria-labelledby="ev-facts">
  <h2 class="section-title" id="ev-facts">一次申请，办好 <?cs var:Event.nitems ?> 个事项</h2>
  <dl class="facts facts-3">
    <div><dt>涉及部门</dt><dd><?cs var:Event.depts ?> 个</dd></div>
    <div><dt>承诺办结时限</dt><dd><?cs if:Event.days == 0 ?>即办<?cs else ?><?cs var:Event.days ?> 个工作日（各事项同时办理，以最长的为准）<?cs /if ?></dd></div>
    <div><dt>到现场次数</dt><dd><?cs if:Event.visits == 0 ?>0 次，全程网办<?cs else ?>最多 <?cs var:Event.visits ?> 次<?cs /if ?></dd></div>
    <div><dt>收费</dt><dd><?cs if:Event.free == "1" ?>不收费<?cs else ?>见各事项<?cs /if ?></dd></div>
    <div><dt>申请表</dt><dd>一张表：申请人信息只填一次</dd></div>
    <div><dt>材料</dt><dd>同名材料只交一份，用于每个需要它的事项</dd></div>
  </dl>
  <p class="actions"><?cs if:Event.online == "1" ?><a class="btn btn-primary" href="/event/apply?code=<?cs var:url_escape(Event.code) ?>">在线申请这件事</a><?cs else ?><span class="muted">其中有事项暂不能网上申请，请到政务服务中心窗口办理。</span><?cs /if ?></p>
</section>

<section class="section" aria-labelledby="ev-items">
  <h2 class="section-title" id="ev-items">包含的事项</h2>
  <div class="table-wrap">
    <table class="grid reflow">
      <thead><tr><th scope="col">序号</th><th scope="col">事项</th><th scope="col">办理部门</th><th scope="col">承诺时限</th><th scope="col">到现场</th><th scope="col">收费</th></tr></thead>
      <tbody>
        <?cs each:i = Event.Items ?>
        <tr>
          <td data-label="序号"><?cs var:i.no ?></td>
          <td data-label="事项"><a href="/guide?code=<?cs var:url_escape(i.code) ?>"><?cs var:i.name ?></a></td>
          <td data-label="办理部门"><?cs var:i.dept_name ?></td>
          <td data-label="承诺时限"><?cs if:i.promised_days == 0 ?>即办<?cs else ?><?cs var:i.promised_days ?> 个工作日<?cs /if ?></td>
          <td data-label="到现场"><?cs var:i.visits ?> 次</td>
          <td data-label="收费"><?cs var:i.fee ?></td>
        </tr>
        <?cs /each ?>
      </tbody>
    </table>
  </div>
</section>

<section class="section" aria-labelledby="ev-mats">
  <h2 class="section-title" id="ev-mats">一份材料清单</h2>
  <ol class="plain-list ev-mats">
    <?cs each:m = Event.Materials ?>
    <li><strong><?cs var:m.name ?></strong> <?cs if:m.required == 1 ?><span class="tag tag-req">必交</span><?cs else ?><span class="tag">选交</span><?cs /if ?><?cs if:m.shared == 1 ?> <span class="tag">共用</span><?cs /if ?><br><span class="small muted">用于：<?cs var:m.used_by ?></span></li>
    <?cs /each ?>
  </ol>
</section>
