"""The render queue: jobs persisted in the store, run by worker threads, one ffmpeg each.

A job makes one file, or (``output.formats``, an extension) one file per format from one
shared render (:mod:`meme_desktop.engine.render.multi`), kept in ``renders/multi/<id>/``
and listed in the job's ``path`` as JSON; a render that is cancelled or fails leaves neither
that folder nor any file of its own (:func:`discard`). A job is ``pending`` →
``processing`` → ``completed`` / ``failed`` (or ``cancelled``). Status changes are stored
(each in one transaction); live progress is kept in memory. At start, jobs left ``pending``
or ``processing`` by a previous run (a crash, ``kill -9``) are queued again and re-rendered
from their stored draft; finished ones stay downloadable. Shutting the engine down cancels
running renders and leaves them ``pending`` for the next start.
"""

from __future__ import annotations

import contextlib
import json
import logging
import queue
import threading
from pathlib import Path
from typing import Any

from meme_desktop import heap
from meme_desktop.draft import Draft, DraftError
from meme_desktop.engine.auth import LOCAL_USER
from meme_desktop.engine.errors import (
    EngineError,
    MissingMediaError,
    RenderCancelled,
    user_message,
)
from meme_desktop.engine.store import Store

log = logging.getLogger("meme_desktop.engine.jobs")

FORMATS = ("mp4", "gif")


def render_options(output: dict[str, Any]) -> Any:
    """The renderer's ``RenderOptions`` from a submit body's ``output`` object (or one entry
    of its ``formats``, which takes the quality of the whole)."""
    from meme_desktop.engine.render import RenderOptions

    max_mb = output.get("max_mb")
    return RenderOptions(format=output.get("format", "mp4"),
                         quality=output.get("quality", "high"),
                         preset=output.get("preset"),
                         max_bytes=int(float(max_mb) * 1024 * 1024) if max_mb else None)


def format_outputs(output: dict[str, Any]) -> list[dict[str, Any]]:
    """Each output a job makes: the ``formats`` entries (extension), else the object itself."""
    formats = output.get("formats")
    if not isinstance(formats, list) or not formats:
        return [output]
    return [{**f, "quality": output.get("quality", "high")} for f in formats
            if isinstance(f, dict)]


def output_ext(output: dict[str, Any]) -> str:
    """The file extension of what the render will write: the *resolved* format, so a ``gif``
    preset with ``format: mp4`` still makes ``.gif`` (the download's type follows the suffix)."""
    from meme_desktop.engine.render.presets import output_format

    try:
        fmt = output_format(render_options(output))
    except (EngineError, TypeError, ValueError):
        fmt = str(output.get("format", "mp4"))  # the render itself reports the bad option
    return fmt if fmt in FORMATS else "mp4"


def job_files(path: str | None) -> list[Path]:
    """The files a job's ``path`` column names: one path, or (several formats) a JSON list of
    paths, one per format in the order asked."""
    if not path:
        return []
    if path.startswith("["):
        try:
            names = json.loads(path)
        except ValueError:
            return []
        return [Path(n) for n in names if isinstance(n, str)] if isinstance(names, list) else []
    return [Path(path)]


def discard(outs: list[Path], folder: Path | None) -> None:
    """What a render that did not complete leaves behind: the files it was to write (one
    format may be finished when another fails) and the folder made for them, if it is empty
    then. Nothing else is touched (the renderer removes its own temporary files)."""
    for out in outs:
        out.unlink(missing_ok=True)
    if folder is not None:
        with contextlib.suppress(OSError):
            folder.rmdir()


class RenderQueue:
    """``workers`` threads taking job ids from a FIFO queue."""

    def __init__(self, store: Store, workers: int = 1) -> None:
        self._store = store
        self._workers = max(1, workers)
        self._queue: queue.Queue[str | None] = queue.Queue()
        self._threads: list[threading.Thread] = []
        self._cancel: dict[str, threading.Event] = {}
        self._progress: dict[str, float] = {}
        self._lock = threading.Lock()
        self._stopping = threading.Event()

    # -- lifecycle -----------------------------------------------------------------------
    def start(self) -> list[str]:
        """Re-queue interrupted jobs, start the workers; returns the re-queued ids."""
        again = self._store.unfinished_jobs()
        for job_id in again:
            self._store.set_job_status(job_id, "pending", ("pending", "processing"),
                                       progress=0.0, error=None)
            log.info("render %s was interrupted; rendering it again", job_id)
            self._queue.put(job_id)
        for n in range(self._workers):
            t = threading.Thread(target=self._work, name=f"render-{n + 1}", daemon=True)
            t.start()
            self._threads.append(t)
        return again

    def stop(self, timeout: float = 10.0) -> None:
        """Cancel running renders (they stay ``pending`` for the next start), end workers."""
        self._stopping.set()
        with self._lock:
            for event in self._cancel.values():
                event.set()
        for _ in self._threads:
            self._queue.put(None)
        for t in self._threads:
            t.join(timeout)

    # -- API -----------------------------------------------------------------------------
    def submit(self, job_id: str) -> None:
        self._queue.put(job_id)

    def progress(self, job_id: str) -> float | None:
        return self._progress.get(job_id)

    def cancel(self, job_id: str) -> bool:
        """Cancel a pending or running job; False when it already finished."""
        if not self._store.set_job_status(job_id, "cancelled", ("pending", "processing"),
                                          error="Cancelled"):
            return False
        with self._lock:
            event = self._cancel.get(job_id)
        if event is not None:
            event.set()
        return True

    # -- worker --------------------------------------------------------------------------
    def _work(self) -> None:
        while not self._stopping.is_set():
            job_id = self._queue.get()
            if job_id is None:
                return
            try:
                self._run(job_id)
            except Exception:  # never let a worker die
                log.exception("render %s crashed", job_id)
                self._store.set_job_status(job_id, "failed", ("processing",),
                                           error="The video could not be rendered.")

    def _resolve(self, src: str, names: dict[str, str], user_id: str) -> Path:
        """The stored file of an asset hash the job's user may use; a missing (or someone
        else's) one is named as the person knows it."""
        asset = self._store.asset(src)
        if asset is not None and user_id != LOCAL_USER and \
                not self._store.user_has_asset(user_id, src):
            asset = None  # another user's file: exactly as if it did not exist
        path = self._store.media_path(asset.hash, asset.ext) if asset is not None else None
        if path is None or not path.is_file():
            raise MissingMediaError(names.get(src, src))
        return path

    def _run(self, job_id: str) -> None:
        job = self._store.job(job_id)
        if job is None or job.status != "pending":
            return
        event = threading.Event()
        with self._lock:
            self._cancel[job_id] = event
        if not self._store.set_job_status(job_id, "processing", ("pending",),
                                          attempts=job.attempts + 1, progress=0.0):
            return
        self._progress[job_id] = 0.0
        outputs = format_outputs(job.output)
        folder: Path | None = None
        if "formats" in job.output:  # several formats: a folder of their own (ids may hold ".")
            folder = self._store.root / "renders" / "multi" / job_id
            folder.mkdir(parents=True, exist_ok=True)
            outs = [folder / f"{n}.{output_ext(o)}" for n, o in enumerate(outputs)]
        else:
            outs = [self._store.root / "renders" / f"{job_id}.{output_ext(job.output)}"]
        log.info("render %s started (%s)", job_id, job.output)

        def on_progress(value: float) -> None:
            # the renderer reports a fraction (0..1); the protocol's progress is 0..100
            self._progress[job_id] = max(0.0, min(100.0, float(value) * 100.0))

        results: list[Path] | None = None
        try:
            from meme_desktop.engine.render.multi import render_formats

            draft = Draft.from_json(job.draft)
            names = {a.hash: a.name for a in self._store.session_assets(job.session_id)
                     if a.name}
            results = render_formats(draft, [(out, render_options(o))
                                             for out, o in zip(outs, outputs, strict=True)],
                                     lambda src: self._resolve(src, names, job.user_id),
                                     on_progress, event)
        except RenderCancelled:
            if self._stopping.is_set() and not self._is_cancelled(job_id):
                self._store.set_job_status(job_id, "pending", ("processing",), progress=0.0)
            log.info("render %s cancelled", job_id)
            return
        except (EngineError, DraftError) as exc:
            log.warning("render %s failed: %s", job_id, exc)
            self._store.set_job_status(job_id, "failed", ("processing",),
                                       error=user_message(exc),
                                       error_code=exc.code if isinstance(exc, EngineError)
                                       else None)
            return
        finally:
            if results is None:  # cancelled, failed or crashed: nothing of it stays
                discard(outs, folder)
            with self._lock:
                self._cancel.pop(job_id, None)
            self._progress.pop(job_id, None)
            heap.release()
        path = str(results[0]) if "formats" not in job.output else \
            json.dumps([str(r) for r in results])
        if not self._store.set_job_status(job_id, "completed", ("processing",),
                                          progress=100.0, path=path, error=None):
            discard([Path(r) for r in results], folder)  # cancelled at the last moment
        log.info("render %s completed", job_id)

    def _is_cancelled(self, job_id: str) -> bool:
        job = self._store.job(job_id)
        return job is not None and job.status == "cancelled"
