#!/usr/bin/python3
"""scripts/screenshots' work: runs `smsdesk demo` on a free port, waits for
its tour (the scripted newcomers' texts) to leave tickets in the queue, logs
in as the demo's moderator with headless Chromium and saves

  login.png      the login page
  queue.png      the moderators' queue
  canned.png     the canned answers, three of them added through the page
  ticket.png     the urgent conversation, a suggested answer in the reply box
  dashboard.png  the dashboard: modems, today's numbers, answer times

Usage: screenshots.py SMSDESK OUT_DIR
"""
import os
import re
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "tests", "browser"))
from webdriver import Browser  # noqa: E402

WIDTH, HEIGHT = 1280, 800

# The demo has no canned answers; these are added as a moderator would.
CANNED = [
    ("Office hours", "en", "Our office at 12 King St. is open Monday to Friday, 9:00 to 17:00. No appointment needed."),
    ("Horaires", "fr", "Notre bureau, 12 rue King, est ouvert du lundi au vendredi, de 9 h à 17 h, sans rendez-vous."),
    ("ساعات العمل", "ar", "مكتبنا في 12 شارع كينغ مفتوح من الاثنين إلى الجمعة، من 9:00 إلى 17:00، بدون موعد."),
]


class Demo:
    """`smsdesk demo` in the background; its output is read line by line so
    that we learn the console's address and when the tour is over."""

    def __init__(self, smsdesk, workdir):
        self.lines = []
        self.proc = subprocess.Popen(
            # Quick virtual radio: the pictures are the same, the wait shorter.
            [smsdesk, "demo", "--console-port", "0", "--dir", workdir, "--latency", "200ms"],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.proc.stdout:
            self.lines.append(line.rstrip("\n"))

    def wait_for(self, pattern, timeout):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for line in self.lines:
                if m := re.search(pattern, line):
                    return m
            if self.proc.poll() is not None:
                break
            time.sleep(0.2)
        sys.exit(f"smsdesk demo: no line matching /{pattern}/ within {timeout} s; it printed:\n"
                 + "\n".join(self.lines[-40:]))

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()  # SIGTERM: the demo stops its daemon and modems
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def main():
    smsdesk, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="smsdesk-screenshots.") as workdir:
        demo = Demo(smsdesk, workdir)
        try:
            m = demo.wait_for(r'Web console: (http://127\.0\.0\.1:\d+)/\s+\(user "([^"]+)", password "([^"]+)"\)', 30)
            url, user, password = m.groups()
            # The tour is over when the demo prints the queue it left.
            demo.wait_for(r"the moderators' queue now \(([1-9]\d*) ticket", 120)
            with Browser(WIDTH, HEIGHT) as b:
                b.set_viewport(WIDTH, HEIGHT)  # the pictures are exactly 1280x800
                b.get(url + "/login")
                shot(b, out, "login.png")

                b.find("input[name=name]").send_keys(user)
                b.find("input[name=password]").send_keys(password)
                b.find("form[action='/login'] button").click()
                try:
                    b.wait_for(lambda: b.url() == url + "/queue", timeout=15)
                except TimeoutError:
                    sys.exit(f"could not log in as {user}: {b.url()} says {b.find('body').text.strip()[:200]!r}")
                shot(b, out, "queue.png")

                for title, lang, text in CANNED:
                    b.get(url + "/canned")
                    form = b.find("form#canned-new")
                    form.find("input[name=title]").send_keys(title)
                    form.find(f"select[name=lang] option[value='{lang}']").click()
                    form.find("textarea[name=body]").send_keys(text)
                    form.find("button").click()
                    b.wait_for(lambda: "done=added" in b.url())
                b.get(url + "/canned")  # without the "added" notice
                shot(b, out, "canned.png")
                b.get(url + "/queue")

                # The urgent ticket: first in the queue, with its red badge.
                link = b.execute("""
                    const badge = document.querySelector('#queue .urgent');
                    return badge ? badge.closest('tr').querySelector('a[href^="/tickets/"]') : null;""")
                if link is None:
                    sys.exit("the demo's queue has no urgent ticket")
                link.click()
                b.wait_for(lambda: "/tickets/" in b.url())
                # A suggested answer in the reply box, as a moderator would start.
                if use := b.find_all("button[data-use]"):
                    use[0].click()
                    b.execute("window.scrollTo(0, 0)")
                shot(b, out, "ticket.png")

                b.get(url + "/dashboard")
                shot(b, out, "dashboard.png")
        finally:
            demo.stop()


def shot(browser, out, name):
    path = os.path.join(out, name)
    browser.screenshot(path)
    print(f"{path}  ({browser.title()})")


if __name__ == "__main__":
    main()
