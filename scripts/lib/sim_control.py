"""The virtual modem's control socket (`smsdesk sim --control PATH`), for the
benchmarks: JSON lines, one request and one answer at a time. Times are the
simulator's own monotonic clock (steady_clock), in microseconds, the same
clock as time.monotonic_ns() in this process."""

import json
import socket


class SimError(Exception):
    pass


class Sim:
    def __init__(self, path, timeout=30):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.settimeout(timeout)
        self.sock.connect(path)
        self.buf = b""

    def ask(self, request):
        self.sock.sendall(json.dumps(request).encode() + b"\n")
        while b"\n" not in self.buf:
            chunk = self.sock.recv(1 << 20)
            if not chunk:
                raise SimError("the simulator closed the control connection")
            self.buf += chunk
        line, self.buf = self.buf.split(b"\n", 1)
        answer = json.loads(line)
        if not answer.get("ok"):
            raise SimError(f"simulator: {request.get('cmd')}: {answer.get('error')}")
        return answer

    def text(self, sender, text, modem="0", shuffle=False):
        return self.ask({"cmd": "text", "from": sender, "text": text, "to": modem, "shuffle": shuffle})

    def modem(self, modem="0", events=False):
        """One modem's counters (command_lines, commands, storage, ...) and,
        with events=True, its event log."""
        return self.ask({"cmd": "stats", "modem": modem, "events": events})["modems"][0]

    def now_us(self):
        return self.ask({"cmd": "stats", "modem": "0", "events": False})["now_us"]

    def events(self, since_us, modem="0"):
        return [e for e in self.modem(modem, events=True)["events"] if e["t_us"] >= since_us]

    def inboxes(self):
        """{phone number: [messages it received]}, each message assembled
        from its parts (parts_received, parts_total)."""
        return self.ask({"cmd": "inboxes"})["phones"]

    def network_down(self, modem="0", mode="smsc", send_error=None, for_ms=None):
        """The network around a modem fails until network_up() or, with
        for_ms, by itself after that long. mode "smsc": still registered,
        every send answers +CMS ERROR send_error (default 500);
        "unregistered": no registration (stat 2), no signal, sends answer
        send_error (default 331). A second call replaces the first."""
        request = {"cmd": "network", "modem": modem, "state": "down", "mode": mode}
        if send_error is not None:
            request["send_error"] = send_error
        if for_ms is not None:
            request["for_ms"] = for_ms
        return self.ask(request)

    def network_up(self, modem="0"):
        """Ends a modem's network outage at once (and its automatic end)."""
        return self.ask({"cmd": "network", "modem": modem, "state": "up"})

    def ussd_balance(self, modem="0", **fields):
        """Sets the balance service (amount, text, encoding, sms_cost,
        no_credit_error) and answers its settings; no fields only reports."""
        return self.ask({"cmd": "ussd-balance", "modem": modem, **fields})
