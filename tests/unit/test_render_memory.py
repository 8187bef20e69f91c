"""The encoder and decoder settings that keep ffmpeg's memory down reach ffmpeg's command line
(docs/render.md, "Memory"): x264 frame threads at the core count, one lookahead thread and a
one-frame lookahead buffer; one decoder thread per clip on a 2-core machine."""

from __future__ import annotations

from pathlib import Path

import pytest

from meme_desktop.draft import Draft
from meme_desktop.engine.render import RenderOptions, job, presets, render
from tests.helpers.media import make_clip


def _command(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, options: RenderOptions,
             ) -> list[str]:
    """The arguments ``render`` gives ffmpeg for a clip with a caption (nothing encoded)."""
    clip = make_clip(tmp_path / "clip.mp4", seconds=1.0)
    draft = Draft.from_json({"v": 1, "m": {"width": 1080, "height": 1920, "fps": 30}, "t": [
        {"id": "v", "tt": 0, "sg": [{"id": "a", "src": str(clip), "st": 0, "d": 1000,
                                     "fit": "blur"}]},
        {"id": "x", "tt": 7, "sg": [{"id": "b", "txt": "TOP TEXT", "st": 0, "d": 1000,
                                     "pos": "top", "sty": "classic"}]}]})
    seen: list[list[str]] = []

    def fake_ffmpeg(args: list[str], *_rest: object, **_kw: object) -> None:
        seen.append(list(args))
        Path(args[-1]).write_bytes(b"not empty")

    monkeypatch.setattr(job, "run_ffmpeg", fake_ffmpeg)
    render(draft, tmp_path / "out.mp4", options, Path)
    assert len(seen) == 1
    return seen[0]


@pytest.mark.parametrize("cores", [2, 8])
def test_x264_gets_its_memory_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                       cores: int) -> None:
    monkeypatch.setattr(presets.os, "cpu_count", lambda: cores)
    args = _command(tmp_path, monkeypatch, RenderOptions(quality="high", preset="vertical"))
    assert args[args.index("-c:v") + 1] == "libx264"
    params = dict(p.split("=") for p in args[args.index("-x264-params") + 1].split(":"))
    assert params == {"threads": str(cores), "lookahead_threads": "1", "sync-lookahead": "1"}
    assert args[args.index("-crf") + 1] == "20"  # the quality itself is unchanged
    clip_input = args.index(str(tmp_path / "clip.mp4"))
    assert args[clip_input - 3:clip_input] == ["-threads", "1" if cores <= 2 else "2", "-i"]


def test_a_size_capped_export_keeps_them(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                         ) -> None:
    monkeypatch.setattr(presets.os, "cpu_count", lambda: 2)
    args = _command(tmp_path, monkeypatch, RenderOptions(quality="high", preset="discord"))
    assert "-maxrate" in args
    assert args[args.index("-x264-params") + 1] == "threads=2:lookahead_threads=1:sync-lookahead=1"
