"""Probes for ``tests/bench/app_bench.py``: chat-edit timing hooks, process-tree memory, the table.

:class:`EditProbe` wraps (on the instances, never the classes) the pieces one chat edit goes
through — the assistant's state reads, the turn stream, the client's SSE parsing, the track
view's ``set_draft`` and its viewport paint — and records one :class:`EditTiming` per edit.
:class:`TreeMemory` polls ``/proc`` every 50 ms for the summed VmRSS of a process and all its
descendants.
"""

from __future__ import annotations

import asyncio
import os
import threading
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QEvent, QObject, QTimer

import meme_desktop.api.stream as stream_mod

now = time.perf_counter


async def until(condition: Callable[[], object], timeout: float) -> None:
    """Poll ``condition`` on the running (qasync) loop every 10 ms."""
    deadline = now() + timeout
    while not condition():
        if now() > deadline:
            raise TimeoutError(f"condition not met within {timeout:.0f} s")
        await asyncio.sleep(0.01)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


@dataclass
class Row:
    what: str
    target: str
    measured: str
    ok: bool | None  # None: information only


def print_table(rows: list[Row], load: tuple[float, float, float]) -> None:
    width = max(len(r.what) for r in rows)
    print(f"\nMeme Desktop app bench ({os.cpu_count()} cores, load average "
          f"{load[0]:.1f} {load[1]:.1f} {load[2]:.1f})\n")
    print(f"{'measure':<{width}}  {'target':<9} {'result':<6} measured")
    print("-" * (width + 60))
    for r in rows:
        verdict = "" if r.ok is None else ("PASS" if r.ok else "FAIL")
        print(f"{r.what:<{width}}  {r.target:<9} {verdict:<6} {r.measured}")


@dataclass
class EditTiming:
    started: float = 0.0
    reads: list[tuple[float, float]] = field(default_factory=list)  # (started, seconds)
    sse_start: float = 0.0
    sse_first: float = 0.0
    sse_end: float = 0.0
    consumer: float = 0.0  # time the app spent on streamed events (chat bubbles) mid-stream
    parse: float = 0.0
    drawn_start: float = 0.0
    drawn_end: float = 0.0
    painted: float = 0.0
    paint: float = 0.0

    @property
    def total(self) -> float:
        return (self.painted or self.drawn_end) + self.paint - self.started

    @property
    def before(self) -> float:
        """State reads before the turn's request (none when the snapshot stood in)."""
        return sum(d for t, d in self.reads if t < self.sse_start)

    @property
    def after(self) -> float:
        return sum(d for t, d in self.reads if t >= self.sse_start)

    @property
    def sse(self) -> float:
        return self.sse_end - self.sse_start - self.consumer

    @property
    def first_byte(self) -> float:
        return self.sse_first - self.sse_start

    @property
    def tail(self) -> float:
        return self.sse_end - self.sse_first - self.consumer

    @property
    def redraw(self) -> float:
        return self.drawn_end - self.drawn_start

    @property
    def to_paint(self) -> float:
        return (self.painted - self.drawn_end if self.painted else 0.0) + self.paint

    @property
    def other(self) -> float:
        return self.total - self.before - self.sse - self.after - self.redraw - self.to_paint


class _PaintTimer(QObject):
    """Notes when the track view's viewport gets its first paint event after the redraw.

    (Painting it from here via ``viewportEvent`` would time the paint itself, but PySide6 6.12
    leaks a reference on every such call and crashes at exit; the paint's own cost is measured
    once per edit with a synchronous ``repaint()`` instead.)
    """

    def __init__(self, probe: EditProbe) -> None:
        super().__init__()
        self.probe = probe

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        cur = self.probe.current
        if event.type() == QEvent.Type.Paint and cur is not None and cur.drawn_end \
                and not cur.painted:
            cur.painted = now()
        return False


class EditProbe:
    """Times chat edits through the real window (see the module docstring)."""

    BREAKDOWN = (
        ("state read before the turn", "before"),
        ("SSE turn: request → first event (engine works)", "first_byte"),
        ("SSE turn: request → stream closed", "sse"),
        ("  first event → stream closed", "tail"),
        ("  client SSE parsing (in the above)", "parse"),
        ("chat reply bubbles (during the stream)", "consumer"),
        ("state read after the turn", "after"),
        ("track view set_draft (redraw)", "redraw"),
        ("set_draft → paint event + paint", "to_paint"),
        ("  the paint itself (synchronous repaint)", "paint"),
        ("other (routing, scheduling, apply_state)", "other"),
    )

    def __init__(self, window: Any, verbose: bool = False) -> None:
        self.window = window
        self.verbose = verbose
        self.track = window.track
        self.assistant = window.session.assistant
        self.current: EditTiming | None = None
        self.expect: str | None = None
        self.edits: list[EditTiming] = []
        self._undo: list[Callable[[], None]] = []
        self._hook()

    # -- hooks -----------------------------------------------------------------------------
    def _hook(self) -> None:
        client, turns, track = self.assistant.client, self.assistant._turns, self.track
        run_sse, read_state, set_draft = client.run_sse, turns.read_state, track.set_draft
        decode, decoder = stream_mod.decode_payload, stream_mod.SSEDecoder
        probe = self

        async def timed_sse(session_id: str, text: str) -> AsyncIterator[Any]:
            cur = probe.current or EditTiming()
            cur.sse_start = now()
            async for event in run_sse(session_id, text):
                if not cur.sse_first:
                    cur.sse_first = now()
                paused = now()
                yield event
                cur.consumer += now() - paused
            cur.sse_end = now()

        async def timed_read() -> Any:
            started = now()
            state = await read_state()
            if probe.current is not None:
                probe.current.reads.append((started, now() - started))
            return state

        def timed_decode(data: str) -> Any:
            started = now()
            out = decode(data)
            if probe.current is not None:
                probe.current.parse += now() - started
            return out

        class TimedDecoder(decoder):  # type: ignore[misc, valid-type]
            def feed(self, chunk: bytes) -> Any:
                started = now()
                out = super().feed(chunk)
                if probe.current is not None:
                    probe.current.parse += now() - started
                return out

        def timed_set_draft(draft: Any, highlight: bool = True) -> None:
            started = now()
            set_draft(draft, highlight=highlight)
            cur = probe.current
            shown = probe.expect is None or any(
                getattr(s, "text", None) == probe.expect for s in draft.segments())
            if cur is not None and shown and not cur.drawn_end:
                cur.drawn_start, cur.drawn_end = started, now()

        client.run_sse, turns.read_state, track.set_draft = timed_sse, timed_read, timed_set_draft
        stream_mod.decode_payload, stream_mod.SSEDecoder = timed_decode, TimedDecoder
        painter = _PaintTimer(self)
        track.viewport().installEventFilter(painter)

        def undo() -> None:
            del client.run_sse, turns.read_state, track.set_draft
            stream_mod.decode_payload, stream_mod.SSEDecoder = decode, decoder
            track.viewport().removeEventFilter(painter)

        self._undo.append(undo)
        self._painter = painter

    def restore(self) -> None:
        for undo in self._undo:
            undo()
        self._undo.clear()

    # -- one edit --------------------------------------------------------------------------
    async def edit(self, text: str, expect: str | None, timeout: float = 60.0) -> EditTiming:
        """Send ``text`` through the chat; wait until the track view painted ``expect``."""
        cur = self.current = EditTiming()
        self.expect = expect
        cur.started = now()
        self.window.chat.submit(text)
        await until(lambda: cur.painted or (not self.window.chat.busy and cur.drawn_end),
                    timeout)
        await until(lambda: not self.window.chat.busy, timeout)
        started = now()
        self.track.viewport().repaint()
        cur.paint = now() - started
        if not cur.drawn_end:
            raise RuntimeError(f"the edit {text!r} never reached the track view: "
                               f"{self.window.chat.texts()[-1]!r}")
        self.edits.append(cur)
        self.current = None
        if self.verbose:
            print(f"{text[:40]!r}: total {cur.total * 1000:.0f} ms; " + ", ".join(
                f"{key} {getattr(cur, key) * 1000:.1f}" for _label, key in self.BREAKDOWN),
                flush=True)
        return cur


class Heartbeat:
    """A 5 ms QTimer on the UI thread, as ``tests/gui/conftest.Heartbeat`` (copied so the bench
    does not import pytest into the measured process): ``max_gap`` is the longest wall-clock
    time between two ticks, ``max_busy`` the most CPU time the UI thread itself used between
    two ticks (the app's own stall, whatever else the machine is doing)."""

    def __init__(self, interval_ms: int = 5) -> None:
        self.timer = QTimer()
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self._tick)
        self.last = self.last_cpu = self.started = self.max_gap = self.max_busy = 0.0
        self.ticks = 0
        self.gaps: list[tuple[float, float]] = []  # (gap, seconds since start), longest first

    def _tick(self) -> None:
        t, cpu = now(), time.thread_time()
        if self.last:
            gap = t - self.last
            self.max_gap = max(self.max_gap, gap)
            self.max_busy = max(self.max_busy, cpu - self.last_cpu)
            if gap > 0.02:
                self.gaps.append((gap, t - self.started))
                self.gaps.sort(reverse=True)
                del self.gaps[5:]
        self.last, self.last_cpu = t, cpu
        self.ticks += 1

    def start(self) -> Heartbeat:
        self.started = now()
        self.timer.start()
        return self

    def stop(self) -> None:
        self.timer.stop()


class TreeMemory:
    """Peak summed VmRSS of ``root`` and its descendants (polled every 50 ms, in bytes)."""

    def __init__(self, root: int, interval: float = 0.05) -> None:
        self.root = root
        self.interval = interval
        self.peak_total = 0  # summed RSS: shared library pages count once per process
        self.peak_pss = 0  # summed PSS: shared pages split between the processes using them
        self.peak_python = 0  # summed RSS of the app and the engine only (no ffmpeg)
        self.peak = {"app": 0, "engine": 0, "ffmpeg": 0, "other": 0}
        self.samples = 0
        self.at_peak: dict[str, tuple[int, int]] = {}  # kind: (RSS, PSS) in the peak-RSS sample
        self.ffmpeg_seen: dict[int, tuple[float, float]] = {}  # pid: first, last time seen
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._poll, daemon=True)

    def __enter__(self) -> TreeMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _children(self, pid: int) -> list[int]:
        out: list[int] = []
        try:
            for tid in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{tid}/children") as f:
                    out += [int(c) for c in f.read().split()]
        except OSError:
            pass
        return out

    def _rss(self, pid: int) -> tuple[str, int, int]:
        try:
            with open(f"/proc/{pid}/status") as f:
                status = f.read()
            with open(f"/proc/{pid}/smaps_rollup") as f:
                rollup = f.read()
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                cmd = f.read().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            return "other", 0, 0
        rss = next((int(line.split()[1]) * 1024 for line in status.splitlines()
                    if line.startswith("VmRSS:")), 0)
        pss = next((int(line.split()[1]) * 1024 for line in rollup.splitlines()
                    if line.startswith("Pss:")), 0)
        kind = "app" if pid == self.root else "ffmpeg" if "ffmpeg" in cmd.split(" ")[0] \
            else "engine" if " engine " in f" {cmd} " else "other"
        return kind, rss, pss

    def sample(self) -> int:
        total = total_pss = python = 0
        parts: dict[str, tuple[int, int]] = {}
        todo = [self.root]
        while todo:
            pid = todo.pop()
            kind, rss, pss = self._rss(pid)
            total += rss
            total_pss += pss
            python += rss if kind in ("app", "engine") else 0
            was = parts.get(kind, (0, 0))
            parts[kind] = (was[0] + rss, was[1] + pss)
            self.peak[kind] = max(self.peak[kind], rss)
            if kind == "ffmpeg":
                seen = time.perf_counter()
                self.ffmpeg_seen[pid] = (self.ffmpeg_seen.get(pid, (seen, seen))[0], seen)
            todo += self._children(pid)
        if total > self.peak_total:
            self.peak_total, self.at_peak = total, parts
        self.peak_pss = max(self.peak_pss, total_pss)
        self.peak_python = max(self.peak_python, python)
        self.samples += 1
        return total

    @property
    def ffmpeg_seconds(self) -> float:
        """How long the longest-lived ffmpeg ran (first to last sample that saw it): the
        encode's own time, without the app's polling of the render's status."""
        return max((last - first for first, last in self.ffmpeg_seen.values()), default=0.0)

    def _poll(self) -> None:
        while not self._stop.wait(self.interval):
            self.sample()


class FfmpegNicer:
    """Experiment (``--nice-ffmpeg``): renice every ffmpeg descendant of ``root`` to ``nice``
    as soon as it is seen (polled every 20 ms), to show what rendering at a lower priority,
    ``os.setpriority`` after ``Popen`` in the renderer, would change."""

    def __init__(self, root: int, nice: int = 10) -> None:
        self.tree = TreeMemory(root)
        self.nice = nice
        self.reniced: set[int] = set()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._poll, daemon=True)

    def start(self) -> FfmpegNicer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()

    def _poll(self) -> None:
        while not self._stop.wait(0.02):
            todo = [self.tree.root]
            while todo:
                pid = todo.pop()
                children = self.tree._children(pid)
                todo += children
                if pid in self.reniced or pid == self.tree.root:
                    continue
                try:
                    with open(f"/proc/{pid}/comm") as f:
                        if "ffmpeg" not in f.read():
                            continue
                    os.setpriority(os.PRIO_PROCESS, pid, self.nice)
                    self.reniced.add(pid)
                except OSError:
                    continue

