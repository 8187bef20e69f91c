"""``meme-desktop render`` as a person runs it: a real subprocess on a draft file."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.helpers.media import make_clip, make_image
from tests.helpers.render_tools import draft, gif_loop_count, streams, write_draft


def _cli(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "meme_desktop", "render", *map(str, args)],
                          capture_output=True, text=True, cwd=cwd, timeout=120)


def _project(tmp_path: Path) -> Path:
    folder = tmp_path / "project"
    (folder / "media").mkdir(parents=True)
    make_clip(folder / "media" / "clip.mp4", 1.0, "320x180")
    make_image(folder / "media" / "cat.png", "300x300")
    return write_draft(folder / "meme.json", draft(
        270, 480, 25,
        video=[{"id": "s1", "src": "media/clip.mp4", "st": 0, "d": 600, "fit": "blur"},
               {"id": "s2", "src": "media/cat.png", "st": 600, "d": 600, "zm": [1.0, 1.2]}],
        audio=[{"id": "s3", "src": "sfx:airhorn", "st": 100, "d": 700}],
        text=[{"id": "s4", "txt": "me explaining", "st": 0, "d": 1200, "sty": "classic"}]))


def test_render_mp4_relative_paths_and_progress(tmp_path: Path) -> None:
    meme = _project(tmp_path)
    out = tmp_path / "out" / "meme.mp4"
    out.parent.mkdir()
    proc = _cli(meme, "-o", out, "--quality", "fast", cwd=tmp_path)  # cwd is not the draft's
    assert proc.returncode == 0, proc.stderr
    assert "100%" in proc.stderr
    assert proc.stdout.strip() == str(out.resolve())
    info = streams(out)
    assert (info.width, info.height, info.audio_codec) == (270, 480, "aac")
    assert abs(info.duration - 1.2) <= 1 / 25


def test_render_gif_by_extension(tmp_path: Path) -> None:
    meme = _project(tmp_path)
    proc = _cli(meme, "-o", tmp_path / "meme.gif", "--quiet", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert gif_loop_count(tmp_path / "meme.gif") == 0 and "%" not in proc.stderr


def test_render_with_preset_and_cap(tmp_path: Path) -> None:
    meme = _project(tmp_path)
    out = tmp_path / "sq.mp4"
    proc = _cli(meme, "-o", out, "--preset", "square", "--max-mb", "0.5", "--quality",
                "preview", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    info = streams(out)
    assert (info.width, info.height) == (540, 540)
    assert out.stat().st_size <= 0.5 * 1024 * 1024


def _one_sentence(text: str) -> str:
    lines = [ln for ln in text.replace("\r", "\n").splitlines()
             if ln.strip() and "Rendering" not in ln]
    assert len(lines) == 1, text
    assert "Traceback" not in text
    return lines[0]


def test_missing_draft_file(tmp_path: Path) -> None:
    proc = _cli(tmp_path / "nope.json", "-o", tmp_path / "o.mp4", cwd=tmp_path)
    assert proc.returncode != 0
    assert "does not exist" in _one_sentence(proc.stderr)


def test_bad_json_and_bad_draft(tmp_path: Path) -> None:
    (tmp_path / "broken.json").write_text("{not json")
    proc = _cli(tmp_path / "broken.json", "-o", tmp_path / "o.mp4", cwd=tmp_path)
    assert proc.returncode != 0 and "not valid JSON" in _one_sentence(proc.stderr)
    bad = write_draft(tmp_path / "bad.json", draft(270, 480, 25, video=[
        {"id": "s9", "src": "x.png", "st": 0, "d": 1000, "fit": "stretch"}]))
    proc = _cli(bad, "-o", tmp_path / "o.mp4", cwd=tmp_path)
    assert proc.returncode != 0
    assert "s9" in _one_sentence(proc.stderr)
    assert not (tmp_path / "o.mp4").exists()


def test_missing_media_and_unwritable_target(tmp_path: Path) -> None:
    meme = _project(tmp_path)
    (meme.parent / "media" / "cat.png").unlink()
    proc = _cli(meme, "-o", tmp_path / "o.mp4", cwd=tmp_path)
    assert proc.returncode != 0 and "missing" in _one_sentence(proc.stderr)
    meme = _project(tmp_path / "again")
    proc = _cli(meme, "-o", tmp_path / "no" / "dir" / "o.mp4", cwd=tmp_path)
    assert proc.returncode != 0 and "Cannot write" in _one_sentence(proc.stderr)


def test_unknown_preset(tmp_path: Path) -> None:
    meme = _project(tmp_path)
    proc = _cli(meme, "-o", tmp_path / "o.mp4", "--preset", "myspace", cwd=tmp_path)
    assert proc.returncode != 0 and "myspace" in _one_sentence(proc.stderr)
