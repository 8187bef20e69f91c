"""Intents on sound to typed operations: when a sound effect plays ("at 2s and 4s", "every
second", "at the end"), which music or sounds a volume, fade, move or removal means, music by
name, mood, "trending" or an uploaded song, and "louder" / "quieter" as numbers."""

from __future__ import annotations

from typing import Any, TypeVar

from meme_desktop.draft import MUSIC_NAMES, AudioSegment, Draft, Segment, VideoSegment
from meme_desktop.draft import ops as O
from meme_desktop.engine.agent.applier.base import (
    content_ms,
    music_segments,
    sfx_segments,
    video_segments,
)
from meme_desktop.engine.agent.applier.names import SFX_MS, SFX_ZH, sfx_name
from meme_desktop.engine.agent.rules.resolve import Resolve, Resolver
from meme_desktop.engine.agent.types import Problem


def _starts(draft: Draft, args: dict[str, Any], length: int) -> list[int]:
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


def add_sound(r: Resolver, args: dict[str, Any]) -> None:
    name = args["sound"]
    vol = int(args["vol"]) if "vol" in args else None
    for st in _starts(r.draft, args, SFX_MS[name]):
        r.do(O.AddSound(sound=name, st=st, vol=vol))


S = TypeVar("S", bound=Segment)


def chosen(segs: list[S], args: dict[str, Any]) -> list[S]:
    """The one sound a person pointed at ("the sound at 2s", "the second sound": ``which`` is
    its start), else all of them."""
    if "which" in args:
        return [s for s in segs if s.start == args["which"]] or segs
    return segs


def _trending(draft: Draft) -> str:
    used = {s.builtin[1] for s in music_segments(draft) if s.builtin}
    order = ["phonk", "lofi", "chiptune", "epic", "suspense"]
    return next((m for m in order if m not in used), order[0])


def add_music(r: Resolver, args: dict[str, Any]) -> None:
    total = content_ms(r.draft)
    vol = int(args["vol"]) if "vol" in args else None
    if args.get("asset"):
        if r.ctx.asset(args["asset"]) is None:
            raise Problem("I can't find that song. Upload it first.", "找不到那首歌，请先上传。")
        change = r.do(O.AddMedia(asset=args["asset"]))
        if vol is not None and vol != 100:
            r.do(O.SetVolume(id=change.result["id"], vol=vol))
    else:
        name = args.get("music", "lofi")
        if name in ("trending", "next"):
            name = _trending(r.draft)
        if name not in MUSIC_NAMES:
            raise Problem("Which music? I have lofi, phonk, chiptune, epic and suspense.",
                          "要哪种音乐？可选：lofi、phonk、chiptune、epic、suspense。")
        change = r.do(O.AddMusic(music=name, vol=vol))
    at = min(int(args.get("at", 0)), max(0, total - 500))
    if at:
        seg_d = int(change.result["d"])
        r.do(O.TrimSegment(id=change.result["id"], st=at, d=max(100, min(seg_d, total - at))))


def _level_targets(draft: Draft, args: dict[str, Any]) -> tuple[list[Segment], str, str]:
    target = args.get("target", "auto")
    if target == "auto":
        target = "music" if music_segments(draft) else "original" if video_segments(draft) \
            else "sfx"
    if target == "all":     # every sound: the clips' own, the effects and the music
        return [*video_segments(draft), *draft.segments(1)], "Everything", "所有声音"
    if target == "music":
        return list(music_segments(draft)), "Music", "背景音乐"
    if target == "original":
        segs = [s for s in video_segments(draft) if not args.get("assets")
                or s.src in args["assets"]]
        return list(segs), "Original audio", "原声"
    if target == "sound" and args.get("sound"):
        name = args["sound"]
        return (chosen(list(sfx_segments(draft, name)), args), sfx_name(name).capitalize(),
                SFX_ZH[name])
    return list(sfx_segments(draft)), "Sound effects", "音效"


def set_volume(r: Resolver, args: dict[str, Any]) -> None:
    segs, label, label_zh = _level_targets(r.draft, args)
    everything = args.get("target") == "all"
    if everything:              # a picture has no sound to turn up or down
        segs = [s for s in segs if not isinstance(s, VideoSegment) or r.ctx.is_clip(s)]
    if not segs and everything:
        raise Problem("There is no sound on the timeline yet. Add music or a sound first, e.g. "
                      "'add lofi music'.", "时间线上还没有声音。先添加，例如“加 lofi 音乐”。")
    if not segs:
        raise Problem(f"There is nothing for that yet ({label.lower()}). Add music or a sound "
                      "first, e.g. 'add lofi music'.", f"还没有{label_zh}。先添加，例如“加 lofi 音乐”。")
    for seg in segs:
        assert isinstance(seg, (AudioSegment, VideoSegment))
        v = seg.volume
        if "vol" in args:
            v = int(args["vol"])
        elif "factor" in args:      # "half as loud", "twice as loud": of what it is now
            v = round(v * float(args["factor"]))
        elif args.get("change") == "down" and seg in music_segments(r.draft):
            v = 30 if v > 30 else v // 2
        elif args.get("change") == "down":
            v = v // 2
        elif args.get("change") == "up":
            v = max(v + 50, round(v * 1.5)) if v else 100
        r.do(O.SetVolume(id=seg.id, vol=max(0, min(400, v))))


def fade(r: Resolver, args: dict[str, Any]) -> None:
    target = args.get("target", "auto")
    segs, _label, _zh = _level_targets(r.draft, {**args, "target": "music" if target ==
                                                 "original" else target})
    segs = [s for s in segs if isinstance(s, AudioSegment)]
    if not segs:
        raise Problem("There is no music or sound to fade yet. Add some first, e.g. 'add lofi "
                      "music'.", "还没有可以淡入淡出的音乐。先加一首，例如“加 lofi 音乐”。")
    for seg in segs:
        default = 2000 if seg in music_segments(r.draft) else 300
        fi = fo = None
        if "fade_in" in args:
            fi = int(args["fade_in"]) if args["fade_in"] is not None else default
        if "fade_out" in args:
            fo = int(args["fade_out"]) if args["fade_out"] is not None else default
        r.do(O.SetFade(id=seg.id, fi=fi, fo=fo))


def move_sound(r: Resolver, args: dict[str, Any]) -> None:
    name = args["sound"]
    if name == "music":
        songs = music_segments(r.draft)
        if not songs:
            raise Problem("There is no music yet. Say e.g. 'add lofi music'.",
                          "还没有背景音乐。例如说“加 lofi 音乐”。")
        end = content_ms(r.draft)
        at = min(int(args["at"][0]), max(0, end - 500))
        for seg in songs:
            r.do(O.TrimSegment(id=seg.id, st=at, d=max(100, end - at)))
        return
    segs = sfx_segments(r.draft, name)
    if not segs:
        raise Problem(f"There is no {sfx_name(name)} on the timeline yet. Say 'add a "
                      f"{sfx_name(name)} at 2s' to add one.",
                      f"时间线上还没有 {SFX_ZH[name]}。说“在2秒加 {SFX_ZH[name]}”来添加。")
    seg = chosen(segs, args)[-1]
    r.do(O.MoveSegment(id=seg.id, st=_starts(r.draft, args, seg.duration)[0]))


def replace_sound(r: Resolver, args: dict[str, Any]) -> None:
    old, new = args["sound"], args["new"]
    segs = sfx_segments(r.draft, old)
    if not segs:
        raise Problem(f"There is no {sfx_name(old)} on the timeline to replace.",
                      f"时间线上没有 {SFX_ZH[old]}。")
    for seg in chosen(segs, args):
        r.do(O.ReplaceSound(id=seg.id, sound=new))


def remove_sound(r: Resolver, args: dict[str, Any]) -> None:
    what = args.get("sound", "all")
    if what == "music":
        segs, label_en, label_zh = music_segments(r.draft), "music", "背景音乐"
    elif what in ("all", "sfx"):
        segs = sfx_segments(r.draft) + (music_segments(r.draft) if what == "all" else [])
        label_en, label_zh = ("sound", "声音") if what == "all" else ("sound effect", "音效")
    else:
        segs, label_en, label_zh = sfx_segments(r.draft, what), sfx_name(what), \
            SFX_ZH.get(what, what)
    if not segs:
        raise Problem(f"There is no {label_en} on the timeline.", f"时间线上没有{label_zh}。")
    for seg in chosen(segs, args):
        r.do(O.DeleteSegment(id=seg.id))


def kept(args: dict[str, Any]) -> tuple[str, str]:
    """What "keep the boom" / "keep the music" says: it stays as it is (nothing to do)."""
    name = str(args.get("sound", "music"))
    if name == "music":
        return "The music stays.", "背景音乐保留不变。"
    return f"The {sfx_name(name)} stays.", f"{SFX_ZH.get(name, name)}保留不变。"


AUDIO: dict[str, Resolve] = {
    "add_sound": add_sound, "add_music": add_music, "set_volume": set_volume, "fade": fade,
    "move_sound": move_sound, "replace_sound": replace_sound, "remove_sound": remove_sound,
}
