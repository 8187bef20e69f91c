"""The one-line timeline summary of DESIGN.md section 4, and a change description between drafts.

``Timeline (3 tracks): 1. Video: cat.jpg (0-6s) 2. Sound: vine boom (2-2.9s, 100%)
3. Caption: "WHEN THE CODE COMPILES" (0-6s)``
"""

from __future__ import annotations

from collections.abc import Mapping

from meme_desktop.draft.model import (
    AudioSegment,
    Draft,
    Segment,
    TextSegment,
    Track,
    VideoSegment,
)


def seconds(ms: int) -> str:
    """``2000`` → ``2``, ``2900`` → ``2.9``, ``1250`` → ``1.25``."""
    text = f"{ms / 1000:.2f}".rstrip("0").rstrip(".")
    return text or "0"


def one_line(text: str) -> str:
    """A caption's lines on one line, `` / `` between them (``nobody:\nme: …`` →
    ``nobody: / me: …``): where a caption is named in a sentence, a label or a list."""
    return " / ".join(line.strip() for line in text.splitlines() if line.strip())


def span(seg: Segment) -> str:
    if not seg.placed:
        return "?"
    return f"{seconds(seg.start)}-{seconds(seg.end)}s"


def segment_label(seg: Segment, names: Mapping[str, str] | None = None) -> str:
    """What a person calls a segment: a file name, a sound's name, a caption's text."""
    names = names or {}
    if isinstance(seg, TextSegment):
        return f'"{one_line(seg.text)}"'
    if isinstance(seg, AudioSegment) and seg.builtin:
        return seg.builtin[1].replace("_", " ")
    if isinstance(seg, (VideoSegment, AudioSegment)):
        if seg.src in names:
            return names[seg.src]
        tail = seg.src.replace("\\", "/").rsplit("/", 1)[-1]
        return tail if len(tail) <= 24 else tail[:10] + "…"
    for key in ("n", "name", "txt", "text", "title"):  # a segment of an unknown track type
        value = seg.extra.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip() if len(value) <= 40 else value[:39] + "…"
    return seg.id if isinstance(seg.id, str) and seg.id else "?"


def unknown_track_label(track: Track) -> str:
    """The name of a track of a type this app does not know: its own name, else its type."""
    if isinstance(track.name, str) and track.name.strip():
        return track.name.strip()
    return f"Track type {track.type}"


def track_label(track: Track) -> str:
    """``Video``, ``Sound``, ``Music`` or ``Caption``: the kind of what the track holds; a
    track of an unknown type by its own name."""
    if not track.known:
        return unknown_track_label(track)
    if track.type == 0:
        return "Video"
    if track.type == 7:
        return "Caption" if len(track.segments) <= 1 else "Captions"
    kinds = {s.builtin[0] if isinstance(s, AudioSegment) and s.builtin else "file"
             for s in track.segments}
    return "Music" if kinds == {"music"} else "Sound"


def segment_summary(seg: Segment, names: Mapping[str, str] | None = None) -> str:
    details = span(seg)
    if isinstance(seg, AudioSegment):
        details += f", {seg.volume}%"
    elif isinstance(seg, VideoSegment) and seg.speed != 1.0:
        details += f", {seg.speed:g}x"
    return f"{segment_label(seg, names)} ({details})"


_ZH_LABELS = {"Video": "视频", "Sound": "音效", "Music": "音乐", "Caption": "字幕",
              "Captions": "字幕"}


def timeline_summary(draft: Draft, names: Mapping[str, str] | None = None,
                     zh: bool = False) -> str:
    """One line: every non-empty track, numbered, with its segments in time order (in
    Chinese with ``zh``: ``时间线（2 条轨道）：1. 视频：cat.jpg（0-5秒）…``)."""
    tracks = [t for t in draft.tracks if t.segments]
    if not tracks:
        return "时间线（0 条轨道）：空" if zh else "Timeline (0 tracks): empty"
    parts = []
    for i, track in enumerate(tracks, 1):
        ordered = sorted(track.segments, key=lambda s: s.start if s.placed else 0)
        if zh:
            label = _ZH_LABELS.get(track_label(track), track_label(track))
            segs = "，".join(_zh_summary(s, names) for s in ordered)
            parts.append(f"{i}. {label}：{segs}")
        else:
            segs = ", ".join(segment_summary(s, names) for s in ordered)
            parts.append(f"{i}. {track_label(track)}: {segs}")
    if zh:
        return f"时间线（{len(tracks)} 条轨道）：" + " ".join(parts)
    noun = "track" if len(tracks) == 1 else "tracks"
    return f"Timeline ({len(tracks)} {noun}): " + " ".join(parts)


def _zh_summary(seg: Segment, names: Mapping[str, str] | None) -> str:
    details = span(seg).replace("s", "秒") if seg.placed else "?"
    if isinstance(seg, AudioSegment):
        details += f"，{seg.volume}%"
    elif isinstance(seg, VideoSegment) and seg.speed != 1.0:
        details += f"，{seg.speed:g}倍速"
    return f"{segment_label(seg, names)}（{details}）"


def _key(seg: Segment) -> str:
    return seg.id if isinstance(seg.id, str) else repr(seg.id)


def describe_changes(before: Draft, after: Draft,
                     names: Mapping[str, str] | None = None) -> list[str]:
    """Short sentences for what differs between two drafts (for turns that ended silently)."""
    out: list[str] = []
    if (before.meta.width, before.meta.height) != (after.meta.width, after.meta.height):
        out.append(f"Canvas is now {after.meta.width}x{after.meta.height}.")
    old = {_key(s): s for s in before.segments()}
    new = {_key(s): s for s in after.segments()}
    for sid, seg in new.items():
        if sid not in old:
            out.append(f"Added {segment_summary(seg, names)}.")
            continue
        was, now = old[sid].to_json(), seg.to_json()
        if was == now:
            continue
        if seg.placed and {k: v for k, v in was.items() if k != "st"} == \
                {k: v for k, v in now.items() if k != "st"}:
            out.append(f"Moved {segment_label(seg, names)} to {seconds(seg.start)}s.")
        else:
            out.append(f"Changed {segment_summary(seg, names)}.")
    for sid, seg in old.items():
        if sid not in new:
            out.append(f"Removed {segment_label(seg, names)}.")
    return out
