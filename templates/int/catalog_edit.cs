<?cs # int/catalog_edit.cs: the editor of a draft (CAT-1, CAT-2, FLOW-1):
       Item.{code,version,name,dept_code}; Form.* the values (as stored, or
       as typed when refused): every element, theme_N checkboxes,
       materials and procedure as text; Form.Error and Form.Errors.N (each
       with its line number or field), Form.ErrorsMore; the choices Depts.N,
       Opts.{Kinds,Levels,Phases,Originals}, Opts.Themes.N.{name,field,checked}.
       POST /catalog/edit; below it 放弃草稿 (int/catalog_discard.cs). ?>
<nav class="crumbs" aria-label="位置"><a href="/catalog">事项管理</a> › <a href="/catalog/item?code=<?cs var:url_escape(Item.code) ?>&amp;v=<?cs var:url_escape(Item.version) ?>"><?cs var:Item.code ?></a> › 修改</nav>

<section class="form-page form-wide">
  <h1>修改第 <?cs var:Item.version ?> 版草稿</h1>
  <p class="page-sub">事项编码 <span class="mono"><?cs var:Item.code ?></span>。保存后可在事项页面看到流程检查结果；流程未通过检查也可以保存，但不能发布。</p>
  <?cs if:Form.Error ?>
  <div class="alert alert-error" role="alert">
    <p><strong><?cs var:Form.Error ?></strong></p>
    <?cs if:subcount(Form.Errors) > 0 ?>
    <ul><?cs each:e = Form.Errors ?><li><?cs var:e ?></li><?cs /each ?></ul>
    <?cs if:Form.ErrorsMore ?><p>另有 <?cs var:Form.ErrorsMore ?> 处问题，改正上面的问题后会再列出。</p><?cs /if ?>
    <?cs /if ?>
  </div>
  <?cs /if ?>

  <form class="form" method="post" action="/catalog/edit">
    <input type="hidden" name="csrf" value="<?cs var:Page.Csrf ?>">
    <input type="hidden" name="code" value="<?cs var:Item.code ?>">
    <input type="hidden" name="v" value="<?cs var:Item.version ?>">

    <fieldset class="panel">
      <legend>基本信息</legend>
      <div class="field">
        <label for="f-name">事项名称</label>
        <input id="f-name" name="name" type="text" value="<?cs var:Form.name ?>" maxlength="200" required>
      </div>
      <div class="field">
        <label for="f-kind">事项类型</label>
        <select id="f-kind" name="kind" required>
          <?cs each:k = Opts.Kinds ?><option<?cs if:k == Form.kind ?> selected<?cs /if ?>><?cs var:k ?></option><?cs /each ?>
        </select>
      </div>
      <div class="field">
        <label for="f-dept">实施部门</label>
        <select id="f-dept" name="dept_code" required>
          <?cs each:d = Depts ?><option value="<?cs var:d.code ?>"<?cs if:d.code == Form.dept_code ?> selected<?cs /if ?>><?cs var:d.name ?></option><?cs /each ?>
        </select>
      </div>
      <div class="field">
        <label for="f-level">实施层级</label>
        <select id="f-level" name="level" required>
          <?cs each:l = Opts.Levels ?><option<?cs if:l == Form.level ?> selected<?cs /if ?>><?cs var:l ?></option><?cs /each ?>
        </select>
      </div>
      <div class="field">
        <label for="f-parent">所属主项编码<span class="opt">（子项才填）</span></label>
        <input id="f-parent" name="parent" type="text" value="<?cs var:Form.parent ?>" maxlength="40" spellcheck="false" aria-describedby="f-parent-help">
        <p class="help" id="f-parent-help">本事项是某个主项在某一阶段的子项时，填写主项的事项编码并选择阶段。</p>
      </div>
      <div class="field">
        <label for="f-phase">阶段<span class="opt">（子项才选）</span></label>
        <select id="f-phase" name="phase">
          <option value="">（不是子项）</option>
          <?cs each:p = Opts.Phases ?><option<?cs if:p == Form.phase ?> selected<?cs /if ?>><?cs var:p ?></option><?cs /each ?>
        </select>
      </div>
      <div class="field">
        <label for="f-basis">设定依据</label>
        <textarea id="f-basis" name="basis" rows="4" required><?cs var:Form.basis ?></textarea>
        <p class="help">写明法律法规的名称和条款。</p>
      </div>
      <div class="field">
        <label for="f-cond">受理条件</label>
        <textarea id="f-cond" name="conditions" rows="4"><?cs var:Form.conditions ?></textarea>
      </div>
    </fieldset>

    <fieldset class="panel">
      <legend>时限与办理方式</legend>
      <div class="field">
        <label for="f-stat">法定办结时限（工作日）</label>
        <input id="f-stat" name="statutory_days" type="text" inputmode="numeric" pattern="[0-9]{1,4}" value="<?cs var:Form.statutory_days ?>" required>
      </div>
      <div class="field">
        <label for="f-prom">承诺办结时限（工作日）</label>
        <input id="f-prom" name="promised_days" type="text" inputmode="numeric" pattern="[0-9]{1,4}" value="<?cs var:Form.promised_days ?>" aria-describedby="f-prom-help" required>
        <p class="help" id="f-prom-help">不能超过法定办结时限。</p>
      </div>
      <label class="check"><input type="checkbox" name="instant" value="1"<?cs if:Form.instant ?> checked<?cs /if ?>> 即办件（当场办结）</label>
      <div class="field">
        <label for="f-visits">到现场次数</label>
        <input id="f-visits" name="visits" type="text" inputmode="numeric" pattern="[0-9]{1,2}" value="<?cs var:Form.visits ?>">
      </div>
      <div class="field">
        <label for="f-depth">网办深度</label>
        <select id="f-depth" name="depth" required>
          <option value="A"<?cs if:Form.depth == "A" ?> selected<?cs /if ?>>A 级 · 全程网办</option>
          <option value="B"<?cs if:Form.depth == "B" ?> selected<?cs /if ?>>B 级 · 网上预审</option>
          <option value="C"<?cs if:Form.depth == "C" ?> selected<?cs /if ?>>C 级 · 窗口办理、网上公示</option>
          <option value="D"<?cs if:Form.depth == "D" ?> selected<?cs /if ?>>D 级 · 不在网上办理</option>
        </select>
      </div>
      <label class="check"><input type="checkbox" name="secret" value="1"<?cs if:Form.secret ?> checked<?cs /if ?>> 涉密事项（不上外网，网办深度只能是 C 或 D）</label>
      <label class="check"><input type="checkbox" name="private" value="1"<?cs if:Form.private ?> checked<?cs /if ?>> 涉及个人隐私（如婚姻登记、收养登记：统计中只计件数，不显示申请人和办件清单；所有版本都适用。勾选保存即生效；取消勾选须经另一人审核发布本版后生效）</label>
    </fieldset>

    <fieldset class="panel">
      <legend>收费</legend>
      <div class="field">
        <label for="f-fee">收费</label>
        <input id="f-fee" name="fee" type="text" value="<?cs var:Form.fee ?>" maxlength="1000" aria-describedby="f-fee-help">
        <p class="help" id="f-fee-help">不收费的写「不收费」（留空也按不收费）。</p>
      </div>
      <div class="field">
        <label for="f-feeb">收费依据</label>
        <textarea id="f-feeb" name="fee_basis" rows="2"><?cs var:Form.fee_basis ?></textarea>
      </div>
      <div class="field">
        <label for="f-fees">收费标准</label>
        <input id="f-fees" name="fee_standard" type="text" value="<?cs var:Form.fee_standard ?>" maxlength="1000">
      </div>
      <p class="help">办件收费时，承办人核定的金额不能超出下面的标准，系统据此出具缴费通知书。不由系统收费的，三项都留空。</p>
      <div class="field">
        <label for="f-feek">收费项目</label>
        <input id="f-feek" name="fee_kind" type="text" value="<?cs var:Form.fee_kind ?>" maxlength="40" placeholder="例如 不动产登记费">
      </div>
      <div class="field">
        <label for="f-feemin">最低金额（元）</label>
        <input id="f-feemin" name="fee_min" type="text" inputmode="decimal" value="<?cs var:Form.fee_min ?>" maxlength="12">
      </div>
      <div class="field">
        <label for="f-feemax">最高金额（元）</label>
        <input id="f-feemax" name="fee_max" type="text" inputmode="decimal" value="<?cs var:Form.fee_max ?>" maxlength="12">
      </div>
    </fieldset>

    <fieldset class="panel">
      <legend>办理地点与咨询</legend>
      <div class="field">
        <label for="f-place">办理地点</label>
        <input id="f-place" name="place" type="text" value="<?cs var:Form.place ?>" maxlength="300" required>
      </div>
      <div class="field">
        <label for="f-hours">办理时间</label>
        <input id="f-hours" name="hours" type="text" value="<?cs var:Form.hours ?>" maxlength="200" required>
      </div>
      <div class="field">
        <label for="f-phone">咨询电话</label>
        <input id="f-phone" name="phone" type="tel" value="<?cs var:Form.phone ?>" maxlength="100" required>
      </div>
      <div class="field">
        <label for="f-cphone">投诉电话</label>
        <input id="f-cphone" name="complaint_phone" type="tel" value="<?cs var:Form.complaint_phone ?>" maxlength="100" required>
      </div>
    </fieldset>

    <fieldset class="panel">
      <legend>主题与检索</legend>
      <?cs each:t = Opts.Themes ?>
      <label class="check"><input type="checkbox" name="<?cs var:t.field ?>" value="1"<?cs if:t.checked == 1 ?> checked<?cs /if ?>> <?cs var:t.name ?></label>
      <?cs /each ?>
      <div class="field">
        <label for="f-kw">检索关键词<span class="opt">（选填，用空格隔开）</span></label>
        <input id="f-kw" name="keywords" type="text" value="<?cs var:Form.keywords ?>" maxlength="500">
      </div>
    </fieldset>

    <fieldset class="panel">
      <legend>申请材料</legend>
      <div class="field">
        <label for="f-mats">每行一项材料</label>
        <textarea id="f-mats" name="materials" rows="8" spellcheck="false" aria-describedby="f-mats-help">
<?cs var:Form.materials ?></textarea>
        <div class="help" id="f-mats-help">
          <p>格式：<code>名称 | 原件 | 份数 | 必交/选交 | 备注</code>。只写名称时按「原件、1 份、必交」。第二栏可写 原件、复印件 或 原件及复印件。</p>
          <p>本县核发的证照可以代替的材料（免证办），在最后一栏写<code>证照：发证事项编码</code>，例如 <code>食品经营许可证正、副本 | 原件 | 1 | 必交 | 证照：152502-SCJG-XK-002</code>：申请人持有这种有效证照时，可以直接选用，不必上传。</p>
          <p>名称不变的材料保留原有的空白表格和填写示例。</p>
        </div>
      </div>
    </fieldset>

    <fieldset class="panel">
      <legend>办理流程</legend>
      <div class="field">
        <label for="f-proc">流程定义</label>
        <textarea id="f-proc" name="procedure" rows="16" wrap="off" spellcheck="false" aria-describedby="f-proc-help">
<?cs var:Form.procedure ?></textarea>
        <div class="help" id="f-proc-help">
          <p>「步骤：」下每行一个环节：<code>编号 名称 角色 时限</code>，用空格隔开，后面可加 <code>受理通知书</code> 或 <code>决定书</code>，由其他部门办理（并联审批）的加 <code>部门=部门代码</code>。编号用英文字母或数字；角色写 窗口受理人员、承办人、科室负责人 或 分管领导；时限是工作日天数。</p>
          <p>「连线：」下每行一条或几条连线：<code>从 -> 到</code>，用编号或名称，开始写「开始」，办结写「结束」。逗号隔开的几个环节同时连出（并联）或都完成后才连入（汇合），例如 <code>accept -> review, fire</code>、<code>review, fire -> decide</code>。</p>
          <p>「回退：」下写可以退回的连线，例如 <code>decide -> review</code>。以 # 开头的行是注释。</p>
        </div>
      </div>
    </fieldset>

    <div class="form-actions">
      <button class="btn btn-primary" type="submit">保存草稿</button>
      <a class="btn btn-plain" href="/catalog/item?code=<?cs var:url_escape(Item.code) ?>&amp;v=<?cs var:url_escape(Item.version) ?>">不保存，返回</a>
    </div>
  </form>
  <?cs include:"int/catalog_discard.cs" ?>
</section>
