"""Operations on pictures and clips: placing, ordering, lengths, trims, speed, reverse,
boomerang, loops, zoom and visual effects."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from meme_desktop.draft import TT_VIDEO, Draft, VideoSegment, seconds
from meme_desktop.engine.agent.apply import IMAGE_MS, Ctx, span_text, video_segments
from meme_desktop.engine.agent.types import AssetRef, Change, Problem

_NO_MEDIA = Problem("There is no picture or clip on the timeline yet. Upload one (Import… or "
                    "Ctrl+O), then ask again.",
                    "时间线上还没有图片或视频。请先上传一个（导入… 或 Ctrl+O），再告诉我。")


def _label(seg: VideoSegment, ctx: Ctx) -> str:
    return ctx.names.get(seg.src, "the clip")


def _is_clip(seg: VideoSegment, ctx: Ctx) -> bool:
    asset = ctx.asset(seg.src)
    return asset.kind == "video" if asset else seg.speed != 1.0 or seg.inpoint > 0


def _source_ms(seg: VideoSegment, ctx: Ctx) -> int | None:
    asset = ctx.asset(seg.src)
    if asset and asset.kind == "video" and asset.ms:
        return asset.ms
    return None


def targets(draft: Draft, args: dict[str, Any], ctx: Ctx, clips_first: bool = False,
            one: bool = False) -> list[VideoSegment]:
    segs = video_segments(draft)
    missing = [h for h in args.get("assets") or [] if not any(s.src == h for s in segs)]
    for h in missing:
        asset = ctx.asset(h)
        if asset is not None and asset.visual:
            ctx.extra.setdefault("notes", []).append(apply_add_media(draft, {"asset": h}, ctx))
    segs = video_segments(draft)
    if not segs:
        raise _NO_MEDIA
    if args.get("assets"):
        found = [s for s in segs if s.src in args["assets"]]
        if not found:
            names = ", ".join(ctx.names.get(h, "that file") for h in args["assets"])
            raise Problem(f"{names} is not on the timeline yet. Say 'use {names}' to add it.",
                          f"{names} 还不在时间线上。说“用 {names}”来添加。")
        segs = found
    elif clips_first:
        clips = [s for s in segs if _is_clip(s, ctx)]
        segs = clips or segs
    if one:
        return segs[-1:]
    return segs


def _fit_for(draft: Draft, asset: AssetRef) -> str:
    existing = video_segments(draft)
    if existing:
        return existing[-1].fit
    if asset.width and asset.height:
        a, c = asset.width / asset.height, draft.meta.width / draft.meta.height
        return "cover" if abs(a - c) / c < 0.1 else "blur"
    return "blur"


def apply_add_media(draft: Draft, args: dict[str, Any], ctx: Ctx) -> Change:
    if args.get("latest"):
        visual = [a for a in ctx.assets if a.visual]
        if not visual:
            raise _NO_MEDIA
        asset: AssetRef | None = visual[-1]
    else:
        asset = ctx.asset(args.get("asset", ""))
    if asset is None:
        raise Problem("I can't find that upload. Upload it first, then ask again.",
                      "找不到那个文件，请先上传。")
    track = draft.track_for(TT_VIDEO)
    assert track is not None
    segs = track.segments
    existing = next((s for s in segs if isinstance(s, VideoSegment) and s.src == asset.hash),
                    None)
    dur = args.get("dur")
    note = ""
    old_index = None
    if existing is not None and (args.get("order") or dur is not None or args.get("before")
                                 or args.get("after")):
        seg = existing
        old_index = segs.index(seg)
        segs.remove(seg)
        verb_en, verb_zh = "Moved", "移动了"
    else:
        seg = VideoSegment(id=draft.new_id("s"), src=asset.hash, fit=_fit_for(draft, asset))
        seg.duration = asset.ms if asset.kind == "video" and asset.ms else IMAGE_MS
        verb_en, verb_zh = "Placed", "放置了"
    if dur is not None:
        length = asset.ms if asset.kind == "video" else 0
        if length and seg.inpoint + dur * seg.speed > length:
            dur = max(100, round((length - seg.inpoint) / seg.speed))
            note = f" (the clip is only {seconds(length)} s long)"
        seg.duration = max(100, int(dur))
    order = args.get("order")
    index = len(segs) if old_index is None or order else old_index
    rel = args.get("before") or args.get("after")
    if rel:
        pos = next((i for i, s in enumerate(segs) if s.src == rel), None)
        if pos is not None:
            index = pos if args.get("before") else pos + 1
    elif order == "first":
        index = 0
    elif order == "then" and ctx.placed:
        prev = next((i for i, s in enumerate(segs) if s.id == ctx.placed), None)
        index = len(segs) if prev is None else prev + 1
    segs.insert(index, seg)
    t = 0
    for s in segs:
        s.start = t
        t += s.duration
    ctx.placed = seg.id
    if old_index is not None and not (order or rel):
        return Change(f"{asset.name} now lasts {seconds(seg.duration)} s "
                      f"({span_text(seg.start, seg.end)}){note}.",
                      f"{asset.name} 现在时长 {seconds(seg.duration)} 秒。",
                      {"id": seg.id, "st": seg.start, "d": seg.duration})
    return Change(f"{verb_en} {asset.name} on the timeline at {seconds(seg.start)} s for "
                  f"{seconds(seg.duration)} s{note}.",
                  f"{verb_zh} {asset.name}：从 {seconds(seg.start)} 秒开始，时长 "
                  f"{seconds(seg.duration)} 秒。", {"id": seg.id, "st": seg.start,
                                                 "d": seg.duration})


def apply_swap_order(draft: Draft, args: dict[str, Any], ctx: Ctx) -> Change:
    track = draft.track_for(TT_VIDEO)
    assert track is not None
    if len(track.segments) < 2:
        raise Problem("There is only one picture or clip on the timeline, so there is nothing "
                      "to reorder.", "时间线上只有一个素材，无法调换顺序。")
    track.segments.reverse()
    order = ", ".join(_label(s, ctx) for s in track.segments if isinstance(s, VideoSegment))
    return Change(f"Reversed the order: {order}.", f"顺序已调换：{order}。", {"order": order})


def apply_remove_media(draft: Draft, args: dict[str, Any], ctx: Ctx) -> Change:
    segs = targets(draft, args, ctx)
    ids = {s.id for s in segs}
    track = draft.track_for(TT_VIDEO)
    assert track is not None
    track.segments = [s for s in track.segments if s.id not in ids]
    names = ", ".join(dict.fromkeys(_label(s, ctx) for s in segs))
    return Change(f"Removed {names} from the timeline.", f"从时间线删除了 {names}。",
                  {"removed": sorted(ids)})


def apply_total_length(draft: Draft, args: dict[str, Any], ctx: Ctx) -> Change:
    want = max(100, int(args["dur"]))
    segs = video_segments(draft)
    if not segs:
        raise _NO_MEDIA
    cur = sum(s.duration for s in segs)
    if want < cur:
        cut = cur - want
        for seg in reversed(segs):
            take = min(cut, seg.duration - 100)
            seg.duration -= take
            cut -= take
            if cut <= 0:
                break
    elif want > cur:
        images = [s for s in segs if not _is_clip(s, ctx)]
        if not images:
            raise Problem(f"The clips are only {seconds(cur)} s long. I can slow them down "
                          "(say 'slow motion') or loop them (say 'loop it 2 times').",
                          f"视频只有 {seconds(cur)} 秒。可以放慢（说“慢动作”）或循环（说“循环2次”）。")
        images[-1].duration += want - cur
    return Change(f"The video is now {seconds(want)} s long.",
                  f"视频时长改为 {seconds(want)} 秒。", {"d": want})


def apply_trim(draft: Draft, args: dict[str, Any], ctx: Ctx) -> Change:
    seg = targets(draft, args, ctx, clips_first=True, one=True)[0]
    src = _source_ms(seg, ctx)
    clip = _is_clip(seg, ctx)
    sp = seg.speed
    if "keep_first" in args:
        seg.duration = max(100, min(int(args["keep_first"]), seg.duration))
    elif "cut_first" in args or "keep_last" in args:
        n = int(args["cut_first"]) if "cut_first" in args else seg.duration - int(args["keep_last"])
        if n >= seg.duration or n <= 0:
            raise Problem(f"{_label(seg, ctx)} is only {seconds(seg.duration)} s long.",
                          f"{_label(seg, ctx)} 只有 {seconds(seg.duration)} 秒。")
        if clip:
            seg.inpoint += round(n * sp)
        seg.duration -= n
    elif "cut_last" in args:
        n = int(args["cut_last"])
        if n >= seg.duration:
            raise Problem(f"{_label(seg, ctx)} is only {seconds(seg.duration)} s long.",
                          f"{_label(seg, ctx)} 只有 {seconds(seg.duration)} 秒。")
        seg.duration -= n
    elif "keep_span" in args:
        a, b = (int(x) for x in args["keep_span"])
        if src is not None:
            b = min(b, src)
        if b - a < 100:
            raise Problem(f"That part is outside {_label(seg, ctx)}"
                          f"{f' ({seconds(src)} s long)' if src else ''}.",
                          "那一段超出了视频的长度。")
        if clip:
            seg.inpoint = a
        seg.duration = max(100, round((b - a) / sp))
    elif "end_at" in args:
        seg.duration = max(100, int(args["end_at"]) - seg.start)
    src_from = seg.inpoint
    src_to = seg.inpoint + round(seg.duration * sp)
    part = f" (source {span_text(src_from, src_to)})" if clip else ""
    return Change(f"Trimmed {_label(seg, ctx)} to {seconds(seg.duration)} s{part}.",
                  f"把 {_label(seg, ctx)} 剪成 {seconds(seg.duration)} 秒。",
                  {"id": seg.id, "in": seg.inpoint, "d": seg.duration})


def split(draft: Draft, seg: VideoSegment, at: int) -> VideoSegment:
    """Split ``seg`` at timeline time ``at``; returns the right part (inserted after it)."""
    track = draft.track_for(TT_VIDEO)
    assert track is not None
    left_d = at - seg.start
    right = seg.copy()
    assert isinstance(right, VideoSegment)
    right.id = draft.new_id("s")
    right.start, right.duration = at, seg.duration - left_d
    if seg.reverse:
        seg.inpoint = seg.inpoint + round(right.duration * seg.speed)
    else:
        right.inpoint = seg.inpoint + round(left_d * seg.speed)
    seg.duration = left_d
    track.segments.insert(track.segments.index(seg) + 1, right)
    return right


def range_segments(draft: Draft, segs: list[VideoSegment], a: int,
                   b: int) -> list[VideoSegment]:
    """The parts of ``segs`` between timeline times ``a`` and ``b``, split out on their own."""
    out = []
    for seg in list(segs):
        if seg.end <= a or seg.start >= b:
            continue
        part = seg
        if a > part.start + 50:
            part = split(draft, part, a)
        if b < part.end - 50:
            split(draft, part, b)
        out.append(part)
    if not out:
        raise Problem(f"The video is only {seconds(max(s.end for s in segs))} s long; pick a "
                      "time inside it.", "那个时间超出了视频长度。")
    return out


def apply_replace_media(draft: Draft, args: dict[str, Any], ctx: Ctx) -> Change:
    """The new upload takes the old one's place: effects, speed and fit stay; a clip brings
    its own length (at the slot's speed), a picture keeps the slot's length."""
    new = ctx.asset(args["asset"])
    if new is None or not new.visual:
        raise Problem("I can't find that upload. Check the name or upload it first.",
                      "找不到那个文件。请检查名字，或先上传。")
    segs = video_segments(draft)
    if not segs:
        raise _NO_MEDIA
    olds = [s for s in segs if s.src in args.get("old", [])] or [s for s in segs
                                                                 if s.src != new.hash]
    if len({s.src for s in olds}) > 1 and not args.get("old"):
        names = ", ".join(dict.fromkeys(_label(s, ctx) for s in olds))
        raise Problem(f"Which one should {new.name} replace: {names}?",
                      f"要用 {new.name} 替换哪一个：{names}？")
    if not olds:
        raise Problem(f"{new.name} is already on the timeline.", f"{new.name} 已经在时间线上了。")
    replaced = ", ".join(dict.fromkeys(_label(s, ctx) for s in olds))
    for seg in olds:
        seg.src, seg.inpoint = new.hash, 0
        if new.kind == "video" and new.ms:
            seg.duration = max(100, round(new.ms / seg.speed))
    total = sum(s.duration for s in video_segments(draft))
    return Change(f"Replaced {replaced} with {new.name} (the video is now {seconds(total)} s).",
                  f"已用 {new.name} 替换 {replaced}（视频现在 {seconds(total)} 秒）。",
                  {"ids": [s.id for s in olds], "src": new.hash})


HANDLERS: dict[str, Callable[[Draft, dict[str, Any], Ctx], Change]] = {
    "add_media": apply_add_media, "remove_media": apply_remove_media,
    "replace_media": apply_replace_media,
    "swap_order": apply_swap_order,
    "set_total_length": apply_total_length, "trim": apply_trim,
}
