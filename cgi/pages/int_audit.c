/*
 * int_audit.c: the audit administrator's page (审计管理员, SEC-3, SEC-7):
 * the whole audit trail, newest first, by object, by who acted and by
 * kind of action.  Only ROLE_AUDITOR reaches it (routes.c), and it is all
 * that role reaches: the administrators whose acts it records cannot
 * read it, and its reader can change nothing.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "exchange.h"
#include "org.h"
#include "pages.h"

#define AUDIT_PAGE	50

static const struct {
	const char	*action;
	const char	*label;
} audit_labels[] = {
	{ "org.level", "修改层级名称" },
	{ "org.region.add", "新增区划" },
	{ "org.region.edit", "修改区划" },
	{ "org.hall.add", "新增服务大厅" },
	{ "org.hall.edit", "修改服务大厅" },
	{ "org.dept.add", "新增部门" },
	{ "org.dept.edit", "修改部门" },
	{ "org.window.add", "新增窗口" },
	{ "org.window.edit", "修改窗口" },
	{ "org.staff.add", "新增工作人员" },
	{ "org.staff.edit", "修改工作人员" },
	{ "org.staff.deactivate", "停用账号" },
	{ "org.staff.reactivate", "恢复账号" },
	{ "org.staff.roles", "修改角色" },
	{ "org.staff.password", "设置临时密码" },
	{ "org.staff.password.change", "本人修改密码" },
	{ "org.staff.mobile", "本人凭短信验证码登记提醒手机" },
	{ "org.staff.mobile.remove", "本人删除提醒手机" },
	{ "item.draft", "新建事项草稿" },
	{ "item.edit", "修改事项草稿" },
	{ "item.discard", "放弃事项草稿" },
	{ "item.submit", "提交审核" },
	{ "item.return", "退回修改" },
	{ "item.publish", "发布事项" },
	{ "item.private", "设为涉及个人隐私的事项（统计只计件数）" },
	{ "item.public", "取消涉及个人隐私的标记" },
	{ "event.draft", "保存一件事草稿" },
	{ "event.publish", "发布一件事" },
	{ "calendar.load", "导入节假日安排" },
	{ "calendar.day", "修改工作日历" },
	{ "citizen.register", "申请人注册" },
	{ "citizen.reset", "窗口核验身份后重置申请人账户" },
	{ "enterprise.register", "企业（法人）登记" },
	{ "enterprise.grant", "企业授权经办人" },
	{ "enterprise.revoke", "企业取消经办人授权" },
	{ "enterprise.claim", "窗口核实后变更企业法定代表人" },
	{ "citizen.claim", "窗口核验后申请人账户改归本人" },
	{ "hall.claim", "窗口核验登记" },
	{ "hall.claim.result", "窗口核验的外网办理结果" },
	{ "booking.plan", "设置窗口的网上预约时段" },
	{ "booking.make", "网上预约到窗口办理" },
	{ "booking.cancel", "取消网上预约" },
	{ "booking.mark", "登记预约到场情况" },
	{ "delivery.choose", "选择办理结果的领取方式" },
	{ "delivery.hand", "登记办理结果已领取或已寄出" },
	{ "citizen.password.reset", "申请人凭短信验证码重设密码" },
	{ "application.submit", "提交申请" },
	{ "application.proxy", "代办员代办提交申请" },
	{ "agent.add", "开通代办员账号" },
	{ "agent.deactivate", "停用代办员账号" },
	{ "agency.register", "登记全程代理项目" },
	{ "agency.link", "全程代理项目关联办件" },
	{ "agency.file", "全程代理中心代为申请" },
	{ "agency.edit", "修改全程代理项目" },
	{ "agency.close", "关闭全程代理项目" },
	{ "agent.activate", "代办员激活账号" },
	{ "agent.password.reset", "代办员凭短信验证码重设密码" },
	{ "application.consent", "居民短信确认代办授权" },
	{ "application.withdraw", "申请撤回" },
	{ "application.correct", "提交补正材料" },
	{ "case.accept", "受理" },
	{ "case.reject", "不予受理" },
	{ "case.sign", "签署意见" },
	{ "case.approve", "准予许可" },
	{ "case.deny", "不予许可" },
	{ "case.return", "回退" },
	{ "case.deem", "逾期视为受理" },
	{ "case.extend", "延长办理期限" },
	{ "case.urge", "催办" },
	{ "case.fee", "核定收费" },
	{ "case.fee-paid", "确认缴费" },
	{ "case.fee-lapse", "逾期未缴费不予许可" },
	{ "case.withdraw", "申请人撤回，准予撤回" },
	{ "case.correct", "要求补正" },
	{ "case.corrected", "收到补正材料" },
	{ "case.suspend", "启动特别程序" },
	{ "case.resume", "结束特别程序" },
	{ "case.report", "上报上级机关" },
	{ "case.upper", "登记上级机关决定" },
	{ "case.paper.add", "登记纸质材料" },
	{ "case.paper.hand", "移交纸质材料" },
	{ "case.paper.receive", "签收纸质材料" },
	{ "case.paper.retain", "注明纸质材料本部门留存" },
	{ "case.intake", "窗口收件登记" },
	{ "delegation.add", "设定委托（AB岗）" },
	{ "delegation.end", "提前结束或撤销委托" },
	{ "delegation.expire", "委托到期自动结束" },
	{ "account.lock", "密码输错过多，锁定账号" },
	{ "account.unlock", "解锁账号" },
	{ "cert.issue", "签发数字证书" },
	{ "cert.revoke", "吊销数字证书" },
	{ "alert.raise", "发出安全警告或提示" },
	{ "alert.resolve", "处理安全警告" },
	{ "gap.import", "导入摆渡包" },
	{ "gap.epoch-accept", "确认对端新纪元" },
	/* Key rotation (GAP-7). */
	{ "gap.key-rotate", "轮换本站的摆渡密钥" },
	{ "gap.key-peer", "装上对端的新摆渡公钥" },
	/* Poison records (GAP-5). */
	{ "gap.aside", "导入时搁置未能应用的记录" },
	{ "gap.retry", "重试搁置的记录" },
	{ "gap.discard", "作废搁置的记录" },
	/* The gap's status page and the operations server (GAP-6). */
	{ "gap.status.view", "查看网闸摆渡状态" },
	{ "ops.cert.issue", "签发运维证书" },
	{ "sup.observe", "特邀监督员查询" },
	/* Complaints (SUP-5). */
	{ "complaint.file", "提交投诉" },
	{ "complaint.import", "收到外网投诉" },
	{ "sup.complaint.assign", "交办投诉" },
	{ "sup.complaint.investigate", "记录投诉调查情况" },
	{ "sup.complaint.reply", "答复投诉" },
	{ "sup.complaint.close", "办结投诉" },
	/* Ratings (EXT-8). */
	{ "rating.rate", "评价办件" },
	{ "rating.import", "收到外网评价" },
	{ "rating.visit", "差评回访" },
	{ "rating.fix", "差评整改" },
	/* Messages on an application (EXT-7). */
	{ "case.message.post", "申请人给窗口留言" },
	{ "case.message.reply", "回复申请人留言" },
	/* Online consultation (EXT-7). */
	{ "consult.ask", "在线咨询" },
	{ "consult.answer", "答复在线咨询" },
	{ "consult.faq.publish", "发布常见问题" },
	{ "consult.faq.withdraw", "撤回常见问题" },
	/* Publication (PUB-1, PUB-2). */
	{ "pub.edit", "撰写或修改稿件" },
	{ "pub.submit", "稿件提交审核" },
	{ "pub.publish", "审核发布稿件" },
	{ "pub.return", "退回稿件修改" },
	{ "pub.withdraw", "撤回已发布的稿件" },
	{ "pub.late", "办结结果逾期未公示" },
	{ "history.generate", "生成演示办件历史" },
	{ "history.remove", "删除生成的演示办件" },
	{ "exchange.export", "导出省级电子监察数据" },
	{ "exchange.import", "导入部门业务系统办件" },
	/* Seals (DOC-1). */
	{ "seal.key-make", "生成部门电子印章密钥" },
	{ "seal.key-rotate", "更换部门电子印章密钥" },
	{ "seal.key-revoke", "吊销电子印章密钥" },
	/* Licences (DOC-2). */
	{ "licence.issue", "核发电子证照" },
	{ "licence.revoke", "吊销电子证照" },
	{ "licence.cancel", "注销电子证照" },
	{ "licence.template", "设置事项的证照模板" },
};

/* The kinds of action the page filters by (a prefix of the action). */
static const struct {
	const char	*prefix;
	const char	*label;
} audit_kinds[] = {
	{ "org.staff.", "工作人员账号、角色和密码" },
	{ "org.", "组织机构" },
	{ "account.", "账号锁定与解锁" },
	{ "cert.", "数字证书" },
	{ "alert.", "安全警告" },
	{ "item.", "事项目录" },
	{ "event.", "一件事一次办" },
	{ "calendar.", "工作日历" },
	{ "citizen.", "申请人账户" },
	{ "enterprise.", "企业（法人）和经办人" },
	{ "agent.", "代办员账号" },
	{ "agency.", "全程代理项目" },
	{ "hall.", "窗口核验" },
	{ "booking.", "预约服务" },
	{ "delivery.", "办理结果的领取和邮寄" },
	{ "application.", "网上申请" },
	{ "case.", "办件" },
	{ "delegation.", "委托（AB岗）" },
	{ "gap.", "摆渡" },
	{ "ops.", "运维证书" },
	{ "sup.", "电子监察与监督" },
	{ "complaint.", "投诉举报" },
	{ "rating.", "办事评价" },
	{ "consult.", "在线咨询" },
	{ "pub.", "信息发布与公示" },
	{ "history.", "演示数据" },
	{ "exchange.", "与其他系统的数据交换" },
	{ "seal.", "电子印章" },
	{ "licence.", "电子证照" },
};
#define NKINDS (sizeof(audit_kinds) / sizeof(audit_kinds[0]))

static const char *
audit_label(const char *action)
{
	size_t	 i;

	for (i = 0; i < sizeof(audit_labels) / sizeof(audit_labels[0]); i++)
		if (strcmp(audit_labels[i].action, action) == 0)
			return audit_labels[i].label;
	return action;
}

/*
 * GET /audit?object=…&actor=…&kind=…&before=…: Audit.N.{id,at,actor,
 * action,action_label,object,detail}, AUDIT_PAGE at a time; before is the
 * id the next page starts below (Next.before).  Filter.{object,actor,
 * kind,paged}; Kinds.N.{prefix,label,selected}.
 */
int
page_int_audit(struct req *r)
{
	struct audit_row	*v;
	const char		*object = form_get(r, "object"),
				*actor = form_get(r, "actor"),
				*kind = form_get(r, "kind"),
				*b = form_get(r, "before");
	char			*end, *p;
	int64_t			 before = 0;
	size_t			 n, i;
	int			 known = kind == NULL;

	if (object != NULL && !org_valid_name(object, 100))
		return reply_error(r, 400, "对象格式不正确。");
	if (actor != NULL && !org_valid_name(actor, 60))
		return reply_error(r, 400, "操作人格式不正确。");
	for (i = 0; i < NKINDS; i++) {
		p = pool_printf(r->pool, "Kinds.%zu", i);
		hdf_put(r, p, "prefix", audit_kinds[i].prefix);
		hdf_put(r, p, "label", audit_kinds[i].label);
		if (kind != NULL && strcmp(kind, audit_kinds[i].prefix) == 0) {
			hdf_put(r, p, "selected", "1");
			known = 1;
		}
	}
	if (!known)
		return reply_error(r, 400, "请从列表中选择操作类别。");
	if (b != NULL) {
		errno = 0;
		before = strtoll(b, &end, 10);
		if (errno != 0 || *end != '\0' || before <= 0)
			return reply_error(r, 400, "页码不正确。");
	}
	/* One more than a page says whether there is a next page. */
	if (audit_list(r->db, r->pool, object, actor, kind, before,
	    AUDIT_PAGE + 1, &v, &n) != DB_OK)
		return reply_error(r, 500, NULL);
	for (i = 0; i < n && i < AUDIT_PAGE; i++) {
		p = pool_printf(r->pool, "Audit.%zu", i);
		hdf_putf(r, p, "id", "%lld", (long long)v[i].id);
		hdf_put(r, p, "at", v[i].at);
		hdf_put(r, p, "actor", v[i].actor);
		hdf_put(r, p, "action", v[i].action);
		hdf_put(r, p, "action_label", audit_label(v[i].action));
		hdf_put(r, p, "object", v[i].object);
		hdf_put(r, p, "detail", v[i].detail);
	}
	if (n > AUDIT_PAGE)
		hdf_setf(r, "Next.before", "%lld",
		    (long long)v[AUDIT_PAGE - 1].id);
	hdf_set(r, "Filter.object", object);
	hdf_set(r, "Filter.actor", actor);
	hdf_set(r, "Filter.kind", kind);
	if (before > 0)
		hdf_set(r, "Filter.paged", "1");
	hdf_set(r, "Page.Title", "审计记录");
	return render(r, "int/audit.cs");
}
