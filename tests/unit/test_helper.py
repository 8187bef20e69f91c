"""The engine's media helper (meme_desktop/engine/helper.py) with a real helper process:
the wire format, typed errors across the pipe, a crash or a hang, a stop and a restart, and
the caption measurements falling back to their estimate while an export pauses it."""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from meme_desktop.engine import helper, media
from meme_desktop.engine.agent.maker import fit
from meme_desktop.engine.errors import (
    EmptyMediaError,
    HelperStartError,
    HugeDimensionsError,
    user_message,
)
from meme_desktop.engine.helper import Helper, HelperError
from meme_desktop.engine.offloaded import probe, sound_path, thumbnail
from tests.helpers.media import make_image

ROOT = Path(__file__).resolve().parents[2]


class _Odd(Exception):
    """An error class of a module the engine does not rebuild (not meme_desktop's own)."""


_Odd.__module__ = "some_library.errors"


@pytest.fixture
def running() -> Iterator[Helper]:
    one = Helper(env={**os.environ, "PYTHONPATH": str(ROOT)})
    previous = helper.install(one)
    try:
        yield one
    finally:
        helper.install(previous)
        one.stop()


def test_messages_round_trip_and_a_cut_stream_is_eof() -> None:
    buf = io.BytesIO()
    helper.write_message(buf, ("meme_desktop.x:y", (1, "two", Path("/p"))))
    helper.write_message(buf, ("ok", None))
    data = buf.getvalue()
    stream = io.BytesIO(data)
    assert helper.read_message(stream) == ("meme_desktop.x:y", (1, "two", Path("/p")))
    assert helper.read_message(stream) == ("ok", None)
    with pytest.raises(EOFError):
        helper.read_message(stream)
    with pytest.raises(EOFError):  # the helper died half-way through an answer
        helper.read_message(io.BytesIO(data[:7]))


def test_typed_errors_cross_the_pipe_as_themselves() -> None:
    huge = HugeDimensionsError("big.png", 40000, 30000)
    back = helper._rebuild(*helper.error_answer(huge)[1:])
    assert type(back) is HugeDimensionsError
    assert vars(back) == vars(huge) and user_message(back) == user_message(huge)
    assert type(helper._rebuild(*helper.error_answer(ValueError("v"))[1:])) is ValueError
    odd = helper._rebuild(*helper.error_answer(_Odd("from a library"))[1:])
    assert isinstance(odd, HelperError) and "from a library" in odd.detail


def test_the_helper_probes_and_draws_what_this_process_would(running: Helper,
                                                             tmp_path: Path) -> None:
    image = make_image(tmp_path / "cat.png", "320x240")
    assert probe(image) == media.probe(image)
    assert running.pid is not None and running.pid != os.getpid()
    png = thumbnail(image, 64)
    assert png.startswith(b"\x89PNG")
    empty = tmp_path / "empty.mp4"
    empty.write_bytes(b"")
    with pytest.raises(EmptyMediaError) as caught:  # the typed error, as raised in the helper
        probe(empty)
    assert caught.value.name == "empty.mp4"
    assert running.starts == 1  # one process served every call


def test_a_crashed_helper_is_a_typed_error_and_the_next_call_starts_a_new_one(
        running: Helper, tmp_path: Path) -> None:
    first = running.call("os:getpid")
    with pytest.raises(HelperError) as caught:  # it dies in the middle of the call, twice
        running.call("os:_exit", 3)
    assert "stopped" in caught.value.detail and running.starts == 2  # tried on a new one too
    second = running.call("os:getpid")
    assert second != first and running.starts == 3
    os.kill(second, signal.SIGKILL)  # dead between two calls: replaced, the call goes through
    assert running.call("os:getpid") not in (first, second) and running.starts == 4
    image = make_image(tmp_path / "cat.png", "100x80")
    assert probe(image).width == 100


def test_a_hung_call_is_killed_at_its_timeout(running: Helper) -> None:
    started = time.monotonic()
    with pytest.raises(HelperError) as caught:
        running.call("time:sleep", 30, timeout=1.0)
    assert time.monotonic() - started < 10
    assert "in time" in caught.value.detail
    assert running.call("operator:add", 2, 3) == 5


def test_a_helper_crash_while_probing_is_an_unreadable_file(running: Helper,
                                                             tmp_path: Path) -> None:
    """What a decoder crash on a hostile file looks like to the upload: a clear media error,
    not a dead engine."""
    running.call("os:getpid")
    target = tmp_path / "hostile.mp4"
    target.write_bytes(b"\x00" * 64)
    running.timeout = 0.5
    os.kill(running.pid or 0, signal.SIGSTOP)  # a decoder stuck for good
    with pytest.raises(media.UnreadableMediaError) as caught:
        probe(target)
    assert caught.value.name == "hostile.mp4"
    running.timeout = helper.CALL_TIMEOUT
    assert probe(make_image(tmp_path / "fine.png", "64x48")).width == 64  # a new helper


def test_the_helper_ends_when_the_engine_closes_its_pipe(running: Helper) -> None:
    pid = running.call("os:getpid")
    proc = running._proc
    assert proc is not None and proc.stdin is not None
    proc.stdin.close()  # what the kernel does when the engine dies
    assert proc.wait(10) == 0
    running._proc = None
    assert running.call("os:getpid") != pid


def test_big_encodes_pause_the_helper_and_measurements_use_their_estimate(
        running: Helper) -> None:
    fit._by_helper.cache_clear()
    running.start()
    with helper.encoding(540, 960) as paused:  # a preview: the helper stays
        assert not paused and running.pid is not None
    with helper.encoding(1080, 1920) as paused:
        assert paused and running.pid is None and running.paused
        during = fit.measure("WHEN THE CODE COMPILES ON THE FIRST TRY", "classic", "top",
                             1.0, 1080, 1920)
        assert not during.exact and running.pid is None  # not started again for a guess
    assert not running.paused
    deadline = time.monotonic() + 30
    while running.pid is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert running.pid is not None  # back in the background after the encode
    after = fit.measure("WHEN THE CODE COMPILES ON THE FIRST TRY", "classic", "top",
                        1.0, 1080, 1920)
    assert after.exact  # laid out by Qt in the helper


def test_the_engine_server_imports_none_of_the_heavy_libraries() -> None:
    code = ("import sys, meme_desktop.engine.server\n"
            "print(sorted(m for m in ('PySide6', 'av', 'numpy') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                          text=True, timeout=120, env={**os.environ, "PYTHONPATH": str(ROOT)},
                          check=True)
    assert done.stdout.strip() == "[]"


def test_a_helper_that_cannot_start_is_said_as_such_not_blamed_on_the_file(
        tmp_path: Path) -> None:
    broken = Helper(command=[sys.executable, "-c", "import sys; sys.exit(3)"])
    previous = helper.install(broken)
    try:
        with pytest.raises(HelperStartError) as caught:
            probe(make_image(tmp_path / "cat.png", "64x48"))
    finally:
        helper.install(previous)
    assert "restart the app" in user_message(caught.value)
    assert not isinstance(caught.value, media.UnreadableMediaError)


def test_a_helper_that_cannot_start_is_not_blamed_on_a_built_in_sound() -> None:
    """Making a built-in sound says the same as probing a file when the helper cannot start
    (it used to say "the sound sfx:vine_boom could not be made")."""
    broken = Helper(command=[sys.executable, "-c", "import sys; sys.exit(3)"])
    previous = helper.install(broken)
    try:
        with pytest.raises(HelperStartError) as caught:
            sound_path("sfx:vine_boom")
    finally:
        helper.install(previous)
    assert "restart the app" in user_message(caught.value)
