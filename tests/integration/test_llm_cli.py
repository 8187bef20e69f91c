"""``meme-desktop chat`` and ``make`` honour ``MEME_DESKTOP_LLM_*`` from the shell: the engine
they start asks the person's model (a stub OpenAI-compatible server on loopback) for what the
rules do not understand, and answers alone when the model fails."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers.media import make_image
from tests.helpers.stub_model import Answer, Seen, Status, StubModel, asset_ids, edit

KEY = "sk-cli-93ab71c0"


def dance(seen: Seen) -> Answer:
    return edit([{"op": "add_media", "asset": asset_ids(seen)[-1]},
                 {"op": "add_caption", "txt": "NOBODY:", "pos": "top"}],
                reply="Here's your dancing picture.")


@pytest.fixture
def stub() -> Iterator[StubModel]:
    with StubModel(default=dance) as server:
        yield server


def _run(args: list[str], cwd: Path, stub: StubModel, stdin: str | None = None,
         ) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "MEME_DESKTOP_LLM_URL": stub.base_url,
           "MEME_DESKTOP_LLM_MODEL": "stub-model", "MEME_DESKTOP_LLM_KEY": KEY,
           "MEME_DESKTOP_LLM_TIMEOUT": "5"}
    return subprocess.run([sys.executable, "-m", "meme_desktop", *args], cwd=cwd, env=env,
                          input=stdin, capture_output=True, text=True, timeout=240,
                          check=False)


def test_chat_uses_the_model_from_the_environment(tmp_path: Path, stub: StubModel) -> None:
    make_image(tmp_path / "pic.png", size="320x180")
    stub.then(dance, Status(500))
    lines = ("make the picture dance like nobody is watching\n"
             "now make it spin\n"
             "status\n")
    result = _run(["chat", "pic.png", "--new"], tmp_path, stub, stdin=lines)
    assert result.returncode == 0, result.stderr
    assert "Here's your dancing picture." in result.stdout
    assert "Your model's server had an error (HTTP 500), so the built-in assistant " \
           "answered." in result.stdout
    assert 'Caption: "NOBODY:"' in result.stdout
    assert [r.headers["authorization"] for r in stub.completions()] == [f"Bearer {KEY}"] * 2
    assert KEY not in result.stdout + result.stderr


def test_make_uses_the_model_from_the_environment(tmp_path: Path, stub: StubModel) -> None:
    make_image(tmp_path / "pic.png", size="320x180")
    result = _run(["make", "pic.png", "--say", "make the picture dance like nobody is "
                   "watching", "--quality", "preview", "-o", "out.mp4"], tmp_path, stub)
    assert result.returncode == 0, result.stderr
    assert "Here's your dancing picture." in result.stdout
    assert (tmp_path / "out.mp4").stat().st_size > 0
    assert len(stub.completions()) == 1
