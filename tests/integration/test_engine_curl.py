"""The seed's workflow with real ``curl`` against ``meme-desktop engine serve --allow-anonymous``:
anonymous token → session → upload → chat (SSE) → credits → state → render → poll → download.
Every call carries the attribution headers, exactly as the seed's skill sends them."""

from __future__ import annotations

import json
import shutil
import subprocess
import time
import uuid
from pathlib import Path
from typing import Any

import pytest

from tests.helpers.engine_proc import EngineProcess, running_engine
from tests.helpers.media import make_image

ATTRIBUTION = ["-H", "X-Skill-Source: meme-video-generator-free", "-H", "X-Skill-Version: 1.0.0",
               "-H", "X-Skill-Platform: unknown"]


@pytest.fixture
def engine(tmp_path: Path) -> EngineProcess:
    with running_engine(tmp_path / "engine", token=None, anonymous=True) as eng:
        yield eng


def curl(*args: str, token: str | None = None) -> str:
    assert shutil.which("curl"), "curl is required (apt-get install curl)"
    cmd = ["curl", "-sS", "--max-time", "120", *ATTRIBUTION]
    if token:
        cmd += ["-H", f"Authorization: Bearer {token}"]
    done = subprocess.run([*cmd, *args], capture_output=True, text=True, timeout=150)
    assert done.returncode == 0, done.stderr
    return done.stdout


def curl_json(*args: str, token: str | None = None) -> dict[str, Any]:
    return json.loads(curl(*args, token=token))


def test_seed_workflow_with_curl(engine: EngineProcess, tmp_path: Path) -> None:
    base = engine.base_url
    # §1: a client id, then a free starter token
    client_id = str(uuid.uuid4())
    auth = curl_json("-X", "POST", f"{base}/api/auth/anonymous-token",
                     "-H", f"X-Client-Id: {client_id}")
    assert auth["code"] == 0
    token = auth["data"]["token"]
    # §3.0: a session
    session = curl_json("-X", "POST", f"{base}/api/tasks/me/with-session/nemo_agent",
                        "-H", "Content-Type: application/json",
                        "-d", '{"task_name":"project","language":"en"}', token=token)
    sid = session["data"]["session_id"]
    # §3.2: upload
    image = make_image(tmp_path / "reaction.jpg", size="480x360")
    up = curl_json("-X", "POST", f"{base}/api/upload-video/nemo_agent/me/{sid}",
                   "-F", f"files=@{image}", token=token)
    assert up["code"] == 0 and up["data"]["files"][0]["file_type"] == "image"
    image_hash = up["data"]["files"][0]["hash"]
    # §3.1: one chat turn as SSE
    body = {"app_name": "nemo_agent", "user_id": "me", "session_id": sid,
            "new_message": {"parts": [{"text": 'turn this image into a meme with '
                                                '"WHEN THE CODE COMPILES" at the top'}]}}
    stream = curl("-N", "-X", "POST", f"{base}/run_sse", "-H", "Content-Type: application/json",
                  "-H", "Accept: text/event-stream", "-d", json.dumps(body), token=token)
    events = [json.loads(line[5:]) for line in stream.splitlines()
              if line.startswith("data:") and line[5:].strip()]
    assert any(e["type"] == "text" and e["content"].strip() for e in events)
    # §3.3: credits
    credits = curl_json(f"{base}/api/credits/balance/simple", token=token)
    assert {"available", "frozen", "total"} <= set(credits["data"])
    # §3.4: state
    st = curl_json(f"{base}/api/state/nemo_agent/me/{sid}/latest", token=token)
    draft = st["data"]["state"]["draft"]
    assert any(s.get("txt") == "WHEN THE CODE COMPILES" for t in draft["t"] for s in t["sg"])
    if not any(t["tt"] == 0 and t["sg"] for t in draft["t"]):
        draft["t"].insert(0, {"id": "v1", "tt": 0, "n": "Video", "sg": [
            {"id": "s90", "src": image_hash, "st": 0, "d": 2000, "fit": "blur"}]})
    draft["m"].update(width=360, height=640, fps=15)
    for track in draft["t"]:
        for seg in track["sg"]:
            seg["d"] = min(seg["d"], 2000)
    # §3.5: export, poll, download
    job_id = f"render_{int(time.time() * 1000)}"
    submit = curl_json("-X", "POST", f"{base}/api/render/proxy/lambda",
                       "-H", "Content-Type: application/json",
                       "-d", json.dumps({"id": job_id, "sessionId": sid, "draft": draft,
                                         "output": {"format": "mp4", "quality": "high"}}),
                       token=token)
    assert submit["success"] is True and submit["data"]["status"] == "pending"
    deadline = time.monotonic() + 120
    status: dict[str, Any] = {}
    while time.monotonic() < deadline:
        status = curl_json(f"{base}/api/render/proxy/lambda/{job_id}", token=token)["data"]
        if status["status"] in ("completed", "failed"):
            break
        time.sleep(0.5)
    assert status["status"] == "completed", status
    out = tmp_path / "meme.mp4"
    curl("-o", str(out), "-w", "%{http_code}", status["outputUrl"], token=token)
    assert out.stat().st_size > 1000 and out.read_bytes()[4:8] == b"ftyp"
    log = (engine.data_dir / "engine.log").read_text()
    assert "source='meme-video-generator-free'" in log and token not in log


def test_ops_extension_with_curl(engine: EngineProcess, tmp_path: Path) -> None:
    """docs/protocol.md's curl examples for the typed operations: schema, apply, refuse."""
    base = engine.base_url
    schema = curl_json(f"{base}/api/ops/schema")
    assert schema["type"] == "array" and schema["items"]["anyOf"][0]["title"] == "add_caption"
    token = curl_json("-X", "POST", f"{base}/api/auth/anonymous-token",
                      "-H", f"X-Client-Id: {uuid.uuid4()}")["data"]["token"]
    sid = curl_json("-X", "POST", f"{base}/api/tasks/me/with-session/nemo_agent",
                    "-H", "Content-Type: application/json", "-d", '{"task_name":"ops"}',
                    token=token)["data"]["session_id"]
    image = make_image(tmp_path / "cat.png", size="320x240")
    h = curl_json("-X", "POST", f"{base}/api/upload-video/nemo_agent/me/{sid}",
                  "-F", f"files=@{image}", token=token)["data"]["files"][0]["hash"]
    ops = {"ops": [{"op": "add_media", "asset": h},
                   {"op": "add_caption", "txt": "WHEN THE CODE COMPILES", "pos": "top"},
                   {"op": "add_sound", "name": "vine_boom", "st": 2000}],
           "label": "make the meme"}
    done = curl_json("-X", "POST", f"{base}/api/ops/nemo_agent/me/{sid}",
                     "-H", "Content-Type: application/json", "-d", json.dumps(ops), token=token)
    assert done["code"] == 0 and done["data"]["version"] == 1
    assert done["data"]["changes"][1]["en"].startswith('Added the caption "WHEN THE CODE')
    refused = curl("-X", "POST", f"{base}/api/ops/nemo_agent/me/{sid}", "-w", "\n%{http_code}",
                   "-H", "Content-Type: application/json",
                   "-d", '{"ops":[{"op":"move_segment","id":"s2","st":-5}]}', token=token)
    body, status = refused.rsplit("\n", 1)
    assert status == "400" and "ops[0] (move_segment), field 'st'" in json.loads(body)["message"]


def test_history_and_sounds_extensions_with_curl(engine: EngineProcess, tmp_path: Path) -> None:
    """docs/protocol.md's curl examples for undo / redo without a chat turn and for the
    built-in sounds' WAV."""
    base = engine.base_url
    token = curl_json("-X", "POST", f"{base}/api/auth/anonymous-token",
                      "-H", f"X-Client-Id: {uuid.uuid4()}")["data"]["token"]
    sid = curl_json("-X", "POST", f"{base}/api/tasks/me/with-session/nemo_agent",
                    "-H", "Content-Type: application/json", "-d", '{"task_name":"undo"}',
                    token=token)["data"]["session_id"]
    curl_json("-X", "POST", f"{base}/api/ops/nemo_agent/me/{sid}", "-H",
              "Content-Type: application/json", "-d", json.dumps(
                  {"ops": [{"op": "add_caption", "txt": "HI", "pos": "top"}],
                   "label": "move caption"}), token=token)
    undone = curl_json("-X", "POST", f"{base}/api/history/nemo_agent/me/{sid}",
                       "-H", "Content-Type: application/json", "-d", '{"step":-1}', token=token)
    assert undone["code"] == 0 and undone["data"]["moved"] is True
    assert undone["data"]["label"] == "move caption" and undone["data"]["step"] == -1
    assert undone["data"]["state"]["history"]["can_redo"] is True
    refused = curl("-X", "POST", f"{base}/api/history/nemo_agent/me/{sid}", "-w",
                   "\n%{http_code}", "-H", "Content-Type: application/json", "-d",
                   '{"step":2}', token=token)
    body, status = refused.rsplit("\n", 1)
    assert status == "400" and json.loads(body)["message"] == (
        'Bad request: "step" must be -1 (undo) or 1 (redo).')
    wav = tmp_path / "vine_boom.wav"
    curl("-o", str(wav), f"{base}/api/sounds/sfx/vine_boom", token=token)
    assert wav.read_bytes()[:4] == b"RIFF" and wav.stat().st_size > 10_000
