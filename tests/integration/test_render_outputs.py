"""Output kinds and job behaviour: GIF, size cap, presets, progress, cancel, atomic writes."""

from __future__ import annotations

import subprocess
import threading
from pathlib import Path

import pytest

from meme_desktop.config import ffmpeg_exe
from meme_desktop.draft import Draft
from meme_desktop.engine.errors import BadPresetError, RenderCancelled, SizeCapError
from meme_desktop.engine.render import PRESETS, RenderOptions, render
from meme_desktop.engine.render.presets import resolve
from tests.helpers.media import make_clip, make_image
from tests.helpers.render_tools import draft, gif_loop_count, streams

MB = 1024 * 1024


def _noise_clip(path: Path, seconds: float = 2.0) -> Path:
    """Random pixels: the hardest thing to compress, so a size cap really has to work."""
    subprocess.run([ffmpeg_exe(), "-v", "error", "-y", "-f", "lavfi", "-i",
                    f"nullsrc=s=320x240:r=25:d={seconds},geq=random(1)*255:128:128",
                    "-c:v", "libx264", "-preset", "ultrafast", "-qp", "0", str(path)],
                   check=True, stdin=subprocess.DEVNULL)
    return path


def _go(tmp_path: Path, raw: dict, out: Path, options: RenderOptions, **kw) -> Path:
    return render(Draft.from_json(raw), out, options, lambda s: tmp_path / s, **kw)


def test_gif_is_palette_optimised_and_loops(tmp_path: Path) -> None:
    make_clip(tmp_path / "c.mp4", 1.0, "320x180")
    raw = draft(270, 480, 25, video=[{"id": "s1", "src": "c.mp4", "st": 0, "d": 1000}],
                text=[{"id": "s2", "txt": "gif", "st": 0, "d": 1000}])
    out = _go(tmp_path, raw, tmp_path / "o.gif", RenderOptions(format="gif"))
    assert out.read_bytes()[:6] == b"GIF89a"
    assert gif_loop_count(out) == 0  # loops forever
    info = streams(out)
    assert (info.width, info.height) == (270, 480)
    assert info.frames == 15  # GIF rate is capped at 15 fps
    assert info.audio_codec is None


def test_gif_preset_shrinks_the_canvas(tmp_path: Path) -> None:
    plan = resolve(RenderOptions(preset="gif"), 1080, 1920, 30)
    assert (plan.format, plan.width, plan.height, plan.fps) == ("gif", 270, 480, 15)


def test_size_capped_mp4_is_at_or_under_the_cap(tmp_path: Path) -> None:
    _noise_clip(tmp_path / "noise.mp4")
    raw = draft(270, 480, 25, video=[{"id": "s1", "src": "noise.mp4", "st": 0, "d": 2000}])
    free = _go(tmp_path, raw, tmp_path / "free.mp4", RenderOptions(quality="high"))
    cap = 250_000
    assert free.stat().st_size > cap  # without the cap it would not fit
    capped = _go(tmp_path, raw, tmp_path / "capped.mp4",
                 RenderOptions(quality="high", max_bytes=cap))
    assert capped.stat().st_size <= cap
    assert capped.stat().st_size > cap * 0.3  # uses the budget, not a postage stamp
    info = streams(capped)
    assert (info.width, info.height, info.audio_codec) == (270, 480, "aac")


def test_impossible_cap_is_a_typed_error(tmp_path: Path) -> None:
    make_image(tmp_path / "i.png")
    raw = draft(270, 480, 25, video=[{"id": "s1", "src": "i.png", "st": 0, "d": 60000}])
    with pytest.raises(SizeCapError):
        _go(tmp_path, raw, tmp_path / "x.mp4", RenderOptions(max_bytes=20_000))
    assert not (tmp_path / "x.mp4").exists()


def test_presets_set_the_canvas() -> None:
    cases = {"vertical": (1080, 1920), "tiktok": (1080, 1920), "square": (1080, 1080),
             "feed": (1080, 1350), "landscape": (1920, 1080)}
    for name, size in cases.items():
        plan = resolve(RenderOptions(preset=name), 270, 480, 25)
        assert (plan.width, plan.height) == size and plan.max_bytes is None
    assert resolve(RenderOptions(preset="discord"), 1080, 1920, 30).max_bytes == 10 * MB
    assert resolve(RenderOptions(preset="whatsapp"), 1080, 1920, 30).max_bytes == 16 * MB
    assert {"vertical", "square", "feed", "landscape", "discord", "whatsapp", "gif"} <= set(PRESETS)
    with pytest.raises(BadPresetError):
        resolve(RenderOptions(preset="myspace"), 270, 480, 25)
    with pytest.raises(BadPresetError):
        resolve(RenderOptions(quality="ultra"), 270, 480, 25)  # type: ignore[arg-type]


def test_vertical_preset_renders_1080x1920(tmp_path: Path) -> None:
    make_clip(tmp_path / "wide.mp4", 1.0, "320x180")
    raw = draft(270, 480, 30, video=[{"id": "s1", "src": "wide.mp4", "st": 0, "d": 1000,
                                      "fit": "blur"}],
                audio=[{"id": "s2", "src": "sfx:ding", "st": 0, "d": 800}],
                text=[{"id": "s3", "txt": "big", "st": 0, "d": 1000}])
    out = _go(tmp_path, raw, tmp_path / "v.mp4", RenderOptions(preset="vertical",
                                                               quality="fast"))
    info = streams(out)
    assert (info.width, info.height) == (1080, 1920)
    assert abs(info.duration - 1.0) <= 1 / 30 and info.audio_codec == "aac"


def _slow_draft(tmp_path: Path) -> dict:
    make_image(tmp_path / "i.png", "400x300")
    return draft(1080, 1920, 30, video=[{"id": "s1", "src": "i.png", "st": 0, "d": 20000,
                                         "fx": ["shake", "deepfry"], "zm": [1.0, 1.3]}])


def test_progress_rises_to_one(tmp_path: Path) -> None:
    make_image(tmp_path / "i.png")
    raw = draft(270, 480, 25, video=[{"id": "s1", "src": "i.png", "st": 0, "d": 3000,
                                      "fx": ["shake"]}])
    seen: list[float] = []
    _go(tmp_path, raw, tmp_path / "p.mp4", RenderOptions(), progress=seen.append)
    assert seen[0] == 0.0 and seen[-1] == 1.0
    assert seen == sorted(seen) and all(0.0 <= p <= 1.0 for p in seen)


def test_cancel_leaves_no_file_and_keeps_the_old_one(tmp_path: Path) -> None:
    raw = _slow_draft(tmp_path)
    target = tmp_path / "keep.mp4"
    target.write_bytes(b"the previous export")
    cancel = threading.Event()

    def on_progress(p: float) -> None:
        if p > 0.0:
            cancel.set()

    timer = threading.Timer(3.0, cancel.set)  # in case progress is slow to arrive
    timer.start()
    try:
        with pytest.raises(RenderCancelled):
            _go(tmp_path, raw, target, RenderOptions(quality="best"), progress=on_progress,
                cancel=cancel)
    finally:
        timer.cancel()
    assert target.read_bytes() == b"the previous export"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["i.png", "keep.mp4"]


def test_cancel_from_another_thread(tmp_path: Path) -> None:
    raw = _slow_draft(tmp_path)
    cancel = threading.Event()
    errors: list[BaseException] = []

    def work() -> None:
        try:
            _go(tmp_path, raw, tmp_path / "t.mp4", RenderOptions(quality="best"),
                cancel=cancel)
        except BaseException as exc:  # noqa: BLE001 - collected for the assertion
            errors.append(exc)

    worker = threading.Thread(target=work)
    worker.start()
    threading.Event().wait(1.0)
    cancel.set()
    worker.join(15)
    assert not worker.is_alive()
    assert len(errors) == 1 and isinstance(errors[0], RenderCancelled)
    assert not (tmp_path / "t.mp4").exists()
    assert not [p for p in tmp_path.iterdir() if ".part" in p.name]


def test_success_replaces_an_existing_file(tmp_path: Path) -> None:
    make_image(tmp_path / "i.png")
    raw = draft(270, 480, 25, video=[{"id": "s1", "src": "i.png", "st": 0, "d": 500}])
    target = tmp_path / "old.mp4"
    target.write_bytes(b"old")
    _go(tmp_path, raw, target, RenderOptions())
    assert target.stat().st_size > 1000
    assert streams(target).frames == 13 or streams(target).frames == 12
