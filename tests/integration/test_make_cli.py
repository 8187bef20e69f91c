"""``meme-desktop make`` and ``meme-desktop chat`` as subprocesses, with the embedded engine."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import av

from tests.helpers.media import make_image


def _run(args: list[str], cwd: Path, stdin: str | None = None,
         timeout: float = 240) -> subprocess.CompletedProcess[str]:
    env = {**os.environ}
    return subprocess.run([sys.executable, "-m", "meme_desktop", *args], cwd=cwd, env=env,
                          input=stdin, capture_output=True, text=True, timeout=timeout,
                          check=False)


def _probe(path: Path) -> tuple[int, int, float, int]:
    """Width, height, duration and decoded frame count of a video file."""
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        frames = sum(1 for _ in container.decode(stream))
        duration = float(container.duration or 0) / av.time_base
        return stream.codec_context.width, stream.codec_context.height, duration, frames


def _first_frame_contrast(path: Path) -> float:
    """Standard deviation of the first frame's luma: a blank frame is near 0."""
    with av.open(str(path)) as container:
        frame = next(container.decode(video=0))
        return float(frame.to_ndarray(format="gray").std())


def test_make_happy_path_writes_a_playable_mp4(tmp_path: Path) -> None:
    make_image(tmp_path / "img.png", size="320x180")
    result = _run(["make", "img.png", "--say", "put 'when the code compiles' on top",
                   "-o", "out.mp4"], tmp_path)
    assert result.returncode == 0, result.stderr
    out = tmp_path / "out.mp4"
    width, height, duration, frames = _probe(out)
    assert width > 0 and height > 0 and duration > 0.5 and frames > 5
    assert _first_frame_contrast(out) > 10  # the picture and caption, not a blank frame
    assert "> put 'when the code compiles' on top" in result.stdout
    assert "when the code compiles" in result.stdout.lower()
    assert f"Saved {out}" in result.stdout
    assert "Exporting [" in result.stderr and "100%" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["img.png", "out.mp4"]


def test_make_leaves_the_project_the_window_reopens_alone(tmp_path: Path) -> None:
    """The window reopens its last project; a ``make`` run in between (a project of its own)
    does not change which one that is, nor anything else the window remembers."""
    from meme_desktop.assistant.memory import SessionMemory

    memory = SessionMemory()
    memory.set("local", "sess_the_window_had_open")
    before = memory.path.read_bytes()
    make_image(tmp_path / "img.png", size="320x180")
    result = _run(["make", "img.png", "--say", "put 'hello' on top", "-o", "out.mp4"], tmp_path)
    assert result.returncode == 0, result.stderr
    assert memory.get("local") == "sess_the_window_had_open"
    assert memory.path.read_bytes() == before


def test_make_refuses_a_bad_file_with_one_sentence(tmp_path: Path) -> None:
    bad = tmp_path / "notes.txt"
    bad.write_text("not a picture")
    result = _run(["make", "notes.txt", "--say", "meme it", "-o", "out.mp4"], tmp_path)
    assert result.returncode == 1
    assert "notes.txt: That file type is not supported." in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out.mp4").exists()


def test_make_into_a_missing_folder_fails_clearly(tmp_path: Path) -> None:
    make_image(tmp_path / "img.png", size="320x180")
    result = _run(["make", "img.png", "--say", "add 'hi' on top", "-o", "nope/out.mp4"],
                  tmp_path)
    assert result.returncode == 1
    assert result.stderr.strip().endswith("Choose another folder or free some disk space.")
    assert "Traceback" not in result.stderr


def test_chat_reads_lines_routes_export_and_quits_on_eof(tmp_path: Path) -> None:
    make_image(tmp_path / "img.png", size="320x180")
    make_image(tmp_path / "two.png", size="320x180", color="0xcc3333")
    lines = ("add 'hello chat' on top\nupload\ntwo.png\nstatus\ncredits\nexport\n"
             "chat.mp4\n")
    result = _run(["chat", "img.png", "--new"], tmp_path, stdin=lines)
    assert result.returncode == 0, result.stderr
    assert "Timeline (" in result.stdout and "hello chat" in result.stdout.lower()
    assert "Which files?" in result.stdout and "Added 1 file." in result.stdout
    assert "exports are free" in result.stdout
    assert "Save the video as" in result.stdout
    assert f"Saved {tmp_path / 'chat.mp4'}" in result.stdout
    assert _probe(tmp_path / "chat.mp4")[3] > 0
    # the next chat reopens the same project
    again = _run(["chat"], tmp_path, stdin="status\n")
    assert again.returncode == 0 and "Reopened your last project." in again.stdout


def _children(pid: int) -> list[int]:
    """Child process ids of ``pid`` (from /proc, so no extra library is needed)."""
    out = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[1]) == pid:
            out.append(int(stat.parent.name))
    return out


def test_make_finishes_when_the_engine_is_killed_during_the_export(tmp_path: Path) -> None:
    make_image(tmp_path / "img.png", size="320x180")
    proc = subprocess.Popen(
        [sys.executable, "-m", "meme_desktop", "make", "img.png", "--say",
         "put 'survivor' on top", "-o", "out.mp4", "--quality", "best"],
        cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    err = bytearray()

    def read() -> None:
        assert proc.stderr is not None
        while chunk := os.read(proc.stderr.fileno(), 4096):
            err.extend(chunk)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    deadline = time.monotonic() + 120
    while b"Exporting [" not in err:
        assert proc.poll() is None and time.monotonic() < deadline, err.decode()
        time.sleep(0.02)
    engines = [c for c in _children(proc.pid)
               if b"engine" in Path(f"/proc/{c}/cmdline").read_bytes()]
    assert len(engines) == 1
    os.kill(engines[0], signal.SIGKILL)
    assert proc.stdout is not None
    out = proc.stdout.read()  # until the command exits (stderr is read by the thread)
    proc.wait(240)
    reader.join(10)
    stderr = err.decode()
    assert proc.returncode == 0, stderr
    assert "The engine stopped; restarting it…" in stderr
    assert b"Saved " in out
    assert _probe(tmp_path / "out.mp4")[3] > 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["img.png", "out.mp4"]


def test_make_on_the_hosted_backend_signs_in_and_never_prints_a_token(tmp_path: Path) -> None:
    from tests.helpers.fake_cloud import VIDEO, FakeCloudServer

    make_image(tmp_path / "img.png", size="320x180")
    with FakeCloudServer() as cloud:
        cloud.render_polls = 0
        env = {**os.environ, "NEMO_API_URL": cloud.base_url}
        args = [sys.executable, "-m", "meme_desktop", "make", "img.png", "--say", "hi there",
                "-o", "out.mp4", "--backend", "cloud", "-v"]
        ok = subprocess.run(args, cwd=tmp_path, env=env, capture_output=True, text=True,
                            timeout=120, check=False)
        cloud.script("render", 2001)
        broke = subprocess.run(args, cwd=tmp_path, env=env, capture_output=True, text=True,
                               timeout=120, check=False)
    assert ok.returncode == 0, ok.stderr
    assert (tmp_path / "out.mp4").read_bytes() == VIDEO
    assert ok.stderr.count("Your system has no password store") == 1
    assert "INFO" in ok.stderr  # -v logs every request
    assert broke.returncode == 1
    assert "out of free credits" in broke.stderr and "?bind=u_" in broke.stderr
    assert len(cloud.issued) == 2  # no keyring: each run signed in anonymously
    for token in cloud.issued:
        for text in (ok.stdout, ok.stderr, broke.stdout, broke.stderr):
            assert token not in text
