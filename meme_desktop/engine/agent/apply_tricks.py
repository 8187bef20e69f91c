"""Tricks and looks on pictures and clips: speed (whole or a part), reverse, boomerang, loops,
zoom, punch-in, and the visual effects (deep fry, black and white, sepia, shake)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from meme_desktop.draft import TT_VIDEO, Draft, VideoSegment, seconds
from meme_desktop.engine.agent import lexicon as lx
from meme_desktop.engine.agent.apply import Ctx, span_text
from meme_desktop.engine.agent.apply_media import (
    _is_clip,
    _label,
    range_segments,
    split,
    targets,
)
from meme_desktop.engine.agent.types import Change, Problem


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
        segs = range_segments(draft, segs, int(span[0]), int(span[1]))[:1]
    for seg in segs:
        span_src = seg.duration * seg.speed
        seg.speed = speed
        seg.duration = max(100, round(span_src / speed))
    total = sum(s.duration for s in segs)
    what = "normal speed" if speed == 1 else f"{speed:g}x"
    if span:
        seg = segs[0]
        return Change(f"Set {span_text(int(span[0]), int(span[1]))} of {_label(seg, ctx)} to "
                      f"{what}: that part now plays {span_text(seg.start, seg.end)}.",
                      f"把 {_label(seg, ctx)} 的 {seconds(int(span[0]))}–{seconds(int(span[1]))} "
                      f"秒设为 {what} 速度，现在是 {seconds(seg.start)}–{seconds(seg.end)} 秒。",
                      {"ids": [seg.id], "sp": speed})
    return Change(f"Set {_label(segs[0], ctx)} to {what}: it now lasts {seconds(total)} s.",
                  f"把 {_label(segs[0], ctx)} 设为{'正常' if speed == 1 else what}速度，现在时长 "
                  f"{seconds(total)} 秒。",
                  {"ids": [s.id for s in segs], "sp": speed})


def _need_clip(segs: list[VideoSegment], ctx: Ctx, what: str, what_zh: str) -> None:
    if not any(_is_clip(s, ctx) for s in segs):
        raise Problem(f"{what} only works on clips, and this is a still picture. Upload a clip, "
                      "or try a zoom ('zoom in') or a shake ('add shake').",
                      f"{what_zh}只对视频有效，这是一张静态图片。可以上传视频，或试试“放大”“抖动”。")


def apply_reverse(draft: Draft, args: dict[str, Any], ctx: Ctx) -> Change:
    segs = targets(draft, args, ctx, clips_first=True)
    _need_clip(segs, ctx, "Reversing", "倒放")
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
    _need_clip([seg], ctx, "A boomerang", "回旋效果")
    _copies(draft, seg, 2, True)
    return Change(f"Boomerang: {_label(seg, ctx)} plays forwards then backwards "
                  f"(2 × {seconds(seg.duration)} s).",
                  f"回旋效果：{_label(seg, ctx)} 先正放再倒放（2 × {seconds(seg.duration)} 秒）。",
                  {"id": seg.id})


def apply_loop(draft: Draft, args: dict[str, Any], ctx: Ctx) -> Change:
    seg = targets(draft, args, ctx, clips_first=True, one=True)[0]
    _need_clip([seg], ctx, "Looping", "循环")
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


def _effect_range(draft: Draft, segs: list[VideoSegment], args: dict[str, Any]
                  ) -> list[VideoSegment]:
    span = args.get("span")
    if args.get("last"):
        end = max(s.end for s in segs)
        span = [max(0, end - int(args["last"])), end]
    return range_segments(draft, segs, int(span[0]), int(span[1])) if span else segs


def apply_effect(draft: Draft, args: dict[str, Any], ctx: Ctx) -> Change:
    segs = _effect_range(draft, targets(draft, args, ctx), args)
    fx = args["effect"]
    for seg in segs:
        if fx not in seg.effects:
            seg.effects.append(fx)
    when = ""
    if args.get("span") or args.get("last"):
        when = f" from {span_text(segs[0].start, segs[-1].end)}"
    return Change(f"Added the {lx.EFFECT_NAMES[fx]} effect{when}.",
                  f"添加了{lx.EFFECT_ZH[fx]}效果{when.replace(' from ', '（') + '）' if when else ''}。",
                  {"fx": fx})


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
    "set_speed": apply_speed, "reverse": apply_reverse, "boomerang": apply_boomerang,
    "loop": apply_loop, "set_zoom": apply_zoom, "punch_in": apply_punch_in,
    "add_effect": apply_effect, "remove_effect": apply_remove_effect,
}
