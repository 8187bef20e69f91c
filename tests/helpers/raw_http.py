"""HTTP/1.1 on a bare socket, for what a client library hides: whether a kept-alive connection
survives an answer, what the server says before it has read a body, odd ``Host`` headers.

:class:`RawConnection` sends one request at a time on one TCP connection and reads the answer
(``Content-Length`` or chunked). :meth:`RawConnection.alive` tells whether the server still
holds the connection open.
"""

from __future__ import annotations

import json
import select
import socket
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit


@dataclass
class RawResponse:
    status_code: int
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""

    def json(self) -> Any:
        return json.loads(self.body)


class RawConnection:
    """One keep-alive connection to ``base_url`` (``http://host:port``)."""

    def __init__(self, base_url: str, timeout: float = 30.0) -> None:
        parts = urlsplit(base_url)
        self.host = parts.hostname or "127.0.0.1"
        self.port = parts.port or 80
        self.sock = socket.create_connection((self.host, self.port), timeout=timeout)
        self._buf = b""

    def close(self) -> None:
        self.sock.close()

    def __enter__(self) -> RawConnection:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def send_head(self, method: str, path: str, headers: dict[str, str]) -> None:
        lines = [f"{method} {path} HTTP/1.1"]
        if not any(k.lower() == "host" for k in headers):
            lines.append(f"Host: {self.host}:{self.port}")
        lines += [f"{k}: {v}" for k, v in headers.items()]
        self.sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1"))

    def request(self, method: str, path: str, headers: dict[str, str] | None = None,
                body: bytes = b"") -> RawResponse:
        head = dict(headers or {})
        if body or method in ("POST", "PUT"):
            head.setdefault("Content-Length", str(len(body)))
        self.send_head(method, path, head)
        if body:
            self.sock.sendall(body)
        return self.read_response()

    def _fill(self) -> None:
        chunk = self.sock.recv(65536)
        if not chunk:
            raise ConnectionError("the server closed the connection")
        self._buf += chunk

    def _line(self) -> bytes:
        while b"\r\n" not in self._buf:
            self._fill()
        line, _, self._buf = self._buf.partition(b"\r\n")
        return line

    def _exactly(self, n: int) -> bytes:
        while len(self._buf) < n:
            self._fill()
        data, self._buf = self._buf[:n], self._buf[n:]
        return data

    def read_response(self) -> RawResponse:
        status = int(self._line().split()[1])  # the answer's HTTP status
        headers: dict[str, str] = {}
        while line := self._line():
            key, _, value = line.decode("latin-1").partition(":")
            headers[key.strip().lower()] = value.strip()
        if "content-length" in headers:
            body = self._exactly(int(headers["content-length"]))
        elif headers.get("transfer-encoding", "").lower() == "chunked":
            parts = []
            while size := int(self._line().split(b";")[0], 16):
                parts.append(self._exactly(size))
                self._line()
            self._line()
            body = b"".join(parts)
        else:
            body = b""
        return RawResponse(status, headers, body)

    def alive(self) -> bool:
        """True while the server keeps the connection open (nothing unread, no FIN)."""
        readable, _, _ = select.select([self.sock], [], [], 0.2)
        if not readable:
            return True
        try:
            return bool(self.sock.recv(1, socket.MSG_PEEK))
        except OSError:
            return False
