"""The scorer: which candidates to offer, best first.

Every candidate, whichever :class:`CaptionSource` wrote it, is scored the same way:

- it must be **new in the session** (never a caption already made or offered; only when every
  candidate was used does an old one come back, last);
- it should **name the topic** (a strong bonus) and use the topic's own material;
- it should be punchy (about 22 to 55 characters), over-the-top only when "funnier" was asked,
  clearly shorter than the current caption when "shorter" was asked;
- a seeded tie-break varies equal candidates from one session to the next, deterministically;
- finally it must **fit the frame at render size**: each caption is laid out with the
  renderer's text layout on the draft's canvas (:mod:`.fit`); a caption that would leave its
  room, shrink below readable size or become a wall of text is dropped.

Only the best few are measured (the ranking is cheap, the layout is not), so a turn stays fast.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from meme_desktop.engine.agent.maker.fit import measure
from meme_desktop.engine.agent.maker.library import Format, Topic
from meme_desktop.engine.agent.maker.topics import mentions
from meme_desktop.engine.agent.maker.writer import Candidate


def norm(text: str) -> str:
    """A caption as compared for "already used": case, spacing and punctuation ignored."""
    return "".join(ch for ch in text.lower() if ch.isalnum())


def shown_key(texts: Sequence[str]) -> str:
    return norm(" ".join(texts))


SHORT, LONG = 22, 55         # characters: a caption shorter or longer than this loses points


def _jitter(seed: int, key: str) -> float:
    digest = hashlib.blake2s(f"{seed}:{key}".encode(), digest_size=4).digest()
    return int.from_bytes(digest, "big") / 2 ** 32


@dataclass(frozen=True)
class Scored:
    """A candidate with its score and what the score saw."""

    cand: Candidate
    score: float
    mention: bool
    used: bool


def fits(cand: Candidate, fmt: Format, width: int, height: int, style: str | None = None) -> bool:
    """Whether every caption of ``cand`` is readable where ``fmt`` puts it on the canvas."""
    for text, slot in zip(cand.texts, fmt.slots, strict=True):
        if not measure(text, style or slot.sty, slot.pos, slot.sz, width, height).readable(
                slot.pos):
            return False
    return True


def score(cands: Sequence[Candidate], topic: Topic, used: Collection[str], seed: int,
          mood: str = "", current: int | None = None) -> list[Scored]:
    """Every candidate scored (best first), before measuring."""
    out: list[Scored] = []
    for c in cands:
        key = shown_key(c.texts)
        mention = any(mentions(t, topic) for t in c.texts)
        was_used = key in used
        # punchy but not empty: between about 22 and 55 characters reads best
        s = 3.0 * mention + 0.6 * c.own + 1.2 * _jitter(seed, c.key)
        if c.source == "model":
            s += 1.5                    # the person set up their own model to write these
        s -= 0.04 * max(0, SHORT - c.size) + 0.015 * max(0, c.size - LONG)
        if mood == "funnier":
            s += 2.0 if c.loud else -0.5
        elif c.loud:
            s -= 0.4                    # over-the-top lines are kept for "funnier"
        if mood == "shorter" and current:
            if c.size > current * 0.85:
                continue
            s += 2.0 * (current - c.size) / current
        if was_used:
            s -= 100.0
        out.append(Scored(c, s, mention, was_used))
    out.sort(key=lambda x: (-x.score, x.cand.key))
    return out


def choose(cands: Sequence[Candidate], fmt: Format, topic: Topic, canvas: tuple[int, int],
           used: Collection[str], seed: int, mood: str = "", current: int | None = None,
           want: int = 3, style: str | None = None) -> list[Scored]:
    """Up to ``want`` candidates that fit, best first, each from a different template, none
    already used in the session while fresh ones remain."""
    picked: list[Scored] = []
    templates: set[str] = set()
    shown: set[str] = set()
    for s in score(cands, topic, used, seed, mood, current):
        template = s.cand.key.rsplit(":", 1)[0]
        key = shown_key(s.cand.texts)
        if template in templates or key in shown:
            continue
        if s.used and any(not p.used for p in picked):
            break
        if not fits(s.cand, fmt, canvas[0], canvas[1], style):
            continue
        picked.append(s)
        templates.add(template)
        shown.add(key)
        if len(picked) == want:
            break
    return picked


__all__ = ["Scored", "choose", "fits", "norm", "score", "shown_key"]
