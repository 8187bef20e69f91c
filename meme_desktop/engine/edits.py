"""Edits of a session's draft, by chat turn or by a list of typed operations, one at a time.

Both paths read the current draft and the session's uploads, hand them to the agent
(``agent.respond`` for a message, ``agent.applier.apply_ops`` for operations) and save the
result as ONE new version with a short label ("move segment") that undo/redo tooltips show.
A per-session lock keeps a gesture from interleaving with a chat turn. With a person's own
model configured, a message the rules do not fully understand is sent to the model before the
lock is taken (``llm.ModelUnderstander.prefetch``), so a slow model never holds up a gesture;
it also writes captions for the meme maker (``llm.ModelSource``), asked during the turn (a
gesture waits at most the model's timeout behind a meme being made).
Blocking: the routes call these in a worker thread.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any

from meme_desktop.draft import Draft, validate
from meme_desktop.draft.ops import Op
from meme_desktop.engine.agent import (
    AgentTurn,
    AssetRef,
    MakerMemory,
    Recent,
    respond,
    suggestions_event,
)
from meme_desktop.engine.agent.applier import apply_ops
from meme_desktop.engine.agent.llm import ModelClient, ModelSource, ModelUnderstander
from meme_desktop.engine.agent.maker import MAKER, Maker, TemplateWriter, format_catalogue
from meme_desktop.engine.agent.types import Problem
from meme_desktop.engine.protocol_errors import OpsRefusedError
from meme_desktop.engine.store import SessionHistory, Store

_LOCKS: dict[str, threading.Lock] = {}
_LOCKS_GUARD = threading.Lock()


def session_lock(session_id: str) -> threading.Lock:
    """The lock that serialises every edit of one session."""
    with _LOCKS_GUARD:
        return _LOCKS.setdefault(session_id, threading.Lock())


def asset_refs(store: Store, session_id: str) -> list[AssetRef]:
    """The session's uploads as the agent sees them, oldest first."""
    return [AssetRef(hash=a.hash, name=a.name, kind=a.kind,
                     duration=float(a.info.get("duration", 0.0)),
                     width=int(a.info.get("width", 0)), height=int(a.info.get("height", 0)),
                     has_audio=bool(a.info.get("has_audio", False)))
            for a in store.session_assets(session_id)]


def current_draft(store: Store, session_id: str) -> Draft:
    return Draft.from_json(store.draft(session_id) or Draft.empty().to_json(), validate=False)


def label_for(op_names: list[str]) -> str:
    """``move segment``, ``add caption and add sound``, ``add media and 3 more``: what undo
    would undo, from the names of a version's operations."""
    names = list(dict.fromkeys(name.replace("_", " ") for name in op_names))
    if len(names) <= 2:
        return " and ".join(names)
    return f"{names[0]} and {len(names) - 1} more"


def chat_turn(store: Store, session_id: str, text: str, model: ModelClient | None = None,
              cancel: threading.Event | None = None) -> tuple[AgentTurn, list[dict[str, Any]]]:
    """One chat message: the agent's turn, saved with its reply in one transaction.
    Returns the turn and its ``tool_call`` / ``tool_result`` events (typed operations).
    ``model``: a person's own model for what the rules leave; ``cancel`` set: stop waiting
    for it (the person closed the chat stream)."""
    helper = ModelUnderstander(model, cancel=cancel, formats=format_catalogue()) \
        if model is not None else None
    maker = Maker(sources=[ModelSource(model, cancel), TemplateWriter()]) if model is not None \
        else MAKER
    if helper is not None:
        helper.prefetch(text, current_draft(store, session_id), asset_refs(store, session_id),
                        SessionHistory(store, session_id))
    with session_lock(session_id):
        history = SessionHistory(store, session_id)
        session = store.session(session_id)
        language = session.language if session is not None else "en"
        messages = store.messages(session_id)
        memory = MakerMemory.from_messages(messages, language)
        recent = Recent.from_messages(messages)
        draft, assets = current_draft(store, session_id), asset_refs(store, session_id)
        if helper is None:
            turn = respond(text, draft, assets, history, memory=memory, language=language,
                           recent=recent)
        else:
            turn = helper.annotate(respond(text, draft, assets, history, helper,
                                           memory=memory, language=language, maker=maker,
                                           recent=recent),
                                   text)
        new_json: dict[str, Any] | None = None
        if turn.draft is not None:
            validate(turn.draft)  # DraftError: nothing is saved
            new_json = turn.draft.to_json()
        tools: list[dict[str, Any]] = []
        for ev in turn.events:
            tools.append({"type": "tool_call", "name": ev.name, "args": ev.args})
            tools.append({"type": "tool_result", "name": ev.name, "result": ev.result})
        if turn.suggestions or turn.meme is not None:
            tools.append(suggestions_event(turn.suggestions, turn.meme))
        store.apply_turn(session_id, new_json, turn.history, turn.reply, tools,
                         label=label_for([ev.name for ev in turn.events])[:80])
        return turn, tools


@dataclass
class OpsOutcome:
    """What ``POST /api/ops`` answers besides the state: the changes and the version."""

    changes: list[dict[str, Any]]
    version: int
    changed: bool


def apply_session_ops(store: Store, session_id: str, ops: list[Op],
                      label: str = "") -> OpsOutcome:
    """Apply ``ops`` as one new version (none when nothing changes); all or nothing."""
    with session_lock(session_id):
        draft = current_draft(store, session_id)
        try:
            applied = apply_ops(draft, ops, asset_refs(store, session_id))
        except Problem as exc:
            raise OpsRefusedError(exc.index, exc.op, exc.en) from exc
        changes = [{"op": op.NAME, "en": c.en, "zh": c.zh, "result": c.result}
                   for op, c in zip(ops, applied.changes, strict=True)]
        new_json = applied.draft.to_json()
        if new_json == draft.to_json():
            return OpsOutcome(changes, store.version_info(session_id)[0], False)
        version = store.push_draft(session_id, new_json, (label or label_for([op.NAME for op in ops]))[:80])
        return OpsOutcome(changes, version, True)
