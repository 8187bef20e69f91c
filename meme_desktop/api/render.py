"""The export workflow: submit a render, poll it, download the file, atomically.

1. submit ``{"id": "render_<unique>", "sessionId", "draft", "output"}``;
2. poll ``GET /api/render/proxy/lambda/<id>`` at the policy's intervals (short for the local
   engine; 2 s growing to 30 s for the hosted one, whose brief says "every 30 s"), never
   sooner than a ``Retry-After`` on the status answer, within a total bound; both status
   shapes;
3. download ``outputUrl`` (the token is only sent to the backend's own origin) or the
   download endpoint, streamed into a hidden temporary file in the destination folder, renamed
   over the destination at the end; nothing partial is ever left behind. A job making several
   formats (``output.formats``, an engine extension) has one destination per format: each
   file is downloaded apart (``outputs[n].url`` or ``.../download/<n>``) and all are renamed
   into place only when every one arrived;
4. a failed job (or one the backend forgot, e.g. after an engine restart, or one whose
   submit or polling lost the connection) is submitted once more with a new id, after giving
   the backend a chance to come back; a second failure is :class:`RenderFailedError`. A job
   that failed for a named reason (its ``errorCode``, e.g. 5007: the engine's disk is full)
   is not tried again: that error is raised at once;
5. before anything is rendered, a destination whose disk is full (under 64 KB free: no
   video is that small) is refused (:class:`DestinationFullError`); a download that fills it
   is the same error.

``cancel()`` (or cancelling the awaiting task) asks the backend to cancel the job.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import logging
import os
import shutil
import time
import uuid
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any
from urllib.parse import urlsplit

import httpx

from meme_desktop.api.errors import (
    ApiError,
    ConnectionFailedError,
    DestinationFullError,
    DownloadError,
    NotFoundError,
    OutputNotWritableError,
    RateLimitedError,
    RenderCancelledError,
    RenderFailedError,
    RenderTimeoutError,
    ServerError,
    error_for,
    failed_render_error,
)
from meme_desktop.api.models import RenderStatus

if TYPE_CHECKING:
    from meme_desktop.api.client import NemoClient

log = logging.getLogger(__name__)

Progress = Callable[[float], None]
RENDER_SHARE = 0.95  # the part of the progress bar the render takes; the download the rest


FULL_BELOW = 64 * 1024  # bytes free: no video of ours is this small, the disk is full


def _write_error(exc: OSError) -> OutputNotWritableError:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return DestinationFullError("the disk is full")
    return OutputNotWritableError("the file could not be written")


def new_job_id() -> str:
    return f"render_{int(time.time() * 1000)}_{uuid.uuid4().hex[:8]}"


class RenderJob:
    """One export, from submit to the file on disk."""

    def __init__(self, client: NemoClient, session_id: str, draft: dict[str, Any],
                 output: dict[str, Any], dest: Path | Sequence[Path],
                 progress: Progress | None = None,
                 on_submitted: Callable[[str], None] | None = None) -> None:
        self.client = client
        self.session_id = session_id
        self.draft = draft
        self.output = output
        self.dests = [Path(dest)] if isinstance(dest, (str, Path)) else [Path(d) for d in dest]
        self.dest = self.dests[0]
        self.progress = progress or (lambda _f: None)
        self.on_submitted = on_submitted
        self.job_id = ""
        self._cancelled = False

    async def run(self, resume_id: str = "") -> Path:
        """Render and download; ``resume_id`` continues a job submitted earlier."""
        self._check_dest()
        for attempt in range(2):
            try:
                if resume_id and attempt == 0:
                    self.job_id = resume_id
                else:
                    await self._submit()
                status = await self._wait()
                await self._download(status)
                self.progress(1.0)
                return self.dest
            except (RenderFailedError, NotFoundError, ServerError, ConnectionFailedError) as exc:
                if attempt == 1 or self._cancelled or isinstance(exc, DownloadError):
                    if isinstance(exc, (RenderFailedError, ConnectionFailedError)):
                        raise
                    raise RenderFailedError("the render failed", job_id=self.job_id) from exc
                log.info("render %s failed (%s: %s); retrying once with a new id",
                         self.job_id, type(exc).__name__, exc.detail[:200])
                await self.client.reconnect()
            except asyncio.CancelledError:
                await self._cancel_remote()
                raise
        raise RenderFailedError("the render failed", job_id=self.job_id)  # pragma: no cover

    async def cancel(self) -> None:
        """Stop the export: the backend cancels the job; ``run`` raises RenderCancelledError."""
        self._cancelled = True
        await self._cancel_remote()

    # -- steps ----------------------------------------------------------------------------
    def _check_dest(self) -> None:
        for dest in self.dests:
            folder = dest.parent
            if not folder.is_dir() or not os.access(folder, os.W_OK):
                raise OutputNotWritableError("the destination folder cannot be written")
        with contextlib.suppress(OSError):
            if shutil.disk_usage(self.dest.parent).free < FULL_BELOW:
                raise DestinationFullError("the disk is full")

    async def _submit(self) -> None:
        self.job_id = new_job_id()
        self.progress(0.0)
        status = await self.client.submit_render(self.job_id, self.session_id, self.draft,
                                                 self.output)
        if status.status == "failed":
            raise failed_render_error(status.error, status.error_code, self.job_id)
        if self.on_submitted:
            self.on_submitted(self.job_id)

    async def _wait(self) -> RenderStatus:
        for interval in self.client.policy.poll_intervals():
            if self._cancelled:
                raise RenderCancelledError("cancelled")
            status = await self.client.render_status(self.job_id)
            if status.status == "completed":
                return status
            if status.status == "failed":
                raise failed_render_error(status.error, status.error_code, self.job_id)
            if status.status == "cancelled" or self._cancelled:
                raise RenderCancelledError("cancelled")
            self.progress(max(0.0, min(1.0, status.progress / 100.0)) * RENDER_SHARE)
            wait = interval if status.retry_after is None else max(
                interval, min(status.retry_after, self.client.policy.rate_limit_max_wait))
            await self.client.policy.sleep(wait)
        await self._cancel_remote()
        raise RenderTimeoutError("the render did not finish in time", endpoint="render")

    async def _cancel_remote(self) -> None:
        if not self.job_id:
            return
        with contextlib.suppress(ApiError, httpx.HTTPError):
            await asyncio.shield(self.client.cancel_render(self.job_id))

    def _download_target(self, status: RenderStatus, index: int = 0) -> tuple[str, bool]:
        """The URL to fetch and whether it may carry the token (same origin only)."""
        base = urlsplit(self.client.base_url)
        endpoint = f"/api/render/proxy/{self.job_id}/download"
        if len(self.dests) > 1:
            endpoint += f"/{index}"
            url = status.outputs[index] if index < len(status.outputs) else ""
        else:
            url = status.output_url
        if not url:
            return self.client.url(endpoint), True
        if url.startswith("/"):
            return self.client.url(url), True
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https"):
            return self.client.url(endpoint), True
        return url, (parts.scheme, parts.netloc) == (base.scheme, base.netloc)

    async def _download(self, status: RenderStatus) -> None:
        """Every file into its hidden temporary name, then all renamed into place."""
        parts: list[Path] = []
        try:
            for index, dest in enumerate(self.dests):
                parts.append(dest.with_name(f".{dest.name}.{uuid.uuid4().hex[:8]}.part"))
                await self._fetch(status, index, parts[-1])
            for part, dest in zip(parts, self.dests, strict=True):
                try:
                    os.replace(part, dest)
                except OSError as exc:
                    raise _write_error(exc) from exc
        finally:
            for part in parts:
                part.unlink(missing_ok=True)

    async def _fetch(self, status: RenderStatus, index: int, part: Path) -> None:
        policy = self.client.policy
        for attempt in range(policy.transient_retries + 1):
            url, with_token = self._download_target(status, index)
            try:
                await self._download_once(url, with_token, part, index)
                return
            except (ConnectionFailedError, httpx.TransportError) as exc:
                if self._cancelled or attempt == policy.transient_retries:
                    raise DownloadError("the download broke", endpoint="download") from exc
                await self.client.reconnect()
                await policy.sleep(policy.backoff(attempt))
            except (RateLimitedError, ServerError) as exc:  # busy: come back when it says
                wait = policy.rate_wait(exc.retry_after) if exc.retry_after is not None \
                    else None
                if self._cancelled or attempt == policy.transient_retries or wait is None:
                    raise
                await policy.sleep(wait)

    async def _download_once(self, url: str, with_token: bool, part: Path, index: int) -> None:
        headers = await self.client.headers(auth=with_token)
        part.unlink(missing_ok=True)  # a broken earlier try starts again
        try:
            with part.open("xb") as fh:  # a new file, created with the user's umask
                await self._stream_into(url, headers, fh, index)
        except OSError as exc:
            part.unlink(missing_ok=True)
            raise _write_error(exc) from exc
        except BaseException:
            part.unlink(missing_ok=True)
            raise

    async def _stream_into(self, url: str, headers: dict[str, str], fh: IO[bytes],
                           index: int = 0) -> None:
        timeout = httpx.Timeout(30.0, read=120.0)
        share = (1 - RENDER_SHARE) / len(self.dests)
        async with self.client.http.stream("GET", url, headers=headers, timeout=timeout) as resp:
            if resp.status_code != 200:
                await resp.aread()
                try:
                    body = resp.json()
                except ValueError:
                    body = None
                raise error_for(resp.status_code, body, resp.headers, "download") or \
                    DownloadError("unexpected answer", status=resp.status_code)
            total = int(resp.headers.get("content-length") or 0)
            got = 0
            async for chunk in resp.aiter_bytes(self.client.policy.chunk_size):
                if self._cancelled:
                    raise RenderCancelledError("cancelled")
                fh.write(chunk)
                got += len(chunk)
                if total:
                    self.progress(RENDER_SHARE + share * (index + min(1.0, got / total)))
            if total and got < total:
                raise DownloadError("the download ended early", endpoint="download")
