"""Clauses to caption intents: adding (quoted or typed-out text, positions, styles, colours,
sizes, timing), changing, moving, restyling and removing captions; and the canvas (shape and
framing)."""

from __future__ import annotations

import re
from typing import Any

from meme_desktop.draft import TextSegment
from meme_desktop.engine.agent.rules import lexicon as lx
from meme_desktop.engine.agent.rules.assets import find_assets
from meme_desktop.engine.agent.rules.parse import PLACEHOLDER, Clause, Times
from meme_desktop.engine.agent.rules.words import (
    CAPTION_NOUN,
    CHANGE,
    MOVE,
    REMOVE,
    Context,
    Intent,
)

_ALL_CAPS = (r"\b(?:all|every|each|both)\s+(?:of\s+)?(?:the\s+)?(?:captions?|texts?|titles?|"
             r"lines?|words?|writing|labels?)\b|\b(?:captions?|texts?)\s+all\b(?!\s+(?:caps|capitals|upper|lower))|所有的?(?:字幕|文字|标题|字)|"
             r"全部(?:的)?(?:字幕|文字)|(?:字幕|文字)全部")


_POS_WORD = (r"(top|upper|bottom|lower|middle|center|centre|顶部|底部|上面|下面|上方|下方|"
             r"中间|顶端|底端)")


_NOUNS = r"captions?|texts?|lines?|titles?|words?|subtitles?|labels?|writing|headings?"
_POS_SEL = [
    rf"(?:the\s+)?{_POS_WORD}\s+(?:{_NOUNS}|ones?)\b",
    rf"(?:{_NOUNS}|thing|stuff|ones?)\s+(?:at|on|in)\s+(?:the\s+)?"
    rf"{_POS_WORD}\b",
    rf"{_POS_WORD}(?:的|那|这)?(?:一?(?:行|句|条|个))?(?:字幕|文字|标题|字|话)",
    # "make the bottom say 'also me'", "the top should read 'x'": the caption there, edited
    rf"(?:the\s+)?{_POS_WORD}(?=\s+(?:should\s+|to\s+|must\s+|will\s+|can\s+)?"
    rf"(?:says?|read|reads)\b)",
]


_NOT_WANTED = (r"\b(?:i\s+)?(?:don'?t|do not|dont|doesn'?t|never)\s+(?:want|like|need)\s+"
               r"(?:it\s+|this\s+|them\s+|the \w+\s+|any\s+)?")


_HIDE = REMOVE + r"|\b(?:don'?t|do not|dont|never)\s+(?:show|display)\b|不要?显示|不出现"


_BIGGER = (r"\btoo (?:small|tiny|little)\b|太小|\b(?:increase|raise|bump up|up)\s+(?:the\s+)?"
           r"(?:text\s+|font\s+|caption\s+)?size\b|\benlarge\b|\bsize up\b|"
           r"\b(?:bigger|larger|huge|giant|enormous|increase the size|big|bolder|louder text)"
           r"\b|大一点|大一些|更大|加大|变大|放大字|字大|调大|大点|大字|大号")


_SMALLER = (r"\b(?:small|smol)\s+(?:text|letters|font|caption|words)\b|"
            r"\btoo (?:big|large|huge)\b|太大|\b(?:reduce|decrease|lower|shrink)\s+(?:the\s+)?"
            r"(?:text\s+|font\s+|caption\s+)?size\b|\bshrink\b|\b(?:smaller|tiny|little|decrease the size|less big)\b|"
            r"小一点|小一些|更小|变小|缩小字|字小|调小|小点")


def read_canvas(cl: Clause) -> list[Intent]:
    """Aspect ratio and framing: "vertical", "9:16", "square", "black bars", "blur"."""
    ops: list[Intent] = []
    if cl.has(r"\b(?:trending|viral|popular|tiktok|famous)\s+(?:sound|song|audio|music)|"
              r"热门(?:音乐|音效|歌曲|声音)|流行(?:音乐|歌曲)|抖音(?:神曲|热歌|音乐)"):
        return ops
    # "tiktok style captions": a caption style (TikTok's subtitles), not the canvas
    cl.text = re.sub(r"\b(?:tiktok|tik tok)(?:[\s-]+style)?\s+(captions?|text|subtitles?|font|words)\b",
                     r" subtitle style \1", cl.text)
    hits = lx.CANVASES.find(cl.text)
    if hits:
        generic = ("instagram", "insta", "youtube", "yt", "feed", "wide", "phone", "tv")
        best = [h for h in hits if cl.text[h.start:h.end].strip() not in generic] or hits
        size = best[0].value
        w, h = (int(x) for x in size.split("x"))
        ops.append(Intent("set_canvas", {"width": w, "height": h, "name": size}))
        for hit in hits:
            cl.blank(hit.start, hit.end)
    cl.text = re.sub(_NOT_WANTED + r"(?:to be\s+)?(?:cropped|cut off|cropping)\b", " no crop ",
                     cl.text)         # "i dont want it cropped": letterbox
    cl.text = re.sub(_NOT_WANTED + r"(?:black\s+)?bars\b", " no black bars ", cl.text)
    fit = sorted(lx.FITS.find(cl.text), key=lambda h: h.start - h.end)   # the longest first
    if fit and not cl.has(r"\bfit\b") or fit and (ops or cl.has(r"\bfit (?:it|the|in)")):
        ops.append(Intent("set_fit", {"fit": fit[0].value}))
        for hit in fit:
            cl.blank(hit.start, hit.end)
    return ops


def _quote_matching(text: str, captions: list[str]) -> str | None:
    low = text.lower().strip()
    for cap in captions:
        if cap.lower().strip() == low:
            return cap
    for cap in captions:
        if low and (low in cap.lower() or cap.lower() in low):
            return cap
    return None


_ORD = r"first|second|third|fourth|fifth|last|1st|2nd|3rd|4th|5th"
_CAPS_NOUN = r"(?:captions?|texts?|lines?|titles?|subtitles?|ones)"
_EXCEPT = (r"\b(?:except(?:\s+for)?|but\s+not|apart\s+from|other\s+than|besides|excluding|"
           r"but)\s+(?:for\s+)?")


def selector(cl: Clause, ctx: Context) -> dict[str, Any] | None:
    if cl.take(_ALL_CAPS) or cl.take(r"\ball\s+(?:the\s+)?(?:captions|texts|lines|titles)\b"):
        if cl.take(_EXCEPT) and (but := selector(cl, ctx)) is not None and "all" not in but:
            return {"all": True, "except": but}     # "every caption except the bruh one"
        return {"all": True}
    if m := cl.take(rf"\b(?:the\s+)?(first|last)\s+(two|three|four|2|3|4)\s+{_CAPS_NOUN}\b"):
        n = {"two": 2, "three": 3, "four": 4}.get(m.group(2)) or int(m.group(2))
        return {"count": n if m.group(1) == "first" else -n}    # "the last two captions"
    if m := cl.take(rf"\b({_ORD})&({_ORD})\s+{_CAPS_NOUN}\b"):
        return {"indices": [lx.ORDINALS[m.group(1)], lx.ORDINALS[m.group(2)]]}
    if m := cl.take(r"\b(first|second|third|fourth|fifth|last|1st|2nd|3rd|4th|5th)\s+(?:captions?|texts?|lines?|titles?)\b|"
                    r"第(\d+)(?:条|个|行)(?:字幕|文字)|\b(?:captions?|texts?|lines?)\s*(?:#|no\.?\s*|"
                    r"number\s*)?(\d)\b(?!\s*(?:s|sec|secs|seconds?|%|x)\b)"):
        n = lx.ORDINALS.get(m.group(1) or "", 0)
        return {"index": n or int(m.group(2) or m.group(3))}
    for i, rx in enumerate(_POS_SEL):
        if i == 1 and cl.has(MOVE) and len(lx.POSITIONS.find(cl.text)) < 2:
            continue        # "put the caption at the bottom": a new place, not which caption
        if m := cl.take(rx):
            return {"pos": lx.POSITIONS.first(m.group(1)) or "top"}
    tops = [s for s in ctx.draft.segments(7) if isinstance(s, TextSegment) and s.pos == "top"]
    if len(tops) == 1 and len(ctx.captions) > 1 and cl.take(_TITLE):
        return {"pos": "top"}       # "change the title": the caption on top
    return None


_TITLE = r"\b(?:the|my)\s+(?:title|heading|headline)\b|标题"
_CASE = [(r"\b(?:all\s+caps|all\s+upper\s*case|upper\s*case|all\s+capitals|in\s+caps|capitali[sz]e"
          r"(?:\s+it)?|caps\s+lock)\b|全(?:部)?大写|大写", "upper"),
         (r"\b(?:lower\s*case|all\s+lower|no\s+caps|not\s+(?:in\s+)?(?:all\s+)?caps)\b|"
          r"全(?:部)?小写|小写", "lower")]


def _positions(cl: Clause) -> list[tuple[int, str]]:
    hits = lx.POSITIONS.find(cl.text)
    return [(h.start, h.value) for h in hits]


def _attrs(cl: Clause, times: Times) -> dict[str, Any]:
    """Style, colour, size and timing of a caption, as far as the clause says."""
    out: dict[str, Any] = {}
    for rx, case in _CASE:
        if cl.take(rx):
            out["case"] = case
            break
    style = lx.STYLES.find(cl.text)
    if style:
        out["style"] = style[0].value
        cl.blank(style[0].start, style[0].end)
    if m := cl.take(lx.HEX_COLOR):
        out["color"] = lx.hex_color(m.group(0))
    else:
        colors = lx.COLORS.find(cl.text)
        if colors:
            out["color"] = colors[0].value
    if m := cl.take(r"\bsize\s*(?:to\s*)?(\d+(?:\.\d+)?)\s*(%|x)?|(\d+(?:\.\d+)?)\s*(?:%|x)\s*size"
                    r"|字号\s*(\d+(?:\.\d+)?)"):
        num = float(m.group(1) or m.group(3) or m.group(4))
        out["size"] = round(num / 100 if (m.group(2) == "%" or num > 5) else num, 2)
    elif cl.take(r"\btoo (?:big|large|huge)\b|太大"):
        out["size_mul"] = 0.8
    elif cl.take(r"\b(?:much|way|a lot|really)\s+(?:bigger|larger)|\bhuge\b|\bdouble the size\b|"
                 r"大很多|特别大|超大"):
        out["size_mul"] = 1.5
    elif cl.take(_BIGGER):
        out["size_mul"] = 1.25
    elif cl.take(r"\b(?:much|way|a lot)\s+smaller\b|\btiny\b|小很多|特别小"):
        out["size_mul"] = 0.6
    elif cl.take(_SMALLER):
        out["size_mul"] = 0.8
    if not times.used and (m := cl.take(r"\b(earlier|later|sooner)\b|(早|晚)(?:一点|一些|点)?")):
        step = times.dur if times.dur is not None else times.at[0] if len(times.at) == 1 else 500
        # "appear a second earlier", 晚一秒出现 (the time read as "at 1 s")
        out["shift"] = step if (m.group(1) or m.group(2)) in ("later", "晚") else -step
        times.used = True
    if not times.used:
        out.update(timing(times))
    return out


def timing(times: Times) -> dict[str, Any]:
    """Caption/effect timing arguments from the clause's times."""
    if times.span:
        return {"start": times.span[0], "dur": max(100, times.span[1] - times.span[0])}
    if times.since is not None and times.until is None and times.dur is None:
        return {"from": times.since}    # "start at the beginning": the end stays
    if times.first is not None:
        return {"start": 0, "dur": times.first}
    if times.last is not None:
        return {"last": times.last}
    out: dict[str, Any] = {}
    if times.at:
        out["start"] = times.at[0]
    if times.until is not None:
        out["until"] = times.until
    if times.dur is not None:
        out["dur"] = times.dur
    if not out and times.anchor == "end":
        out["last"] = 2000
    elif not out and times.anchor == "start":
        out = {"start": 0, "dur": 2000}
    elif not out and times.anchor == "middle":
        out = {"half": True}        # "show up halfway": from the middle of the video on
    return out


# "it" and the words that point at what was just added or changed (this turn or the last)
_IT = (r"\bit\b|\bthat(?:\s+one)?\b|\bthis\s+one\b|\bthe\s+(?:new|last|latest)\s+(?:one|caption|"
       r"text|line)\b|它|这|那个|刚才|刚刚|新的|新加的|刚加的")


_FACE = r"\bbold\b|\bitali(?:c|cs|ci[sz]ed?)\b|\bunderlined?\b|加粗|粗体|斜体|下划线"


def read_captions(cl: Clause, times: Times, ctx: Context) -> list[Intent]:
    """Adding, changing, moving, restyling and removing captions; "make the text bold" alone
    is answered (the font is bold already), "bold red" is red."""
    face = not cl.quotes and (cl.has(CAPTION_NOUN) or bool(ctx.captions)) and bool(cl.take(_FACE))
    found = _read_captions(cl, times, ctx)
    return found or ([Intent("caption_face")] if face else [])


def _read_captions(cl: Clause, times: Times, ctx: Context) -> list[Intent]:
    quotes = list(cl.quotes)
    editing = cl.has(CHANGE + "|" + REMOVE + r"|\bsays?\b|读|写成")
    sel = selector(cl, ctx) if not quotes or editing else None
    noun = cl.has(CAPTION_NOUN)
    if sel is not None and set(sel) == {"pos"} and quotes and not cl.has(CHANGE) and not any(
            isinstance(s, TextSegment) and s.pos == sel["pos"] for s in ctx.draft.segments(7)):
        cl.text += f" {sel['pos']} "    # "text in the middle that says omg": none there yet
        sel = None
    if sel is None and quotes and not cl.has(r"\badd\b|加") and cl.has(CHANGE + "|" + REMOVE):
        match = _quote_matching(quotes[0], ctx.captions)
        if match is not None:
            sel = {"text": match}
            quotes = quotes[1:]
    if sel is None and quotes and editing and noun and ctx.captions and not cl.has(r"\badd\b|加"):
        sel = {"one": True}
    if sel is None and ctx.focus == "caption" and not quotes and cl.has(_IT):
        sel = dict(ctx.focus_sel)
    if cl.has(REMOVE) and (sel or noun) and not quotes and times.at and not times.used \
            and cl.has(r"\b(?:hide|remove|take (?:it )?(?:off|away)|gone|get rid of)\b|隐藏|去掉"):
        times.until, times.at = times.at[0], []     # "hide the caption after 3s"
        cl.take(REMOVE)
    if cl.has(_HIDE) and (sel or noun) and not quotes and not times.used and (
            times.first is not None or times.last is not None):
        cl.take(_HIDE)          # "hide the caption for the last 2 seconds": it ends earlier
        times.used = True
        key, ms = ("hide_first", times.first) if times.first is not None else ("hide_last",
                                                                              times.last)
        _focus(ctx, sel or {"all": True})
        return [Intent("edit_caption", {"target": sel or {"all": True}, key: ms})]
    if cl.has(REMOVE) and (sel or noun) and not quotes:
        ctx.focus = None
        return [Intent("remove_caption", {"target": sel or {"all": True}})]
    if cl.has(MOVE) and times.dur is not None and not (times.at or times.span or times.used):
        times.at, times.dur = [times.dur], None
    if (cl.has(MOVE) or cl.has(r"\bshift\b|\bnudge\b|往[上下左右]|[上下左右]移")) and (sel or noun or ctx.focus == "caption") \
            and not quotes and (nudge := _nudge(cl)):
        sel = sel or (dict(ctx.focus_sel) if ctx.focus == "caption" else {"all": True})
        _focus(ctx, sel)
        return [Intent("nudge_caption", {"target": sel, **nudge})]
    if (cl.has(MOVE) or cl.has(r"\bshift\b")) and (sel or noun or ctx.focus == "caption"):
        if cl.take(r"\b(?:further\s+)?down(?:wards)?\b|往下|下移|向下"):
            cl.text += " bottom "
        elif cl.take(r"\b(?:further\s+)?up(?:wards)?\b|\bhigher\b|往上|上移|向上"):
            cl.text += " top "
    pos_hits = _positions(cl)
    attrs = _attrs(cl, times)
    if quotes and (m := cl.take(r"\b(?:on|over|during|for|with)\s+(?:the\s+)?"
                                r"(?:(?:first|second|third|"
                                r"last|1st|2nd|3rd)\s+)?(?:clip|video|image|picture|photo|gif)\b")):
        found = find_assets(Clause(f" {m.group(0)} "), ctx)
        if found and not {"start", "dur", "last", "until", "half", "from"} & set(attrs):
            attrs["during"] = found[0].hash
    if quotes and sel is not None and (cl.has(CHANGE) or cl.has(r"\bsay|读|写")):
        ctx.captions.append(quotes[0])
        op = Intent("edit_caption", {"target": sel, "text": quotes[0], **attrs})
        if pos_hits:
            op.args["pos"] = pos_hits[-1][1]
        _focus(ctx, {"text": quotes[0]})
        return [op]
    if quotes:
        return _add_captions(cl, quotes, pos_hits, attrs, ctx)
    edit = {k: v for k, v in attrs.items()}
    if pos_hits:
        edit["pos"] = pos_hits[-1][1]
    if not edit:
        if (noun or sel) and not cl.has(REMOVE):    # "the caption covers the face, move it down"
            ctx.focus, ctx.focus_sel = "caption", sel or {"all": True}
        return []
    if sel is None:
        if ctx.focus == "caption":
            sel = dict(ctx.focus_sel)
        elif noun or ctx.captions and {"color", "style", "size_mul", "size", "case"} & set(edit) \
                and ctx.focus is None:
            sel = {"all": True}
        else:
            return []
    if set(edit) <= {"start", "dur", "last", "half", "from"} and ctx.focus not in (None, "caption") \
            and not noun:
        return []
    ctx.focus, ctx.focus_sel = "caption", dict(sel)
    if "pos" in edit and "pos" in sel:
        ctx.focus_sel = {"pos": edit["pos"]}
    return [Intent("edit_caption", {"target": sel, **edit})]


_A_BIT = (r"\b(?:a\s+(?:bit|little|touch|tad|smidge)|slightly|a\s+little\s+bit|just\s+a\s+bit)\b|"
          r"\bnudge\b|一点|一些|一下|稍微|稍稍|略微")
_NUDGES = [(r"\bdown(?:wards)?\b|\blower\b|往下|下移|向下", "dy", 1),
           (r"\bup(?:wards)?\b|\bhigher\b|往上|上移|向上", "dy", -1),
           (r"\bleft\b|往左|左移|向左", "dx", -1), (r"\bright\b|往右|右移|向右", "dx", 1)]
NUDGE = 0.06  # of the canvas: a small step, about a line of a classic caption


def _nudge(cl: Clause) -> dict[str, float]:
    """"down a bit", "slightly to the left", "往上一点": a small shift, or {} when the words
    name no small step (then "move it down" means the bottom position)."""
    if not cl.has(_A_BIT):
        return {}
    out: dict[str, float] = {}
    for rx, axis, sign in _NUDGES:
        if cl.take(rx):
            out[axis] = out.get(axis, 0.0) + sign * NUDGE
    if out:
        cl.take(_A_BIT)
    return out


def _focus(ctx: Context, sel: dict[str, Any]) -> None:
    ctx.focus, ctx.focus_sel = "caption", sel


def _add_captions(cl: Clause, quotes: list[str], pos_hits: list[tuple[int, str]],
                  attrs: dict[str, Any], ctx: Context) -> list[Intent]:
    places = [m.start() for m in PLACEHOLDER.finditer(cl.text)]
    positions: list[str | None] = [None] * len(quotes)
    if len(pos_hits) == len(quotes):
        positions = [p for _, p in pos_hits]
    elif len(pos_hits) == 1 and len(quotes) == 1:
        positions = [pos_hits[0][1]]
    elif pos_hits and len(places) == len(quotes):
        for i, at in enumerate(places):     # nearest position word to each quote
            positions[i] = min(pos_hits, key=lambda h: abs(h[0] - at))[1]
    elif len(quotes) >= 2:
        cycle: list[str | None] = ["top", "bottom", "center"]
        positions = (cycle * 3)[:len(quotes)]
    ops = []
    for text, pos in zip(quotes, positions, strict=True):
        args: dict[str, Any] = {"text": text, **attrs}
        if pos:
            args["pos"] = pos
        ops.append(Intent("add_caption", args))
        ctx.captions.append(text)
        _focus(ctx, {"text": text})
    return ops
