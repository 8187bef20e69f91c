"""The names of several files from one export, and the message a batch sends to the maker."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from meme_desktop.assistant.batch import Batch, maker_request
from meme_desktop.assistant.exports import (
    clean_stem,
    format_names,
    format_targets,
    formats_spec,
    unique_stem,
)
from meme_desktop.commands.headless import preset_list


@pytest.mark.parametrize(("presets", "names"), [
    (["vertical", "square", "gif"], ["meme-vertical.mp4", "meme-square.mp4", "meme.gif"]),
    (["square"], ["meme.mp4"]),
    (["gif"], ["meme.gif"]),
    ([], ["meme.mp4"]),
    (["vertical", "VERTICAL", "discord"], ["meme-vertical.mp4", "meme-discord.mp4"]),
    (["gif", "landscape"], ["meme.gif", "meme-landscape.mp4"]),
])
def test_format_names(presets: list[str], names: list[str]) -> None:
    assert format_names("meme", presets) == names


def test_format_targets_follow_the_chosen_file(tmp_path: Path) -> None:
    targets = format_targets(tmp_path / "monday.mp4", ["vertical", "square", "gif"], "fast",
                             lambda p: 10.0 if p == "discord" else None)
    assert [(d.name, o.format, o.preset, o.quality) for d, o in targets] == [
        ("monday-vertical.mp4", "mp4", "vertical", "fast"),
        ("monday-square.mp4", "mp4", "square", "fast"),
        ("monday.gif", "gif", "gif", "fast")]
    one = format_targets(tmp_path / "x.gif", [], "high")
    assert [(d.name, o.format, o.preset) for d, o in one] == [("x.gif", "gif", None)]
    capped = format_targets(tmp_path / "y.mp4", ["discord", "square"], "high",
                            lambda p: 10.0 if p == "discord" else None)
    assert capped[0][1].max_mb == 10.0 and capped[1][1].max_mb is None
    spec = formats_spec([o for _d, o in capped])
    assert spec == {"format": "mp4", "quality": "high", "formats": [
        {"format": "mp4", "preset": "discord", "max_mb": 10.0},
        {"format": "mp4", "preset": "square"}]}


def test_unique_stems_never_replace_a_file(tmp_path: Path) -> None:
    (tmp_path / "cat.mp4").write_text("")
    (tmp_path / "dog-square.mp4").write_text("")
    taken: set[str] = set()
    one = lambda s: [f"{s}.mp4"]  # noqa: E731
    assert unique_stem(tmp_path, "cat", one, taken) == "cat-2"
    assert unique_stem(tmp_path, "cat", one, taken) == "cat-3"  # the batch's own names count
    assert unique_stem(tmp_path, "Cat", one, taken) == "Cat-4"  # case-blind file systems
    several = lambda s: format_names(s, ["vertical", "square"])  # noqa: E731
    assert unique_stem(tmp_path, "dog", several, taken) == "dog-2"


@pytest.mark.parametrize(("name", "stem"), [
    ("cat.png", "cat"), ("my clip.final.mp4", "my clip.final"), ("a:b*c?.jpg", "a_b_c_"),
    ("..hidden.png", "hidden"), ("", "meme"), ("x" * 200 + ".png", "x" * 80),
    ("dir\\evil.png", "evil"),
])
def test_clean_stem(name: str, stem: str) -> None:
    assert clean_stem(name) == stem


@pytest.mark.parametrize(("wish", "zh", "text"), [
    ("", False, "turn this into a meme"),
    ("mondays", False, "turn this into a meme about mondays"),
    ("  my   boss ", False, "turn this into a meme about my boss"),
    ("with an air horn", False, "turn this into a meme with an air horn"),
    ("About exams", False, "turn this into a meme About exams"),
    ("", True, "把这个做成表情包"),
    ("加班", True, "把这个做成表情包，主题是加班"),
    ("关于猫", True, "把这个做成表情包，关于猫"),
])
def test_maker_request(wish: str, zh: bool, text: str) -> None:
    assert maker_request(wish, zh) == text


def test_a_batch_without_instructions_asks_the_maker(tmp_path: Path) -> None:
    batch = Batch(None, [tmp_path / "a.png"], tmp_path)  # type: ignore[arg-type]
    assert batch.instructions == ["turn this into a meme"] and batch.presets == []
    assert [i.status for i in batch.items] == ["waiting"] and batch.items[0].name == "a.png"


def test_preset_lists() -> None:
    assert preset_list("vertical,square,gif") == ("vertical", "square", "gif")
    assert preset_list(" Square , square,") == ("square",)
    for bad in ("", ",", "square,huge"):
        with pytest.raises(argparse.ArgumentTypeError):
            preset_list(bad)
