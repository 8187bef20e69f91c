"""A format and its captions become typed operations on a working draft.

:func:`compose` places the media a format needs (the upload the person meant, two for
expectation vs reality, none for a text meme on a plain or gradient background), gives it the
format's treatment (effects, zoom, slow motion, a punch-in), adds one caption per slot at its
place and time, then the format's sound effects and music, unless the person asked for their
own (:class:`Wishes`: what was said explicitly always wins); a song uploaded with no picture
or clip is the music. Every operation goes through the
applier on the working draft as it is made (``Work.do``), so later ones see the ids of earlier
ones, exactly like the rule reader's resolvers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from meme_desktop.draft import Draft
from meme_desktop.draft import ops as O
from meme_desktop.engine.agent.applier import apply_op
from meme_desktop.engine.agent.applier.base import Ctx, captions, content_ms, video_segments
from meme_desktop.engine.agent.applier.names import SFX_MS
from meme_desktop.engine.agent.maker.library import Format
from meme_desktop.engine.agent.types import AssetRef, Change


@dataclass
class Wishes:
    """What the person asked for explicitly; every variant keeps it."""

    format: str | None = None           # a named format
    quotes: list[str] = field(default_factory=list)      # caption text given verbatim
    quote_pos: list[str | None] = field(default_factory=list)
    style: str | None = None            # "Impact font captions" -> classic
    color: str | None = None
    size: float | None = None
    canvas: tuple[int, int] | None = None
    length: int | None = None           # ms
    media: list[str] = field(default_factory=list)       # asset hashes named
    kind: str | None = None             # "this image" -> image, "the clip" -> video
    own_sound: bool = False             # a sound effect was named: the format's are left out
    own_music: bool = False
    text_only: bool = False             # "a text meme": no picture even if there are uploads
    mood: str | None = None

    def to_json(self) -> dict[str, Any]:
        out = asdict(self)
        out["canvas"] = list(self.canvas) if self.canvas else None
        return {k: v for k, v in out.items() if v not in (None, [], False)}

    @classmethod
    def from_json(cls, raw: Any) -> Wishes:
        if not isinstance(raw, dict):
            return cls()
        known = {k: raw[k] for k in cls.__dataclass_fields__ if k in raw}
        if isinstance(known.get("canvas"), list) and len(known["canvas"]) == 2:
            known["canvas"] = (int(known["canvas"][0]), int(known["canvas"][1]))
        try:
            return cls(**known)
        except TypeError:
            return cls()


class Work:
    """The working draft of a maker turn and the operations done on it so far."""

    def __init__(self, draft: Draft, assets: Sequence[AssetRef]) -> None:
        self.draft = draft.copy()
        self.ctx = Ctx(assets)
        self.ops: list[O.Op] = []
        self.changes: list[Change] = []

    def do(self, op: O.Op) -> Change:
        change = apply_op(self.draft, op, self.ctx)
        self.ops.append(op)
        self.changes.append(change)
        return change


@dataclass
class Made:
    """The segments a composition made, for the record (variants change them by id)."""

    caption_ids: list[str] = field(default_factory=list)
    sound_ids: list[str] = field(default_factory=list)
    music_ids: list[str] = field(default_factory=list)
    sounds: list[str] = field(default_factory=list)
    music: str = ""
    media: list[str] = field(default_factory=list)


def pick_media(fmt: Format, wishes: Wishes, assets: Sequence[AssetRef]) -> list[AssetRef]:
    """The uploads a format uses: the ones named, else the kind said ("this image"), else the
    most recent; two for a two-picture format when there are two."""
    if fmt.media == "none" or wishes.text_only:
        return []
    visual = [a for a in assets if a.visual]
    named = [a for h in wishes.media for a in visual if a.hash == h]
    pool = [a for a in visual if a.kind == wishes.kind] if wishes.kind else []
    order = named + [a for a in reversed(pool or visual) if a not in named]
    want = 2 if fmt.media == "two" else 1
    chosen = order[:want]
    if fmt.media == "two" and not named and len(chosen) == 2:
        chosen.reverse()            # the older upload is the expectation, the newer the reality
    return chosen


def _place(work: Work, fmt: Format, chosen: list[AssetRef], wishes: Wishes) -> None:
    if video_segments(work.draft) or not chosen:
        return
    two = fmt.media == "two"
    length = wishes.length or fmt.length
    for asset in chosen:
        d = (length // 2 if two else length) if asset.kind == "image" else None
        work.do(O.AddMedia(asset=asset.hash, d=d))
    segs = video_segments(work.draft)
    if two and len(segs) == 1:
        work.do(O.DuplicateSegment(id=segs[0].id))


def _treat(work: Work, fmt: Format) -> None:
    """The format's look: effects, slow motion (clips), zoom, a punch-in."""
    video = fmt.video
    segs = video_segments(work.draft)
    if not segs:
        return
    for seg in segs:
        for fx in video.get("fx", []):
            work.do(O.AddEffect(id=seg.id, fx=fx))
        if video.get("speed") and work.ctx.is_clip(seg):
            work.do(O.SetSpeed(id=seg.id, sp=float(video["speed"])))
        if video.get("zoom"):
            z = video["zoom"]
            work.do(O.SetZoom(id=seg.id, zm=(float(z[0]), float(z[1]))))
    second = video.get("second")
    segs = video_segments(work.draft)
    if second and len(segs) >= 2:
        for fx in second.get("fx", []):
            work.do(O.AddEffect(id=segs[1].id, fx=fx))
        if second.get("zoom"):
            z = second["zoom"]
            work.do(O.SetZoom(id=segs[1].id, zm=(float(z[0]), float(z[1]))))
    punch = video.get("punch_in")
    if punch:
        segs = video_segments(work.draft)
        total = content_ms(work.draft)
        at = round(total * float(punch["at"]))
        hit = next((s for s in segs if s.start + 200 <= at < s.end - 200), None)
        if hit is not None:
            work.do(O.PunchIn(id=hit.id, at=at, zoom=float(punch.get("zoom", 1.3))))


def _caption_times(work: Work, fmt: Format, index: int, total: int) -> tuple[int | None, int | None]:
    slot = fmt.slots[index]
    segs = video_segments(work.draft)
    if fmt.media == "two" and len(segs) >= len(fmt.slots):
        seg = segs[index]                       # one caption per picture
        return seg.start, seg.duration
    if slot.start == 0.0 and slot.end == 1.0:
        return (None, None) if segs else (0, total)
    st = round(total * slot.start)
    return st, max(300, round(total * slot.end) - st)


def _captions(work: Work, fmt: Format, texts: Sequence[str], wishes: Wishes, made: Made,
              total: int) -> None:
    for i, text in enumerate(texts):
        slot = fmt.slots[min(i, len(fmt.slots) - 1)]
        st, d = _caption_times(work, fmt, min(i, len(fmt.slots) - 1), total)
        pos = wishes.quote_pos[i] if i < len(wishes.quote_pos) and wishes.quote_pos[i] else slot.pos
        size = wishes.size if wishes.size is not None else (slot.sz if slot.sz != 1.0 else None)
        change = work.do(O.AddCaption(txt=text, pos=pos, st=st, d=d,
                                      sty=wishes.style or slot.sty, col=wishes.color, sz=size))
        made.caption_ids.append(str(change.result["id"]))


def sound_choice(fmt: Format, cue: int, turn: int) -> str:
    choices = fmt.cues[cue].choices
    return choices[turn % len(choices)]


def own_song(work: Work, wishes: Wishes) -> AssetRef | None:
    """The person's newest sound file when they uploaded no picture or clip (a meme made from
    a song alone plays that song), unless they named music or it already plays."""
    assets = work.ctx.assets
    if wishes.own_music or any(a.visual for a in assets):
        return None
    songs = [a for a in assets if a.kind == "audio"]
    playing = {s.src for s in work.draft.segments(1)}
    return songs[-1] if songs and songs[-1].hash not in playing else None


def _sounds(work: Work, fmt: Format, wishes: Wishes, made: Made, total: int,
            sound_turn: int) -> None:
    if not wishes.own_sound:
        for i, cue in enumerate(fmt.cues):
            name = sound_choice(fmt, i, sound_turn)
            st = round(total * cue.at)
            st = max(0, min(st, total - min(SFX_MS[name], total)))
            change = work.do(O.AddSound(sound=name, st=st, vol=cue.vol if cue.vol != 100 else None))
            made.sound_ids.append(str(change.result["id"]))
            made.sounds.append(name)
    song = own_song(work, wishes)
    if song is not None:            # a song was all they gave: it is the meme's music
        change = work.do(O.AddMedia(asset=song.hash))
        made.music_ids.append(str(change.result["id"]))
    elif fmt.music and not wishes.own_music:
        names, vol = fmt.music
        name = names[sound_turn % len(names)]
        change = work.do(O.AddMusic(music=name, vol=vol))
        made.music_ids.append(str(change.result["id"]))
        made.music = name


def compose(work: Work, fmt: Format, texts: Sequence[str], wishes: Wishes,
            assets: Sequence[AssetRef], seed: int, sound_turn: int = 0) -> Made:
    """Make ``fmt`` with ``texts`` on ``work`` (see the module docstring)."""
    made = Made()
    if wishes.canvas and (work.draft.meta.width, work.draft.meta.height) != wishes.canvas:
        work.do(O.SetCanvas(width=wishes.canvas[0], height=wishes.canvas[1]))
    chosen = pick_media(fmt, wishes, assets)
    _place(work, fmt, chosen, wishes)
    made.media = list(dict.fromkeys(s.src for s in video_segments(work.draft)))
    if fmt.media == "none" or not video_segments(work.draft):
        colors = fmt.backgrounds[seed % len(fmt.backgrounds)] if fmt.backgrounds else ("#111111",)
        work.do(O.SetBackground(col=colors[0], col2=colors[1] if len(colors) > 1 else None))
    else:
        _treat(work, fmt)
        if wishes.length and not any(a.kind == "image" for a in chosen):
            work.do(O.SetLength(d=wishes.length))
    total = content_ms(work.draft) if video_segments(work.draft) else (wishes.length or fmt.length)
    _captions(work, fmt, texts, wishes, made, total)
    _sounds(work, fmt, wishes, made, content_ms(work.draft), sound_turn)
    return made


def clear_old_captions(work: Work) -> int:
    """A new meme on a timeline that already has captions replaces them (undo brings them
    back); returns how many were removed."""
    old = captions(work.draft)
    for seg in old:
        work.do(O.DeleteSegment(id=seg.id))
    return len(old)


__all__ = ["Made", "Wishes", "Work", "clear_old_captions", "compose", "own_song", "pick_media",
           "sound_choice"]
