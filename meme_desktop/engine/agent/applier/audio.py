"""Built-in sound: an effect at a time (kept inside the video), background music over the
whole video (replacing earlier music), and swapping one effect for another."""

from __future__ import annotations

from meme_desktop.draft import AudioSegment, Draft, seconds
from meme_desktop.draft.ops import AddMusic, AddSound, ReplaceSound
from meme_desktop.engine.agent.applier.base import (
    MIN_MS,
    Ctx,
    audio_track,
    content_ms,
    find,
    inside_video,
    music_segments,
    video_end,
)
from meme_desktop.engine.agent.applier.names import (
    MUSIC_ZH,
    SFX_MS,
    SFX_ZH,
    a_an,
    sfx_name,
)
from meme_desktop.engine.agent.types import Change, Problem


def add_sound(draft: Draft, op: AddSound, ctx: Ctx) -> Change:
    length = SFX_MS[op.sound]
    vol = op.vol if op.vol is not None else 100
    st, d = inside_video(op.st or 0, length, video_end(draft))
    seg = AudioSegment(id=draft.new_id("s"), start=st, duration=d, src=f"sfx:{op.sound}",
                       volume=vol)
    audio_track(draft, music=False).segments.append(seg)
    vol_txt = f" ({vol}%)" if vol != 100 else ""
    cut = d < length
    cut_en, cut_zh = (" (cut where the video ends)", "（在视频结尾处截断）") if cut else ("", "")
    name = a_an(sfx_name(op.sound))
    return Change(f"Added {name} at {seconds(st)} s{vol_txt}{cut_en}.",
                  f"在 {seconds(st)} 秒添加了 {SFX_ZH[op.sound]} 音效{cut_zh}。",
                  {"id": seg.id, "st": st, "d": d},
                  group=f"add_sound|{op.sound}|{vol}|{cut}",
                  many_en=f"Added {name} at {{items}} s{vol_txt}{cut_en}.",
                  many_zh=f"在 {{items}} 秒添加了 {SFX_ZH[op.sound]} 音效{cut_zh}。",
                  item=seconds(st), item_zh=seconds(st))


def add_music(draft: Draft, op: AddMusic, ctx: Ctx) -> Change:
    total = content_ms(draft)
    vol = op.vol if op.vol is not None else 100
    old = music_segments(draft)
    for track in draft.tracks:
        track.segments = [s for s in track.segments if s not in old]
    seg = AudioSegment(id=draft.new_id("s"), start=0, duration=max(MIN_MS, total),
                       src=f"music:{op.music}", volume=vol)
    audio_track(draft, music=True).segments.append(seg)
    replaced = " (replacing the previous music)" if old else ""
    return Change(f"Added {op.music} music as background music ({seconds(seg.start)}–"
                  f"{seconds(seg.end)} s, {vol}%){replaced}.",
                  f"添加了背景音乐 {MUSIC_ZH[op.music]}（{seconds(seg.start)}–{seconds(seg.end)} "
                  f"秒，{vol}%）。", {"id": seg.id, "src": seg.src, "st": seg.start,
                                   "d": seg.duration})


def replace_sound(draft: Draft, op: ReplaceSound, ctx: Ctx) -> Change:
    seg = find(draft, op.id, AudioSegment, "a sound", "音效")
    if not seg.builtin or seg.builtin[0] != "sfx":
        raise Problem("Only a built-in sound effect can be swapped for another one.",
                      "只有内置音效可以换成另一个。")
    old = seg.builtin[1]
    seg.src = f"sfx:{op.sound}"
    seg.start, seg.duration = inside_video(seg.start, SFX_MS[op.sound], video_end(draft))
    seg.fade_in = seg.fade_out = 0
    new = a_an(sfx_name(op.sound))
    return Change(f"Replaced the {sfx_name(old)} with {new} (at {seconds(seg.start)} s).",
                  f"把 {SFX_ZH[old]} 换成了 {SFX_ZH[op.sound]}。", {"id": seg.id},
                  group=f"replace_sound|{old}|{op.sound}",
                  many_en=f"Replaced the {sfx_name(old)} with {new} (at {{items}} s).",
                  many_zh=f"把 {SFX_ZH[old]} 换成了 {SFX_ZH[op.sound]}。",
                  item=seconds(seg.start), item_zh=seconds(seg.start))

