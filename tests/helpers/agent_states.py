"""Starting states for the agent tests: uploads and drafts a person typically has."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from meme_desktop.draft import Draft
from meme_desktop.engine.agent import AssetRef

IMG = AssetRef("h_img", "cat.jpg", "image", 0.0, 800, 600, False)
IMG2 = AssetRef("h_img2", "dog.png", "image", 0.0, 1080, 1080, False)
CLIP = AssetRef("h_clip", "dance.mp4", "video", 6.0, 1920, 1080, True)
CLIP2 = AssetRef("h_clip2", "fail.mov", "video", 4.0, 1080, 1920, True)
SONG = AssetRef("h_song", "song.mp3", "audio", 30.0, 0, 0, True)


def _v(sid: str, src: str, st: int, d: int, **kw: Any) -> dict[str, Any]:
    return {"id": sid, "src": src, "st": st, "d": d, "in": 0, "sp": 1.0, "rev": False,
            "fit": "blur", "vol": 100, "fx": [], "zm": [1.0, 1.0], **kw}


def _draft(video: list[dict[str, Any]], audio: list[dict[str, Any]] | None = None,
           text: list[dict[str, Any]] | None = None, w: int = 1080, h: int = 1920) -> Draft:
    tracks = [{"id": "v1", "tt": 0, "n": "Video", "sg": video}]
    if audio:
        tracks.append({"id": "a1", "tt": 1, "n": "Sound", "sg": audio})
    if text:
        tracks.append({"id": "x1", "tt": 7, "n": "Captions", "sg": text})
    return Draft.from_json({"v": 1, "m": {"width": w, "height": h, "fps": 30}, "t": tracks,
                            "custom": {"keep": True}})


def _cap(sid: str, txt: str, pos: str, st: int = 0, d: int = 5000) -> dict[str, Any]:
    return {"id": sid, "txt": txt, "st": st, "d": d, "pos": pos, "sty": "classic",
            "col": "#FFFFFF", "sz": 1.0}


def state(name: str) -> tuple[Draft, list[AssetRef]]:
    """A named starting point: (draft, uploads)."""
    if name == "none":
        return Draft.empty(), []
    if name == "img":
        return Draft.empty(), [IMG]
    if name == "clip":
        return Draft.empty(), [CLIP]
    if name == "both":
        return Draft.empty(), [IMG, CLIP]
    if name == "two_clips":
        return _draft([_v("s1", "h_clip", 0, 6000), _v("s2", "h_clip2", 6000, 4000)]), \
            [CLIP, CLIP2]
    if name == "meme":      # a picture with top and bottom text, 5 s
        return _draft([_v("s1", "h_img", 0, 5000)], text=[
            _cap("s2", "WHEN THE CODE COMPILES", "top"), _cap("s3", "IT DOESN'T WORK", "bottom")]), \
            [IMG, SONG]
    if name == "clipmeme":  # a 6 s clip with one top caption
        return _draft([_v("s1", "h_clip", 0, 6000)], text=[_cap("s2", "ME AT 3AM", "top", 0,
                                                                 6000)]), [CLIP]
    if name == "wide":      # a landscape clip, cropped, with a slow zoom
        return _draft([_v("s1", "h_clip", 0, 6000, fit="cover", zm=[1.0, 1.3])],
                      text=[_cap("s2", "WIDE", "top", 0, 6000)], w=1920, h=1080), [CLIP]
    if name == "sounds":    # a clip with a vine boom at 2 s and lofi music
        return Draft.from_json(_sounds_json()), [CLIP, SONG]
    if name == "slow":      # the 6 s clip in slow motion (12 s on the timeline)
        return _draft([_v("s1", "h_clip", 0, 12000, sp=0.5)],
                      text=[_cap("s2", "SLOW", "top", 0, 12000)]), [CLIP]
    if name == "fried":     # the 6 s clip, deep fried and black and white
        return _draft([_v("s1", "h_clip", 0, 6000, fx=["deepfry", "grayscale"])]), [CLIP]
    if name == "styled":    # the 6 s clip, its caption in plain yellow, small, lowercase
        return _draft([_v("s1", "h_clip", 0, 6000)], text=[
            {**_cap("s2", "me at 3am", "top", 0, 6000), "sty": "plain", "col": "#FFEB3B",
             "sz": 0.8}]), [CLIP]
    if name == "late":      # the 6 s clip, a top caption and a bottom one from 3 s
        return _draft([_v("s1", "h_clip", 0, 6000)], text=[
            _cap("s2", "WAIT FOR IT", "top", 0, 6000), _cap("s3", "BRUH", "bottom", 3000, 3000)]), \
            [CLIP]
    if name == "bin":       # several uploads (two pictures, two clips, a song), nothing placed
        return Draft.empty(), [IMG, CLIP, IMG2, CLIP2, SONG]
    if name == "binmeme":   # the cat picture with a top caption, more uploads in the bin
        return _draft([_v("s1", "h_img", 0, 5000)], text=[_cap("s2", "ME", "top")]), \
            [IMG, CLIP, IMG2, SONG]
    if name == "trio":      # the 6 s clip, three captions (top, middle, bottom in time order),
        return Draft.from_json(_trio_json()), [CLIP, SONG]  # two sound effects and lofi music
    if name == "offbeat":   # the 6 s clip, music from 1.5 s, a top caption from 1 s to the end
        return _draft([_v("s1", "h_clip", 0, 6000)], audio=[
            {"id": "s2", "src": "music:lofi", "st": 1500, "d": 4500, "in": 0, "vol": 100,
             "fi": 0, "fo": 0}], text=[_cap("s3", "LATE", "top", 1000, 5000)]), [CLIP]
    raise KeyError(name)


def _trio_json() -> dict[str, Any]:
    def sound(sid: str, src: str, st: int, d: int) -> dict[str, Any]:
        return {"id": sid, "src": src, "st": st, "d": d, "in": 0, "vol": 100, "fi": 0, "fo": 0}
    return {"v": 1, "m": {"width": 1080, "height": 1920, "fps": 30}, "t": [
        {"id": "v1", "tt": 0, "n": "Video", "sg": [_v("s1", "h_clip", 0, 6000)]},
        {"id": "a1", "tt": 1, "n": "Sound", "sg": [
            sound("s5", "sfx:vine_boom", 1000, 900), sound("s6", "sfx:airhorn", 4000, 1000)]},
        {"id": "a2", "tt": 1, "n": "Music", "sg": [sound("s7", "music:lofi", 0, 6000)]},
        {"id": "x1", "tt": 7, "n": "Captions", "sg": [
            _cap("s2", "me", "top", 0, 6000), _cap("s3", "bruh", "center", 0, 3000),
            _cap("s4", "ALSO ME", "bottom", 3000, 3000)]}]}


def _sounds_json() -> dict[str, Any]:
    return {"v": 1, "m": {"width": 1080, "height": 1920, "fps": 30}, "t": [
        {"id": "v1", "tt": 0, "n": "Video", "sg": [_v("s1", "h_clip", 0, 6000)]},
        {"id": "a1", "tt": 1, "n": "Sound", "sg": [
            {"id": "s2", "src": "sfx:vine_boom", "st": 2000, "d": 900, "in": 0, "vol": 100,
             "fi": 0, "fo": 0}]},
        {"id": "a2", "tt": 1, "n": "Music", "sg": [
            {"id": "s3", "src": "music:lofi", "st": 0, "d": 6000, "in": 0, "vol": 100,
             "fi": 0, "fo": 0}]},
        {"id": "x1", "tt": 7, "n": "Captions", "sg": [_cap("s4", "HI", "top", 0, 6000)]}]}


class FakeHistory:
    """The store's history as the agent sees it: what undo / redo would restore."""

    def __init__(self, prev: Draft | None = None, nxt: Draft | None = None) -> None:
        self.prev, self.nxt = prev, nxt

    def peek(self, step: int) -> Draft | None:
        return self.prev if step < 0 else self.nxt


# -- readers of a result draft (wire JSON) ----------------------------------------------------
def segs(j: dict[str, Any], tt: int) -> list[dict[str, Any]]:
    return [s for t in j["t"] if t["tt"] == tt for s in t["sg"]]


def caps(j: dict[str, Any]) -> list[dict[str, Any]]:
    return segs(j, 7)


def vids(j: dict[str, Any]) -> list[dict[str, Any]]:
    return sorted(segs(j, 0), key=lambda s: s["st"])


def sfx(j: dict[str, Any], name: str | None = None) -> list[dict[str, Any]]:
    return [s for s in segs(j, 1) if s["src"].startswith("sfx:")
            and (name is None or s["src"] == f"sfx:{name}")]


def music(j: dict[str, Any]) -> list[dict[str, Any]]:
    music_tracks = {t["id"] for t in j["t"] if t["tt"] == 1 and t["n"] == "Music"}
    return [s for t in j["t"] if t["id"] in music_tracks for s in t["sg"]] + \
        [s for s in segs(j, 1) if s["src"].startswith("music:")
         and not any(s in t["sg"] for t in j["t"] if t["id"] in music_tracks)]


def cap(j: dict[str, Any], pos: str) -> dict[str, Any]:
    found = [c for c in caps(j) if c["pos"] == pos]
    assert len(found) == 1, found
    return found[0]


# -- row helpers for the held-out tables (tests/helpers/agent_unseen_rows*.py) ----------------
J = dict[str, Any]
Row = tuple[str, str, Callable[[J], bool]]


def W(j: J) -> tuple[int, int]:  # noqa: N802 - reads like the canvas it checks
    return j["m"]["width"], j["m"]["height"]


def SPAN(c: J) -> tuple[int, int]:  # noqa: N802
    return c["st"], c["d"]


def one(j: J) -> J:
    """The only caption (fails when there is not exactly one)."""
    assert len(caps(j)) == 1, caps(j)
    return caps(j)[0]


def txt(j: J, text: str) -> J:
    """The one caption with this text."""
    found = [c for c in caps(j) if c["txt"] == text]
    assert len(found) == 1, caps(j)
    return found[0]


def srcs(j: J) -> list[str]:
    return [v["src"] for v in vids(j)]


def fx(j: J) -> list[list[str]]:
    return [v["fx"] for v in vids(j)]
