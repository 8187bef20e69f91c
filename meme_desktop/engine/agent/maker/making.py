"""Making a meme in one turn: the wishes in the message, the topic, the format, the captions
(best and two alternatives), the composition, then the explicit edits said with it.

``read_wishes`` runs the rule reader over what is left of the message once the maker's own
words are taken out ("with Impact font captions and a trending sound", "square", "with an air
horn at 2s", a quoted caption) and keeps what the meme must respect as :class:`Wishes`; the
rest are edits applied after the meme is composed, exactly as the rule reader would.
``choose_format`` rotates formats across the session and keeps the ones the media allows.
"""

from __future__ import annotations

import hashlib
import json
import re
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field

from meme_desktop.draft import Draft
from meme_desktop.draft import ops as O
from meme_desktop.draft.ops import Op
from meme_desktop.engine.agent.applier.base import captions, video_segments
from meme_desktop.engine.agent.maker.compose import Made, Wishes, Work, compose
from meme_desktop.engine.agent.maker.library import Format, Library, Topic
from meme_desktop.engine.agent.maker.scorer import Scored, choose
from meme_desktop.engine.agent.maker.writer import Candidate, CaptionSource, WriteRequest
from meme_desktop.engine.agent.rules import plan as resolve_intents
from meme_desktop.engine.agent.rules.assets import find_assets
from meme_desktop.engine.agent.rules.parse import parse_message
from meme_desktop.engine.agent.rules.reader import understand as read_intents
from meme_desktop.engine.agent.rules.words import CLIP, IMAGE, Context, Intent
from meme_desktop.engine.agent.types import AssetRef, Note

STAPLES = ("classic", "caption_bar", "pov", "me_when", "nobody_me", "be_like", "reaction",
           "zh_dangni", "zh_others_me", "zh_nobody_me", "text_plain", "text_gradient")


_LENGTH = re.compile(r"\b(\d+(?:\.\d+)?)[\s-]*(?:s|secs?|seconds?)(?:[\s-]+long)?[\s-]+"
                     r"(?:[\w-]+\s+){0,2}?(?:memes?|videos?|clips?|gifs?|ones?)\b|"
                     r"(\d+(?:\.\d+)?)\s*秒(?:钟)?(?:长)?的?(?:表情包|视频|梗图)", re.IGNORECASE)


def fingerprint(draft: Draft) -> str:
    """A short hash of a draft: "is this still the meme the maker made?"."""
    raw = json.dumps(draft.to_json(), sort_keys=True, ensure_ascii=False)
    return hashlib.blake2s(raw.encode(), digest_size=8).hexdigest()


def seed_for(turns: int, topic_id: str) -> int:
    return turns * 31 + zlib.crc32(topic_id.encode()) % 997


def read_wishes(rest: str, text: str, draft: Draft, assets: Sequence[AssetRef],
                ) -> tuple[Wishes, list[Intent]]:
    """The explicit wishes in ``rest`` (the message without the maker's words) and the edits
    to apply after the meme is made."""
    wishes = Wishes()
    unquoted = re.sub(r"[\"“「『'‘].*?[\"”」』'’]", " ", text)
    unquoted = re.sub(r"\bmeme\s+(?:video|clip|gif)s?\b|\b(?:video|clip)\s+memes?\b|"
                      r"\bfunny\s+(?:video|clip)s?\b|搞笑视频", " meme ", unquoted, flags=re.IGNORECASE)
    if re.search(IMAGE, unquoted, re.IGNORECASE) and not re.search(CLIP, unquoted, re.IGNORECASE):
        wishes.kind = "image"
    elif re.search(CLIP, unquoted, re.IGNORECASE) and not re.search(IMAGE, unquoted,
                                                                     re.IGNORECASE):
        wishes.kind = "video"
    low = text.lower()
    for a in assets:
        if a.visual and (a.name.lower() in low or (len(stem := a.name.lower().rsplit(".", 1)[0])
                                                     >= 3 and re.search(rf"\b{re.escape(stem)}\b",
                                                                        low))):
            wishes.media.append(a.hash)
    if not wishes.media:        # "using the mp4", "the second picture", 用第二张图
        for cl in parse_message(unquoted).clauses:
            found = find_assets(cl, Context(draft, assets))
            if found and re.search(r"\b(?:mp4|mov|m4v|webm|mkv|avi|jpe?g|png|webp|gif|first|1st|"
                                   r"second|2nd|third|3rd|last|other|both)\b|第\d", cl.said.lower()):
                wishes.media.extend(a.hash for a in found if a.hash not in wishes.media)
    if m := _LENGTH.search(unquoted):             # "a 3 second meme", "5秒的表情包"
        wishes.length = round(float(m.group(1) or m.group(2)) * 1000)
    after: list[Intent] = []
    if not rest.strip():
        return wishes, after
    for it in read_intents(parse_message(rest), draft, assets):
        name, args = it.name, it.args
        if name == "add_caption":
            wishes.quotes.append(str(args["text"]))
            wishes.quote_pos.append(args.get("pos"))
            wishes.style = args.get("style", wishes.style)
            wishes.color = args.get("color", wishes.color)
        elif name == "edit_caption" and "text" not in args:
            wishes.style = args.get("style", wishes.style)
            wishes.color = args.get("color", wishes.color)
            if "size_mul" in args or "size" in args:
                wishes.size = round(float(args.get("size", 1.0)) * float(args.get("size_mul", 1.0)), 2)
        elif name == "set_canvas":
            wishes.canvas = (int(args["width"]), int(args["height"]))
        elif name == "set_total_length" and "dur" in args:
            wishes.length = int(args["dur"])
        elif name == "add_media":
            if args.get("asset") and args["asset"] not in wishes.media:
                wishes.media.append(str(args["asset"]))
        elif name in ("missing_asset", "ask_length", "ask_song") or name == "ask_sound":
            continue
        else:
            if name == "add_sound":
                wishes.own_sound = True
            elif name == "add_music":
                wishes.own_music = True
            after.append(it)
    return wishes, after


def choose_format(lib: Library, named: str | None, lang: str, visuals: int, text_only: bool,
                  recent: Sequence[str], seed: int, avoid: str | None = None) -> Format:
    """The format to make: the one named (or its twin in ``lang``), else the next in a seeded
    rotation of those the media allows, avoiding the ones used lately."""
    if named and named in lib.formats:
        fmt = lib.formats[named]
        if lang not in fmt.writes and fmt.twin.get(lang) in lib.formats:
            fmt = lib.formats[fmt.twin[lang]]
        return fmt
    pool = [f for f in lib.formats.values() if lang in f.writes and f.id != avoid]
    if text_only or visuals == 0:
        pool = [f for f in pool if f.media == "none"]
    else:
        pool = [f for f in pool if f.media != "none"]
    if not recent:
        pool = [f for f in pool if f.id in STAPLES] or pool
    fresh = [f for f in pool if f.id not in recent[-5:]] or pool
    ranked = sorted(fresh, key=lambda f: zlib.crc32(f"{seed}:{f.id}".encode()))
    if visuals < 2:      # one picture: a two-picture format repeats it; offer it less often
        ranked.sort(key=lambda f: f.media == "two")
    return ranked[0]


@dataclass
class Written:
    """The captions chosen for a format: the best and up to two alternatives."""

    fmt: Format
    best: list[str]
    alternatives: list[list[str]] = field(default_factory=list)


def write(sources: Sequence[CaptionSource], fmt: Format, topic: Topic, lang: str, seed: int,
          canvas: tuple[int, int], used: set[str], mood: str = "", current: int | None = None,
          style: str | None = None, avoid: tuple[str, ...] = ()) -> Written | None:
    """Candidates from every source, ranked by the scorer; None when nothing fits."""
    request = WriteRequest(fmt, topic, lang, seed, mood, avoid)
    cands: list[Candidate] = []
    for source in sources:
        cands.extend(c for c in source.candidates(request) if len(c.texts) == len(fmt.slots))
    picked: list[Scored] = choose(cands, fmt, topic, canvas, used, seed, mood, current,
                                  style=style)
    if not picked or picked[0].used:
        return None
    return Written(fmt, list(picked[0].cand.texts),
                   [list(p.cand.texts) for p in picked[1:] if not p.used])


def prepare_base(work: Work, wishes: Wishes) -> str:
    """A new meme replaces the captions already there; a picture named that is not on the
    timeline starts it over (the person asked to turn *that* into a meme). Returns what was
    taken away: "", "captions" or "timeline"."""
    segs = video_segments(work.draft)
    wanted = set(wishes.media)
    kinds = {a.kind for s in segs if (a := work.ctx.asset(s.src)) is not None}
    if segs and ((wanted and not wanted & {s.src for s in segs})
                 or (wishes.kind and wishes.kind not in kinds) or wishes.text_only):
        work.do(O.ClearTimeline())
        return "timeline"
    if not segs and not work.draft.is_empty:
        work.do(O.ClearTimeline())           # an earlier text meme: make the new one instead
        return "timeline"
    old = captions(work.draft)
    for seg in old:
        work.do(O.DeleteSegment(id=seg.id))
    return "captions" if old else ""


def finish(work: Work, after: list[Intent], assets: Sequence[AssetRef], zh: bool,
           ) -> list[Note]:
    """The explicit edits said with the request, resolved by the rule reader on the meme just
    made and applied to it; the notes (what could not be done) come back."""
    if not after:
        return []
    plan = resolve_intents(after, work.draft, assets, zh)
    notes: list[Note] = []
    for step in plan.steps:
        if isinstance(step, Op):
            work.do(step)
        else:
            notes.append(step)
    return notes


__all__ = ["Made", "Written", "choose_format", "finish", "fingerprint", "prepare_base",
           "read_wishes", "seed_for", "write", "compose"]
