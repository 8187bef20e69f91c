"""Several formats of one draft in ONE ffmpeg pass: one decode, several encodes.

:func:`render_formats` renders a draft to several outputs at once (vertical and square MP4s and
a GIF, say). The sources are opened once: every segment's input (the same file with the same
in-point and length) is added to the command once, whatever number of formats uses it, so each
clip and picture is decoded once and its frames go to one filter chain per format (ffmpeg
hands a decoded stream to every chain that names it). The formats' picture chains share one
filter graph: a graph per format reading the same decoded stream hung ffmpeg at random. The
sound is mixed once, in a graph of its own, and split to every MP4. Each output has its own canvas, captions (drawn for its size), fit and encoder; the
x264 encoders share the cores (``threads`` divided among them, which also keeps the memory of
two 1080p encoders near that of one).

A GIF's palette needs every frame before the first can be written. Inside the shared pass that
wait stalls the other formats for good (ffmpeg paces all its outputs together, so the MP4
encoders stop while the GIF holds back and the decoder stops with them), so the pass writes the
GIF's composed frames losslessly (FFV1, small at GIF sizes) and :func:`gif_pass` makes the
palette and the GIF from them afterwards: the sources are still decoded once.

Memory decides how many formats share a pass: two encoders hold more frames than one.
:func:`group_passes` puts outputs together while the estimated peak (:func:`estimate_mb`, from
measurements) stays within :data:`PASS_BUDGET_MB`; the rest go to another pass (vertical +
square + GIF of a 10 s 1080×1920 meme share one; a fourth 1080p format gets its own).

Every output is written to a temporary file beside its target and renamed only when every pass
succeeded: a cancelled or failed render leaves none of them. An MP4 with a size cap (Discord,
WhatsApp) that comes out over its cap is encoded again alone, at a lower rate, before anything
is renamed. docs/render.md ("Several formats at once") has the measurements.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from meme_desktop import heap
from meme_desktop.draft import Draft, validate
from meme_desktop.engine import helper
from meme_desktop.engine.errors import NothingToRenderError, OutputNotWritableError
from meme_desktop.engine.render.audio import Sound, build_audio
from meme_desktop.engine.render.graph import Graph, _num, build_video, gif_tail
from meme_desktop.engine.render.job import (
    Resolver,
    _cap_rates,
    _encoder_args,
    caption_layers,
    collect_clips,
    collect_sounds,
    render,
    resolve_plan,
)
from meme_desktop.engine.render.presets import (
    MAX_FORMATS,
    OutputPlan,
    RenderOptions,
    encoder_threads,
)
from meme_desktop.engine.render.process import (
    Progress,
    atomic_target,
    graph_arguments,
    run_ffmpeg,
)

SHARED_SPAN = 0.9  # the share of the progress the shared pass takes when a cap may re-encode
# ffmpeg's memory, measured with the render bench (2 cores, 10 s, docs/render.md): decoders,
# mix and process; x264 per megapixel alone (threads = cores) and beside other encoders
# (the cores divided); a GIF's lossless frames cost little in the shared pass (its palette,
# which holds every frame, is made in a pass of its own)
BASE_MB = 60.0
MP4_MB_PER_MPX_ALONE = 120.0
MP4_MB_PER_MPX_SHARED = 100.0
GIF_FRAMES_MB = 15.0
PASS_BUDGET_MB = 512.0  # one pass stays within this (a single 1080x1920 export: ~310 MB)


@dataclass
class SharedGraph(Graph):
    """A :class:`Graph` whose identical inputs are added once (decoded once, used by every
    chain that names them)."""

    _seen: dict[tuple[str, ...], int] = field(default_factory=dict)
    sections: list[list[str]] = field(default_factory=list)

    def section(self) -> None:
        """Start a filter graph of its own (ffmpeg runs each graph in its own thread; never
        two graphs that read the same decoded stream: that hangs ffmpeg at random)."""
        self.chains = []
        self.sections.append(self.chains)

    def graphs(self) -> list[str]:
        return [";".join(chains) for chains in self.sections if chains]

    def add_input(self, args: list[str]) -> int:
        key = tuple(args)
        if key not in self._seen:
            self._seen[key] = super().add_input(args)
        return self._seen[key]


@dataclass(frozen=True)
class Output:
    """One output of the pass: its plan, the labels it maps and its temporary file."""

    plan: OutputPlan
    video: str
    audio: str | None


def _check_targets(outs: list[Path]) -> None:
    if not outs or len(outs) > MAX_FORMATS:
        raise OutputNotWritableError(str(outs[0]) if outs else "",
                                     f"between 1 and {MAX_FORMATS} formats at a time")
    seen: set[Path] = set()
    for out in outs:
        if out.resolve() in seen:
            raise OutputNotWritableError(str(out), "two formats would write the same file")
        seen.add(out.resolve())


def build_outputs(draft: Draft, plans: list[OutputPlan], resolve: Resolver,
                  ) -> tuple[SharedGraph, list[Output]]:
    """The shared graph: every format's picture chain, the mix split to every MP4."""
    total = draft.duration / 1000.0
    strays: list[Sound] = []
    clips = collect_clips(draft, resolve, strays)
    sounds = collect_sounds(draft, resolve) + strays
    g = SharedGraph()
    videos: list[str] = []
    g.section()  # every format's picture chain in ONE graph (see the module docstring)
    for plan in plans:
        captions, bars = caption_layers(draft, plan.width, plan.height)
        video = build_video(g, clips, captions, plan.width, plan.height, plan.fps, total,
                            draft.meta.bg, bars)
        videos.append(video)  # a GIF's palette is made afterwards, from its frames (docstring)
    mp4 = [i for i, plan in enumerate(plans) if plan.format != "gif"]
    audio_for: dict[int, str] = {}
    if mp4:
        g.section()
        mixed = build_audio(g, clips, sounds, total)
        if len(mp4) == 1:
            audio_for[mp4[0]] = mixed
        else:
            labels = [g.label("as") for _ in mp4]
            g.chains.append(f"[{mixed}]asplit={len(mp4)}" + "".join(f"[{x}]" for x in labels))
            audio_for = dict(zip(mp4, labels, strict=True))
    return g, [Output(plan, video, audio_for.get(i))
               for i, (plan, video) in enumerate(zip(plans, videos, strict=True))]


def frames_file(tmp: Path) -> Path:
    """Where a GIF's frames wait for their palette (lossless, beside its temporary file)."""
    return tmp.with_name(f"{tmp.name}.frames.mkv")


def _output_args(out: Output, total: float, threads: int, tmp: Path) -> list[str]:
    args = ["-map", f"[{out.video}]"]
    if out.plan.format == "gif":  # lossless frames now, the palette and the GIF afterwards
        return args + ["-c:v", "ffv1", "-r", _num(out.plan.fps), "-t", _num(total),
                       "-f", "matroska", str(frames_file(tmp))]
    if out.audio is not None:
        args += ["-map", f"[{out.audio}]"]
    kbps, audio_kbps = None, out.plan.quality.audio_kbps
    if out.plan.max_bytes is not None:
        kbps, audio_kbps = _cap_rates(out.plan.max_bytes, total, audio_kbps)
    return args + _encoder_args(out.plan, total, kbps, audio_kbps, threads) + [str(tmp)]


def estimate_mb(plans: Sequence[OutputPlan], seconds: float) -> float:
    """ffmpeg's peak memory for one pass making ``plans`` (measured on the standard job, 2
    cores, docs/render.md): the decoders and the mix, x264 by the output's pixels (less per
    pixel when encoders share the cores), a little for a GIF's lossless frames. ``seconds``
    is kept for estimates that grow with the length."""
    mp4 = [p for p in plans if p.format != "gif"]
    per_mpx = MP4_MB_PER_MPX_SHARED if len(mp4) > 1 else MP4_MB_PER_MPX_ALONE
    cost = BASE_MB + sum(p.width * p.height / 1e6 * per_mpx for p in mp4)
    return cost + GIF_FRAMES_MB * sum(1 for p in plans if p.format == "gif")


def group_passes(plans: Sequence[OutputPlan], seconds: float,
                 budget_mb: float | None = None) -> list[list[int]]:
    """Which outputs share a pass: first fit, in the order given, while the estimated peak
    stays within ``budget_mb`` (default :data:`PASS_BUDGET_MB`; an output over it alone still
    gets a pass of its own)."""
    budget = PASS_BUDGET_MB if budget_mb is None else budget_mb
    groups: list[list[int]] = []
    for i, plan in enumerate(plans):
        for group in groups:
            if estimate_mb([plans[j] for j in group] + [plan], seconds) <= budget:
                group.append(i)
                break
        else:
            groups.append([i])
    return groups


def render_formats(draft: Draft, targets: Sequence[tuple[Path, RenderOptions]],
                   resolve: Resolver, progress: Progress | None = None,
                   cancel: threading.Event | None = None) -> list[Path]:
    """Render ``draft`` to every ``(path, options)``, sharing passes (module docstring).

    Returns the paths in the order given. ``progress`` and ``cancel`` work as for
    :func:`~meme_desktop.engine.render.job.render`; a cancel or a failure leaves no file of
    any format (every output is renamed into place only when all are done).
    """
    outs = [Path(out) for out, _options in targets]
    _check_targets(outs)
    if len(targets) == 1:
        return [render(draft, outs[0], targets[0][1], resolve, progress, cancel)]
    validate(draft)
    total = draft.duration / 1000.0
    if draft.is_empty or total <= 0:
        raise NothingToRenderError("empty draft")
    plans = [resolve_plan(draft, options) for _out, options in targets]
    groups = group_passes(plans, total)
    if progress:
        progress(0.0)
    with contextlib.ExitStack() as stack:
        tmps = [stack.enter_context(atomic_target(out)) for out in outs]
        done = 0
        for group in groups:
            low, high = done / len(outs), (done + len(group)) / len(outs)
            done += len(group)

            def part(fraction: float, low: float = low, high: float = high) -> None:
                if progress:
                    progress(round(low + (high - low) * fraction, 4))

            one_pass(draft, [targets[i][1] for i in group], [plans[i] for i in group],
                     [tmps[i] for i in group], resolve, part, cancel)
    if progress:
        progress(1.0)
    return outs


def one_pass(draft: Draft, options: list[RenderOptions], plans: list[OutputPlan],
             tmps: list[Path], resolve: Resolver, progress: Progress,
             cancel: threading.Event | None) -> None:
    """One ffmpeg process writing every plan into its (temporary) file."""
    total = draft.duration / 1000.0
    g, outputs = build_outputs(draft, plans, resolve)
    encoders = sum(1 for plan in plans if plan.format != "gif")
    threads = max(1, encoder_threads() // max(1, encoders))
    heap.release()  # probes and captions are done: the engine shrinks before ffmpeg grows
    later = any(plan.max_bytes is not None or plan.format == "gif" for plan in plans)
    biggest = max(plans, key=lambda plan: plan.width * plan.height)
    try:
        with helper.encoding(biggest.width, biggest.height), \
                graph_arguments(g.graphs(), tmps[0].parent) as filters:
            args = [a for inp in g.inputs for a in inp] + filters
            for out, tmp in zip(outputs, tmps, strict=True):
                args += _output_args(out, total, threads, tmp)
            run_ffmpeg(args, total, progress, cancel, (0.0, SHARED_SPAN if later else 1.0))
        gifs = [(out, tmp) for out, tmp in zip(outputs, tmps, strict=True)
                if out.plan.format == "gif"]
        for n, (out, tmp) in enumerate(gifs):
            low = SHARED_SPAN + (1 - SHARED_SPAN) * n / (len(gifs) + 1)
            high = SHARED_SPAN + (1 - SHARED_SPAN) * (n + 1) / (len(gifs) + 1)
            gif_pass(frames_file(tmp), tmp, out.plan, total, progress, cancel, (low, high))
    finally:
        for tmp in tmps:
            frames_file(tmp).unlink(missing_ok=True)
    _recap(draft, options, outputs, tmps, total, resolve, progress, cancel)


def gif_pass(frames: Path, tmp: Path, plan: OutputPlan, total: float, progress: Progress,
             cancel: threading.Event | None, span: tuple[float, float]) -> None:
    """A GIF from its composed frames: one palette for the whole clip (``gif_tail``). Made
    apart because the palette needs every frame first: inside the shared pass that wait
    would stall the other formats' encoders (ffmpeg paces all outputs together)."""
    g = Graph()
    k = g.add_input(["-i", str(frames)])
    video = gif_tail(g, f"{k}:v")
    args = [a for inp in g.inputs for a in inp] + ["-filter_complex", g.filter_complex(),
                                                   "-map", f"[{video}]"]
    run_ffmpeg(args + _encoder_args(plan, total, None, 0) + [str(tmp)], total, progress,
               cancel, span)


def _recap(draft: Draft, options: list[RenderOptions], outputs: list[Output],
           tmps: list[Path], total: float, resolve: Resolver, progress: Progress,
           cancel: threading.Event | None) -> None:
    """Encode again, alone and at a lower rate, every capped MP4 that came out over its cap
    (into its temporary file, so nothing is renamed before all are right)."""
    over = [i for i, (out, tmp) in enumerate(zip(outputs, tmps, strict=True))
            if out.plan.max_bytes is not None and tmp.stat().st_size > out.plan.max_bytes]
    for n, i in enumerate(over):
        plan, tmp = outputs[i].plan, tmps[i]
        assert plan.max_bytes is not None
        video, _audio = _cap_rates(plan.max_bytes, total, plan.quality.audio_kbps)
        lower = int(video * 0.9 * plan.max_bytes / tmp.stat().st_size)
        low = SHARED_SPAN + (1 - SHARED_SPAN) * n / len(over)
        high = SHARED_SPAN + (1 - SHARED_SPAN) * (n + 1) / len(over)

        def part(fraction: float, low: float = low, high: float = high) -> None:
            progress(low + (high - low) * fraction)

        render(draft, tmp, options[i], resolve, part, cancel, cap_kbps=lower)
