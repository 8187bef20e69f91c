"""The encoder and decoder settings that keep ffmpeg's memory down reach ffmpeg's command line
(docs/render.md, "Memory"): x264 slice threads and no B-frame references on a 2-core machine,
frame threads at the core count with one lookahead thread and a one-frame lookahead buffer
above (also when several formats share one pass); one decoder thread per clip on a 2-core
machine."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from meme_desktop import heap
from meme_desktop.draft import Draft
from meme_desktop.engine.render import RenderOptions, job, multi, presets, render
from meme_desktop.engine.render.multi import render_formats
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
    if cores <= 2:
        assert params == {"threads": "3", "sliced-threads": "1", "b-pyramid": "none"}
    else:
        assert params == {"threads": str(cores), "lookahead_threads": "1", "sync-lookahead": "1"}
    assert args[args.index("-crf") + 1] == "20"  # the quality itself is unchanged
    clip_input = args.index(str(tmp_path / "clip.mp4"))
    assert args[clip_input - 3:clip_input] == ["-threads", "1" if cores <= 2 else "2", "-i"]


def test_a_size_capped_export_keeps_them(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                         ) -> None:
    monkeypatch.setattr(presets.os, "cpu_count", lambda: 2)
    args = _command(tmp_path, monkeypatch, RenderOptions(quality="high", preset="discord"))
    assert "-maxrate" in args
    assert args[args.index("-x264-params") + 1] == "threads=3:sliced-threads=1:b-pyramid=none"


def test_several_formats_in_one_pass_share_the_cores_with_the_same_buffer(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(presets.os, "cpu_count", lambda: 4)
    clip = make_clip(tmp_path / "clip.mp4", seconds=1.0)
    draft = Draft.from_json({"v": 1, "m": {"width": 1080, "height": 1920, "fps": 30}, "t": [
        {"id": "v", "tt": 0, "sg": [{"id": "a", "src": str(clip), "st": 0, "d": 1000}]}]})
    seen: list[list[str]] = []

    def fake_ffmpeg(args: list[str], *_rest: object, **_kw: object) -> None:
        seen.append(list(args))
        for i, arg in enumerate(args):  # every output file is the argument after "-f <fmt>"
            if arg == "-f" and args[i + 1] in ("mp4", "gif"):
                Path(args[i + 2]).write_bytes(b"not empty")

    monkeypatch.setattr(multi, "run_ffmpeg", fake_ffmpeg)
    targets = [(tmp_path / "v.mp4", RenderOptions(preset="vertical")),
               (tmp_path / "s.mp4", RenderOptions(preset="square"))]
    render_formats(draft, targets, Path)
    params = [a[i + 1] for a in seen for i, x in enumerate(a) if x == "-x264-params"]
    assert params == ["threads=2:lookahead_threads=1:sync-lookahead=1"] * 2


def test_the_heap_release_is_callable_and_gives_memory_back() -> None:
    """glibc's ``malloc_trim`` is found on Linux; a freed 64 MB of small blocks goes back."""
    import sys

    if not sys.platform.startswith("linux"):
        heap.release()  # a no-op elsewhere
        return
    assert heap._TRIM is not None
    blocks = [bytearray(4000) for _ in range(16_000)]  # below mmap's threshold: on the heap
    del blocks[:-1]  # the last one keeps the heap's top in use: only a trim gives it back
    before = _rss_kb()
    heap.release()
    assert _rss_kb() < before - 20_000


def _rss_kb() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


_CONFIGURED_CHILD = """
import ctypes, sys
from meme_desktop import heap
from tests.unit.test_render_memory import _rss_kb
if sys.argv[1] == "configure":
    assert heap.configure()
libc = ctypes.CDLL("libc.so.6")
libc.malloc.restype = ctypes.c_void_p
libc.free.argtypes = [ctypes.c_void_p]
libc.free(libc.malloc(4 << 20))  # by default this raises the mmap threshold to 4 MB
before = _rss_kb()
blocks, pins = [], []
for _ in range(60):
    blocks.append(libc.malloc(1 << 20))
    ctypes.memset(blocks[-1], 1, 1 << 20)
    pins.append(libc.malloc(64 << 10))  # live objects between them, as in a running program
for b in blocks:
    libc.free(b)
print(_rss_kb() - before)
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's allocator only")
@pytest.mark.parametrize("mode", ["configure", "default"])
def test_configured_allocator_gives_big_freed_blocks_back(mode: str) -> None:
    """After ``heap.configure()`` (every entry point calls it) a freed 1 MB block goes back to
    the system at once; with glibc's defaults 60 freed 1 MB blocks stay resident (the reason
    for the setting: decoded frames and thumbnails are blocks of that size)."""
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run([sys.executable, "-c", _CONFIGURED_CHILD, mode], cwd=root,
                          env={**os.environ, "PYTHONPATH": str(root)},
                          capture_output=True, text=True, timeout=60, check=True)
    kept_kb = int(done.stdout.strip())
    if mode == "configure":
        assert kept_kb < 8_000
    else:
        assert kept_kb > 50_000


def test_every_entry_point_configures_the_allocator(monkeypatch: pytest.MonkeyPatch) -> None:
    """``cli.main`` (the window, the engine and each command) sets the allocator up first."""
    from meme_desktop import cli

    calls: list[str] = []
    monkeypatch.setattr(heap, "configure", lambda: calls.append("configure") or True)
    assert cli.main(["--version"]) == 0
    assert calls == ["configure"]
