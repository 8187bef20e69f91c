"""Uploading one file for the assistant, and the export ``output`` object.

Files are checked locally first (type by extension, size limit, readable) so an obvious refusal
costs no upload; the backend still checks the content (4001 / 4002). Every refusal becomes an
:class:`UploadOutcome` with one sentence; the other files go on.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from meme_desktop.api.errors import (
    ApiError,
    FileTooLargeError,
    LocalFileError,
    ProtocolError,
    UnsupportedFileError,
)
from meme_desktop.api.upload import MAX_BYTES, is_accepted
from meme_desktop.assistant.events import ExportOptions, UploadOutcome, UploadProgress

if TYPE_CHECKING:
    from meme_desktop.assistant.service import Assistant


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


def _refused(path: Path, exc: BaseException, assistant: Assistant) -> UploadOutcome:
    message = assistant.message_for(exc)
    return UploadOutcome(path=path, error=f"{path.name}: {message}",
                         retryable=bool(getattr(exc, "retryable", False)))


async def upload_one(assistant: Assistant, path: Path,
                     progress: UploadProgress | None = None) -> UploadOutcome:
    problem = precheck(path)
    if problem is not None:
        return _refused(path, problem, assistant)

    def report(p: Path, sent: int, total: int) -> None:
        if progress is not None:
            progress(p, sent / total if total else 1.0)

    try:
        result = await assistant._with_session(
            lambda sid: assistant.client.upload(sid, [path], report))
    except ApiError as exc:
        return _refused(path, exc, assistant)
    if not result.files:
        return _refused(path, ProtocolError("no file in the answer", endpoint="upload"),
                        assistant)
    return UploadOutcome(path=path, asset=result.files[0], extra_assets=result.files[1:])


def output_spec(options: ExportOptions) -> dict[str, Any]:
    """The render request's ``output`` object."""
    out: dict[str, Any] = {"format": options.format, "quality": options.quality}
    if options.preset:
        out["preset"] = options.preset
    if options.max_mb:
        out["max_mb"] = options.max_mb
    return out
