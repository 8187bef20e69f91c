"""A person's model as one of the meme maker's caption sources (docs/own-model.md).

:class:`ModelSource` satisfies the maker's ``CaptionSource`` protocol: for the format and topic
the maker chose it asks the model for a few candidates, one text per caption slot, each slot
described by where it sits, its style and its longest sensible length. The maker's scorer then
ranks them with the built-in templates' candidates (a model's line is preferred when it names
the topic and fits the frame). Anything wrong with the model gives no candidates: the templates
are always there, so a meme is always made.
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


class ModelSource:
    """Caption candidates written by a person's model for the maker's scorer."""

    def __init__(self, client: ModelClient, cancel: threading.Event | None = None) -> None:
        self.client = client
        self.cancel = cancel

    def candidates(self, request: WriteRequest) -> list[Candidate]:
        fmt, lang = request.fmt, request.lang
        topic = request.topic.np.get(lang) or request.topic.name(lang)
        hint = fmt.about.get(lang) or fmt.about.get("en", "")
        if request.mood:
            hint += f" The person asked for it {request.mood}."
        limit = max((slot.max for slot in fmt.slots), default=60)
        found = self.client.suggest_captions(
            topic, [slot_words(s) for s in fmt.slots], lang, WANTED, format_hint=hint,
            avoid=request.avoid, limit=limit, cancel=self.cancel)
        return [Candidate(tuple(texts), key=f"model{i}:{request.seed}", source="model",
                          loud=request.mood == "funnier")
                for i, texts in enumerate(found or [])]
