"""Damaged copies of every accepted kind of file: a typed refusal or a result, never a crash.

Small real files of each type (PNG, JPEG, GIF, still and animated WebP, WAV, MP3, M4A, WebM,
MOV, MP4, MKV) are made by ffmpeg, then mutated by a seeded generator: cut at a random point,
bytes flipped, a run of zeros, a header byte changed and cut, a stretch duplicated. Probing
and thumbnailing each mutant must either work or raise a typed ``MediaError``; before, a
damaged MP3 or M4A thumbnail raised FFmpeg's own errors and odd metadata a
``UnicodeDecodeError`` (HTTP 500). A sample of the mutants also goes to the real engine, which
must answer each with a result or a clear 4xx and stay up with the good file untouched.
"""

from __future__ import annotations

import random
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from meme_desktop.config import ffmpeg_exe
from meme_desktop.engine.errors import MediaError
from meme_desktop.engine.media import probe, thumbnail
from tests.helpers.engine_proc import EngineProcess, running_engine
from tests.helpers.media import make_image
from tests.integration.test_engine_api import new_session, state, upload

SEEDS = {
    "seed.png": ["-f", "lavfi", "-i", "testsrc2=s=48x32", "-frames:v", "1"],
    "seed.jpg": ["-f", "lavfi", "-i", "testsrc2=s=48x32", "-frames:v", "1"],
    "seed.gif": ["-f", "lavfi", "-i", "testsrc2=s=48x32:r=10:d=0.5"],
    "seed.webp": ["-f", "lavfi", "-i", "testsrc2=s=48x32", "-frames:v", "1"],
    "anim.webp": ["-f", "lavfi", "-i", "testsrc2=s=48x32:r=10:d=0.6", "-c:v", "libwebp_anim",
                  "-loop", "0"],
    "seed.wav": ["-f", "lavfi", "-i", "sine=d=0.5"],
    "seed.mp3": ["-f", "lavfi", "-i", "sine=d=0.5"],
    "seed.m4a": ["-f", "lavfi", "-i", "sine=d=0.5"],
    "seed.webm": ["-f", "lavfi", "-i", "testsrc2=s=48x32:r=10:d=0.6", "-c:v", "libvpx-vp9"],
    "seed.mov": ["-f", "lavfi", "-i", "testsrc2=s=48x32:r=10:d=0.6", "-c:v", "libx264",
                 "-preset", "ultrafast"],
    "seed.mp4": ["-f", "lavfi", "-i", "testsrc2=s=48x32:r=10:d=0.6", "-f", "lavfi", "-i",
                 "sine=d=0.6", "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac",
                 "-shortest"],
    "seed.mkv": ["-f", "lavfi", "-i", "testsrc2=s=48x32:r=10:d=0.6", "-c:v", "libx264",
                 "-preset", "ultrafast"],
}
PER_SEED = 40


def mutate(data: bytes, rnd: random.Random) -> bytes:
    d = bytearray(data)
    kind = rnd.choice(["cut", "flip", "zero", "head", "dup"])
    at = rnd.randrange(len(d))
    if kind == "cut":
        return bytes(d[:max(1, at)])
    if kind == "flip":
        for _ in range(rnd.randint(1, 20)):
            d[rnd.randrange(len(d))] = rnd.randrange(256)
    elif kind == "zero":
        span = min(len(d) - at, rnd.randint(1, 200))
        d[at:at + span] = bytes(span)
    elif kind == "head":
        first = rnd.randrange(min(64, len(d)))
        d[first] = rnd.randrange(256)
        d = d[:rnd.randrange(first + 1, len(d) + 1)]
    else:
        d = d[:at] + d[at:at + 500] + d[at:]
    return bytes(d)


@pytest.fixture(scope="module")
def mutants(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    folder = tmp_path_factory.mktemp("mutants")
    rnd = random.Random(20261129)
    out: list[Path] = []
    for name, args in SEEDS.items():
        seed = folder / name
        subprocess.run([ffmpeg_exe(), "-v", "error", "-y", *args, str(seed)], check=True,
                       stdin=subprocess.DEVNULL)
        data = seed.read_bytes()
        for n in range(PER_SEED):
            path = folder / f"{seed.stem}-{n}{seed.suffix}"
            path.write_bytes(mutate(data, rnd))
            out.append(path)
    return out


def test_probe_and_thumbnail_raise_only_typed_errors(mutants: list[Path]) -> None:
    outcomes = {"ok": 0, "refused": 0}
    for path in mutants:
        try:
            info = probe(path)
            assert info.kind in ("video", "image", "audio")
            assert thumbnail(path, 32)[:4] == b"\x89PNG"
            outcomes["ok"] += 1
        except MediaError:
            outcomes["refused"] += 1
    assert sum(outcomes.values()) == len(mutants) == len(SEEDS) * PER_SEED
    assert outcomes["ok"] and outcomes["refused"]  # the corpus holds both kinds


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EngineProcess]:
    with running_engine(tmp_path_factory.mktemp("engine")) as eng:
        yield eng


def test_the_engine_answers_every_mutant_clearly(engine: EngineProcess, mutants: list[Path],
                                                 tmp_path: Path) -> None:
    client = engine.client()
    sid = new_session(client)
    good = make_image(tmp_path / "good.png", size="40x30")
    keep = upload(client, sid, good).json()["data"]["files"][0]["hash"]
    for path in mutants[::4]:  # every kind, a quarter of the mutants
        r = upload(client, sid, path)
        assert r.status_code in (200, 400, 413), (path.name, r.text[:300])
        body = r.json()
        assert body["message"] and "Traceback" not in body["message"]
        if body["code"] == 0:  # accepted: its thumbnail works too
            digest = body["data"]["files"][0]["hash"]
            thumb = client.get(f"/media/{digest}/thumbnail?size=48")
            assert thumb.status_code in (200, 400), (path.name, thumb.text[:300])
    assert engine.proc.poll() is None
    assert client.get(f"/media/{keep}").content == good.read_bytes()
    assert keep in [f["hash"] for f in state(client, sid)["state"]["video_infos"]]
    assert "unexpected error" not in engine.stderr()
