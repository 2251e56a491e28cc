"""walk.py: the keyboard walk and axe-core on the pages no journey of
journeys.py visits (EXT-13; issue #11), run by t/integration/
browser-walk.sh with the test stack's environment (t/lib.sh).  Prints TAP.

In Debian's Chromium, as each of them sees their main pages:

- the three administrators (三员分立: system, security, audit), each
  presenting their own client certificate (var/test/int/certs, put into
  the browser's NSS database and chosen for the intranet without asking),
  at 1280 px: /admin and its lists, the catalogue (事项管理: the list, an
  item, its simulation, 一件事, and the editor of a draft made by Enter on
  新建草稿, and the draft's page; discarded at the end by Space on 确认放弃
  and Enter on 放弃草稿, leaving the database as it was), /sec and its
  lists, /audit; the gap operator (网闸摆渡员): /ops/gap;
- the window clerk's other pages at 1280 px: 窗口核验, 今日预约, 证照库,
  信息发布 and its editor, 我的委托, 我的账户; and in states the demo data
  does not reach, made by the walk and undone: 今日预约 with a booking
  (planned, booked on the extranet's form, carried; 已到场 by Enter
  refused before its day; cancelled) and with a slot begun (已到场 and
  未到场), 我的委托 with a delegation set and ended by Enter, 信息发布
  with a draft to 提交审核 and, for the leader, 审核发布 and 退回修改
  (returned by Enter, never published);
- a supervisor (电子监察员): /sup and its lists; an observer (特邀监督员):
  /sup and its cases, personal data hidden; the coordinator (代理协调员):
  /agency and its form, at 1280 px;
- a citizen in 大字版, the large type chosen by the link every page
  carries (kept in a cookie), on a phone (390 px): the home page, a
  guide, the apply form and 我的办件;
- a proxy agent (代办员, AGT-1), made by yiwang-admin agent-add and
  carried across, at 1280 px: the public list of agents, the activation
  page (sent from the keyboard), the agents' login, the form for a
  resident (consent by SMS, sent from the keyboard), the SMS consent
  page, 我的办件 and the case;
- the handler (wangzhiqiang) and the leader (bateer) deciding a case the
  clerk accepted, at 1280 px: the inbox, the case page with its 审查
  form (同意 chosen with Space, sent by Enter), then with its 决定 and
  退回 forms (准予许可 sent by Enter), the signed, sealed 决定书, and the
  licence it issued on its own page (吊销/注销 form, not sent);
- the intranet in 大字版 on a phone (390 px): the clerk's login, inbox
  and a case at 受理 with its 受理 and 补正 forms (a material ticked
  with Space, 补正 sent by Enter), the 补正材料通知书, and 窗口核验,
  今日预约, 证照库, 我的委托 and 我的账户; and in 大字版 on a phone
  the others' main pages: the system administrator's staff list and
  item, the security administrator's /sec and its lists, /audit,
  /ops/gap, the supervisor's /sup and every list, the observer's cases,
  the coordinator's /agency and its form, and the handler's and the
  leader's inbox and case page (审查, then 决定 and 退回 forms) of a case
  they then decide.

Each page gets journeys.py's checks: axe-core with no serious or critical
violation, the keyboard walk (Tab from the top reaches every visible
control in order, each with a focus ring one can see), and at the phone
width no sideways scrolling.  Screenshots go to var/test/logs/browser/.
"""
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
import traceback

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from journeys import (  # noqa: E402
    CARRY, EXT, INT, SHOTS, T, Journey, lib, load_axe, report)
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.support.ui import Select  # noqa: E402

TEST_VAR = os.environ["TEST_VAR"]
ITEM = "152502-SCJG-XK-001"             # 食品经营许可证核发（新办）
IDNO = "152502199003150027"             # 乌云其木格 (db/demo/LOGINS)
PASSWORD = "Yiwang@2026"
DEPT = "SCJGJ"                          # 锡林浩特市市场监督管理局
TOWNSHIP = "152502200"                  # 宝力根苏木
CERTS = os.path.join(TEST_VAR, "int", "certs")
# A browser takes HOME (its NSS database) from the environment, which the
# two threads share: one browser starts at a time.
START = threading.Lock()

# Who, and the pages each opens (their main page first).
STAFF = (
    ("sys", "liuxiaomei", ("/admin", "/admin/levels", f"/admin/dept?code="
                           f"{DEPT}", f"/admin/staff?dept={DEPT}",
                           f"/admin/window?dept={DEPT}", "/admin/agents",
                           "/admin/calendar", "/catalog",
                           f"/catalog/item?code={ITEM}",
                           f"/catalog/simulate?code={ITEM}",
                           "/catalog/events")),
    ("sec", "wurigen", ("/sec", "/sec/staff", "/sec/locks", "/sec/alerts",
                        "/sec/certs")),
    ("aud", "wangxiulan", ("/audit",)),
    ("gop", "hanxu", ("/ops/gap",)),
    # The observer's pages are the supervisor's, personal data hidden.
    ("obs", "suyalatu", ("/sup", "/sup/cases")),
    ("sup", "zhaoyanhong", ("/sup", "/sup/cases", "/sup/warnings",
                            "/sup/perf", "/sup/stats", "/sup/rules",
                            "/sup/complaints", "/sup/ratings",
                            "/sup/agents", "/sup/agency")),
    ("crd", "bayinchaolu", ("/agency", "/agency/new")),
    # The clerk's other pages (the catalogue is the administrator's).
    ("clk", "sarengaowa", ("/hall/claim", "/hall/bookings", "/licences",
                           "/pub", "/pub/edit", "/delegate", "/account")),
    # In 大字版 on a phone (390 px): the main pages of each role.
    ("sys-big", "liuxiaomei", (f"/admin/staff?dept={DEPT}",
                               f"/catalog/item?code={ITEM}")),
    ("sup-big", "zhaoyanhong", ("/sup", "/sup/cases", "/sup/warnings",
                                "/sup/perf", "/sup/stats", "/sup/rules",
                                "/sup/complaints", "/sup/ratings",
                                "/sup/agents", "/sup/agency")),
    ("sec-big", "wurigen", ("/sec", "/sec/staff", "/sec/locks",
                            "/sec/alerts", "/sec/certs")),
    ("aud-big", "wangxiulan", ("/audit",)),
    ("gop-big", "hanxu", ("/ops/gap",)),
    ("obs-big", "suyalatu", ("/sup/cases",)),
    ("crd-big", "bayinchaolu", ("/agency", "/agency/new")),
    # The handler's and leader's in 大字版: case_big().
)


def with_certificate(login):
    """A HOME whose NSS database (Chromium's on Linux) holds LOGIN's
    client certificate, and the preference that chooses it for the
    intranet without a dialog; (home, prefs), or (None, {}) for staff
    without one."""
    p12 = os.path.join(CERTS, f"{login}.p12")
    if not os.path.exists(p12):
        return None, {}
    home = tempfile.mkdtemp(prefix="yiwang-home-")
    db = os.path.join(home, ".pki", "nssdb")
    os.makedirs(db)
    subprocess.run(["certutil", "-N", "-d", f"sql:{db}",
                    "--empty-password"], check=True)
    subprocess.run(["pk12util", "-d", f"sql:{db}", "-i", p12,
                    "-W", PASSWORD], check=True, capture_output=True)
    origin = INT.rstrip("/")
    prefs = {"profile.content_settings.exceptions.auto_select_certificate":
             {f"{origin},*": {"setting": {"filters": [{}]}}}}
    return home, prefs


def login(j, url, who, field):
    """Log in on a site's login page (Enter in the password field)."""
    j.get(url + "/login")
    j.fill(field, who)
    j.fill("#f-pw", PASSWORD)
    j.submit("#f-pw")


def staff(label, who, paths, axe_src):
    home, prefs = with_certificate(who)
    with START:
        old = os.environ.get("HOME")
        if home:
            os.environ["HOME"] = home
        try:
            j = (Journey(f"walk-{label}", 390, 844, axe_src, prefs)
                 if label.endswith("-big") else
                 Journey(f"walk-{label}", 1280, 900, axe_src, prefs))
        finally:
            if old is not None:
                os.environ["HOME"] = old
    try:
        if label.endswith("-big"):      # 大字版 on a phone
            j.get(INT + "/login")
            T.ok(j.click_link("大字版", "body"),
                 f"{label}: the login page links 大字版")
        login(j, INT, who, "#f-login")
        for path in paths:
            j.get(INT + path)
            T.ok(j.path().startswith(path.split("?")[0]) and
                 j.d.find_elements(By.CSS_SELECTOR, "main h1"),
                 f"{label} ({who}) opens {path}",
                 f"at {j.path()}: {j.text('main')[:400]}")
            j.check_page(path.strip("/").replace("/", "-").split("?")[0])
        if label == "sys":
            editor(j)
        if label == "clk":
            booking(j)
            delegation(j)
            article(j)
        if label.endswith("-big"):
            T.like(j.text("body"), "当前：大字版", f"{label}: 大字版 still")
    finally:
        j.quit()
        if home:
            subprocess.run(["rm", "-rf", home], check=False)
    return j


# ITEM's versions and their parts, and who had a hand in them: as before
# the walk once editor() has discarded its draft (catalog.sh, later in the
# suite, expects no open draft).
ITEM_ROWS = (
    "SELECT CONCAT_WS(' ', COUNT(DISTINCT i.id), "
    "(SELECT COUNT(*) FROM item_material m JOIN item a ON a.id = m.item_id"
    f" WHERE a.code = '{ITEM}'), "
    "(SELECT COUNT(*) FROM item_step s JOIN item a ON a.id = s.item_id"
    f" WHERE a.code = '{ITEM}'), "
    "(SELECT COUNT(*) FROM item_flow f JOIN item a ON a.id = f.item_id"
    f" WHERE a.code = '{ITEM}'), "
    f"(SELECT COUNT(*) FROM item_hand WHERE code = '{ITEM}')) "
    f"FROM item i WHERE i.code = '{ITEM}'")


def editor(j):
    """The system administrator drafts a new version of ITEM from the
    keyboard (Enter on 新建草稿), walks the catalogue's editor, and
    discards the draft from the keyboard (Space on 确认放弃, Enter on
    放弃草稿): the database is as before."""
    before = lib("sql_int", ITEM_ROWS)
    T.like(before, r"^[1-9][0-9]* [0-9]+ [1-9][0-9]* [1-9][0-9]* [0-9]+$",
           "ITEM's versions, parts and hands counted before")
    j.get(INT + f"/catalog/item?code={ITEM}")
    j.submit("form[action='/catalog/draft'] button[type=submit]")
    T.like(j.path(), r"^/catalog/edit\?code=.*&done=draft",
           "sys drafts a new version by Enter, on to the editor",
           j.text("main")[:400])
    T.ok(j.d.find_elements(By.CSS_SELECTOR,
                           "main form[action='/catalog/edit']"),
         "which shows the draft's form", j.text("main")[:400])
    j.check_page("catalog-edit")
    edit = re.sub(r"&done=[a-z]+", "", j.d.current_url)
    # The draft's own page, with its moves (修改, 提交审核, 放弃草稿).
    j.get(edit.replace("/catalog/edit?", "/catalog/item?"))
    T.ok(j.d.find_elements(By.CSS_SELECTOR,
                           "main form[action='/catalog/discard']"),
         "the draft's page offers 放弃草稿", j.text("main")[:400])
    j.check_page("catalog-draft")
    j.get(edit)
    form = "main form[action='/catalog/discard']"
    box = j.d.find_element(By.CSS_SELECTOR, f"{form} input[name=confirm]")
    box.send_keys(Keys.SPACE)           # ticked from the keyboard
    T.ok(box.is_selected(), "sys ticks 确认放弃 with Space")
    j.submit(f"{form} button[type=submit]")
    T.like(j.path(), r"^/catalog/item\?code=.*&done=discarded",
           "and discards the draft by Enter on 放弃草稿, back on the item",
           j.text("main")[:400])
    T.like(j.text("body"), "已放弃草稿", "which says so")
    T.eq(lib("sql_int", ITEM_ROWS), before,
         "the item's versions, parts and hands are as before the walk")


# The bash of booking(): window B01 planned (as booking.sh), carried; the
# demo applicant books 10:00 of its last day offered through the form;
# carried back; "DAY CODE".
BOOK = (r"""
admin_int booking-plan SCJGJ B01 30 1 "09:00 09:30 10:00" >/dev/null &&
carry int ext &&
day=$(sql_ext "SELECT days FROM booking_window WHERE dept_code = 'SCJGJ'
    AND window_code = 'B01'" | awk '{ print $NF }') &&
ext_login w """ + IDNO + " " + PASSWORD + r""" &&
csrf=$(http_get w "$EXT_URL/book?item=""" + ITEM + r"""" | csrf_from) &&
http_post w "$EXT_URL/book" "csrf=$csrf" item=""" + ITEM + r""" \
    "at=B01/$day/10:00" >/dev/null &&
carry ext int &&
echo "$day $(sql_int "SELECT code FROM booking WHERE dept_code = 'SCJGJ'
    AND window_code = 'B01' AND day = '$day' AND slot = '10:00'")"
""")


def booking(j):
    """A booking of window B01 (planned as booking.sh does, carried
    across, booked by the demo applicant through the extranet's form and
    carried back): the clerk walks 今日预约 of its day with 已到场, which
    Enter sends and the site refuses before the day (the page with its
    reason walked too); the applicant then cancels it.  Then 今日预约
    with a slot begun, 已到场 and 未到场 (below)."""
    with CARRY:
        out = lib("eval", BOOK)
    day, code = (out.split() + ["", ""])[:2]
    T.like(code, r"^[A-Z0-9]{8}$", "a booking of window B01 reaches the "
           "intranet", out)
    j.get(INT + f"/hall/bookings?day={day}")
    arrived = "main form[action='/hall/bookings/mark'] button[value=arrived]"
    T.ok(code and code in j.text("main") and
         j.d.find_elements(By.CSS_SELECTOR, arrived),
         "今日预约 of its day lists it with 已到场", j.text("main")[:600])
    j.check_page("hall-bookings-booked")
    j.submit(arrived)
    T.like(j.text("main"), "预约的日期还没到", "已到场 by Enter before its "
           "day is refused, saying when", j.text("main")[:600])
    j.check_page("hall-bookings-refused")
    # Cancelled by the applicant and carried: no booking left waiting.
    with CARRY:
        lib("eval", f"ext_login w {IDNO} {PASSWORD} && csrf=$(http_get w "
            '"$EXT_URL/bookings" | csrf_from) && http_post w '
            f'"$EXT_URL/booking/cancel" "csrf=$csrf" code={code} '
            ">/dev/null && carry ext int")
    T.eq(lib("sql_int", f"SELECT state FROM booking WHERE code = '{code}'"),
         "cancelled", "the walk's booking cancelled afterwards")
    # 未到场 is offered once a slot of the day has begun: a booking of
    # today at 00:00 put into the intranet's table (as booking.sh puts
    # no-shows into the extranet's; the walk runs on the real clock, beside
    # another walk, so it sets no clock), walked, not marked (its mark
    # would cross for a booking the extranet never made), and deleted.
    now = ("SELECT CONCAT('W', UPPER(SUBSTRING(MD5(RAND()), 1, 7))), "
           "DATE(UTC_TIMESTAMP() + INTERVAL 8 HOUR)")
    code, today = (lib("sql_int", now).split() + ["", ""])[:2]
    lib("sql_int", "INSERT INTO booking (code, name, dept_code, "
        "window_code, day, slot, item_code, item_name, state, created_at, "
        f"changed_at) VALUES ('{code}', '乌云其木格', 'SCJGJ', 'B01', "
        f"'{today}', '00:00', '{ITEM}', '食品经营许可证核发（新办）', "
        "'booked', UTC_TIMESTAMP(), UTC_TIMESTAMP())")
    j.get(INT + "/hall/bookings")
    T.ok(code in j.text("main") and
         j.d.find_elements(By.CSS_SELECTOR, arrived) and
         j.d.find_elements(By.CSS_SELECTOR, "main form[action="
                           "'/hall/bookings/mark'] button[value=noshow]"),
         "今日预约 with a slot begun offers 已到场 and 未到场",
         j.text("main")[:600])
    j.check_page("hall-bookings-begun")
    lib("sql_int", f"DELETE FROM booking WHERE code = '{code}'")


def delegation(j):
    """The clerk lends her role for today (sent by Enter), walks 我的委托
    with the delegation and its 提前结束, and ends it by Enter: none in
    force after the walk."""
    j.get(INT + "/delegate")
    Select(j.d.find_element(By.CSS_SELECTOR, "#f-deputy")
           ).select_by_index(1)
    # The date field's own picker is the browser's: the day typed in.
    j.d.execute_script("const t = document.querySelector('#f-to');"
                       "t.value = t.min")
    j.fill("#f-reason", "到盟市场监督管理局参加培训")
    j.submit("#f-reason")
    end = "main form[action='/delegate/end'] button[type=submit]"
    T.ok(j.d.find_elements(By.CSS_SELECTOR, end),
         "the clerk's delegation, sent by Enter, offers 提前结束",
         j.text("main")[:600])
    j.check_page("delegate-given")
    j.submit(end)
    T.eq(lib("sql_int", "SELECT COUNT(*) FROM delegation d JOIN staff s ON "
             "s.id = d.staff_id WHERE s.login = 'sarengaowa' AND d.state = "
             "'active'"), "0", "and ended by Enter on 提前结束")


def article(j):
    """The clerk writes an announcement (saved by Enter) and submits it
    from /pub; the department's leader, who reviews it, walks /pub with
    its 审核发布 and 退回修改 and returns it by Enter: a draft again,
    never published."""
    title = "食品经营许可窗口午间照常办理的通知"
    j.get(INT + "/pub/edit")
    j.fill("#e-title", title)
    j.fill("#e-body", "即日起，食品经营许可窗口午间不休息，照常办理。")
    j.submit("#e-title")
    T.like(j.path(), r"^/pub/edit\?id=[0-9]+&saved=1",
           "the clerk saves a draft by Enter", j.text("main")[:400])
    j.get(INT + "/pub")
    send = "main form[action='/pub/submit'] button[type=submit]"
    T.ok(j.d.find_elements(By.CSS_SELECTOR, send),
         "信息发布 offers 提交审核", j.text("main")[:600])
    j.check_page("pub-draft")
    j.submit(send)
    state = (f"SELECT state FROM pub_news WHERE title = '{title}' "
             "ORDER BY id DESC LIMIT 1")
    T.eq(lib("sql_int", state), "review", "submitted by Enter")
    j.d.delete_all_cookies()
    login(j, INT, "bateer", "#f-login")
    j.get(INT + "/pub")
    back = "main form[action='/pub/return']"
    T.ok(j.d.find_elements(By.CSS_SELECTOR, "main form[action="
                           "'/pub/publish']") and
         j.d.find_elements(By.CSS_SELECTOR, back),
         "the leader's /pub offers 审核发布 and 退回修改",
         j.text("main")[:600])
    j.check_page("pub-review")
    j.fill(f"{back} input[name=note]", "请写明起止日期")
    j.submit(f"{back} input[name=note]")
    T.eq(lib("sql_int", state), "draft",
         "returned by Enter, a draft again (never published)")


def big(axe_src):
    """A citizen in 大字版 on a phone."""
    with START:
        j = Journey("walk-big", 390, 844, axe_src)
    try:
        j.get(EXT + "/")
        T.ok(j.click_link("大字版", "body"), "the home page links 大字版")
        T.like(j.text("body"), "当前：大字版",
               "which the page then says it shows")
        T.ok([c for c in j.d.get_cookies() if c.get("value") == "big"],
             "kept in a cookie", json.dumps(j.d.get_cookies()))
        size = j.d.execute_script(
            "return parseFloat(getComputedStyle(document.body).fontSize)")
        T.ok(j.d.find_elements(By.CSS_SELECTOR, "body.view-big")
             and size >= 20, "in large type", f"font-size {size} px")
        j.check_page("big-home")
        j.get(EXT + f"/guide?code={ITEM}")
        j.check_page("big-guide")
        login(j, EXT, IDNO, "#f-id")
        j.get(EXT + f"/apply?code={ITEM}")
        T.like(j.text("body"), "当前：大字版", "大字版 still, logged in")
        j.check_page("big-apply")
        j.get(EXT + "/my")
        j.check_page("big-my")
    finally:
        j.quit()
    return j


def cases(n):
    """N cases of ITEM from the demo applicant, carried to the intranet;
    their ids (t/lib.sh case_from_ext)."""
    with CARRY:
        out = lib("eval", f'for i in {{1..{n}}}; do case_from_ext {ITEM}; '
                  'done')
    ids = out.split()
    T.ok(len(ids) == n and all(i.isdigit() for i in ids),
         f"{n} cases of {ITEM} reach the intranet", out)
    return ids


def agent(axe_src):
    """A proxy agent (AGT-1): activated and logged in on the extranet,
    applying for a resident with consent by SMS."""
    with CARRY:
        out = lib("eval", 'id=$(test_id 35); code=$(admin_int agent-add '
                  f'"图雅" "$id" 13947912335 {TOWNSHIP} | sed -n '
                  '"s/^激活码：//p"); carry int ext && echo "$id $code"')
    idno, code = (out.split() + ["", ""])[:2]
    T.like(code, r"^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$",
           "agent-add prints the agent's activation code", out)
    with START:
        j = Journey("walk-agt", 1280, 900, axe_src)
    try:
        j.get(EXT + "/agents")
        j.check_page("agents")
        j.get(EXT + "/agent/activate")
        j.check_page("agent-activate")
        j.fill("#f-id", idno)
        j.fill("#f-code", code)
        j.fill("#f-pw", "Caoyuan#2026")
        j.fill("#f-pw2", "Caoyuan#2026")
        j.submit("#f-pw2")
        T.like(j.path(), r"^/agent/login", "activated, on to the login",
               j.text("main"))
        j.check_page("agent-login")
        j.fill("#f-id", idno)
        j.fill("#f-pw", "Caoyuan#2026")
        j.submit("#f-pw")
        j.get(EXT + "/my")
        T.like(j.text("nav"), "图雅", "the agent is logged in", j.path())
        T.ok(not j.d.find_elements(By.CSS_SELECTOR,
                                    "a[href^='/enterprise']"),
             "and is offered no enterprise (a citizen's own: 403)")
        j.check_page("agent-my")
        j.get(EXT + f"/apply?code={ITEM}")
        T.ok(j.d.find_elements(By.CSS_SELECTOR, "#f-rname"),
             "the agent's form asks for the resident", j.text("main"))
        j.check_page("agent-apply")
        j.fill("#f-rname", "乌云其木格")
        j.fill("#f-rid", IDNO)
        j.fill("#f-rmob", "13847915230")
        Select(j.d.find_element(By.CSS_SELECTOR, "#f-rreg")
               ).select_by_index(1)
        j.d.find_element(By.CSS_SELECTOR, "input[name=consent_kind]"
                         "[value=sms]").send_keys(Keys.SPACE)
        pdf = os.path.join(SHOTS, "material.pdf")
        if not os.path.exists(pdf):
            lib("t_pdf", pdf)
        for f in j.d.find_elements(By.CSS_SELECTOR,
                                   "input[type=file][required]"):
            f.send_keys(pdf)
        for box in j.d.find_elements(
                By.CSS_SELECTOR, ".pledge input[type=checkbox]"):
            box.send_keys(Keys.SPACE)       # ticked from the keyboard
        j.submit("form[action='/apply'] button[type=submit]")
        T.like(j.path(), r"^/agent/consent\?no=",
               "sent: the page for the resident's SMS code",
               j.text("main"))
        j.check_page("agent-consent")
        no = j.text(".page-sub .mono")
        j.get(EXT + "/my")
        T.like(j.text("main"), re.escape(no) if no else "^$",
               "我的办件 lists it", j.text("main"))
        j.check_page("agent-my-2")
        j.get(EXT + f"/app?no={no}")
        j.check_page("agent-app")
    finally:
        j.quit()
    return j


def accepted():
    """A case of ITEM the clerk accepted: its id."""
    kid = cases(1)[0]
    lib("eval", f"staff_login clerk sarengaowa; CASE={kid}; case_post "
        "clerk /case/act action=accept")
    return kid


def decide(axe_src):
    """The handler signs a case the clerk accepted, the leader approves
    it, from the keyboard; the 决定书 they sealed."""
    kid = accepted()
    with START:
        j = Journey("walk-hdl", 1280, 900, axe_src)
    try:
        login(j, INT, "wangzhiqiang", "#f-login")
        j.get(INT + "/inbox")
        j.check_page("hdl-inbox")
        j.get(INT + f"/case?id={kid}")
        form = "form.act-sign"
        T.ok(j.d.find_elements(By.CSS_SELECTOR, form),
             "the handler's case page has the 审查 form", j.text("main"))
        j.check_page("hdl-case")
        j.d.find_element(By.CSS_SELECTOR, f"{form} input[value=agree]"
                         ).send_keys(Keys.SPACE)
        j.fill(f"{form} textarea", "经现场核查，经营场所符合要求，建议准予许可。")
        j.submit(f"{form} button[type=submit]")
        T.eq(lib("sql_int", "SELECT CONCAT(staff_name, ' ', verdict) FROM "
                 f"opinion WHERE case_id = {kid} ORDER BY step_seq DESC "
                 "LIMIT 1"), "王志强 agree",
             "the handler's opinion, sent from the keyboard, is signed")
        j.shot("hdl-signed")    # no action left: not walked again
        j.d.delete_all_cookies()
        login(j, INT, "bateer", "#f-login")
        j.get(INT + f"/case?id={kid}")
        form = "form.act-approve"
        T.ok(j.d.find_elements(By.CSS_SELECTOR, form),
             "the leader's case page has the 决定 form", j.text("main"))
        T.ok(j.d.find_elements(By.CSS_SELECTOR, "select[name=back_to]"),
             "and a form to send it back (退回)", j.text("main"))
        j.check_page("ldr-case")
        j.fill(f"{form} textarea[name=scope]", "预包装食品销售")
        j.submit(f"{form} button[type=submit]")
        T.eq(lib("sql_int", f"SELECT state FROM kase WHERE id = {kid}"),
             "approved", "the leader's decision, sent by Enter, is made")
        j.shot("ldr-approved")
        T.ok(j.click_link("准予行政许可决定书"),
             "the case page links the 决定书", j.text("main"))
        j.check_page("ldr-doc")
        T.like(j.text("body"), "准予行政许可决定书", "which opens")
        # The licence the grant issued: its own page, with the leader's
        # 吊销 and 注销 forms (not sent: the licence stays valid).
        lic = lib("sql_int", "SELECT l.licence_no FROM licence l JOIN "
                  f"kase k ON k.app_no = l.app_no WHERE k.id = {kid}")
        T.like(lic, r"^锡市监食许〔20[0-9]{2}〕[0-9]{4}号$",
               "the grant issued a licence")
        j.get(INT + "/licences")
        T.ok(j.click_link(lic), "证照库 lists it, linked to its page",
             j.text("main")[:400])
        T.like(j.text("main"), re.escape(lic) if lic else "^$",
               "which shows it", j.text("main")[:400])
        T.ok(j.d.find_elements(By.CSS_SELECTOR,
                               "main form[action='/licence/end']"),
             "with the leader's form to end it", j.text("main")[:400])
        j.check_page("ldr-licence")
    finally:
        j.quit()
    return j


def case_big(axe_src):
    """The handler and the leader in 大字版 on a phone: the inbox and the
    case page with the 审查 form, then (signed) with the 决定 and 退回
    forms; the leader's decision made after (as licence.sh), the case
    ending as decide()'s."""
    kid = accepted()
    with START:
        j = Journey("walk-case-big", 390, 844, axe_src)
    try:
        for who, form, name in (("wangzhiqiang", "form.act-sign", "hdl"),
                                ("bateer", "form.act-approve", "ldr")):
            j.d.delete_all_cookies()
            j.get(INT + "/login")
            T.ok(j.click_link("大字版", "body"), f"{name}: 大字版 chosen")
            login(j, INT, who, "#f-login")
            j.get(INT + "/inbox")
            j.check_page(f"{name}-big-inbox")
            j.get(INT + f"/case?id={kid}")
            T.ok(j.d.find_elements(By.CSS_SELECTOR, form),
                 f"{name}'s case page in 大字版 has {form}",
                 j.text("main")[:400])
            T.like(j.text("body"), "当前：大字版", f"{name}: 大字版 still")
            j.check_page(f"{name}-big-case")
            if name == "hdl":
                lib("eval", f"staff_login handler wangzhiqiang; CASE={kid}; "
                    "case_post handler /case/act action=sign verdict=agree "
                    "text=经营场所符合要求，同意。")
        lib("eval", f"staff_login leader bateer; CASE={kid}; case_post "
            "leader /case/act action=approve text=符合条件，准予许可。 "
            "scope=预包装食品销售 valid_until=2031-12-05")
        T.eq(lib("sql_int", f"SELECT state FROM kase WHERE id = {kid}"),
             "approved", "and the case decided after the walk")
    finally:
        j.quit()
    return j


def int_big(axe_src):
    """The clerk in 大字版 on a phone: a case at 受理, 补正 asked."""
    kid = cases(1)[0]
    with START:
        j = Journey("walk-int-big", 390, 844, axe_src)
    try:
        j.get(INT + "/login")
        T.ok(j.click_link("大字版", "body"), "the intranet links 大字版")
        T.like(j.text("body"), "当前：大字版", "which it then shows")
        j.check_page("int-big-login")
        login(j, INT, "sarengaowa", "#f-login")
        T.like(j.text("body"), "当前：大字版", "大字版 still, logged in")
        j.get(INT + "/inbox")
        j.check_page("int-big-inbox")
        j.get(INT + f"/case?id={kid}")
        T.ok(j.d.find_elements(By.CSS_SELECTOR, "form.act-accept") and
             j.d.find_elements(By.CSS_SELECTOR,
                               "form[action='/case/correct']"),
             "the case page has the 受理 and 补正 forms", j.text("main"))
        j.check_page("int-big-case")
        form = "form[action='/case/correct']"
        j.d.find_element(By.CSS_SELECTOR, f"{form} input[type=checkbox]"
                         ).send_keys(Keys.SPACE)
        j.fill(f"{form} textarea", "营业执照复印件不清晰，请重新扫描上传。")
        j.submit(f"{form} button[type=submit]")
        T.eq(lib("sql_int", f"SELECT state FROM kase WHERE id = {kid}"),
             "correcting", "补正 asked from the keyboard")
        j.check_page("int-big-correcting")
        T.ok(j.click_link("补正材料通知书"), "the case page links the "
             "补正材料通知书", j.text("main"))
        j.check_page("int-big-doc")
        # The clerk's other pages in 大字版 (walked at 1280 px by STAFF).
        for path in ("/hall/claim", "/hall/bookings", "/licences",
                     "/delegate", "/account"):
            j.get(INT + path)
            T.ok(j.path().startswith(path) and
                 j.d.find_elements(By.CSS_SELECTOR, "main h1"),
                 f"the clerk opens {path} in 大字版", j.text("main")[:400])
            j.check_page("int-big" + path.replace("/", "-"))
    finally:
        j.quit()
    return j


def walk(part, axe_src, out):
    """The walks of PART, (function, width) one after another, in a
    thread of its own: TAP into OUT."""
    T.local.buf = out
    try:
        for fn, width in part:
            t0 = time.monotonic()
            j = fn(axe_src)
            T.diag(f"{j.label}: {time.monotonic() - t0:.1f} s")
            report(j, width)
    except Exception:       # noqa: BLE001 (any error fails the run)
        T.ok(False, "the walk ran to its end", traceback.format_exc())


def of(label, who, paths):
    """STAFF's row as a walk."""
    return lambda axe_src: staff(label, who, paths, axe_src)


def width(row):
    """The width at which STAFF's ROW is walked."""
    return 390 if row[0].endswith("-big") else 1280


def main():
    os.makedirs(SHOTS, exist_ok=True)
    started = time.monotonic()
    axe_src = load_axe()
    # Two browsers at once (as journeys.py; a third was slower on 2
    # cores): most of the time is waiting for the server.  Two of the
    # administrators (at both widths), the gap operator, the clerk, the
    # handler and the leader in one, the others in the other (about as
    # long).
    one = ("sys", "sec", "gop", "clk", "sys-big", "sec-big")
    parts = ([(of(*s), width(s)) for s in STAFF if s[0] in one]
             + [(decide, 1280), (case_big, 390)],
             [(of(*s), width(s)) for s in STAFF if s[0] not in one]
             + [(big, 390), (agent, 1280), (int_big, 390)])
    runs = []
    for part in parts:
        out = []
        th = threading.Thread(target=walk, args=(part, axe_src, out))
        th.start()
        runs.append((th, out))
    for th, out in runs:
        th.join(300)
        T.flush(out)
        T.ok(not th.is_alive(), "the walk ended within 5 minutes")
    T.diag(f"{time.monotonic() - started:.1f} s")
    print(f"1..{T.n}")
    sys.stdout.flush()
    os._exit(1 if T.failed else 0)


if __name__ == "__main__":
    main()
