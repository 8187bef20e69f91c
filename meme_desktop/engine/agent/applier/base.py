"""What every operation's application shares: the context (uploads and their names), finding
the target segment by id, and the timeline's invariants.

The invariants, kept after every operation: pictures and clips play one after another without
gaps, in list order (:func:`repack`); captions and music that spanned the whole video follow it
when its length changes, and nothing is left hanging past its end (:func:`refit`), because
that would add black frames to the export.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

from meme_desktop.draft import (
    TT_AUDIO,
    TT_TEXT,
    TT_VIDEO,
    AudioSegment,
    Draft,
    Segment,
    TextSegment,
    Track,
    VideoSegment,
)
from meme_desktop.engine.agent.applier.names import SFX_MS, sfx_name
from meme_desktop.engine.agent.types import AssetRef, Problem

EMPTY_MS = 5000          # caption / image length when the timeline is empty
IMAGE_MS = 5000
MIN_MS = 100             # the shortest segment an edit leaves
MIN_SFX_MS = 300
S = TypeVar("S", bound=Segment)


@dataclass
class Ctx:
    """What applying operations needs besides the draft: the session's uploads."""

    assets: Sequence[AssetRef]

    def asset(self, h: str) -> AssetRef | None:
        return next((a for a in self.assets if a.hash == h), None)

    @property
    def names(self) -> dict[str, str]:
        return {a.hash: a.name for a in self.assets}

    def label(self, seg: Segment) -> str:
        """What a person calls a segment in a sentence."""
        if isinstance(seg, TextSegment):
            return f'the caption "{seg.text}"'
        if isinstance(seg, AudioSegment) and seg.builtin:
            kind, name = seg.builtin
            return f"the {sfx_name(name)}" if kind == "sfx" else f"the {name} music"
        if isinstance(seg, (VideoSegment, AudioSegment)):
            asset = self.asset(seg.src)
            return asset.name if asset else ("the clip" if isinstance(seg, VideoSegment)
                                             else "the sound")
        return seg.id

    def is_clip(self, seg: VideoSegment) -> bool:
        asset = self.asset(seg.src)
        return asset.kind == "video" if asset else seg.speed != 1.0 or seg.inpoint > 0

    def source_ms(self, seg: VideoSegment | AudioSegment) -> int | None:
        """The length of a segment's source, when it is a clip or a sound file."""
        if isinstance(seg, AudioSegment) and seg.builtin and seg.builtin[0] == "sfx":
            return SFX_MS.get(seg.builtin[1])
        asset = self.asset(seg.src)
        if asset and asset.kind in ("video", "audio") and asset.ms:
            return asset.ms
        return None


def find(draft: Draft, seg_id: str, kind: type[S], what: str, what_zh: str) -> S:
    """The segment ``seg_id`` if it is a ``kind``; :class:`Problem` otherwise."""
    found = draft.find_segment(seg_id)
    if found is None:
        raise Problem(f"There is no segment {seg_id!r} on the timeline (it may have been "
                      "removed already).", f"时间线上没有 {seg_id!r} 这一段（可能已经删除了）。")
    seg = found[1]
    if not isinstance(seg, kind):
        raise Problem(f"{seg_id!r} is not {what}.", f"{seg_id!r} 不是{what_zh}。")
    return seg


def find_any(draft: Draft, seg_id: str) -> tuple[Track, Segment]:
    found = draft.find_segment(seg_id)
    if found is None:
        raise Problem(f"There is no segment {seg_id!r} on the timeline (it may have been "
                      "removed already).", f"时间线上没有 {seg_id!r} 这一段（可能已经删除了）。")
    return found


def video_segments(draft: Draft) -> list[VideoSegment]:
    return [s for s in draft.segments(TT_VIDEO) if isinstance(s, VideoSegment)]


def video_end(draft: Draft) -> int:
    return max((s.end for s in video_segments(draft)), default=0)


def content_ms(draft: Draft) -> int:
    """The length a caption or music should span: the video, else the timeline, else 5 s."""
    return video_end(draft) or draft.duration or EMPTY_MS


def captions(draft: Draft) -> list[TextSegment]:
    return [s for s in draft.segments(TT_TEXT) if isinstance(s, TextSegment)]


def is_music(draft: Draft, seg: AudioSegment) -> bool:
    if seg.builtin:
        return seg.builtin[0] == "music"
    track = next((t for t in draft.tracks if seg in t.segments), None)
    return bool(track and track.name.lower() == "music")


def sfx_segments(draft: Draft, name: str | None = None) -> list[AudioSegment]:
    return [s for s in draft.segments(TT_AUDIO) if isinstance(s, AudioSegment)
            and not is_music(draft, s) and (name is None or s.src == f"sfx:{name}")]


def music_segments(draft: Draft) -> list[AudioSegment]:
    return [s for s in draft.segments(TT_AUDIO) if isinstance(s, AudioSegment)
            and is_music(draft, s)]


def audio_track(draft: Draft, music: bool) -> Track:
    """The Music or the Sound track, made (after the last video or audio track) if missing."""
    want = "Music" if music else "Sound"
    for t in draft.tracks:
        if t.type == TT_AUDIO and (t.name == "Music") == music:
            return t
    track = Track(id=draft.new_id("a"), type=TT_AUDIO, name=want)
    last_audio = max((i for i, t in enumerate(draft.tracks) if t.type in (TT_VIDEO, TT_AUDIO)),
                     default=-1)
    draft.tracks.insert(last_audio + 1, track)
    return track


def video_track(draft: Draft) -> Track:
    track = draft.track_for(TT_VIDEO)
    assert track is not None
    return track


def repack(draft: Draft) -> None:
    """Video segments play one after another, without gaps, in list order."""
    track = draft.track_for(TT_VIDEO, create=False)
    if track is None:
        return
    t = 0
    for seg in track.segments:
        seg.start = t
        t += seg.duration


def refit(draft: Draft, before_total: int) -> None:
    """After the video changed length: captions and music that spanned everything follow it;
    nothing is left hanging past the end of the video (that would add black frames)."""
    end = video_end(draft)
    if end <= 0:
        return
    for track in draft.tracks:
        if track.type == TT_VIDEO:
            continue
        for seg in list(track.segments):
            to_end = before_total > 0 and seg.end == before_total
            music = isinstance(seg, AudioSegment) and is_music(draft, seg)
            builtin = isinstance(seg, AudioSegment) and seg.builtin is not None
            if (isinstance(seg, TextSegment) and to_end and seg.start == 0) or (
                    music and to_end and (builtin or end < seg.end)):
                seg.duration = max(MIN_MS, end - seg.start)
            elif seg.end > end:
                if seg.start < end - MIN_MS:
                    seg.duration = end - seg.start
                else:
                    seg.start = max(0, end - min(seg.duration, end))
                    seg.duration = min(seg.duration, end - seg.start)
            if isinstance(seg, AudioSegment):
                fit_fades(seg)


def fit_fades(seg: AudioSegment) -> None:
    if seg.fade_in + seg.fade_out > seg.duration:
        seg.fade_in = min(seg.fade_in, seg.duration // 2)
        seg.fade_out = min(seg.fade_out, seg.duration - seg.fade_in)


def inside_video(start: int, length: int, end: int) -> tuple[int, int]:
    """Start and length of a sound effect kept inside the video (no black frames after it).

    With no video yet, nothing is cut. A sound that would run past the end is cut there; one
    that would start too close to (or after) the end is moved back so it still plays.
    """
    if end <= 0 or start + length <= end:
        return start, length
    if end - start >= MIN_SFX_MS:
        return start, end - start
    return max(0, end - length), min(length, end)


def insert_index(segs: list[VideoSegment], st: int) -> int:
    """Where a picture or clip starting at ``st`` goes among ``segs`` (packed, in order):
    before the first one whose middle is later than ``st``."""
    t = 0
    for i, seg in enumerate(segs):
        if t + seg.duration / 2 > st:
            return i
        t += seg.duration
    return len(segs)


def split_at(draft: Draft, track: Track, seg: Segment, at: int) -> Segment:
    """Split ``seg`` at timeline time ``at``; returns the right part (inserted after it)."""
    left_d = at - seg.start
    right = seg.copy()
    right.id = draft.new_id("s")
    right.start, right.duration = at, seg.duration - left_d
    if isinstance(seg, VideoSegment) and isinstance(right, VideoSegment):
        if seg.reverse:
            seg.inpoint = seg.inpoint + round(right.duration * seg.speed)
        else:
            right.inpoint = seg.inpoint + round(left_d * seg.speed)
    elif isinstance(seg, AudioSegment) and isinstance(right, AudioSegment):
        right.inpoint = seg.inpoint + left_d
        seg.fade_out, right.fade_in = 0, 0
        fit_fades(right)
    seg.duration = left_d
    if isinstance(seg, AudioSegment):
        fit_fades(seg)
    track.segments.insert(track.segments.index(seg) + 1, right)
    return right


def range_part(draft: Draft, seg: VideoSegment, a: int | None, b: int | None,
               ctx: Ctx) -> VideoSegment:
    """The part of ``seg`` between timeline times ``a`` and ``b``, split out on its own."""
    if a is None and b is None:
        return seg
    a = seg.start if a is None else a
    b = seg.end if b is None else b
    if b <= seg.start or a >= seg.end or b - a < MIN_MS:
        raise Problem(f"{ctx.label(seg)} plays {seg.start / 1000:g}–{seg.end / 1000:g} s; pick "
                      "a time inside it.", "那个时间超出了这一段的范围。")
    track = video_track(draft)
    part: Segment = seg
    if a > part.start + 50:
        part = split_at(draft, track, part, a)
    if b < part.end - 50:
        split_at(draft, track, part, b)
    assert isinstance(part, VideoSegment)
    return part
