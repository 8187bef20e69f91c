"""Typed errors of the engine's HTTP protocol and the one place that turns them into responses.

Media and render problems are :class:`meme_desktop.engine.errors.EngineError` subclasses (owned by
the media/render code); this module adds the protocol's own failures (bad token, unknown
session, malformed request, rate limit, unknown or duplicate render job, busy session).
:func:`error_payload` maps *any* of them to ``(http_status, code, message)``; the sentences for
protocol errors live in :func:`protocol_message`, those for media/render errors in
``engine.errors.user_message``. Nothing branches on message text.
"""

from __future__ import annotations

from typing import Any

from meme_desktop.draft.errors import DraftError
from meme_desktop.engine.errors import (
    CODE_DISK_FULL,
    CODE_TOO_LARGE,
    DISK_FULL_SENTENCE,
    EngineError,
    is_disk_full,
    user_message,
)

CODE_OK = 0
CODE_BAD_TOKEN = 1001
CODE_NO_SESSION = 1002
CODE_BUSY = 1003  # engine extension: another turn is running in this session
CODE_BAD_REQUEST = 400
CODE_NOT_FOUND = 404
CODE_CONFLICT = 409
CODE_FORBIDDEN = 403
CODE_BODY_TOO_LARGE = 413
CODE_RATE_LIMIT = 429
CODE_INTERNAL = 500


class ProtocolError(Exception):
    """Base: ``code`` is the protocol code, ``status`` the HTTP status."""

    code: int = CODE_INTERNAL
    status: int = 500

    def __init__(self, detail: str = "") -> None:
        self.detail = detail  # for logs only; never contains a token
        super().__init__(detail or type(self).__name__)


class BadTokenError(ProtocolError):
    """No bearer token, an unknown one, or an expired anonymous token."""

    code = CODE_BAD_TOKEN
    status = 401

    def __init__(self, expired: bool = False, missing: bool = False) -> None:
        self.expired = expired
        self.missing = missing
        super().__init__("expired" if expired else "missing" if missing else "unknown token")


class SessionNotFoundError(ProtocolError):
    """The session id is unknown, or belongs to another user."""

    code = CODE_NO_SESSION
    status = 404

    def __init__(self, session_id: str) -> None:
        self.session_id = session_id
        super().__init__(session_id)


class BadRequestError(ProtocolError):
    """Malformed JSON, a missing field or a value of the wrong kind. ``problem`` is a phrase."""

    code = CODE_BAD_REQUEST
    status = 400

    def __init__(self, problem: str) -> None:
        self.problem = problem
        super().__init__(problem)


class MissingClientIdError(BadRequestError):
    """``POST /api/auth/anonymous-token`` without ``X-Client-Id``."""

    def __init__(self) -> None:
        super().__init__("the X-Client-Id header is required")


class RateLimitedError(ProtocolError):
    """One anonymous token per client id per 7 days (``per_address``: too many new tokens
    from one network address in the last hour)."""

    code = CODE_RATE_LIMIT
    status = 429

    def __init__(self, retry_after: int, per_address: bool = False) -> None:
        self.retry_after = retry_after
        self.per_address = per_address
        super().__init__(f"retry after {retry_after}s" + (" (address)" if per_address else ""))


class BodyTooLargeError(ProtocolError):
    """A JSON body over the limit; answered before the rest of it is read."""

    code = CODE_BODY_TOO_LARGE
    status = 413

    def __init__(self, limit: int) -> None:
        self.limit = limit
        super().__init__(f"body over {limit} bytes")


class ForeignHostError(ProtocolError):
    """A ``Host`` header naming something other than this engine (DNS rebinding)."""

    code = CODE_FORBIDDEN
    status = 403

    def __init__(self, host: str) -> None:
        self.host = host[:100]
        super().__init__(f"host {self.host!r}")


class ForeignOriginError(ProtocolError):
    """A request sent by a web page of another site (an ``Origin`` header not our own)."""

    code = CODE_FORBIDDEN
    status = 403

    def __init__(self, origin: str) -> None:
        self.origin = origin[:100]
        super().__init__(f"origin {self.origin!r}")


class AnonymousDisabledError(ProtocolError):
    """The engine was started without ``--allow-anonymous``."""

    code = CODE_BAD_TOKEN
    status = 403


class JobNotFoundError(ProtocolError):
    """No render job with that id (for this user)."""

    code = CODE_NOT_FOUND
    status = 404

    def __init__(self, job_id: str) -> None:
        self.job_id = job_id
        super().__init__(job_id)


class DuplicateJobError(ProtocolError):
    """A render id that was already submitted."""

    code = CODE_CONFLICT
    status = 409

    def __init__(self, job_id: str) -> None:
        self.job_id = job_id
        super().__init__(job_id)


class JobNotReadyError(ProtocolError):
    """Download of a render that has not completed (or whose file is gone)."""

    code = CODE_CONFLICT
    status = 409

    def __init__(self, job_id: str, status: str) -> None:
        self.job_id = job_id
        self.job_status = status
        super().__init__(f"{job_id} is {status}")


class MediaNotFoundError(ProtocolError):
    """``/media/<hash>`` for a hash the store does not hold."""

    code = CODE_NOT_FOUND
    status = 404


class SessionBusyError(ProtocolError):
    """A second chat turn while one is still running in the same session."""

    code = CODE_BUSY
    status = 409


class OpsRefusedError(BadRequestError):
    """An operation list that is malformed or cannot be carried out on the current draft.
    ``index`` is the operation's position (-1: the list itself); nothing was changed."""

    def __init__(self, index: int, op: str, problem: str, field: str = "") -> None:
        self.index = index
        self.op = op
        self.field = field
        super().__init__(problem)


class UrlRefusedError(ProtocolError):
    """A URL import the engine will not fetch (scheme, private address, unreachable)."""

    code = CODE_BAD_REQUEST
    status = 400

    def __init__(self, url: str, reason: str) -> None:
        self.url = url
        self.reason = reason  # scheme, malformed, private, dns, http, network, redirects
        super().__init__(f"{reason}: {url}")


_URL_REASONS = {
    "scheme": "only http and https links can be imported",
    "malformed": "it is not a well-formed link",
    "private": "it points to this computer or a private network, which is not allowed",
    "dns": "the host name could not be found",
    "http": "the server did not return the file",
    "network": "the download failed or timed out",
    "redirects": "it redirects too many times",
}


def protocol_message(exc: ProtocolError) -> str:
    """The sentence for a protocol error (the only place these sentences live)."""
    if isinstance(exc, BadTokenError):
        if exc.expired:
            return "The access token has expired; request a new one."
        if exc.missing:
            return "Authorization required: send 'Authorization: Bearer <token>'."
        return "The access token is not valid for this engine."
    if isinstance(exc, SessionNotFoundError):
        return f"Session “{exc.session_id}” was not found; start a new session."
    if isinstance(exc, OpsRefusedError):
        where = f"ops[{exc.index}]" if exc.index >= 0 else "ops"
        if exc.op:
            where += f" ({exc.op})"
        if exc.field:
            where += f", field '{exc.field}'"
        return f"Nothing was changed: {where}: {exc.problem.rstrip('.')}."
    if isinstance(exc, BadRequestError):
        return f"Bad request: {exc.problem}."
    if isinstance(exc, RateLimitedError):
        if exc.per_address:
            return ("Too many new anonymous tokens from your network address; "
                    f"try again in {exc.retry_after} seconds or reuse your token.")
        return ("Only one anonymous token per client id every 7 days; "
                f"try again in {exc.retry_after} seconds or reuse your token.")
    if isinstance(exc, BodyTooLargeError):
        return (f"The request body is over the {exc.limit // (1024 * 1024)} MB limit for JSON "
                "(drafts included); send less, or upload media as files.")
    if isinstance(exc, ForeignHostError):
        return ("This engine only answers requests addressed to its own name "
                "(localhost, 127.0.0.1 or its configured address).")
    if isinstance(exc, ForeignOriginError):
        return "This engine does not answer requests sent by web pages of other sites."
    if isinstance(exc, AnonymousDisabledError):
        return "This engine does not hand out anonymous tokens; use the engine's token."
    if isinstance(exc, JobNotFoundError):
        return f"There is no render job “{exc.job_id}”."
    if isinstance(exc, DuplicateJobError):
        return f"A render with the id “{exc.job_id}” was already submitted; use a new id."
    if isinstance(exc, JobNotReadyError):
        return f"The render “{exc.job_id}” has no file to download (it is {exc.job_status})."
    if isinstance(exc, MediaNotFoundError):
        return "That media file is not in this engine's store."
    if isinstance(exc, SessionBusyError):
        return "Still working on the previous message in this project; wait for it to finish."
    if isinstance(exc, UrlRefusedError):
        return f"Cannot import {exc.url}: {_URL_REASONS.get(exc.reason, exc.reason)}."
    return "Something went wrong in the engine; please try again."


def error_payload(exc: BaseException) -> tuple[int, int, str]:
    """``(http_status, code, message)`` for any error the engine can answer with."""
    if isinstance(exc, ProtocolError):
        return exc.status, exc.code, protocol_message(exc)
    if isinstance(exc, DraftError):
        return 400, CODE_BAD_REQUEST, user_message(exc)
    if isinstance(exc, EngineError):
        status = {CODE_TOO_LARGE: 413, CODE_DISK_FULL: 507}.get(
            exc.code, 400 if exc.code < 5000 else 500)
        return status, exc.code, user_message(exc)
    if is_disk_full(exc):
        return 507, CODE_DISK_FULL, DISK_FULL_SENTENCE
    return 500, CODE_INTERNAL, user_message(exc)


def error_body(exc: BaseException, proxy: bool = False, data: Any = None) -> tuple[int, dict]:
    """The JSON error envelope: REST ``{code, message, data}``; render-proxy adds ``success``."""
    status, code, message = error_payload(exc)
    body: dict[str, Any] = {"code": code, "message": message, "data": data}
    if proxy:
        body = {"success": False, "code": code, "message": message, "error": message,
                "data": data}
    return status, body
