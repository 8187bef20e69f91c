"""Operations to a new draft: the dispatcher, shared timeline helpers, captions and canvas.

Every ``apply_*`` function edits the draft copy in place and returns a ``Change`` (one short
sentence with its numbers, in English and Chinese), or raises ``Problem`` with the question
to ask. Pictures and clips are in ``apply_media``, sounds and music in ``apply_audio``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from meme_desktop.draft import (
    TT_AUDIO,
    TT_TEXT,
    TT_VIDEO,
    AudioSegment,
    Draft,
    TextSegment,
    VideoSegment,
    seconds,
)
from meme_desktop.engine.agent import lexicon as lx
from meme_desktop.engine.agent.types import AssetRef, Change, Op, Problem

EMPTY_MS = 5000          # caption / image length when the timeline is empty
IMAGE_MS = 5000


@dataclass
class Ctx:
    """What the application of one turn needs besides the draft."""

    assets: Sequence[AssetRef]
    names: dict[str, str]
    placed: str | None = None            # id of the segment placed by the last add_media
    extra: dict[str, Any] = field(default_factory=dict)

    def asset(self, h: str) -> AssetRef | None:
        return next((a for a in self.assets if a.hash == h), None)


def video_segments(draft: Draft) -> list[VideoSegment]:
    return [s for s in draft.segments(TT_VIDEO) if isinstance(s, VideoSegment)]


def video_end(draft: Draft) -> int:
    return max((s.end for s in video_segments(draft)), default=0)


def content_ms(draft: Draft) -> int:
    """The length a caption or music should span: the video, else the timeline, else 5 s."""
    return video_end(draft) or draft.duration or EMPTY_MS


def repack(draft: Draft) -> None:
    """Video segments play one after another, without gaps, in list order."""
    track = draft.track_for(TT_VIDEO, create=False)
    if track is None:
        return
    t = 0
    for seg in track.segments:
        seg.start = t
        t += seg.duration


def is_music(draft: Draft, seg: AudioSegment) -> bool:
    if seg.builtin:
        return seg.builtin[0] == "music"
    track = next((t for t in draft.tracks if seg in t.segments), None)
    return bool(track and track.name.lower() == "music")


def refit(draft: Draft, before_total: int) -> None:
    """After the video changed length: captions and music that spanned everything follow it;
    nothing is left hanging past the end of the video (that would add black frames)."""
    end = video_end(draft)
    if end <= 0:
        return
    for track in draft.tracks:
        if track.type == TT_VIDEO:
            continue
        for seg in list(track.segments):
            to_end = before_total > 0 and seg.end == before_total
            music = isinstance(seg, AudioSegment) and is_music(draft, seg)
            builtin = isinstance(seg, AudioSegment) and seg.builtin is not None
            if (isinstance(seg, TextSegment) and to_end and seg.start == 0) or (
                    music and to_end and (builtin or end < seg.end)):
                seg.duration = max(100, end - seg.start)
            elif seg.end > end:
                if seg.start < end - 100:
                    seg.duration = end - seg.start
                else:
                    seg.start = max(0, end - min(seg.duration, end))
                    seg.duration = min(seg.duration, end - seg.start)
            if isinstance(seg, AudioSegment):
                _fit_fades(seg)


def _fit_fades(seg: AudioSegment) -> None:
    if seg.fade_in + seg.fade_out > seg.duration:
        seg.fade_in = min(seg.fade_in, seg.duration // 2)
        seg.fade_out = min(seg.fade_out, seg.duration - seg.fade_in)


def span_text(start: int, end: int) -> str:
    return f"{seconds(start)}–{seconds(end)} s"


# -- captions -------------------------------------------------------------------------------
def captions(draft: Draft) -> list[TextSegment]:
    return [s for s in draft.segments(TT_TEXT) if isinstance(s, TextSegment)]


def select_captions(draft: Draft, sel: dict[str, Any]) -> list[TextSegment]:
    caps = captions(draft)
    if not caps:
        raise Problem("There are no captions yet. Tell me what it should say, e.g. "
                      "add 'WHEN THE CODE COMPILES' at the top.",
                      "还没有字幕。告诉我要写什么，例如：在顶部加上“代码终于编译通过”。")
    if sel.get("all"):
        return caps
    if sel.get("one") and len(caps) > 1:
        listing = ", ".join(f'"{c.text}" ({c.pos})' for c in caps)
        raise Problem(f"Which caption do you mean: {listing}? Say e.g. 'change the top text "
                      "to ...'.", f"你指的是哪一条字幕：{listing}？例如说“把顶部字幕改成……”。")
    if "index" in sel:
        order = sorted(caps, key=lambda c: (c.start, ["top", "center", "bottom"].index(c.pos)
                                            if c.pos in ("top", "center", "bottom") else 3))
        n = int(sel["index"])
        found = [order[n - 1 if n > 0 else n]] if -len(order) <= (n - 1 if n > 0 else n) \
            < len(order) else []
    elif "pos" in sel:
        found = [c for c in caps if c.pos == sel["pos"]]
    elif "text" in sel:
        low = str(sel["text"]).lower().strip()
        found = [c for c in caps if c.text.lower().strip() == low] or \
            [c for c in caps if low in c.text.lower() or c.text.lower() in low]
        found = found[-1:] if len(found) > 1 else found
    else:
        found = caps
    if not found:
        listing = ", ".join(f'"{c.text}" ({c.pos})' for c in caps)
        raise Problem(f"I couldn't find that caption. The captions are: {listing}. Which one "
                      "do you mean?", f"没有找到那条字幕。现有字幕：{listing}。你指的是哪一条？")
    return found


def _timing(args: dict[str, Any], total: int, start0: int = 0,
            dur0: int | None = None) -> tuple[int, int]:
    if "last" in args:
        d = min(int(args["last"]), total)
        return max(0, total - d), max(100, d)
    if "until" in args:
        start = int(args.get("start", start0))
        return start, max(100, min(int(args["until"]), max(total, start + 100)) - start)
    start = int(args.get("start", start0))
    if "dur" in args:
        return start, max(100, int(args["dur"]))
    if dur0 is not None and "start" in args:
        return start, dur0 if start + dur0 <= max(total, start + 100) else max(100, total - start)
    if dur0 is not None:
        return start, dur0
    rest = total - start
    return start, rest if rest >= 500 else 2000


def apply_add_caption(draft: Draft, args: dict[str, Any], ctx: Ctx) -> Change:
    total = content_ms(draft)
    start, dur = _timing(args, total)
    over = next((s for s in video_segments(draft) if s.src == args.get("during")), None)
    if over is not None:
        start, dur = over.start, over.duration
    style = args.get("style", "classic")
    pos = args.get("pos")
    if pos is None:
        busy = {c.pos for c in captions(draft) if c.start < start + dur and start < c.end}
        pref = ["bottom", "top", "center"] if style == "subtitle" else ["top", "bottom", "center"]
        pos = next((p for p in pref if p not in busy), pref[0])
    color = args.get("color", "#000000" if style == "bar" else "#FFFFFF")
    size = float(args.get("size", 1.0)) * float(args.get("size_mul", 1.0))
    seg = TextSegment(id=draft.new_id("s"), start=start, duration=dur, text=str(args["text"]),
                      pos=pos, style=style, color=color, size=round(max(0.2, min(5.0, size)), 2))
    track = draft.track_for(TT_TEXT)
    assert track is not None
    track.segments.append(seg)
    extra = "" if style == "classic" else f", {style} style"
    if "color" in args:
        extra += f", {lx.COLOR_NAMES.get(seg.color, seg.color)}"
    if seg.size != 1.0:
        extra += f", {seg.size:g}x size"
    where = "in the middle" if pos == "center" else f"at the {pos}"
    return Change(f'Added the caption "{seg.text}" {where} '
                  f"({span_text(seg.start, seg.end)}{extra}).",
                  f"在{lx.POS_ZH[pos]}添加了字幕“{seg.text}”（{seconds(seg.start)}–"
                  f"{seconds(seg.end)} 秒）。", {"id": seg.id, "pos": pos, "st": seg.start,
                                              "d": seg.duration})


def apply_edit_caption(draft: Draft, args: dict[str, Any], ctx: Ctx) -> Change:
    segs = select_captions(draft, args.get("target", {"all": True}))
    before = [(s.text, s.pos) for s in segs]
    total = content_ms(draft)
    what_en: list[str] = []
    what_zh: list[str] = []
    for seg in segs:
        if "text" in args:
            seg.text = str(args["text"])
        if "pos" in args:
            seg.pos = args["pos"]
        if "style" in args:
            seg.style = args["style"]
        if "color" in args:
            seg.color = args["color"]
        if "size" in args or "size_mul" in args:
            size = float(args.get("size", seg.size)) * float(args.get("size_mul", 1.0))
            seg.size = round(max(0.2, min(5.0, size)), 2)
        if {"start", "dur", "last", "until"} & set(args):
            seg.start, seg.duration = _timing(args, total, seg.start, seg.duration)
    first = segs[0]
    if "text" in args:
        what_en.append(f'now says "{first.text}"')
        what_zh.append(f"改为“{first.text}”")
    if "pos" in args:
        what_en.append("moved to the middle" if first.pos == "center"
                       else f"moved to the {first.pos}")
        what_zh.append(f"移到{lx.POS_ZH[first.pos]}")
    if "style" in args:
        what_en.append(f"now uses the {first.style} style")
        what_zh.append(f"样式改为 {first.style}")
    if "color" in args:
        what_en.append(f"is now {lx.COLOR_NAMES.get(first.color, first.color)}")
        what_zh.append(f"颜色改为{lx.COLOR_NAMES_ZH.get(first.color, first.color)}")
    if "size" in args or "size_mul" in args:
        what_en.append(f"is now {first.size:g}x the normal size")
        what_zh.append(f"字号 {first.size:g} 倍")
    if {"start", "dur", "last", "until"} & set(args):
        what_en.append(f"now shows {span_text(first.start, first.end)}")
        what_zh.append(f"显示 {seconds(first.start)}–{seconds(first.end)} 秒")
    if len(segs) > 1:
        who, who_zh = "All captions", "所有字幕"
    else:
        where = "middle" if before[0][1] == "center" else before[0][1]
        who = f"The {where} caption" + ("" if "text" in args else f' "{before[0][0]}"')
        who_zh = f"{lx.POS_ZH.get(before[0][1], '')}字幕"
    said = ", ".join(what_en[:-1]) + (" and " if len(what_en) > 1 else "") + what_en[-1]
    if len(segs) > 1:
        for one, many in (("is now", "are now"), ("now says", "now say"), ("now uses", "now use"),
                          ("now shows", "now show")):
            said = said.replace(one, many)
    return Change(f"{who} {said}.", f"{who_zh}{'，'.join(what_zh)}。",
                  {"ids": [s.id for s in segs]})


def apply_swap_captions(draft: Draft, args: dict[str, Any], ctx: Ctx) -> Change:
    caps = captions(draft)
    top = [c for c in caps if c.pos == "top"]
    bottom = [c for c in caps if c.pos == "bottom"]
    if not top or not bottom:
        raise Problem("To swap, I need a top and a bottom caption.",
                      "需要同时有顶部和底部字幕才能互换。")
    for c in top:
        c.pos = "bottom"
    for c in bottom:
        c.pos = "top"
    return Change(f'Swapped the captions: "{bottom[0].text}" is now at the top and '
                  f'"{top[0].text}" at the bottom.',
                  f"上下字幕已互换：顶部是“{bottom[0].text}”，底部是“{top[0].text}”。",
                  {"ids": [c.id for c in top + bottom]})


def apply_remove_caption(draft: Draft, args: dict[str, Any], ctx: Ctx) -> Change:
    segs = select_captions(draft, args.get("target", {"all": True}))
    ids = {s.id for s in segs}
    for track in draft.tracks:
        track.segments = [s for s in track.segments if s.id not in ids]
    texts = ", ".join(f'"{s.text}"' for s in segs)
    noun = "captions" if len(segs) > 1 else "caption"
    return Change(f"Removed the {noun} {texts}.", f"删除了字幕 {texts}。",
                  {"removed": sorted(ids)})


# -- canvas ---------------------------------------------------------------------------------
def apply_set_canvas(draft: Draft, args: dict[str, Any], ctx: Ctx) -> Change:
    w, h = int(args["width"]), int(args["height"])
    key = f"{w}x{h}"
    if (draft.meta.width, draft.meta.height) == (w, h):
        return Change(f"The canvas is already {lx.CANVAS_NAMES.get(key, key)} ({w}x{h}).",
                      f"画面已经是{lx.CANVAS_ZH.get(key, key)}（{w}x{h}）。", {"width": w,
                                                                          "height": h})
    draft.meta.width, draft.meta.height = w, h
    return Change(f"Canvas set to {lx.CANVAS_NAMES.get(key, key)} ({w}x{h}).",
                  f"画面设为{lx.CANVAS_ZH.get(key, key)}（{w}x{h}）。", {"width": w, "height": h})


def apply_set_fit(draft: Draft, args: dict[str, Any], ctx: Ctx) -> Change:
    segs = video_segments(draft)
    if not segs:
        raise Problem("There is no picture or clip on the timeline to frame yet. Upload one "
                      "first, then ask again.", "时间线上还没有图片或视频。请先上传一个。")
    fit = args["fit"]
    if all(s.fit == fit for s in segs):
        return Change(f"The framing is already {lx.FIT_NAMES[fit]}.",
                      f"画面已经是{lx.FIT_ZH[fit]}。", {"fit": fit})
    for seg in segs:
        seg.fit = fit
    return Change(f"Framing set to {lx.FIT_NAMES[fit]} for {len(segs)} "
                  f"{'segment' if len(segs) == 1 else 'segments'}.",
                  f"画面填充方式设为{lx.FIT_ZH[fit]}。", {"fit": fit})


def apply_clear(draft: Draft, args: dict[str, Any], ctx: Ctx) -> Change:
    n = sum(len(t.segments) for t in draft.tracks)
    if not n:
        raise Problem("The timeline is already empty.", "时间线已经是空的。")
    for track in draft.tracks:
        track.segments = []
    return Change(f"Cleared the timeline ({n} segments removed).", f"清空了时间线（删除 {n} 段）。",
                  {"removed": n})


def _asks(en: str, zh: str) -> Callable[[Draft, dict[str, Any], Ctx], Change]:
    def ask(draft: Draft, args: dict[str, Any], ctx: Ctx) -> Change:
        raise Problem(en, zh)
    return ask


def handlers() -> dict[str, Callable[[Draft, dict[str, Any], Ctx], Change]]:
    from meme_desktop.engine.agent import apply_audio, apply_media, apply_tricks

    sounds = ", ".join(k.replace("_", " ") for k in lx.SFX_MS)
    return {
        "add_caption": apply_add_caption, "edit_caption": apply_edit_caption,
        "remove_caption": apply_remove_caption, "swap_captions": apply_swap_captions,
        "set_canvas": apply_set_canvas,
        "set_fit": apply_set_fit, "clear_timeline": apply_clear,
        **apply_media.HANDLERS, **apply_tricks.HANDLERS, **apply_audio.HANDLERS,
        "ask_sound": _asks(f"Which sound effect? I have: {sounds}. For example: add a vine "
                           "boom at 2s.", f"要哪个音效？可选：{sounds}。例如：在2秒加一个 vine boom。"),
        "ask_song": _asks("I don't have an uploaded song yet. Upload an MP3, WAV, M4A or AAC "
                          "file, or pick built-in music: lofi, phonk, chiptune, epic or suspense.",
                          "还没有上传的歌曲。请上传 MP3/WAV/M4A/AAC，或选内置音乐：lofi、phonk、"
                          "chiptune、epic、suspense。"),
        "ask_music": _asks("I don't have that kind of music built in. I have lofi (chill), phonk "
                           "(hype), chiptune (8-bit), epic and suspense — or upload your own song. "
                           "Which one?", "没有这种内置音乐。可选：lofi（轻松）、phonk（燃）、"
                           "chiptune（8-bit）、epic（史诗）、suspense（悬疑），或上传你自己的歌。要哪一个？"),
        "ask_length": _asks("How long should it be? For example: 'make it 4 seconds' or 'cut "
                            "the first 2 seconds'.", "要多长？例如“改成4秒”或“剪掉前2秒”。"),
        "missing_asset": _asks("I can't find that upload. Check the name or upload it first.",
                               "找不到那个文件。请检查名字，或先上传。"),
    }


MEDIA_OPS = {"add_media", "remove_media", "replace_media", "set_total_length", "trim", "set_speed", "reverse",
             "boomerang", "loop", "punch_in"}


def apply_op(draft: Draft, op: Op, ctx: Ctx) -> Change:
    """Apply one operation to ``draft`` (in place); keeps captions and music fitted."""
    table = handlers()
    if op.name not in table:
        raise Problem("I didn't understand that.", "我没有理解这个要求。")
    before = video_end(draft) or draft.duration
    shape = [(s.id, s.duration) for s in video_segments(draft)]
    change = table[op.name](draft, op.args, ctx)
    notes: list[Change] = ctx.extra.pop("notes", [])
    if op.name in MEDIA_OPS or shape != [(s.id, s.duration) for s in video_segments(draft)]:
        repack(draft)
        refit(draft, before)
    if notes:
        change = Change(" ".join([n.en for n in notes] + [change.en]),
                        " ".join([n.zh for n in notes] + [change.zh]), change.result)
    return change


__all__ = ["TT_AUDIO", "AudioSegment", "Ctx", "apply_op", "content_ms", "video_segments"]
