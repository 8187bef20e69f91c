"""Uploads: a streaming multipart reader and the checks every new file goes through.

:func:`receive_multipart` feeds ``request.stream()`` to python-multipart's streaming parser and
writes each ``files`` part straight to a temporary file while hashing it, so memory stays flat
whatever the size. The 200 MB cap is enforced while streaming: a part that passes it is deleted
at once and the rest of it discarded. A body that ends before its closing boundary is a bad
request and leaves nothing behind.

:func:`ingest` is shared with URL import: sanitise the display name, probe the content (the
type is what the bytes are, not what the name says), then move the file into the
content-addressed store (``media/ab/<sha256>.<ext>``, the extension chosen from the content) and
record it in the session in one transaction. Names never become paths.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import unicodedata
from collections.abc import AsyncIterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from python_multipart.multipart import MultipartParseError, MultipartParser, parse_options_header

from meme_desktop import heap
from meme_desktop.engine.errors import (
    MAX_UPLOAD_BYTES,
    MediaError,
    MediaTooLargeError,
    ShortenedMediaNotice,
    notice_message,
)
from meme_desktop.engine.mediainfo import MediaInfo
from meme_desktop.engine.offloaded import probe
from meme_desktop.engine.protocol_errors import BadRequestError
from meme_desktop.engine.store import AssetRow, Store

_UNSAFE = re.compile(r"[\x00-\x1f\x7f<>:\"/\\|?*]")
MAX_NAME = 120
MAX_FIELD = 64 * 1024


def sanitize_name(raw: str | None) -> str:
    """A display name that is only a name: no folders, no control characters, not hidden."""
    name = unicodedata.normalize("NFC", raw or "")
    # invisible format characters (e.g. U+202E right-to-left override) can disguise a suffix
    name = "".join(c for c in name if unicodedata.category(c) != "Cf")
    name = re.split(r"[/\\]", name)[-1]
    name = _UNSAFE.sub("_", name).strip().lstrip(".").strip()
    if not name:
        return "file"
    if len(name) > MAX_NAME:
        stem, dot, ext = name.rpartition(".")
        name = (stem[: MAX_NAME - len(ext) - 1] + "." + ext) if dot and len(ext) <= 8 \
            else name[:MAX_NAME]
    return name


@dataclass
class Received:
    """One streamed file part: where it is, its hash and size; or why it was refused."""

    name: str
    path: Path | None
    sha256: str = ""
    size: int = 0
    error: Exception | None = None


@dataclass
class _Part:
    headers: dict[str, str] = field(default_factory=dict)
    name: str = ""
    filename: str | None = None
    fh: BinaryIO | None = None
    path: Path | None = None
    hasher: Any = None
    size: int = 0
    too_large: bool = False
    field_size: int = 0


def stage_path(store: Store, name: str) -> Path:
    """A fresh temporary path whose last component is the sanitised display name."""
    folder = store.tmp_path()
    folder.mkdir(parents=True)
    return folder / name


def discard(path: Path | None) -> None:
    """Remove a staged file and its private folder."""
    if path is not None:
        shutil.rmtree(path.parent, ignore_errors=True)


async def receive_multipart(content_type: str, chunks: AsyncIterator[bytes], store: Store,
                            limit: int = MAX_UPLOAD_BYTES) -> list[Received]:
    """Stream a multipart body; every part named ``files`` becomes a staged file."""
    ctype, params = parse_options_header(content_type)
    boundary = params.get(b"boundary")
    if ctype != b"multipart/form-data" or not boundary:
        raise BadRequestError("expected multipart/form-data with a boundary, "
                              "or a JSON body with \"urls\"")
    received: list[Received] = []
    state: dict[str, Any] = {"part": None, "field": b"", "value": b"", "ended": False}

    def on_part_begin() -> None:
        state["part"] = _Part()

    def on_header_field(data: bytes, start: int, end: int) -> None:
        state["field"] += data[start:end]

    def on_header_value(data: bytes, start: int, end: int) -> None:
        state["value"] += data[start:end]

    def on_header_end() -> None:
        part: _Part = state["part"]
        # latin-1 keeps the raw bytes (parse_options_header re-encodes them as latin-1); the
        # file name inside is UTF-8 and decoded as such below, so any script works
        part.headers[state["field"].decode("latin-1").lower()] = state["value"].decode("latin-1")
        state["field"], state["value"] = b"", b""

    def on_headers_finished() -> None:
        part: _Part = state["part"]
        _, disp = parse_options_header(part.headers.get("content-disposition", ""))
        part.name = disp.get(b"name", b"").decode("utf-8", "replace")
        raw_filename = disp.get(b"filename")
        if part.name == "files" and raw_filename is not None:
            part.filename = sanitize_name(raw_filename.decode("utf-8", "replace"))
            part.path = stage_path(store, part.filename)
            part.fh = part.path.open("wb")
            part.hasher = hashlib.sha256()

    def on_part_data(data: bytes, start: int, end: int) -> None:
        part: _Part = state["part"]
        n = end - start
        if part.fh is None:
            part.field_size += n
            if part.field_size > MAX_FIELD and not part.too_large:
                part.too_large = True
            return
        if part.too_large:
            return
        part.size += n
        if part.size > limit:
            part.too_large = True
            part.fh.close()
            part.fh = None
            discard(part.path)
            part.path = None
            received.append(Received(part.filename or "file", None, size=part.size,
                                     error=MediaTooLargeError(part.filename or "file",
                                                              part.size, limit)))
            return
        part.fh.write(data[start:end])
        part.hasher.update(data[start:end])

    def on_part_end() -> None:
        part: _Part = state["part"]
        if part.fh is not None:
            part.fh.close()  # fsync happens in ingest(), off the event loop
            part.fh = None
            received.append(Received(part.filename or "file", part.path,
                                     part.hasher.hexdigest(), part.size))
        state["part"] = None

    def on_end() -> None:
        state["ended"] = True

    parser = MultipartParser(boundary, {
        "on_part_begin": on_part_begin, "on_header_field": on_header_field,
        "on_header_value": on_header_value, "on_header_end": on_header_end,
        "on_headers_finished": on_headers_finished, "on_part_data": on_part_data,
        "on_part_end": on_part_end, "on_end": on_end})
    try:
        async for chunk in chunks:
            if chunk:
                parser.write(chunk)
        parser.finalize()
        if not state["ended"]:
            raise BadRequestError("the multipart body is incomplete (it ended before its "
                                  "closing boundary)")
    except BaseException as exc:
        part = state["part"]
        if part is not None and part.fh is not None:
            part.fh.close()
            discard(part.path)
        for r in received:
            discard(r.path)
        if isinstance(exc, MultipartParseError):
            raise BadRequestError("the multipart body is malformed") from exc
        raise
    if not received:
        raise BadRequestError("no file parts named \"files\" in the upload")
    return received


_EXT_BY_CONTAINER = (("matroska", "mkv"), ("avi", "avi"), ("gif", "gif"), ("mp3", "mp3"),
                     ("wav", "wav"), ("aac", "aac"))
_EXT_BY_CODEC = {"png": "png", "mjpeg": "jpg", "jpeg": "jpg", "webp": "webp", "gif": "gif"}


def content_ext(info: MediaInfo, fallback: str) -> str:
    """The store extension, chosen from what the content is (never from the upload name)."""
    formats = info.container.split(",")
    if "mp4" in formats or "mov" in formats:
        return "m4a" if info.kind == "audio" else "mp4"
    if info.kind == "image" or info.codec == "webp":
        return _EXT_BY_CODEC.get(info.codec, fallback)
    for token, ext in _EXT_BY_CONTAINER:
        if token in formats:
            return ext
    return fallback


def ingest(store: Store, session_id: str, staged: Path, name: str, sha: str,
           size: int) -> tuple[AssetRow, bool]:
    """Probe a staged file and add it to the store and the session (blocking: run in a thread).

    Returns the asset and whether it was new to the session. Raises :class:`MediaError`
    subclasses for unusable content; the staged file is always gone afterwards.
    """
    try:
        info = probe(staged)  # the staged file carries the display name, so errors name it
        ext = content_ext(info, staged.suffix.lower().lstrip(".") or "bin")
        target = store.media_path(sha, ext)
        if not target.exists():
            with staged.open("r+b") as fh:  # on disk before the database says it exists
                os.fsync(fh.fileno())
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(staged, target)
        asset = store.asset(sha) or AssetRow(sha, info.kind, ext, size, asdict(info))
        new = store.add_asset(session_id, asset, name)
        return AssetRow(asset.hash, asset.kind, asset.ext, asset.size, asset.info, name), new
    finally:
        discard(staged)
        heap.release()  # the probe's decoder buffers


def file_entry(asset: AssetRow, base_url: str) -> dict[str, Any]:
    """One ``data.files[]`` / ``video_infos[]`` entry of the protocol."""
    info = asset.info
    base = base_url.rstrip("/")
    entry = {"filename": asset.name, "file_type": asset.kind, "hash": asset.hash,
             "cdn_url": f"{base}/media/{asset.hash}",
             "thumbnail_url": f"{base}/media/{asset.hash}/thumbnail?size=256",
             "duration": info.get("duration", 0.0), "width": info.get("width", 0),
             "height": info.get("height", 0), "fps": info.get("fps", 0.0),
             "has_audio": info.get("has_audio", False), "size": asset.size,
             "codec": info.get("codec", "")}
    claimed = float(info.get("claimed_duration", 0.0) or 0.0)
    if claimed > entry["duration"]:  # used at the length that really decodes: say so
        entry["claimed_duration"] = claimed
        entry["notice"] = notice_message(ShortenedMediaNotice(
            asset.name or "file", float(entry["duration"]), claimed))
    return entry


__all__ = ["MediaError", "Received", "discard", "file_entry", "ingest", "receive_multipart",
           "sanitize_name", "stage_path"]
