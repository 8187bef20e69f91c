"""One example of every typed operation (every field used) and a draft they all apply to.

``EXAMPLES`` holds one good JSON operation per operation name; tests check that they cover
``draft.ops.OPS``, that each round-trips and validates against the generated schema, and that
each applies to :func:`sample` (a clip, a picture, two vine booms, music and two captions that
read the same).
"""

from __future__ import annotations

from typing import Any

from meme_desktop.draft import Draft
from meme_desktop.engine.agent import AssetRef

CLIP = AssetRef("h_clip", "dance.mp4", "video", 6.0, 1920, 1080, True)
IMG = AssetRef("h_img", "cat.jpg", "image", 0.0, 800, 600, False)
IMG2 = AssetRef("h_img2", "dog.png", "image", 0.0, 1080, 1080, False)
SONG = AssetRef("h_song", "song.mp3", "audio", 4.0, 0, 0, True)
ASSETS = [CLIP, IMG, IMG2, SONG]


def _v(sid: str, src: str, st: int, d: int) -> dict[str, Any]:
    return {"id": sid, "src": src, "st": st, "d": d, "in": 0, "sp": 1.0, "rev": False,
            "fit": "blur", "vol": 100, "fx": [], "zm": [1.0, 1.0]}


def _a(sid: str, src: str, st: int, d: int) -> dict[str, Any]:
    return {"id": sid, "src": src, "st": st, "d": d, "in": 0, "vol": 100, "fi": 0, "fo": 0}


def _c(sid: str, txt: str, pos: str) -> dict[str, Any]:
    return {"id": sid, "txt": txt, "st": 0, "d": 11000, "pos": pos, "sty": "classic",
            "col": "#FFFFFF", "sz": 1.0}


def sample() -> Draft:
    """A 6 s sepia clip then a 5 s picture; vine booms at 1 s and 3 s; lofi; two "SAME" captions."""
    return Draft.from_json({"v": 1, "m": {"width": 1080, "height": 1920, "fps": 30}, "t": [
        {"id": "v1", "tt": 0, "n": "Video", "sg": [{**_v("s1", "h_clip", 0, 6000),
                                                    "fx": ["sepia"]},
                                                   _v("s2", "h_img", 6000, 5000)]},
        {"id": "a1", "tt": 1, "n": "Sound", "sg": [_a("s3", "sfx:vine_boom", 1000, 1600),
                                                   _a("s4", "sfx:vine_boom", 3000, 1600)]},
        {"id": "a2", "tt": 1, "n": "Music", "sg": [_a("s5", "music:lofi", 0, 11000)]},
        {"id": "x1", "tt": 7, "n": "Captions", "sg": [_c("s6", "SAME", "top"),
                                                      _c("s7", "SAME", "bottom")]}]})


EXAMPLES: dict[str, dict[str, Any]] = {
    "add_caption": {"op": "add_caption", "txt": "WHEN THE CODE COMPILES", "pos": "center",
                    "st": 500, "d": 2000, "sty": "bar", "col": "#FF0000", "sz": 1.5},
    "set_caption": {"op": "set_caption", "id": "s6", "txt": "NEW", "pos": "center",
                    "sty": "plain", "col": "#FFEB3B", "sz": 0.8},
    "place_caption": {"op": "place_caption", "id": "s6", "xy": [0.25, 0.4]},
    "move_segment": {"op": "move_segment", "id": "s3", "st": 2500},
    "trim_segment": {"op": "trim_segment", "id": "s1", "st": 0, "d": 3000, "in": 1000},
    "split_segment": {"op": "split_segment", "id": "s1", "at": 2000},
    "delete_segment": {"op": "delete_segment", "id": "s6"},
    "duplicate_segment": {"op": "duplicate_segment", "id": "s4", "st": 5000},
    "set_volume": {"op": "set_volume", "id": "s5", "vol": 40},
    "set_fade": {"op": "set_fade", "id": "s5", "fi": 1000, "fo": 2000},
    "set_canvas": {"op": "set_canvas", "width": 1080, "height": 1080},
    "set_title": {"op": "set_title", "title": "monday"},
    "set_background": {"op": "set_background", "col": "#FF512F", "col2": "#DD2476"},
    "clear_timeline": {"op": "clear_timeline"},
    "add_media": {"op": "add_media", "asset": "h_img2", "st": 0, "d": 2000},
    "replace_media": {"op": "replace_media", "id": "s2", "asset": "h_img2"},
    "reorder": {"op": "reorder", "ids": ["s2", "s1"]},
    "set_length": {"op": "set_length", "d": 8000},
    "set_fit": {"op": "set_fit", "id": "s2", "fit": "contain"},
    "set_speed": {"op": "set_speed", "id": "s1", "sp": 0.5, "from": 1000, "to": 3000},
    "set_reverse": {"op": "set_reverse", "id": "s1", "rev": True},
    "boomerang": {"op": "boomerang", "id": "s1"},
    "loop": {"op": "loop", "id": "s1", "times": 3},
    "set_zoom": {"op": "set_zoom", "id": "s2", "zm": [1.0, 1.3]},
    "punch_in": {"op": "punch_in", "id": "s1", "at": 2000, "zoom": 1.5},
    "add_effect": {"op": "add_effect", "id": "s1", "fx": "deepfry", "from": 0, "to": 2000},
    "remove_effect": {"op": "remove_effect", "id": "s1", "fx": "sepia"},
    "add_sound": {"op": "add_sound", "name": "airhorn", "st": 4000, "vol": 80},
    "add_music": {"op": "add_music", "name": "phonk", "vol": 30},
    "replace_sound": {"op": "replace_sound", "id": "s3", "name": "boing"},
}
