"""Clauses to intents on pictures and clips: placing and ordering uploads, lengths and trims,
zoom, speed, reverse, boomerang and loops."""

from __future__ import annotations

import re
from typing import Any

from meme_desktop.engine.agent.rules.assets import ORD, ORD_RX, find_assets, target
from meme_desktop.engine.agent.rules.parse import END_MS, Clause, Times
from meme_desktop.engine.agent.rules.speed import MORE_SPEED
from meme_desktop.engine.agent.rules.speed import speed as read_speed
from meme_desktop.engine.agent.rules.words import (
    ADD,
    CAPTION_NOUN,
    CLIP,
    IMAGE,
    MOVE,
    REMOVE,
    Context,
    Intent,
)
from meme_desktop.engine.agent.types import AssetRef

_WHOLE = re.compile(
    r"^\s*(?:(?:pls|please|now|also|and|then|just|ok|okay)\s+)*(?:make|have|set|keep|get|"
    r"cut|trim)\s+(?:it|this|that|everything|the whole thing|(?:the\s+)?(?:whole|entire|total)\s+"
    r"(?:video|meme|clip|thing|gif)|the (?:video|meme|gif))\s+(?:down\s+)?(?:to\s+)?(?:be\s+)?"
    r"(?:about\s+|around\s+|only\s+|just\s+|exactly\s+)?(?:in total\s*|total\s*|overall\s*)?"
    r"(?:pls|please)?\s*[.!]?\s*$")


_NO_ZOOM = (r"\b(?:no|remove|stop|without|reset|lose|kill|drop|delete|get rid of|ditch|disable|"
            r"turn off|take (?:off|out)|undo|cancel)\s+(?:the\s+|that\s+|this\s+)?(?:\w+\s+)?"
            r"zoom(?:ing)?(?:\s+(?:in|out|effect))?\b|不要缩放|去掉缩放|取消放大|取消缩放|去掉放大|"
            # "turn the zoom off"; "turn off / disable the zoom" after the effects reader moved
            # its verb to the end ("the zoom remove")
            r"\bzoom(?:ing)?(?:\s+(?:in|out|effect))?\s+(?:remove|off)\b")


def read_zoom(cl: Clause, times: Times, ctx: Context) -> list[Intent]:
    if (cl.has(CAPTION_NOUN) or ctx.focus == "caption") and not cl.has(r"\bzoom"):
        return []
    if cl.has(_NO_ZOOM):
        cl.take(_NO_ZOOM)
        return [Intent("set_zoom", {"zoom": [1.0, 1.0], **target(cl, ctx)})]
    punch = cl.take(r"\bpunch[\s-]*(?:in|zoom)\b|\b(?:snap|crash|quick|sudden)\s+zoom\b|突然放大|"
                    r"猛地放大|瞬间放大")
    slow = cl.take(r"\bken[\s-]*burns?(?:\s+zoom)?\b|\bslow(?:ly)?\s+zoom(?:\s*in)?\b|"
                   r"\bgentle\s+zoom\b|缓慢放大|慢慢放大|缓慢推近")
    zout = cl.take(r"\bzoom(?:s|ing)?\s*out\b|缩小|拉远")
    zin = None if (zout or slow) else cl.take(r"\bzoom(?:s|ing)?\s*(?:in|into|closer)\b|"
                                              r"\bzoom\b|放大|推近|拉近")
    if not (punch or zin or zout or slow):
        return []
    factor = None
    if m := cl.take(r"(\d+(?:\.\d+)?)\s*(?:x|倍)|(\d+)\s*%"):
        factor = float(m.group(1)) if m.group(1) else 1 + float(m.group(2)) / 100
        factor = max(1.05, min(4.0, factor))
    elif cl.take(r"\b(?:a lot|lots|way|much|really|super|heavily|heavy|hard|big|all the way|"
                 r"more|extreme(?:ly)?|close[\s-]?up)\b|很多|狠狠|使劲|特写|大幅"):
        factor = 1.6
    elif cl.take(r"\b(?:a (?:little|bit|tad)|slight(?:ly)?|subtle|subtly|gentle|gently|small)\b|"
                 r"一点|稍微|轻微"):
        factor = 1.15
    where = target(cl, ctx)
    ctx.focus = "media"
    if punch or (zin and (times.at or times.span) and not times.used):
        at = times.at[0] if times.at else (times.span[0] if times.span else None)
        times.used = True
        return [Intent("punch_in", {"at": at, "zoom": factor or 1.3, **where})]
    if slow and cl.take(r"\bout(?:wards?)?\b|缩小|拉远"):     # "Ken Burns out", "slow zoom out"
        return [Intent("set_zoom", {"zoom": [factor or 1.15, 1.0], **where})]
    if slow:
        cl.take(r"\bin(?:wards?)?\b")
        return [Intent("set_zoom", {"zoom": [1.0, factor or 1.15], **where})]
    if zout:
        return [Intent("set_zoom", {"zoom": [factor or 1.3, 1.0], **where})]
    return [Intent("set_zoom", {"zoom": [1.0, factor or 1.3], **where})]


# the whole video ends at a time: "make it end at 5s", "the video should stop at 4s"
_ENDS_AT = (r"\b(?:make|have|let)\s+(?:it|this|the\s+(?:video|clip|meme|whole\s+thing))\s+"
            r"(?:end|stop|finish)\b|\b(?:it|video|clip|meme)\s+(?:should\s+|must\s+)?"
            r"(?:end|stop|finish)s?\s+at\b|视频(?:在)?\s*\d+(?:\.\d+)?\s*秒(?:结束|停)")


def read_tricks(cl: Clause, times: Times, ctx: Context) -> list[Intent]:
    ops: list[Intent] = []
    if m := cl.take(r"\b(?:loop|repeat)(?:ed|ing)?\b(?:\s+(?:it|this|that|the \w+))?"
                    r"(?:\s*(\d+)\s*(?:times|x)|\s+(twice|three times|thrice))?|"
                    r"循环\s*(\d+)?\s*(?:次|遍)?|重复\s*(\d+)?\s*(?:次|遍)?"):
        n = m.group(1) or m.group(3) or m.group(4)
        word = {"twice": 2, "three times": 3, "thrice": 3}.get(m.group(2) or "", 0)
        if not n and not word and (nm := cl.take(r"(\d+)\s*(?:times|x|次|遍)")):
            n = nm.group(1)
        count = int(n) if n else (word or 2)
        ops.append(Intent("loop", {"times": max(2, min(10, count)), **target(cl, ctx)}))
    if not cl.has(CAPTION_NOUN) and cl.take(r"\bsplit\b|\bcut (?:it |this |the \w+ )?in "
                                            r"(?:two|half|2)\b|分割|切开|切成两段|拆分|拆成两段|一分为二"):
        half = times.anchor == "middle" or cl.take(r"\b(?:in|into) (?:two|half|2)\b|两段")
        at = times.at[0] if times.at and not times.used else None
        times.used = times.used or at is not None
        ops.append(Intent("split", {"at": None if half else at, **target(cl, ctx)}))
    if cl.take(r"\bboomerang\b|back&forth|\bping[\s-]*pong\b|回旋镖|来回|往返播放|正放再倒放"):
        ops.append(Intent("boomerang", target(cl, ctx)))
    undo_rev = cl.take(r"\b(?:un-?reverse|not reversed|play (?:it )?forwards?|no reverse|"
                       r"don'?t reverse|forward again)\b|取消倒放|不要倒放|正着放|正放")
    if undo_rev:
        ops.append(Intent("reverse", {"on": False, **target(cl, ctx)}))
    elif cl.take(r"\breversed?\b(?!\s+(?:the\s+)?order)|\bbackwards?\b|\brewind\b|\bin reverse\b|"
                 r"倒放|倒着放|倒着播|倒序|倒过来|倒播|反向播放|反着放|(?<!顺序)反过来|反放|倒着"):
        ops.append(Intent("reverse", {"on": True, **target(cl, ctx)}))
    more = cl.has(MORE_SPEED)
    # a plain comparison ("a bit faster" on a slowed clip) goes from the speed it has
    compared = cl.has(r"\b(?:faster|quicker|slower)\b|(?<![欢轻愉畅爽凉痛])(?:快一点|快点)|慢一点|慢点"
                      ) and not cl.has(r"\d")
    speed = read_speed(cl)
    if speed is not None:
        args: dict[str, Any] = {"speed": round(max(0.1, min(10.0, speed)), 3),
                                **target(cl, ctx)}
        if more:
            args["rel"] = True      # "even slower" on a slowed clip: slower than it is now
        if compared:
            args["toward"] = True   # "faster" on a slowed clip: back toward normal speed
        if times.span and not times.used:
            args["span"] = list(times.span)
            times.used = True
        elif times.first is not None and not times.used:
            args["span"] = [0, times.first]
            times.used = True
        elif times.last is not None and not times.used:
            args["last"] = times.last
            times.used = True
        ops.append(Intent("set_speed", args))
    if ops:
        ctx.focus = "media"
    return ops


def _trim(cl: Clause, times: Times, verb_keep: bool, verb_cut: bool) -> dict[str, Any] | None:
    if times.first is not None:
        return {"cut_first" if verb_cut else "keep_first": times.first}
    if times.last is not None:
        return {"cut_last" if verb_cut else "keep_last": times.last}
    if times.span and (verb_keep or verb_cut):
        return {"keep_span": list(times.span)}
    if times.at and verb_cut:
        return {"end_at": times.at[0]}
    return None


def _named_in_order(cl: Clause, ctx: Context) -> list[tuple[int, AssetRef]]:
    found = []
    for asset in ctx.assets:
        if not asset.visual:
            continue
        for key in (asset.name.lower(), asset.name.lower().rsplit(".", 1)[0]):
            at = cl.text.find(key)
            if len(key) >= 3 and at >= 0:
                found.append((at, asset))
                break
    return sorted(found, key=lambda p: p[0])


def _kinds_in_order(cl: Clause, ctx: Context) -> list[tuple[int, AssetRef]]:
    """"the clip after the image": the latest clip and the latest picture, where they are named
    (the one on the timeline when one of that kind is there: that is the one in view)."""
    found = []
    placed = {s.src for s in ctx.draft.segments(0)}
    for kind, rx in (("image", IMAGE), ("video", CLIP)):
        pool = [a for a in ctx.assets if a.kind == kind]
        pool = [a for a in pool if a.hash in placed][-1:] or pool
        m = re.search(rx, cl.text)
        if pool and m:
            found.append((m.start(), pool[-1]))
    return sorted(found, key=lambda p: p[0])


def _ordinals_in_order(cl: Clause, ctx: Context) -> list[tuple[int, AssetRef]]:
    """"the 2nd clip before the 1st": two timeline positions, by order of start."""
    by_hash = {a.hash: a for a in ctx.assets if a.visual}
    srcs = dict.fromkeys(s.src for s in sorted(ctx.draft.segments(0), key=lambda s: s.start))
    order = [by_hash[h] for h in srcs if h in by_hash]
    found = [(m.start(), ORD[m.group(1)]) for m in re.finditer(
        r"\b(first|1st|second|2nd|third|3rd|last)\b(?:\s+(?:one|clip|video|image|picture|photo))?",
        cl.text)]
    if len(found) != 2 or len(order) < 2:
        return []
    out = []
    for at, n in found:
        i = n - 1 if n > 0 else len(order) + n
        if not 0 <= i < len(order):
            return []
        out.append((at, order[i]))
    return out if out[0][1] is not out[1][1] else []


_LENGTH_FACTOR = (r"\b(twice|double|three times|triple|half)\s+as\s+long\b|"
                  r"\b(double|half)\s+(?:the\s+|its\s+)?(?:length|duration)\b|"
                  r"(?:时长|长度)?(减半|短一半)|长(?:一倍|1倍)|(?:时长|长度)(?:加倍|翻倍)")


_SHIFTED = (r"\b(?:earlier|later|sooner|ahead|delay(?:ed)?|appear\w*|show\w*\s+up|"
            r"disappear\w*|pop\w*\s+up|come\w*\s+in)\b|提前|推迟|延后|早一点|晚一点|出现|消失")


def read_media(cl: Clause, times: Times, ctx: Context) -> list[Intent]:
    if ctx.focus == "caption" and ctx.from_before and re.search(
            r"\b(?:it|that|this one)\s+(?:last|stay|stays)\b", cl.said.lower()):
        return []       # "make it last half a second" after adding a caption: the caption's
    if ctx.focus == "caption" and ctx.from_before and (times.first is not None or times.last
                                                       is not None) and re.search(
            r"\b(?:it|that|this one)\b|它|这个|那个", cl.said.lower()) and not cl.has(CLIP + "|" + IMAGE):
        return []       # "actually make it the last half" after timing a caption: the caption
    if ctx.focus == "caption" and cl.has(r"\b(?:show|shows|appear|appears|visible|display)\b|"
                                          r"显示|出现"):
        return []       # "make it only show for the first 2 seconds": the caption's time
    if cl.take(r"\b(?:swap|switch|reverse|flip|change|invert)\s+(?:the\s+)?order\b|"
               r"\b(?:swap|switch)\s+(?:the\s+)?(?:two\s+)?(?:clips|images|pictures|videos)\b|"
               r"(?:调换|交换|对调|互换|颠倒)(?:一下)?(?:这?(?:两|2)个)?(?:视频|片段|素材|图片|画面)?的?顺序|"
               r"顺序反过来|顺序调换|顺序颠倒"):
        return [Intent("swap_order")]
    named = _named_in_order(cl, ctx)
    if len(named) < 2:
        kinds = _kinds_in_order(cl, ctx)
        named = kinds if len(kinds) == 2 else _ordinals_in_order(cl, ctx)
    rel = re.search(r"\b(before|after|ahead of|in front of|behind|following)\b|(之前|之后|前面|后面)",
                    cl.text)
    if len(named) == 2 and rel and named[0][0] < rel.start() < named[1][0]:
        word = rel.group(0)
        key = "before" if word in ("before", "ahead of", "in front of", "之前", "前面") else "after"
        ref = named[1][1]
        placed = [] if any(s.src == ref.hash for s in ctx.draft.segments(0)) else [
            Intent("add_media", {"asset": ref.hash, "name": ref.name})]
        return [*placed, Intent("add_media", {"asset": named[0][1].hash, "name": named[0][1].name,
                                          key: ref.hash})]
    captiony = bool(cl.quotes) or cl.has(CAPTION_NOUN)
    one_of = len(ctx.draft.segments(0)) > 1 and (len(named) == 1 or cl.has(
        ORD_RX + r"|第\d+\s*(?:个|段|张)?\s*(?:视频|片段|图片|照片|图|素材)"))
    if not captiony and not one_of and (m := cl.take(_LENGTH_FACTOR)):
        word = next(g for g in m.groups() if g)     # "twice as long", "half as long", 长一倍
        return [Intent("set_total_length", {"factor": 0.5 if word in ("half", "减半", "短一半")
                                            else 3.0 if word in ("three times", "triple") else 2.0})]
    if times.dur is not None and not times.used and not captiony and not one_of and (
            m := cl.take(r"\b(shorter|longer)\b|(短|长)(?:一点|一些)?$|^\s*(短|长)")):
        times.used = True           # "a second shorter", "2 seconds longer", 短1秒: from its length
        longer = (m.group(1) or m.group(2) or m.group(3)) in ("longer", "长")
        return [Intent("set_total_length", {"delta": times.dur if longer else -times.dur})]
    if times.dur is not None and not times.used and not captiony and not one_of and cl.has(
            r"\b(?:trim|cut|shorten|chop|crop)(?: it| this| the (?:clip|video))?(?: down)?\s+to\b|"
            r"剪成|剪到|缩短到|截成"):
        times.used = True
        return [Intent("set_total_length", {"dur": times.dur})]
    if times.until is not None and times.until < END_MS and not times.used and not captiony \
            and not one_of and re.search(_ENDS_AT, cl.said.lower()):
        times.used = True       # "make it end at 5s": the video is 5 s long
        return [Intent("set_total_length", {"dur": times.until})]
    if times.dur is not None and not times.used and not captiony and re.match(_WHOLE, cl.text):
        times.used = True       # "..., and make it 4 seconds long": the whole video, as alone
        return [Intent("set_total_length", {"dur": times.dur})]
    if not captiony and times.dur is None and cl.has(r"\b(?:shorter|longer)\b|短一点|长一点"):
        return [Intent("ask_length")]
    if times.dur is not None and not times.used and not one_of and cl.has(
            r"\ban?\s{3,}(?:long\s+)?(?:video|meme|clip|gif)\b|视频|总长|时长"):
        times.used = True
        return [Intent("set_total_length", {"dur": times.dur})]
    if captiony:
        m = re.search(r"^\s*(?:please\s+)?(?:use|take|start with)\s+"
                      r"(?:the\s+|this\s+|my\s+|that\s+)?(?:(?:first|second|third|last)\s+)?"
                      r"(?:image|picture|photo|pic|clip|video|gif|"
                      r"[\w\-]+\.\w{3,4})\b", cl.text)
        if not m:
            return []
        sub = Clause(m.group(0))
        cl.blank(m.start(), m.end())
        found = find_assets(sub, ctx)
        return [Intent("add_media", {"asset": a.hash, "name": a.name}) for a in found or []]
    assets = find_assets(cl, ctx)
    if assets == []:
        return [Intent("missing_asset")]
    if assets and cl.has(REMOVE) and not captiony:
        cl.take(REMOVE)
        return [Intent("remove_media", {"assets": [a.hash for a in assets]})]
    verb_cut = cl.has(r"\b(?:cut|trim|chop|skip|remove|drop|lose|delete|cut off|get rid of)\b|"
                      r"剪掉|去掉|删掉|删除|剪去|切掉|去除|不要|不用|跳过|减掉|减去|砍掉")
    verb_keep = cl.has(r"\b(?:keep|only|just|use|trim|cut|shorten|crop)\b|只要|保留|截取|只用|只留|剪")
    if cl.has(r"\bcut (?:it |this |the \w+ )?(?:down )?to\b|\btrim (?:it )?to\b"):
        verb_cut = False
    if times.at and not times.used and not captiony and cl.has(
            r"\b(?:start|begin)s?\s+(?:the\b)?\s*(?:clip|video|it|this)?\s*(?:at|from)?\s*$|"
            r"\b(?:start|begin)\s+(?:the\s+(?:clip|video)|it|this)\b|"
            r"\b(?:clip|video|it)\s+(?:to\s+)?(?:start|begin)s?\b|从.*开始播放|"
            r"^\s*从?\s*(?:开始)?\s*(?:播放|放|播)\s*$"):
        times.used = True
        return [Intent("trim", {"cut_first": times.at[0]})]
    ops: list[Intent] = []
    if not captiony and not times.used and (verb_cut or verb_keep or times.first is not None
                                            or times.last is not None):
        trim = _trim(cl, times, verb_keep, verb_cut)
        if trim:
            times.used = True
            where = {"assets": [a.hash for a in assets]} if assets else target(cl, ctx)
            return [Intent("trim", {**trim, **where})]
    order = None
    if captiony or cl.has(MOVE) and not assets:
        return ops
    if cl.take(r"\bfirst\b|\bstart with\b|\bbegin with\b|\bopen with\b|先|开头放"):
        order = "first"
    elif cl.joiner == "then" or cl.take(r"\bafter(?:wards?)?\b|\bnext\b|\bthen\b|之后|后面|接着"):
        order = "then"
    elif cl.take(r"\bat the end\b|\bend with\b|最后"):
        order = "end"
    dur = times.dur if (times.dur is not None and not times.used) else None
    if order is None and assets and cl.has(MOVE) and times.anchor in ("start", "end"):
        order = "first" if times.anchor == "start" else "end"
    rest = re.sub(r"\b(?:the|a|an|and|then|it|this|that|for|please|of|my|to|on|in|with|play|"
                  r"just|only|pls|move|"
                  r"show|put|add|use|timeline|video|clip|image|picture|photo|one|seconds?|long)\b"
                  r"|[^a-z\u4e00-\u9fff]+|把|再|放|的|用|加|上|到|时间线|里", "", cl.text)
    if assets and not (order or cl.has(ADD) or dur is not None) and rest:
        return ops
    if assets and not captiony:
        times.used = times.used or dur is not None
        for a in assets:
            args: dict[str, Any] = {"asset": a.hash, "name": a.name}
            if order:
                args["order"] = order
            if dur is not None:
                args["dur"] = dur
            ops.append(Intent("add_media", args))
            order = "then" if order else None
        ctx.focus, ctx.focus_sel = "media", {"assets": [a.hash for a in assets]}
        return ops
    if assets is None and cl.has(r"\b(?:use|add|put|insert|include)\s+(?:it|this|that)\b|"
                                 r"用这个|用它|加进去|放进去|放上去"):
        return [Intent("add_media", {"latest": True})]
    if ctx.focus in ("caption", "sound") and cl.has(r"\bit\b|它"):
        return ops
    # (never "make the dog appear 1 second earlier": a shift of something, not the length)
    if dur is not None and not captiony and not cl.has(_SHIFTED) and cl.has(
            r"\bmake\b|\blong\b|\bvideo\b|\btotal\b|\blength\b|\bduration\b|\bmeme\b|"
            r"\bit\b|\bshorten\b|\bextend\b|\blonger\b|\bshorter\b|总|时长|长度|视频|整个|改成|变成"):
        times.used = True
        return [Intent("set_total_length", {"dur": dur})]
    if ADD and cl.has(ADD) and cl.has(r"\b(?:my|the|an?)\s+(?:upload|media|file)\b|素材"):
        return [Intent("add_media", {"latest": True})]
    return ops
