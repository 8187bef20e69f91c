"""Multipart uploads streamed from disk, with progress.

The body (one part named ``files`` per file) is produced chunk by chunk while it is sent, so a
200 MB clip never sits in memory; ``Content-Length`` is computed up front from the file sizes.
``progress(path, sent_bytes, total_bytes)`` is called as each chunk of a file goes out. The
body is re-created if the client repeats the request (after a token renewal or a 429 wait).
"""

from __future__ import annotations

import mimetypes
import uuid
from collections.abc import AsyncIterator, Callable, Sequence
from pathlib import Path
from urllib.parse import quote

from meme_desktop.api.errors import LocalFileError, UnsupportedFileError
from meme_desktop.api.models import UploadResult
from meme_desktop.api.transport import Transport

VIDEO_TYPES = ("mp4", "mov", "avi", "webm", "mkv")
IMAGE_TYPES = ("jpg", "jpeg", "png", "gif", "webp")
AUDIO_TYPES = ("mp3", "wav", "m4a", "aac")
ACCEPTED_TYPES = VIDEO_TYPES + IMAGE_TYPES + AUDIO_TYPES
MAX_BYTES = 200 * 1024 * 1024

Progress = Callable[[Path, int, int], None]


def is_accepted(path: Path) -> bool:
    """True when the file name has an accepted extension (the backend checks the content)."""
    return path.suffix.lower().lstrip(".") in ACCEPTED_TYPES


def _part_header(boundary: str, path: Path) -> bytes:
    name = path.name.replace("\r", " ").replace("\n", " ").replace('"', "%22")
    ctype = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    disposition = f'form-data; name="files"; filename="{name}"'
    if not name.isascii():
        disposition += f"; filename*=UTF-8''{quote(path.name)}"
    return (f"--{boundary}\r\nContent-Disposition: {disposition}\r\n"
            f"Content-Type: {ctype}\r\n\r\n").encode()


class MultipartBody:
    """The multipart body of an upload, as a re-startable async byte stream."""

    def __init__(self, paths: Sequence[Path], chunk_size: int,
                 progress: Progress | None = None) -> None:
        self.paths = list(paths)
        self.chunk_size = chunk_size
        self.progress = progress
        self.boundary = "meme-" + uuid.uuid4().hex
        self.sizes = []
        for p in self.paths:
            try:
                self.sizes.append(p.stat().st_size)
            except OSError as exc:
                raise LocalFileError("cannot read a file", name=p.name) from exc

    @property
    def content_type(self) -> str:
        return f"multipart/form-data; boundary={self.boundary}"

    @property
    def length(self) -> int:
        total = len(f"--{self.boundary}--\r\n")
        for path, size in zip(self.paths, self.sizes, strict=True):
            total += len(_part_header(self.boundary, path)) + size + 2
        return total

    async def stream(self) -> AsyncIterator[bytes]:
        for path, size in zip(self.paths, self.sizes, strict=True):
            yield _part_header(self.boundary, path)
            sent = 0
            if self.progress:
                self.progress(path, 0, size)
            with path.open("rb") as fh:
                while chunk := fh.read(self.chunk_size):
                    sent += len(chunk)
                    yield chunk
                    if self.progress:
                        self.progress(path, min(sent, size), size)
            yield b"\r\n"
        yield f"--{self.boundary}--\r\n".encode()


async def upload_files(client: Transport, session_id: str, paths: Sequence[Path],
                       progress: Progress | None = None) -> UploadResult:
    """``POST /api/upload-video/nemo_agent/me/<sid>`` with the files streamed from disk."""
    if not paths:
        raise UnsupportedFileError("no files given", endpoint="upload")
    body = MultipartBody(paths, client.policy.chunk_size, progress)
    headers = {"Content-Type": body.content_type, "Content-Length": str(body.length)}
    data = await client.call("POST", f"/api/upload-video/nemo_agent/me/{session_id}",
                             extra_headers=headers, content_factory=body.stream, timeout=600.0)
    return UploadResult.parse(data)
