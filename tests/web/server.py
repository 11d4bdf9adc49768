"""A small threaded HTTP server on 127.0.0.1 with the hostile behaviours the fetcher meets."""

from __future__ import annotations

import contextlib
import gzip
import ssl
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        """Clients hanging up mid-answer is what these tests provoke; no tracebacks."""


@dataclass
class Route:
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class Seen:
    path: str
    headers: dict[str, str]


class LocalServer:
    """Serves `routes` (changeable while running) plus built-in paths:

    `/redirect/<n>` redirects n times then to `/article`; `/slow` waits before answering;
    `/trickle` sends a byte at a time; `/endless` streams forever; `/bomb` is a gzip bomb.
    """

    def __init__(self, tls: tuple[str, str] | None = None) -> None:
        """`tls` is (certificate file, key file) to serve HTTPS instead of HTTP."""
        self.routes: dict[str, Route] = {}
        self.server_names: list[str | None] = []  # the TLS SNI each connection asked for
        self.requests: list[Seen] = []
        self.stop = threading.Event()
        owner = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                owner.requests.append(Seen(self.path, dict(self.headers.items())))
                with contextlib.suppress(OSError):  # the client hung up, as on refusals
                    owner.serve(self)

        self.httpd = _QuietServer(("127.0.0.1", 0), Handler)
        self.scheme = "http"
        if tls:
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(*tls)
            context.sni_callback = lambda _sock, name, _ctx: self.server_names.append(name)
            self.httpd.socket = context.wrap_socket(self.httpd.socket, server_side=True)
            self.scheme = "https"
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    def url(self, path: str) -> str:
        return f"{self.scheme}://127.0.0.1:{self.port}{path}"

    def paths(self) -> list[str]:
        return [r.path for r in self.requests]

    def serve(self, h: BaseHTTPRequestHandler) -> None:
        path = h.path
        if path.startswith("/redirect/"):
            left = int(path.rsplit("/", 1)[1])
            target = f"/redirect/{left - 1}" if left > 1 else "/article"
            return self.send(h, Route(status=302, headers={"Location": target}))
        if path == "/slow":
            self.stop.wait(5)
            return self.send(h, Route(b"<p>late</p>"))
        if path == "/trickle":
            h.send_response(200)
            h.send_header("Content-Type", "text/html")
            h.end_headers()
            while not self.stop.is_set():
                h.wfile.write(b"<p>")
                h.wfile.flush()
                time.sleep(0.05)
            return None
        if path == "/endless":
            h.send_response(200)
            h.send_header("Content-Type", "text/html")
            h.end_headers()
            chunk = b"<p>" + b"more words " * 6000 + b"</p>\n"
            while not self.stop.is_set():
                h.wfile.write(chunk)
            return None
        if path == "/bomb":
            body = gzip.compress(b"<p>" + b"a" * 30_000_000)
            return self.send(h, Route(body, headers={"Content-Encoding": "gzip"}))
        route = self.routes.get(path)
        if route is None:
            return self.send(h, Route(b"<h1>Not here</h1>", status=404))
        etag = route.headers.get("ETag")
        if etag and h.headers.get("If-None-Match") == etag:
            return self.send(h, Route(status=304, headers={"ETag": etag}))
        return self.send(h, route)

    @staticmethod
    def send(h: BaseHTTPRequestHandler, route: Route) -> None:
        h.send_response(route.status)
        h.send_header("Content-Type", route.content_type)
        h.send_header("Content-Length", str(len(route.body)))
        for name, value in route.headers.items():
            h.send_header(name, value)
        h.end_headers()
        h.wfile.write(route.body)

    def __enter__(self) -> LocalServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.httpd.shutdown()
        self.httpd.server_close()
