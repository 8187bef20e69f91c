"""Intents on pictures and clips to typed operations: which segments "the clip", "both" or
"cat.jpg" mean (placing a named upload first when it is not on the timeline yet), where a
placed or moved one goes ("first", "then", "before the clip"), trims in the reader's words,
speed over a part, reverse, loops, zoom, punch-ins and effects."""

from __future__ import annotations

from typing import Any

from meme_desktop.draft import VideoSegment
from meme_desktop.draft import ops as O
from meme_desktop.engine.agent.applier.base import video_end, video_segments
from meme_desktop.engine.agent.applier.media import NO_MEDIA
from meme_desktop.engine.agent.rules.resolve import Resolve, Resolver
from meme_desktop.engine.agent.types import AssetRef, Problem


def targets(r: Resolver, args: dict[str, Any], clips_first: bool = False,
            one: bool = False) -> list[VideoSegment]:
    """The pictures and clips an intent is about; named uploads not placed yet are placed."""
    for h in args.get("assets") or []:
        asset = r.ctx.asset(h)
        if asset is not None and asset.visual and not any(
                s.src == h for s in video_segments(r.draft)):
            r.do(O.AddMedia(asset=h))
    segs = video_segments(r.draft)
    if not segs:
        raise NO_MEDIA
    if args.get("assets"):
        found = [s for s in segs if s.src in args["assets"]]
        if not found:
            names = ", ".join(r.ctx.names.get(h, "that file") for h in args["assets"])
            raise Problem(f"{names} is not on the timeline yet. Say 'use {names}' to add it.",
                          f"{names} 还不在时间线上。说“用 {names}”来添加。")
        segs = found
    elif clips_first:
        segs = [s for s in segs if r.ctx.is_clip(s)] or segs
    return segs[-1:] if one else segs


def _start_of(others: list[VideoSegment], index: int) -> int:
    """The start that puts a picture or clip at ``index`` among ``others``."""
    return sum(s.duration for s in others[:index])


def add_media(r: Resolver, args: dict[str, Any]) -> None:
    asset: AssetRef | None
    if args.get("latest"):
        visual = [a for a in r.ctx.assets if a.visual]
        if not visual:
            raise NO_MEDIA
        asset = visual[-1]
    else:
        asset = r.ctx.asset(args.get("asset", ""))
    if asset is None:
        raise Problem("I can't find that upload. Upload it first, then ask again.",
                      "找不到那个文件，请先上传。")
    segs = video_segments(r.draft)
    existing = next((s for s in segs if s.src == asset.hash), None)
    order, dur = args.get("order"), args.get("dur")
    rel_hash = args.get("before") or args.get("after")
    moving = existing is not None and bool(order or dur is not None or rel_hash)
    others = [s for s in segs if s is not existing] if moving else segs
    index: int | None = None
    rel = next((i for i, s in enumerate(others) if s.src == rel_hash), None) if rel_hash else None
    if rel is not None:
        index = rel if args.get("before") else rel + 1
    elif order == "first":
        index = 0
    elif order == "then" and r.placed:
        prev = next((i for i, s in enumerate(others) if s.id == r.placed), None)
        index = None if prev is None else prev + 1
    elif order in ("then", "end"):
        index = len(others)
    st = None if index is None else _start_of(others, index)
    if moving and existing is not None:
        if dur is not None:
            r.do(O.TrimSegment(id=existing.id, d=max(100, int(dur))))
        if st is not None:
            r.do(O.MoveSegment(id=existing.id, st=st))
        r.placed = existing.id
        return
    change = r.do(O.AddMedia(asset=asset.hash, st=st if st is not None and st < sum(
        s.duration for s in segs) else None, d=None if dur is None else max(100, int(dur))))
    r.placed = change.result.get("id")


def remove_media(r: Resolver, args: dict[str, Any]) -> None:
    for seg in targets(r, args):
        r.do(O.DeleteSegment(id=seg.id))


def replace_media(r: Resolver, args: dict[str, Any]) -> None:
    new = r.ctx.asset(args["asset"])
    if new is None or not new.visual:
        raise Problem("I can't find that upload. Check the name or upload it first.",
                      "找不到那个文件。请检查名字，或先上传。")
    segs = video_segments(r.draft)
    if not segs:
        raise NO_MEDIA
    olds = [s for s in segs if s.src in args.get("old", [])] or [s for s in segs
                                                                 if s.src != new.hash]
    if len({s.src for s in olds}) > 1 and not args.get("old"):
        names = ", ".join(dict.fromkeys(r.ctx.label(s) for s in olds))
        raise Problem(f"Which one should {new.name} replace: {names}?",
                      f"要用 {new.name} 替换哪一个：{names}？")
    if not olds:
        raise Problem(f"{new.name} is already on the timeline.", f"{new.name} 已经在时间线上了。")
    for seg in olds:
        r.do(O.ReplaceMedia(id=seg.id, asset=new.hash))


def swap_order(r: Resolver, args: dict[str, Any]) -> None:
    segs = video_segments(r.draft)
    if len(segs) < 2:
        raise Problem("There is only one picture or clip on the timeline, so there is nothing "
                      "to reorder.", "时间线上只有一个素材，无法调换顺序。")
    r.do(O.Reorder(ids=tuple(s.id for s in reversed(segs))))


def set_total_length(r: Resolver, args: dict[str, Any]) -> None:
    if "dur" in args:
        d = int(args["dur"])
    elif "factor" in args:          # "twice as long": of the length it has now
        d = round(r.draft.duration * float(args["factor"]))
    else:                           # "a second shorter"
        d = r.draft.duration + int(args.get("delta", 0))
    r.do(O.SetLength(d=max(100, d)))


def trim(r: Resolver, args: dict[str, Any]) -> None:
    seg = targets(r, args, clips_first=True, one=True)[0]
    clip = r.ctx.is_clip(seg)
    src = r.ctx.source_ms(seg)
    label = r.ctx.label(seg)
    inpoint, d = seg.inpoint, seg.duration
    too_short = Problem(f"{label} is only {seg.duration / 1000:g} s long.",
                        f"{label} 只有 {seg.duration / 1000:g} 秒。")
    if "keep_first" in args:
        d = max(100, min(int(args["keep_first"]), seg.duration))
    elif "cut_first" in args or "keep_last" in args:
        n = int(args["cut_first"]) if "cut_first" in args else seg.duration - int(args["keep_last"])
        if n >= seg.duration or n <= 0:
            raise too_short
        if clip:
            inpoint += round(n * seg.speed)
        d -= n
    elif "cut_last" in args:
        n = int(args["cut_last"])
        if n >= seg.duration:
            raise too_short
        d -= n
    elif "keep_span" in args:
        a, b = (int(x) for x in args["keep_span"])
        if src is not None:
            b = min(b, src)
        if b - a < 100:
            where = f" ({src / 1000:g} s long)" if src else ""
            raise Problem(f"That part is outside {label}{where}.", "那一段超出了视频的长度。")
        if clip:
            inpoint = a
        d = max(100, round((b - a) / seg.speed))
    elif "end_at" in args:
        d = max(100, int(args["end_at"]) - seg.start)
    r.do(O.TrimSegment(id=seg.id, d=d, inpoint=inpoint if clip else None))


def _span(args: dict[str, Any], segs: list[VideoSegment]) -> tuple[int, int] | None:
    if args.get("last"):
        end = max(s.end for s in segs)
        return max(0, end - int(args["last"])), end
    if args.get("span"):
        a, b = args["span"]
        return int(a), int(b)
    return None


def _overlapping(segs: list[VideoSegment], a: int, b: int) -> list[VideoSegment]:
    found = [s for s in segs if s.start < b and a < s.end]
    if not found:
        raise Problem(f"The video is only {max(s.end for s in segs) / 1000:g} s long; pick a "
                      "time inside it.", "那个时间超出了视频长度。")
    return found


def set_speed(r: Resolver, args: dict[str, Any]) -> None:
    speed = float(args["speed"])
    segs = targets(r, args, clips_first=True)
    span = _span(args, segs)
    if span is not None:
        seg = _overlapping(segs, *span)[0]
        r.do(O.SetSpeed(id=seg.id, sp=speed, from_=max(span[0], seg.start),
                        to=min(span[1], seg.end)))
        return
    for seg in segs:
        sp = speed
        if args.get("rel") and (speed - 1) * (seg.speed - 1) > 0:    # "even slower"
            sp = round(max(0.1, min(10.0, seg.speed * speed)), 3)
        elif args.get("toward") and (speed - 1) * (seg.speed - 1) < 0:   # "faster" when slowed
            moved = seg.speed * speed
            sp = round(min(moved, 1.0) if seg.speed < 1 else max(moved, 1.0), 3)
        r.do(O.SetSpeed(id=seg.id, sp=sp))


def reverse(r: Resolver, args: dict[str, Any]) -> None:
    segs = targets(r, args, clips_first=True)
    clips = [s for s in segs if r.ctx.is_clip(s)] or segs[:1]
    for seg in clips:
        r.do(O.SetReverse(id=seg.id, rev=bool(args.get("on", True))))


def boomerang(r: Resolver, args: dict[str, Any]) -> None:
    r.do(O.Boomerang(id=targets(r, args, clips_first=True, one=True)[0].id))


def loop(r: Resolver, args: dict[str, Any]) -> None:
    seg = targets(r, args, clips_first=True, one=True)[0]
    r.do(O.Loop(id=seg.id, times=max(2, min(20, int(args.get("times", 2))))))


def split(r: Resolver, args: dict[str, Any]) -> None:
    """Cut a picture or clip in two at a time (in the middle of it without one)."""
    segs = targets(r, args)
    at = args.get("at")
    if at is None:
        at = segs[0].start + segs[0].duration // 2
    seg = next((s for s in segs if s.start < at < s.end), None)
    if seg is None:
        raise Problem(f"The video is {video_end(r.draft) / 1000:g} s long; pick a time inside "
                      "it, e.g. 'split it at 2s'.", "那个时间不在视频里面，比如说“在2秒处分割”。")
    r.do(O.SplitSegment(id=seg.id, at=int(at)))


def set_zoom(r: Resolver, args: dict[str, Any]) -> None:
    zm = (round(float(args["zoom"][0]), 2), round(float(args["zoom"][1]), 2))
    for seg in targets(r, args):
        r.do(O.SetZoom(id=seg.id, zm=zm))


def punch_in(r: Resolver, args: dict[str, Any]) -> None:
    segs = targets(r, args)
    at = args.get("at")
    if at is None:
        at = segs[0].start + segs[0].duration // 2
    seg = next((s for s in segs if s.start <= at < s.end), None)
    if seg is None:
        raise Problem(f"The video is only {video_end(r.draft) / 1000:g} s long; pick a time "
                      "inside it.", "那个时间超出了视频长度。")
    r.do(O.PunchIn(id=seg.id, at=int(at), zoom=round(float(args.get("zoom", 1.3)), 2)))


def add_effect(r: Resolver, args: dict[str, Any]) -> None:
    segs = targets(r, args)
    span = _span(args, segs)
    if span is None:
        for seg in segs:
            r.do(O.AddEffect(id=seg.id, fx=args["effect"]))
        return
    for seg in _overlapping(segs, *span):
        r.do(O.AddEffect(id=seg.id, fx=args["effect"], from_=max(span[0], seg.start),
                         to=min(span[1], seg.end)))


def remove_effect(r: Resolver, args: dict[str, Any]) -> None:
    fx = args.get("effect")
    having = [s for s in targets(r, args) if any(fx in (None, e) for e in s.effects)]
    if not having:
        raise Problem("There is no such effect on the video.", "视频上没有这个效果。")
    for seg in having:
        r.do(O.RemoveEffect(id=seg.id, fx=fx))


MEDIA: dict[str, Resolve] = {
    "add_media": add_media, "remove_media": remove_media, "replace_media": replace_media,
    "swap_order": swap_order, "set_total_length": set_total_length, "trim": trim,
    "set_speed": set_speed, "reverse": reverse, "boomerang": boomerang, "loop": loop,
    "set_zoom": set_zoom, "split": split, "punch_in": punch_in, "add_effect": add_effect,
    "remove_effect": remove_effect,
}
