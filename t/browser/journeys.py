"""journeys.py: the main journeys of Yiwang in a real browser (issue #11,
"The proof"), run by t/integration/browser.sh, which sets the test stack's
environment (t/lib.sh).  Prints TAP.

Debian's Chromium, driven through chromedriver by Debian's python3-selenium,
walks each journey at 1280x900 and again at 390x844 (a phone), one browser
per width, and the citizen's part once more at 360x740 with the page's
scripts off (EXT-9: nothing needs JavaScript to work):

- a citizen finds an item by search and by browsing, opens its guide,
  registers with the SMS code that reached the test stack's fake SMSC, logs
  in, applies with a PDF for each material, sees the receipt and
  follows the case in 我的办件;
- the application is carried to the intranet (yiwang-gap), where a clerk
  (a second host name, localhost, so that the two sites' cookies stay
  apart as they would on two machines) finds it in the inbox and accepts it;
- carried back, the citizen sees 已受理, opens the 受理通知书 and prints it
  (Chromium's own print to PDF), and the address in its QR code (read from
  a screenshot by zbarimg) verifies it at /verify;
- messages (EXT-7): before the first carry the citizen writes to the
  window on the application's page; the clerk's inbox marks it 新留言, the
  case page shows it, the clerk replies, and carried back the citizen
  reads the reply;
- rating (EXT-8): the citizen also applies for a 即办件, which the clerk
  decides at once; carried back, the citizen rates it 非常不满意 with two
  reasons; carried over, the department records 回访 and 整改 at /ratings;
  carried back, the citizen reads the result and may rate once more;
- window intake (INT-1): the clerk registers the same person as a
  walk-in at /hall/intake with a scanned PDF and a material on paper,
  checks the 收件回执 (number, item, masked ID number, materials, clerk,
  /query, QR code) and prints it on one page; carried over, /query finds
  the case by its number and the ID number.

What the user sees is asserted (the text of the page, the numbers the
databases hold).  Every form is sent from the keyboard (Enter on a field
or on its button; Space ticks boxes).  On every page: axe-core (var/npm,
./run's browser_deps) with no serious or critical violation, at the
phone width no horizontal scrolling, and the keyboard walk (EXT-13):
Tab from the top of the page to its end reaches every visible control
(links, buttons, fields, summary, tabindex=0) in the page's order, each
with a focus ring one can see (an outline or shadow that it, its parent
or grandparent did not draw unfocused); no tabindex above 0, no control
taken out by tabindex=-1, no form without a button Enter can press.  A
screenshot of every step goes to
var/test/logs/browser/WIDTH-NN-STEP.png, the printed notice beside them
(BROWSER_TIMES=1 adds the seconds since the start to each check).
"""
import base64
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
import traceback

from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

ROOT = os.environ["ROOT"]
TEST_VAR = os.environ["TEST_VAR"]
EXT = os.environ["EXT_URL"]
# The intranet under another host name: the sites' cookies have one name,
# and a browser keeps cookies by host, not by port.
INT = os.environ["INT_URL"].replace("127.0.0.1", "localhost")
SHOTS = os.path.join(TEST_VAR, "logs", "browser")
AXE = os.path.join(ROOT, "var", "npm", "node_modules", "axe-core",
                   "axe.min.js")
ITEM = "152502-SCJG-XK-001"
ITEM_NAME = "食品经营许可证核发（新办）"
DEPT = "市场监督管理局"
CLERK = "sarengaowa"
PASSWORD = "Yiwang@2026"
STARTED = time.monotonic()
# The third: a phone whose browser runs no scripts (EXT-9), the
# citizen's part only.
WIDTHS = (("desktop", 1280, 900), ("phone", 390, 844),
          ("no-script", 360, 740))


class Tap:
    """TAP on stdout; a failed check prints its details as comments.  In a
    journey's thread the checks wait in that thread's buffer, numbered and
    printed by flush() when the journey is over, so that the two widths'
    lines do not mix."""

    def __init__(self):
        self.n = 0
        self.failed = 0
        self.local = threading.local()

    def _put(self, rec):
        buf = getattr(self.local, "buf", None)
        if buf is None:
            self.flush([rec])
        else:
            buf.append(rec)

    def flush(self, recs):
        for cond, desc, diag in recs:
            if cond is None:
                for line in str(desc).splitlines():
                    print(f"# {line}")
                continue
            self.n += 1
            desc = desc.replace("#", "\\#")
            if cond:
                print(f"ok {self.n} - {desc}")
            else:
                self.failed += 1
                print(f"not ok {self.n} - {desc}")
                for line in str(diag or "").splitlines()[:30]:
                    print(f"#   {line}")
        sys.stdout.flush()

    def ok(self, cond, desc, diag=None):
        if os.environ.get("BROWSER_TIMES"):     # where the time goes
            desc += f" ({time.monotonic() - STARTED:.1f} s)"
        self._put((bool(cond), desc, diag))
        return bool(cond)

    def eq(self, got, want, desc):
        return self.ok(got == want, desc, f"got: {got!r}\nexpected: {want!r}")

    def like(self, text, regex, desc, page=None):
        return self.ok(re.search(regex, text or "") is not None, desc,
                       f"text: {(text or '')[:1500]}\ndoes not match: {regex}"
                       + (f"\npage: {page[:1500]}" if page else ""))

    def diag(self, text):
        self._put((None, text, None))


T = Tap()


CARRY = threading.Lock()    # one yiwang-gap carry at a time


def lib(*args):
    """Run a t/lib.sh function (sql_ext, carry, sms_code, idno…): its
    output, stripped."""
    r = subprocess.run(
        ["bash", "-c", '. "$ROOT/t/lib.sh"; "$@"; rc=$?; rm -rf "$_T_DIR"; '
         'exit $rc', "browser-lib", *args],
        capture_output=True, text=True, timeout=120, check=False)
    if r.returncode != 0:
        T.diag(f"{args[0]} exited {r.returncode}: {r.stdout}{r.stderr}")
    return r.stdout.strip()


def carry(frm, to):
    """Every bundle of one site imported by the other (t/lib.sh carry)."""
    with CARRY:
        lib("carry", frm, to)


# The keyboard walk (EXT-13).  KB_START: the controls Tab should reach, in
# the page's order (visible, enabled, not taken out by tabindex=-1; of a
# group of radio buttons the checked one, else the first), with how each
# and its two ancestors look unfocused, and what is wrong before a key is
# pressed: a tabindex above 0, a control taken out of the order, a form
# with no submit button to press Enter on.  Then the walk starts from the
# top of the page.
KB_START = r"""
const sel = 'a[href], area[href], button, input, select, textarea, summary,'
  + ' iframe, [tabindex], [contenteditable]';
const shown = e => e.checkVisibility({visibilityProperty: true});
const native = e => e.matches(
  'a[href], area[href], button, input, select, textarea, iframe')
  || (e.matches('details > summary')
      && e.parentElement.querySelector(':scope > summary') === e);
const name = e => {
  let s = e.tagName.toLowerCase();
  if (e.id) s += '#' + e.id;
  else if (e.getAttribute('name')) s += '[name=' + e.getAttribute('name') + ']';
  const t = (e.innerText || e.value || e.getAttribute('aria-label') || '')
    .trim().replace(/\s+/g, ' ').slice(0, 24);
  return t ? s + ' "' + t + '"' : s;
};
const look = e => {
  if (!e) return '';
  const c = getComputedStyle(e);
  return [c.outlineStyle, c.outlineWidth, c.outlineColor, c.boxShadow]
    .join('|');
};
if (document.activeElement) document.activeElement.blur();
const list = [], problems = [], groups = {};
for (const e of document.querySelectorAll(sel)) {
  if (e.matches('input[type=hidden], :disabled, [inert] *')) continue;
  if (!native(e) && !e.hasAttribute('tabindex')
      && !e.isContentEditable) continue;
  if (!shown(e)) continue;
  if (e.tabIndex > 0)
    problems.push('tabindex="' + e.tabIndex + '" takes ' + name(e)
                  + ' out of the page order');
  if (e.tabIndex < 0) {
    if (native(e))
      problems.push(name(e) + ' cannot be reached by Tab (tabindex=-1)');
    continue;
  }
  if (e.matches('input[type=radio]') && e.name) {
    const g = [...document.forms].indexOf(e.form) + ':' + e.name;
    if (g in groups) {
      if (e.checked) list[groups[g]] = e;
      continue;
    }
    groups[g] = list.length;
  }
  list.push(e);
}
for (const f of document.forms) {
  if (!shown(f)) continue;
  const go = [...f.elements].some(b => (b.type === 'submit'
    || b.type === 'image') && shown(b) && !b.disabled && b.tabIndex >= 0);
  if (!go)
    problems.push('form ' + (f.getAttribute('action') || '') + ' has no '
                  + 'submit button to send it from the keyboard');
}
const chain = e => [e, e.parentElement, e.parentElement
                    && e.parentElement.parentElement];
window.__kb = {list, problems, name, look, chain,
  before: list.map(e => chain(e).map(look))};
const start = document.createElement('span');
start.tabIndex = -1;
start.id = '__kb_start';
document.body.prepend(start);
start.focus();
return [list.map(name), problems];
"""

# KB_STEP, after each Tab: which control has the focus (its place in the
# list, -1 for one not in it, null at the end of the page) and whether
# it, its parent or grandparent now draws an outline or a shadow that it
# did not draw unfocused, on a box one can see.
KB_STEP = r"""
const k = window.__kb, s = document.getElementById('__kb_start');
if (s) s.remove();
const e = document.activeElement;
if (!e || e === document.body || e === document.documentElement)
  return [null, '', false];
const i = k.list.indexOf(e);
const seen = v => {
  const [style, width, color, shadow] = v.split('|');
  return (style !== 'none' && parseFloat(width) > 0
          && !/rgba\([^)]*, 0\)|transparent/.test(color))
    || (shadow !== 'none' && shadow !== '');
};
// The ring is drawn by an element one can see: a box of some size, not
// transparent (a hidden input's label may draw it, .choice-opt).
const big = x => {
  const r = x.getBoundingClientRect();
  return r.width >= 4 && r.height >= 4
    && parseFloat(getComputedStyle(x).opacity) > 0;
};
const chain = k.chain(e);
const ring = i >= 0 && chain.some((x, n) => x && big(x)
  && k.look(x) !== k.before[i][n] && seen(k.look(x)));
return [i, k.name(e), ring];
"""


class Journey:
    """One browser at one width, and what it saw."""

    def __init__(self, label, width, height, axe_src, prefs=None,
                 nojs=False):
        self.label = label
        self.phone = width < 600
        self.nojs = nojs        # the page's own scripts never run
        self.step = 0
        self.pages = {}         # path (no query) -> what axe found
        self.kb = {}            # the same -> what the keyboard walk found
        self.walked = set()     # (address, its controls) walked
        self.wide = {}          # path -> scrollWidth beyond the window
        self.profile = tempfile.mkdtemp(prefix="yiwang-chromium-")
        opts = webdriver.ChromeOptions()
        opts.binary_location = "/usr/bin/chromium"
        for a in ("--headless=new", "--no-sandbox", "--disable-gpu",
                  "--disable-quic", "--no-first-run",
                  "--disable-background-networking",
                  "--disable-component-update", "--disable-sync",
                  "--ignore-certificate-errors", "--disable-dev-shm-usage",
                  "--lang=zh-CN", f"--window-size={width},{height}",
                  f"--user-data-dir={self.profile}"):
            opts.add_argument(a)
        if prefs:       # walk.py: a client certificate chosen unasked
            opts.add_experimental_option("prefs", prefs)
        self.d = webdriver.Chrome(
            service=Service(executable_path="/usr/bin/chromedriver"),
            options=opts)
        self.d.set_page_load_timeout(60)
        # The viewport itself, whatever the window's decorations take.
        self.d.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
            "width": width, "height": height, "deviceScaleFactor": 1,
            "mobile": self.phone})
        if nojs:        # as with scripts off in the browser's settings
            self.d.execute_cdp_cmd("Emulation.setScriptExecutionDisabled",
                                   {"value": True})
        elif axe_src:
            self.d.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument",
                                   {"source": axe_src})

    def quit(self):
        try:
            self.d.quit()
        finally:
            subprocess.run(["rm", "-rf", self.profile], check=False)

    # --- looking -----------------------------------------------------------

    def text(self, css="body"):
        els = self.d.find_elements(By.CSS_SELECTOR, css)
        return "\n".join(e.text for e in els)

    def h1(self):
        return self.text("h1")

    def path(self):
        return re.sub(r"^https?://[^/]+", "", self.d.current_url)

    def shot(self, name):
        """A screenshot of the page (its first 2500 px)."""
        self.step += 1
        m = self.d.execute_cdp_cmd("Page.getLayoutMetrics", {})
        size = m.get("cssContentSize") or m["contentSize"]
        clip = {"x": 0, "y": 0, "width": size["width"],
                "height": min(size["height"], 2500), "scale": 1}
        png = self.d.execute_cdp_cmd("Page.captureScreenshot", {
            "format": "png", "captureBeyondViewport": True, "clip": clip})
        fn = os.path.join(SHOTS, f"{self.label}-{self.step:02d}-{name}.png")
        with open(fn, "wb") as f:
            f.write(base64.b64decode(png["data"]))

    def check_page(self, name):
        """The screenshot, axe-core and (on a phone) the width, at each
        step (a page in each of the states the journey shows it in)."""
        self.shot(name)
        key = f"{self.label}-{self.step:02d}-{name} " + re.sub(
            r"^https?://([^?]*).*", r"\1", self.d.current_url)
        if not self.nojs:       # axe is a script too: the other runs
            self.pages[key] = self.axe()
        if self.phone:
            # Against the layout viewport: as a phone, Chromium zooms out
            # to show a page wider than the screen, and innerWidth grows
            # with it (the supervisor's menu 40 px past the edge at 390
            # px in 大字版 passed).
            over = self.d.execute_script(
                "return document.scrollingElement.scrollWidth"
                " - document.documentElement.clientWidth")
            if over > 0:
                self.wide[key] = over
        self.keyboard(key)


    def axe(self):
        """What axe-core finds serious or critical on the page."""
        if self.d.execute_script("return typeof axe") != "object":
            return ["axe-core is not loaded (var/npm: npm ci failed?)"]
        return self.d.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "axe.run(document, {resultTypes: ['violations']})"
            ".then(r => done(r.violations.filter(v =>"
            " v.impact === 'serious' || v.impact === 'critical')"
            ".map(v => v.impact + ' ' + v.id + ': ' + v.help + ' ' +"
            " v.nodes.slice(0, 4).map(n => n.target.join(' '))"
            ".join(' | '))))"
            ".catch(e => done(['axe failed: ' + e]))")

    def keyboard(self, key):
        """The keyboard walk of the page as it is (EXT-13): Tab from its
        top to its end; what is wrong goes to self.kb[KEY]."""
        names, problems = self.d.execute_script(KB_START)
        # A page walked before with the same controls is not walked
        # again (the application's page, in one state after another).
        seen = (re.sub(r"[?#].*", "", self.d.current_url), tuple(names))
        if seen in self.walked and not problems:
            self.d.execute_script("document.activeElement.blur()")
            return
        self.walked.add(seen)
        n = len(names)
        got, bad_ring, extra = [], [], []
        for _ in range(n + 10):
            ActionChains(self.d).send_keys(Keys.TAB).perform()
            i, name, ring = self.d.execute_script(KB_STEP)
            if i is None or (got and i == got[0]):
                break
            if i < 0:
                extra.append(name)
                continue
            got.append(i)
            if not ring:
                bad_ring.append(name)
        missed = [names[i] for i in range(n) if i not in got]
        if missed:
            problems.append("Tab never reaches: " + ", ".join(missed[:8]))
        order = list(dict.fromkeys(got))
        if order != sorted(order):
            k = next(x for x, (a, b) in enumerate(zip(order, order[1:]))
                     if a > b)
            problems.append(f"out of order: {names[order[k]]} before "
                            f"{names[order[k + 1]]}")
        if extra:
            problems.append("Tab stops on what is no control: "
                            + ", ".join(extra[:5]))
        if bad_ring:
            problems.append("no visible focus on: "
                            + ", ".join(bad_ring[:8]))
        self.kb[key] = problems
        self.d.execute_script(
            "if (document.activeElement) document.activeElement.blur();"
            "window.scrollTo(0, 0)")

    # --- doing -------------------------------------------------------------

    def get(self, url):
        self.d.get(url)

    def fill(self, css, value):
        el = self.d.find_element(By.CSS_SELECTOR, css)
        el.clear()
        el.send_keys(value)

    def submit(self, css):
        """Press Enter on CSS, the form's submit button or one of its
        fields (a form is sent from the keyboard, EXT-13), and wait for
        the next page (a minute at most: on a busy machine a password's
        hash takes seconds)."""
        old = self.d.find_element(By.TAG_NAME, "html")
        self.d.find_element(By.CSS_SELECTOR, css).send_keys(Keys.ENTER)
        for _ in range(1200):
            try:
                old.tag_name  # noqa: B018 (raises once the page is gone)
            except WebDriverException:
                break
            time.sleep(0.05)
        self.d.find_element(By.TAG_NAME, "body")

    def click_link(self, text, within="main"):
        """Follow the first link in WITHIN whose text holds TEXT."""
        for a in self.d.find_elements(By.CSS_SELECTOR, f"{within} a"):
            if text in a.text:
                self.get(a.get_attribute("href"))
                return True
        return False


def self_check(j):
    """The checks of every page can fail: a page with an unlabelled field,
    an image without alt, text of low contrast, no title, no lang, on a
    phone a block wider than the screen, and controls the keyboard walk
    finds wrong."""
    j.get("data:text/html;charset=utf-8,<body><input name=q><img src=x.png>"
          "<p style='color:%23bbb'>说明</p><div style='width:2000px'>宽</div>"
          "<button style='outline:none'>发送</button>"
          "<input aria-label='看不见' style='opacity:0'>"
          "<a href='%23x' tabindex='-1'>藏起来的链接</a>"
          "<span tabindex='2'>插队</span>"
          "<form action='/x'><select aria-label='选'></select></form>")
    j.check_page("self-check")
    key = next(k for k in j.pages if "-self-check " in k)
    kb = " ".join(j.kb.pop(key))
    T.like(kb, r'^(?=.*no visible focus on: button "发送", input)'
           r'(?=.*tabindex="2")'
           r"(?=.*Tab never reaches: span)"
           r"(?=.*a \"藏起来的链接\" cannot be reached)"
           r"(?=.*form /x has no submit button)",
           f"{j.label}: the keyboard walk sees controls without a focus "
           "ring (none, or on nothing visible), one put first by "
           "tabindex (never reached from the top), one taken out of the "
           "order, a form Enter cannot send")
    found = " ".join(j.pages.pop(key))
    T.like(found, r"^(?=.*critical label)(?=.*critical image-alt)",
           f"{j.label}: axe sees a field without label, an image without alt")
    T.like(found, r"^(?=.*color-contrast)(?=.*document-title)"
           r"(?=.*html-has-lang)",
           f"{j.label}: text of low contrast, no title, no lang")
    if j.phone:
        T.ok(j.wide.pop(key, 0) > 0,
             f"{j.label}: and the page wider than the screen")


def citizen(j, n):
    """The citizen's journey up to the receipt; returns (id, app_no)."""
    idno = lib("test_id", str(n))
    mobile = "139" + idno[10:14] + idno[14:17].replace("X", "0") + str(n)
    name = "乌兰图雅" if n == 0 else "其木格"
    pw = "Caoyuan-2026"

    # Finding the item: the home page's search, then browsing by department.
    j.get(EXT + "/")
    j.check_page("home")
    T.like(j.d.title, "政务服务|网上办事", f"{j.label}: the home page names the site")
    j.fill("#h-q", "食品经营")
    j.submit("#h-q")            # Enter in the field sends the search
    j.check_page("search")
    T.ok(j.d.find_elements(By.CSS_SELECTOR, f"main a[href$='code={ITEM}']"),
         f"{j.label}: a search for 食品经营 links to {ITEM_NAME}",
         j.text("main"))
    j.get(EXT + "/browse?by=dept")
    j.check_page("browse")
    T.ok(j.click_link(DEPT), f"{j.label}: browsing by department offers {DEPT}")
    j.check_page("browse-dept")
    T.like(j.text("main"), re.escape(ITEM_NAME),
           f"{j.label}: whose items include {ITEM_NAME}")
    T.ok(j.click_link(ITEM_NAME), f"{j.label}: the item's card opens")
    j.check_page("guide")
    T.eq(j.h1(), ITEM_NAME, f"{j.label}: the guide is headed with its name")
    T.like(j.text("main"), "中华人民共和国食品安全法",
           f"{j.label}: and shows its legal basis")

    # Applying needs an account: the login page offers registration.
    T.ok(j.click_link("在线办理"), f"{j.label}: the guide links to applying")
    T.like(j.path(), r"^/login", f"{j.label}: which asks to log in first")
    j.check_page("login")
    T.ok(j.click_link("注册"), f"{j.label}: the login page links to registration")
    j.check_page("register")
    j.fill("#f-name", name)
    j.fill("#f-id", idno)
    j.fill("#f-mobile", mobile)
    j.fill("#f-pw", pw)
    j.fill("#f-pw2", pw)
    j.submit("form[action='/register'] button[type=submit]")
    j.check_page("register-code")
    T.ok(j.d.find_elements(By.CSS_SELECTOR, "#f-code"),
         f"{j.label}: registration asks for the code sent by SMS",
         j.text("main"))
    lib("sms_wait", mobile, "1")
    code = lib("sms_code", mobile)
    T.like(code, r"^[0-9]{6}$", f"{j.label}: the code reached {mobile}")
    j.fill("#f-code", code)
    j.submit("form[action='/register/code'] button[type=submit]")
    j.check_page("registered")
    T.like(j.text("main"), "请用刚才设置的密码登录",
           f"{j.label}: registered, the page asks to log in")
    T.eq(lib("sql_ext", "SELECT name FROM citizen WHERE id = "
             f"'{lib('citizen_of', idno)}'"), name,
         f"{j.label}: the account is in the extranet's database")

    # Log in (once): registration carried where the citizen was going,
    # so the login goes on to the form 在线办理 opened.
    T.ok(j.click_link("去登录"), f"{j.label}: and links to the login")
    j.fill("#f-id", idno)
    j.fill("#f-pw", pw)
    j.submit("#f-pw")
    j.check_page("apply")
    T.like(j.text("nav"), name, f"{j.label}: logged in, the menu names "
           "the citizen", j.path())
    T.like(j.path(), r"^/apply\?code=", f"{j.label}: the form opens")
    T.like(j.text("main"), re.escape(idno[:6]) + r"\*+" + idno[-4:],
           f"{j.label}: showing the applicant's masked ID number")

    # A PDF for each material (required or not), the pledge, submit.
    pdf = os.path.join(SHOTS, "material.pdf")
    if not os.path.exists(pdf):
        lib("t_pdf", pdf)
    files = j.d.find_elements(By.CSS_SELECTOR, ".uploads input[type=file]")
    T.ok(j.d.find_elements(By.CSS_SELECTOR, "input[type=file][required]"),
         f"{j.label}: the form asks for the required materials")
    for f in files:
        f.send_keys(pdf)
    j.fill("#f-remark", "在锡林浩特市额尔敦路开一家奶茶店，经营面积 60 平方米。")
    for box in j.d.find_elements(
            By.CSS_SELECTOR, ".pledge input[type=checkbox]"):
        if not box.is_selected():
            box.click()
    j.submit("form[action='/apply'] button[type=submit]")
    j.check_page("receipt")
    T.like(j.h1(), "接件凭证", f"{j.label}: submitting shows the receipt",
           j.text("main"))
    shown = j.text(".receipt-no-value")
    cid = lib("citizen_of", idno)
    stored = lib("sql_ext", "SELECT app_no FROM application WHERE "
                 f"citizen_id = '{cid}' AND item_code = '{ITEM}'")
    T.like(shown, r"^YW[0-9]{13}$", f"{j.label}: with an application number")
    T.eq(shown, stored,
         f"{j.label}: the number is the application the database holds")
    T.eq(lib("sql_ext", "SELECT COUNT(*) FROM attachment WHERE "
             f"app_no = '{stored}'"), str(len(files)),
         f"{j.label}: with one stored file per material")

    # 我的办件 lists it; its page shows it as submitted.
    j.click_link("我的办件", "nav") or j.get(EXT + "/my")
    j.check_page("my")
    T.like(j.text("main"), re.escape(shown),
           f"{j.label}: 我的办件 lists the application")
    T.ok(j.click_link(shown) or j.click_link(ITEM_NAME),
         f"{j.label}: and opens it")
    j.check_page("app")
    T.like(j.text(".app-status"), "已提交|待受理|已接收",
           f"{j.label}: the application is shown as received")
    T.eq(j.d.execute_script(
        "return [...document.querySelectorAll('button.print-btn')]"
        ".map(b => b.hidden ? 'hidden' : 'shown').join()"),
         "hidden" if j.nojs else "shown",
         f"{j.label}: its print button "
         + ("stays hidden without scripts" if j.nojs else
            "shown by hall.js"))
    return idno, mobile, name, shown


def clerk(j, app_no):
    """The clerk finds APP_NO in the intranet's inbox and accepts it;
    returns the 受理通知书's number."""
    j.get(INT + "/login")
    j.check_page("int-login")
    j.fill("#f-login", CLERK)
    j.fill("#f-pw", PASSWORD)
    j.submit("#f-pw")
    j.get(INT + "/inbox")
    j.check_page("int-inbox")
    T.like(j.text("main"), re.escape(app_no),
           f"{j.label}: the clerk's inbox lists {app_no}")
    row = [r.text for r in j.d.find_elements(By.CSS_SELECTOR, "main tr")
           if app_no in r.text]
    T.like(" ".join(row), "新留言 1",
           f"{j.label}: marked 新留言 1 (the applicant's message)",
           " ".join(row))
    T.ok(j.click_link(app_no), f"{j.label}: the clerk opens the case")
    j.check_page("int-case")
    T.like(j.text("main"), re.escape(ITEM_NAME),
           f"{j.label}: the case page names the item")
    form = "form.act-accept"
    for ta in j.d.find_elements(By.CSS_SELECTOR, f"{form} textarea"):
        ta.send_keys("材料齐全，符合法定形式，予以受理。")
    j.submit(f"{form} button[type=submit]")
    j.check_page("int-accepted")
    doc = lib("sql_int", "SELECT doc_no FROM document WHERE "
              f"app_no = '{app_no}' AND kind = 'accept'")
    T.like(doc, "受字", f"{j.label}: accepting issued a 受理通知书", j.text("main"))
    T.like(j.text("main"), re.escape(doc) if doc else "受理通知书",
           f"{j.label}: which the case page shows")
    return doc


def follow(j, app_no, doc):
    """Back on the extranet: 已受理, the notice printed, verified."""
    j.get(EXT + "/my")
    T.ok(j.click_link(app_no), f"{j.label}: the citizen opens the case again")
    j.check_page("app-accepted")
    T.like(j.text(".app-status"), "已受理",
           f"{j.label}: 我的办件 shows it 已受理", j.text("main"))
    T.ok(j.click_link("受理通知书"), f"{j.label}: and lists the 受理通知书")
    j.check_page("notice")
    T.like(j.text("main"), re.escape(doc),
           f"{j.label}: the notice shows its number {doc}")
    T.like(j.text("main"), re.escape(app_no),
           f"{j.label}: and the application's number")
    pdf = base64.b64decode(j.d.print_page())
    fn = os.path.join(SHOTS, f"{j.label}-notice.pdf")
    with open(fn, "wb") as f:
        f.write(pdf)
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    T.ok(pdf.startswith(b"%PDF") and pages == 1,
         f"{j.label}: printed, the notice is one page",
         f"{len(pdf)} bytes, {pages} pages")

    qr = j.d.find_elements(By.CSS_SELECTOR, ".doc-qr svg")
    url = ""
    if T.ok(qr, f"{j.label}: the notice carries a QR code"):
        png = os.path.join(SHOTS, f"{j.label}-qr.png")
        j.d.execute_script("arguments[0].scrollIntoView()", qr[0])
        qr[0].screenshot(png)
        url = subprocess.run(["zbarimg", "-q", "--raw", png],
                             capture_output=True, text=True,
                             check=False).stdout.strip()
    T.like(url, "^" + re.escape(EXT) + r"/verify\?no=.*&code=[0-9A-Z]{8}$",
           f"{j.label}: whose address is the extranet's /verify")
    if url:
        j.get(url)
        j.check_page("verify")
        T.like(j.text("main"), "核验通过.*" + re.escape(doc),
               f"{j.label}: which verifies the notice")


QUICK = "152502-SCJG-XK-005"    # 即办件: decided at the window at once
QUICK_NAME = "食品经营许可证核发（注销）"
WALKIN = "152502-SCJG-XK-004"
WALKIN_NAME = "食品经营许可证核发（延续）"
ASK = "请问营业执照副本需要提交原件还是复印件？"
REPLY = "复印件即可，受理时请带原件到窗口核对。"
RESULT = "已在办事指南中逐项列明材料，窗口一次告知。"


def pdf_file():
    """The small PDF every upload of the journeys sends."""
    pdf = os.path.join(SHOTS, "material.pdf")
    if not os.path.exists(pdf):
        lib("t_pdf", pdf)
    return pdf


def message(j, app_no):
    """EXT-7: the applicant writes to the window on the application's
    page (Enter on 发送留言)."""
    j.fill("#f-msg", ASK)
    j.submit("form[action^='/app/message'] button[type=submit]")
    j.check_page("app-message")
    T.like(j.text("#thread"), re.escape(ASK),
           f"{j.label}: the message shows in the application's thread")
    T.eq(lib("sql_ext", "SELECT COUNT(*) FROM case_message WHERE "
             f"app_no = '{app_no}' AND dir = 'ask'"), "1",
         f"{j.label}: and is stored once")


def apply_quick(j):
    """A second application, for a 即办件, to rate once it is decided;
    returns its number."""
    j.get(EXT + f"/apply?code={QUICK}")
    for f in j.d.find_elements(By.CSS_SELECTOR, ".uploads input[type=file]"):
        f.send_keys(pdf_file())
    for box in j.d.find_elements(
            By.CSS_SELECTOR, ".pledge input[type=checkbox]"):
        if not box.is_selected():
            box.click()
    j.submit("form[action='/apply'] button[type=submit]")
    no = j.text(".receipt-no-value")
    T.like(no, r"^YW[0-9]{13}$", f"{j.label}: a second application, "
           f"{QUICK_NAME}, is received", j.text("main"))
    return no


def reply(j, app_no):
    """The clerk, on the case page, reads the applicant's message and
    replies (EXT-7)."""
    T.like(j.text("#thread"), re.escape(ASK),
           f"{j.label}: the case page shows the applicant's message")
    j.fill("#f-msg-body", REPLY)
    j.submit("form[action='/case/message'] button[type=submit]")
    j.check_page("int-replied")
    T.like(j.text("#thread"), "萨仁高娃.*回复[^\n]*\n" + re.escape(REPLY),
           f"{j.label}: the reply shows under it, with who wrote it")
    T.eq(lib("sql_int", "SELECT COUNT(*) FROM case_message m JOIN kase k "
             "ON k.id = m.case_id WHERE k.app_no = "
             f"'{app_no}' AND m.dir = 'reply'"), "1",
         f"{j.label}: one reply stored")


def decide_quick(j, quick):
    """The clerk decides the 即办件 at once (受理并当场办结)."""
    j.get(INT + "/inbox")
    T.ok(j.click_link(quick), f"{j.label}: the inbox lists {quick} too")
    j.fill("#f-instant-text", "材料齐全，当场办结。")
    j.submit("form[action='/case/instant'] button[type=submit]")
    j.check_page("int-instant")
    T.eq(lib("sql_int", f"SELECT state FROM kase WHERE app_no = '{quick}'"),
         "approved", f"{j.label}: the 即办件 is decided at once")


def intake(j, idno, mobile, name):
    """INT-1: the clerk registers a walk-in (the same person, at the
    window) with a scanned PDF and a material on paper, and checks the
    receipt; returns its number."""
    T.ok(j.click_link("窗口收件", "body"), f"{j.label}: the clerk's menu "
         "leads to 窗口收件")
    j.check_page("int-intake")
    j.fill("#f-q", "延续")
    j.submit("#f-q")
    T.ok(j.click_link(WALKIN_NAME), f"{j.label}: a search for 延续 finds "
         f"{WALKIN_NAME}", j.text("main"))
    j.fill("#f-name", name)
    j.fill("#f-idno", idno)
    j.fill("#f-mobile", mobile)
    j.fill("#f-remark", "门店地址未变，申请延续。")
    j.d.find_element(By.CSS_SELECTOR, "#f-m1").send_keys(pdf_file())
    box = j.d.find_element(By.CSS_SELECTOR, "input[name=p2]")
    if not box.is_selected():
        box.send_keys(Keys.SPACE)       # ticked from the keyboard
    j.fill("#f-pg2", "3")
    j.check_page("int-intake-form")
    j.submit("form[action='/hall/intake'][method=post] "
             "button[type=submit]")
    j.check_page("int-intake-receipt")
    main = j.text("main")
    no = (re.findall(r"YW[0-9]{8}9[0-9]{4}", main) or [""])[0]
    T.like(j.h1(), "收件回执", f"{j.label}: registered, the receipt opens",
           main)
    T.eq(lib("sql_int", "SELECT CONCAT_WS(' ', source, item_code) FROM kase"
             f" WHERE app_no = '{no}'"), f"window {WALKIN}",
         f"{j.label}: the receipt's number {no} is the window's case")
    T.like(main, re.escape(WALKIN_NAME), f"{j.label}: the receipt names "
           "the item")
    T.like(main, re.escape(f"{name}（身份证 {idno[:6]}") + r"\*+"
           + re.escape(idno[14:]) + "）",
           f"{j.label}: the applicant, the ID number masked")
    T.ok(idno not in main, f"{j.label}: never in full")
    T.like(main, "延续申请书（电子件：material.pdf）",
           f"{j.label}: the scanned material")
    T.like(main, "有关的其他材料（纸质已收），1 份 3 页",
           f"{j.label}: the material received on paper, its pages")
    T.like(main, "收件人\n?萨仁高娃", f"{j.label}: the clerk who took it")
    T.like(main, r"办件查询」（https://\S+/query）",
           f"{j.label}: and how to follow it online (/query)")
    T.ok(j.d.find_elements(By.CSS_SELECTOR, "main svg[aria-label]"),
         f"{j.label}: with a QR code")
    pdf = base64.b64decode(j.d.print_page())
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    with open(os.path.join(SHOTS, f"{j.label}-intake-receipt.pdf"),
              "wb") as f:
        f.write(pdf)
    T.ok(pdf.startswith(b"%PDF") and pages == 1,
         f"{j.label}: printed, the receipt is one page", f"{pages} pages")
    return no


def read_reply(j, app_no):
    """Back on the extranet, the reply is on the application's page."""
    j.get(EXT + f"/app?no={app_no}")
    j.check_page("app-reply")
    T.like(j.text("#thread"), "窗口回复[^\n]*\n" + re.escape(REPLY),
           f"{j.label}: the applicant reads the window's reply",
           j.text("#thread"))


def rate(j, quick):
    """EXT-8: the decided 即办件 rated 非常不满意 with two reasons."""
    j.get(EXT + "/my")
    T.ok(j.click_link(quick), f"{j.label}: 我的办件 opens the decided case")
    T.like(j.text(".app-status"), "准予许可",
           f"{j.label}: shown as decided", j.text("main"))
    j.check_page("app-decided")
    T.ok(j.d.find_elements(By.CSS_SELECTOR, "form[action='/app/rate']"),
         f"{j.label}: with the rating form")
    # Chosen from the keyboard: Space on the radio and the boxes.
    j.d.find_element(By.CSS_SELECTOR,
                     "input[name=level][value='1']").send_keys(Keys.SPACE)
    for r in ("slow", "visits"):
        j.d.find_element(By.CSS_SELECTOR,
                         f"input[name=reason_{r}]").send_keys(Keys.SPACE)
    j.fill("#f-comment", "材料清单没有一次说清，跑了两趟。")
    j.submit("form[action='/app/rate'] button[type=submit]")
    j.check_page("app-rated")
    T.like(j.text("#rating"), "评价：非常不满意.*申请人本人",
           f"{j.label}: the page shows the rating given, and by whom",
           j.text("main"))
    T.like(j.text("#rating"), "办理时间长.*多次跑动",
           f"{j.label}: with its reasons")
    T.ok(not j.d.find_elements(By.CSS_SELECTOR, "form[action='/app/rate']"),
         f"{j.label}: and no second form")


def query(j, no, idno):
    """The walk-in case found at /query by number and ID number."""
    j.get(EXT + "/query")
    j.fill("#f-no", no)
    j.fill("#f-id", idno)
    j.submit("#f-id")
    j.check_page("query")
    T.like(j.h1(), "^" + re.escape(WALKIN_NAME) + "$",
           f"{j.label}: /query finds the walk-in case {no}", j.text("main"))
    T.like(j.text("main"), "材料已在政务服务中心窗口递交",
           f"{j.label}: saying its materials were handed in at the window")


def follow_up(j, quick):
    """The department's 回访 and 整改 of the poor rating."""
    j.get(INT + "/ratings")
    j.check_page("int-ratings")
    row = [r.text for r in j.d.find_elements(By.CSS_SELECTOR, "main tr")
           if quick in r.text]
    T.like("".join(row), r"非常不满意[\s\S]*待回访",
           f"{j.label}: the department's ratings list it, 待回访",
           j.text("main"))
    T.ok(j.click_link(quick), f"{j.label}: and open it")
    j.fill("#f-note", "电话回访申请人，反映材料清单未一次告知。")
    j.submit("form[action='/rating/visit'] button[type=submit]")
    j.check_page("int-rating-visited")
    j.fill("#f-fnote", "组织窗口人员学习一次性告知制度。")
    j.fill("#f-result", RESULT)
    j.submit("form[action='/rating/fix'] button[type=submit]")
    j.check_page("int-rating-fixed")
    T.like(j.text("main"), "告知评价人的整改结果：\n?" + re.escape(RESULT),
           f"{j.label}: 回访 and 整改 recorded, the result shown")


def rated_result(j, quick):
    """The rater reads the 整改 and may rate once more."""
    j.get(EXT + "/my")
    j.click_link(quick)
    j.check_page("app-fixed")
    T.like(j.text("#rating"), "整改结果：\n?" + re.escape(RESULT),
           f"{j.label}: the rater reads the department's result",
           j.text("#rating"))
    T.ok(j.d.find_elements(By.CSS_SELECTOR, "form[action='/app/rate']"),
         f"{j.label}: and may rate once more")


def the_rest(j, idno, mobile, name, app_no):
    """After the receipt: messages, the clerk, the rating, the walk-in."""
    message(j, app_no)
    quick = apply_quick(j)
    carry("ext", "int")
    doc = clerk(j, app_no)
    reply(j, app_no)
    decide_quick(j, quick)
    walkin = intake(j, idno, mobile, name)
    carry("int", "ext")
    follow(j, app_no, doc)
    read_reply(j, app_no)
    rate(j, quick)
    query(j, walkin, idno)
    carry("ext", "int")
    follow_up(j, quick)
    carry("int", "ext")
    rated_result(j, quick)


def walk(n, label, width, height, axe_src, out):
    """The journey at one width, in a thread of its own: TAP into OUT."""
    T.local.buf = out
    nojs = label == "no-script"
    try:
        j = Journey(label, width, height, axe_src, nojs=nojs)
    except WebDriverException as e:
        T.ok(False, f"{label}: Chromium starts", e.msg)
        return
    try:
        if axe_src and j.phone and not nojs:
            self_check(j)
        idno, mobile, name, app_no = citizen(j, n)
        if not nojs:
            the_rest(j, idno, mobile, name, app_no)
    except Exception as e:     # noqa: BLE001 (any error fails the run)
        T.ok(False, f"{label}: the journey ran to its end",
             f"{traceback.format_exc()}\nat {j.d.current_url}")
        try:
            j.shot("failed")
        except WebDriverException:
            pass
    finally:
        j.quit()
    report(j, width)


def report(j, width):
    """What axe-core, the keyboard walk and (on a phone) the width found
    on each page J saw: one check each."""
    for page, found in sorted(j.pages.items()):
        T.ok(not found, f"axe finds no serious or critical violation on "
             f"{page}", "\n".join(found))
    for page, found in sorted(j.kb.items()):
        T.ok(not found, f"keyboard: Tab reaches every control of {page} "
             "in order, each with a visible focus", "\n".join(found))
    if j.phone:
        T.ok(not j.wide, f"{j.label}: no page scrolls sideways at {width} px",
             "\n".join(f"{p}: {o} px too wide"
                       for p, o in sorted(j.wide.items())))


def load_axe():
    """axe-core's source, to load into every page ("" when missing)."""
    axe_src = ""
    if os.path.exists(AXE):
        with open(AXE, encoding="utf-8") as f:
            axe_src = f.read()
    T.ok(axe_src, "axe-core is installed (./run: npm ci into var/npm)", AXE)
    return axe_src


def main():
    subprocess.run(["rm", "-rf", SHOTS], check=True)
    os.makedirs(SHOTS)
    started = time.monotonic()
    axe_src = load_axe()
    # Both widths at once: most of a journey is waiting for the server
    # (password hashing, the gap's carries), and the suite's time is short.
    runs = []
    for n, (label, w, h) in enumerate(WIDTHS):
        out = []
        th = threading.Thread(target=walk, args=(n, label, w, h, axe_src, out))
        th.start()
        runs.append((label, th, out))
    for label, th, out in runs:
        th.join(300)
        T.flush(out)
        T.ok(not th.is_alive(), f"{label}: the journey ended within 5 minutes")
    T.diag(f"{time.monotonic() - started:.1f} s; screenshots in "
           f"{os.path.relpath(SHOTS, ROOT)}")
    print(f"1..{T.n}")
    sys.stdout.flush()
    os._exit(1 if T.failed else 0)


if __name__ == "__main__":
    main()
