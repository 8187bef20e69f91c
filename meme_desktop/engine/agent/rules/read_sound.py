"""Clauses to sound intents: built-in effects at times (or every N seconds), moving, swapping
and removing them; background music (built-in by mood, trending, or an uploaded song)."""

from __future__ import annotations

import re
from typing import Any, cast

from meme_desktop.draft import AudioSegment
from meme_desktop.engine.agent.applier.base import music_segments
from meme_desktop.engine.agent.rules import lexicon as lx
from meme_desktop.engine.agent.rules.assets import audio_assets, named_asset
from meme_desktop.engine.agent.rules.parse import Clause, Times
from meme_desktop.engine.agent.rules.read_levels import has_percent, percent
from meme_desktop.engine.agent.rules.words import (
    ADD,
    CHANGE,
    DOWN,
    LEVEL_FACTOR,
    MOVE,
    MUSIC_NOUN,
    OFF,
    REMOVE,
    SFX_NOUN,
    STRONG_MUSIC,
    UP,
    Context,
    Intent,
)


def when(times: Times, default: str | None = None) -> dict[str, Any]:
    """Where a sound goes: times, or an anchor ("start", "middle", "end")."""
    if times.at:
        return {"at": list(times.at)}
    if times.span:
        return {"at": [times.span[0]]}
    if times.anchor:
        return {"anchor": times.anchor}
    if times.last is not None:
        return {"anchor": "end"}
    if times.first is not None:
        return {"anchor": "start"}
    return {"anchor": default} if default else {}


def _sound_targets(cl: Clause) -> list[str]:
    hits = lx.SFX.find(cl.text)
    for h in hits:
        cl.blank(h.start, h.end)
    return list(dict.fromkeys(h.value for h in hits))


_KEEP = r"\b(?:keep|leave|don'?t touch)\b|保留|留着|别动|不要动"
_ACTS = r"\b(?:add|another|more|put|use|move|at)\b|加|再|放|移"
_WHICH = ("remove_sound", "move_sound", "set_volume", "replace_sound")


def _which_sound(cl: Clause, times: Times, ctx: Context) -> AudioSegment | None:
    """"the second sound", "the sound at 2s": one sound effect on the timeline."""
    on_tl = sorted((s for s in ctx.draft.segments(1) if isinstance(s, AudioSegment)
                    and s.src.startswith("sfx:")), key=lambda s: s.start)
    noun = r"(?:sound effects?|sounds?|sfx|noises?|effect sounds?)\b"
    if not on_tl:
        return None
    if m := cl.take(rf"\b(first|second|third|last|1st|2nd|3rd)\s+{noun}|第(\d+)个(?:音效|声音)"):
        n = lx.ORDINALS.get(m.group(1) or "", 0) or int(m.group(2) or 0)
        return on_tl[n - 1 if n > 0 else n] if -len(on_tl) <= (n - 1 if n > 0 else n) < \
            len(on_tl) and n else None
    if times.at and not times.used and cl.has(rf"\b(?:the|that)\s+{noun}|音效|声音") and cl.has(
            REMOVE + "|" + MOVE + "|" + CHANGE + "|" + DOWN + "|" + UP):
        t = times.at[0]
        found = [s for s in on_tl if s.start - 300 <= t < s.start + s.duration]
        if found:
            times.at.pop(0)
            cl.take(rf"\b(?:the|that)\s+{noun}(?:\s+at)?|音效|声音")
            return found[0]
    return None


# the sound just added or changed (this turn or the last): "that sound", "刚才那个音效"
_THAT = (r"\b(?:that|this|the\s+new|the\s+last)\s+(?:sound(?:\s+effect)?|sfx|noise|one)\b|"
         r"(?:那个|这个|刚才(?:那个|的)?|刚加的|新加的)(?:音效|声音)?")
_LATER = (r"\b(?:a\s+(?:bit|little|tad)\s+|slightly\s+)?(later|earlier|sooner)\b|(晚|早|往后|往前)[1一]?点|"
          r"(往后|往前)(?:移|挪|推)")


def read_sound(cl: Clause, times: Times, ctx: Context) -> list[Intent]:
    names = _sound_targets(cl)
    which = None if names else _which_sound(cl, times, ctx)
    if which is not None and which.builtin:
        names = [which.builtin[1]]
    start = which.start if which is not None else None
    if ctx.focus == "sound" and "which" in ctx.focus_sel:
        if not names and (m := cl.take(_LATER)):    # "a bit later": half a second on
            size = times.dur if times.dur is not None and not times.used else 500
            times.used = True
            step = size if (m.group(1) or m.group(2) or m.group(3)) in ("later", "晚", "往后") \
                else -size
            at = max(0, int(ctx.focus_sel["which"]) + step)
            return [Intent("move_sound", {**ctx.focus_sel, "at": [at]})]
        if not names and cl.take(_THAT):
            names, start = [ctx.focus_sel["sound"]], int(ctx.focus_sel["which"])
        elif len(names) == 1 and names[0] != ctx.focus_sel["sound"] and not cl.has(
                r"\b(?:add|another|more)\b|加|再") and cl.has(
                CHANGE + r"|\b(?:make|turn)\s+(?:it|that|this)\b"):    # "make it an air horn"
            return [Intent("replace_sound", {**ctx.focus_sel, "new": names[0]})]
    ops = _read_sound(cl, times, ctx, names)
    if start is not None and ctx.focus == "sound":
        ctx.focus_sel["which"] = start          # "make the sound at 2s quieter": read_levels
    for op in ops:
        if start is not None and op.name in _WHICH:
            op.args["which"] = start            # only that one, not every sound of its kind
    return ops


def _read_sound(cl: Clause, times: Times, ctx: Context, names: list[str]) -> list[Intent]:
    on_tl = list(dict.fromkeys(s.src[4:] for s in ctx.draft.segments(1)
                               if s.src.startswith("sfx:")))
    if not names and len(on_tl) == 1 and cl.has(SFX_NOUN + r"|\bthe sound\b") and cl.has(
            MOVE) and not cl.has(r"\b(?:add|another|new)\b|加"):
        cl.take(SFX_NOUN + r"|\bthe sound\b")
        names = on_tl               # "move the sound effect to 3s": the only one there is
    if not names and cl.has(REMOVE) and cl.has(r"\ball\s+(?:the\s+)?(?:sounds?|audio)\b|"
                                                r"所有(?:的)?(?:声音|音频)|全部声音"):
        cl.take(REMOVE)
        return [Intent("remove_sound", {"sound": "all"})]
    if not names and cl.has(REMOVE) and cl.has(r"\b(?:all\s+)?(?:the\s+)?(?:sound effects?|sfx)\b|"
                                                r"所有(?:的)?音效|全部音效|音效"):
        cl.take(REMOVE)
        return [Intent("remove_sound", {"sound": "sfx"})]
    if not names and ctx.focus == "sound" and cl.has(MOVE) and (
            times.at or times.anchor or times.dur is not None):
        if not (times.at or times.anchor) and times.dur is not None:
            times.at = [times.dur]
        times.used = True
        return [Intent("move_sound", {**ctx.focus_sel, **when(times)})]
    if not names:
        if cl.has(r"\b(?:a|some|an?other)\s+(?:funny\s+|meme\s+|cool\s+)?(?:sound effects?|sounds?|"
                  r"sfx)\b|加(?:个|一个|1个|点)?音效|sound effect\s*$") and not cl.has(REMOVE) \
                and not cl.has(MUSIC_NOUN + r"|trending|viral|popular|tiktok"):
            cl.take(SFX_NOUN)
            return [Intent("ask_sound")]
        return []
    ctx.focus, ctx.focus_sel = "sound", {"sound": names[-1]}
    if cl.has(REMOVE):
        cl.take(REMOVE)
        return [Intent("remove_sound", {"sound": n}) for n in dict.fromkeys(names)]
    existing = {s.src for s in ctx.draft.segments(1)}
    have = all(f"sfx:{n}" in existing for n in names)
    if have and cl.has(_KEEP) and not cl.has(_ACTS):
        cl.take(_KEEP)
        return [Intent("keep", {"sound": n}) for n in names]   # "no music, keep the boom"
    if len(names) == 2 and cl.has(r"\b(?:replace|swap|switch|change)\b|换成|替换|改成"):
        old, new = (names if have or f"sfx:{names[0]}" in existing else names[::-1])
        return [Intent("replace_sound", {"sound": old, "new": new})]
    if have and not cl.has(r"\b(?:add|another|more)\b|加|再") and cl.has(
            DOWN + "|" + UP + r"|\bmute\b|静音|fade|淡|\bloud|\bquiet|\bsoft|" + LEVEL_FACTOR):
        return []           # a level change for this sound: read_audio_levels (focus is set)
    if have and len(names) == 1 and not cl.has(r"\b(?:add|another|more)\b|加|再") and (
            m := cl.take(_LATER)):          # "move the boom a little later", "一秒后再晚一点"
        on = sorted(s.start for s in ctx.draft.segments(1) if s.src == f"sfx:{names[0]}")
        step = times.dur if times.dur is not None and not times.used else 500
        times.used = True
        sign = 1 if (m.group(1) or m.group(2) or m.group(3)) in ("later", "晚", "往后") else -1
        return [Intent("move_sound", {"sound": names[0], "which": on[0],
                                      "at": [max(0, on[0] + sign * step)]})] if len(on) == 1 else []
    vol = percent(cl)
    strict = cl.has(r"\b(?:move|shift|drag|relocate|push|bring)\b|移到|挪到|移动|挪")
    instead = have and len(names) == 1 and cl.has(r"\binstead\b|改到|改在|换到")
    if (cl.has(MOVE) or instead) and not cl.has(r"\badd\b|加") and (have or strict) and (
            times.at or times.anchor or times.span or times.dur is not None):
        if not (times.at or times.anchor or times.span) and times.dur is not None:
            times.at = [times.dur]
        times.used = True
        return [Intent("move_sound", {"sound": names[0], **when(times)})]
    if vol is not None and not cl.has(r"\badd\b|加") and all(f"sfx:{n}" in existing
                                                               for n in names):
        return [Intent("set_volume", {"target": "sound", "sound": n, "vol": vol})
                for n in dict.fromkeys(names)]
    if m := cl.take(r"\bevery\s+(?:(\d+(?:\.\d+)?)\s*)?(?:seconds?|secs?|s)\b|"
                    r"每\s*(\d+(?:\.\d+)?)?\s*秒"):
        step = round(float(m.group(1) or m.group(2) or 1) * 1000)
        return [Intent("add_sound", {"sound": names[0], "every": max(250, step)})]
    at = when(times, "start")
    times.used = True
    ops = []
    for name in names:
        args: dict[str, Any] = {"sound": name, **at}
        if vol is not None:
            args["vol"] = vol
        ops.append(Intent("add_sound", args))
    return ops


def read_music(cl: Clause, times: Times, ctx: Context) -> list[Intent]:
    song = named_asset(cl, ctx, ("audio",))
    trending = cl.take(r"\b(?:a\s+)?(?:trending|viral|popular|tiktok|famous)\s+(?:sound|song|"
                       r"audio|music|track)\b|热门(?:音乐|音效|歌曲|声音|bgm)|流行(?:音乐|歌曲)|"
                       r"抖音(?:神曲|热歌|音乐)")
    noun = cl.has(MUSIC_NOUN)
    hits = [h for h in lx.MUSIC.find(cl.text)
            if noun or ctx.focus == "music" or cl.text[h.start:h.end].strip() in STRONG_MUSIC]
    mine = cl.has(r"\b(?:my|uploaded|this)\s+(?:song|mp3|audio|track|music|wav|sound file)\b|"
                  r"\b(?:audio|song|track|music|mp3|sound)\s+(?:that\s+|which\s+)?i\s+uploaded\b|"
                  r"\bthe\s+(?:song|mp3|wav|audio file)\b|"
                  r"我的(?:歌|音乐)|上传的(?:歌|音乐|音频)")
    if not (song or trending or hits or noun or mine):
        return []
    if mine and not song and not audio_assets(ctx):
        return [Intent("ask_song")]
    # a sound track (type 1) holds AudioSegments
    has_music = any(cast("AudioSegment", s).src.startswith("music:") or t.name == "Music"
                    for t in ctx.draft.tracks if t.type == 1 for s in t.segments)
    if has_music and cl.has(_KEEP) and not cl.has(_ACTS + "|" + CHANGE) and not song:
        cl.take(_KEEP)
        cl.take(MUSIC_NOUN)
        return [Intent("keep", {"sound": "music"})]     # "remove the boom but keep the music"
    if has_music and not (song or hits or trending or mine) and (times.at or times.span) \
            and not times.used:
        times.used = True
        at = times.at[0] if times.at else times.span[0]      # type: ignore[index]
        cl.take(MUSIC_NOUN)
        return [Intent("move_sound", {"sound": "music", "at": [at]})]
    if has_music and not (song or hits or trending or mine) and cl.has(
            CHANGE + r"|\b(?:different|another|other|new|don'?t like|hate)\b|不喜欢|换1|换个|换首|换一"):
        cl.take(MUSIC_NOUN)
        return [Intent("add_music", {"music": "next"})]
    for h in hits:
        cl.blank(h.start, h.end)
    on = {s.src for s in music_segments(ctx.draft)}
    if len(hits) >= 2 and cl.has(CHANGE + r"|\bwith\b|\bfor\b|成"):      # "replace the lofi with phonk"
        new = [h for h in hits if f"music:{h.value}" not in on]
        if new and len(new) < len(hits):
            hits = new
    remove = cl.has(REMOVE)
    if remove and not (song or trending) and (not hits or has_music):
        cl.take(REMOVE)
        cl.take(MUSIC_NOUN)
        return [Intent("remove_sound", {"sound": "music"})]
    if not (song or trending or hits) and (cl.has(DOWN + "|" + UP + r"|\bmute\b|静音|fade|淡|"
                                                  + LEVEL_FACTOR)
                                          or cl.has(OFF)
                                          or has_percent(cl) and (has_music or not cl.has(ADD))):
        return []      # a level change for the music: read_audio_levels
    ctx.focus, ctx.focus_sel = "music", {}
    args: dict[str, Any] = {}
    if song or (not hits and not trending and audio_assets(ctx)) or (
            mine and audio_assets(ctx) and not hits):
        asset = song or audio_assets(ctx)[-1]
        args = {"asset": asset.hash, "name": asset.name}
    elif hits:
        args = {"music": hits[0].value}
    elif trending:
        args = {"music": "trending"}
    else:
        genre = re.search(r"\b([a-z][a-z\-]+)\s+(?:music|song|beat|track|soundtrack|tune)\b",
                          cl.text)
        if genre and genre.group(1) not in _PLAIN_WORDS:
            return [Intent("ask_music", {"genre": genre.group(1)})]
        args = {"music": "lofi", "default": True}
    cl.take(MUSIC_NOUN)
    vol = percent(cl)
    if vol is not None:
        args["vol"] = vol
    if (times.at or times.span) and not times.used:
        times.used = True
        args["at"] = times.at[0] if times.at else times.span[0]    # type: ignore[index]
    return [Intent("add_music", args)]


_PLAIN_WORDS = {"some", "background", "the", "a", "my", "any", "more", "nice", "good", "cool",
                "funny", "fun", "meme", "bg", "add", "with", "new", "music", "play", "use",
                "and", "put", "of", "in", "to", "for", "this", "that", "great", "different"}
