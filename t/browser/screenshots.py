"""screenshots.py: the README's screenshots (docs/screenshots/), made
again by `./run shots`, which starts a fresh test stack (the demo county's
catalogue, staff and applicant, as `./run test` has them), runs this with
t/lib.sh's environment and stops it.

It first makes what the pages show: the demo applicant 乌云其木格 applies
for three items on the extranet (t/lib.sh ext_apply), the applications
cross to the intranet, the window accepts one, and the progress crosses
back.  Then, in Debian's Chromium at 1280 px (a desktop) and 390 px (a
phone), it takes the main pages, each as the person who uses it sees it:

    home, guide, apply, my        the extranet (my and apply logged in)
    case, inbox                   the intranet, as the window clerk
    sup                           the supervision dashboard (电子监察)

and writes docs/screenshots/NAME-WIDTH.png: the first 1,100 px of the
page on a desktop, drawn at 3/4 of the size (960 px wide), and the first
1,400 px on a phone as it is, so that a PNG stays near 100 KB.
"""
import base64
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from journeys import EXT, INT, Journey, lib  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402

ROOT = os.environ["ROOT"]
OUT = os.path.join(ROOT, "docs", "screenshots")
ITEM = "152502-SCJG-XK-001"             # 食品经营许可证核发（新办）
MORE = ("152502-SCJG-XK-004", "152502-SCJG-XK-005")
IDNO = "152502199003150027"             # 乌云其木格 (db/demo/LOGINS)
PASSWORD = "Yiwang@2026"
# label, window width and height, how much of the page, drawn at what size
WIDTHS = (("1280", 1280, 900, 1100, 0.75), ("390", 390, 844, 1400, 1))


def prepare():
    """Three applications; the first accepted at the window; everything
    carried both ways.  Returns the accepted case's intranet id."""
    nos = [lib("ext_apply", code) for code in (ITEM,) + MORE]
    if not all(re.match(r"^YW[0-9]{13}$", n) for n in nos):
        sys.exit(f"screenshots: applying failed: {nos}")
    lib("carry", "ext", "int")
    case = lib("sql_int", f"SELECT id FROM kase WHERE app_no = '{nos[0]}'")
    lib("eval", f"CASE={case}; staff_login clerk sarengaowa; "
        "case_post clerk /case/act action=accept "
        "'text=材料齐全，符合法定形式，予以受理。'")
    lib("carry", "int", "ext")
    return case


def shot(j, name, width, height, scale):
    """The first HEIGHT px of the page, at SCALE, to OUT/NAME-WIDTH.png."""
    m = j.d.execute_cdp_cmd("Page.getLayoutMetrics", {})
    size = m.get("cssContentSize") or m["contentSize"]
    clip = {"x": 0, "y": 0, "width": size["width"],
            "height": min(size["height"], height), "scale": scale}
    png = j.d.execute_cdp_cmd("Page.captureScreenshot", {
        "format": "png", "captureBeyondViewport": True, "clip": clip})
    fn = os.path.join(OUT, f"{name}-{width}.png")
    with open(fn, "wb") as f:
        f.write(base64.b64decode(png["data"]))
    print(f"{os.path.relpath(fn, ROOT)}: {j.d.title}")


def login(j, url, who, password, field):
    """Log in on a site's login page (Enter in the password field)."""
    j.get(url + "/login")
    j.fill(field, who)
    j.fill("#f-pw", password)
    j.submit("#f-pw")


def shoot(case, label, width, height, depth, scale):
    """Every page at one width."""
    j = Journey(f"shots-{label}", width, height, "")

    def take(name):
        shot(j, name, label, depth, scale)
    try:
        j.get(EXT + "/")
        take("home")
        j.get(EXT + f"/guide?code={ITEM}")
        take("guide")
        login(j, EXT, IDNO, PASSWORD, "#f-id")
        j.get(EXT + f"/apply?code={ITEM}")
        take("apply")
        j.get(EXT + "/my")
        take("my")
        login(j, INT, "sarengaowa", PASSWORD, "#f-login")
        j.get(INT + "/inbox")
        take("inbox")
        j.get(INT + f"/case?id={case}")
        take("case")
        j.d.delete_all_cookies()
        login(j, INT, "zhaoyanhong", PASSWORD, "#f-login")
        j.get(INT + "/sup")
        take("sup")
        if not j.d.find_elements(By.CSS_SELECTOR, "main h1"):
            sys.exit("screenshots: the supervision page has no heading")
    finally:
        j.quit()


def main():
    os.makedirs(OUT, exist_ok=True)
    os.makedirs(os.environ["TEST_VAR"] + "/logs/browser", exist_ok=True)
    case = prepare()
    for label, w, h, depth, scale in WIDTHS:
        shoot(case, label, w, h, depth, scale)
    subprocess.run(["du", "-ch"] + sorted(
        os.path.join(OUT, f) for f in os.listdir(OUT)
        if re.match(r"^(home|guide|apply|my|inbox|case|sup)-", f)),
        check=False)


if __name__ == "__main__":
    main()
