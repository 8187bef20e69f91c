"""Turn latency against history length: ``python tests/bench/turn_bench.py``.

Starts the real engine (``meme-desktop engine serve``, a temporary data folder), then
``--clients`` threads each open a session and send ``--turns`` chat edits one after another,
with a chat-history read and a state read every ten turns, as the app does. ``--edit change``
(the default) adds one caption and then rewrites its text every turn (``change the caption to
"EDIT n"``): the draft keeps its size and only the history grows. ``--edit add`` adds a new
caption every turn (``put "EDIT n" on top``), as the outside probe did: the draft itself grows
too, so part of the cost is the draft's size, not the history. Every turn is timed from the request to
the end of its event stream. Printed per window of ``--window`` turns: median and p95 latency,
the versions each session holds and the database size; then the ratio of the last window's p95
to the first one's. A flat history cost shows as a ratio near 1.

The engine code is whatever ``meme_desktop`` the environment imports (``PYTHONPATH``), so the
same script measures two checkouts: ``PYTHONPATH=/path/to/other/checkout python ...``.
Not collected by pytest (tests/bench is outside the test paths).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.append(str(ROOT))  # after PYTHONPATH: the checkout under test wins

import httpx  # noqa: E402

from tests.helpers.engine_proc import running_engine  # noqa: E402


def _turn(client: httpx.Client, sid: str, text: str) -> float:
    body = {"app_name": "nemo_agent", "user_id": "me", "session_id": sid,
            "new_message": {"parts": [{"text": text}]}}
    started = time.perf_counter()
    with client.stream("POST", "/run_sse", json=body,
                       headers={"Accept": "text/event-stream"}) as r:
        for line in r.iter_lines():
            if line.startswith("data:") and '"error"' in line:
                raise RuntimeError(line)
    return time.perf_counter() - started


EDITS = {"change": 'change the caption to "EDIT NUMBER {n}"',
         "add": 'put "EDIT NUMBER {n}" on top'}


def _client_run(base: str, headers: dict[str, str], turns: int, edit: str,
                out: list[tuple[int, float]]) -> None:
    with httpx.Client(base_url=base, headers=headers, timeout=120) as client:
        r = client.post("/api/tasks/me/with-session/nemo_agent", json={"task_name": "bench"})
        sid = r.json()["data"]["session_id"]
        if edit == "change":
            _turn(client, sid, 'add "EDIT NUMBER 0" at the top')
        for n in range(turns):
            out.append((n, _turn(client, sid, EDITS[edit].format(n=n))))
            if n % 10 == 9:  # the app reads the transcript and the state now and then
                client.get(f"/api/sessions/{sid}/messages")
                client.get(f"/api/state/nemo_agent/me/{sid}/latest")


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--turns", type=int, default=500, help="turns per client")
    parser.add_argument("--window", type=int, default=100)
    parser.add_argument("--edit", choices=tuple(EDITS), default="change")
    args = parser.parse_args()
    import meme_desktop

    print(f"engine code: {Path(meme_desktop.__file__).parent}")
    with tempfile.TemporaryDirectory(prefix="meme-turn-bench-") as tmp, \
            running_engine(Path(tmp) / "engine") as engine:
        results: list[list[tuple[int, float]]] = [[] for _ in range(args.clients)]
        threads = [threading.Thread(target=_client_run, args=(engine.base_url, engine.headers,
                                                              args.turns, args.edit, results[i]))
                   for i in range(args.clients)]
        started = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.perf_counter() - started
        db = engine.data_dir / "engine.db"
        size = sum(p.stat().st_size for p in db.parent.glob("engine.db*"))
        with engine.client() as client:
            sessions = client.get("/api/sessions").json()["data"]["sessions"]
            hist = client.get(f"/api/state/nemo_agent/me/{sessions[0]['session_id']}/latest"
                              ).json()["data"]["history"]
    print(f"{args.clients} clients x {args.turns} turns in {wall:.1f} s; database "
          f"{size / 1e6:.1f} MB; last session history {json.dumps(hist)}")
    print(f"{'turns':>11}  {'median ms':>9}  {'p95 ms':>7}")
    windows: list[tuple[float, float]] = []
    for start in range(0, args.turns, args.window):
        values = [v for res in results for n, v in res if start <= n < start + args.window]
        med, p95 = statistics.median(values) * 1000, _p95(values) * 1000
        windows.append((med, p95))
        print(f"{start:>5}-{start + args.window - 1:<5}  {med:9.1f}  {p95:7.1f}")
    first, last = windows[0], windows[-1]
    print(f"last / first window: median x{last[0] / first[0]:.2f}, p95 x{last[1] / first[1]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
