"""``meme-desktop make --each`` and ``--preset a,b,c`` as subprocesses, on the embedded engine:
a video per file named after it (collisions numbered, nothing replaced), several formats named
after the output, refusals said per file, bad presets refused before anything runs."""

from __future__ import annotations

from pathlib import Path

import av

from tests.helpers.media import make_clip, make_image
from tests.integration.test_make_cli import _run


def _shape(path: Path) -> tuple[str, int, int, bool]:
    with av.open(str(path)) as container:
        video = container.streams.video[0]
        return (container.format.name.split(",")[0], video.width, video.height,
                bool(container.streams.audio))


def test_each_file_gets_its_own_project_and_video(tmp_path: Path) -> None:
    make_image(tmp_path / "cat.png", size="320x240")
    make_clip(tmp_path / "dog.mp4", seconds=1.0, size="320x180")
    (tmp_path / "a").mkdir()
    make_image(tmp_path / "a" / "cat.jpg", size="240x320", color="0xcc3333")
    out = tmp_path / "out"
    out.mkdir()
    (out / "dog.mp4").write_bytes(b"an older file of the same name")
    result = _run(["make", "--each", "cat.png", "dog.mp4", "a/cat.jpg", "--say",
                   "add 'HELLO' at the top", "--quality", "preview", "-o", "out/"], tmp_path)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["cat-2.mp4", "cat.mp4", "dog-2.mp4",
                                                     "dog.mp4"]
    assert (out / "dog.mp4").read_bytes() == b"an older file of the same name"  # kept
    assert _shape(out / "cat.mp4")[0] == "mov" and _shape(out / "cat-2.mp4")[3]
    assert _shape(out / "dog-2.mp4")[3]  # the clip's own sound
    lines = result.stdout.splitlines()
    assert lines.count("cat.png: made: “HELLO”") == 1 and "cat.jpg: made: “HELLO”" in lines
    assert f"Saved {out / 'cat.mp4'}" in lines and f"Saved {out / 'cat-2.mp4'}" in lines
    assert lines[-1] == f"Made 3 of 3 memes in {out}."
    assert "Making 3 memes [" in result.stderr


def test_each_goes_on_past_a_file_it_cannot_use(tmp_path: Path) -> None:
    make_image(tmp_path / "cat.png", size="320x240")
    (tmp_path / "notes.txt").write_text("not a picture")
    result = _run(["make", "--each", "notes.txt", "cat.png", "--say", "add 'HI' at the top",
                   "--quality", "preview", "-o", "memes"], tmp_path)
    assert result.returncode == 1  # not every file was saved
    assert sorted(p.name for p in (tmp_path / "memes").iterdir()) == ["cat.mp4"]
    assert "notes.txt: notes.txt: That file type is not supported." in result.stdout
    assert result.stdout.splitlines()[-1].startswith("Made 1 of 2 memes in ")
    assert "Traceback" not in result.stderr


def test_each_with_an_instruction_that_changes_nothing(tmp_path: Path) -> None:
    make_image(tmp_path / "cat.png", size="320x240")
    result = _run(["make", "--each", "cat.png", "--say", "hmm", "-o", "memes"], tmp_path)
    assert result.returncode == 1
    assert list((tmp_path / "memes").iterdir()) == []
    assert "cat.png: Nothing changed after “hmm”" in result.stdout


def test_each_refuses_a_file_as_its_folder(tmp_path: Path) -> None:
    make_image(tmp_path / "cat.png", size="320x240")
    result = _run(["make", "--each", "cat.png", "-o", "out.mp4"], tmp_path)
    assert result.returncode == 2 and "-o names a folder" in result.stderr
    result = _run(["make", "--each", "cat.png", "-o", "no/such/folder"], tmp_path)
    assert result.returncode == 2 and "cannot be made" in result.stderr


def test_several_presets_write_a_file_each(tmp_path: Path) -> None:
    make_image(tmp_path / "img.png", size="320x240")
    result = _run(["make", "img.png", "--say", "put 'SEVERAL' on top", "--preset",
                   "vertical,square,gif", "--quality", "preview", "-o", "meme.mp4"], tmp_path)
    assert result.returncode == 0, result.stderr
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["img.png", "meme-square.mp4", "meme-vertical.mp4", "meme.gif"]
    vertical, square, gif = (_shape(tmp_path / n) for n in ("meme-vertical.mp4",
                                                             "meme-square.mp4", "meme.gif"))
    assert (vertical[1], vertical[2]) == (304, 540) and vertical[3]  # 9:16 at preview size
    assert square[1] == square[2] and square[3]
    assert gif[0] == "gif" and not gif[3]
    for name in ("meme-vertical.mp4", "meme-square.mp4", "meme.gif"):
        assert f"Saved {tmp_path / name}" in result.stdout
    assert result.stderr.count("Exporting [") >= 1 and "100%" in result.stderr


def test_an_unknown_preset_is_refused_before_anything_runs(tmp_path: Path) -> None:
    make_image(tmp_path / "img.png", size="320x240")
    result = _run(["make", "img.png", "--say", "x", "--preset", "vertical,tiny", "-o",
                   "m.mp4"], tmp_path, timeout=30)
    assert result.returncode == 2
    assert "unknown preset 'tiny'" in result.stderr and "vertical, tiktok" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["img.png"]


def test_each_without_instructions_asks_the_maker_and_varies_repeats(tmp_path: Path) -> None:
    """No --say: the meme maker makes each one ("turn this into a meme"); the same picture
    twice does not get the same caption twice (the maker's "another one")."""
    make_image(tmp_path / "cat.png", size="320x240")
    (tmp_path / "again").mkdir()
    make_image(tmp_path / "again" / "cat.png", size="320x240")
    result = _run(["make", "--each", "cat.png", "again/cat.png", "--quality", "preview",
                   "-o", "memes"], tmp_path)
    assert result.returncode == 0, result.stderr
    made = [line.split(": made: ", 1)[1] for line in result.stdout.splitlines()
            if ": made: " in line]
    assert len(made) == 2 and all(m.startswith("“") and len(m) > 6 for m in made)
    assert made[0] != made[1]
    assert sorted(p.name for p in (tmp_path / "memes").iterdir()) == ["cat-2.mp4", "cat.mp4"]
