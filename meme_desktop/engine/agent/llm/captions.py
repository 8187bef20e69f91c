"""A person's model as one of the meme maker's caption sources (docs/own-model.md).

:class:`ModelSource` satisfies the maker's ``CaptionSource`` protocol: for the format and topic
the maker chose it asks the model for a few candidates, one text per caption slot, each slot
described by where it sits, its style and its longest sensible length. The maker's scorer then
ranks them with the built-in templates' candidates (a model's line is preferred when it names
the topic and fits the frame). Anything wrong with the model gives no candidates: the templates
are always there, so a meme is always made. The model is asked before the session's edit lock
is taken (:class:`ModelSource` keeps its answers for the turn under the lock).
"""

from __future__ import annotations

import threading

from meme_desktop.engine.agent.llm.client import ModelClient
from meme_desktop.engine.agent.maker.library import Slot
from meme_desktop.engine.agent.maker.writer import Candidate, WriteRequest

_WHERE = {"top": "at the top", "bottom": "at the bottom", "center": "in the middle"}
_STYLE = {"classic": "white Impact letters with a black outline", "bar": "black text on a "
          "white bar", "subtitle": "a subtitle", "plain": "plain text"}
WANTED = 3


def slot_words(slot: Slot) -> str:
    """One slot as the model reads it: ``the caption at the top (white Impact letters with a
    black outline), at most 40 characters``."""
    return (f"the caption {_WHERE.get(slot.pos, slot.pos)} "
            f"({_STYLE.get(slot.sty, slot.sty)}), at most {slot.max} characters")


def request_key(request: WriteRequest) -> tuple[object, ...]:
    """What makes two requests the same question for the model."""
    topic = request.topic
    return (request.fmt.id, topic.id, topic.np.get(request.lang) or topic.name(request.lang),
            request.lang, request.seed, request.mood, request.avoid)


def changed_line(zh: bool) -> str:
    """The line starting a meme whose captions the model wrote for an older timeline."""
    return ("你的模型写文案时时间线变了，所以这次用的是内置文案。" if zh else
            "The timeline changed while your model was writing, so these captions are the "
            "built-in ones.")


class ModelSource:
    """Caption candidates written by a person's model for the maker's scorer.

    Its answers are kept by request, so a turn can ask the model first, outside the session's
    edit lock (a run of the maker whose result is dropped), and then make the meme under the
    lock from those answers: after :meth:`close` the model is never asked again, and a request
    it was not asked (the draft changed meanwhile) gets no candidates (``missed`` is set)."""

    def __init__(self, client: ModelClient, cancel: threading.Event | None = None) -> None:
        self.client = client
        self.cancel = cancel
        self.asking = True
        self.missed = False
        self._answers: dict[tuple[object, ...], list[list[str]] | None] = {}

    def close(self) -> None:
        """Answer only from what the model said already (the turn now holds the lock)."""
        self.asking = False

    def candidates(self, request: WriteRequest) -> list[Candidate]:
        key = request_key(request)
        if key not in self._answers:
            if not self.asking:
                self.missed = True
                return []
            self._answers[key] = self._ask(request)
        return [Candidate(tuple(texts), key=f"model{i}:{request.seed}", source="model",
                          loud=request.mood == "funnier")
                for i, texts in enumerate(self._answers[key] or [])]

    def _ask(self, request: WriteRequest) -> list[list[str]] | None:
        fmt, lang = request.fmt, request.lang
        topic = request.topic.np.get(lang) or request.topic.name(lang)
        hint = fmt.about.get(lang) or fmt.about.get("en", "")
        if request.mood:
            hint += f" The person asked for it {request.mood}."
        limit = max((slot.max for slot in fmt.slots), default=60)
        return self.client.suggest_captions(
            topic, [slot_words(s) for s in fmt.slots], lang, WANTED, format_hint=hint,
            avoid=request.avoid, limit=limit, cancel=self.cancel)
