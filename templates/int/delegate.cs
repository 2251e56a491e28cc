<?cs # int/delegate.cs: 我的委托 (INT-7, AB岗), GET/POST /delegate.
       Deputies.N.{login,name,roles_label,selected}: who may be the
       user's deputy; Delegate.{today,last_start,days_max,reason_max,
       roles_label}; Form.{Error,Field,from,to,reason} on a refusal (422).
       Mine.N / Given.N.{id,staff_name,deputy_name,roles_label,from_day,
       to_day,reason,state_label,created_at,ended_at,in_force,can_end}:
       the delegations the user gave and was given. ?>
<?cs def:invalid(f) ?><?cs if:Form.Field == f ?> aria-invalid="true" autofocus<?cs /if ?><?cs /def ?>
<?cs def:deleg_rows(list, mine) ?>
<div class="table-wrap">
  <table class="grid reflow">
    <thead>
      <tr><th scope="col"><?cs if:mine == 1 ?>代理人<?cs else ?>委托人<?cs /if ?></th><th scope="col">委托的角色</th><th scope="col">期间</th><th scope="col">事由</th><th scope="col">状态</th><?cs if:mine == 1 ?><th scope="col">操作</th><?cs /if ?></tr>
    </thead>
    <tbody>
      <?cs each:d = list ?>
      <tr>
        <td data-label="<?cs if:mine == 1 ?>代理人<?cs else ?>委托人<?cs /if ?>"><?cs if:mine == 1 ?><?cs var:d.deputy_name ?><?cs else ?><?cs var:d.staff_name ?><?cs /if ?></td>
        <td data-label="委托的角色"><?cs var:d.roles_label ?></td>
        <td class="nowrap" data-label="期间"><?cs var:d.from_day ?> 至 <?cs var:d.to_day ?></td>
        <td data-label="事由"><?cs var:d.reason ?></td>
        <td data-label="状态"><span class="badge<?cs if:d.in_force ?> st-approved<?cs /if ?>"><?cs var:d.state_label ?></span><?cs if:d.ended_at ?><br><span class="small muted">结束于 <?cs var:d.ended_at ?></span><?cs /if ?></td>
        <?cs if:mine == 1 ?><td data-label="操作"><?cs if:d.can_end ?>
          <form method="post" action="/delegate/end">
            <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
            <input type="hidden" name="id" value="<?cs var:d.id ?>">
            <button class="btn btn-plain" type="submit"><?cs if:d.in_force ?>提前结束<?cs else ?>撤销<?cs /if ?></button>
          </form><?cs else ?><span class="muted">—</span><?cs /if ?></td><?cs /if ?>
      </tr>
      <?cs /each ?>
    </tbody>
  </table>
</div>
<?cs /def ?>
<header class="page-head">
  <h1>我的委托</h1>
  <p class="page-sub">外出、休假前，可以把您的业务角色（<?cs var:Delegate.roles_label ?>）在一段时间内委托给本部门没有这一角色的同事（AB岗）。委托期间，代理人的待办件中会出现您的待办，标明「受 您 委托」；代理人签署的意见、办理记录和出具的文书都写明「代理人（受 您 委托）」。委托在结束日期当天结束后自动失效，您也可以提前结束。</p>
</header>

<section class="section">
  <h2 class="section-title">新的委托</h2>
  <?cs if:Form.Error ?><div class="alert alert-error" id="form-error" role="alert"><?cs var:Form.Error ?></div><?cs /if ?>
  <?cs if:subcount(Deputies) == 0 ?>
  <p class="muted">本部门没有可以做您代理人的同事：代理人须是本部门在岗的业务人员，且没有您的全部角色（已有这些角色的同事本来就能办理您的待办件，不需委托）。</p>
  <?cs else ?>
  <form class="form" method="post" action="/delegate">
    <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
    <div class="field">
      <label for="f-deputy">代理人（本部门）</label>
      <select id="f-deputy" name="deputy" required<?cs call:invalid("deputy") ?>>
        <option value="">请选择</option>
        <?cs each:p = Deputies ?><option value="<?cs var:p.login ?>"<?cs if:p.selected ?> selected<?cs /if ?>><?cs var:p.name ?>（<?cs var:p.roles_label ?>）</option><?cs /each ?>
      </select>
    </div>
    <div class="field">
      <label for="f-from">开始日期</label>
      <input id="f-from" name="from" type="date" min="<?cs var:Delegate.today ?>" max="<?cs var:Delegate.last_start ?>" value="<?cs if:Form.from ?><?cs var:Form.from ?><?cs else ?><?cs var:Delegate.today ?><?cs /if ?>" required<?cs call:invalid("from") ?> aria-describedby="f-period-help">
    </div>
    <div class="field">
      <label for="f-to">结束日期（含当天）</label>
      <input id="f-to" name="to" type="date" min="<?cs var:Delegate.today ?>" value="<?cs var:Form.to ?>" required<?cs call:invalid("to") ?> aria-describedby="f-period-help">
      <p class="help" id="f-period-help">从今天（<?cs var:Delegate.today ?>）或以后开始，一次最长 <?cs var:Delegate.days_max ?> 天；同一时间只能委托给一人。</p>
    </div>
    <div class="field">
      <label for="f-reason">事由</label>
      <input id="f-reason" name="reason" type="text" maxlength="<?cs var:Delegate.reason_max ?>" placeholder="如：到盟里参加培训" value="<?cs var:Form.reason ?>" required<?cs call:invalid("reason") ?>>
    </div>
    <div class="form-actions">
      <button class="btn btn-primary" type="submit">设定委托</button>
    </div>
  </form>
  <?cs /if ?>
</section>

<section class="section">
  <h2 class="section-title">我发出的委托</h2>
  <?cs if:subcount(Mine) == 0 ?>
  <p class="muted">您还没有委托过他人。</p>
  <?cs else ?>
  <?cs call:deleg_rows(Mine, 1) ?>
  <?cs /if ?>
</section>

<section class="section">
  <h2 class="section-title">委托给我的</h2>
  <?cs if:subcount(Given) == 0 ?>
  <p class="muted">没有同事委托您代办。</p>
  <?cs else ?>
  <p class="small muted">生效中的委托，委托人的待办件会出现在您的<a href="/inbox">待办件</a>中。</p>
  <?cs call:deleg_rows(Given, 0) ?>
  <?cs /if ?>
</section>
