"""The meme maker's library, loaded once from ``resources/``: the formats
(``resources/formats/*.json``, schema in docs/formats.md), the topic lexicon and its categories
(``resources/maker/topics.txt``, ``categories.txt``) and the fill templates
(``resources/maker/templates_en.txt``, ``templates_zh.txt``). All of it is written for the
project (CC0). A malformed file raises :class:`LibraryError` naming the file, line and problem.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from meme_desktop.config import resources_dir
from meme_desktop.draft.model import EFFECTS, MUSIC_NAMES, POSITIONS, SFX_NAMES, STYLES
from meme_desktop.draft.validate import is_color

LANGS = ("en", "zh")
MEDIA_KINDS = ("one", "two", "none")


class LibraryError(Exception):
    """A resource file of the meme maker is malformed."""

    def __init__(self, where: str, problem: str) -> None:
        super().__init__(f"{where}: {problem}")
        self.where = where
        self.problem = problem


@dataclass(frozen=True)
class Slot:
    """One caption of a format: where it sits, its style, its longest sensible text, and when
    it shows (fractions of the meme's length)."""

    pos: str
    sty: str
    max: int
    start: float = 0.0
    end: float = 1.0
    sz: float = 1.0


@dataclass(frozen=True)
class Cue:
    """A sound effect of a format: the choices (the first is the default) and when it plays."""

    choices: tuple[str, ...]
    at: float
    vol: int = 100


@dataclass(frozen=True)
class Format:
    """A meme format: its layout, which templates write it in each language, its moods, its
    sounds, effects and timing (docs/formats.md)."""

    id: str
    name: dict[str, str]
    about: dict[str, str]
    writes: dict[str, str]              # language -> template kind
    twin: dict[str, str]                # language it does not write -> the format that does
    media: str                          # "one", "two" or "none"
    moods: tuple[str, ...]
    length: int                         # ms for pictures and text memes
    slots: tuple[Slot, ...]
    cues: tuple[Cue, ...]
    music: tuple[tuple[str, ...], int] | None
    video: dict[str, Any]
    backgrounds: tuple[tuple[str, ...], ...]

    def kind(self, lang: str) -> str | None:
        return self.writes.get(lang)


@dataclass(frozen=True)
class Category:
    """Situations and consequences that fit every topic of a category (with ``{np}``)."""

    id: str
    sits: dict[str, tuple[str, ...]]
    cons: dict[str, tuple[str, ...]]


@dataclass(frozen=True)
class Topic:
    """An everyday topic: its names (the first is the name), how a sentence says it (``np``),
    its category, and a situation and a consequence in each language. ``known`` is False for
    a topic made up from what the person said."""

    id: str
    names: dict[str, tuple[str, ...]]
    np: dict[str, str]
    cat: str
    sit: dict[str, str]
    cons: dict[str, str]
    known: bool = True

    def name(self, lang: str) -> str:
        return self.names[lang][0] if self.names.get(lang) else self.names["en"][0]


@dataclass(frozen=True)
class Template:
    """One fill template: its captions (one per slot of the formats it writes), its place in
    the file (``key``) and whether it is an over-the-top line (``loud``)."""

    key: str
    lang: str
    parts: tuple[str, ...]
    loud: bool = False


@dataclass
class Library:
    formats: dict[str, Format] = field(default_factory=dict)
    categories: dict[str, Category] = field(default_factory=dict)
    topics: list[Topic] = field(default_factory=list)
    templates: dict[str, list[Template]] = field(default_factory=dict)

    def topic(self, topic_id: str) -> Topic | None:
        return next((t for t in self.topics if t.id == topic_id), None)


def _split(text: str, sep: str = ",") -> tuple[str, ...]:
    return tuple(x.strip() for x in text.split(sep) if x.strip())


def _want(cond: bool, where: str, problem: str) -> None:
    if not cond:
        raise LibraryError(where, problem)


def _format(raw: dict[str, Any], where: str) -> Format:
    try:
        slots = tuple(Slot(s["pos"], s["sty"], int(s["max"]), float(s.get("from", 0.0)),
                           float(s.get("to", 1.0)), float(s.get("sz", 1.0)))
                      for s in raw["captions"])
        cues = tuple(Cue(tuple(c["sfx"]), float(c["at"]), int(c.get("vol", 100)))
                     for c in raw["sounds"])
        music = raw.get("music")
        fmt = Format(raw["id"], dict(raw["name"]), dict(raw["about"]), dict(raw["writes"]),
                     dict(raw.get("twin", {})), raw["media"], tuple(raw["moods"]),
                     int(raw["length"]), slots, cues,
                     (tuple(music["name"]), int(music["vol"])) if music else None,
                     dict(raw.get("video", {})),
                     tuple(tuple(b) for b in raw.get("background", [])))
    except (KeyError, TypeError, ValueError) as exc:
        raise LibraryError(where, f"missing or malformed field ({exc})") from exc
    _want(fmt.media in MEDIA_KINDS, where, f"media must be one of {MEDIA_KINDS}")
    _want(bool(fmt.slots) and all(s.pos in POSITIONS and s.sty in STYLES and
                                  0 <= s.start < s.end <= 1 for s in fmt.slots),
          where, "every caption needs a position, a style and 0 <= from < to <= 1")
    _want(all(c.choices and set(c.choices) <= set(SFX_NAMES) and 0 <= c.at <= 1
              for c in fmt.cues), where, "sounds must be built-in effects at 0..1")
    _want(fmt.music is None or set(fmt.music[0]) <= set(MUSIC_NAMES), where,
          "music must be built-in music")
    _want(set(fmt.video.get("fx", [])) <= set(EFFECTS), where, "unknown effect")
    _want(set(fmt.writes) <= set(LANGS) and bool(fmt.writes), where, "writes needs en or zh")
    _want(all(is_color(c) for b in fmt.backgrounds for c in b), where, "bad background colour")
    _want(fmt.media != "none" or bool(fmt.backgrounds), where, "a text format needs backgrounds")
    return fmt


def _templates(path: Path, lang: str) -> dict[str, list[Template]]:
    out: dict[str, list[Template]] = {}
    kind = ""
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        if line.startswith("== "):
            kind = line[3:].strip()
            out.setdefault(kind, [])
            continue
        _want(bool(kind), f"{path.name}:{n}", "a template before the first '== kind' line")
        loud = line.startswith("!")
        body = line[1:] if loud else line
        parts = tuple(p.strip().replace("\\n", "\n") for p in body.split(" // "))
        _want(all(parts), f"{path.name}:{n}", "an empty caption")
        out[kind].append(Template(f"{kind}:{len(out[kind])}", lang, parts, loud))
    return out


def _categories(path: Path) -> dict[str, Category]:
    out: dict[str, Category] = {}
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = [c.strip() for c in line.split("|")]
        _want(len(cols) == 5, f"{path.name}:{n}", "a category needs 5 columns")
        out[cols[0]] = Category(cols[0], {"en": _split(cols[1], ";"), "zh": _split(cols[3], ";")},
                                {"en": _split(cols[2], ";"), "zh": _split(cols[4], ";")})
    return out


def _topics(path: Path, categories: dict[str, Category]) -> list[Topic]:
    out: list[Topic] = []
    seen: dict[str, str] = {}
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        where = f"{path.name}:{n}"
        cols = [c.strip() for c in line.split("|")]
        _want(len(cols) == 9 and all(cols), where, "a topic needs 9 non-empty columns")
        tid, en, np_, zh, cat, sit, cons, sit_zh, cons_zh = cols
        _want(cat in categories, where, f"unknown category {cat!r}")
        names = {"en": tuple(a.lower() for a in _split(en)), "zh": _split(zh)}
        for alias in names["en"] + names["zh"]:
            _want(seen.get(alias, tid) == tid, where, f"{alias!r} is also a name of {seen.get(alias)}")
            seen[alias] = tid
        out.append(Topic(tid, names, {"en": np_, "zh": names["zh"][0]}, cat,
                         {"en": sit, "zh": sit_zh}, {"en": cons, "zh": cons_zh}))
    _want(len({t.id for t in out}) == len(out), path.name, "two topics share an id")
    return out


def load(root: Path | None = None) -> Library:
    """Read and check every resource of the meme maker."""
    root = root or resources_dir()
    lib = Library()
    for path in sorted((root / "formats").glob("*.json")):
        fmt = _format(json.loads(path.read_text(encoding="utf-8")), path.name)
        lib.formats[fmt.id] = fmt
    folder = root / "maker"
    lib.categories = _categories(folder / "categories.txt")
    lib.topics = _topics(folder / "topics.txt", lib.categories)
    for lang in LANGS:
        lib.templates.update(_templates(folder / f"templates_{lang}.txt", lang))
    for fmt in lib.formats.values():
        for kind in fmt.writes.values():
            group = lib.templates.get(kind)
            _want(bool(group), fmt.id, f"no templates of kind {kind!r}")
            _want(all(len(t.parts) == len(fmt.slots) for t in group or []), fmt.id,
                  f"templates of {kind!r} must have {len(fmt.slots)} caption(s)")
        for lang, other in fmt.twin.items():
            _want(other in [f.id for f in lib.formats.values()] or other in
                  {p.stem for p in (root / "formats").glob("*.json")}, fmt.id,
                  f"twin {other!r} is not a format")
            _want(lang not in fmt.writes, fmt.id, f"twin for {lang}, which it writes itself")
    return lib


@lru_cache(maxsize=1)
def library() -> Library:
    """The library of the shipped resources, read once."""
    return load()


__all__ = ["LANGS", "Category", "Cue", "Format", "Library", "LibraryError", "Slot", "Template",
           "Topic", "library", "load"]
