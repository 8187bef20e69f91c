"""Operations on sound: built-in effects at a time, background music (built-in or uploaded),
volumes, muting the original audio, fades, moving and removing sounds."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from meme_desktop.draft import MUSIC_NAMES, TT_AUDIO, AudioSegment, Draft, Track, seconds
from meme_desktop.engine.agent import lexicon as lx
from meme_desktop.engine.agent.apply import (
    Ctx,
    content_ms,
    is_music,
    video_end,
    video_segments,
)
from meme_desktop.engine.agent.types import Change, Problem


def _audio_track(draft: Draft, music: bool) -> Track:
    want = "Music" if music else "Sound"
    for t in draft.tracks:
        if t.type == TT_AUDIO and (t.name == "Music") == music:
            return t
    track = Track(id=draft.new_id("a"), type=TT_AUDIO, name=want)
    last_audio = max((i for i, t in enumerate(draft.tracks) if t.type in (0, TT_AUDIO)),
                     default=-1)
    draft.tracks.insert(last_audio + 1, track)
    return track


def sfx_segments(draft: Draft, name: str | None = None) -> list[AudioSegment]:
    return [s for s in draft.segments(TT_AUDIO) if isinstance(s, AudioSegment)
            and not is_music(draft, s) and (name is None or s.src == f"sfx:{name}")]


def music_segments(draft: Draft) -> list[AudioSegment]:
    return [s for s in draft.segments(TT_AUDIO) if isinstance(s, AudioSegment)
            and is_music(draft, s)]


_DISPLAY = {"airhorn": "air horn", "drumroll": "drum roll", "rimshot": "rimshot (ba dum tss)"}


def _sfx_name(name: str) -> str:
    return _DISPLAY.get(name, name.replace("_", " "))


def _a(word: str) -> str:
    if word.endswith("s") and not word.endswith("ss"):     # "crickets", not "a crickets"
        return word
    return f"an {word}" if word[:1] in "aeiou" else f"a {word}"


def _start_for(draft: Draft, args: dict[str, Any], length: int) -> list[int]:
    if args.get("at"):
        return [max(0, int(t)) for t in args["at"]]
    if args.get("every"):
        end = content_ms(draft)
        return list(range(0, max(1, end - length // 2), int(args["every"])))[:50]
    if args.get("anchor") == "end":
        return [max(0, content_ms(draft) - length)]
    if args.get("anchor") == "middle":
        return [content_ms(draft) // 2]
    return [0]


def apply_add_sound(draft: Draft, args: dict[str, Any], ctx: Ctx) -> Change:
    name = args["sound"]
    length = lx.SFX_MS[name]
    track = _audio_track(draft, music=False)
    starts = _start_for(draft, args, length)
    vol = int(args.get("vol", 100))
    ids = []
    end = video_end(draft)
    placed = [_inside_video(st, length, end) for st in starts]
    for st, d in placed:
        seg = AudioSegment(id=draft.new_id("s"), start=st, duration=d, src=f"sfx:{name}",
                           volume=vol)
        track.segments.append(seg)
        ids.append(seg.id)
    starts = [st for st, _ in placed]
    nums = [seconds(t) for t in starts]
    when = f"{', '.join(nums[:-1])} and {nums[-1]} s" if len(nums) > 1 else f"{nums[0]} s"
    vol_txt = f" ({vol}%)" if vol != 100 else ""
    cut = any(d < length for _, d in placed)
    cut_txt, cut_zh = (" (cut where the video ends)", "（在视频结尾处截断）") if cut else ("", "")
    return Change(f"Added {_a(_sfx_name(name))} at {when}{vol_txt}{cut_txt}.",
                  f"在 {'、'.join(seconds(t) for t in starts)} 秒添加了 {lx.SFX_ZH[name]} 音效"
                  f"{cut_zh}。",
                  {"ids": ids, "st": starts, "d": placed[0][1] if placed else length})


MIN_SFX_MS = 300


def _inside_video(start: int, length: int, end: int) -> tuple[int, int]:
    """Start and length of a sound effect kept inside the video (no black frames after it).

    With no video yet, nothing is cut. A sound that would run past the end is cut there; one
    that would start too close to (or after) the end is moved back so it still plays.
    """
    if end <= 0 or start + length <= end:
        return start, length
    if end - start >= MIN_SFX_MS:
        return start, end - start
    return max(0, end - length), min(length, end)


def _trending(draft: Draft) -> str:
    used = {s.builtin[1] for s in music_segments(draft) if s.builtin}
    order = ["phonk", "lofi", "chiptune", "epic", "suspense"]
    return next((m for m in order if m not in used), order[0])


def apply_add_music(draft: Draft, args: dict[str, Any], ctx: Ctx) -> Change:
    total = content_ms(draft)
    vol = int(args.get("vol", 100))
    old = music_segments(draft)
    for track in draft.tracks:
        track.segments = [s for s in track.segments if s not in old]
    track = _audio_track(draft, music=True)
    if args.get("asset"):
        asset = ctx.asset(args["asset"])
        if asset is None:
            raise Problem("I can't find that song. Upload it first.", "找不到那首歌，请先上传。")
        dur = min(total, asset.ms) if asset.ms else total
        src, label, label_zh = asset.hash, asset.name, asset.name
    else:
        name = args.get("music", "lofi")
        if name in ("trending", "next"):
            name = _trending(draft)
        if name not in MUSIC_NAMES:
            raise Problem("Which music? I have lofi, phonk, chiptune, epic and suspense.",
                          "要哪种音乐？可选：lofi、phonk、chiptune、epic、suspense。")
        dur, src, label, label_zh = total, f"music:{name}", f"{name} music", lx.MUSIC_ZH[name]
    at = min(int(args.get("at", 0)), max(0, total - 500))
    seg = AudioSegment(id=draft.new_id("s"), start=at, duration=max(100, min(dur, total - at)),
                       src=src, volume=vol)
    track.segments.append(seg)
    replaced = " (replacing the previous music)" if old else ""
    return Change(f"Added {label} as background music ({seconds(seg.start)}–{seconds(seg.end)} s, "
                  f"{vol}%){replaced}.",
                  f"添加了背景音乐 {label_zh}（{seconds(seg.start)}–{seconds(seg.end)} 秒，{vol}%）。",
                  {"id": seg.id, "src": src, "st": seg.start, "d": seg.duration})


def _level_targets(draft: Draft, args: dict[str, Any]) -> tuple[list[Any], str, str]:
    target = args.get("target", "auto")
    if target == "auto":
        target = "music" if music_segments(draft) else "original" if video_segments(draft) \
            else "sfx"
    if target == "music":
        return music_segments(draft), "Music", "背景音乐"
    if target == "original":
        segs = [s for s in video_segments(draft) if not args.get("assets")
                or s.src in args["assets"]]
        return segs, "Original audio", "原声"
    if target == "sound" and args.get("sound"):
        name = args["sound"]
        return sfx_segments(draft, name), _sfx_name(name).capitalize(), lx.SFX_ZH[name]
    return sfx_segments(draft), "Sound effects", "音效"


def apply_set_volume(draft: Draft, args: dict[str, Any], ctx: Ctx) -> Change:
    segs, label, label_zh = _level_targets(draft, args)
    if not segs:
        raise Problem(f"There is nothing for that yet ({label.lower()}). Add music or a sound "
                      "first, e.g. 'add lofi music'.", f"还没有{label_zh}。先添加，例如“加 lofi 音乐”。")
    for seg in segs:
        v = seg.volume
        if "vol" in args:
            v = int(args["vol"])
        elif args.get("change") == "down" and label == "Music":
            v = 30 if v > 30 else v // 2
        elif args.get("change") == "down":
            v = v // 2
        elif args.get("change") == "up":
            v = max(v + 50, round(v * 1.5)) if v else 100
        seg.volume = max(0, min(400, v))
    vol = segs[0].volume
    if vol == 0:
        return Change(f"{label} muted (volume 0%).", f"{label_zh}已静音（0%）。", {"vol": 0})
    return Change(f"{label} volume is now {vol}%.", f"{label_zh}音量调到 {vol}%。", {"vol": vol})


def apply_fade(draft: Draft, args: dict[str, Any], ctx: Ctx) -> Change:
    segs, label, label_zh = _level_targets(draft, {**args, "target": args.get("target", "auto")
                                                   if args.get("target") != "original"
                                                   else "music"})
    if not segs:
        raise Problem("There is no music or sound to fade yet. Add some first, e.g. 'add lofi "
                      "music'.", "还没有可以淡入淡出的音乐。先加一首，例如“加 lofi 音乐”。")
    parts_en, parts_zh = [], []
    for seg in segs:
        default = 2000 if is_music(draft, seg) else 300
        if "fade_in" in args:
            want = args["fade_in"] if args["fade_in"] is not None else default
            seg.fade_in = max(0, min(int(want), seg.duration - seg.fade_out))
        if "fade_out" in args:
            want = args["fade_out"] if args["fade_out"] is not None else default
            seg.fade_out = max(0, min(int(want), seg.duration - seg.fade_in))
    seg = segs[0]
    if "fade_in" in args:
        parts_en.append(f"fades in over {seconds(seg.fade_in)} s")
        parts_zh.append(f"淡入 {seconds(seg.fade_in)} 秒")
    if "fade_out" in args:
        parts_en.append(f"fades out over {seconds(seg.fade_out)} s")
        parts_zh.append(f"淡出 {seconds(seg.fade_out)} 秒")
    return Change(f"{label} {' and '.join(parts_en)}.", f"{label_zh}{'，'.join(parts_zh)}。",
                  {"fi": seg.fade_in, "fo": seg.fade_out})


def apply_move_sound(draft: Draft, args: dict[str, Any], ctx: Ctx) -> Change:
    name = args["sound"]
    if name == "music":
        songs = music_segments(draft)
        if not songs:
            raise Problem("There is no music yet. Say e.g. 'add lofi music'.",
                          "还没有背景音乐。例如说“加 lofi 音乐”。")
        end = content_ms(draft)
        at = min(int(args["at"][0]), max(0, end - 500))
        for seg in songs:
            seg.start, seg.duration = at, max(100, end - at)
            seg.fade_in = min(seg.fade_in, seg.duration // 2)
            seg.fade_out = min(seg.fade_out, seg.duration - seg.fade_in)
        return Change(f"The music now starts at {seconds(at)} s and plays to the end "
                      f"({seconds(end)} s).", f"背景音乐改为从 {seconds(at)} 秒开始。",
                      {"st": at})
    segs = sfx_segments(draft, name)
    if not segs:
        raise Problem(f"There is no {_sfx_name(name)} on the timeline yet. Say 'add a "
                      f"{_sfx_name(name)} at 2s' to add one.",
                      f"时间线上还没有 {lx.SFX_ZH[name]}。说“在2秒加 {lx.SFX_ZH[name]}”来添加。")
    seg = segs[-1]
    seg.start, seg.duration = _inside_video(_start_for(draft, args, seg.duration)[0],
                                            seg.duration, video_end(draft))
    seg.fade_in = min(seg.fade_in, seg.duration // 2)
    seg.fade_out = min(seg.fade_out, seg.duration - seg.fade_in)
    return Change(f"Moved the {_sfx_name(name)} to {seconds(seg.start)} s.",
                  f"把 {lx.SFX_ZH[name]} 移到 {seconds(seg.start)} 秒。", {"id": seg.id,
                                                                        "st": seg.start})


def apply_replace_sound(draft: Draft, args: dict[str, Any], ctx: Ctx) -> Change:
    old, new = args["sound"], args["new"]
    segs = sfx_segments(draft, old)
    if not segs:
        raise Problem(f"There is no {_sfx_name(old)} on the timeline to replace.",
                      f"时间线上没有 {lx.SFX_ZH[old]}。")
    for seg in segs:
        seg.src, seg.duration = f"sfx:{new}", lx.SFX_MS[new]
        seg.fade_in = seg.fade_out = 0
    at = ", ".join(f"{seconds(s.start)} s" for s in segs)
    return Change(f"Replaced the {_sfx_name(old)} with {_a(_sfx_name(new))} (at {at}).",
                  f"把 {lx.SFX_ZH[old]} 换成了 {lx.SFX_ZH[new]}。", {"ids": [s.id for s in segs]})


def apply_remove_sound(draft: Draft, args: dict[str, Any], ctx: Ctx) -> Change:
    what = args.get("sound", "all")
    if what == "music":
        segs, label, label_zh = music_segments(draft), "the music", "背景音乐"
    elif what in ("all", "sfx"):
        segs = sfx_segments(draft) + (music_segments(draft) if what == "all" else [])
        label, label_zh = ("all sounds", "所有声音") if what == "all" else \
            ("the sound effects", "所有音效")
    else:
        segs, label, label_zh = sfx_segments(draft, what), f"the {_sfx_name(what)}", \
            lx.SFX_ZH.get(what, what)
    if not segs:
        raise Problem(f"There is no {label.removeprefix('the ')} on the timeline.",
                      f"时间线上没有{label_zh}。")
    for track in draft.tracks:
        track.segments = [s for s in track.segments if s not in segs]
    return Change(f"Removed {label} ({len(segs)} {'segment' if len(segs) == 1 else 'segments'}).",
                  f"删除了{label_zh}。", {"removed": [s.id for s in segs]})


HANDLERS: dict[str, Callable[[Draft, dict[str, Any], Ctx], Change]] = {
    "add_sound": apply_add_sound, "add_music": apply_add_music,
    "set_volume": apply_set_volume, "fade": apply_fade, "move_sound": apply_move_sound,
    "remove_sound": apply_remove_sound, "replace_sound": apply_replace_sound,
}
