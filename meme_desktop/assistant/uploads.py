"""Uploading one file for the assistant, and the export ``output`` object.

Files are checked locally first (type by extension, size limit, readable) so an obvious refusal
costs no upload; the backend still checks the content (4001 / 4002). Every refusal of a file
becomes an :class:`UploadOutcome` with one sentence; the other files go on. A refused sign-in
is not the file's fault: it is raised, so the caller says it once and stops.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from meme_desktop.api.errors import (
    ApiError,
    FileTooLargeError,
    LocalFileError,
    ProtocolError,
    TokenInvalidError,
    UnsupportedFileError,
)
from meme_desktop.api.models import Asset, UploadResult
from meme_desktop.api.upload import MAX_BYTES, Progress, is_accepted
from meme_desktop.assistant.events import ExportOptions, UploadOutcome, UploadProgress

# sends one file into the current session (the assistant's upload with its 1002 rule)
Send = Callable[[Path, Progress], Awaitable[UploadResult]]
MessageFor = Callable[[BaseException], str]


def precheck(path: Path) -> ApiError | None:
    """The refusal the backend would give, found without uploading (or None)."""
    if not path.is_file():
        return LocalFileError("not a file", name=path.name)
    if not is_accepted(path):
        return UnsupportedFileError("type not accepted", endpoint="upload")
    try:
        size = path.stat().st_size
    except OSError:
        return LocalFileError("cannot stat", name=path.name)
    if size > MAX_BYTES:
        return FileTooLargeError("over the limit", endpoint="upload")
    return None


def _refused(path: Path, exc: BaseException, message_for: MessageFor) -> UploadOutcome:
    return UploadOutcome(path=path, error=f"{path.name}: {message_for(exc)}",
                         retryable=bool(getattr(exc, "retryable", False)))


async def upload_one(send: Send, path: Path, progress: UploadProgress | None,
                     message_for: MessageFor) -> UploadOutcome:
    """Check and upload one file; the outcome says why a refused file was refused."""
    problem = precheck(path)
    if problem is not None:
        return _refused(path, problem, message_for)

    def report(p: Path, sent: int, total: int) -> None:
        if progress is not None:
            progress(p, sent / total if total else 1.0)

    try:
        result = await send(path, report)
    except TokenInvalidError:
        raise  # the sign-in, not this file: every other file would fail the same way
    except ApiError as exc:
        return _refused(path, exc, message_for)
    if not result.files:
        return _refused(path, ProtocolError("no file in the answer", endpoint="upload"),
                        message_for)
    return UploadOutcome(path=path, asset=result.files[0], extra_assets=result.files[1:])


def absolute(asset: Asset, url: Callable[[str], str]) -> Asset:
    """The asset with an absolute URL (a backend may answer a path), so it can be imported
    again by URL into another session."""
    return dataclasses.replace(asset, url=url(asset.url)) if asset.url.startswith("/") else asset


def output_spec(options: ExportOptions) -> dict[str, Any]:
    """The render request's ``output`` object."""
    out: dict[str, Any] = {"format": options.format, "quality": options.quality}
    if options.preset:
        out["preset"] = options.preset
    if options.max_mb:
        out["max_mb"] = options.max_mb
    return out
