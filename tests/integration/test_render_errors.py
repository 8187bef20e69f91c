"""Bad drafts, missing or bad media, and unwritable targets give typed errors, no files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from meme_desktop.draft import Draft, DraftError
from meme_desktop.engine.errors import (
    EngineError,
    MissingMediaError,
    NothingToRenderError,
    OutputNotWritableError,
    TruncatedMediaError,
    UnknownSoundError,
    UnsupportedMediaError,
    user_message,
)
from meme_desktop.engine.render import RenderOptions, render
from tests.helpers.media import make_clip, make_image, truncate
from tests.helpers.render_tools import draft


def _go(tmp_path: Path, raw: dict, out: Path | None = None) -> Path:
    return render(Draft.from_json(raw, validate=False), out or tmp_path / "o.mp4",
                  RenderOptions(), lambda s: tmp_path / s)


def _only(tmp_path: Path, *names: str) -> None:
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(names)


def test_missing_media(tmp_path: Path) -> None:
    raw = draft(270, 480, 25, video=[{"id": "s1", "src": "gone.mp4", "st": 0, "d": 1000}])
    with pytest.raises(MissingMediaError) as err:
        _go(tmp_path, raw)
    assert err.value.src == "gone.mp4" and err.value.segment == "s1"
    assert "missing" in user_message(err.value)
    _only(tmp_path)


def test_resolver_failure_is_missing_media(tmp_path: Path) -> None:
    raw = draft(270, 480, 25, video=[{"id": "s1", "src": "abc123", "st": 0, "d": 1000}])

    def resolve(src: str) -> Path:
        raise KeyError(src)

    with pytest.raises(MissingMediaError):
        render(Draft.from_json(raw), tmp_path / "o.mp4", RenderOptions(), resolve)


def test_truncated_media(tmp_path: Path) -> None:
    truncate(make_clip(tmp_path / "whole.mp4", 2.0), tmp_path / "cut.mp4", 0.4)
    raw = draft(270, 480, 25, video=[{"id": "s1", "src": "cut.mp4", "st": 0, "d": 1000}])
    with pytest.raises(TruncatedMediaError):
        _go(tmp_path, raw)
    _only(tmp_path, "whole.mp4", "cut.mp4")


def test_mislabelled_media(tmp_path: Path) -> None:
    (tmp_path / "fake.png").write_text("<html><body>not a picture</body></html>")
    raw = draft(270, 480, 25, video=[{"id": "s1", "src": "fake.png", "st": 0, "d": 1000}])
    with pytest.raises(UnsupportedMediaError):
        _go(tmp_path, raw)


def test_unknown_builtin_sound(tmp_path: Path) -> None:
    make_image(tmp_path / "i.png")
    raw = draft(270, 480, 25, video=[{"id": "s1", "src": "i.png", "st": 0, "d": 1000}],
                audio=[{"id": "s2", "src": "sfx:kazoo", "st": 0, "d": 500}])
    with pytest.raises((UnknownSoundError, DraftError)):
        _go(tmp_path, raw)


@pytest.mark.parametrize("bad", [
    {"fit": "stretch"}, {"d": -5}, {"sp": 0}, {"st": "soon"},
])
def test_bad_drafts_are_draft_errors(tmp_path: Path, bad: dict) -> None:
    make_image(tmp_path / "i.png")
    seg = {"id": "s1", "src": "i.png", "st": 0, "d": 1000, **bad}
    with pytest.raises(DraftError) as err:
        _go(tmp_path, draft(270, 480, 25, video=[seg]))
    assert err.value.where and "s1" in str(err.value)


def test_empty_draft(tmp_path: Path) -> None:
    with pytest.raises(NothingToRenderError) as err:
        _go(tmp_path, draft(270, 480, 25))
    assert "empty" in user_message(err.value)


def test_unwritable_target(tmp_path: Path) -> None:
    make_image(tmp_path / "i.png")
    raw = draft(270, 480, 25, video=[{"id": "s1", "src": "i.png", "st": 0, "d": 500}])
    with pytest.raises(OutputNotWritableError):
        _go(tmp_path, raw, tmp_path / "no" / "such" / "folder" / "o.mp4")
    with pytest.raises(OutputNotWritableError):
        _go(tmp_path, raw, tmp_path)  # a folder, not a file
    if os.geteuid() != 0:  # root can write anywhere
        locked = tmp_path / "locked"
        locked.mkdir()
        locked.chmod(0o500)
        with pytest.raises(OutputNotWritableError):
            _go(tmp_path, raw, locked / "o.mp4")


def test_every_engine_error_has_a_sentence() -> None:
    for exc in (MissingMediaError("x", "s1"), OutputNotWritableError("/x"),
                NothingToRenderError(), UnknownSoundError("sfx:x"),
                TruncatedMediaError("a.mp4"), EngineError("boom")):
        text = user_message(exc)
        assert text.endswith(".") and len(text) > 15 and "Error" not in text


def test_in_point_past_the_end_holds_the_last_frame(tmp_path: Path) -> None:
    from tests.helpers.render_tools import streams

    make_clip(tmp_path / "c.mp4", 1.0, "320x180")
    raw = draft(270, 480, 25, video=[{"id": "s1", "src": "c.mp4", "st": 0, "d": 1000,
                                      "in": 9000}])
    out = _go(tmp_path, raw)
    info = streams(out)
    assert info.frames == 25 and info.audio_codec == "aac"
