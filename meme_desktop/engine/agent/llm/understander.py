"""Routing between the built-in rules and a person's own model (DESIGN.md §10).

:class:`ModelUnderstander` implements the :class:`~meme_desktop.engine.agent.types.Understander`
protocol for one chat turn. The rules read the message first: whatever they can act on
(operations, an undo / redo, "already so") stays on the fast path and the model is never
asked. When they understood nothing, or only found problems, the model is asked: its
operations are validated, tried on a copy of the draft (all or nothing, through the same
applier), and become the plan, with the model's reply as the first sentence. A model that is slow, down, answers something unusable,
or declines never breaks the turn: the rules' own result stands and :meth:`annotate` starts
the reply with one short line saying so. When the person stops waiting (``cancel``), nothing
is changed.

:meth:`prefetch` asks the model before the session's edit lock is taken, so a gesture is never
held up by a slow model; :meth:`understand` then uses that answer (the rules are read again
on the draft of that moment), and after :meth:`close` never asks the model itself.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from dataclasses import replace

from meme_desktop.draft import Draft, DraftError, validate
from meme_desktop.engine.agent import RULES
from meme_desktop.engine.agent import reply as rp
from meme_desktop.engine.agent.applier import apply_ops
from meme_desktop.engine.agent.llm.client import EditAnswer, ModelClient
from meme_desktop.engine.agent.llm.errors import (
    ModelBadAnswer,
    ModelCancelled,
    ModelError,
    unavailable_line,
)
from meme_desktop.engine.agent.maker.requests import read_request
from meme_desktop.engine.agent.recent import Recent
from meme_desktop.engine.agent.rules.parse import is_chinese
from meme_desktop.engine.agent.types import (
    AgentTurn,
    AssetRef,
    History,
    Note,
    Plan,
    Problem,
    Question,
    Step,
    Understander,
    Understanding,
)

log = logging.getLogger(__name__)


def rules_missed(result: Understanding) -> bool:
    """True when the rules could not act: a question, nothing understood, or only problems.
    Whatever they did act on (an operation, an undo, "already so") stays with the rules."""
    if isinstance(result, Question):
        return True
    if result.history or result.undo_first:
        return False
    return all(isinstance(s, Note) and s.problem for s in result.steps)


class ModelUnderstander:
    """Rules first, the person's model for what they leave; one instance per turn."""

    def __init__(self, client: ModelClient, rules: Understander = RULES, *,
                 cancel: threading.Event | None = None,
                 formats: Sequence[tuple[str, str]] = ()) -> None:
        self.client = client
        self.rules = rules
        self.cancel = cancel
        self.formats = tuple(formats)
        self.failure: ModelError | None = None  # why the model's answer was not used
        self.used = False  # the model's answer became the plan
        self._fetched: dict[str, EditAnswer | ModelError] = {}
        self.asking = True  # False once the turn holds the edit lock (:meth:`close`)

    def wants_model(self, text: str, draft: Draft, assets: Sequence[AssetRef],
                    history: History | None, maker_answers: bool | None = None) -> bool:
        """Whether this message goes to the model (not small talk, not fully understood).
        ``maker_answers``: whether the meme maker answers it (it answers before any
        understander), when the caller ran the maker; else guessed from the wording."""
        if maker_answers is None:
            maker_answers = read_request(text, has_record=True) is not None
        if maker_answers:
            return False
        if rp.small_talk(text, draft, assets, is_chinese(text)) is not None:
            return False
        return rules_missed(self.rules.understand(text, draft, assets, history))

    def prefetch(self, text: str, draft: Draft, assets: Sequence[AssetRef],
                 history: History | None, maker_answers: bool | None = None) -> None:
        """Ask the model now (blocking, outside any lock) if this message will need it."""
        if self.wants_model(text, draft, assets, history, maker_answers):
            self._fetched[text] = self._ask(text, draft, assets)

    def close(self) -> None:
        """From now on use only what :meth:`prefetch` asked: the turn holds the edit lock, where
        nobody waits for the model (a message the rules understood on the draft read first
        but not on a newer one stays with the rules)."""
        self.asking = False

    def understand(self, text: str, draft: Draft, assets: Sequence[AssetRef],
                   history: History | None, recent: Recent | None = None) -> Understanding:
        result = self.rules.understand(text, draft, assets, history, recent)
        if not rules_missed(result):
            return result
        answer = self._fetched.pop(text, None)
        if answer is None:
            if not self.asking:
                return result
            answer = self._ask(text, draft, assets)
        if isinstance(answer, ModelError):
            return self._fall_back(answer, result)
        try:
            applied = apply_ops(draft, answer.ops, assets)  # a trial: respond() applies again
            validate(applied.draft)
        except (Problem, DraftError) as exc:
            where = f"operation {exc.index}: {exc.en}" if isinstance(exc, Problem) else str(exc)
            return self._fall_back(ModelBadAnswer(f"cannot apply: {where}"), result)
        self.used = True
        steps: list[Step] = [Note(answer.reply, answer.reply)] if answer.reply else []
        steps.extend(answer.ops)
        return Plan(steps)

    def annotate(self, turn: AgentTurn, text: str) -> AgentTurn:
        """The turn, its reply starting with one line when the model was not used."""
        if self.failure is None:
            return turn
        line = unavailable_line(self.failure, is_chinese(text))
        if isinstance(self.failure, ModelCancelled):
            return AgentTurn([], None, 0, line)
        return replace(turn, reply=line + "\n" + turn.reply)

    # -- internals -------------------------------------------------------------------------
    def _ask(self, text: str, draft: Draft,
             assets: Sequence[AssetRef]) -> EditAnswer | ModelError:
        try:
            return self.client.ask_edit(text, draft, assets, self.formats, self.cancel)
        except ModelError as exc:
            return exc

    def _fall_back(self, exc: ModelError, rules_result: Understanding) -> Understanding:
        self.failure = exc
        log.warning("model unavailable (%s): %s", exc.reason, exc.detail)
        return Plan() if isinstance(exc, ModelCancelled) else rules_result


__all__ = ["ModelUnderstander", "rules_missed"]
