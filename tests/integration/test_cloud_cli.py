"""``meme-desktop make`` and ``chat`` with ``--backend cloud``, as subprocesses against the fake
hosted backend (issue 16): GUI phrases become actions, a lost session keeps its media, an
instruction with no effect is named (and ``make`` exports nothing), drafts pass through
untouched, and the 7-day token rule is explained once."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers.fake_cloud import VIDEO, FakeCloud, FakeCloudServer
from tests.helpers.media import make_image

STICKERS = {"id": "k1", "tt": 9, "n": "Stickers", "sg": [
    {"id": "k1a", "st": 0, "d": 2000, "sticker": "party_parrot"}]}
EXPORT_REPLY = "Done! Click the Export button to download your video."
DRAG_REPLY = "You can drag the clip in the timeline to move it."


@pytest.fixture
def fake() -> Iterator[FakeCloud]:
    with FakeCloudServer() as cloud:
        cloud.render_polls = 0
        yield cloud


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    make_image(tmp_path / "img.png", size="320x180")
    return tmp_path


def _run(cloud: FakeCloud, folder: Path, *args: str,
         stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NEMO_API_URL": cloud.base_url}
    return subprocess.run([sys.executable, "-m", "meme_desktop", *args, "--backend", "cloud"],
                          cwd=folder, env=env, input=stdin, capture_output=True, text=True,
                          timeout=120, check=False)


def _exports(cloud: FakeCloud) -> list[dict]:
    return [j["body"] for j in cloud.jobs.values()]


# -- make ------------------------------------------------------------------------------------

def test_make_turns_gui_phrases_into_actions(fake: FakeCloud, folder: Path) -> None:
    fake.effects.extend(["none", "move", "caption"])
    fake.replies.extend([DRAG_REPLY, "", EXPORT_REPLY])
    result = _run(fake, folder, "make", "img.png", "--say", "start the picture at 2 seconds",
                  "--say", "put hello on top", "-o", "out.mp4")
    assert result.returncode == 0, result.stderr
    assert "drag" in fake.messages[1].lower()  # the drag went back to the service as an edit
    lines = result.stdout.splitlines()
    assert "Done. Moved img.png to 2s." in lines  # on its own line, not glued to the reply
    assert "Done!" in lines
    for phrase in ("drag", "Click", "Export button", "timeline"):
        assert phrase not in result.stdout
    assert len(_exports(fake)) == 1  # the export button meant the one export
    assert (folder / "out.mp4").read_bytes() == VIDEO


def test_make_rebuilds_a_lost_session_with_its_media(fake: FakeCloud, folder: Path) -> None:
    fake.lose_session_at_turn = 2
    result = _run(fake, folder, "make", "img.png", "--say", "top text hello", "--say",
                  "bottom text bye", "-o", "out.mp4")
    assert result.returncode == 0, result.stderr
    assert ("The service had lost this project, so I started a new one and uploaded img.png "
            "again and repeated 1 earlier instruction (“top text hello”).") in result.stderr
    (job,) = fake.jobs.values()
    assert not job["missing"]  # the picture is in the new session
    srcs = [s.get("src") or s.get("txt") for t in job["body"]["draft"]["t"] for s in t["sg"]]
    assert len(srcs) == 3 and srcs[1:] == ["TOP TEXT HELLO", "BOTTOM TEXT BYE"]
    assert (folder / "out.mp4").read_bytes() == VIDEO


def test_make_exports_nothing_after_an_instruction_with_no_effect(fake: FakeCloud,
                                                                  folder: Path) -> None:
    fake.sse_mode = "idle"  # heartbeats, then the stream closes: nothing said, nothing done
    result = _run(fake, folder, "make", "img.png", "--say", "make it funnier", "-o", "out.mp4")
    assert result.returncode == 1
    assert result.stderr.strip().endswith(
        "Nothing changed after “make it funnier”, so no video was exported. Say it another "
        "way, or add --export-anyway to export the video as it is.")
    assert not (folder / "out.mp4").exists() and fake.jobs == {}
    anyway = _run(fake, folder, "make", "img.png", "--say", "make it funnier", "-o", "out.mp4",
                  "--export-anyway")
    assert anyway.returncode == 0, anyway.stderr
    assert "Nothing changed after “make it funnier”." in anyway.stderr
    assert (folder / "out.mp4").read_bytes() == VIDEO


def test_make_passes_an_unknown_track_through_untouched(fake: FakeCloud, folder: Path) -> None:
    fake.extra_tracks = [STICKERS]
    result = _run(fake, folder, "make", "img.png", "--say", "hi", "-o", "out.mp4")
    assert result.returncode == 0, result.stderr
    (body,) = _exports(fake)
    assert body["draft"] == fake.sessions[body["sessionId"]]["draft"]
    assert body["draft"]["t"][1] == STICKERS


def test_make_explains_the_7_day_rule_once(fake: FakeCloud, folder: Path) -> None:
    make_image(folder / "two.png", size="320x180")
    fake.strict_tokens = True
    fake.revoke_on = "upload"  # the token expires between sign-in and the first upload
    result = _run(fake, folder, "make", "img.png", "two.png", "--say", "hi", "-o", "out.mp4")
    assert result.returncode == 1
    assert result.stderr.count("Your free NemoVideo sign-in has expired") == 1
    assert "paste a token in Settings" in result.stderr
    assert "busy" not in result.stderr and "None of the files" not in result.stderr
    assert len(fake.client_ids) == 2 and len(set(fake.client_ids)) == 1  # same client id
    assert not (folder / "out.mp4").exists()


# -- chat ------------------------------------------------------------------------------------

def test_chat_on_the_cloud_follows_the_brief(fake: FakeCloud, folder: Path) -> None:
    fake.extra_tracks = [STICKERS]
    # turns: the drag reply and its follow-up, a silent turn that changes nothing, then the
    # third message finds its session gone: the first message is replayed, then it is sent
    fake.effects.extend(["none", "move", "none", "move", "caption"])
    fake.replies.extend([DRAG_REPLY, "", "", "", EXPORT_REPLY])
    fake.lose_session_at_turn = 4
    lines = "start the picture at 2 seconds\nmake it funnier\nadd hi\nstatus\n"
    result = _run(fake, folder, "chat", "img.png", "--new", "-o", "out.mp4", stdin=lines)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Done. Moved img.png to 2s." in out.splitlines()
    assert "drag" not in out and "Click" not in out
    assert "Nothing changed after “make it funnier”. Could you say it another way?" in \
        result.stderr
    assert ("The service had lost this project, so I started a new one and uploaded img.png "
            "again and repeated 1 earlier instruction (“start the picture at 2 seconds”).") in \
        result.stderr
    assert f"Saved {folder / 'out.mp4'}" in out  # "Click the Export button" became the export
    (body,) = _exports(fake)
    assert body["draft"] == fake.sessions[body["sessionId"]]["draft"]
    assert STICKERS in body["draft"]["t"]
    assert "2. Stickers: k1a (0-2s)" in out  # the status line names the unknown track


def test_chat_explains_the_7_day_rule_once_and_goes_on(fake: FakeCloud, folder: Path) -> None:
    make_image(folder / "two.png", size="320x180")
    fake.strict_tokens = True
    fake.revoke_on = "upload"
    result = _run(fake, folder, "chat", "img.png", "two.png", "--new", stdin="add hi\ncredits\n")
    assert result.returncode == 0, result.stderr
    assert result.stderr.count("Your free NemoVideo sign-in has expired") == 1
    assert "Still no free sign-in (one per 7 days)" in result.stderr
    assert len(fake.client_ids) == 2
