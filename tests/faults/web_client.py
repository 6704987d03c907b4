"""A small HTTP client for fault tests that drive a real gunicorn: keeps cookies, reads the CSRF token
from each page, posts forms (multipart for files), never follows redirects, and reports a refused or
cut connection as status 0 instead of raising."""

from __future__ import annotations

import http.client
import re
import uuid
from urllib.parse import urlencode

CSRF_INPUT = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')
TOKEN_INPUT = re.compile(rb'name="token" value="([^"]+)"')


class WebClient:
    def __init__(self, port: int) -> None:
        self.port = port
        self.cookies: dict[str, str] = {}
        self.csrf = ""
        self.last_body = b""

    def _send(self, method: str, path: str, body: bytes = b"", content_type: str = "") -> int:
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        if content_type:
            headers["Content-Type"] = content_type
        try:
            conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=20)
            conn.request(method, path, body=body or None, headers=headers)
            response = conn.getresponse()
            self.last_body = response.read()
        except OSError:
            self.last_body = b""
            return 0
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
        if match := CSRF_INPUT.search(self.last_body):
            self.csrf = match.group(1).decode()
        return response.status

    def get(self, path: str) -> int:
        return self._send("GET", path)

    def post(self, path: str, fields: dict[str, str]) -> int:
        body = urlencode({"csrfmiddlewaretoken": self.csrf, **fields}).encode()
        return self._send("POST", path, body, "application/x-www-form-urlencoded")

    def post_files(self, path: str, field: str, files: dict[str, bytes]) -> int:
        boundary = uuid.uuid4().hex
        parts = [
            f'--{boundary}\r\nContent-Disposition: form-data; name="csrfmiddlewaretoken"\r\n\r\n{self.csrf}\r\n'
        ]
        body = "".join(parts).encode()
        for name, content in files.items():
            body += (
                (
                    f'--{boundary}\r\nContent-Disposition: form-data; name="{field}"; filename="{name}"\r\n'
                    "Content-Type: text/markdown\r\n\r\n"
                ).encode()
                + content
                + b"\r\n"
            )
        body += f"--{boundary}--\r\n".encode()
        return self._send("POST", path, body, f"multipart/form-data; boundary={boundary}")

    def login(self, username: str, password: str) -> int:
        self.get("/accounts/login/")
        return self.post("/accounts/login/", {"username": username, "password": password})

    def shown_token(self) -> str:
        match = TOKEN_INPUT.search(self.last_body)
        return match.group(1).decode() if match else ""
