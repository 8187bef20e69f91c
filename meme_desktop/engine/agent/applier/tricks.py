"""Tricks and looks on one picture or clip: speed (whole or a part), reverse, boomerang, loops,
zoom, punch-in, and the visual effects (deep fry, black and white, sepia, shake)."""

from __future__ import annotations

from meme_desktop.draft import Draft, VideoSegment, seconds
from meme_desktop.draft.ops import (
    AddEffect,
    Boomerang,
    Loop,
    PunchIn,
    RemoveEffect,
    SetReverse,
    SetSpeed,
    SetZoom,
)
from meme_desktop.engine.agent.applier.base import (
    MIN_MS,
    Ctx,
    find,
    range_part,
    split_at,
    video_track,
)
from meme_desktop.engine.agent.applier.names import EFFECT_NAMES, EFFECT_ZH, span_text
from meme_desktop.engine.agent.types import Change, Problem


def _media(draft: Draft, seg_id: str) -> VideoSegment:
    return find(draft, seg_id, VideoSegment, "a picture or clip", "图片或视频")


def _need_clip(seg: VideoSegment, ctx: Ctx, what: str, what_zh: str) -> None:
    if not ctx.is_clip(seg):
        raise Problem(f"{what} only works on clips, and this is a still picture. Upload a clip, "
                      "or try a zoom ('zoom in') or a shake ('add shake').",
                      f"{what_zh}只对视频有效，这是一张静态图片。可以上传视频，或试试“放大”“抖动”。")


def set_speed(draft: Draft, op: SetSpeed, ctx: Ctx) -> Change:
    seg = _media(draft, op.id)
    if not ctx.is_clip(seg) and op.sp != 1.0:
        raise Problem("Speed only changes clips, and the timeline has only pictures. Upload a "
                      "clip, or change how long the picture shows (e.g. 'make it 3 seconds').",
                      "速度只对视频有效，时间线上只有图片。可以上传视频，或改变图片时长（如“改成3秒”）。")
    part = range_part(draft, seg, op.from_, op.to, ctx)
    span_src = part.duration * part.speed
    part.speed = round(float(op.sp), 3)
    part.duration = max(MIN_MS, round(span_src / part.speed))
    what = "normal speed" if part.speed == 1 else f"{part.speed:g}x"
    label = ctx.label(part)
    if op.from_ is not None or op.to is not None:
        a = op.from_ if op.from_ is not None else seg.start
        b = op.to if op.to is not None else seg.end
        return Change(f"Set {span_text(a, b)} of {label} to {what}: that part now plays "
                      f"{span_text(part.start, part.end)}.",
                      f"把 {label} 的 {seconds(a)}–{seconds(b)} 秒设为 {what} 速度，现在是 "
                      f"{seconds(part.start)}–{seconds(part.end)} 秒。",
                      {"id": part.id, "sp": part.speed})
    zh_what = "正常" if part.speed == 1 else what
    return Change(f"Set {label} to {what}: it now lasts {seconds(part.duration)} s.",
                  f"把 {label} 设为{zh_what}速度，现在时长 {seconds(part.duration)} 秒。",
                  {"id": part.id, "sp": part.speed}, group=f"set_speed|{part.speed}",
                  many_en=f"Set {{items}} to {what}.", many_zh=f"把 {{items}} 设为{zh_what}速度。",
                  item=label, item_zh=label)


def set_reverse(draft: Draft, op: SetReverse, ctx: Ctx) -> Change:
    seg = _media(draft, op.id)
    _need_clip(seg, ctx, "Reversing", "倒放")
    seg.reverse = op.rev
    name = ctx.label(seg)
    return Change(f"{name} now plays {'backwards' if op.rev else 'forwards'}.",
                  f"{name} 现在{'倒放' if op.rev else '正常播放'}。", {"id": seg.id})


def _copies(draft: Draft, seg: VideoSegment, n: int, reverse_alt: bool) -> None:
    track = video_track(draft)
    at = track.segments.index(seg)
    for i in range(1, n):
        dup = seg.copy()
        assert isinstance(dup, VideoSegment)
        dup.id = draft.new_id("s")
        if reverse_alt and i % 2 == 1:
            dup.reverse = not seg.reverse
        track.segments.insert(at + i, dup)


def boomerang(draft: Draft, op: Boomerang, ctx: Ctx) -> Change:
    seg = _media(draft, op.id)
    _need_clip(seg, ctx, "A boomerang", "回旋效果")
    _copies(draft, seg, 2, True)
    return Change(f"Boomerang: {ctx.label(seg)} plays forwards then backwards "
                  f"(2 × {seconds(seg.duration)} s).",
                  f"回旋效果：{ctx.label(seg)} 先正放再倒放（2 × {seconds(seg.duration)} 秒）。",
                  {"id": seg.id})


def loop(draft: Draft, op: Loop, ctx: Ctx) -> Change:
    seg = _media(draft, op.id)
    _need_clip(seg, ctx, "Looping", "循环")
    _copies(draft, seg, op.times, False)
    return Change(f"Looped {ctx.label(seg)} {op.times} times "
                  f"({seconds(seg.duration * op.times)} s).",
                  f"{ctx.label(seg)} 循环 {op.times} 次（{seconds(seg.duration * op.times)} 秒）。",
                  {"id": seg.id, "times": op.times})


def set_zoom(draft: Draft, op: SetZoom, ctx: Ctx) -> Change:
    seg = _media(draft, op.id)
    zm = [round(float(z), 2) for z in op.zm]
    seg.zoom = list(zm)
    if zm == [1.0, 1.0]:
        en, zh = "Removed the zoom.", "去掉了缩放。"
    else:
        kind = "zoom in" if zm[1] > zm[0] else "zoom out"
        en = f"Added a slow {kind} ({zm[0]:g}x to {zm[1]:g}x)."
        zh = f"添加了缓慢{'放大' if zm[1] > zm[0] else '缩小'}（{zm[0]:g} 到 {zm[1]:g} 倍）。"
    return Change(en, zh, {"id": seg.id, "zm": zm}, group=f"set_zoom|{zm}", many_en=en,
                  many_zh=zh)


def punch_in(draft: Draft, op: PunchIn, ctx: Ctx) -> Change:
    seg = _media(draft, op.id)
    if not seg.start <= op.at < seg.end:
        raise Problem(f"{ctx.label(seg)} plays {span_text(seg.start, seg.end)}; pick a time "
                      "inside it.", "那个时间超出了视频长度。")
    z = round(float(op.zoom if op.zoom is not None else 1.3), 2)
    part = seg
    if op.at > seg.start + 50:
        right = split_at(draft, video_track(draft), seg, op.at)
        assert isinstance(right, VideoSegment)
        part = right
    part.zoom = [z, z]
    return Change(f"Punch-in zoom ({z:g}x) at {seconds(op.at)} s.",
                  f"在 {seconds(op.at)} 秒突然放大（{z:g} 倍）。", {"id": part.id, "at": op.at})


def add_effect(draft: Draft, op: AddEffect, ctx: Ctx) -> Change:
    seg = _media(draft, op.id)
    part = range_part(draft, seg, op.from_, op.to, ctx)
    if op.fx not in part.effects:
        part.effects.append(op.fx)
    when = ""
    if op.from_ is not None or op.to is not None:
        when = f" from {span_text(part.start, part.end)}"
    zh_when = when.replace(" from ", "（") + "）" if when else ""
    en = f"Added the {EFFECT_NAMES[op.fx]} effect{when}."
    zh = f"添加了{EFFECT_ZH[op.fx]}效果{zh_when}。"
    return Change(en, zh, {"id": part.id, "fx": op.fx}, group=f"add_effect|{op.fx}|{when}",
                  many_en=en, many_zh=zh)


def remove_effect(draft: Draft, op: RemoveEffect, ctx: Ctx) -> Change:
    seg = _media(draft, op.id)
    had = [e for e in seg.effects if op.fx in (None, e)]
    if not had:
        raise Problem("There is no such effect on the video.", "视频上没有这个效果。")
    seg.effects = [e for e in seg.effects if op.fx not in (None, e)]
    names = ", ".join(EFFECT_NAMES.get(e, e) for e in had)
    names_zh = "、".join(EFFECT_ZH.get(e, e) for e in had)
    en, zh = f"Removed the {names} effect.", f"去掉了{names_zh}效果。"
    return Change(en, zh, {"id": seg.id, "removed": had}, group=f"remove_effect|{names}",
                  many_en=en, many_zh=zh)
