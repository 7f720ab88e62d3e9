"""A minimal HTTP client for the bench: http.client over loopback, cookies
kept by hand, and the real sign-in (password, then the authenticator code
computed from the bench user's known key).

The bench stands where the TLS-terminating proxy stands in production: it
sends `X-Forwarded-Proto: https`, which production settings trust
(SECURE_PROXY_SSL_HEADER), so the secure cookies, HSTS and the SSL redirect
stay exactly as deployed and nothing is weakened for plain http."""

from __future__ import annotations

import http.client
import re
import time
import urllib.parse
from dataclasses import dataclass, field
from http.cookies import SimpleCookie

CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@dataclass
class Response:
    status: int
    body: bytes
    headers: dict[str, str]
    seconds: float


@dataclass
class Client:
    port: int
    host: str = "127.0.0.1"
    cookies: dict[str, str] = field(default_factory=dict)
    timeout: float = 120.0

    @property
    def origin(self) -> str:
        return f"https://{self.host}:{self.port}"

    def request(self, method: str, path: str, data: dict[str, str] | None = None) -> Response:
        if self.host not in ("127.0.0.1", "::1", "localhost"):
            raise ValueError("The bench only talks to loopback")
        headers = {
            "Host": f"{self.host}:{self.port}",
            "X-Forwarded-Proto": "https",
            "User-Agent": "prevent-hub-bench",
            "Accept": "text/html,*/*",
        }
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if data is not None:
            body = urllib.parse.urlencode(data).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = self.origin
            headers["Referer"] = self.origin + path
        started = time.perf_counter()
        connection = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
        try:
            connection.request(method, path, body=body, headers=headers)
            raw = connection.getresponse()
            content = raw.read()
            seconds = time.perf_counter() - started
            for header, value in raw.getheaders():
                if header.lower() == "set-cookie":
                    cookie = SimpleCookie()
                    cookie.load(value)
                    for name, morsel in cookie.items():
                        self.cookies[name] = morsel.value
            return Response(raw.status, content, {k.lower(): v for k, v in raw.getheaders()}, seconds)
        finally:
            connection.close()

    def get(self, path: str) -> Response:
        return self.request("GET", path)

    def post_form(self, path: str, data: dict[str, str]) -> Response:
        page = self.get(path)
        match = CSRF_INPUT.search(page.body.decode("utf-8", "replace"))
        if match is None:
            raise RuntimeError(f"No CSRF token on {path} (status {page.status})")
        return self.request("POST", path, {**data, "csrfmiddlewaretoken": match.group(1)})

    def sign_in(self, email: str, password: str, totp_key_hex: str) -> None:
        """Password, then the current authenticator code."""
        from django_otp.oath import TOTP

        response = self.post_form("/sign-in/", {"email": email, "password": password})
        if response.status != 302 or "two-factor" not in response.headers.get("location", ""):
            raise RuntimeError(f"Password step for {email} answered {response.status}")
        code = f"{TOTP(bytes.fromhex(totp_key_hex)).token():06d}"
        response = self.post_form("/sign-in/two-factor/", {"code": code})
        if response.status != 302:
            raise RuntimeError(f"Second factor for {email} answered {response.status}")

    def fork(self) -> Client:
        """Another client with this one's session (a second tab)."""
        return Client(self.port, self.host, dict(self.cookies), self.timeout)
