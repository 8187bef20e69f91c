"""The applier: a draft and typed operations → a new draft and one sentence per operation.

``apply_ops(draft, ops, assets)`` applies a whole list to a copy of the draft (all or nothing:
the first operation that cannot be carried out raises :class:`Problem` with its ``index``),
checks the result with ``draft.validate`` and returns the new draft and one :class:`Change`
per operation (English and Chinese, with its numbers). Nothing here knows where operations
came from: the rule reader, a meme format, a gesture or a language model. ``say`` words a
list of changes for a chat reply (consecutive changes of one kind said once).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from meme_desktop.draft import Draft, DraftError, validate
from meme_desktop.draft import ops as O
from meme_desktop.engine.agent.applier import audio, captions, media, segments, tricks
from meme_desktop.engine.agent.applier.base import Ctx, refit, repack, video_end, video_segments
from meme_desktop.engine.agent.applier.names import listing
from meme_desktop.engine.agent.types import AssetRef, Change, Problem

Handler = Callable[[Draft, Any, Ctx], Change]
HANDLERS: dict[type[O.Op], Handler] = {
    O.AddCaption: captions.add_caption, O.SetCaption: captions.set_caption,
    O.PlaceCaption: captions.place_caption,
    O.MoveSegment: segments.move_segment, O.TrimSegment: segments.trim_segment,
    O.SplitSegment: segments.split_segment, O.DeleteSegment: segments.delete_segment,
    O.DuplicateSegment: segments.duplicate_segment, O.SetVolume: segments.set_volume,
    O.SetFade: segments.set_fade,
    O.SetCanvas: media.set_canvas, O.SetTitle: media.set_title,
    O.SetBackground: media.set_background,
    O.ClearTimeline: media.clear_timeline, O.AddMedia: media.add_media,
    O.ReplaceMedia: media.replace_media, O.Reorder: media.reorder,
    O.SetLength: media.set_length, O.SetFit: media.set_fit,
    O.SetSpeed: tricks.set_speed, O.SetReverse: tricks.set_reverse,
    O.Boomerang: tricks.boomerang, O.Loop: tricks.loop, O.SetZoom: tricks.set_zoom,
    O.PunchIn: tricks.punch_in, O.AddEffect: tricks.add_effect,
    O.RemoveEffect: tricks.remove_effect,
    O.AddSound: audio.add_sound, O.AddMusic: audio.add_music,
    O.ReplaceSound: audio.replace_sound,
}
assert set(HANDLERS) == set(O.OPS.values()), "every operation needs a handler"


@dataclass
class Applied:
    """The outcome of a whole list: the new draft and one change per operation."""

    draft: Draft
    changes: list[Change]


def apply_op(draft: Draft, op: O.Op, ctx: Ctx) -> Change:
    """Apply one operation to ``draft`` in place, keeping the timeline's invariants."""
    before = video_end(draft) or draft.duration
    shape = [(s.id, s.duration) for s in video_segments(draft)]
    change = HANDLERS[type(op)](draft, op, ctx)
    if shape != [(s.id, s.duration) for s in video_segments(draft)]:
        repack(draft)
        refit(draft, before)
    return change


def apply_ops(draft: Draft, ops: Sequence[O.Op], assets: Sequence[AssetRef]) -> Applied:
    """Apply ``ops`` in order to a copy of ``draft``; all or nothing.

    Raises :class:`Problem` (with ``index`` and ``op`` set) for the first operation that cannot
    be carried out or that would leave an invalid draft; ``draft`` itself never changes.
    """
    new = draft.copy()
    ctx = Ctx(assets)
    changes: list[Change] = []
    for i, op in enumerate(ops):
        try:
            changes.append(apply_op(new, op, ctx))
            validate(new)
        except Problem as exc:
            exc.index, exc.op = i, op.NAME
            raise
        except DraftError as exc:
            problem = Problem(f"That would leave the timeline invalid: {exc.problem} "
                              f"({exc.where}).", f"这样会让时间线无效：{exc.problem}。")
            problem.index, problem.op = i, op.NAME
            raise problem from exc
    return Applied(new, changes)


def say(changes: Sequence[Change], zh: bool) -> list[str]:
    """The sentences of a chat reply: consecutive changes of one group are said once."""
    out: list[str] = []
    i = 0
    while i < len(changes):
        first = changes[i]
        j = i + 1
        while first.group and j < len(changes) and changes[j].group == first.group:
            j += 1
        run = changes[i:j]
        if len(run) == 1:
            out.append(first.zh if zh else first.en)
        else:
            items = listing([c.item_zh if zh else c.item for c in run], zh)
            template = first.many_zh if zh else first.many_en
            out.append(template.format(n=len(run), items=items))
        i = j
    return out


__all__ = ["HANDLERS", "Applied", "Ctx", "apply_op", "apply_ops", "say"]
