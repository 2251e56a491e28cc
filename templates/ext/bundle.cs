<?cs # ext/bundle.cs: one life-event application followed as one
       (EXT-12): Bundle.{no,event_code,event_name,entity_name,submitted_at,
       state_label,open,ncorrect,napps,again}, Bundle.Apps.N.{app_no,
       item_name,state,state_label,updated_at,due_date,natts,last,
       Docs.M.{doc_no,title,issued_at}}. ?>
<nav class="crumbs" aria-label="位置"><a href="/">首页</a> › <a href="/my">我的办件</a> › 一件事</nav>

<header class="page-head">
  <p class="page-kicker">一件事申请编号 <strong class="mono"><?cs var:Bundle.no ?></strong></p>
  <h1><?cs var:Bundle.event_name ?></h1>
  <?cs if:Bundle.entity_name ?><p class="page-sub">申请人：<?cs var:Bundle.entity_name ?>（以企业名义办理）</p><?cs /if ?>
  <p class="app-status"><span class="badge<?cs if:Bundle.ncorrect > 0 ?> st-correction<?cs elif:Bundle.open == 0 ?> st-approved<?cs /if ?>"><?cs var:Bundle.state_label ?></span> <span class="muted">提交于 <?cs var:Bundle.submitted_at ?>，共 <?cs var:Bundle.napps ?> 个事项</span></p>
</header>

<?cs if:Bundle.again ?><div class="alert alert-ok" role="status">这件事已经提交过，没有重复申请。</div><?cs /if ?>
<?cs if:Bundle.ncorrect > 0 ?><div class="alert alert-error" role="alert">有 <?cs var:Bundle.ncorrect ?> 个事项需要补正材料，请打开标有“需补正”的事项，按通知补交。</div><?cs /if ?>

<section class="section" aria-labelledby="b-items">
  <h2 class="section-title" id="b-items">各事项进度</h2>
  <div class="table-wrap">
    <table class="grid reflow rowlink">
      <thead><tr><th scope="col">事项</th><th scope="col">申请编号</th><th scope="col">状态</th><th scope="col">最新进展</th><th scope="col">办理文书</th></tr></thead>
      <tbody>
        <?cs each:a = Bundle.Apps ?>
        <tr>
          <td data-label="事项"><a class="row-main" href="/app?no=<?cs var:url_escape(a.app_no) ?>"><?cs var:a.item_name ?></a></td>
          <td class="nowrap mono" data-label="申请编号"><?cs var:a.app_no ?></td>
          <td data-label="状态"><span class="badge<?cs if:a.state == "correcting" ?> st-correction<?cs elif:a.state == "approved" ?> st-approved<?cs elif:a.state == "rejected" || a.state == "withdrawn" ?> st-rejected<?cs /if ?>"><?cs var:a.state_label ?></span><?cs if:a.due_date ?><br><span class="small muted">承诺 <?cs var:a.due_date ?> 前办结</span><?cs /if ?></td>
          <td data-label="最新进展"><?cs var:a.last ?> <span class="small muted"><?cs var:a.updated_at ?></span></td>
          <td data-label="办理文书"><?cs if:subcount(a.Docs) == 0 ?><span class="muted">暂无</span><?cs /if ?><?cs each:d = a.Docs ?><a href="/doc?no=<?cs var:url_escape(d.doc_no) ?>"><?cs var:d.title ?></a><br><?cs /each ?></td>
        </tr>
        <?cs /each ?>
      </tbody>
    </table>
  </div>
  <p class="muted small list-note">点击事项查看它的材料、办理进度和留言。每个事项由其部门办理，办结时间各不相同；全部办结后，这件事显示“已办结”。</p>
</section>
