"""Typed operations as one precise chat sentence, for a backend that has no ops endpoint.

The hosted service edits only through chat, so a gesture on the timeline (delete, move, trim,
retype, add a file) becomes the sentence a person would type, naming the segment so it cannot
be confused with another: its position and text for a caption, its time for a sound, its file
name and time for a picture or clip. Several operations are joined into one sentence (the seed's
GUI translation, in reverse). Plain Python: no Qt, no I/O.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from meme_desktop.draft import AudioSegment, Draft, Segment, TextSegment, seconds
from meme_desktop.draft import ops as O

_WHERE = {"top": "top", "center": "middle", "bottom": "bottom"}


def _secs(ms: int) -> str:
    return f"{seconds(ms)}s"


def segment_words(seg: Segment | None, names: Mapping[str, str]) -> str:
    """How to name one segment without ambiguity: ``the top caption "HI"``, ``the vine boom
    at 1s``, ``cat.jpg (the one at 5s)``."""
    if seg is None:
        return "that part"
    if isinstance(seg, TextSegment):
        return f'the {_WHERE.get(seg.pos, seg.pos)} caption "{seg.text}"'
    if isinstance(seg, AudioSegment) and seg.builtin:
        kind, name = seg.builtin
        if kind == "music":
            return f"the {name} music"
        return f"the {name.replace('_', ' ')} at {_secs(seg.start)}"
    src = getattr(seg, "src", "")
    return f"{names.get(src, 'the clip')} (the one at {_secs(seg.start)})"


def _one(op: O.Op, draft: Draft, names: Mapping[str, str]) -> str:
    found = draft.find_segment(op.target) if op.target else None
    what = segment_words(found[1] if found else None, names)
    if isinstance(op, O.DeleteSegment):
        return f"remove {what}"
    if isinstance(op, O.MoveSegment):
        return f"move {what} to start at {_secs(op.st)}"
    if isinstance(op, O.TrimSegment):
        parts = []
        if op.st is not None:
            parts.append(f"start at {_secs(op.st)}")
        if op.d is not None:
            parts.append(f"last {_secs(op.d)}")
        if op.inpoint is not None:
            parts.append(f"begin {_secs(op.inpoint)} into its source")
        return f"make {what} " + " and ".join(parts)
    if isinstance(op, O.SplitSegment):
        return f"split {what} at {_secs(op.at)}"
    if isinstance(op, O.DuplicateSegment):
        return f"duplicate {what}" + (f" at {_secs(op.st)}" if op.st is not None else "")
    if isinstance(op, O.SetVolume):
        return f"set the volume of {what} to {op.vol}%"
    if isinstance(op, O.SetCaption):
        parts = []
        if op.txt is not None:
            parts.append(f'say "{op.txt}"')
        if op.pos is not None:
            parts.append(f"go to the {_WHERE[op.pos]}")
        if op.sz is not None:
            parts.append(f"be {op.sz:g}x the normal size")
        if op.col is not None:
            parts.append(f"be {op.col}")
        if op.sty is not None:
            parts.append(f"use the {op.sty} style")
        return f"change {what} to " + " and ".join(parts)
    if isinstance(op, O.PlaceCaption):
        if op.xy is None:
            return f"put {what} back in its place"
        return (f"put {what} at {round(op.xy[0] * 100)}% from the left and "
                f"{round(op.xy[1] * 100)}% from the top")
    if isinstance(op, O.AddMedia):
        at = f" at {_secs(op.st)}" if op.st is not None else ""
        return f"add {names.get(op.asset, 'the upload')} to the timeline{at}"
    if isinstance(op, O.AddCaption):
        where = f" at the {_WHERE[op.pos]}" if op.pos else ""
        return f'add the caption "{op.txt}"{where}'
    if isinstance(op, O.AddSound):
        return f"add a {op.sound.replace('_', ' ')} at {_secs(op.st or 0)}"
    if isinstance(op, O.AddMusic):
        return f"add {op.music} music"
    if isinstance(op, O.SetCanvas):
        return f"make the canvas {op.width}x{op.height}"
    if isinstance(op, O.SetTitle):
        return f'call the project "{op.title}"'
    return f"{op.NAME.replace('_', ' ')} {what}".strip()


def gesture_sentence(ops: Sequence[O.Op], draft: Draft, names: Mapping[str, str]) -> str:
    """One sentence for a list of operations (each phrased against the draft it will meet)."""
    parts = [_one(op, draft, names) for op in ops]
    if not parts:
        return ""
    text = parts[0] if len(parts) == 1 else ", then ".join(parts)
    return text[0].upper() + text[1:] + "."
