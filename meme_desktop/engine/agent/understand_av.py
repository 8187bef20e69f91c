"""Clauses to operations for everything that is not a caption or the canvas: the reader order,
volume levels (mute, louder, 30%, fades) and visual effects; sounds and music are read in
``understand_sound``, pictures, clips, zoom and time tricks in ``understand_media``.

Called by ``understand`` for every clause before captions are read. Readers take the words
they recognise out of the clause, so "slow motion" is not read again as anything else.
"""

from __future__ import annotations

import re
from typing import Any

from meme_desktop.engine.agent import lexicon as lx
from meme_desktop.engine.agent.parse import Clause, Times
from meme_desktop.engine.agent.types import AssetRef, Op
from meme_desktop.engine.agent.understand import REMOVE, Context

_IMAGE = (r"\b(?:image|picture|photo|pic|pict?ures|photos|images|pics|screenshot|gif|still)\b|"
          r"图片|照片|图")
_CLIP = r"\b(?:clip|clips|footage|video clip|recording|movie|video)\b|视频|片段|录像|短片"
_ADD = (r"\b(?:add|use|put|insert|place|start with|show|append|include|drop in|stick|throw)\b|"
        r"加上|加入|添加|加|用|放|插入|先")
_MUSIC_NOUN = (r"\b(?:music|song|songs|track|beat|beats|bgm|soundtrack|tune|background audio|"
               r"background sound)\b|音乐|歌|曲|配乐|bgm|伴奏")
_STRONG_MUSIC = {"lofi", "lo-fi", "lo fi", "phonk", "chiptune", "chip tune", "8-bit", "8 bit",
                 "8bit", "suspense", "suspenseful", "轻音乐", "低保真", "游戏音乐"}
_ORIGINAL = (r"\b(?:original|its own|source|camera|voice|background noise)"
             r"\s*(?:audio|sound|volume|noise)?\b|"
             r"\b(?:clip|video)'?s?\s+(?:audio|sound|volume|noise)\b|"
             r"\b(?:volume|sound|audio) of the (?:clip|video)\b|原声|原音|视频声音|视频的声音|原视频声音")
_SFX_NOUN = r"\b(?:sound effects?|sfx|effects? sounds?)\b|音效"
_DOWN = (r"\b(?:turn (?:\w+ )*down|quieter|softer|lower|reduce|decrease|less loud|too loud|"
         r"down)\b|小声|调小|降低|小一点|轻一点|低一点|太吵")
_OFF = (r"\b(?:turn|switch|shut|cut)\s+(?:\w+\s+){0,3}?off\b|\boff\b|\bkill\b|关掉|关闭|关了|"
        r"关上|不要声音")
_AUDIO_WORD = r"\b(?:sound|audio|volume|noise)\b|声音|原声|音乐|配乐|背景音乐|bgm"
_UP = r"\b(?:turn (?:\w+ )*up|louder|raise|increase|boost|pump up|up)\b|大声|调大|提高|响一点|大一点"


def read_av(cl: Clause, times: Times, ctx: Context, media: bool = True) -> list[Op]:
    from meme_desktop.engine.agent.understand_sound import _read_music, _read_sound

    ops: list[Op] = []
    for reader in (_read_sound, _read_music, _read_audio_levels, _read_effects, _read_zoom,
                   _read_tricks):
        ops.extend(reader(cl, times, ctx))
    if not ops and media:
        ops.extend(_read_media(cl, times, ctx))
    return ops


def _percent(cl: Clause) -> int | None:
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


def _audio_assets(ctx: Context) -> list[AssetRef]:
    return [a for a in ctx.assets if a.kind == "audio"]


def _named_asset(cl: Clause, ctx: Context, kinds: tuple[str, ...]) -> AssetRef | None:
    for asset in reversed(ctx.assets):
        if asset.kind not in kinds:
            continue
        name = asset.name.lower()
        stem = name.rsplit(".", 1)[0]
        for key in (name, stem):
            if len(key) >= 3 and key in cl.text:
                cl.take(re.escape(key))
                return asset
    return None


def _has_percent(cl: Clause) -> bool:
    return cl.has(r"\d\s*(?:%|percent)|音量|\bvolume\b|\bvol\b")


def _level_target(cl: Clause, ctx: Context) -> dict[str, Any]:
    if cl.take(_ORIGINAL):
        return {"target": "original"}
    if cl.take(_MUSIC_NOUN):
        return {"target": "music"}
    if cl.take(_SFX_NOUN):
        return {"target": "sfx"}
    if ctx.focus == "sound":
        return {"target": "sound", **ctx.focus_sel}
    if ctx.focus == "music":
        return {"target": "music"}
    return {"target": "auto"}


def _read_audio_levels(cl: Clause, times: Times, ctx: Context) -> list[Op]:
    ops: list[Op] = []
    if cl.has(r"\bun-?mute\b|取消静音|恢复声音|恢复原声"):
        cl.take(r"\bun-?mute\b|取消静音|恢复声音|恢复原声")
        tgt = _level_target(cl, ctx)
        return [Op("set_volume", {**tgt, "vol": 100})]
    if cl.has(r"\bmute\b|\bsilence\b|\bno sound\b|\bwithout sound\b|\bsilent\b|静音|消音|"
              r"去掉原声|关掉声音|关闭声音|没有声音|\bturn (?:off|out) the (?:sound|audio)\b(?!\s*effects?)|"
              r"\bsound off\b|\bno audio\b") or (cl.has(REMOVE) and cl.has(_ORIGINAL)) or (
            cl.has(_OFF) and cl.has(_AUDIO_WORD + "|" + _MUSIC_NOUN) and not cl.has(_SFX_NOUN)):
        cl.take(_OFF)
        cl.take(r"\bmute\b|\bsilence\b|\bno sound\b|\bwithout sound\b|\bsilent\b|静音|消音|"
                r"去掉原声|关掉声音|关闭声音|没有声音|\bturn (?:off|out) the (?:sound|audio)\b(?!\s*effects?)|"
                r"\bsound off\b|\bno audio\b")
        tgt = _level_target(cl, ctx)
        if tgt["target"] == "auto":
            tgt = {"target": "original"}
        if tgt["target"] == "original":
            tgt.update(_media_target(cl, ctx))
        cl.take(REMOVE)
        return [Op("set_volume", {**tgt, "vol": 0})]
    if cl.has(r"\bfade|淡入|淡出"):
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
        ops.append(Op("fade", args))
        return ops
    vol = None
    if _has_percent(cl) and (cl.has(r"volume|loud|quiet|音量|声音") or cl.has(_MUSIC_NOUN)
                             or cl.has(_ORIGINAL) or cl.has(_SFX_NOUN)
                             or ctx.focus in ("music", "sound")):
        vol = _percent(cl)
        if vol is not None:
            cl.take(r"\bvolume\b|音量")
    if vol is not None:
        return [Op("set_volume", {**_level_target(cl, ctx), "vol": vol})]
    audio_word = cl.has(r"volume|music|song|sound|audio|bgm|音量|音乐|声音|原声|音效|歌")
    if cl.has(r"\b(?:quieter|softer|too loud)\b|小声|太吵") or (audio_word and cl.has(_DOWN)):
        tgt = _level_target(cl, ctx)
        cl.take(_DOWN)
        return [Op("set_volume", {**tgt, "change": "down"})]
    if cl.has(r"\blouder\b|大声|响一点") or (audio_word and cl.has(_UP)):
        tgt = _level_target(cl, ctx)
        cl.take(_UP)
        return [Op("set_volume", {**tgt, "change": "up"})]
    return ops


def _read_effects(cl: Clause, times: Times, ctx: Context) -> list[Op]:
    if cl.has(r"\bold\s+school\b|\bold-school\b"):
        return []
    hits = lx.EFFECTS.find(cl.text)
    generic = cl.has(r"\b(?:all\s+)?(?:the\s+)?(?:effects?|filters?)\b|特效|滤镜|效果")
    off = cl.take(r"\b(?:turn|switch|shut)\s+(?:\w+\s+){0,2}?off\b|\bdisable\b|关掉|关闭")
    if off:
        cl.text += " remove "
    if not hits and cl.take(r"\b(?:colou?r(?:ful)?\s+again|back\s+(?:in|to)\s+colou?r|full\s+colou?r|"
                            r"in\s+colou?r\s+again)\b|恢复彩色|变回彩色|改回彩色"):
        on = {e for s in ctx.draft.segments(0) for e in getattr(s, "effects", [])}
        target = _media_target(cl, ctx)
        return [Op("remove_effect", {"effect": e, **target})
                for e in ("grayscale", "sepia") if e in on] or [
            Op("remove_effect", {"effect": "grayscale", **target})]
    if not hits and not (generic and cl.has(REMOVE)):
        return []
    for h in hits:
        cl.blank(h.start, h.end)
    target = _media_target(cl, ctx)
    if cl.has(REMOVE) or cl.has(r"\b(?:un-?|de-?)(?:fry|shake)\b|\bin colou?r\b|彩色|\bless\b|"
                                r"\bnot so\b|\btoo much\b|少一点|太"):
        cl.take(REMOVE)
        cl.take(r"\b(?:all\s+)?(?:the\s+)?(?:effects?|filters?)\b|特效|滤镜|效果")
        if not hits:
            return [Op("remove_effect", {"effect": None, **target})]
        return [Op("remove_effect", {"effect": h.value, **target})
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
    return [Op("add_effect", {"effect": v, **target, **when})
            for v in dict.fromkeys(h.value for h in hits)]


def _media_target(cl: Clause, ctx: Context) -> dict[str, Any]:
    from meme_desktop.engine.agent.understand_media import find_assets

    assets = find_assets(cl, ctx)
    if assets is None:
        return {}
    return {"assets": [a.hash for a in assets]}


def _read_zoom(cl: Clause, times: Times, ctx: Context) -> list[Op]:
    from meme_desktop.engine.agent.understand_media import read_zoom

    return read_zoom(cl, times, ctx)


def _read_tricks(cl: Clause, times: Times, ctx: Context) -> list[Op]:
    from meme_desktop.engine.agent.understand_media import read_tricks

    return read_tricks(cl, times, ctx)


def _read_media(cl: Clause, times: Times, ctx: Context) -> list[Op]:
    from meme_desktop.engine.agent.understand_media import read_media

    return read_media(cl, times, ctx)


__all__ = ["read_av", "_IMAGE", "_CLIP", "_ADD", "_percent", "_media_target", "_named_asset",
           "_audio_assets", "_has_percent"]
