"""A tiny W3C WebDriver client for headless Chromium, standard library only.

Why not Selenium: the tests must run on a fresh Debian 12 with nothing but
Debian packages (chromium, chromium-driver, python3); chromedriver already
speaks the W3C WebDriver protocol over HTTP+JSON, and the handful of commands
the console's tests need fit in a page of urllib.

    with Browser() as b:            # starts chromedriver and a headless session
        b.get("http://127.0.0.1:8080/login")
        b.find("input[name=name]").send_keys("alice")
        b.find("form button").click()
        b.wait_for(lambda: b.url().endswith("/queue"))
        b.screenshot("queue.png")

Errors from the driver raise WebDriverError with the protocol's error code
("no such element", "unexpected alert open", ...).
"""

import base64
import json
import os
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request

CHROMEDRIVER = os.environ.get("SMSDESK_CHROMEDRIVER", "/usr/bin/chromedriver")
CHROMIUM = os.environ.get("SMSDESK_CHROMIUM", "/usr/bin/chromium")
# The W3C name of the key under which an element reference travels.
ELEMENT = "element-6066-11e4-a52e-4f735466cecf"


class WebDriverError(Exception):
    def __init__(self, error, message, status):
        super().__init__(f"{error}: {message} (HTTP {status})")
        self.error = error
        self.status = status


def free_port():
    # chromedriver has no "any free port" option; ask the kernel for one. The
    # tiny race (someone else takes it before chromedriver binds) is retried
    # by Browser.__init__.
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Element:
    def __init__(self, browser, ref):
        self.browser = browser
        self.ref = ref

    def _cmd(self, method, path, body=None):
        return self.browser.command(method, f"/element/{self.ref}{path}", body)

    def click(self):
        self._cmd("POST", "/click", {})

    def clear(self):
        self._cmd("POST", "/clear", {})

    def send_keys(self, text):
        self._cmd("POST", "/value", {"text": text})

    @property
    def text(self):
        """The rendered text (what a person sees, CSS applied)."""
        return self._cmd("GET", "/text")

    def attribute(self, name):
        return self._cmd("GET", f"/attribute/{name}")

    def prop(self, name):
        return self._cmd("GET", f"/property/{name}")

    def find(self, css):
        ref = self._cmd("POST", "/element", {"using": "css selector", "value": css})
        return Element(self.browser, ref[ELEMENT])

    def find_all(self, css):
        refs = self._cmd("POST", "/elements", {"using": "css selector", "value": css})
        return [Element(self.browser, r[ELEMENT]) for r in refs]


class Browser:
    """chromedriver + one headless Chromium session; a context manager that
    always ends both (a test that fails must not leave browsers behind)."""

    def __init__(self, width=1280, height=800, log_path=None):
        self.driver = None
        self.session = None
        self.profile = tempfile.mkdtemp(prefix="smsdesk-chromium.")
        last_error = None
        for _ in range(3):
            self.port = free_port()
            log = open(log_path, "ab") if log_path else subprocess.DEVNULL
            self.driver = subprocess.Popen([CHROMEDRIVER, f"--port={self.port}"], stdout=log, stderr=log)
            try:
                self._wait_ready()
                break
            except Exception as e:  # the port was taken meanwhile, or the driver died
                last_error = e
                self._stop_driver()
        else:
            raise RuntimeError(f"chromedriver did not start: {last_error}")
        options = {
            "binary": CHROMIUM,
            "args": [
                "--headless=new",
                # Root in a container: Chromium's sandbox needs user namespaces.
                "--no-sandbox",
                "--disable-gpu",
                # No traffic but to the console on 127.0.0.1: no QUIC probes,
                # no update checks, no sync, no first-run pages.
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                f"--window-size={width},{height}",
                f"--user-data-dir={self.profile}",
            ],
        }
        try:
            value = self._request("POST", "/session", {
                "capabilities": {"alwaysMatch": {"browserName": "chrome", "goog:chromeOptions": options,
                                                 # An unexpected alert() must fail the next command
                                                 # loudly, never be closed quietly.
                                                 "unhandledPromptBehavior": "ignore"}}})
        except Exception:
            self.quit()
            raise
        self.session = value["sessionId"]
        self.command("POST", "/timeouts", {"implicit": 0, "pageLoad": 30000, "script": 30000})

    # ---- plumbing -----------------------------------------------------------

    def _wait_ready(self):
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if self.driver.poll() is not None:
                raise RuntimeError(f"chromedriver exited with {self.driver.returncode}")
            try:
                if self._request("GET", "/status", timeout=2).get("ready"):
                    return
            except (OSError, WebDriverError):
                pass
            time.sleep(0.1)
        raise RuntimeError("chromedriver not ready within 20 s")

    def _request(self, method, path, body=None, timeout=60):
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(f"http://127.0.0.1:{self.port}{path}", data=data, method=method,
                                     headers={"Content-Type": "application/json; charset=utf-8"})
        try:
            with urllib.request.urlopen(req, timeout=timeout) as resp:
                payload = json.loads(resp.read() or b"{}")
        except urllib.error.HTTPError as e:
            try:
                value = json.loads(e.read()).get("value", {})
            except ValueError:
                value = {}
            raise WebDriverError(value.get("error", "unknown error"), value.get("message", "")[:500], e.code) from None
        return payload.get("value")

    def command(self, method, path, body=None):
        return self._request(method, f"/session/{self.session}{path}", body)

    def _stop_driver(self):
        if self.driver and self.driver.poll() is None:
            self.driver.terminate()
            try:
                self.driver.wait(10)
            except subprocess.TimeoutExpired:
                self.driver.kill()
                self.driver.wait()

    def quit(self):
        if self.session:
            try:
                self._request("DELETE", f"/session/{self.session}", timeout=20)
            except Exception:
                pass  # the driver's exit below ends the browser anyway
            self.session = None
        self._stop_driver()
        shutil.rmtree(self.profile, ignore_errors=True)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.quit()

    # ---- what the tests use -------------------------------------------------

    def get(self, url):
        self.command("POST", "/url", {"url": url})

    def url(self):
        return self.command("GET", "/url")

    def title(self):
        return self.command("GET", "/title")

    def source(self):
        return self.command("GET", "/source")

    def find(self, css):
        ref = self.command("POST", "/element", {"using": "css selector", "value": css})
        return Element(self, ref[ELEMENT])

    def find_all(self, css):
        refs = self.command("POST", "/elements", {"using": "css selector", "value": css})
        return [Element(self, r[ELEMENT]) for r in refs]

    def execute(self, script, *args):
        """Runs `script` (a function body: use `return`) in the page; elements
        may be passed as arguments and are returned as Element."""
        wire = [{ELEMENT: a.ref} if isinstance(a, Element) else a for a in args]
        value = self.command("POST", "/execute/sync", {"script": script, "args": wire})
        if isinstance(value, dict) and ELEMENT in value:
            return Element(self, value[ELEMENT])
        return value

    def alert_text(self):
        """The text of an open alert/confirm/prompt, or None when there is none."""
        try:
            return self.command("GET", "/alert/text")
        except WebDriverError as e:
            if e.error == "no such alert":
                return None
            raise

    def cookies(self):
        return self.command("GET", "/cookie")

    def set_window_size(self, width, height):
        self.command("POST", "/window/rect", {"width": width, "height": height})

    def set_viewport(self, width, height):
        """Sizes the window so that the page itself gets width x height
        (the window's own frame, even headless, takes some of the window)."""
        self.set_window_size(width, height)
        inner_w, inner_h = self.execute("return [window.innerWidth, window.innerHeight]")
        self.set_window_size(2 * width - inner_w, 2 * height - inner_h)

    def screenshot(self, path):
        with open(path, "wb") as f:
            f.write(base64.b64decode(self.command("GET", "/screenshot")))

    def wait_for(self, condition, timeout=20, what="condition", interval=0.2):
        """Polls `condition` until it returns something true; returns that.
        Exceptions from the condition (element not there yet) count as false."""
        deadline = time.monotonic() + timeout
        last = None
        while True:
            try:
                value = condition()
                if value:
                    return value
            except WebDriverError as e:
                if e.error == "unexpected alert open":
                    raise
                last = e
            if time.monotonic() >= deadline:
                raise TimeoutError(f"not within {timeout} s: {what}" + (f" (last error: {last})" if last else ""))
            time.sleep(interval)
