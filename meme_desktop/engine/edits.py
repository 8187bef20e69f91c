"""Edits of a session's draft, by chat turn or by a list of typed operations, one at a time.

Both paths read the current draft and the session's uploads, hand them to the agent
(``agent.respond`` for a message, ``agent.applier.apply_ops`` for operations) and save the
result as ONE new version with a short label ("move segment") that undo/redo tooltips show.
A per-session lock keeps a gesture from interleaving with a chat turn. With a person's own
model configured, the model is never asked while the lock is held, so a slow model never holds
up a gesture (:func:`ask_model_first`): the session is read under the lock, then, without it,
a message the rules do not fully understand is sent to the model
(``llm.ModelUnderstander.prefetch``) and a meme's captions are asked of it (``llm.ModelSource``
keeps the answers); the turn then takes the lock again and works on the draft of that moment.
When a gesture changed the draft meanwhile, the meme is made on the newer draft, with the
model's captions when the maker asks the same of them, else with the built-in ones and a line
saying so.
Blocking: the routes call these in a worker thread.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, replace
from typing import Any

from meme_desktop.draft import Draft, DraftError, validate
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
from meme_desktop.engine.agent.llm.captions import changed_line
from meme_desktop.engine.agent.maker import MAKER, Maker, TemplateWriter, format_catalogue
from meme_desktop.engine.agent.rules.parse import reply_in_chinese
from meme_desktop.engine.agent.types import Problem
from meme_desktop.engine.protocol_errors import OpsRefusedError
from meme_desktop.engine.store import SessionHistory, Store

log = logging.getLogger(__name__)

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


@dataclass
class Snapshot:
    """What a chat turn reads of its session (under the edit lock)."""

    version: int
    draft: Draft
    assets: list[AssetRef]
    history: SessionHistory
    language: str
    memory: MakerMemory
    recent: Recent


def read_session(store: Store, session_id: str) -> Snapshot:
    """The session as a turn sees it; call it holding :func:`session_lock`."""
    session = store.session(session_id)
    language = session.language if session is not None else "en"
    messages = store.messages(session_id)
    return Snapshot(store.version_info(session_id)[0], current_draft(store, session_id),
                    asset_refs(store, session_id), SessionHistory(store, session_id), language,
                    MakerMemory.from_messages(messages, language), Recent.from_messages(messages))


def ask_model_first(store: Store, session_id: str, text: str, helper: ModelUnderstander,
                    maker: Maker, source: ModelSource) -> int:
    """Everything the turn will want from a person's model, asked without the edit lock: the
    session is read under the lock, then the model is asked for a meme's captions (the maker
    runs once on what was read, its result dropped, while ``source`` keeps the model's
    answers) or, when the maker does not answer, for an edit the rules leave
    (``helper.prefetch``). Returns the draft version that was read."""
    with session_lock(session_id):
        seen = read_session(store, session_id)
    try:
        made = maker.turn(text, seen.draft, seen.assets, seen.memory,
                          reply_in_chinese(text, seen.language)) is not None
    except (Problem, DraftError) as exc:  # the turn under the lock meets it again, and says so
        log.debug("the meme could not be made on the draft read first: %s", exc)
        made = True
    helper.prefetch(text, seen.draft, seen.assets, seen.history, maker_answers=made)
    helper.close()
    source.close()
    return seen.version


def chat_turn(store: Store, session_id: str, text: str, model: ModelClient | None = None,
              cancel: threading.Event | None = None) -> tuple[AgentTurn, list[dict[str, Any]]]:
    """One chat message: the agent's turn, saved with its reply in one transaction.
    Returns the turn and its ``tool_call`` / ``tool_result`` events (typed operations).
    ``model``: a person's own model for what the rules leave; ``cancel`` set: stop waiting
    for it (the person closed the chat stream)."""
    helper: ModelUnderstander | None = None
    source: ModelSource | None = None
    maker = MAKER
    asked_on = -1
    if model is not None:
        helper = ModelUnderstander(model, cancel=cancel, formats=format_catalogue())
        source = ModelSource(model, cancel)
        maker = Maker(sources=[source, TemplateWriter()])
        asked_on = ask_model_first(store, session_id, text, helper, maker, source)
    with session_lock(session_id):
        now = read_session(store, session_id)
        if helper is None:
            turn = respond(text, now.draft, now.assets, now.history, memory=now.memory,
                           language=now.language, recent=now.recent)
        else:
            if now.version != asked_on:  # a gesture meanwhile: the turn works on the newer draft
                log.info("the draft changed while the model was asked (version %d -> %d)",
                         asked_on, now.version)
            turn = helper.annotate(respond(text, now.draft, now.assets, now.history, helper,
                                           memory=now.memory, language=now.language,
                                           maker=maker, recent=now.recent),
                                   text)
            if source is not None and source.missed and turn.meme is not None:
                zh = reply_in_chinese(text, now.language)
                turn = replace(turn, reply=changed_line(zh) + "\n" + turn.reply)
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
