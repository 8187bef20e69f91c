"""Placing uploads, replacing and ordering pictures and clips, the video's total length, their
framing, the canvas, the title, and clearing everything."""

from __future__ import annotations

from meme_desktop.draft import AudioSegment, Draft, VideoSegment, seconds
from meme_desktop.draft.ops import (
    AddMedia,
    ClearTimeline,
    Reorder,
    ReplaceMedia,
    SetBackground,
    SetCanvas,
    SetFit,
    SetLength,
    SetTitle,
)
from meme_desktop.engine.agent.applier.base import (
    IMAGE_MS,
    MIN_MS,
    Ctx,
    audio_track,
    content_ms,
    find,
    insert_index,
    music_segments,
    video_segments,
    video_track,
)
from meme_desktop.engine.agent.applier.names import (
    CANVAS_NAMES,
    CANVAS_ZH,
    FIT_NAMES,
    FIT_ZH,
    color_en,
    color_zh,
    span_text,
)
from meme_desktop.engine.agent.types import AssetRef, Change, Problem

NO_MEDIA = Problem("There is no picture or clip on the timeline yet. Upload one (Import… or "
                   "Ctrl+O), then ask again.",
                   "时间线上还没有图片或视频。请先上传一个（导入… 或 Ctrl+O），再告诉我。")


def _fit_for(draft: Draft, asset: AssetRef) -> str:
    existing = video_segments(draft)
    if existing:
        return existing[-1].fit
    if asset.width and asset.height:
        a, c = asset.width / asset.height, draft.meta.width / draft.meta.height
        return "cover" if abs(a - c) / c < 0.1 else "blur"
    return "blur"


def _upload(ctx: Ctx, h: str) -> AssetRef:
    asset = ctx.asset(h)
    if asset is None:
        raise Problem("I can't find that upload. Upload it first, then ask again.",
                      "找不到那个文件，请先上传。")
    return asset


def add_media(draft: Draft, op: AddMedia, ctx: Ctx) -> Change:
    asset = _upload(ctx, op.asset)
    if asset.kind == "audio":
        return _add_audio_file(draft, op, asset)
    track = video_track(draft)
    segs = [s for s in track.segments if isinstance(s, VideoSegment)]
    seg = VideoSegment(id=draft.new_id("s"), src=asset.hash, fit=_fit_for(draft, asset))
    seg.duration = asset.ms if asset.kind == "video" and asset.ms else IMAGE_MS
    note = ""
    if op.d is not None:
        length = asset.ms if asset.kind == "video" else 0
        dur = op.d
        if length and dur > length:
            dur = length
            note = f" (the clip is only {seconds(length)} s long)"
        seg.duration = max(MIN_MS, dur)
    index = len(segs) if op.st is None else insert_index(segs, op.st)
    track.segments.insert(index, seg)
    t = 0
    for s in track.segments:
        s.start = t
        t += s.duration
    return Change(f"Placed {asset.name} on the timeline at {seconds(seg.start)} s for "
                  f"{seconds(seg.duration)} s{note}.",
                  f"放置了 {asset.name}：从 {seconds(seg.start)} 秒开始，时长 "
                  f"{seconds(seg.duration)} 秒。", {"id": seg.id, "st": seg.start,
                                                 "d": seg.duration})


def _add_audio_file(draft: Draft, op: AddMedia, asset: AssetRef) -> Change:
    """A sound file: background music over the video, or (with ``st``) a sound from there."""
    total = content_ms(draft)
    if op.st is None:
        old = music_segments(draft)
        for track in draft.tracks:
            track.segments = [s for s in track.segments if s not in old]
        dur = min(total, asset.ms) if asset.ms else total
        if op.d is not None:
            dur = min(dur, op.d)
        seg = AudioSegment(id=draft.new_id("s"), start=0, duration=max(MIN_MS, dur),
                           src=asset.hash)
        audio_track(draft, music=True).segments.append(seg)
        replaced = " (replacing the previous music)" if old else ""
        return Change(f"Added {asset.name} as background music ({span_text(seg.start, seg.end)}"
                      f", 100%){replaced}.",
                      f"添加了背景音乐 {asset.name}（{seconds(seg.start)}–{seconds(seg.end)} 秒，"
                      "100%）。", {"id": seg.id, "src": asset.hash, "st": 0, "d": seg.duration})
    dur = op.d if op.d is not None else (asset.ms or 2000)
    if asset.ms:
        dur = min(dur, asset.ms)
    seg = AudioSegment(id=draft.new_id("s"), start=op.st, duration=max(MIN_MS, dur),
                       src=asset.hash)
    audio_track(draft, music=False).segments.append(seg)
    return Change(f"Added {asset.name} at {seconds(seg.start)} s "
                  f"({span_text(seg.start, seg.end)}).",
                  f"在 {seconds(seg.start)} 秒添加了 {asset.name}。",
                  {"id": seg.id, "src": asset.hash, "st": seg.start, "d": seg.duration})


def replace_media(draft: Draft, op: ReplaceMedia, ctx: Ctx) -> Change:
    """The new upload takes the old one's place: effects, speed and fit stay; a clip brings
    its own length (at the slot's speed), a picture keeps the slot's length."""
    seg = find(draft, op.id, VideoSegment, "a picture or clip", "图片或视频")
    new = _upload(ctx, op.asset)
    if not new.visual:
        raise Problem(f"{new.name} is a sound; only a picture or clip can take that place.",
                      f"{new.name} 是音频，只能用图片或视频替换。")
    old = ctx.label(seg)
    seg.src, seg.inpoint = new.hash, 0
    if new.kind == "video" and new.ms:
        seg.duration = max(MIN_MS, round(new.ms / seg.speed))
    total = sum(s.duration for s in video_segments(draft))
    return Change(f"Replaced {old} with {new.name} (the video is now {seconds(total)} s).",
                  f"已用 {new.name} 替换 {old}（视频现在 {seconds(total)} 秒）。",
                  {"id": seg.id, "src": new.hash}, group=f"replace_media|{new.hash}",
                  many_en=f"Replaced {{items}} with {new.name}.",
                  many_zh=f"已用 {new.name} 替换 {{items}}。", item=old, item_zh=old)


def reorder(draft: Draft, op: Reorder, ctx: Ctx) -> Change:
    track = video_track(draft)
    have = [s.id for s in track.segments]
    if sorted(have) != sorted(op.ids):
        raise Problem("The new order must name every picture and clip on the timeline once "
                      f"({', '.join(have) or 'there are none'}).",
                      "新的顺序必须把时间线上的每个图片和视频各列一次。")
    by_id = {s.id: s for s in track.segments}
    track.segments = [by_id[i] for i in op.ids]
    order = ", ".join(ctx.label(s) for s in track.segments)
    return Change(f"New order: {order}.", f"新的顺序：{order}。", {"order": list(op.ids)})


def set_length(draft: Draft, op: SetLength, ctx: Ctx) -> Change:
    segs = video_segments(draft)
    if not segs:
        raise NO_MEDIA
    want = max(MIN_MS, op.d)
    cur = sum(s.duration for s in segs)
    if want < cur:
        cut = cur - want
        for seg in reversed(segs):
            take = min(cut, seg.duration - MIN_MS)
            seg.duration -= take
            cut -= take
            if cut <= 0:
                break
    elif want > cur:
        images = [s for s in segs if not ctx.is_clip(s)]
        if not images:
            raise Problem(f"The clips are only {seconds(cur)} s long. I can slow them down "
                          "(say 'slow motion') or loop them (say 'loop it 2 times').",
                          f"视频只有 {seconds(cur)} 秒。可以放慢（说“慢动作”）或循环（说“循环2次”）。")
        images[-1].duration += want - cur
    return Change(f"The video is now {seconds(want)} s long.",
                  f"视频时长改为 {seconds(want)} 秒。", {"d": want})


def set_fit(draft: Draft, op: SetFit, ctx: Ctx) -> Change:
    seg = find(draft, op.id, VideoSegment, "a picture or clip", "图片或视频")
    seg.fit = op.fit
    en, zh = FIT_NAMES[op.fit], FIT_ZH[op.fit]
    if op.fit == "contain" and draft.meta.bg.upper() != "#000000":  # the bars are not black
        en = f"fit inside on the {color_en(draft.meta.bg)} background (no crop)"
        zh = f"完整显示在{color_zh(draft.meta.bg)}背景上（不裁剪）"
    return Change(f"Framing set to {en} for {ctx.label(seg)}.",
                  f"画面填充方式设为{zh}。", {"id": seg.id, "fit": op.fit},
                  group=f"set_fit|{op.fit}",
                  many_en=f"Framing set to {en} for {{n}} segments.",
                  many_zh=f"画面填充方式设为{zh}。")


def set_canvas(draft: Draft, op: SetCanvas, ctx: Ctx) -> Change:
    w, h = op.width, op.height
    if w % 2 or h % 2:
        raise Problem(f"{w}x{h} cannot be encoded: width and height must be even.",
                      f"{w}x{h} 无法编码：宽和高必须是偶数。")
    key = f"{w}x{h}"
    if (draft.meta.width, draft.meta.height) == (w, h):
        return Change(f"The canvas is already {CANVAS_NAMES.get(key, key)} ({w}x{h}).",
                      f"画面已经是{CANVAS_ZH.get(key, key)}（{w}x{h}）。",
                      {"width": w, "height": h})
    draft.meta.width, draft.meta.height = w, h
    return Change(f"Canvas set to {CANVAS_NAMES.get(key, key)} ({w}x{h}).",
                  f"画面设为{CANVAS_ZH.get(key, key)}（{w}x{h}）。", {"width": w, "height": h})


def set_title(draft: Draft, op: SetTitle, ctx: Ctx) -> Change:
    draft.meta.title = op.title.strip()
    return Change(f'The project is now called "{draft.meta.title}".',
                  f"项目改名为“{draft.meta.title}”。", {"title": draft.meta.title})


def set_background(draft: Draft, op: SetBackground, ctx: Ctx) -> Change:
    draft.meta.bg = op.col.upper()
    if op.col2 is None:
        draft.meta.extra.pop("bg2", None)
        return Change(f"The background is now {color_en(draft.meta.bg)}.",
                      f"背景改为{color_zh(draft.meta.bg)}。", {"bg": draft.meta.bg})
    draft.meta.extra["bg2"] = op.col2.upper()
    return Change(f"The background is now a gradient from {color_en(draft.meta.bg)} to "
                  f"{color_en(op.col2.upper())}.",
                  f"背景改为从{color_zh(draft.meta.bg)}到{color_zh(op.col2.upper())}的渐变。",
                  {"bg": draft.meta.bg, "bg2": op.col2.upper()})


def clear_timeline(draft: Draft, op: ClearTimeline, ctx: Ctx) -> Change:
    n = sum(len(t.segments) for t in draft.tracks)
    if not n:
        raise Problem("The timeline is already empty.", "时间线已经是空的。")
    for track in draft.tracks:
        track.segments = []
    return Change(f"Cleared the timeline ({n} segments removed).", f"清空了时间线（删除 {n} 段）。",
                  {"removed": n})
