"""Typed errors of the protocol client, and the ONE function that maps an answer to them.

Each documented code and status has its own class (DESIGN.md section 2): 1001, 1002, 2001,
4001, 4002, HTTP 400 (missing client id), 402, 429; plus a connection branch, a timeout branch,
stream and render failures. Errors carry structured fields only (code, status, job id, the
seconds of a ``Retry-After``, ...): never a token, never a header, never the server's free text
as the thing callers match on. Sentences for people are made in
:mod:`meme_desktop.assistant.messages`.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from email.utils import parsedate_to_datetime
from typing import Any


class ApiError(Exception):
    """Base class: something the backend (or the way to it) refused or broke."""

    code: int = -1  # protocol code when there is one
    retryable: bool = False

    def __init__(self, detail: str = "", *, status: int = 0, code: int | None = None,
                 endpoint: str = "", retry_after: float | None = None) -> None:
        self.status = status
        if code is not None:
            self.code = code
        self.endpoint = endpoint
        self.detail = detail
        # seconds the server asked us to wait (its Retry-After header), when it said
        self.retry_after = retry_after
        super().__init__(self._describe())

    def _describe(self) -> str:
        parts = [type(self).__name__]
        if self.code not in (-1, 0):
            parts.append(f"code {self.code}")
        if self.status:
            parts.append(f"HTTP {self.status}")
        if self.endpoint:
            parts.append(f"on {self.endpoint}")
        return " ".join(parts)


class TokenInvalidError(ApiError):
    """1001: bad or expired token."""

    code = 1001


class SignInUnavailableError(TokenInvalidError):
    """No anonymous token can be had now: the service gives one per client id per 7 days
    (HTTP 429 on anonymous-token). ``renewal`` when an expired token was being replaced;
    ``retry_after`` the seconds until a new one may be asked for, when the service said;
    ``repeat`` when the person was already told in this run (no request was made again)."""

    def __init__(self, detail: str = "", *, renewal: bool = False, repeat: bool = False,
                 **kw: Any) -> None:
        self.renewal = renewal
        self.repeat = repeat
        super().__init__(detail, **kw)


class SessionNotFoundError(ApiError):
    """1002: the session does not exist (any more)."""

    code = 1002


class SessionBusyError(ApiError):
    """1003 (engine extension): another turn is still running in this session."""

    code = 1003
    retryable = True


class NoCreditsError(ApiError):
    """2001: no credits left."""

    code = 2001


class UnsupportedFileError(ApiError):
    """4001: the file type is not accepted."""

    code = 4001


class FileTooLargeError(ApiError):
    """4002: the file is over the size limit (200 MB)."""

    code = 4002


class UnreadableFileError(ApiError):
    """4003 (engine extension): the file is damaged, empty or not what its name says."""

    code = 4003


class ConflictError(ApiError):
    """HTTP 409: e.g. a render id that was already used."""


class BadRequestError(ApiError):
    """HTTP 400 (other than a missing client id)."""


class MissingClientIdError(BadRequestError):
    """HTTP 400 on anonymous-token: the X-Client-Id header was missing or refused."""


class ExportBlockedError(ApiError):
    """HTTP 402: export blocked on the free plan (not a credits problem)."""


class RateLimitedError(ApiError):
    """HTTP 429: too many requests; ``retry_after`` seconds when the server said."""

    retryable = True


class NotFoundError(ApiError):
    """HTTP 404 without a protocol code (e.g. an unknown render id)."""


class ServerError(ApiError):
    """HTTP 5xx: the backend failed."""

    retryable = True


class DiskFullError(ApiError):
    """5007 (engine extension, HTTP 507): no space left where the engine keeps its files."""

    code = 5007


class UnknownApiError(ApiError):
    """A non-zero code or an error status this client does not know."""


class ProtocolError(ApiError):
    """The answer was not what the protocol says (not JSON, no data, ...)."""


class ConnectionFailedError(ApiError):
    """The backend could not be reached, or the connection broke. ``sent`` is False when no
    connection was made at all, so the backend cannot have seen the request."""

    retryable = True
    sent = True


class RequestTimeoutError(ApiError):
    """The backend did not answer in time."""

    retryable = True


class BackendUnavailableError(ConnectionFailedError):
    """The embedded engine could not be started (or keeps dying)."""

    retryable = False


class StreamInterruptedError(ConnectionFailedError):
    """A chat turn's event stream broke before the server closed it."""


class StreamTimeoutError(RequestTimeoutError):
    """A chat turn sent only heartbeats for too long, or ran over its total limit."""

    def __init__(self, detail: str = "", *, heartbeats_only: bool = False, **kw: Any) -> None:
        self.heartbeats_only = heartbeats_only
        super().__init__(detail, **kw)


class RenderFailedError(ApiError):
    """The render job failed (after the one retry with a new id); 5001 from the engine."""

    code = 5001

    def __init__(self, detail: str = "", *, job_id: str = "", **kw: Any) -> None:
        self.job_id = job_id
        super().__init__(detail, **kw)


class RenderTimeoutError(RequestTimeoutError):
    """The render did not finish within the polling bound."""


class RenderCancelledError(ApiError):
    """The render was cancelled (by the person or the backend)."""


class DownloadError(ConnectionFailedError):
    """The finished file could not be downloaded or written."""


class OutputNotWritableError(ApiError):
    """The destination folder cannot be written."""


class DestinationFullError(OutputNotWritableError):
    """The disk of the destination folder has no room for the video."""


class LocalFileError(ApiError):
    """A local file to upload is missing or cannot be read."""

    def __init__(self, detail: str = "", *, name: str = "", **kw: Any) -> None:
        self.name = name
        super().__init__(detail, **kw)


CODE_ERRORS: dict[int, type[ApiError]] = {
    1001: TokenInvalidError,
    1002: SessionNotFoundError,
    1003: SessionBusyError,
    2001: NoCreditsError,
    4001: UnsupportedFileError,
    4002: FileTooLargeError,
    4003: UnreadableFileError,
    5001: RenderFailedError,
    5007: DiskFullError,
}


def failed_render_error(status_error: str, code: int | None, job_id: str) -> ApiError:
    """The error of a failed render job: the kind its ``errorCode`` names (5007: the engine's
    disk is full), else :class:`RenderFailedError`."""
    cls = CODE_ERRORS.get(code) if code is not None else None
    if cls is None or cls is RenderFailedError:
        return RenderFailedError(status_error, job_id=job_id)
    return cls(status_error)


def error_from_exception(exc: BaseException, endpoint: str = "",
                         streaming: bool = False) -> ApiError:
    """The typed error for a transport failure (``httpx`` exception): the timeout branch or the
    connection branch; ``streaming`` when an event stream had already started."""
    import httpx

    if isinstance(exc, httpx.ConnectError) and not streaming:
        error = ConnectionFailedError("cannot reach the backend", endpoint=endpoint)
        error.sent = False
        return error
    if isinstance(exc, httpx.TimeoutException) and not streaming:
        return RequestTimeoutError("no answer in time", endpoint=endpoint)
    if streaming:
        return StreamInterruptedError("the stream broke", endpoint=endpoint)
    return ConnectionFailedError("cannot reach the backend", endpoint=endpoint)


def retry_after(headers: Mapping[str, str]) -> float | None:
    """The seconds a ``Retry-After`` header asks for (a number or an HTTP date), or None.

    Not capped: the client decides whether a wait that long is worth it (``Policy``)."""
    value = headers.get("retry-after") or headers.get("Retry-After")
    if value is None:
        return None
    try:
        seconds = float(value)
    except ValueError:
        try:
            seconds = parsedate_to_datetime(value).timestamp() - time.time()
        except (TypeError, ValueError, IndexError, OverflowError):
            return None
    if seconds != seconds:  # NaN
        return None
    return max(0.0, seconds)


def error_for(status: int, body: Any, headers: Mapping[str, str] | None = None,
              endpoint: str = "") -> ApiError | None:
    """The typed error an answer means, or None when it is a success.

    ``body`` is the decoded JSON (or None). A protocol ``code`` wins over the HTTP status,
    since the hosted backend sometimes answers an error code with HTTP 200.
    """
    headers = headers or {}
    code: int | None = None
    success: bool | None = None
    detail = ""
    if isinstance(body, Mapping):
        raw_code = body.get("code")
        if isinstance(raw_code, int) and not isinstance(raw_code, bool):
            code = raw_code
        if isinstance(body.get("success"), bool):
            success = body["success"]
        message = body.get("message") or body.get("error") or ""
        detail = message if isinstance(message, str) else ""
    kw: dict[str, Any] = {"status": status, "endpoint": endpoint,
                          "retry_after": retry_after(headers)}
    if code is not None and code != 0:
        cls = CODE_ERRORS.get(code)
        if cls is not None:
            return cls(detail, **kw)
    if status == 400:
        if endpoint.endswith("anonymous-token"):
            return MissingClientIdError(detail, **kw)
        return BadRequestError(detail, code=code, **kw)
    if status in (401, 403):
        return TokenInvalidError(detail, **kw)
    if status == 402:
        return ExportBlockedError(detail, **kw)
    if status == 404:
        return NotFoundError(detail, code=code, **kw)
    if status == 409:
        return ConflictError(detail, code=code, **kw)
    if status == 413:
        return FileTooLargeError(detail, **kw)
    if status == 415:
        return UnsupportedFileError(detail, **kw)
    if status == 429:
        return RateLimitedError(detail, **kw)
    if status == 507:
        return DiskFullError(detail, **kw)
    if status >= 500:
        return ServerError(detail, code=code, **kw)
    if status >= 400 or (code is not None and code != 0) or success is False:
        return UnknownApiError(detail, code=code, **kw)
    return None
