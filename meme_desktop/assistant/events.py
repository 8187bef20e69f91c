"""The public types of the assistant: what the window and the CLI receive and pass in.

These are the stable contract of :class:`meme_desktop.assistant.service.Assistant`
(docs/architecture.md). Everything here is plain data: no Qt, no I/O, no tokens.

A chat turn (``Assistant.send``) yields, in order, any of:

- :class:`TextDelta` — a piece of the assistant's reply, to append to the current bubble;
- :class:`Echo` — a sentence sent on the person's behalf (a gesture on a backend without the
  ops endpoint): show it as their message;
- :class:`Notice` — a separate short line ("⏳ Still working…", "Reconnected.");
- :class:`StateChanged` — the timeline changed: redraw the track view from ``state``;
- :class:`ActionRequest` — the reply or the routing asks the front end to act: ``export``
  (open the save dialog / ask for a path), ``upload`` (open the file picker), ``status``
  (the summary text follows as a TextDelta), ``credits`` (the credits text follows);
- :class:`ErrorEvent` — one user sentence; ``retryable`` says whether a "Try again" makes sense;
- :class:`Choices` — chips to show under the reply (each sends its message when clicked);
- :class:`NoEffect` — the chat turn left the timeline as it was (``message`` names the
  instruction); the window and ``chat`` say so unless the reply already accounts for it
  (``answered``), ``make`` stops there and exports nothing;
- :class:`TurnDone` — always last.

Text that starts a new paragraph (a follow-up reply, a summary) begins with ``"\n"``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from meme_desktop.api.models import Asset, ChatMessage, Credits, SessionState

__all__ = [
    "AssistantError", "NothingToExportError", "NotConnectedError",
    "ActionKind", "ActionRequest", "Asset", "AssistantEvent", "ChatMessage", "Chip", "Choices",
    "ConnectionInfo", "Credits", "Echo", "ErrorEvent", "ExportOptions", "NoEffect", "Notice",
    "ProgressCallback", "SessionState",
    "StateChanged", "TextDelta", "TurnDone", "UploadOutcome", "UploadProgress",
]

ActionKind = Literal["export", "upload", "status", "credits"]

# export / preview progress: a fraction 0.0 .. 1.0
ProgressCallback = Callable[[float], None]
# upload progress: (file, fraction 0.0 .. 1.0 of that file)
UploadProgress = Callable[[Path, float], None]


@dataclass(frozen=True)
class TextDelta:
    """A piece of the assistant's reply (already stripped of tool events)."""

    text: str


@dataclass(frozen=True)
class Echo:
    """A chat sentence the assistant sent for the person (a gesture, in words)."""

    text: str


@dataclass(frozen=True)
class Notice:
    """A short status line shown apart from the reply ("⏳ Still working…")."""

    text: str


@dataclass(frozen=True)
class StateChanged:
    """The session's timeline or media changed; ``state`` is the new one."""

    state: SessionState


@dataclass(frozen=True)
class ActionRequest:
    """The front end should act: open the export dialog, the file picker, ..."""

    kind: ActionKind


@dataclass(frozen=True)
class ErrorEvent:
    """One sentence for the person; ``retryable`` when trying again may help."""

    message: str
    retryable: bool = False


@dataclass(frozen=True)
class Chip:
    """A one-click choice under a reply or the greeting: what it shows, the message it sends,
    and (starters) whether it can apply now and why not."""

    label: str
    text: str
    enabled: bool = True
    tooltip: str = ""


@dataclass(frozen=True)
class Choices:
    """Chips offered with the reply (a meme's alternative captions, next steps)."""

    chips: tuple[Chip, ...]


@dataclass(frozen=True)
class NoEffect:
    """The chat turn changed nothing; ``message`` says so, naming ``instruction``.

    ``answered``: the reply itself accounts for that (it asked a question back, or it is the
    built-in assistant's, which never claims a change it did not make), so a conversation need
    not repeat it. A hosted backend's reply that changed nothing is not trusted to say so."""

    instruction: str
    message: str
    answered: bool = False


@dataclass(frozen=True)
class TurnDone:
    """The turn is over (always the last event of ``send``)."""


AssistantEvent = (TextDelta | Echo | Notice | StateChanged | ActionRequest | ErrorEvent
                  | NoEffect | Choices | TurnDone)


@dataclass(frozen=True)
class ConnectionInfo:
    """What ``connect`` / ``new_project`` found: shown in the status bar, never in the chat."""

    backend: Literal["local", "cloud"]
    session_id: str
    credits: Credits | None = None
    anonymous: bool = False
    user_id: str = ""
    restored: bool = False  # True when the last session was reopened
    history: tuple[ChatMessage, ...] = ()  # the restored chat, oldest first (may be empty)
    notices: tuple[str, ...] = ()  # one-time sentences for the person (e.g. no keyring)


@dataclass(frozen=True)
class ExportOptions:
    """What the save dialog / the CLI chose."""

    format: Literal["mp4", "gif"] = "mp4"
    quality: Literal["preview", "fast", "high", "best"] = "high"
    preset: str | None = None  # tiktok/vertical, square, feed, landscape, discord, whatsapp, gif
    max_mb: float | None = None  # size cap (MP4)

    @staticmethod
    def for_path(path: Path, **kwargs: object) -> ExportOptions:
        """Options whose format follows the file name (``.gif`` → GIF)."""
        fmt = "gif" if path.suffix.lower() == ".gif" else "mp4"
        return ExportOptions(format=fmt, **kwargs)  # type: ignore[arg-type]


@dataclass(frozen=True)
class UploadOutcome:
    """One file of an upload: the stored asset, or the sentence saying why it was refused."""

    path: Path
    asset: Asset | None = None
    error: str | None = None
    retryable: bool = False
    extra_assets: tuple[Asset, ...] = field(default=())

    @property
    def ok(self) -> bool:
        return self.asset is not None


class AssistantError(Exception):
    """A request the assistant itself refuses (not the backend)."""


class NothingToExportError(AssistantError):
    """Export asked for while the timeline is empty."""


class NotConnectedError(AssistantError):
    """A call made before ``connect()``."""
