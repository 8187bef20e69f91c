"""URL import: fetch an http(s) file safely, then treat it exactly like an upload.

The host name is resolved first and every address checked with :mod:`ipaddress`: loopback,
private, link-local, multicast, reserved and other non-global addresses are refused before any
connection. The request then goes to the checked address itself (``Host`` header and TLS SNI
carry the name), so a second DNS answer cannot point it elsewhere; each redirect is checked the
same way (at most 5). The body is streamed to a staged file with the 200 MB cap and a time
limit; the result goes through the same probe-and-store path as uploads.
"""

from __future__ import annotations

import asyncio
import hashlib
import ipaddress
import socket
import time
from email.message import Message
from pathlib import PurePosixPath
from typing import cast
from urllib.parse import unquote

import httpx

from meme_desktop.engine.errors import ACCEPTED_EXTENSIONS, MAX_UPLOAD_BYTES, MediaTooLargeError
from meme_desktop.engine.protocol_errors import UrlRefusedError
from meme_desktop.engine.store import Store
from meme_desktop.engine.uploads import Received, discard, sanitize_name, stage_path

MAX_REDIRECTS = 5
TOTAL_SECONDS = 300.0
_ALL_EXTS = {e for exts in ACCEPTED_EXTENSIONS.values() for e in exts}
_EXT_BY_MIME = {
    "video/mp4": "mp4", "video/quicktime": "mov", "video/x-msvideo": "avi", "video/webm": "webm",
    "video/x-matroska": "mkv", "image/jpeg": "jpg", "image/png": "png", "image/gif": "gif",
    "image/webp": "webp", "audio/mpeg": "mp3", "audio/wav": "wav", "audio/x-wav": "wav",
    "audio/mp4": "m4a", "audio/x-m4a": "m4a", "audio/aac": "aac",
}


def address_allowed(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """Only public unicast addresses (IPv4-mapped IPv6 judged by its IPv4 part)."""
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


async def resolve_checked(url: httpx.URL, allow_private: bool = False) -> str:
    """The address to connect to for ``url``; raises :class:`UrlRefusedError` when refused."""
    try:
        host = url.host  # decodes an IDNA name: a malformed one ("xn--") raises here
    except ValueError as exc:  # idna's IDNAError is a UnicodeError, hence a ValueError
        raise UrlRefusedError(str(url)[:200], "malformed") from exc
    if url.scheme not in ("http", "https") or not host:
        raise UrlRefusedError(str(url), "scheme")
    try:
        addresses = [ipaddress.ip_address(host)]
    except ValueError:
        port = url.port or (443 if url.scheme == "https" else 80)
        try:
            infos = await asyncio.get_running_loop().getaddrinfo(host, port,
                                                                 type=socket.SOCK_STREAM)
        except (socket.gaierror, UnicodeError) as exc:
            raise UrlRefusedError(str(url), "dns") from exc
        # an internet address's host is a str (typeshed's sockaddr also allows other families)
        addresses = [ipaddress.ip_address(cast(str, info[4][0]).split("%")[0]) for info in infos]
    if not addresses:
        raise UrlRefusedError(str(url), "dns")
    if not allow_private and not all(address_allowed(a) for a in addresses):
        raise UrlRefusedError(str(url), "private")
    return str(addresses[0])


def _pinned(url: httpx.URL, address: str) -> httpx.URL:
    """``url`` with its host replaced by the checked address (httpx brackets IPv6)."""
    return url.copy_with(host=address)


def _download_name(url: httpx.URL, response: httpx.Response) -> str:
    disposition = response.headers.get("content-disposition", "")
    name = ""
    if disposition:
        msg = Message()
        msg["content-disposition"] = disposition
        name = msg.get_filename() or ""
    if not name:
        name = unquote(PurePosixPath(url.path).name)
    name = sanitize_name(name)
    ext = name.rpartition(".")[2].lower() if "." in name else ""
    if ext not in _ALL_EXTS:
        mime = response.headers.get("content-type", "").split(";")[0].strip().lower()
        if mime in _EXT_BY_MIME:
            name = f"{name}.{_EXT_BY_MIME[mime]}"
    return name


async def fetch(raw_url: str, store: Store, limit: int = MAX_UPLOAD_BYTES,
                allow_private: bool = False, timeout: float = 30.0) -> Received:
    """Download ``raw_url`` into a staged file (checked, capped, timed)."""
    try:
        url = httpx.URL(raw_url)
    except (httpx.InvalidURL, TypeError) as exc:
        raise UrlRefusedError(str(raw_url)[:200], "scheme") from exc
    deadline = time.monotonic() + TOTAL_SECONDS
    async with httpx.AsyncClient(timeout=httpx.Timeout(timeout, connect=10.0),
                                 follow_redirects=False, trust_env=False) as client:
        for _ in range(MAX_REDIRECTS + 1):
            address = await resolve_checked(url, allow_private)
            request = client.build_request(
                "GET", _pinned(url, address), headers={"Host": url.netloc.decode("ascii")},
                extensions={"sni_hostname": url.host} if url.scheme == "https" else {})
            try:
                response = await client.send(request, stream=True)
            except httpx.HTTPError as exc:
                raise UrlRefusedError(raw_url, "network") from exc
            try:
                if response.is_redirect:
                    url = url.join(response.headers.get("location", ""))
                    continue
                if response.status_code != 200:
                    raise UrlRefusedError(raw_url, "http")
                return await _save_body(response, url, store, limit, deadline)
            finally:
                await response.aclose()
    raise UrlRefusedError(raw_url, "redirects")


async def _save_body(response: httpx.Response, url: httpx.URL, store: Store, limit: int,
                     deadline: float) -> Received:
    name = _download_name(url, response)
    declared = int(response.headers.get("content-length", "0") or 0)
    if declared > limit:
        return Received(name, None, size=declared, error=MediaTooLargeError(name, declared, limit))
    path = stage_path(store, name)
    hasher, size = hashlib.sha256(), 0
    try:
        with path.open("wb") as fh:
            async for chunk in response.aiter_bytes(256 * 1024):
                size += len(chunk)
                if size > limit:
                    discard(path)
                    return Received(name, None, size=size,
                                    error=MediaTooLargeError(name, size, limit))
                if time.monotonic() > deadline:
                    raise UrlRefusedError(str(url), "network")
                fh.write(chunk)
                hasher.update(chunk)
    except httpx.HTTPError as exc:
        discard(path)
        raise UrlRefusedError(str(url), "network") from exc
    except BaseException:
        discard(path)
        raise
    return Received(name, path, hasher.hexdigest(), size)
