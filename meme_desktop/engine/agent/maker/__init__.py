"""The meme maker: the assistant's creative layer (DESIGN.md section 9, docs/formats.md).

Given a picture or clip and an idea (or nothing), it makes the meme in one turn: a format from
the project's library (``resources/formats``), captions written about a topic by the caption
sources (the built-in :class:`TemplateWriter`; a language model can be another
:class:`CaptionSource`) and ranked by the scorer (fits the frame at render size, names the
topic, new in the session), media placed, sounds chosen — all as typed operations applied by
the applier. It also varies the last meme ("another one", "funnier", "shorter", "different
format", "in Chinese", "change the sound") and applies a chosen alternative.

``MAKER.turn(text, draft, assets, memory, zh) -> AgentTurn | None`` (None: an ordinary edit,
for the rule reader). :class:`MakerMemory` is rebuilt from the session's transcript. Plain
Python, deterministic for a given session, no I/O at turn time (the resources are read once).
"""

from __future__ import annotations

from meme_desktop.engine.agent.maker.library import Format, Library, LibraryError, Topic, library
from meme_desktop.engine.agent.maker.memory import EVENT, MakerMemory, suggestions_event
from meme_desktop.engine.agent.maker.turns import Maker
from meme_desktop.engine.agent.maker.writer import (
    Candidate,
    CaptionSource,
    TemplateWriter,
    WriteRequest,
)

MAKER = Maker()


def format_catalogue() -> list[tuple[str, str]]:
    """The formats by name and description (what a person's own model is told about them)."""
    return [(f.name["en"], f.about["en"]) for f in library().formats.values()]

__all__ = ["EVENT", "MAKER", "CaptionSource", "Candidate", "Format", "Library", "LibraryError",
           "Maker", "MakerMemory", "TemplateWriter", "Topic", "WriteRequest", "format_catalogue",
           "library", "suggestions_event"]
