#!/usr/bin/env bash
# doc-dept.sh: intranet objects are authorised through their case, by
# department code, never by department name (SEC-2, finding F9).  Before, a
# clerk of a second department with the same name as the issuing one got 200
# on its decision at /doc (which compared names) while /case refused them.
# Here: a second "锡林浩特市市场监督管理局" with its own clerk is refused every
# object of the first one's case, and the first one's clerk still reads them.
. "$(dirname "$0")/../lib.sh"

N=$$
TWIN=TWIN-$N		# another department with the same name
TWPW=Tongming-2026x

NAME=$(sql_int "SELECT name FROM department WHERE code = 'SCJGJ'")
t_ok "a second department with the same name is made" \
	admin_int dept-add "$TWIN" "$NAME" "锡市监二"
t_is "two departments now share the name" "$(sql_int "SELECT COUNT(*) FROM department WHERE name = '$NAME'")" 2
t_ok "with a clerk of its own" env YIWANG_PASSWORD=$TWPW "$BUILD/yiwang-admin" -c "$INT_CONF" \
	user-add twin$N "同名局受理员" "$TWIN" clerk,handler,leader
# The operator's password is temporary; this test is not about that.
sql_int "UPDATE staff SET pw_temporary = 0 WHERE login = 'twin$N'"

CASE=$(case_from_ext 152502-SCJG-XK-001)
t_like "a case of the first department reaches the intranet" "$CASE" '^[0-9]+$'
int_login clerk sarengaowa
c=$(http_get clerk "$INT_URL/case?id=$CASE" | csrf_from)
http_post clerk "$INT_URL/case/act" "csrf=$c" "id=$CASE" "action=accept" >/dev/null
t_is "its clerk accepts it" "$HTTP_STATUS" 303
APP=$(sql_int "SELECT app_no FROM kase WHERE id = $CASE")
DOC=$(sql_int "SELECT doc_no FROM document WHERE app_no = '$APP' AND kind = 'accept'")
t_like "a 受理通知书 is issued, printing the department's name" "$DOC" '^锡市监受字'
http_get clerk "$INT_URL/doc?no=$DOC" >/dev/null
t_is "the issuing department's clerk reads it" "$HTTP_STATUS" 200
t_like "naming the department" "$HTTP_BODY" "$NAME"

int_login twin "twin$N" "$TWPW"
t_is "the other department's clerk logs in" "$HTTP_STATUS $HTTP_LOCATION" "303 /inbox"
http_get twin "$INT_URL/doc?no=$DOC" >/dev/null
t_is "/doc of another department with the same name is refused (403)" "$HTTP_STATUS" 403
t_unlike "and shows nothing of it" "$HTTP_BODY" "$DOC|受理通知书"
http_get twin "$INT_URL/case?id=$CASE" >/dev/null
t_is "as is its /case (403)" "$HTTP_STATUS" 403
seq=$(sql_int "SELECT MIN(material_seq) FROM attachment WHERE app_no = '$APP'")
http_get twin "$INT_URL/file?id=$CASE&seq=$seq" >/dev/null
t_is "and its /file (403)" "$HTTP_STATUS" 403
c=$(http_get twin "$INT_URL/inbox" | csrf_from)
http_post twin "$INT_URL/case/act" "csrf=$c" "id=$CASE" "action=sign" "verdict=agree" "text=同名越权" >/dev/null
t_is "and acting on it (403)" "$HTTP_STATUS" 403
t_is "which signed nothing" "$(sql_int "SELECT COUNT(*) FROM opinion WHERE case_id = $CASE")" 0
http_get twin "$INT_URL/doc?no=%E9%94%A1-no-such" >/dev/null
t_is "an unknown document is 404, whoever asks" "$HTTP_STATUS" 404

# No session, no active account, and X's name to X alone again (the next
# run counts the departments of that name).
sql_int "DELETE FROM session WHERE user_id = (SELECT id FROM staff WHERE login = 'twin$N')"
sql_int "UPDATE staff SET active = 0 WHERE login = 'twin$N'"
sql_int "UPDATE department SET name = '同名测试部门 $N' WHERE code = '$TWIN'"
t_done
