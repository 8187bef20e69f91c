"""A full disk where the engine keeps its files: an upload is refused with a typed answer
(HTTP 507, code 5007) that the app says in one sentence, in English and Chinese (it used to be
a 500, shown as "The built-in engine had a problem. Try again in a moment.")."""

from __future__ import annotations

import errno
from collections.abc import Iterator
from pathlib import Path

import pytest

from meme_desktop.api import errors as e
from meme_desktop.api.errors import error_for
from meme_desktop.assistant.messages import Context, user_message
from meme_desktop.engine.protocol_errors import error_payload
from tests.helpers.engine_proc import running_engine
from tests.helpers.small_disk import small_disk as mounted_disk
from tests.integration.test_engine_api import new_session

SENTENCE = ("There is no free space left on the disk where the app keeps its files. "
            "Free some space, then try again.")


def test_no_space_left_is_one_sentence_not_a_server_problem() -> None:
    status, code, _ = error_payload(OSError(errno.ENOSPC, "No space left on device"))
    assert (status, code) == (507, 5007)
    error = error_for(status, {"code": code, "message": "", "data": None}, endpoint="/x")
    assert isinstance(error, e.DiskFullError) and not error.retryable
    assert isinstance(error_for(507, None), e.DiskFullError)
    assert user_message(error, Context(backend="local")) == SENTENCE
    assert user_message(error, Context(backend="local", language="zh")) == (
        "应用保存文件的磁盘已经没有空间了。请腾出一些空间后再试。")
    assert error_payload(OSError(errno.EACCES, "denied"))[0] == 500  # other faults stay 500


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 2 MB tmpfs (needs the right to mount; skipped otherwise)."""
    with mounted_disk(tmp_path / "disk") as folder:
        yield folder


def test_an_upload_onto_a_full_disk_is_refused_as_a_full_disk(small_disk: Path) -> None:
    with running_engine(small_disk / "engine", anonymous=True) as engine:
        client = engine.client()
        sid = new_session(client)
        r = client.post(f"/api/upload-video/nemo_agent/me/{sid}",
                        files=[("files", ("big.png", b"\x89PNG" + bytes(3_000_000)))])
        assert r.status_code == 507, r.text
        assert r.json()["code"] == 5007 and r.json()["message"] == SENTENCE
        assert client.get("/health").status_code == 200  # the engine goes on
