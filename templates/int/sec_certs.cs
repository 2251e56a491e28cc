<?cs # int/sec_certs.cs: GET /sec/certs (security administrator), the
       staff accounts bound to a client certificate (ACC-4):
       Cert.N.{login,name,serial,sha256,not_after,issued_at,issued_by}
       (times in Beijing time); Done.revoked after a revocation. ?>
<?cs include:"int/sec_nav.cs" ?>
<header class="page-head">
  <h1>数字证书 <span class="count"><?cs var:subcount(Cert) ?> 个账号已绑定</span></h1>
  <p class="page-sub">绑定了数字证书的账号，只有在浏览器出示本人证书时才能登录；证书不在时，已登录的会话随即结束。证书由安全管理员在服务器上签发：<code>yiwang-admin cert-issue 登录名</code>。</p>
</header>
<?cs if:Done.revoked ?><div class="alert" role="status">已吊销 <span class="mono"><?cs var:Done.revoked ?></span> 的数字证书；该账号现在只凭密码登录，需要时请重新签发。</div><?cs /if ?>
<?cs if:subcount(Cert) == 0 ?>
<div class="empty"><p>没有账号绑定数字证书。</p></div>
<?cs else ?>
<div class="table-wrap">
  <table class="grid reflow">
    <thead><tr><th scope="col">姓名</th><th scope="col">登录名</th><th scope="col">证书序列号</th><th scope="col">有效期至</th><th scope="col">签发</th><th scope="col"><span class="visually-hidden">操作</span></th></tr></thead>
    <tbody>
      <?cs each:c = Cert ?>
      <tr>
        <td data-label="姓名"><?cs var:c.name ?></td>
        <td class="mono" data-label="登录名"><?cs var:c.login ?></td>
        <td class="mono small" data-label="证书序列号" title="SHA-256 <?cs var:c.sha256 ?>"><?cs var:c.serial ?></td>
        <td class="nowrap" data-label="有效期至"><?cs var:c.not_after ?></td>
        <td class="nowrap" data-label="签发"><?cs var:c.issued_at ?> <span class="mono"><?cs var:c.issued_by ?></span></td>
        <td data-label="操作">
          <form method="post" action="/sec/certs/revoke">
            <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
            <input type="hidden" name="login" value="<?cs var:c.login ?>">
            <button class="btn btn-plain" type="submit">吊销</button>
          </form>
        </td>
      </tr>
      <?cs /each ?>
    </tbody>
  </table>
</div>
<?cs /if ?>
