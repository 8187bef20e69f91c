"""Operations on any segment by id: move, trim, split, delete, duplicate, volume and fades.

Pictures and clips play one after another, so moving one changes the order and trimming one
moves everything after it (the invariant of ``base.repack``). Sound effects stay inside the
video. Trimming a clip's left edge moves its in-point, as in every editor.
"""

from __future__ import annotations

from meme_desktop.draft import (
    TT_VIDEO,
    AudioSegment,
    Draft,
    Segment,
    TextSegment,
    VideoSegment,
    seconds,
)
from meme_desktop.draft.ops import (
    DeleteSegment,
    DuplicateSegment,
    MoveSegment,
    SetFade,
    SetVolume,
    SplitSegment,
    TrimSegment,
)
from meme_desktop.engine.agent.applier.base import (
    MIN_MS,
    Ctx,
    find_any,
    fit_fades,
    insert_index,
    inside_video,
    is_music,
    repack,
    split_at,
    video_end,
)
from meme_desktop.engine.agent.applier.names import sfx_name, span_text, span_zh
from meme_desktop.engine.agent.types import Change, Problem


def _is_sfx(seg: Segment) -> bool:
    return isinstance(seg, AudioSegment) and (builtin := seg.builtin) is not None \
        and builtin[0] == "sfx"


def _zh_label(seg: Segment, ctx: Ctx) -> str:
    label = ctx.label(seg)
    return label.replace("the caption ", "字幕").replace("the ", "")


def move_segment(draft: Draft, op: MoveSegment, ctx: Ctx) -> Change:
    track, seg = find_any(draft, op.id)
    if track.type == TT_VIDEO:
        others = [s for s in track.segments if s is not seg and isinstance(s, VideoSegment)]
        track.segments.remove(seg)
        track.segments.insert(insert_index(others, op.st), seg)
        repack(draft)
    elif _is_sfx(seg):
        seg.start, seg.duration = inside_video(op.st, seg.duration, video_end(draft))
    else:
        seg.start = op.st
    if isinstance(seg, AudioSegment):
        fit_fades(seg)
    label = ctx.label(seg)
    return Change(f"Moved {label} to {span_text(seg.start, seg.end)}.",
                  f"把{_zh_label(seg, ctx)}移到 {span_zh(seg.start, seg.end)}。",
                  {"id": seg.id, "st": seg.start, "d": seg.duration})


def _clip_limit(seg: VideoSegment | AudioSegment, ctx: Ctx) -> int | None:
    """The longest timeline length ``seg`` can have from its in-point (None: no limit)."""
    src = ctx.source_ms(seg)
    if src is None or (isinstance(seg, AudioSegment) and is_music_src(seg)):
        return None
    speed = seg.speed if isinstance(seg, VideoSegment) else 1.0
    return max(MIN_MS, round((src - seg.inpoint) / speed))


def is_music_src(seg: AudioSegment) -> bool:
    return (builtin := seg.builtin) is not None and builtin[0] == "music"  # loops: any length


def trim_segment(draft: Draft, op: TrimSegment, ctx: Ctx) -> Change:
    track, seg = find_any(draft, op.id)
    note = ""
    if op.inpoint is not None:
        if not isinstance(seg, (VideoSegment, AudioSegment)):
            raise Problem("Only a clip or a sound has an in-point.", "只有视频或声音有入点。")
        src = ctx.source_ms(seg)
        if src is not None and op.inpoint >= src - MIN_MS and not (
                isinstance(seg, AudioSegment) and is_music_src(seg)):
            raise Problem(f"{ctx.label(seg)} is only {seconds(src)} s long.",
                          f"{_zh_label(seg, ctx)} 只有 {seconds(src)} 秒。")
        if isinstance(seg, VideoSegment) and not ctx.is_clip(seg):
            raise Problem("A still picture has no in-point; change its length instead.",
                          "静态图片没有入点，可以改变它的时长。")
        seg.inpoint = op.inpoint
    if op.st is not None and track.type != TT_VIDEO:
        seg.start = op.st
    if op.d is not None:
        seg.duration = max(MIN_MS, op.d)
    if isinstance(seg, (VideoSegment, AudioSegment)):
        limit = _clip_limit(seg, ctx)
        if limit is not None and seg.duration > limit:
            seg.duration = limit
            src = ctx.source_ms(seg) or 0
            note = f" (the {'clip' if isinstance(seg, VideoSegment) else 'sound'} is only " \
                   f"{seconds(src)} s long)"
    if _is_sfx(seg):
        seg.start, seg.duration = inside_video(seg.start, seg.duration, video_end(draft))
    if isinstance(seg, AudioSegment):
        fit_fades(seg)
    if track.type == TT_VIDEO:
        repack(draft)
    label = ctx.label(seg)
    result = {"id": seg.id, "st": seg.start, "d": seg.duration}
    if isinstance(seg, VideoSegment) and ctx.is_clip(seg):
        src_to = seg.inpoint + round(seg.duration * seg.speed)
        result["in"] = seg.inpoint
        return Change(f"Trimmed {label} to {seconds(seg.duration)} s (source "
                      f"{span_text(seg.inpoint, src_to)}){note}.",
                      f"把 {label} 剪成 {seconds(seg.duration)} 秒。", result)
    if isinstance(seg, VideoSegment):
        return Change(f"{label} now lasts {seconds(seg.duration)} s "
                      f"({span_text(seg.start, seg.end)}){note}.",
                      f"{label} 现在时长 {seconds(seg.duration)} 秒。", result)
    if isinstance(seg, TextSegment):
        return Change(f"{label[0].upper()}{label[1:]} now shows {span_text(seg.start, seg.end)}.",
                      f"{_zh_label(seg, ctx)}显示 {span_zh(seg.start, seg.end)}。", result)
    return Change(f"{label[0].upper()}{label[1:]} now plays {span_text(seg.start, seg.end)}"
                  f"{note}.", f"{_zh_label(seg, ctx)}现在播放 {span_zh(seg.start, seg.end)}。",
                  result)


def split_segment(draft: Draft, op: SplitSegment, ctx: Ctx) -> Change:
    track, seg = find_any(draft, op.id)
    if not seg.start + 50 < op.at < seg.end - 50:
        raise Problem(f"{ctx.label(seg)} plays {span_text(seg.start, seg.end)}; split it at a "
                      "time inside that.", f"这一段是 {span_zh(seg.start, seg.end)}，请在这之间分割。")
    right = split_at(draft, track, seg, op.at)
    return Change(f"Split {ctx.label(seg)} at {seconds(op.at)} s.",
                  f"在 {seconds(op.at)} 秒把{_zh_label(seg, ctx)}分成两段。",
                  {"id": seg.id, "new": right.id})


def delete_segment(draft: Draft, op: DeleteSegment, ctx: Ctx) -> Change:
    track, seg = find_any(draft, op.id)
    track.segments.remove(seg)
    if track.type == TT_VIDEO:
        repack(draft)
    label = ctx.label(seg)
    if isinstance(seg, VideoSegment):
        en, zh = f"Removed {label} from the timeline.", f"从时间线删除了 {label}。"
    elif _is_sfx(seg):
        en = f"Removed {label} at {seconds(seg.start)} s."
        zh = f"删除了 {seconds(seg.start)} 秒的{_zh_label(seg, ctx)}。"
    else:
        en, zh = f"Removed {label}.", f"删除了{_zh_label(seg, ctx)}。"
    kind = "caption" if isinstance(seg, TextSegment) else "segment"
    many_en = "Removed the captions {items}." if kind == "caption" else "Removed {items}."
    return Change(en, zh, {"removed": [seg.id]}, group=f"delete_{kind}", many_en=many_en,
                  many_zh="删除了{items}。", item=label.removeprefix("the caption "),
                  item_zh=_zh_label(seg, ctx))


def duplicate_segment(draft: Draft, op: DuplicateSegment, ctx: Ctx) -> Change:
    track, seg = find_any(draft, op.id)
    dup = seg.copy()
    dup.id = draft.new_id("s")
    if track.type == TT_VIDEO:
        others = [s for s in track.segments if isinstance(s, VideoSegment)]
        at = track.segments.index(seg) + 1 if op.st is None else insert_index(others, op.st)
        track.segments.insert(at, dup)
        repack(draft)
    else:
        dup.start = seg.end if op.st is None else op.st
        if _is_sfx(dup):
            dup.start, dup.duration = inside_video(dup.start, dup.duration, video_end(draft))
        track.segments.insert(track.segments.index(seg) + 1, dup)
    return Change(f"Duplicated {ctx.label(seg)}: the copy plays {span_text(dup.start, dup.end)}.",
                  f"复制了{_zh_label(seg, ctx)}：副本在 {span_zh(dup.start, dup.end)}。",
                  {"id": dup.id, "st": dup.start, "d": dup.duration})


def _level_label(draft: Draft, seg: Segment, ctx: Ctx) -> tuple[str, str]:
    if isinstance(seg, VideoSegment):
        return "Original audio", "原声"
    if isinstance(seg, AudioSegment) and is_music(draft, seg):
        return "Music", "背景音乐"
    if isinstance(seg, AudioSegment) and seg.builtin:
        return sfx_name(seg.builtin[1]).capitalize(), sfx_name(seg.builtin[1])
    label = ctx.label(seg)
    return label, label


def set_volume(draft: Draft, op: SetVolume, ctx: Ctx) -> Change:
    _track, seg = find_any(draft, op.id)
    if not isinstance(seg, (AudioSegment, VideoSegment)):
        raise Problem("A caption has no volume.", "字幕没有音量。")
    seg.volume = op.vol
    label, label_zh = _level_label(draft, seg, ctx)
    group = f"set_volume|{label}|{op.vol}"
    if op.vol == 0:
        return Change(f"{label} muted (volume 0%).", f"{label_zh}已静音（0%）。",
                      {"id": seg.id, "vol": 0}, group=group, many_en=f"{label} muted (volume 0%).",
                      many_zh=f"{label_zh}已静音（0%）。")
    return Change(f"{label} volume is now {op.vol}%.", f"{label_zh}音量调到 {op.vol}%。",
                  {"id": seg.id, "vol": op.vol}, group=group,
                  many_en=f"{label} volume is now {op.vol}%.",
                  many_zh=f"{label_zh}音量调到 {op.vol}%。")


def set_fade(draft: Draft, op: SetFade, ctx: Ctx) -> Change:
    _track, seg = find_any(draft, op.id)
    if not isinstance(seg, AudioSegment):
        raise Problem("Only music and sounds fade in and out.", "只有音乐和音效可以淡入淡出。")
    if op.fi is not None:
        seg.fade_in = max(0, min(op.fi, seg.duration - (seg.fade_out if op.fo is None else 0)))
    if op.fo is not None:
        seg.fade_out = max(0, min(op.fo, seg.duration - seg.fade_in))
    label, label_zh = _level_label(draft, seg, ctx)
    en, zh = [], []
    if op.fi is not None:
        en.append(f"fades in over {seconds(seg.fade_in)} s")
        zh.append(f"淡入 {seconds(seg.fade_in)} 秒")
    if op.fo is not None:
        en.append(f"fades out over {seconds(seg.fade_out)} s")
        zh.append(f"淡出 {seconds(seg.fade_out)} 秒")
    if not en:
        return Change(f"{label} stays as it was.", f"{label_zh}没有变化。", {"id": seg.id})
    text_en, text_zh = f"{label} {' and '.join(en)}.", f"{label_zh}{'，'.join(zh)}。"
    return Change(text_en, text_zh, {"id": seg.id, "fi": seg.fade_in, "fo": seg.fade_out},
                  group=f"set_fade|{text_en}", many_en=text_en, many_zh=text_zh)
