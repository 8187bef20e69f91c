"""Clauses to volume and effect intents: mute, louder, quieter, 30%, fades, and the visual
effects (deep fry, black and white, sepia, shake) on or off."""

from __future__ import annotations

import re
from typing import Any

from meme_desktop.engine.agent.rules import lexicon as lx
from meme_desktop.engine.agent.rules.assets import media_target
from meme_desktop.engine.agent.rules.parse import Clause, Times
from meme_desktop.engine.agent.rules.words import (
    AUDIO_WORD,
    CAPTION_NOUN,
    DOWN,
    LEVEL_FACTOR,
    MUSIC_NOUN,
    OFF,
    ORIGINAL,
    REMOVE,
    SFX_NOUN,
    UP,
    Context,
    Intent,
)


def percent(cl: Clause) -> int | None:
    if w := cl.take(r"\b(?:(half|quarter|full|max(?:imum)?|double)\s+(?:the\s+)?(?:volume|vol)|"
                    r"(?:volume|vol)\s+(?:to\s+|at\s+)?(?:the\s+|an?\s+)?(half|quarter|full|max(?:imum)?))\b|"
                    r"(一半|最大)(?:的)?音量|音量\s*(?:调到|调成|设为|设成|改成|变成|为|到)?\s*(一半|最大)"):
        word = next(g for g in w.groups() if g)
        return {"half": 50, "quarter": 25, "double": 200, "一半": 50}.get(word, 100)
    m = cl.take(r"(\d+(?:\.\d+)?)\s*(?:%|percent|per cent)|音量\s*(?:调到|调成|设为|为|到)?\s*"
                r"(\d+)|volume\s*(?:to|at|of)?\s*(\d+)\b")
    if not m:
        return None
    return max(0, min(400, round(float(m.group(1) or m.group(2) or m.group(3)))))


def has_percent(cl: Clause) -> bool:
    return cl.has(r"\d\s*(?:%|percent)|音量|\bvolume\b|\bvol\b")


# every level at once: "make everything quieter", "lower all the sounds", 所有声音小一点
# (a sound named in the same clause wins: "the music is too loud compared to everything else")
_EVERYTHING = (r"\b(?:everything|all\s+(?:of\s+)?(?:the\s+)?(?:audio|sounds?|volumes?|levels?)|"
               r"every\s+sound|the\s+whole\s+(?:thing|video|mix))\b(?!\s+else)|"
               r"(?:所有|全部)(?:的)?(?:声音|音量)|整体音量|总音量")


def _level_target(cl: Clause, ctx: Context) -> dict[str, Any]:
    if cl.has(_EVERYTHING) and not cl.has(ORIGINAL + "|" + MUSIC_NOUN + "|" + SFX_NOUN):
        cl.take(_EVERYTHING)
        return {"target": "all"}
    if cl.take(ORIGINAL):
        return {"target": "original"}
    if ctx.focus == "sound" and cl.has(r"\b(?:first|second|third|last|other|1st|2nd|3rd)\s+(?:clip|video)s?\b|"
                                       r"第\d+(?:个|段)?(?:视频|片段)"):
        return {"target": "original"}   # "mute the first clip" after adding a sound: that clip
    if cl.take(MUSIC_NOUN):
        ctx.focus, ctx.focus_sel = "music", {}      # "..., turn it down to 20%": the music
        return {"target": "music"}
    if cl.take(SFX_NOUN):
        return {"target": "sfx"}
    if ctx.focus == "sound":
        return {"target": "sound", **ctx.focus_sel}
    if ctx.focus == "music":
        return {"target": "music"}
    return {"target": "auto"}


_ALL_BUT = (r"\b(?:everything|all(?:\s+(?:the\s+)?(?:audio|sounds?))?|every\s+sound)\s+(?:except|but|"
            r"apart\s+from|other\s+than|besides)\s+(?:for\s+)?(?:the\s+|my\s+)?|除了")


def _all_but(cl: Clause, ctx: Context) -> list[Intent]:
    """"mute everything except the music", 除了音乐都静音: every kind of sound on the timeline
    but the one named is muted."""
    if not cl.take(_ALL_BUT):
        return []
    said = re.split(r"\b(?:except|but|apart\s+from|other\s+than|besides)\b|除了", cl.said.lower())[-1]
    kept = ("music" if re.search(MUSIC_NOUN, said) else "sfx" if lx.SFX.find(said)
            or re.search(SFX_NOUN + r"|\bsounds?\b", said)    # "everything but the boom"
            else "original" if re.search(ORIGINAL + r"|\b(?:clip|video)\b|视频", said) else "")
    for word in (MUSIC_NOUN, SFX_NOUN + r"|\bsounds?\b", ORIGINAL + r"|\b(?:clip|video)\b|视频"):
        cl.take(word)
    if not kept:
        return []
    audio = [s for s in ctx.draft.segments(1)]
    have = {"original": bool(ctx.draft.segments(0)),
            "sfx": any(s.src.startswith("sfx:") for s in audio),
            "music": any(not s.src.startswith("sfx:") for s in audio)}
    cl.take(r"(?:以外|之外)?(?:都|全部)?")
    return [Intent("set_volume", {"target": kind, "vol": 0}) for kind in ("original", "sfx", "music")
            if kind != kept and have[kind]]


# a level that grows: "music that gets louder", "let the music build up", 音乐越来越响 (a fade in)
_CRESCENDO = (r"\b(?:that\s+|which\s+)?(?:gets?|getting|grows?|growing|goes|going)\s+"
              r"(?:gradually\s+|slowly\s+)?louder(?:\s+and\s+louder)?\b|\bbuild(?:s|ing)?\s+up\b|"
              r"\bswell(?:s|ing)?\b|\bcrescendo\b|越来越(?:大声|响)|渐强|逐渐变响")


def read_audio_levels(cl: Clause, times: Times, ctx: Context) -> list[Intent]:
    ops: list[Intent] = []
    if cl.has(_CRESCENDO) and (cl.has(MUSIC_NOUN) or ctx.focus == "music"):
        cl.text = re.sub(_CRESCENDO, " fade in ", cl.text)
    if cl.has(r"\bun-?mute\b|取消静音|恢复声音|恢复原声"):
        cl.take(r"\bun-?mute\b|取消静音|恢复声音|恢复原声")
        tgt = _level_target(cl, ctx)
        return [Intent("set_volume", {**tgt, "vol": 100})]
    if cl.has(r"\bmute\b|\bsilence\b|\bno sound\b|\bwithout sound\b|\bsilent\b|静音|消音|"
              r"去掉原声|关掉声音|关闭声音|没有声音|\bturn (?:off|out) the (?:sound|audio)\b(?!\s*effects?)|"
              r"\bsound off\b|\bno audio\b") or (cl.has(REMOVE) and cl.has(ORIGINAL)) or (
            cl.has(OFF) and cl.has(AUDIO_WORD + "|" + MUSIC_NOUN) and not cl.has(SFX_NOUN)):
        if but := _all_but(cl, ctx):      # "mute everything except the music"
            return but
        cl.take(OFF)
        cl.take(r"\bmute\b|\bsilence\b|\bno sound\b|\bwithout sound\b|\bsilent\b|静音|消音|"
                r"去掉原声|关掉声音|关闭声音|没有声音|\bturn (?:off|out) the (?:sound|audio)\b(?!\s*effects?)|"
                r"\bsound off\b|\bno audio\b")
        tgt = _level_target(cl, ctx)
        if tgt["target"] == "auto":
            tgt = {"target": "original"}
        if tgt["target"] == "original":
            tgt.update(media_target(cl, ctx))
        cl.take(REMOVE)
        return [Intent("set_volume", {**tgt, "vol": 0})]
    if cl.has(r"\bfade|淡入|淡出"):
        if cl.has(CAPTION_NOUN) and not cl.has(AUDIO_WORD + "|" + MUSIC_NOUN + "|" + SFX_NOUN):
            cl.take(r"\bfad\w*(?:\s+(?:in|out|away|up))?|淡入淡出|淡入|淡出")
            times.used = True                   # "fade out the text at the end": no new timing
            return [Intent("caption_fade")]     # captions have no fade: say so
        kinds = set()
        if cl.has(r"in&out|淡入淡出"):
            kinds = {"in&out"}
        if cl.has(r"\bfade[\s-]*(?:\w+\s+){0,3}?(?:in|up)\b|淡入"):
            kinds.add("in")
        if cl.has(r"\bfade[\s-]*(?:\w+\s+){0,3}?(?:out|away)\b|淡出"):
            kinds.add("out")
        kinds = kinds or {"out"}
        cl.take(r"\bin&out\b")
        cl.take(r"fade[\s-]*(?:in&out|in|out|up|away)?|淡入淡出|淡入|淡出")
        tgt = _level_target(cl, ctx)
        ms = times.dur if times.dur is not None else None
        args: dict[str, Any] = {**tgt}
        if kinds & {"in", "up", "in&out", "淡入", "淡入淡出"}:
            args["fade_in"] = ms
        if kinds & {"out", "away", "in&out", "淡出", "淡入淡出"}:
            args["fade_out"] = ms
        ops.append(Intent("fade", args))
        return ops
    if m := cl.take(LEVEL_FACTOR):         # "half as loud", "twice as loud", 小声一半
        if m.group(4):
            factor = 0.5
        elif m.group(5):
            factor = 2.0
        else:
            factor = {"half": 0.5, "twice": 2.0, "double": 2.0, "triple": 3.0, "thrice": 3.0}.get(
                m.group(1), float(m.group(2) or 1))
            if m.group(3) in ("quiet", "soft") and factor > 0:
                factor = 1 / factor
        return [Intent("set_volume", {**_level_target(cl, ctx), "factor": factor})]
    vol = None
    if has_percent(cl) and (cl.has(r"volume|loud|quiet|音量|声音") or cl.has(MUSIC_NOUN)
                             or cl.has(ORIGINAL) or cl.has(SFX_NOUN)
                             or ctx.focus in ("music", "sound")):
        vol = percent(cl)
        if vol is not None:
            cl.take(r"\bvolume\b|音量")
    if vol is not None:
        return [Intent("set_volume", {**_level_target(cl, ctx), "vol": vol})]
    audio_word = cl.has(r"volume|music|song|sound|audio|bgm|音量|音乐|声音|原声|音效|歌") or \
        cl.has(_EVERYTHING)
    if cl.has(r"\b(?:quieter|softer|too loud)\b|小声|太吵") or (audio_word and cl.has(DOWN)):
        tgt = _level_target(cl, ctx)
        cl.take(DOWN)
        return [Intent("set_volume", {**tgt, "change": "down"})]
    if cl.has(r"\blouder\b|大声|响一点") or (audio_word and cl.has(UP)):
        tgt = _level_target(cl, ctx)
        cl.take(UP)
        return [Intent("set_volume", {**tgt, "change": "up"})]
    return ops


def read_effects(cl: Clause, times: Times, ctx: Context) -> list[Intent]:
    if cl.has(r"\bold\s+school\b|\bold-school\b"):
        return []
    hits = lx.EFFECTS.find(cl.text)
    generic = cl.has(r"\b(?:all\s+)?(?:the\s+)?(?:effects?|filters?)\b|特效|滤镜|效果")
    off = re.search(r"\b(?:turn|switch|shut)\s+((?:\w+\s+){0,2}?)off\b|\bdisable\b|关掉|关闭",
                    cl.text)
    if off:  # "turn the zoom off": the verb goes, what it names stays for the readers after
        start, end = off.span()
        middle = off.span(1) if off.group(1) else (end, end)
        cl.blank(start, middle[0])
        cl.blank(middle[1], end)
        cl.text += " remove "
    if not hits and cl.take(r"\b(?:colou?r(?:ful)?\s+again|back\s+(?:in|to)\s+colou?r|full\s+colou?r|"
                            r"in\s+colou?r\s+again)\b|恢复彩色|变回彩色|改回彩色"):
        on = {e for s in ctx.draft.segments(0) for e in getattr(s, "effects", [])}
        target = media_target(cl, ctx)
        return [Intent("remove_effect", {"effect": e, **target})
                for e in ("grayscale", "sepia") if e in on] or [
            Intent("remove_effect", {"effect": "grayscale", **target})]
    if not hits and not (generic and cl.has(REMOVE)):
        return []
    for h in hits:
        cl.blank(h.start, h.end)
    target = media_target(cl, ctx)
    if cl.has(REMOVE) or cl.has(r"\b(?:un-?|de-?)(?:fry|shake)\b|\bin colou?r\b|彩色|\bless\b|"
                                r"\bnot so\b|\btoo much\b|少一点|太"):
        cl.take(REMOVE)
        cl.take(r"\b(?:all\s+)?(?:the\s+)?(?:effects?|filters?)\b|特效|滤镜|效果")
        if not hits:
            return [Intent("remove_effect", {"effect": None, **target})]
        return [Intent("remove_effect", {"effect": h.value, **target})
                for h in hits if h.value]
    ctx.focus = "media"
    when: dict[str, Any] = {}
    if not times.used and (times.span or times.at or times.first is not None or times.last):
        times.used = True
        if times.span:
            when = {"span": list(times.span)}
        elif times.at:
            when = {"span": [times.at[0], times.at[0] + (times.dur or 1000)]}
        elif times.first is not None:
            when = {"span": [0, times.first]}
        else:
            when = {"last": times.last}
    return [Intent("add_effect", {"effect": v, **target, **when})
            for v in dict.fromkeys(h.value for h in hits)]
