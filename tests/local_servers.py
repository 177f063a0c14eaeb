"""Real servers on 127.0.0.1 for the daily job's tests: a web server and an SMTP server.

    with WebServer() as web:                web.add("/feed.xml", body, "application/rss+xml")
        web.url("/feed.xml")                web.hits["/feed.xml"], web.agents
        web.add("/slow", body, drip=0.5)    one byte every 0.5 s (drip_headers: the head too)
        web.cut["/slow"], web.peak          answers the client broke off; most requests at once
        web.add("/f.xml", body, etag='"1"')  If-None-Match "1" gets 304 (web.not_modified)
    with MailServer() as smtp:              smtp.messages -> [EmailMessage, ...]
        smtp.block_next_recipient()         the next RCPT waits (to kill a run mid-send)
"""

from __future__ import annotations

import asyncio
import contextlib
import email.policy
import http
import socket
import subprocess
import threading
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.parser import BytesParser
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


@dataclass
class Route:
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    delay: float = 0.0  # seconds before answering (a slow or hanging server)
    headers: dict[str, str] = field(default_factory=dict)
    fail_times: int = 0  # answer 503 this many times first (a flaky server)
    reason: str = ""  # the status line's reason phrase ("" : the standard one)
    drip: float = 0.0  # seconds between the bytes of the body (a server that dribbles)
    drip_headers: bool = False  # ... and between the bytes of the status line and headers
    etag: str = ""  # sent as ETag; a request with If-None-Match: <etag> gets 304 Not Modified
    last_modified: str = ""  # sent as Last-Modified; If-Modified-Since: <the same> gets 304


class WebServer:
    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.hits: Counter[str] = Counter()
        self.agents: list[str] = []
        self.cut: Counter[str] = Counter()  # answers the client broke off before the end
        self.peak = 0  # the most requests in progress at the same time
        self.not_modified: Counter[str] = Counter()  # 304 answers by path
        self.conditions: list[dict[str, str]] = []  # If-None-Match / If-Modified-Since received
        self._busy = 0
        self._lock = threading.Lock()
        self._closing = threading.Event()  # wakes delayed and dripping answers at exit
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - http.server's name
                server.hits[self.path] += 1
                server.agents.append(self.headers.get("User-Agent", ""))
                route = server.routes.get(self.path)
                if route is None:
                    self.send_error(404)
                    return
                asked = {name: self.headers[name] for name in ("If-None-Match",
                                                              "If-Modified-Since")
                         if self.headers.get(name)}
                server.conditions.append(asked)
                with server._counted():
                    if self._unchanged(route, asked):
                        return
                    self._answer(route)

            def _unchanged(self, route: Route, asked: dict[str, str]) -> bool:
                if not ((route.etag and asked.get("If-None-Match") == route.etag) or (
                        route.last_modified
                        and asked.get("If-Modified-Since") == route.last_modified)):
                    return False
                if route.delay and server._closing.wait(route.delay):
                    return True
                server.not_modified[self.path] += 1
                self.send_response(304)
                if route.etag:
                    self.send_header("ETag", route.etag)
                self.end_headers()
                return True

            def _answer(self, route: Route) -> None:
                if route.delay and server._closing.wait(route.delay):
                    return
                if route.fail_times:
                    route.fail_times -= 1
                    self.send_error(503)
                    return
                head = self._head(route)
                try:
                    if route.drip_headers:
                        self._drip(head + route.body, route.drip)
                    else:
                        self.wfile.write(head)
                        self._drip(route.body, route.drip)
                except (BrokenPipeError, ConnectionResetError):
                    server.cut[self.path] += 1

            def _head(self, route: Route) -> bytes:
                reason = route.reason or http.HTTPStatus(route.status).phrase
                lines = [f"{self.protocol_version} {route.status} {reason}",
                         f"Content-Type: {route.content_type}",
                         f"Content-Length: {len(route.body)}",
                         *([f"ETag: {route.etag}"] if route.etag else []),
                         *([f"Last-Modified: {route.last_modified}"] if route.last_modified
                           else []),
                         *(f"{name}: {value}" for name, value in route.headers.items())]
                return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")

            def _drip(self, data: bytes, pause: float) -> None:
                if not pause:
                    self.wfile.write(data)
                    return
                for i in range(len(data)):
                    if server._closing.wait(pause):
                        return
                    self.wfile.write(data[i:i + 1])

            def log_message(self, *args: Any) -> None:
                pass

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, args=(0.05,),
                                        daemon=True)

    def add(self, path: str, body: bytes | str, content_type: str = "text/html; charset=utf-8",
            **options: Any) -> str:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.routes[path] = Route(data, content_type, **options)
        return self.url(path)

    def url(self, path: str) -> str:
        port = self._httpd.server_address[1]
        return f"http://127.0.0.1:{port}{path}"

    @contextlib.contextmanager
    def _counted(self) -> Iterator[None]:
        with self._lock:
            self._busy += 1
            self.peak = max(self.peak, self._busy)
        try:
            yield
        finally:
            with self._lock:
                self._busy -= 1

    def __enter__(self) -> WebServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._closing.set()
        self._httpd.shutdown()
        self._httpd.server_close()


class _Collector:
    def __init__(self, owner: MailServer) -> None:
        self.owner = owner

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str,  # noqa: N802
                          rcpt_options: list[str]) -> str:
        if self.owner._block.is_set():
            self.owner._block.clear()
            self.owner.blocked.set()
            while not self.owner._release.is_set():
                await asyncio.sleep(0.05)
            return "451 try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        message = BytesParser(policy=email.policy.default).parsebytes(envelope.content)
        self.owner.messages.append(message)  # type: ignore[arg-type]
        self.owner.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
        return "250 Message accepted for delivery"


class MailServer:
    """aiosmtpd on 127.0.0.1; `user`/`password` turn on AUTH, `tls` STARTTLS or implicit TLS."""

    def __init__(self, *, user: str = "", password: str = "", tls: Any = None,
                 implicit_tls: bool = False) -> None:
        self.messages: list[EmailMessage] = []
        self.envelopes: list[tuple[str, list[str]]] = []
        self.blocked = threading.Event()
        self._block = threading.Event()
        self._release = threading.Event()
        self.port = free_port()
        options: dict[str, Any] = {}
        if user:
            def authenticate(server: Any, session: Any, envelope: Any, mechanism: str,
                             auth_data: Any) -> AuthResult:
                ok = isinstance(auth_data, LoginPassword) and (
                    auth_data.login.decode() == user and auth_data.password.decode() == password)
                return AuthResult(success=ok, handled=False)

            # aiosmtpd counts only STARTTLS as TLS, not a TLS socket from the start
            options.update(authenticator=authenticate,
                           auth_require_tls=tls is not None and not implicit_tls)
        if tls is not None and implicit_tls:
            options["ssl_context"] = tls
        elif tls is not None:
            options.update(tls_context=tls, require_starttls=True)
        self._controller = Controller(_Collector(self), hostname="127.0.0.1", port=self.port,
                                      **options)

    def block_next_recipient(self) -> None:
        self._block.set()

    def __enter__(self) -> MailServer:
        self._controller.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._release.set()
        if self._controller.loop.is_running():
            self._controller.stop()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def self_signed(folder: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1 and its key, made with the openssl command."""
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
         "-nodes", "-keyout", str(key), "-out", str(cert), "-days", "2", "-subj", "/CN=127.0.0.1",
         "-addext", "subjectAltName=IP:127.0.0.1"],
        check=True, capture_output=True,
    )
    return cert, key
