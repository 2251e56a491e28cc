<?cs # ext/licence_list.cs: licences as a table (Lics.N from
       view_licences(): no, name, item_name, holder, issued_by,
       valid_from, valid_to, state, state_label, ended_at), each opening
       its printable page (/doc?no=…).  Included by my.cs (我的证照) and
       enterprise.cs. ?>
<?cs if:subcount(Lics) == 0 ?>
<p class="muted">还没有电子证照。准予许可的事项如核发证照，决定作出后证照会出现在这里，可以查看、打印和核验。</p>
<?cs else ?>
<div class="table-wrap">
  <table class="grid reflow">
    <thead><tr><th scope="col">证照</th><th scope="col">编号</th><th scope="col">有效期</th><th scope="col">状态</th></tr></thead>
    <tbody>
      <?cs each:l = Lics ?>
      <tr>
        <td data-label="证照"><a href="/doc?no=<?cs var:url_escape(l.no) ?>"><?cs var:l.name ?></a><br><span class="small muted"><?cs var:l.holder ?> · <?cs var:l.issued_by ?></span></td>
        <td class="mono" data-label="编号"><?cs var:l.no ?></td>
        <td class="nowrap" data-label="有效期"><?cs var:l.valid_from ?> 至 <?cs var:l.valid_to ?></td>
        <td data-label="状态"><span class="badge<?cs if:l.state == "valid" ?> st-approved<?cs else ?> st-rejected<?cs /if ?>"><?cs var:l.state_label ?></span><?cs if:l.ended_at ?><br><span class="small muted"><?cs var:l.ended_at ?></span><?cs /if ?></td>
      </tr>
      <?cs /each ?>
    </tbody>
  </table>
</div>
<?cs /if ?>
