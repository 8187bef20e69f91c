"""Times said by what happens on the timeline: *when the bottom text appears*, *when 'BRUH'
shows up*, *as soon as the second clip starts*, *when the caption disappears*,
*底部字幕出现的时候*, *between the clips* (every cut). The words are replaced in the clause by
the time they mean ("at 3s", "在3秒"), so every reader reads them as if the time had been
typed; a description that names nothing on the timeline is left as it is."""

from __future__ import annotations

import re

from meme_desktop.draft import TextSegment, VideoSegment
from meme_desktop.engine.agent.rules import lexicon as lx
from meme_desktop.engine.agent.rules.named import caption_order
from meme_desktop.engine.agent.rules.parse import PLACEHOLDER, Clause
from meme_desktop.engine.agent.rules.words import CAPTION_NOUN, CLIP, IMAGE, Context

_ON = r"appears?|shows?\s+up|pops?\s+(?:up|in)|comes?\s+(?:in|up|on)|starts?|begins?|kicks?\s+in"
_OFF = r"disappears?|goes\s+away|vanish(?:es)?|ends?|is\s+gone|leaves"
_EN = re.compile(rf"\b(?:right\s+|exactly\s+|just\s+)?(?:when|as\s+soon\s+as|the\s+moment)\s+"
                 rf"(?P<what>(?:the\s+|that\s+|this\s+)?[^,;]{{1,40}}?)\s+(?:(?P<on>{_ON})|"
                 rf"(?P<off>{_OFF}))\b")
_ZH = re.compile(r"(?:在|当|等)?(?P<what>[^，,。；;在当从]{1,14}?)(?:(?P<on>出现|开始|出来|弹出|冒出来)|"
                 r"(?P<off>消失|结束))(?:的时候|的那一刻|那一刻|时|之时)")
_ORD = r"\b(first|second|third|last|1st|2nd|3rd)\b|第(\d+)个"


def _nth(items: list[TextSegment] | list[VideoSegment], what: str) -> int | None:
    if m := re.search(_ORD, what):
        n = lx.ORDINALS.get(m.group(1) or "", 0) or int(m.group(2) or 0)
        k = n - 1 if n > 0 else n
        return k if -len(items) <= k < len(items) else None
    return 0 if len(items) == 1 else None


def _caption(what: str, quotes: list[str], ctx: Context) -> TextSegment | None:
    if m := re.search(r"caption #(\d+)", what):    # named by its words (rules/named.py)
        order, n = caption_order(ctx.draft), int(m.group(1)) - 1
        return order[n] if 0 <= n < len(order) else None
    caps = sorted((s for s in ctx.draft.segments(7) if isinstance(s, TextSegment)),
                  key=lambda s: s.start)
    if m := PLACEHOLDER.search(what):
        said = quotes[int(m.group(1))].lower().strip() if int(m.group(1)) < len(quotes) else ""
        return next((c for c in caps if c.text.lower().strip() == said), None)
    if not re.search(CAPTION_NOUN, what):
        return None
    if pos := lx.POSITIONS.first(what):
        at = [c for c in caps if c.pos == pos]
        return at[0] if len(at) == 1 else None
    k = _nth(caps, what)
    return caps[k] if k is not None else None


def _visual(what: str, ctx: Context) -> VideoSegment | None:
    if not re.search(CLIP + "|" + IMAGE, what):
        return None
    segs = sorted((s for s in ctx.draft.segments(0) if isinstance(s, VideoSegment)),
                  key=lambda s: s.start)
    k = _nth(segs, what)
    return segs[k] if k is not None else None


def _when(what: str, off: bool, quotes: list[str], ctx: Context) -> int | None:
    cap = _caption(what, quotes, ctx)
    if cap is not None:
        return cap.start + cap.duration if off else cap.start
    seg = _visual(what, ctx)
    if seg is None or off and seg.start + seg.duration >= ctx.draft.duration:
        return None         # "when the clip ends": the end of the video, read as such
    return seg.start + seg.duration if off else seg.start


_PARTS = {"half": 2, "third": 3, "quarter": 4, "fourth": 4, "fifth": 5}
_COUNT = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "1": 1, "2": 2, "3": 3}
_WAY = r"\s+of\s+the\s+way(?:\s+(?:in|into|through|thru)(?:\s+(?:it|the\s+(?:video|clip|meme)))?)?"
_FRACTION = re.compile(
    rf"\b(?:(a|an|one|two|three|four|1|2|3)\s+)?(half|third|quarter|fourth|fifth)s?{_WAY}\b|"
    rf"\b(\d+(?:\.\d+)?)\s*(?:%|percent){_WAY}\b|"
    r"(?:在|到)?(?:视频的?|整个视频的?)?(\d+)分之(\d+)(?:处|的地方|的位置|的时候)")


def fraction_times(cl: Clause, ctx: Context) -> None:
    """"a quarter of the way in", "three quarters of the way through", "80% of the way",
    在四分之一处: a share of the video's length, replaced by the time it means."""
    total = ctx.draft.duration
    if total <= 0:
        return
    for m in list(_FRACTION.finditer(cl.text))[::-1]:
        if m.group(2):
            share = _COUNT.get(m.group(1) or "a", 1) / _PARTS[m.group(2)]
        elif m.group(3):
            share = float(m.group(3)) / 100
        else:
            share = int(m.group(5)) / max(1, int(m.group(4)))
        if not 0 <= share <= 1:
            continue
        at = round(total * share / 100) * 100
        said = f"在{at / 1000:g}秒" if m.group(4) else f"at {at / 1000:g}s"
        cl.text = f"{cl.text[:m.start()]} {said} {cl.text[m.end():]}"


_SHARE = {"half": 2, "third": 3, "quarter": 4, "fifth": 5}
_PART = re.compile(
    r"\b(?P<how>for|during|in|over|within)?\s*(?:only\s+)?(?:the\s+)?(?P<end>first|last|second|"
    r"final|opening|closing)\s+(?:(?P<part>half|third|quarter|fifth)|(?P<pct>\d+(?:\.\d+)?)\s*"
    r"(?:%|percent))(?:\s+of\s+(?:it|the\s+(?:video|clip|meme|timeline)))?(?!\w)|"
    r"(?P<zh>前|后|最后)(?:一半|半段|半部分)")
_MID = re.compile(r"\b(?:at\s+)?(?:the\s+)?(?:mid-?point|half-?way\s+point|middle\s+of\s+the\s+"
                  r"(?:video|clip|meme|timeline))\b")
_BEFORE_END = re.compile(
    r"\b(\d+(?:\.\d+)?)\s*(?:s|secs?|seconds?)\s+before\s+(?:the\s+)?(?:very\s+)?(?:end|finish|"
    r"(?:video|clip|meme|it)\s+(?:ends|finishes|is\s+over))\b|"
    r"(?:视频|片子)?(?:结束|结尾)前\s*(\d+(?:\.\d+)?)\s*秒")


def share_times(cl: Clause, ctx: Context) -> None:
    """"the first half", "the last 20%", 前一半: a part of the video's length said as a share
    ("for the first 3s"); "the midpoint" and "2s before the end" as the time they mean."""
    total = ctx.draft.duration
    if total <= 0:
        return
    for m in list(_PART.finditer(cl.text))[::-1]:
        if m.group("zh"):
            ms, last = total // 2, m.group("zh") != "前"
            said = f"{'最后' if last else '前'}{ms / 1000:g}秒"
        else:
            share = 1 / _SHARE[m.group("part")] if m.group("part") else float(m.group("pct")) / 100
            if not 0 < share <= 1:
                continue
            ms = round(total * share / 100) * 100
            last = m.group("end") not in ("first", "opening")
            said = f"{'for ' if m.group('how') else ''}the {'last' if last else 'first'} {ms / 1000:g}s"
        cl.text = f"{cl.text[:m.start()]} {said} {cl.text[m.end():]}"
    for m in list(_MID.finditer(cl.text))[::-1]:
        cl.text = f"{cl.text[:m.start()]} at {total / 2000:g}s {cl.text[m.end():]}"
    for m in list(_BEFORE_END.finditer(cl.text))[::-1]:
        at = max(0, total - round(float(m.group(1) or m.group(2)) * 1000))
        said = f"在{at / 1000:g}秒" if m.group(2) else f"at {at / 1000:g}s"
        cl.text = f"{cl.text[:m.start()]} {said} {cl.text[m.end():]}"


_CUT = re.compile(
    r"\b(?:in\s+)?between\s+(?:the\s+|my\s+)?(?:two\s+|2\s+|both\s+)?(?:clips|videos|pictures|"
    r"images|photos|pics|segments|shots|parts)\b|\bat\s+(?:the|each|every)\s+(?:cuts?|"
    r"transitions?|switch(?:es)?)\b|\bwhere\s+(?:the\s+)?(?:clips?|videos?|pictures?)\s+"
    r"(?:change|switch|meet|cut)\b|(?:在)?(?:两个|两段)?(?:视频|片段|图片|画面)(?:之间|中间|切换(?:的地方|处|时|的时候)?)"
    r"|(?:在)?切换(?:处|的地方|的时候)")


def cut_times(cl: Clause, ctx: Context) -> None:
    """"between the clips", "at the cut", 两个视频之间: where one picture or clip gives way to
    the next, replaced by those times (nothing is replaced when there is no cut)."""
    segs = sorted((s for s in ctx.draft.segments(0) if isinstance(s, VideoSegment)),
                  key=lambda s: s.start)
    cuts = sorted({s.start for s in segs[1:] if s.start > 0})
    if not cuts:
        return
    times = ", ".join(f"{c / 1000:g}s" for c in cuts)
    for m in list(_CUT.finditer(cl.text))[::-1]:
        zh = not m.group(0).isascii()
        said = f"在{cuts[0] / 1000:g}秒" if zh and len(cuts) == 1 else f"at {times}"
        cl.text = f"{cl.text[:m.start()]} {said} {cl.text[m.end():]}"


def anchor_times(cl: Clause, ctx: Context, quotes: list[str]) -> None:
    """Replace "when X appears / starts / disappears" in ``cl`` by the time it means, and a
    share of the way through the video by its time.
    ``quotes``: the message's quoted texts (a caption named by its words)."""
    fraction_times(cl, ctx)
    share_times(cl, ctx)
    cut_times(cl, ctx)
    for rx, zh in ((_EN, False), (_ZH, True)):
        for m in list(rx.finditer(cl.text))[::-1]:
            at = _when(m.group("what"), bool(m.group("off")), quotes, ctx)
            if at is None:
                continue
            said = f"在{at / 1000:g}秒" if zh else f"at {at / 1000:g}s"
            cl.text = f"{cl.text[:m.start()]} {said} {cl.text[m.end():]}"
            for i in PLACEHOLDER.findall(m.group("what")):      # the quote named a caption
                if int(i) < len(quotes) and quotes[int(i)] in cl.quotes:
                    cl.quotes.remove(quotes[int(i)])


__all__ = ["anchor_times"]
