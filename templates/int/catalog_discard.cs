<?cs # int/catalog_discard.cs: included by the item page and the editor of
       a draft (Item.{code,version}): 放弃草稿, POST /catalog/discard.  The
       box 确认放弃 is the confirm step, without JavaScript: unticked, the
       server deletes nothing and says so. ?>
  <form class="action-form act-refuse" method="post" action="/catalog/discard" aria-labelledby="discard-title">
    <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
    <input type="hidden" name="code" value="<?cs var:Item.code ?>">
    <input type="hidden" name="v" value="<?cs var:Item.version ?>">
    <h3 class="action-title" id="discard-title">放弃第 <?cs var:Item.version ?> 版草稿</h3>
    <p class="help">这一版草稿连同其材料和流程一并删除，不能恢复；已发布的版本不受影响，仍照常办理。</p>
    <label class="check"><input type="checkbox" name="confirm" value="1" required> 确认放弃第 <?cs var:Item.version ?> 版草稿</label>
    <p><button class="btn btn-primary" type="submit">放弃草稿</button></p>
  </form>
