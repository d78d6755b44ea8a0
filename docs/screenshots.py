"""Takes the README's screenshots from the demo: `make screenshots`.

Builds the demo in a throw-away SQLite database, serves it with runserver on a free port, and
photographs it with the system Chromium (never a downloaded browser). Also renders page 1 and a
profile page of the council report to PNG (pdftoppm). Writes docs/screenshots/*.png.
"""

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
PASSWORD = "demo-agenda-2026"  # the demo users' password (create_demo_users)
# (file, path, window width, user or None, full page)
SHOTS = [
    ("start.png", "/", 1280, None, True),
    ("measure-phone.png", "/agenda/massnahmen/4.1-1/", 390, None, True),
    ("measures.png", "/agenda/massnahmen/", 1280, None, False),
    ("dashboard.png", "/intern/", 1280, "redaktion", False),
    ("staff-measures.png", "/intern/massnahmen/", 1280, "redaktion", False),
    ("idea-form-phone.png", "/ideen/neu/", 390, None, False),
]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def manage(env, *args):
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "DJANGO_DEBUG": "1", "DATABASE_URL": f"sqlite:///{tmp}/demo.sqlite3"}
        manage(env, "migrate", "--noinput", "-v", "0")
        manage(env, "load_demo")
        manage(env, "load_demo_ideas")
        manage(env, "load_demo_council")
        manage(env, "create_demo_users")
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        server = subprocess.Popen(
            [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        try:
            for _ in range(100):
                try:
                    urllib.request.urlopen(base + "/", timeout=2)
                    break
                except OSError:
                    time.sleep(0.2)
            shoot(base)
            report(env, tmp)
        finally:
            server.terminate()
            server.wait()


def shoot(base):
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        for name, path, width, user, full in SHOTS:
            context = browser.new_context(
                viewport={"width": width, "height": 860}, locale="de-DE", base_url=base,
                device_scale_factor=1,
            )  # fmt: skip
            page = context.new_page()
            if user:
                page.goto("/intern/anmelden/")
                page.get_by_label("Benutzername").fill(user)
                page.get_by_label("Passwort").fill(PASSWORD)
                page.locator("main form").get_by_role("button", name="Anmelden").click()
                page.wait_for_load_state()
            page.goto(path)
            page.screenshot(path=OUT / name, full_page=full)
            print(OUT / name)
            context.close()
        browser.close()


def report(env, tmp):
    """The council report of the demo, pages 1 and 5 as PNG."""
    pdf = Path(tmp) / "bericht.pdf"
    code = (
        "from pathlib import Path\n"
        "from agenda.report.render import layout_pdf, render_html\n"
        "from agenda.report.snapshot import build_snapshot\n"
        "html = render_html(build_snapshot(), audience='public')\n"
        f"Path({str(pdf)!r}).write_bytes(layout_pdf(html, isolated=False).pdf)\n"
    )
    manage(env, "shell", "-c", code)
    for number, name in [(1, "report-cover"), (5, "report-page")]:
        subprocess.run(
            ["pdftoppm", "-png", "-r", "60", "-f", str(number), "-l", str(number), "-singlefile",
             str(pdf), str(OUT / name)],
            check=True,
        )  # fmt: skip
        print(OUT / f"{name}.png")


if __name__ == "__main__":
    main()
