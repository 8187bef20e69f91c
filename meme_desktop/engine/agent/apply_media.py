"""Operations on pictures and clips: placing, ordering, lengths, trims, speed, reverse,
boomerang, loops, zoom and visual effects."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from meme_desktop.draft import TT_VIDEO, Draft, VideoSegment, seconds
from meme_desktop.engine.agent import lexicon as lx
from meme_desktop.engine.agent.apply import IMAGE_MS, Ctx, span_text, video_segments
from meme_desktop.engine.agent.types import AssetRef, Change, Problem

_NO_MEDIA = Problem("There is no picture or clip on the timeline yet. Upload one (drag it into "
                    "the media bin), then ask again.",
                    "时间线上还没有图片或视频。请先上传一个（拖进素材区），再告诉我。")


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
    if existing is not None and (args.get("order") or dur is not None):
        seg = existing
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
    index = len(segs)
    if order == "first":
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
    return Change(f"{verb_en} {asset.name} on the timeline at {seconds(seg.start)} s for "
                  f"{seconds(seg.duration)} s{note}.",
                  f"{verb_zh} {asset.name}：从 {seconds(seg.start)} 秒开始，时长 "
                  f"{seconds(seg.duration)} 秒。", {"id": seg.id, "st": seg.start,
                                                 "d": seg.duration})


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


def apply_speed(draft: Draft, args: dict[str, Any], ctx: Ctx) -> Change:
    speed = float(args["speed"])
    segs = targets(draft, args, ctx, clips_first=True)
    if not any(_is_clip(s, ctx) for s in segs) and speed != 1.0:
        raise Problem("Speed only changes clips, and the timeline has only pictures. Upload a "
                      "clip, or change how long the picture shows (e.g. 'make it 3 seconds').",
                      "速度只对视频有效，时间线上只有图片。可以上传视频，或改变图片时长（如“改成3秒”）。")
    span = args.get("span")
    if args.get("last"):
        end = max(s.end for s in segs)
        span = [max(0, end - int(args["last"])), end]
    if span:
        a, b = (int(x) for x in span)
        seg = next((s for s in segs if s.start <= a < s.end), None)
        if seg is None:
            raise Problem(f"The video is only {seconds(max(s.end for s in segs))} s long.",
                          "那个时间超出了视频长度。")
        if a > seg.start + 50:
            seg = split(draft, seg, a)
        if b < seg.end - 50:
            split(draft, seg, b)
        segs = [seg]
    for seg in segs:
        span_src = seg.duration * seg.speed
        seg.speed = speed
        seg.duration = max(100, round(span_src / speed))
    total = sum(s.duration for s in segs)
    what = "normal speed" if speed == 1 else f"{speed:g}x"
    return Change(f"Set {_label(segs[0], ctx)} to {what}: it now lasts {seconds(total)} s.",
                  f"把 {_label(segs[0], ctx)} 设为 {what} 速度，现在时长 {seconds(total)} 秒。",
                  {"ids": [s.id for s in segs], "sp": speed})


def apply_reverse(draft: Draft, args: dict[str, Any], ctx: Ctx) -> Change:
    segs = targets(draft, args, ctx, clips_first=True)
    on = bool(args.get("on", True))
    for seg in segs:
        seg.reverse = on
    name = _label(segs[0], ctx)
    return Change(f"{name} now plays {'backwards' if on else 'forwards'}.",
                  f"{name} 现在{'倒放' if on else '正常播放'}。", {"ids": [s.id for s in segs]})


def _copies(draft: Draft, seg: VideoSegment, n: int, reverse_alt: bool) -> list[VideoSegment]:
    track = draft.track_for(TT_VIDEO)
    assert track is not None
    out = []
    at = track.segments.index(seg)
    for i in range(1, n):
        dup = seg.copy()
        assert isinstance(dup, VideoSegment)
        dup.id = draft.new_id("s")
        if reverse_alt and i % 2 == 1:
            dup.reverse = not seg.reverse
        track.segments.insert(at + i, dup)
        out.append(dup)
    return out


def apply_boomerang(draft: Draft, args: dict[str, Any], ctx: Ctx) -> Change:
    seg = targets(draft, args, ctx, clips_first=True, one=True)[0]
    _copies(draft, seg, 2, True)
    return Change(f"Boomerang: {_label(seg, ctx)} plays forwards then backwards "
                  f"(2 × {seconds(seg.duration)} s).",
                  f"回旋效果：{_label(seg, ctx)} 先正放再倒放（2 × {seconds(seg.duration)} 秒）。",
                  {"id": seg.id})


def apply_loop(draft: Draft, args: dict[str, Any], ctx: Ctx) -> Change:
    seg = targets(draft, args, ctx, clips_first=True, one=True)[0]
    n = int(args.get("times", 2))
    _copies(draft, seg, n, False)
    return Change(f"Looped {_label(seg, ctx)} {n} times ({seconds(seg.duration * n)} s).",
                  f"{_label(seg, ctx)} 循环 {n} 次（{seconds(seg.duration * n)} 秒）。",
                  {"id": seg.id, "times": n})


def apply_zoom(draft: Draft, args: dict[str, Any], ctx: Ctx) -> Change:
    segs = targets(draft, args, ctx)
    zm = [round(float(z), 2) for z in args["zoom"]]
    for seg in segs:
        seg.zoom = list(zm)
    if zm == [1.0, 1.0]:
        return Change("Removed the zoom.", "去掉了缩放。", {"zm": zm})
    kind = "zoom in" if zm[1] > zm[0] else "zoom out"
    return Change(f"Added a slow {kind} ({zm[0]:g}x to {zm[1]:g}x).",
                  f"添加了缓慢{'放大' if zm[1] > zm[0] else '缩小'}（{zm[0]:g} 到 {zm[1]:g} 倍）。",
                  {"zm": zm})


def apply_punch_in(draft: Draft, args: dict[str, Any], ctx: Ctx) -> Change:
    segs = targets(draft, args, ctx)
    at = args.get("at")
    z = round(float(args.get("zoom", 1.3)), 2)
    if at is None:
        seg = segs[0]
        at = seg.start + seg.duration // 2
    seg = next((s for s in segs if s.start <= at < s.end), None)
    if seg is None:
        raise Problem(f"The video is only {seconds(max(s.end for s in segs))} s long; pick a "
                      "time inside it.", "那个时间超出了视频长度。")
    if at > seg.start + 50:
        seg = split(draft, seg, at)
    seg.zoom = [z, z]
    return Change(f"Punch-in zoom ({z:g}x) at {seconds(at)} s.",
                  f"在 {seconds(at)} 秒突然放大（{z:g} 倍）。", {"id": seg.id, "at": at})


def apply_effect(draft: Draft, args: dict[str, Any], ctx: Ctx) -> Change:
    segs = targets(draft, args, ctx)
    fx = args["effect"]
    for seg in segs:
        if fx not in seg.effects:
            seg.effects.append(fx)
    return Change(f"Added the {lx.EFFECT_NAMES[fx]} effect.",
                  f"添加了{lx.EFFECT_ZH[fx]}效果。", {"fx": fx})


def apply_remove_effect(draft: Draft, args: dict[str, Any], ctx: Ctx) -> Change:
    segs = targets(draft, args, ctx)
    fx = args.get("effect")
    had = [e for s in segs for e in s.effects if fx in (None, e)]
    if not had:
        raise Problem("There is no such effect on the video.", "视频上没有这个效果。")
    for seg in segs:
        seg.effects = [e for e in seg.effects if fx not in (None, e)]
    names = ", ".join(lx.EFFECT_NAMES.get(e, e) for e in dict.fromkeys(had))
    return Change(f"Removed the {names} effect.", f"去掉了{names}效果。", {"removed": had})


HANDLERS: dict[str, Callable[[Draft, dict[str, Any], Ctx], Change]] = {
    "add_media": apply_add_media, "remove_media": apply_remove_media,
    "set_total_length": apply_total_length, "trim": apply_trim, "set_speed": apply_speed,
    "reverse": apply_reverse, "boomerang": apply_boomerang, "loop": apply_loop,
    "set_zoom": apply_zoom, "punch_in": apply_punch_in, "add_effect": apply_effect,
    "remove_effect": apply_remove_effect,
}
