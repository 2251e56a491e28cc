<?cs # int/case_messages.cs: the thread with the applicant (与窗口人员交流,
       EXT-7), shared by /case (case.cs: with the reply form when Msg.may)
       and the supervisors' /sup/case (read only; an observer's masked,
       SUP-7).  Case.Messages.N.{dir,author,staff,body,at,unread}. ?>
    <section class="section msg-thread" id="thread" aria-labelledby="thread-title">
      <h2 class="section-title" id="thread-title">申请人留言<?cs if:Case.messages_unread > 0 ?> <span class="badge st-wait">新留言 <?cs var:Case.messages_unread ?></span><?cs /if ?></h2>
      <?cs if:subcount(Case.Messages) == 0 ?>
      <p class="muted">申请人还没有留言。</p>
      <?cs else ?>
      <ol class="thread">
        <?cs each:m = Case.Messages ?>
        <li class="msg msg-<?cs var:m.dir ?>">
          <p class="msg-meta"><strong><?cs if:m.dir == "ask" ?>申请人 <?cs var:m.author ?><?cs else ?><?cs var:m.author ?><?cs if:m.staff ?>（<?cs var:m.staff ?>）<?cs /if ?> 回复<?cs /if ?></strong> · <time><?cs var:m.at ?></time><?cs if:m.unread == 1 ?> <span class="badge st-wait">新</span><?cs /if ?></p>
          <p class="msg-body pre-line"><?cs var:m.body ?></p>
        </li>
        <?cs /each ?>
      </ol>
      <?cs /if ?>
      <?cs if:Msg.may ?>
      <form class="action-form no-print" method="post" action="/case/message">
        <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
        <input type="hidden" name="id" value="<?cs var:Case.id ?>">
        <div class="field">
          <label for="f-msg-body">回复申请人<span class="req">（<?cs var:Limits.msg ?> 字以内）</span></label>
          <textarea id="f-msg-body" name="body" rows="3" maxlength="<?cs var:Limits.msg ?>" required></textarea>
          <p class="help">回复以本部门名义随下一批数据送达申请人，并记入办理记录。</p>
        </div>
        <button class="btn btn-plain btn-block" type="submit">发送回复</button>
      </form>
      <?cs /if ?>
    </section>

