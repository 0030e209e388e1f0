"""A browser seen through the TLS proxy, for tests and load runs against real servers.

It speaks plain HTTP on loopback to one or more Formwork instances, adding what the
buffering proxy in front would (`Host`, `X-Forwarded-For`, `X-Forwarded-Proto: https`),
and keeps its cookies, `Secure` ones too (the browser's side of the proxy is HTTPS).
With several instances it sends each request to the next one, as a round-robin load
balancer would. Its `get` / `post` answer like Flask's test client, enough for
`bench.formclient.walk` and the tests' helpers to drive it unchanged.
"""

import http.client
import io
import itertools
import secrets
import time
import urllib.parse
from dataclasses import dataclass
from dataclasses import field
from http.cookies import SimpleCookie
from types import SimpleNamespace
from typing import Any

from werkzeug.datastructures import Headers

# What a connection kept alive may raise when the server has closed it meanwhile.
STALE = (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError)
# The words of Formwork's 503 page (a backing service down): the only error a person waits out.
UNAVAILABLE_PAGE = b"Temporarily unavailable"


@dataclass
class Response:
    """The parts of a Flask test response that the walkers read."""

    status_code: int
    headers: Headers
    body: bytes
    request: SimpleNamespace
    port: int

    def get_data(self, as_text: bool = False) -> str | bytes:
        return self.body.decode() if as_text else self.body


@dataclass
class Served:
    """One request as sent: when, where, and the answer."""

    method: str
    path: str
    port: int
    status: int
    started: float
    seconds: float


def encode_form(data: dict[str, Any], multipart: bool) -> tuple[bytes, str]:
    """(body, content type) of a form: values, lists of values, and (stream, filename) files."""
    items = []
    for name, value in (data or {}).items():
        for one in value if isinstance(value, list) else [value]:
            items.append((name, one))
    multipart = multipart or any(isinstance(value, tuple) for _, value in items)
    if not multipart:
        return urllib.parse.urlencode(
            [(k, str(v)) for k, v in items]
        ).encode(), "application/x-www-form-urlencoded"
    boundary = "formwork" + secrets.token_hex(8)
    out = io.BytesIO()
    for name, value in items:
        out.write(f"--{boundary}\r\n".encode())
        if isinstance(value, tuple):
            stream, filename = value[0], value[1]
            out.write(f'Content-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'.encode())
            out.write(b"Content-Type: application/octet-stream\r\n\r\n" + stream.read() + b"\r\n")
        else:
            out.write(f'Content-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    out.write(f"--{boundary}--\r\n".encode())
    return out.getvalue(), f"multipart/form-data; boundary={boundary}"


@dataclass
class HttpClient:
    """One browser: a cookie jar, one kept-alive connection per instance, a log of what it sent.

    `retry_unavailable` (seconds) makes it behave like a person facing a 503 page: it
    waits a moment and sends the same request again, until the site answers or the time is up.
    """

    ports: list[int]
    host: str = "formwork.test"
    client_ip: str = field(default_factory=lambda: f"2001:db8::{secrets.randbelow(1 << 32):x}")
    retry_unavailable: float = 0.0
    cookies: dict[str, str] = field(default_factory=dict)
    log: list[Served] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.turn = itertools.cycle(range(len(self.ports)))
        self.connections: dict[int, http.client.HTTPConnection] = {}
        self.page = "/"  # the page last shown: a form's Referer (Flask-WTF checks it over HTTPS)

    def get(self, url: str, follow_redirects: bool = False, headers: dict | None = None) -> Response:
        return self.request("GET", url, None, None, follow_redirects, headers)

    def post(
        self,
        url: str,
        data: dict | None = None,
        content_type: str | None = None,
        follow_redirects: bool = False,
        headers: dict | None = None,
    ) -> Response:
        body, kind = encode_form(data or {}, multipart=(content_type or "").startswith("multipart/"))
        return self.request("POST", url, body, kind, follow_redirects, headers)

    def request(self, method, url, body, content_type, follow_redirects, headers) -> Response:
        response = self.send(method, url, body, content_type, headers)
        hops = 0
        while follow_redirects and response.status_code in (301, 302, 303, 307, 308) and hops < 10:
            target = urllib.parse.urlsplit(response.headers["Location"])
            url = target.path + (f"?{target.query}" if target.query else "")
            response, hops = self.send("GET", url, None, None, headers), hops + 1
        return response

    def send(self, method, url, body, content_type, headers) -> Response:
        """One request; a 503 is sent again while `retry_unavailable` allows."""
        deadline = time.monotonic() + self.retry_unavailable
        while True:
            response = self.exchange(method, url, body, content_type, headers)
            page_says_so = UNAVAILABLE_PAGE in response.body
            if response.status_code != 503 or not page_says_so or time.monotonic() > deadline:
                return response
            time.sleep(0.1)

    def exchange(self, method, url, body, content_type, headers) -> Response:
        port = self.ports[next(self.turn)]
        sent = {
            "Host": self.host,
            "X-Forwarded-For": self.client_ip,
            "X-Forwarded-Proto": "https",
            **({"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())} if self.cookies else {}),
            **(
                {"Content-Type": content_type, "Referer": f"https://{self.host}{self.page}"}
                if content_type
                else {}
            ),
            **(headers or {}),
        }
        started, began = time.time(), time.perf_counter()
        for attempt in (1, 2):
            conn = self.connections.get(port)
            reused = conn is not None
            if conn is None:
                conn = self.connections[port] = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            try:
                conn.request(method, url, body=body, headers=sent)
                answer = conn.getresponse()
                data = answer.read()
                break
            except STALE:
                conn.close()
                del self.connections[port]
                if not reused or attempt == 2:  # only a connection the server closed while idle is retried
                    raise
        if answer.getheader("connection", "").lower() == "close":
            conn.close()
            del self.connections[port]
        self.keep_cookies(answer.msg.get_all("set-cookie") or [])
        self.log.append(Served(method, url, port, answer.status, started, time.perf_counter() - began))
        path = urllib.parse.urlsplit(url).path
        if method == "GET":
            self.page = url
        return Response(answer.status, Headers(answer.getheaders()), data, SimpleNamespace(path=path), port)

    def keep_cookies(self, set_cookies: list[str]) -> None:
        for header in set_cookies:
            for name, morsel in SimpleCookie(header).items():
                if morsel["max-age"] == "0" or not morsel.value:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value

    def close(self) -> None:
        for conn in self.connections.values():
            conn.close()
        self.connections.clear()
