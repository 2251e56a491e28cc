"""walk.py: the keyboard walk and axe-core on the pages no journey of
journeys.py visits (EXT-13; issue #11), run by t/integration/
browser-walk.sh with the test stack's environment (t/lib.sh).  Prints TAP.

In Debian's Chromium, as each of them sees their main pages:

- the three administrators (三员分立: system, security, audit), each
  presenting their own client certificate (var/test/int/certs, put into
  the browser's NSS database and chosen for the intranet without asking),
  at 1280 px: /admin and its lists, /sec and its lists, /audit; the gap
  operator (网闸摆渡员): /ops/gap;
- a supervisor (电子监察员): /sup and its lists; an observer (特邀监督员):
  /sup and its cases, personal data hidden; the coordinator (代理协调员):
  /agency and its form, at 1280 px;
- a citizen in 大字版, the large type chosen by the link every page
  carries (kept in a cookie), on a phone (390 px): the home page, a
  guide, the apply form and 我的办件.

Each page gets journeys.py's checks: axe-core with no serious or critical
violation, the keyboard walk (Tab from the top reaches every visible
control in order, each with a focus ring one can see), and at the phone
width no sideways scrolling.  Screenshots go to var/test/logs/browser/.
"""
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
import traceback

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from journeys import (  # noqa: E402
    EXT, INT, SHOTS, T, Journey, load_axe, report)
from selenium.webdriver.common.by import By  # noqa: E402

TEST_VAR = os.environ["TEST_VAR"]
ITEM = "152502-SCJG-XK-001"             # 食品经营许可证核发（新办）
IDNO = "152502199003150027"             # 乌云其木格 (db/demo/LOGINS)
PASSWORD = "Yiwang@2026"
DEPT = "SCJGJ"                          # 锡林浩特市市场监督管理局
CERTS = os.path.join(TEST_VAR, "int", "certs")
# A browser takes HOME (its NSS database) from the environment, which the
# two threads share: one browser starts at a time.
START = threading.Lock()

# Who, and the pages each opens (their main page first).
STAFF = (
    ("sys", "liuxiaomei", ("/admin", "/admin/levels", f"/admin/dept?code="
                           f"{DEPT}", f"/admin/staff?dept={DEPT}",
                           f"/admin/window?dept={DEPT}", "/admin/agents",
                           "/admin/calendar")),
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
            j = Journey(f"walk-{label}", 1280, 900, axe_src, prefs)
        finally:
            if old is not None:
                os.environ["HOME"] = old
    try:
        login(j, INT, who, "#f-login")
        for path in paths:
            j.get(INT + path)
            T.ok(j.path().startswith(path.split("?")[0]) and
                 j.d.find_elements(By.CSS_SELECTOR, "main h1"),
                 f"{label} ({who}) opens {path}",
                 f"at {j.path()}: {j.text('main')[:400]}")
            j.check_page(path.strip("/").replace("/", "-").split("?")[0])
    finally:
        j.quit()
        if home:
            subprocess.run(["rm", "-rf", home], check=False)
    return j


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


def walk(part, axe_src, out):
    """The users of PART one after another (the citizen in 大字版 after
    the last), in a thread of its own: TAP into OUT."""
    T.local.buf = out
    try:
        for label, who, paths in part:
            report(staff(label, who, paths, axe_src), 1280)
        if part[-1][0] == "crd":
            report(big(axe_src), 390)
    except Exception:       # noqa: BLE001 (any error fails the run)
        T.ok(False, "the walk ran to its end", traceback.format_exc())


def main():
    os.makedirs(SHOTS, exist_ok=True)
    started = time.monotonic()
    axe_src = load_axe()
    # Two browsers at once (as journeys.py): most of the time is waiting
    # for the server.  The administrators and the gap operator in one, the
    # others in the other.
    runs = []
    for part in (STAFF[:4], STAFF[4:]):
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
