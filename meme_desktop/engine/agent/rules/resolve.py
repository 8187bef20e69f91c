"""Intents to typed operations: the reader's "the top caption", "the clip", "the music" become
operations that name segments by id.

Each resolver works on the turn's working draft through :class:`Resolver`: ``do(op)`` applies
a typed operation with the applier (so later intents see what earlier ones made: "add the clip
and slow it down") and records it. A resolver that cannot find what it needs raises
:class:`Problem` with the question to ask. Captions, the canvas and the questions are here;
pictures and clips in ``resolve_media``, sound in ``resolve_audio``.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any

from meme_desktop.caption_geometry import BASE_SIZE, caption_xy, margin
from meme_desktop.draft import Draft, TextSegment
from meme_desktop.draft import ops as O
from meme_desktop.engine.agent.applier import apply_op
from meme_desktop.engine.agent.applier.base import Ctx, captions, content_ms, video_segments
from meme_desktop.engine.agent.applier.names import SFX_LIST
from meme_desktop.engine.agent.rules.named import caption_order
from meme_desktop.engine.agent.types import AssetRef, Change, Problem


class Resolver:
    """The working draft of one intent, and the typed operations done on it so far."""

    def __init__(self, draft: Draft, assets: Sequence[AssetRef]) -> None:
        self.draft = draft
        self.ctx = Ctx(assets)
        self.ops: list[O.Op] = []
        self.changes: list[Change] = []
        self.placed: str | None = None       # id of the last picture or clip placed

    def begin(self, draft: Draft) -> None:
        self.draft, self.ops, self.changes = draft, [], []

    def do(self, op: O.Op) -> Change:
        change = apply_op(self.draft, op, self.ctx)
        self.ops.append(op)
        self.changes.append(change)
        return change


Resolve = Callable[[Resolver, dict[str, Any]], None]


# -- captions --------------------------------------------------------------------------------
def select_captions(draft: Draft, sel: dict[str, Any]) -> list[TextSegment]:
    """The captions a selector means: all, some by id, one by index, position or text; else a
    question."""
    caps = captions(draft)
    if not caps:
        raise Problem("There are no captions yet. Tell me what it should say, e.g. "
                      "add 'WHEN THE CODE COMPILES' at the top.",
                      "还没有字幕。告诉我要写什么，例如：在顶部加上“代码终于编译通过”。")
    if sel.get("all") and "except" in sel:    # "every caption except the top one"
        but = {c.id for c in select_captions(draft, sel["except"])}
        return [c for c in caps if c.id not in but]
    if sel.get("all"):
        return caps
    if sel.get("one") and len(caps) > 1:
        listing = ", ".join(f'"{c.text}" ({c.pos})' for c in caps)
        raise Problem(f"Which caption do you mean: {listing}? Say e.g. 'change the top text "
                      "to ...'.", f"你指的是哪一条字幕：{listing}？例如说“把顶部字幕改成……”。")
    found: list[TextSegment]
    if "ids" in sel:                # the captions the last turn touched, or all the others
        found = [c for c in caps if c.id in sel["ids"]]
    elif "count" in sel:            # "the first two captions", "the last two captions"
        order, n = caption_order(draft), int(sel["count"])
        found = order[:n] if n > 0 else order[n:]
    elif "indices" in sel:          # "the first and third caption"
        order = caption_order(draft)
        picked = [i - 1 if i > 0 else i for i in sel["indices"]]
        found = [order[i] for i in picked if -len(order) <= i < len(order)]
        found = found if len(found) == len(picked) else []
    elif "index" in sel:
        order = caption_order(draft)
        n = int(sel["index"])
        i = n - 1 if n > 0 else n
        found = [order[i]] if -len(order) <= i < len(order) else []
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


def timing(args: dict[str, Any], total: int, start0: int = 0,
           dur0: int | None = None) -> tuple[int, int | None]:
    """Start and length from the reader's timing words (``last``, ``until``, ``start``,
    ``dur``, ``half``, ``hide_first``, ``hide_last``); the length is None when the applier's
    default (to the end) is meant."""
    end0 = start0 + dur0 if dur0 is not None else total
    if "hide_first" in args:        # "don't show it for the first 2 s"
        start = max(start0, min(int(args["hide_first"]), end0 - 100))
        return start, max(100, end0 - start)
    if "hide_last" in args:         # "hide it for the last 2 s"
        end = min(end0, total - int(args["hide_last"]))
        return start0, max(100, end - start0)
    if "from" in args:              # "start at the beginning": it starts then, ends as before
        end = min(int(args["until"]), total) if "until" in args else end0
        start = max(0, min(int(args["from"]), end - 100))
        return start, max(100, end - start)
    if "shift" in args:             # "appear a second earlier": it starts then, ends as before
        start = max(0, min(start0 + int(args["shift"]), end0 - 100))
        return start, max(100, end0 - start)
    if args.get("half"):            # "show up halfway": from the middle to the end
        start = total // 2
        return start, max(100, total - start)
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
    return start, dur0


_TIMED = {"start", "dur", "last", "until", "half", "hide_first", "hide_last", "shift", "from"}


def _size(args: dict[str, Any], base: float) -> float | None:
    if "size" not in args and "size_mul" not in args:
        return None
    size = float(args.get("size", base)) * float(args.get("size_mul", 1.0))
    return round(max(0.2, min(5.0, size)), 2)


def add_caption(r: Resolver, args: dict[str, Any]) -> None:
    start: int | None = None
    dur: int | None = None
    if _TIMED & set(args):
        start, dur = timing(args, content_ms(r.draft))
    over = next((s for s in video_segments(r.draft) if s.src == args.get("during")), None)
    if over is not None:
        start, dur = over.start, over.duration
    r.do(O.AddCaption(txt=str(args["text"]), pos=args.get("pos"), st=start, d=dur, sty=args.get("style"), col=args.get("color"),
                      sz=_size(args, 1.0)))


def edit_caption(r: Resolver, args: dict[str, Any]) -> None:
    segs = select_captions(r.draft, args.get("target", {"all": True}))
    total = content_ms(r.draft)
    for seg in segs:
        text = args.get("text")
        if args.get("case") in ("upper", "lower"):       # "all caps", "lowercase", "小写"
            base = text if text is not None else seg.text
            text = base.upper() if args["case"] == "upper" else base.lower()
        fields: dict[str, Any] = {"txt": text, "pos": args.get("pos"),
                                  "sty": args.get("style"), "col": args.get("color"),
                                  "sz": _size(args, seg.size)}
        if any(v is not None for v in fields.values()):
            r.do(O.SetCaption(id=seg.id, **fields))
        if _TIMED & set(args):
            st, d = timing(args, total, seg.start, seg.duration)
            r.do(O.TrimSegment(id=seg.id, st=st, d=d))


def _centre(seg: TextSegment, w: int, h: int) -> tuple[float, float]:
    """Where a caption's centre is now, as fractions of the canvas: its dragged ``xy``, or
    where the renderer places it (:func:`caption_xy`) with its height estimated from the
    text's length (lines of about 0.55 em)."""
    if seg.xy is not None:
        return seg.xy
    px = min(w, h) * BASE_SIZE.get(seg.style, 0.068) * max(0.2, min(seg.size, 4.0))
    pad = px * (0.25 if seg.style in ("bar", "subtitle") else 0.12)
    room = max(1.0, w - 2 * margin(w, h) - 2 * pad)
    lines = max(1, math.ceil(len(seg.text) * px * 0.55 / room))
    height = round(lines * px * 1.2 + 2 * pad)
    _x, top = caption_xy(seg.style, seg.pos, None, w, h, w, height)
    return 0.5, (top + height / 2) / h


def nudge_caption(r: Resolver, args: dict[str, Any]) -> None:
    """"Move the top caption down a bit": its centre shifts by (dx, dy) of the canvas."""
    w, h = r.draft.meta.width, r.draft.meta.height
    for seg in select_captions(r.draft, args.get("target", {"all": True})):
        x, y = _centre(seg, w, h)
        x = min(0.95, max(0.05, x + float(args.get("dx", 0.0))))
        y = min(0.95, max(0.05, y + float(args.get("dy", 0.0))))
        r.do(O.PlaceCaption(id=seg.id, xy=(round(x, 4), round(y, 4))))


def remove_caption(r: Resolver, args: dict[str, Any]) -> None:
    for seg in select_captions(r.draft, args.get("target", {"all": True})):
        r.do(O.DeleteSegment(id=seg.id))


def stagger_captions(r: Resolver, args: dict[str, Any]) -> None:
    """"one after another": each caption appears in turn (in the order people count them) and
    stays to the end, the video's length shared out evenly."""
    order = caption_order(r.draft)
    if len(order) < 2:
        raise Problem("That needs two captions or more; there is one. Add another, e.g. 'add "
                      "\'ALSO ME\' at the bottom'.", "需要至少两条字幕。再加一条，例如“底部加上‘我也是’”。")
    total = content_ms(r.draft) or max(c.start + c.duration for c in order)
    step = total // len(order)
    for i, cap in enumerate(order):
        r.do(O.TrimSegment(id=cap.id, st=i * step, d=total - i * step))


def swap_captions(r: Resolver, args: dict[str, Any]) -> None:
    caps = captions(r.draft)
    top = [c for c in caps if c.pos == "top"]
    bottom = [c for c in caps if c.pos == "bottom"]
    if not top or not bottom:
        raise Problem("To swap, I need a top and a bottom caption.",
                      "需要同时有顶部和底部字幕才能互换。")
    for c in top:
        r.do(O.SetCaption(id=c.id, pos="bottom"))
    for c in bottom:
        r.do(O.SetCaption(id=c.id, pos="top"))


# -- canvas ----------------------------------------------------------------------------------
def set_canvas(r: Resolver, args: dict[str, Any]) -> None:
    r.do(O.SetCanvas(width=int(args["width"]), height=int(args["height"])))


def set_fit(r: Resolver, args: dict[str, Any]) -> None:
    segs = video_segments(r.draft)
    if not segs:
        raise Problem("There is no picture or clip on the timeline to frame yet. Upload one "
                      "first, then ask again.", "时间线上还没有图片或视频。请先上传一个。")
    for seg in segs:
        r.do(O.SetFit(id=seg.id, fit=args["fit"]))


def set_background(r: Resolver, args: dict[str, Any]) -> None:
    """The colour (or gradient); pictures framed on a blurred copy of themselves are framed on
    the colour instead, else it would show nowhere."""
    r.do(O.SetBackground(col=str(args["col"]), col2=args.get("col2")))
    for seg in video_segments(r.draft):
        if seg.fit == "blur":
            r.do(O.SetFit(id=seg.id, fit="contain"))


def clear_timeline(r: Resolver, args: dict[str, Any]) -> None:
    r.do(O.ClearTimeline())


# -- questions -------------------------------------------------------------------------------
def _asks(en: str, zh: str) -> Resolve:
    def ask(r: Resolver, args: dict[str, Any]) -> None:
        raise Problem(en, zh)
    return ask


def unread(r: Resolver, args: dict[str, Any]) -> None:
    """A part of a compound request that nothing was read from: say so, never drop it."""
    text = str(args["text"])
    raise Problem(f"I didn't understand “{text}”, so I left that part out.",
                  f"“{text}”这部分我没看懂，所以没有做。")


QUESTIONS: dict[str, Resolve] = {
    "unread": unread,
    "ask_sound": _asks(f"Which sound effect? I have: {SFX_LIST}. For example: add a vine "
                       "boom at 2s.", f"要哪个音效？可选：{SFX_LIST}。例如：在2秒加一个 vine boom。"),
    "ask_song": _asks("I don't have an uploaded song yet. Upload an MP3, WAV, M4A or AAC "
                      "file, or pick built-in music: lofi, phonk, chiptune, epic or suspense.",
                      "还没有上传的歌曲。请上传 MP3/WAV/M4A/AAC，或选内置音乐：lofi、phonk、"
                      "chiptune、epic、suspense。"),
    "ask_music": _asks("I don't have that kind of music built in. I have lofi (chill), phonk "
                       "(hype), chiptune (8-bit, cheerful), epic and suspense — or upload your "
                       "own song. Which one?", "没有这种内置音乐。可选：lofi（轻松）、phonk（燃）、"
                       "chiptune（8-bit，欢快）、epic（史诗）、suspense（悬疑），或上传你自己的歌。要哪一个？"),
    "ask_length": _asks("How long should it be? For example: 'make it 4 seconds' or 'cut "
                        "the first 2 seconds'.", "要多长？例如“改成4秒”或“剪掉前2秒”。"),
    "missing_asset": _asks("I can't find that upload. Check the name or upload it first.",
                           "找不到那个文件。请检查名字，或先上传。"),
    "caption_fade": _asks("Captions appear and disappear at once; they have no fade. I can time "
                          "them instead, e.g. 'show the caption from 2s', or fade the music.",
                          "字幕是直接出现和消失的，没有淡入淡出。可以改它们出现的时间，例如“字幕从2秒开始"
                          "显示”，或者给音乐加淡入淡出。"),
    "caption_face": _asks("Captions use a bold meme font (Impact, or the bundled Anton). I can "
                          "change their style (classic, bar, subtitle or plain), colour or size "
                          "instead, e.g. 'make the caption bigger'. Which would you like?",
                          "字幕用的是粗体表情包字体（Impact 或内置的 Anton）。可以改字幕样式（经典、"
                          "白条、字幕条、纯文字）、颜色或大小，例如“字幕大一点”。要改哪一项？"),
}
CAPTIONS: dict[str, Resolve] = {
    "add_caption": add_caption, "edit_caption": edit_caption,
    "remove_caption": remove_caption, "swap_captions": swap_captions,
    "stagger_captions": stagger_captions,
    "nudge_caption": nudge_caption,
    "set_canvas": set_canvas, "set_fit": set_fit, "clear_timeline": clear_timeline,
    "set_background": set_background,
}
