"""Typed results of the protocol calls (DESIGN.md section 2), parsed from the ``data`` envelope.

Every parser is lenient about missing fields (a backend may omit what it does not know) and
strict about types (a wrong type becomes the field's default), so a surprising answer never
crashes the app. Nothing here holds a token except :class:`AnonymousToken`, whose ``repr``
masks it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from meme_desktop.draft import Draft, DraftError

RenderPhase = Literal["pending", "processing", "completed", "failed", "cancelled"]


def _str(raw: Mapping[str, Any], key: str, default: str = "") -> str:
    value = raw.get(key, default)
    return value if isinstance(value, str) else default


def _num(raw: Mapping[str, Any], key: str, default: float = 0.0) -> float:
    value = raw.get(key, default)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return default
    return float(value)


def mask(secret: str) -> str:
    """What a token looks like in a repr: never the token itself."""
    return "<unset>" if not secret else f"<token: {len(secret)} chars>"


@dataclass(frozen=True)
class AnonymousToken:
    """The answer of ``POST /api/auth/anonymous-token``."""

    token: str = field(repr=False)
    user_id: str = ""
    credits: float = 0.0
    expires_at: str = ""

    def __repr__(self) -> str:
        return (f"AnonymousToken(token={mask(self.token)}, user_id={self.user_id!r}, "
                f"credits={self.credits:g}, expires_at={self.expires_at!r})")

    @classmethod
    def parse(cls, data: Mapping[str, Any]) -> AnonymousToken:
        return cls(token=_str(data, "token"), user_id=_str(data, "user_id"),
                   credits=_num(data, "credits"), expires_at=_str(data, "expires_at"))


@dataclass(frozen=True)
class SessionInfo:
    """A new editing session: ``POST /api/tasks/me/with-session/nemo_agent``."""

    session_id: str
    task_id: str = ""
    user_id: str = ""

    @classmethod
    def parse(cls, data: Mapping[str, Any]) -> SessionInfo:
        return cls(session_id=_str(data, "session_id"), task_id=_str(data, "task_id"),
                   user_id=_str(data, "user_id"))


@dataclass(frozen=True)
class SessionSummary:
    """One project: a row of ``GET /api/sessions`` (an engine extension; docs/protocol.md).
    ``name`` is what the person calls it; ``cover`` the upload to show as its thumbnail."""

    session_id: str
    name: str = ""
    title: str = ""
    created_at: float = 0.0
    updated_at: float = 0.0
    duration_ms: int = 0
    width: int = 0
    height: int = 0
    segments: int = 0
    assets: int = 0
    cover: str = ""
    media_own: int = -1  # media no other project uses (they go when it is deleted); -1 unknown
    caption: str = ""  # its first caption, to tell unnamed projects apart

    @property
    def display_name(self) -> str:
        """The name to show ("" for a project that was never named)."""
        name = self.name if self.name.lower() != "project" else ""
        return name or (self.title if self.title.lower() != "project" else "")

    @classmethod
    def parse(cls, data: Mapping[str, Any]) -> SessionSummary:
        return cls(session_id=_str(data, "session_id"), name=_str(data, "task_name"),
                   title=_str(data, "title"), created_at=_num(data, "created_at"),
                   updated_at=_num(data, "updated_at"),
                   duration_ms=int(_num(data, "duration_ms")), width=int(_num(data, "width")),
                   height=int(_num(data, "height")), segments=int(_num(data, "segments")),
                   assets=int(_num(data, "assets")), cover=_str(data, "cover"),
                   media_own=int(data["media_own"]) if isinstance(data.get("media_own"), int)
                   else -1, caption=_str(data, "caption"))


@dataclass(frozen=True)
class ChatMessage:
    """One message of a session's chat history (``GET /api/sessions/<sid>/messages``)."""

    role: Literal["user", "assistant"]
    text: str

    @classmethod
    def parse(cls, data: Mapping[str, Any]) -> ChatMessage:
        role = _str(data, "role", "assistant")
        text = _str(data, "text") or _str(data, "content")
        return cls(role="user" if role == "user" else "assistant", text=text)


@dataclass(frozen=True)
class Credits:
    """``GET /api/credits/balance/simple``."""

    available: float = 0.0
    frozen: float = 0.0
    total: float = 0.0

    @classmethod
    def parse(cls, data: Mapping[str, Any]) -> Credits:
        return cls(available=_num(data, "available"), frozen=_num(data, "frozen"),
                   total=_num(data, "total"))


@dataclass(frozen=True)
class Asset:
    """One uploaded file as the backend describes it (upload answer or ``video_infos``)."""

    hash: str
    name: str
    kind: str = ""  # video / image / audio
    duration: float = 0.0
    width: int = 0
    height: int = 0
    fps: float = 0.0
    url: str = ""

    @classmethod
    def parse(cls, data: Mapping[str, Any]) -> Asset:
        url = _str(data, "cdn_url") or _str(data, "url")
        name = _str(data, "filename") or _str(data, "name") or url.rsplit("/", 1)[-1]
        return cls(hash=_str(data, "hash") or _str(data, "id") or url, name=name,
                   kind=_str(data, "file_type") or _str(data, "kind") or _str(data, "type"),
                   duration=_num(data, "duration"), width=int(_num(data, "width")),
                   height=int(_num(data, "height")), fps=_num(data, "fps"), url=url)


@dataclass(frozen=True)
class UploadResult:
    """``POST /api/upload-video/...``: the stored files."""

    files: tuple[Asset, ...]
    session_state_applied: bool = False

    @classmethod
    def parse(cls, data: Mapping[str, Any]) -> UploadResult:
        files = data.get("files", [])
        items = tuple(Asset.parse(f) for f in files if isinstance(f, Mapping)) \
            if isinstance(files, list) else ()
        return cls(files=items, session_state_applied=bool(data.get("session_state_applied")))


@dataclass(frozen=True)
class History:
    """Where a session stands in its undo history (engine extension; empty elsewhere)."""

    version: int = 0
    can_undo: bool = False
    can_redo: bool = False
    undo_label: str = ""       # what undo would undo ("move segment")
    redo_label: str = ""

    @classmethod
    def parse(cls, data: Any) -> History:
        if not isinstance(data, Mapping):
            return cls()
        return cls(version=int(_num(data, "version")), can_undo=data.get("can_undo") is True,
                   can_redo=data.get("can_redo") is True, undo_label=_str(data, "undo_label"),
                   redo_label=_str(data, "redo_label"))


@dataclass
class SessionState:
    """``GET /api/state/.../latest``: the draft and the assets of a session."""

    session_id: str
    draft: Draft
    assets: list[Asset] = field(default_factory=list)
    task_name: str = ""
    user_id: str = ""
    raw: dict[str, Any] = field(default_factory=dict, repr=False)
    history: History = field(default_factory=History)

    @property
    def names(self) -> dict[str, str]:
        """Asset hash → file name, for :func:`meme_desktop.draft.timeline_summary`."""
        return {a.hash: a.name for a in self.assets if a.hash}

    @classmethod
    def parse(cls, data: Mapping[str, Any], session_id: str = "") -> SessionState:
        state = data.get("state", data)
        state = state if isinstance(state, Mapping) else {}
        raw_draft = state.get("draft")
        try:
            draft = Draft.from_json(raw_draft, validate=False) if isinstance(raw_draft, (dict, str)) \
                and raw_draft else Draft.empty()
        except DraftError:
            draft = Draft.empty()
        infos = state.get("video_infos", [])
        assets = [Asset.parse(i) for i in infos if isinstance(i, Mapping)] \
            if isinstance(infos, list) else []
        return cls(session_id=_str(data, "session_id") or session_id, draft=draft, assets=assets,
                   task_name=_str(data, "task_name"), user_id=_str(data, "user_id"),
                   raw=dict(state), history=History.parse(data.get("history")))


@dataclass(frozen=True)
class OpsResult:
    """``POST /api/ops/...`` (engine extension): the new state, one sentence per operation
    (English and Chinese) and the version the edit made (unchanged when nothing changed)."""

    state: SessionState
    changes: tuple[tuple[str, str], ...] = ()
    version: int = 0
    changed: bool = False

    @classmethod
    def parse(cls, data: Mapping[str, Any], session_id: str = "") -> OpsResult:
        raw = data.get("state")
        state = SessionState.parse(raw if isinstance(raw, Mapping) else {}, session_id)
        rows = data.get("changes", [])
        changes = tuple((_str(c, "en"), _str(c, "zh")) for c in rows if isinstance(c, Mapping)) \
            if isinstance(rows, list) else ()
        return cls(state=state, changes=changes, version=int(_num(data, "version")),
                   changed=data.get("changed") is True)


@dataclass(frozen=True)
class RenderStatus:
    """A render job, from either status shape (``data.status`` or the older top-level one)."""

    id: str
    status: RenderPhase
    progress: float = 0.0  # 0..100
    output_url: str = ""
    error: str = ""
    retry_after: float | None = None  # the answer's Retry-After: poll no sooner than this
    outputs: tuple[str, ...] = ()  # a job making several formats: each file's URL, in order
    error_code: int | None = None  # a failed job's protocol code (engine extension ``errorCode``)

    @property
    def finished(self) -> bool:
        return self.status in ("completed", "failed", "cancelled")

    @classmethod
    def parse(cls, body: Mapping[str, Any], job_id: str = "",
              retry_after: float | None = None) -> RenderStatus:
        """Accept ``{"data": {"status", "progress", "outputUrl"}}`` and the older
        ``{"status": ..., "output": {"url": ...}}``."""
        data = body.get("data")
        src: Mapping[str, Any] = data if isinstance(data, Mapping) and "status" in data else body
        status = _str(src, "status", "pending").lower()
        aliases = {"done": "completed", "success": "completed", "succeeded": "completed",
                   "complete": "completed", "running": "processing", "queued": "pending",
                   "error": "failed", "canceled": "cancelled"}
        status = aliases.get(status, status)
        if status not in ("pending", "processing", "completed", "failed", "cancelled"):
            status = "processing"
        output = src.get("output")
        url = _str(src, "outputUrl") or _str(src, "output_url") or (
            _str(output, "url") if isinstance(output, Mapping) else "")
        err = src.get("error", "")
        if isinstance(err, Mapping):
            err = _str(err, "message")
        outputs = src.get("outputs")
        urls = tuple(_str(o, "url") for o in outputs if isinstance(o, Mapping)) \
            if isinstance(outputs, list) else ()
        code = src.get("errorCode")
        return cls(id=_str(src, "id") or job_id, status=status,  # type: ignore[arg-type]
                   progress=_num(src, "progress"), output_url=url,
                   error=err if isinstance(err, str) else "", retry_after=retry_after,
                   outputs=urls, error_code=code if isinstance(code, int) and
                   not isinstance(code, bool) else None)
