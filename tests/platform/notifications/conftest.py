"""Real receivers for the delivery tests: an SMTP server over TCP (aiosmtpd) and an HTTP server for webhooks."""

import email
import email.policy
import json
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from aiosmtpd.controller import Controller


@pytest.fixture(autouse=True)
def _local_webhooks(settings):
    """The receivers below listen on 127.0.0.1; tests of the address checks turn this back off."""
    settings.NOTIFICATIONS = {**settings.NOTIFICATIONS, "webhook_allow_private": True}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class SmtpSink:
    """Collects every message it accepts; ``delay`` slows each one down, ``refuse`` answers 451."""

    def __init__(self, port: int, delay: float = 0.0):
        self.port, self.delay, self.refuse = port, delay, False
        self.messages = []
        self.controller = Controller(self, hostname="127.0.0.1", port=port)

    async def handle_DATA(self, server, session, envelope):
        if self.refuse:
            return "451 Try again later"
        if self.delay:
            time.sleep(self.delay)
        self.messages.append(email.message_from_bytes(envelope.content, policy=email.policy.default))
        return "250 OK"

    def message_ids(self) -> list[str]:
        return [m["Message-ID"] for m in self.messages]

    def wait_for(self, count: int, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        while len(set(self.message_ids())) < count:
            if time.monotonic() > deadline:
                raise AssertionError(f"{len(set(self.message_ids()))} of {count} messages arrived")
            time.sleep(0.05)


@pytest.fixture
def smtp_sink(settings):
    """A running SMTP server; the MAILERS setting points at it."""
    sink = SmtpSink(free_port())
    sink.controller.start()
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": sink.port, "timeout": 5},
        }
    }
    yield sink
    sink.controller.stop()


class HookHandler(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.server.calls.append({"headers": dict(self.headers), "body": body, "json": json.loads(body)})
        status = self.server.statuses.pop(0) if self.server.statuses else 200
        self.send_response(status)
        if self.server.location:
            self.send_header("Location", self.server.location)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def webhook_sink():
    """A running HTTP endpoint recording calls; put status codes in ``statuses`` to answer with them in turn (with a
    ``location`` header when set)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), HookHandler)
    server.calls, server.statuses, server.location = [], [], ""
    server.url = f"http://127.0.0.1:{server.server_address[1]}/hook"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()
