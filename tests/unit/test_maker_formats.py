"""The meme maker's formats, one table row each: asked for by name (or by the media it needs),
each format becomes the layout, captions, sounds, effects and timing its resource describes,
in every language it writes. Also: the library is complete and well-formed."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from meme_desktop.config import resources_dir
from meme_desktop.draft import validate
from meme_desktop.engine.agent.maker.library import LibraryError, library, load
from tests.helpers.agent_states import CLIP, IMG, IMG2, caps, music, sfx, vids
from tests.helpers.maker_session import Session

J = dict[str, Any]
REQUIRED = {"classic", "caption_bar", "pov", "nobody_me", "me_when", "be_like",
            "expectation_reality", "text_plain", "text_gradient", "reaction", "dramatic_zoom",
            "sad", "deep_fried", "wait_for_it", "zh_dangni", "zh_others_me", "zh_nobody_me"}


def test_library_is_complete_and_ours() -> None:
    lib = library()
    assert len(lib.formats) >= 15 and set(lib.formats) >= REQUIRED
    assert len(lib.topics) >= 300
    en = sum(len(v) for k, v in lib.templates.items() if not k.startswith("zh_"))
    zh = sum(len(v) for k, v in lib.templates.items() if k.startswith("zh_"))
    assert en >= 500 and zh >= 250, (en, zh)
    for path in [*(resources_dir() / "formats").glob("*.json"),
                 *(resources_dir() / "maker").glob("*.txt")]:
        assert "CC0" in path.read_text(encoding="utf-8")[:400], path.name
    cats = {t.cat for t in lib.topics}
    assert {"school", "work", "animals", "sport", "food", "money", "weather", "games", "tech",
            "family", "holidays"} <= cats
    for topic in lib.topics:
        assert topic.sit["en"] and topic.cons["en"] and topic.sit["zh"] and topic.cons["zh"]


def test_a_broken_resource_is_named(tmp_path: Path) -> None:
    root = tmp_path / "resources"
    shutil.copytree(resources_dir() / "formats", root / "formats")
    shutil.copytree(resources_dir() / "maker", root / "maker")
    text = (root / "formats" / "pov.json").read_text(encoding="utf-8")
    (root / "formats" / "pov.json").write_text(text.replace('"bar"', '"neon"'), encoding="utf-8")
    with pytest.raises(LibraryError) as info:
        load(root)
    assert info.value.where == "pov.json" and "style" in info.value.problem


def _caps_as(fmt: str) -> Callable[[J], bool]:
    slots = library().formats[fmt].slots
    return lambda j: [(c["pos"], c["sty"]) for c in caps(j)] == [(s.pos, s.sty) for s in slots]


def _sounds_of(fmt: str) -> Callable[[J], bool]:
    cues = library().formats[fmt].cues
    return lambda j: [s["src"][4:] for s in sorted(sfx(j), key=lambda s: s["st"])] and all(
        s["src"][4:] in {n for c in cues for n in c.choices} for s in sfx(j)) and \
        len(sfx(j)) == len(cues)


ROWS: list[tuple[str, str, str, str, Callable[[J], bool]]] = [
    # format, starting state, message, caption language, what the draft must show
    ("classic", "img", "make a classic meme about coffee", "en",
     lambda j: len(caps(j)) == 2 and all(c["sty"] == "classic" for c in caps(j))),
    ("caption_bar", "img", "make a caption bar meme about coffee", "en",
     lambda j: caps(j)[0]["sty"] == "bar"),
    ("pov", "img", "make a pov meme about coffee", "en",
     lambda j: caps(j)[0]["txt"].startswith("POV:") and vids(j)[0]["zm"] == [1.0, 1.12]),
    ("nobody_me", "img", "nobody: me: meme about coffee", "en",
     lambda j: caps(j)[0]["txt"].startswith("nobody:")),
    ("me_when", "img", "a me when meme about coffee", "en",
     lambda j: caps(j)[0]["txt"].lower().startswith("me when")),
    ("be_like", "img", "make a be like meme about coffee", "en",
     lambda j: caps(j)[0]["txt"].endswith("be like")),
    ("expectation_reality", "both_img", "expectation vs reality meme about coffee", "en",
     lambda j: len(vids(j)) == 2 and vids(j)[0]["src"] != vids(j)[1]["src"]
     and vids(j)[1]["fx"] == ["grayscale"] and caps(j)[0]["st"] == 0
     and caps(j)[1]["st"] == vids(j)[1]["st"] and "expectation" in caps(j)[0]["txt"].lower()),
    ("expectation_reality", "img", "expectation vs reality meme about coffee", "en",
     lambda j: [v["src"] for v in vids(j)] == ["h_img", "h_img"] and vids(j)[1]["fx"] == ["grayscale"]),
    ("text_plain", "none", "make a text meme about coffee", "en",
     lambda j: not vids(j) and caps(j)[0]["pos"] == "center" and "bg2" not in j["m"]
     and j["d"] >= 4000),
    ("text_gradient", "none", "make a gradient meme about coffee", "en",
     lambda j: not vids(j) and "bg2" in j["m"] and j["m"]["bg"] != j["m"]["bg2"]
     and len(music(j)) == 1),
    ("reaction", "img", "make a reaction meme about coffee", "en",
     lambda j: len(vids(j)) == 2 and vids(j)[1]["zm"] == [1.45, 1.45]
     and abs(sfx(j)[0]["st"] - vids(j)[1]["st"]) <= 1),
    ("dramatic_zoom", "img", "make a dramatic meme about coffee", "en",
     lambda j: vids(j)[0]["zm"] == [1.0, 1.6] and "sfx:drumroll" in {s["src"] for s in sfx(j)}
     and caps(j)[0]["pos"] == "bottom"),
    ("sad", "clip", "make a sad meme about coffee", "en",
     lambda j: vids(j)[0]["sp"] == 0.5 and vids(j)[0]["fx"] == ["grayscale"]
     and "sfx:sad_trombone" in {s["src"] for s in sfx(j)} and music(j)[0]["src"] == "music:lofi"),
    ("sad", "img", "make a sad meme about coffee", "en",
     lambda j: vids(j)[0]["sp"] == 1.0 and vids(j)[0]["fx"] == ["grayscale"]),
    ("deep_fried", "img", "make a deep fried meme about coffee", "en",
     lambda j: vids(j)[0]["fx"] == ["deepfry", "shake"] and caps(j)[0]["sz"] == 1.15),
    ("wait_for_it", "clip", "make a wait for it meme about coffee", "en",
     lambda j: caps(j)[1]["st"] >= 2000 and caps(j)[0]["st"] == 0
     and caps(j)[0]["d"] <= 3000 and len(vids(j)) == 2),
    ("classic", "img", "用经典格式做个关于咖啡的表情包", "zh",
     lambda j: len(caps(j)) == 2 and "咖啡" in caps(j)[0]["txt"] + caps(j)[1]["txt"]),
    ("zh_dangni", "img", "做个当你……的时候的表情包，关于咖啡", "zh",
     lambda j: caps(j)[0]["txt"].startswith("当") and caps(j)[0]["txt"].endswith("的时候")),
    ("zh_others_me", "img", "做一个别人和我的表情包，关于咖啡", "zh",
     lambda j: caps(j)[0]["txt"].startswith("别人") and caps(j)[1]["txt"].startswith("我")),
    ("zh_nobody_me", "img", "没有人：我：关于咖啡的表情包", "zh",
     lambda j: caps(j)[0]["txt"].startswith("没有人")),
    ("sad", "img", "做一个关于咖啡的伤感表情包", "zh", lambda j: vids(j)[0]["fx"] == ["grayscale"]),
    ("deep_fried", "img", "做个油炸表情包，关于咖啡", "zh", lambda j: "deepfry" in vids(j)[0]["fx"]),
    ("text_plain", "none", "做一个关于咖啡的纯文字表情包", "zh", lambda j: not vids(j)),
    ("pov", "img", "用中文做一个pov表情包，关于咖啡", "zh",          # no Chinese POV: its twin
     lambda j: caps(j)[0]["txt"].startswith("当")),
]


def _session(start: str) -> Session:
    if start == "both_img":
        return Session("none", assets=[IMG, IMG2])
    return Session(start)


@pytest.mark.parametrize(("fmt", "start", "text", "lang", "check"), ROWS,
                         ids=[f"{r[0]}-{r[1]}-{r[3]}" for r in ROWS])
def test_each_format_makes_its_layout(fmt: str, start: str, text: str, lang: str,
                                      check: Callable[[J], bool]) -> None:
    turn = _session(start).say(text)
    assert turn.meme is not None and turn.draft is not None, turn.reply
    validate(turn.draft)
    j = turn.draft.to_json()
    expected = library().formats[fmt]
    if fmt == "pov" and lang == "zh":
        expected = library().formats["zh_dangni"]
    assert turn.meme.format == expected.id and turn.meme.lang == lang, turn.reply
    assert _caps_as(expected.id)(j) or expected.id == "expectation_reality", caps(j)
    assert check(j), (turn.reply, j)
    if expected.cues and expected.id != "reaction":
        assert _sounds_of(expected.id)(j), sfx(j)
    assert [c["txt"] for c in caps(j)] == turn.meme.captions
    lines = turn.reply.split("\n")
    assert len(lines) == 2, turn.reply              # what was made, then the alternatives
    assert " ".join(turn.meme.captions[0].split())[:10] in lines[0], turn.reply
    assert len(turn.suggestions) == len(turn.meme.alternatives) == 2


def test_every_format_is_reachable_by_name() -> None:
    made = {row[0] for row in ROWS}
    assert made >= REQUIRED


@pytest.mark.parametrize("fmt", sorted(REQUIRED))
def test_every_format_writes_for_a_clip_and_stays_inside_it(fmt: str) -> None:
    """Any format on a 6 s clip: a valid draft, sounds inside the video, captions over it."""
    lib = library()
    lang = "zh" if fmt.startswith("zh_") else "en"
    s = Session("none", assets=[CLIP] if lib.formats[fmt].media != "none" else [])
    turn = s.maker_turn(fmt, lang)
    assert turn.draft is not None and turn.meme is not None
    validate(turn.draft)
    j = turn.draft.to_json()
    end = j["d"]
    assert all(s["st"] + s["d"] <= end for s in sfx(j)) and caps(j)
