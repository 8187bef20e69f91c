"""The caption writer: candidates for a format's captions about a topic.

Anything that can propose captions is a :class:`CaptionSource` (a protocol): given a
:class:`WriteRequest` (the format, the topic, the language, a seed and the mood asked for) it
returns :class:`Candidate` s, each with one text per caption slot of the format. The built-in
source is :class:`TemplateWriter`, which fills the project's templates with the topic's names,
its own situation and consequence and those of its category. A language model can be another
source (docs/formats.md, "Caption sources"); the scorer ranks every candidate the same way,
whoever wrote it, so a model's lines still have to fit the frame and name the topic.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from meme_desktop.engine.agent.maker.library import Format, Library, Template, Topic, library


@dataclass(frozen=True)
class WriteRequest:
    """What to write: captions for ``fmt`` about ``topic`` in ``lang``; ``mood`` is "" or
    "funnier" / "shorter" (a variant asked for); ``seed`` varies the choice of material;
    ``avoid`` lists captions the session already showed (a model can be told; the scorer
    drops repeats whatever a source proposes)."""

    fmt: Format
    topic: Topic
    lang: str
    seed: int = 0
    mood: str = ""
    avoid: tuple[str, ...] = ()     # captions shown lately in the session (not to propose)


@dataclass(frozen=True)
class Candidate:
    """One proposal: the captions as shown (one per slot of the format), where it came from
    (``key``, unique per source), and whether it is an over-the-top line (``loud``)."""

    texts: tuple[str, ...]
    key: str
    loud: bool = False
    own: bool = True            # written from the topic's own material (not its category's)
    source: str = "templates"

    @property
    def size(self) -> int:
        """How long the captions read: characters, a Chinese one counting as two."""
        return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
                   for t in self.texts for ch in t)

    def shown(self) -> str:
        """The captions as one line: "nobody: me: …" / "top / bottom"."""
        return " / ".join(" ".join(t.split()) for t in self.texts)


class CaptionSource(Protocol):
    """Proposes captions; the scorer decides. Must be fast (a chat turn allows ~50 ms) and
    must return texts with exactly one entry per slot of ``request.fmt``."""

    def candidates(self, request: WriteRequest) -> list[Candidate]:
        ...


_FIELD = re.compile(r"\{(np|name|sit|cons|zh)\}")
_SINGULAR_S = re.compile(r"(?:ss|us|sis|ics|news|series|chess|christmas|lens|canvas|tennis)$")
_AFTER_NP = re.compile(r"\{np\}(\s+(?:finally|always|just|really|never|still|also)?\s*)"
                       r"(is|was|has|does|doesn't|isn't|wasn't|hasn't|[a-z]+(?:es|s))\b")
_PLURAL_OF = {"is": "are", "was": "were", "has": "have", "does": "do", "doesn't": "don't",
              "isn't": "aren't", "wasn't": "weren't", "hasn't": "haven't", "goes": "go"}


def plural(np_: str) -> bool:
    """Whether an English noun phrase takes a plural verb ("exams are", "Mondays go")."""
    last = np_.lower().split()[-1] if np_.split() else ""
    if np_.lower().startswith(("being ", "working ", "staying ", "doing ", "taking ",
                               "calling ", "going ", "getting ")):
        return False
    return last.endswith("s") and not _SINGULAR_S.search(last) and len(last) > 3


def _agree(part: str) -> str:
    """A template's verb right after ``{np}`` in the plural ("{np} is" -> "{np} are")."""
    def fix(m: re.Match[str]) -> str:
        verb = m.group(2)
        if verb in _PLURAL_OF:
            new = _PLURAL_OF[verb]
        elif re.search(r"(?:ch|sh|x|ss|o)es$", verb):
            new = verb[:-2]
        elif verb.endswith("ies"):
            new = verb[:-3] + "y"
        else:
            new = verb[:-1]
        return "{np}" + m.group(1) + new
    return _AFTER_NP.sub(fix, part)


def _fill(part: str, values: dict[str, str], many: bool = False) -> str:
    out = _FIELD.sub(lambda m: values[m.group(1)], _agree(part) if many else part)
    return re.sub(r"[ \t]+", " ", out).strip()


class TemplateWriter:
    """The built-in caption source: the project's fill templates (resources/maker)."""

    def __init__(self, lib: Library | None = None) -> None:
        self._lib = lib

    @property
    def lib(self) -> Library:
        return self._lib or library()

    def _material(self, topic: Topic, lang: str, seed: int) -> list[tuple[str, str, bool]]:
        """(situation, consequence, own?) pairs: the topic's own first, then two of its
        category's (rotated by ``seed``)."""
        own = [(topic.sit[lang], topic.cons[lang], True)]
        cat = self.lib.categories.get(topic.cat) or self.lib.categories["life"]
        sits, cons = cat.sits[lang], cat.cons[lang]
        out = list(own)
        for k in range(2):
            i = (seed + k * 2) % len(sits)
            j = (seed + k * 3 + 1) % len(cons)
            out.append((sits[i], cons[j], False))
        return out

    def candidates(self, request: WriteRequest) -> list[Candidate]:
        kind = request.fmt.kind(request.lang)
        if kind is None:
            return []
        topic, lang = request.topic, request.lang
        name = topic.name(lang)
        base = {"np": topic.np[lang], "name": name, "zh": topic.np["zh"]}
        many = lang == "en" and plural(topic.np["en"])
        material = self._material(topic, lang, request.seed)
        out: list[Candidate] = []
        templates: Sequence[Template] = self.lib.templates.get(kind, [])
        for t in templates:
            uses = any("{sit}" in p or "{cons}" in p for p in t.parts)
            for n, (sit, cons, own) in enumerate(material if uses else material[:1]):
                values = {**base, "sit": _fill(sit, base, many), "cons": _fill(cons, base, many)}
                texts = tuple(_fill(p, values, many) for p in t.parts)
                out.append(Candidate(texts, f"{t.key}:{n}", t.loud, own or not uses))
        return out


__all__ = ["CaptionSource", "Candidate", "TemplateWriter", "WriteRequest"]
