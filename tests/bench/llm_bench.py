"""Own-model benchmark (DESIGN.md §10): ``python tests/bench/llm_bench.py [--turns N]``.

A stub OpenAI-compatible server on loopback (``tests/helpers/stub_model.py``) answers at once,
so what is measured is the cost of the model path itself: building the prompt and schema, one
HTTP exchange on a fresh loopback connection, parsing and validating the answer, the trial
apply, and the turn's save. Rows, median and p90 over ``--turns`` turns:

(a) in-process (``engine.edits.chat_turn`` on a real store, no engine HTTP):
    - fast path, no model configured: a rules command ("add 'A1' at the top");
    - fast path, model configured: the same command (the model is never asked);
    - model path: a message the rules do not understand, the stub answering the same
      operation (one ``add_caption``);
    - the stub alone: the same request sent straight to the stub with a plain client;
    - overhead = model path − fast path − the stub alone (target under 30 ms).
(b) over the real engine (``meme-desktop engine serve`` subprocess, ``POST /run_sse`` until the
    stream closes): fast path without a model, fast path with one, the model path.

Numbers only (no pass/fail); not collected by pytest.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
TMP = Path(tempfile.mkdtemp(prefix="meme-llm-bench-"))
for _name in ("DATA", "CONFIG", "CACHE"):
    os.environ[f"MEME_DESKTOP_{_name}_DIR"] = str(TMP / _name.lower())
os.environ.setdefault("SKILL_SOURCE", "bench")

import httpx  # noqa: E402

from meme_desktop.draft import Draft  # noqa: E402
from meme_desktop.engine.agent.llm import ModelClient, ModelConfig, prompt  # noqa: E402
from meme_desktop.engine.edits import chat_turn  # noqa: E402
from meme_desktop.engine.store import AssetRow, Store  # noqa: E402
from tests.helpers.engine_proc import running_engine  # noqa: E402
from tests.helpers.media import make_image  # noqa: E402
from tests.helpers.stub_model import Answer, Seen, StubModel  # noqa: E402
from tests.integration.test_engine_api import chat, new_session, upload  # noqa: E402

MODEL_TEXT = "write a caption about mondays that feels like a tuesday"


def caption_answer(seen: Seen) -> Answer:
    """The stub's instant answer: one caption, named after the turn it answers."""
    return Answer({"ops": [{"op": "add_caption", "txt": f"B{len(seen.body)}", "pos": "top"}],
                   "reply": "Added a caption."})


def stats(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, int(len(ordered) * 0.9))]


def timed(fn: Callable[[], object]) -> float:
    started = time.perf_counter()
    fn()
    return (time.perf_counter() - started) * 1000


def in_process(stub: StubModel, turns: int) -> dict[str, list[float]]:
    store = Store(TMP / "store")
    model = ModelClient(ModelConfig(stub.base_url, "stub-model", "", 30))
    model.warm()
    sessions = {}
    for name in ("plain", "fast", "model"):
        sid = store.create_session("bench", name, "en").session_id
        store.add_asset(sid, AssetRow("c" * 64, "image", "png", 10,
                                      {"width": 640, "height": 480}), "cat.png")
        chat_turn(store, sid, "add 'WARM' at the bottom")
        sessions[name] = sid
    body = json.dumps({"messages": prompt.edit_messages(MODEL_TEXT, Draft.empty(), []),
                       "response_format": {"type": "json_schema", "json_schema": {
                           "name": "meme_edit", "schema": prompt.edit_schema()}}})
    # a new connection per request, like the model client; the client itself made once
    plain_client = httpx.Client(trust_env=False, limits=httpx.Limits(max_keepalive_connections=0))
    out: dict[str, list[float]] = {k: [] for k in ("plain", "fast", "model", "stub")}
    for i in range(turns):
        command = f"add 'A{i}' at the top"
        out["plain"].append(timed(lambda t=command: chat_turn(store, sessions["plain"], t)))
        out["fast"].append(timed(lambda t=command: chat_turn(store, sessions["fast"], t,
                                                             model)))
        out["model"].append(timed(lambda: chat_turn(store, sessions["model"], MODEL_TEXT,
                                                    model)))

        def raw() -> None:
            plain_client.post(stub.base_url + "/chat/completions", content=body,
                              headers={"Content-Type": "application/json"}).json()

        out["stub"].append(timed(raw))
    assert len(stub.completions()) == turns * 2, "the fast path asked the model"
    plain_client.close()
    store.close()
    return out


def over_http(stub: StubModel, turns: int, image: Path) -> dict[str, list[float]]:
    out: dict[str, list[float]] = {"plain": [], "fast": [], "model": []}
    env = {"MEME_DESKTOP_LLM_URL": stub.base_url, "MEME_DESKTOP_LLM_MODEL": "stub-model"}
    with running_engine(TMP / "engine-plain") as plain:
        os.environ.update(env)
        try:
            with running_engine(TMP / "engine-model") as modelled:
                runs = []
                for engine, key in ((plain, "plain"), (modelled, "fast"), (modelled, "model")):
                    client = engine.client()
                    sid = new_session(client)
                    upload(client, sid, image)
                    chat(client, sid, "add 'WARM' at the bottom")
                    runs.append((client, sid, key))
                for i in range(turns):
                    for client, sid, key in runs:
                        text = MODEL_TEXT if key == "model" else f"add 'A{i}' at the top"
                        out[key].append(timed(lambda c=client, s=sid, t=text: chat(c, s, t)))
        finally:
            for name in env:
                os.environ.pop(name, None)
    return out


def row(label: str, samples: list[float]) -> None:
    median, p90 = stats(samples)
    print(f"  {label:<46} median {median:7.2f} ms   p90 {p90:7.2f} ms")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--turns", type=int, default=30)
    args = parser.parse_args()
    print(f"load average at start: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    with StubModel(default=caption_answer) as stub:
        local = in_process(stub, args.turns)
        print(f"(a) in-process chat_turn, {args.turns} turns each")
        row("fast path, no model configured", local["plain"])
        row("fast path, model configured (not asked)", local["fast"])
        row("model path (stub answers at once)", local["model"])
        row("the stub alone (same request, plain client)", local["stub"])
        overhead = [m - f - s for m, f, s in zip(local["model"], local["fast"], local["stub"],
                                                 strict=True)]
        row("overhead of the model path (target < 30 ms)", overhead)
        image = make_image(TMP / "cat.png", size="320x240")
        remote = over_http(stub, args.turns, image)
        print(f"(b) over the real engine, POST /run_sse, {args.turns} turns each")
        row("fast path, no model configured", remote["plain"])
        row("fast path, model configured", remote["fast"])
        row("model path (stub answers at once)", remote["model"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
