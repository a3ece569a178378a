#!/usr/bin/python3
"""Hostile input against the web console, with raw sockets where a polite
client (urllib, a browser) would refuse to send what an attacker sends.
console_hostile.sh starts the simulator and the daemon; this file attacks.

  - an oversized header (> 16 KiB) -> 431; an oversized body (> 2 MiB, by
    Content-Length or chunked) -> 413; malformed HTTP (garbage, a bad request
    line, a relative or absolute target, conflicting lengths...) -> 400, and a
    client on another connection is served all along;
  - path traversal in /static/ (plain, %-encoded, double-encoded, backslashes)
    -> 404 "not found", never a file;
  - HTTP itself: HEAD is GET without the body (same headers, keep-alive
    works after it), HTTP/1.0 gets HTTP/1.0 and the connection closed, any
    method but GET, HEAD and POST (PUT, TRACE, CONNECT, made-up ones) gets
    501 with Allow, echoing nothing;
  - more connections at once than one address may hold (16): the oldest
    idle ones are closed to make room, the server keeps running, and
    serves again once they are gone;
  - a script sent by SMS is escaped in /tickets/{id} and /queue;
  - a long Arabic SMS keeps the pages valid UTF-8 (no letter cut in two);
  - the API without a token, with a bad one, or with a cookie but no CSRF
    header -> 401/403; a volunteer's token cannot reply (403) and sees
    masked numbers; a moderator's token replies and the phone gets it; a
    volunteer's forms cannot reply, resolve or approve their own draft;
  - a request naming another host (DNS rebinding) -> 421, for every path;
  - a client dribbling its request head is cut off within the head's 10 s;
    64 slow connections from four addresses do not lock out a fifth;
  - someone hammering a moderator's name from another address does not
    lock her out at her own;
  - an agency's session and token: 403 on the queue, tickets, FAQ editor and
    reports, and no number or message text in anything it may open;
  - and after all that the daemon still answers an SMS.

Usage: console_hostile.py SMSDESK DESK_DIR PORT   (SMSDESK_SIM_SOCKET set)
"""
import http.client
import json
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.parse

SMSDESK, DESK_DIR, PORT = sys.argv[1], sys.argv[2], int(sys.argv[3])
CONFIG = f"{DESK_DIR}/desk.toml"
DB = f"{DESK_DIR}/desk.db"
HOST = "127.0.0.1"

MODERATOR, MODERATOR_PW = "mona", "correct horse battery"
VOLUNTEER, VOLUNTEER_PW = "victor", "volunteer staple 42"
AGENCY, AGENCY_PW = "city", "agency password 77"
HOSTILE_PHONE = "+16135550301"
API_PHONE = "+16135550302"
LAST_PHONE = "+16135550303"
LONG_PHONE = "+16135550304"
# The script alone would be answered from the FAQ ("alert" is a keyword of
# the emergency-alerts entry); around a question the desk cannot answer
# it becomes a ticket that a moderator opens.
HOSTILE_TEXT = "<script>alert(1)</script> can you help me fill a form for my cousin's wedding?"
API_QUESTION = "Can you help me fill a form for my sister's wedding?"


def step(text):
    print(f"== {text}", flush=True)


def fail(text):
    print(f"FAIL: {text}", file=sys.stderr)
    sys.exit(1)


def check(condition, text):
    if not condition:
        fail(text)


def wait_until(condition, timeout, what):
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() >= deadline:
            fail(f"not within {timeout} s: {what}")
        time.sleep(0.2)


def smsdesk(*args, stdin=None):
    result = subprocess.run([SMSDESK, *args], input=stdin, capture_output=True, text=True, timeout=30)
    check(result.returncode == 0, f"smsdesk {' '.join(args)}: exit {result.returncode}: {result.stderr.strip()}")
    return result.stdout


def inbox(phone):
    messages = json.loads(smsdesk("sim", "inbox", phone, "--json"))["messages"]
    return [m["text"] for m in messages if m["state"] == "delivered"]


def ticket_of(phone):
    db = sqlite3.connect(DB, timeout=30)
    try:
        row = db.execute("SELECT t.id FROM tickets t JOIN contacts c ON c.id = t.contact_id WHERE c.number = ? "
                         "ORDER BY t.id DESC LIMIT 1", (phone,)).fetchone()
        return row[0] if row else None
    finally:
        db.close()


# ---- bytes on a socket --------------------------------------------------------

def raw(data, chunks=(), timeout=10, source="127.0.0.1"):
    """Sends `data` (then each of `chunks`, stopping quietly when the server
    has closed), reads until the server closes. Returns the bytes received;
    b"" when the server closed without answering. `source`: the client's
    address (any 127.x.y.z is this machine)."""
    with socket.create_connection((HOST, PORT), timeout=timeout, source_address=(source, 0)) as s:
        try:
            s.sendall(data)
            for chunk in chunks:
                s.sendall(chunk)
        except (BrokenPipeError, ConnectionResetError):
            pass  # it stopped reading: its answer is what counts
        received = b""
        try:
            while block := s.recv(65536):
                received += block
        except ConnectionResetError:
            pass
        return received


def status_of(response):
    """The status code of a raw response (0: no response at all)."""
    parts = response.split(b" ", 2)
    return int(parts[1]) if len(parts) > 1 and parts[0].startswith(b"HTTP/") else 0


def body_of(response):
    return response.partition(b"\r\n\r\n")[2].decode("utf-8", "replace")


def request(method, path, body=None, headers=None):
    """A well-formed request (http.client): (status, headers, body text)."""
    conn = http.client.HTTPConnection(HOST, PORT, timeout=30)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        resp = conn.getresponse()
        return resp.status, resp.headers, resp.read().decode("utf-8", "replace")
    finally:
        conn.close()


def login_attempt(name, password, source="127.0.0.1"):
    """The login form, filled and posted from `source`: (status, headers, body)."""
    status, headers, _ = request("GET", "/login")
    login_cookie = headers["Set-Cookie"].split(";")[0]
    form = urllib.parse.urlencode({"name": name, "password": password,
                                   "login_token": login_cookie.split("=", 1)[1]}).encode()
    response = raw(b"POST /login HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                   b"Content-Type: application/x-www-form-urlencoded\r\nCookie: " + login_cookie.encode() +
                   b"\r\nContent-Length: " + str(len(form)).encode() + b"\r\n\r\n" + form, source=source)
    head, _, body = response.partition(b"\r\n\r\n")
    return status_of(response), head.decode("latin-1"), body.decode("utf-8", "replace")


def login(name, password):
    """A session cookie ("smsdesk_session=…") through the login form."""
    status, head, body = login_attempt(name, password)
    check(status == 303, f"login as {name}: {status} {body.strip()[:200]}")
    return next(line.split(": ", 1)[1].split(";")[0] for line in head.split("\r\n")
                if line.startswith("Set-Cookie: smsdesk_session="))


class Bystander:
    """A client on its own keep-alive connection, asking for the login page
    now and then: hostile clients elsewhere must not cost it its answers."""

    def __init__(self):
        self.conn = http.client.HTTPConnection(HOST, PORT, timeout=10)

    def served(self):
        self.conn.request("GET", "/static/app.css")
        resp = self.conn.getresponse()
        resp.read()
        return resp.status == 200 and not resp.will_close


# ---- the attacks -----------------------------------------------------------------

def limits_and_garbage():
    step("oversized header -> 431, oversized body -> 413, malformed -> 400; a bystander is served throughout")
    bystander = Bystander()
    check(bystander.served(), "the bystander is not served to begin with")
    big_header = b"GET /login HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Padding: " + b"a" * (17 * 1024) + b"\r\n\r\n"
    # Many small headers adding up past the limit, too.
    many_headers = (b"GET /login HTTP/1.1\r\nHost: 127.0.0.1\r\n" +
                    b"".join(b"X-H%d: %s\r\n" % (i, b"b" * 100) for i in range(200)) + b"\r\n")
    form_post = b"POST /login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
    cases = [
        ("a 17 KiB header", big_header, (), 431),
        ("200 headers of 100 bytes", many_headers, (), 431),
        # The server refuses by the announced length, before the body arrives.
        ("Content-Length: 3 MiB", form_post + b"Content-Length: 3145728\r\n\r\n", (b"a" * 65536,) * 48, 413),
        # Chunked: no length up front; refused once 2 MiB have come.
        ("3 MiB chunked", form_post + b"Transfer-Encoding: chunked\r\n\r\n",
         (b"10000\r\n" + b"a" * 65536 + b"\r\n",) * 48 + (b"0\r\n\r\n",), 413),
        ("one 3 MiB chunk", form_post + b"Transfer-Encoding: chunked\r\n\r\n300000\r\n", (b"a" * 1000,), 413),
        ("garbage bytes", b"\x00\xff\xfe\x16\x03\x01garbage\r\n\r\n", (), 400),
        ("a TLS hello on the plain port", bytes.fromhex("16030100a5010000a10303") + b"\x00" * 160, (), 400),
        ("a request line without a version", b"GET /login\r\n\r\n", (), 400),
        ("HTTP/9.9", b"GET /login HTTP/9.9\r\nHost: 127.0.0.1\r\n\r\n", (), 400),
        ("a relative target", b"GET login HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", (), 400),
        ("a NUL in the path", b"GET /queue%00.html HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", (), 400),
        ("a header without a colon", b"GET /login HTTP/1.1\r\nHost x\r\n\r\n", (), 400),
        ("bare LF line ends", b"GET /login HTTP/1.1\nHost: x\n\n", (), 400),
        # Request smuggling needs two views of one body's length: refuse both.
        ("Content-Length and chunked", form_post + b"Content-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
         (), 400),
        ("two Content-Lengths", form_post + b"Content-Length: 4\r\nContent-Length: 5\r\n\r\nabcde", (), 400),
        ("a negative Content-Length", form_post + b"Content-Length: -1\r\n\r\n", (), 400),
        ("a bad chunk size", form_post + b"Transfer-Encoding: chunked\r\n\r\nzz\r\n", (), 400),
    ]
    for what, data, chunks, expected in cases:
        response = raw(data, chunks)
        got = status_of(response)
        print(f"   {what}: {got} {body_of(response).strip()!r}")
        check(got == expected, f"{what}: expected {expected}, got {got}: {response[:300]!r}")
        check(b"Connection: close" in response, f"{what}: the connection is not closed after the error")
        check(bystander.served(), f"the bystander was not served after {what}")


def path_traversal():
    step("path traversal in /static/ -> 404, never a file")
    status, headers, css = request("GET", "/static/app.css")
    check(status == 200 and headers["Content-Type"] == "text/css", f"/static/app.css: {status}")
    attempts = [
        "/static/../../etc/passwd",
        "/static/%2e%2e/%2e%2e/etc/passwd",
        "/static/%2E%2E/%2E%2E/%2E%2E/etc/passwd",
        "/static/..%2f..%2f..%2fetc%2fpasswd",
        "/static/%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd",
        "/static/%252e%252e/%252e%252e/etc/passwd",  # double-encoded
        "/static/....//....//etc/passwd",
        "/static/..\\..\\..\\etc\\passwd",
        "/static/app.css/../../../../etc/passwd",
        "/static/./app.css/../../desk.toml",
        f"/static/{DESK_DIR}/desk.toml",
        f"/static/..{DESK_DIR}/desk.db",
        "/static/",
        "/static/app.js%20",
    ]
    for path in attempts:
        # Raw: http.client and browsers would tidy some of these up.
        response = raw(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode())
        got, body = status_of(response), body_of(response)
        check(got == 404 and body == "not found\n", f"GET {path}: {got} {body[:200]!r}")
        check("root:" not in body and "database" not in body, f"GET {path} returned a file")
    print(f"   {len(attempts)} paths: 404 \"not found\" each")
    # Outside /static/ a traversal is just an unknown page: the login first.
    response = raw(b"GET /../../etc/passwd HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
    check(status_of(response) == 303 and b"root:" not in response, f"/../../etc/passwd: {response[:200]!r}")


def split(response):
    """(head, body) of one raw response read to the connection's end."""
    head, _, body = response.partition(b"\r\n\r\n")
    return head.decode("latin-1") + "\r\n", body


def http_semantics():
    step("HEAD, HTTP/1.0 and methods the console does not serve")
    for path in ("/static/app.css", "/login"):
        get_head, get_body = split(raw(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode()))
        head, body = split(raw(f"HEAD {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode()))
        check(head.startswith("HTTP/1.1 200 OK\r\n") and body == b"", f"HEAD {path}: {head!r} + {len(body)} bytes")
        check(f"Content-Length: {len(get_body)}\r\n" in head, f"HEAD {path} does not announce the GET's length: {head!r}")
        # Only the login form's fresh token may differ between the two.
        for name in ("Content-Type", "Cache-Control", "Content-Security-Policy", "X-Content-Type-Options"):
            line = next((l for l in get_head.split("\r\n") if l.startswith(name + ":")), None)
            check(line and line + "\r\n" in head, f"HEAD {path} lacks the GET's {line!r}")
    response = raw(b"HEAD /queue HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
    check(status_of(response) == 303 and split(response)[1] == b"", f"HEAD /queue logged out: {response[:200]!r}")
    # Keep-alive after a HEAD: the next answer follows the header directly.
    both = raw(b"HEAD /static/app.css HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
               b"GET /static/app.js HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
    first, rest = both.split(b"\r\n\r\n", 1)
    check(rest.startswith(b"HTTP/1.1 200 OK\r\nContent-Type: text/javascript"),
          f"the answer after a HEAD on the same connection: {rest[:100]!r}")
    print("   HEAD /static/app.css, /login, /queue: the GET's status and headers, no body")

    for what, data in [("GET", b"GET /login HTTP/1.0\r\n\r\n"),
                       ("keep-alive asked", b"GET /static/app.css HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"
                                            b"GET /static/app.js HTTP/1.0\r\n\r\n"),
                       ("a bad path", b"GET /queue%00 HTTP/1.0\r\n\r\n")]:
        response = raw(data)  # read until the server closes: it must
        check(response.startswith(b"HTTP/1.0 ") and b"Connection: close\r\n" in response,
              f"HTTP/1.0 {what}: {response[:200]!r}")
        check(response.count(b"HTTP/1.") == 1, f"HTTP/1.0 {what}: more than one answer on the connection")
    print("   HTTP/1.0: answered in HTTP/1.0, one request per connection, closed")

    secret = "smsdesk_session=" + "s" * 43
    for method, target in [("PUT", "/queue"), ("DELETE", "/tickets/1"), ("PATCH", "/faq"), ("OPTIONS", "*"),
                           ("OPTIONS", "/login"), ("TRACE", "/login"), ("CONNECT", "example.com:443"),
                           ("PROPFIND", "/"), ("M-SEARCH", "/"), ("BREW", "/pot")]:
        response = raw(f"{method} {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: {secret}\r\n"
                       f"Content-Length: 0\r\nConnection: close\r\n\r\n".encode())
        check(status_of(response) == 501 and b"\r\nAllow: GET, HEAD, POST\r\n" in response,
              f"{method} {target}: {response[:300]!r}")
        check(secret.encode() not in response, f"{method} echoed the request (cross-site tracing)")
    print("   PUT, DELETE, PATCH, OPTIONS, TRACE, CONNECT, PROPFIND, M-SEARCH, BREW: 501, Allow: GET, HEAD, POST")


def many_connections():
    step("100 idle connections from one address: at most 16 kept (the oldest idle ones make room), "
         "the server lives on")
    held = []
    try:
        for _ in range(100):
            held.append(socket.create_connection((HOST, PORT), timeout=5))
        time.sleep(0.5)
        refused = 0
        for s in held:
            s.setblocking(False)
            try:
                if s.recv(1) == b"":
                    refused += 1
            except BlockingIOError:
                pass  # still open, waiting for a request
            except ConnectionResetError:
                refused += 1
        print(f"   100 idle connections: {100 - refused} kept, {refused} closed by the server")
        check(refused >= 84, f"only {refused} of 100 connections closed: one address keeps 16 at most")
    finally:
        for s in held:
            s.close()
    # Its slots free up as soon as those clients leave.
    wait_until(lambda: request("GET", "/login")[0] == 200, 10, "the login page after the idle connections left")

    # 150 clients each sending a request at the same moment, twice over.
    results = []

    def client():
        try:
            results.append(status_of(raw(b"GET /login HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")))
        except OSError:
            results.append(-1)

    for _ in range(2):
        threads = [threading.Thread(target=client) for _ in range(150)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    answered = results.count(200)
    print(f"   300 requests from 150 clients at once: {answered} answered, {results.count(0)} refused, "
          f"{results.count(-1)} failed to connect")
    check(set(results) <= {200, 0, -1} and answered > 0, f"statuses: {sorted(set(results))}")
    check(request("GET", "/login")[0] == 200, "the login page after the burst")


def script_escaped(moderator):
    step("a script sent by SMS is escaped in /tickets/{id} and /queue")
    smsdesk("sim", "text", HOSTILE_PHONE, HOSTILE_TEXT)
    wait_until(lambda: ticket_of(HOSTILE_PHONE), 30, "a ticket for the hostile SMS")
    ticket = ticket_of(HOSTILE_PHONE)
    for path in (f"/tickets/{ticket}", "/queue"):
        status, headers, page = request("GET", path, headers={"Cookie": moderator})
        check(status == 200, f"GET {path}: {status}")
        check("&lt;script&gt;alert(1)&lt;/script&gt;" in page, f"{path} does not show the script escaped")
        check("<script>alert" not in page, f"{path} contains the script as markup")
        check("script-src 'self'" in headers["Content-Security-Policy"], f"{path}: no CSP against inline scripts")
    print(f"   ticket #{ticket}: &lt;script&gt;alert(1)&lt;/script&gt; in the HTML, no <script>alert")
    return ticket


def long_arabic_preview(moderator):
    step("a long Arabic SMS: the queue's preview of it is still valid UTF-8")
    # The queue shows the first few hundred bytes of a message; Arabic letters
    # take two bytes each, so a cut at a byte count can split a letter in two.
    # "Do you know a shop that sells cheap halal meat in Ottawa?" five times:
    # a question for a moderator, 4 SMS parts long.
    text = " ".join(["بتعرفوا محل بيبيع لحمة حلال رخيصة باوتاوا؟"] * 5)
    smsdesk("sim", "text", LONG_PHONE, text)
    wait_until(lambda: ticket_of(LONG_PHONE), 30, "a ticket for the long Arabic SMS")
    for path in ("/queue", f"/tickets/{ticket_of(LONG_PHONE)}"):
        conn = http.client.HTTPConnection(HOST, PORT, timeout=30)
        conn.request("GET", path, headers={"Cookie": moderator})
        page = conn.getresponse().read()
        conn.close()
        try:
            page.decode("utf-8")
        except UnicodeDecodeError as e:
            fail(f"GET {path} is not valid UTF-8 (a letter cut in two?): {e}: {page[e.start - 20:e.end + 20]!r}")


def api_access(moderator, hostile_ticket):
    step("the API: no token or a bad one -> 401; a volunteer cannot reply (403) and sees masked numbers")
    mod_token = smsdesk("user", "token", MODERATOR, "--label", "hostile test", "--config", CONFIG).strip()
    vol_token = smsdesk("user", "token", VOLUNTEER, "--label", "hostile test", "--config", CONFIG).strip()
    reply = json.dumps({"text": "not from a moderator"})
    unauthorized = [
        ("GET", "/api/queue", None, {}),
        ("GET", "/api/queue", None, {"Authorization": "Bearer not-a-token"}),
        ("GET", "/api/queue", None, {"Authorization": "Bearer "}),
        ("GET", "/api/queue", None, {"Authorization": f"bearer {mod_token}"}),  # "Bearer" exactly
        ("GET", "/api/queue", None, {"Authorization": f"Basic {mod_token}"}),
        ("GET", "/api/queue", None, {"Authorization": f"Bearer {mod_token}x"}),
        ("GET", f"/api/tickets/{hostile_ticket}", None, {"Authorization": f"Bearer {mod_token[:-1]}"}),
        ("POST", f"/api/tickets/{hostile_ticket}/reply", reply, {"Authorization": "Bearer forged"}),
        ("GET", "/api/queue", None, {"Cookie": "smsdesk_session=forged"}),
    ]
    for method, path, body, headers in unauthorized:
        status, _, text = request(method, path, body, headers)
        shown = {k: v[:16] + "…" if len(v) > 16 else v for k, v in headers.items()}
        check(status == 401 and json.loads(text) == {"error": "unauthorized"},
              f"{method} {path} with {shown}: {status} {text[:200]}")
    print(f"   {len(unauthorized)} requests without a valid token: 401 each")

    # A logged-in browser's cookie works for the API only with the CSRF header.
    status, _, text = request("POST", f"/api/tickets/{hostile_ticket}/note", json.dumps({"text": "x"}),
                              {"Cookie": moderator})
    check(status == 403, f"an API POST with a cookie and no X-CSRF-Token: {status} {text}")

    volunteer = {"Authorization": f"Bearer {vol_token}"}
    status, _, text = request("POST", f"/api/tickets/{hostile_ticket}/reply", reply, volunteer)
    check(status == 403, f"a volunteer's API reply: {status} {text}")
    status, _, text = request("POST", f"/api/tickets/{hostile_ticket}/resolve", "", volunteer)
    check(status == 403, f"a volunteer's API resolve: {status} {text}")
    check(not [t for t in inbox(HOSTILE_PHONE) if "not from a moderator" in t], "the volunteer's reply was sent")
    status, _, text = request("GET", "/api/queue", headers=volunteer)
    check(status == 200, f"the volunteer's GET /api/queue: {status}")
    numbers = [t["number"] for t in json.loads(text)["tickets"]]
    check(numbers and all("•••" in n and n != HOSTILE_PHONE for n in numbers),
          f"the volunteer sees numbers {numbers}")
    status, _, text = request("GET", f"/api/tickets/{hostile_ticket}", headers=volunteer)
    check(status == 200 and HOSTILE_PHONE not in text and "•••" in json.loads(text)["number"],
          f"the volunteer's GET /api/tickets/{hostile_ticket}: {status} {text[:200]}")
    # And in the pages.
    volunteer_cookie = login(VOLUNTEER, VOLUNTEER_PW)
    for path in ("/queue", f"/tickets/{hostile_ticket}"):
        status, _, page = request("GET", path, headers={"Cookie": volunteer_cookie})
        check(status == 200 and HOSTILE_PHONE not in page and "•••" in page, f"the volunteer's {path} shows the number")
    print(f"   volunteer: 403 on reply and resolve, numbers shown as {numbers[0]}")

    step("a moderator's token replies through the API; the phone gets it")
    smsdesk("sim", "text", API_PHONE, API_QUESTION)
    wait_until(lambda: ticket_of(API_PHONE), 30, "a ticket for the API question")
    ticket = ticket_of(API_PHONE)
    answer = "Bring the form on Tuesday at 10:00; we will fill it in with you."
    status, _, text = request("POST", f"/api/tickets/{ticket}/reply", json.dumps({"text": answer}),
                              {"Authorization": f"Bearer {mod_token}", "Content-Type": "application/json"})
    check(status == 200 and "outbox_id" in json.loads(text), f"the moderator's API reply: {status} {text}")
    wait_until(lambda: answer in inbox(API_PHONE), 30, f"the API's answer at {API_PHONE}")
    status, _, text = request("POST", f"/api/tickets/{ticket}/reply", json.dumps({"text": ""}),
                              {"Authorization": f"Bearer {mod_token}"})
    check(status == 400, f"an empty API reply: {status} {text}")
    status, _, text = request("POST", f"/api/tickets/{ticket}/reply", "{not json",
                              {"Authorization": f"Bearer {mod_token}"})
    check(status == 400, f"an API reply that is not JSON: {status} {text}")


def volunteer_forms(ticket):
    step("a volunteer's forms: no reply, no resolve, no approving their own draft, no report (403)")
    cookie = login(VOLUNTEER, VOLUNTEER_PW)
    status, _, page = request("GET", f"/tickets/{ticket}", headers={"Cookie": cookie})
    csrf = page.split('name="csrf" value="', 1)[1].split('"', 1)[0]
    before = len(inbox(HOSTILE_PHONE))

    def post(action, fields):
        return request("POST", f"/tickets/{ticket}/{action}", urllib.parse.urlencode({**fields, "csrf": csrf}),
                       {"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie})

    for action in ("reply", "resolve"):
        status, _, body = post(action, {"text": "sent by a volunteer"})
        check(status == 403, f"a volunteer's POST /tickets/{ticket}/{action}: {status} {body.strip()}")
    status, headers, body = post("draft", {"text": "a volunteer's draft"})
    check(status == 303, f"a volunteer's draft: {status} {body.strip()}")
    db = sqlite3.connect(DB, timeout=30)
    draft = db.execute("SELECT MAX(id) FROM drafts WHERE ticket_id = ?", (ticket,)).fetchone()[0]
    db.close()
    status, _, body = post(f"drafts/{draft}/approve", {"text": "approved by myself"})
    check(status == 403, f"a volunteer approving their own draft: {status} {body.strip()}")
    time.sleep(1)
    check(len(inbox(HOSTILE_PHONE)) == before, f"the volunteer got something sent: {inbox(HOSTILE_PHONE)}")
    status, _, body = request("GET", "/reports/tickets.csv", headers={"Cookie": cookie})
    check(status == 403, f"a volunteer's GET /reports/tickets.csv: {status} {body[:100]!r}")


def rebinding():
    step("a request naming another host (DNS rebinding) -> 421, whatever the path")
    for host in ("evil.example", f"evil.example:{PORT}", "127.0.0.1.nip.io", "localhost.evil.example"):
        for path in ("/login", "/static/app.css", "/api/queue", "/queue", "/events"):
            response = raw(f"GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode())
            check(status_of(response) == 421, f"GET {path} with Host: {host}: {response[:200]!r}")
    for host in (f"127.0.0.1:{PORT}", f"localhost:{PORT}", f"[::1]:{PORT}"):
        response = raw(f"GET /login HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode())
        check(status_of(response) == 200, f"GET /login with Host: {host}: {response[:200]!r}")
    print("   evil.example, 127.0.0.1.nip.io…: 421 on every path; 127.0.0.1, localhost, [::1]: served")


def slow_clients():
    step("a dribbled request head is cut off; 64 slow connections do not lock a newcomer out")
    with socket.create_connection((HOST, PORT), timeout=30) as s:
        s.sendall(b"GET /login HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        started = time.monotonic()
        closed = None
        while time.monotonic() - started < 20:
            try:
                s.sendall(b"X-Slow: a\r\n")  # a header line every half second: never idle, never done
                s.settimeout(0.5)
                if s.recv(1024) == b"":
                    closed = time.monotonic() - started
                    break
            except socket.timeout:
                continue
            except (BrokenPipeError, ConnectionResetError):
                closed = time.monotonic() - started
                break
        check(closed is not None and closed < 13, f"a dribbling client was still connected after {closed} s")
        print(f"   a client sending a header line every 0.5 s: cut off after {closed:.1f} s")
    held = []
    try:
        for a in range(2, 6):
            for _ in range(16):
                c = socket.create_connection((HOST, PORT), timeout=5, source_address=(f"127.0.0.{a}", 0))
                c.sendall(b"GET /login HTTP/1.1\r\n")
                held.append(c)
        time.sleep(0.5)
        response = raw(b"GET /login HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n",
                       source="127.0.0.9")
        check(status_of(response) == 200, f"a newcomer behind 64 slow connections: {response[:200]!r}")
        print("   64 slow connections from 127.0.0.2-5: a client from 127.0.0.9 is served")
    finally:
        for c in held:
            c.close()


def login_not_locked_out():
    step("hammering a moderator's name from elsewhere does not lock her out")
    statuses = [login_attempt(MODERATOR, f"guess {i}", source="127.0.0.7")[0] for i in range(10)]
    check(set(statuses) <= {401, 429} and 429 in statuses, f"the attacker's statuses: {statuses}")
    status, _, body = login_attempt(MODERATOR, MODERATOR_PW, source="127.0.0.1")
    check(status == 303, f"the moderator at her own address after the attack: {status} {body.strip()[:200]}")
    print(f"   from 127.0.0.7: {' '.join(map(str, statuses))}; from 127.0.0.1 right after: {status}")


def agency_sees_no_conversation(ticket):
    step("an agency: 403 on the queue, tickets, FAQ editor and reports; never a number or a message")
    token = smsdesk("user", "token", AGENCY, "--label", "hostile test", "--config", CONFIG).strip()
    cookie = login(AGENCY, AGENCY_PW)
    bearer = {"Authorization": f"Bearer {token}"}
    for path in ("/queue", f"/tickets/{ticket}", "/faq", "/faq/edit", "/faq/export.csv", "/canned",
                 "/reports/tickets.csv"):
        status, _, body = request("GET", path, headers={"Cookie": cookie})
        check(status == 403, f"the agency's GET {path}: {status} {body[:200]!r}")
    for path in ("/api/queue", f"/api/tickets/{ticket}"):
        status, _, body = request("GET", path, headers=bearer)
        check(status == 403, f"the agency token's GET {path}: {status} {body[:200]!r}")
    status, _, body = request("POST", f"/api/tickets/{ticket}/reply", json.dumps({"text": "from an agency"}), bearer)
    check(status == 403, f"the agency token's reply: {status} {body[:200]!r}")
    seen = []
    for path, headers in (("/dashboard", {"Cookie": cookie}), ("/alerts", {"Cookie": cookie}),
                          ("/api/alerts", bearer)):
        status, _, body = request("GET", path, headers=headers)
        check(status == 200, f"the agency's GET {path}: {status}")
        seen.append(body)
    for secret in (HOSTILE_PHONE, HOSTILE_PHONE[2:], API_PHONE, "wedding"):
        check(not any(secret in body for body in seen), f"the agency sees {secret!r}")
    print("   agency: 403 on 9 paths; dashboard, alerts and /api/alerts without a number or a message")


def still_answers():
    step("after all that, the daemon still answers SMS")
    smsdesk("sim", "text", LAST_PHONE, "How do I get a bus pass?")
    wait_until(lambda: any("Presto" in t for t in inbox(LAST_PHONE)), 30, f"the bus-pass answer at {LAST_PHONE}")
    check(request("GET", "/login")[0] == 200, "the console does not answer any more")


def main():
    started = time.monotonic()
    smsdesk("user", "add", MODERATOR, "--role", "moderator", "--password-stdin", "--config", CONFIG,
            stdin=MODERATOR_PW + "\n")
    smsdesk("user", "add", VOLUNTEER, "--role", "volunteer", "--password-stdin", "--config", CONFIG,
            stdin=VOLUNTEER_PW + "\n")
    smsdesk("user", "add", AGENCY, "--role", "agency", "--password-stdin", "--config", CONFIG,
            stdin=AGENCY_PW + "\n")
    limits_and_garbage()
    path_traversal()
    http_semantics()
    many_connections()
    rebinding()
    slow_clients()
    moderator = login(MODERATOR, MODERATOR_PW)
    ticket = script_escaped(moderator)
    long_arabic_preview(moderator)
    api_access(moderator, ticket)
    volunteer_forms(ticket)
    agency_sees_no_conversation(ticket)
    login_not_locked_out()
    still_answers()
    print(f"hostile input tests passed in {time.monotonic() - started:.1f} s")


if __name__ == "__main__":
    main()
