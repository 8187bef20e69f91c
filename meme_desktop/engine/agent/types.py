"""The agent's data types: the contract types of docs/architecture.md plus the internal ones.

``AssetRef``, ``ToolEvent``, ``AgentTurn`` and ``History`` are the public contract used by the
engine server. ``Change`` (what applying one typed operation did, in English and Chinese) and
``Problem`` (a typed reason an operation cannot be carried out, with the question to ask) are
shared by the applier and the understanders. What an understander returns (``Plan``,
``Question``, ``Step``) and the ``Understander`` protocol itself are here too.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from meme_desktop.draft import Draft
from meme_desktop.draft.ops import Op
from meme_desktop.engine.agent.recent import Recent


@dataclass
class AssetRef:
    """One uploaded file, newest last. ``kind`` is "video", "image" or "audio"."""

    hash: str
    name: str
    kind: str
    duration: float = 0.0
    width: int = 0
    height: int = 0
    has_audio: bool = False

    @property
    def visual(self) -> bool:
        return self.kind in ("video", "image")

    @property
    def ms(self) -> int:
        """Length in milliseconds (0 for still images)."""
        return max(0, round(self.duration * 1000))


@dataclass
class ToolEvent:
    """One operation, streamed as a ``tool_call`` (name, args) and a ``tool_result`` (result)."""

    name: str
    args: dict[str, Any] = field(default_factory=dict)
    result: dict[str, Any] = field(default_factory=dict)


@dataclass
class Suggestion:
    """A next step offered with a turn (a chip in the window): what it shows and the message
    it sends when chosen."""

    label: str
    text: str

    def to_json(self) -> dict[str, str]:
        return {"label": self.label, "text": self.text}


@dataclass
class MemeRecord:
    """What the meme maker did in a turn, kept in the session's transcript so later turns
    ("another one", "different format", a chosen alternative) know what was made and offered.

    ``captions`` / ``alternatives`` are caption texts as shown, one per slot of ``format``;
    ``caption_ids`` / ``sound_ids`` / ``music_ids`` the segments made; ``made`` a fingerprint
    of the draft right after the turn; ``base`` the draft the meme was built on (wire JSON);
    ``wishes`` what the person asked for explicitly (kept by every variant).
    """

    action: str                                  # make, another, funnier, shorter, format,
    format: str                                  # language, sound, pick
    topic: str
    topic_id: str
    lang: str
    captions: list[str] = field(default_factory=list)
    alternatives: list[list[str]] = field(default_factory=list)
    caption_ids: list[str] = field(default_factory=list)
    sound_ids: list[str] = field(default_factory=list)
    music_ids: list[str] = field(default_factory=list)
    sounds: list[str] = field(default_factory=list)
    music: str = ""
    media: list[str] = field(default_factory=list)
    wishes: dict[str, Any] = field(default_factory=dict)
    made: str = ""
    base: dict[str, Any] | None = None
    seed: int = 0

    def to_json(self) -> dict[str, Any]:
        return {k: (list(v) if isinstance(v, list) else v) for k, v in self.__dict__.items()}

    @classmethod
    def from_json(cls, raw: Any) -> MemeRecord | None:
        """A record read back from a transcript; None for anything malformed."""
        if not isinstance(raw, dict):
            return None
        known = {k: raw[k] for k in cls.__dataclass_fields__ if k in raw}
        try:
            rec = cls(**known)
        except TypeError:
            return None
        if not (isinstance(rec.captions, list) and all(isinstance(c, str) for c in rec.captions)
                and isinstance(rec.alternatives, list)
                and all(isinstance(a, list) and all(isinstance(c, str) for c in a)
                        for a in rec.alternatives)):
            return None
        return rec


@dataclass
class AgentTurn:
    """The outcome of one chat turn."""

    events: list[ToolEvent]          # one per operation, streamed as tool_call + tool_result
    draft: Draft | None              # the new draft to save as one version, or None
    history: int                     # -1 undo, +1 redo, 0 neither (the store moves)
    reply: str                       # the text reply (what changed, the caption, a question)
    suggestions: list[Suggestion] = field(default_factory=list)   # chips offered with it
    meme: MemeRecord | None = None   # what the meme maker made or changed, if it acted


class History(Protocol):
    """The store's version history, read-only for the agent."""

    def peek(self, step: int) -> Draft | None:
        """step -1: the version undo would restore; +1: the version redo would restore."""
        ...


@dataclass
class Change:
    """What applying one operation did: a short sentence (EN and ZH) and the tool result.

    Consecutive changes with the same non-empty ``group`` are said once in a chat reply, as
    ``many_en`` / ``many_zh`` with ``{n}`` (how many) and ``{items}`` (their ``item``s).
    """

    en: str
    zh: str
    result: dict[str, Any] = field(default_factory=dict)
    group: str = ""
    many_en: str = ""
    many_zh: str = ""
    item: str = ""
    item_zh: str = ""


class Problem(Exception):
    """An operation that cannot be carried out; ``en`` / ``zh`` is the question to ask.

    ``index`` is set by :func:`apply_ops` to the position of the operation in its list.
    """

    def __init__(self, en: str, zh: str) -> None:
        super().__init__(en)
        self.en = en
        self.zh = zh
        self.index = -1
        self.op = ""


@dataclass
class Note:
    """A sentence an understander adds to the reply in its place among the operations:
    something already so, or (``problem``) a part of the request that was not done."""

    en: str
    zh: str
    problem: bool = False


Step = Op | Note


@dataclass
class Plan:
    """Operations to apply as one draft version, with notes in their places.

    ``undo_first``: "undo that and ...": the operations apply to the version before.
    ``history``: -1 / +1 for a plain undo / redo (no operations).
    ``base``: the operations apply to this draft instead of the current one (a meme rebuilt
    on what was there before it).
    """

    steps: list[Step] = field(default_factory=list)
    undo_first: bool = False
    history: int = 0
    base: Draft | None = None

    @property
    def ops(self) -> list[Op]:
        return [s for s in self.steps if isinstance(s, Op)]


@dataclass
class Question:
    """The understander could not act: the question or options to offer instead."""

    en: str
    zh: str


Understanding = Plan | Question


def tool_events(ops: Sequence[Op], changes: Sequence[Change]) -> list[ToolEvent]:
    """One event per applied operation: its JSON fields, and its change's result."""
    return [ToolEvent(op.NAME, {k: v for k, v in op.to_json().items() if k != "op"},
                      {"ok": True, **change.result})
            for op, change in zip(ops, changes, strict=True)]


class Understander(Protocol):
    """Text + draft + assets → typed operations, or a question. Never touches the store."""

    def understand(self, text: str, draft: Draft, assets: Sequence[AssetRef],
                   history: History | None, recent: Recent | None = None) -> Understanding:
        """``recent``: the session's last exchange, for "it", "again", "the other one too"."""
        ...
