"""From a draft to a finished file: resolve sources, build the graph, run ffmpeg once.

:func:`render` is synchronous (the engine calls it from a worker thread). It validates the
draft, resolves every source (asset hashes or paths through ``resolve``; ``sfx:``/``music:``
through :mod:`meme_desktop.engine.sounds`), probes media, draws captions, builds ONE filter
graph and runs ONE ffmpeg process writing a temporary file that replaces the target only on
success. A size-capped MP4 is encoded with capped CRF at a bitrate derived from the duration;
if the file still comes out over the cap it is encoded again at a lower rate.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from meme_desktop import heap
from meme_desktop.draft import (
    TT_AUDIO,
    TT_TEXT,
    TT_VIDEO,
    AudioSegment,
    Draft,
    TextSegment,
    VideoSegment,
    validate,
)
from meme_desktop.engine import helper
from meme_desktop.engine.errors import (
    MediaError,
    MissingMediaError,
    NothingToRenderError,
    SizeCapError,
)
from meme_desktop.engine.mediainfo import MediaInfo
from meme_desktop.engine.offloaded import is_builtin, probe, sound_path
from meme_desktop.engine.render.audio import Sound, build_audio
from meme_desktop.engine.render.captions import CaptionSpec, Placed, caption_pngs
from meme_desktop.engine.render.graph import (
    BarSpan,
    Clip,
    Graph,
    _num,
    build_video,
    gif_tail,
)
from meme_desktop.engine.render.presets import OutputPlan, RenderOptions, resolve, x264_params
from meme_desktop.engine.render.process import (
    Progress,
    atomic_target,
    graph_arguments,
    run_ffmpeg,
)
from meme_desktop.engine.render.sheets import Layer, layers

Resolver = Callable[[str], Path]
MAX_CAP_ATTEMPTS = 4
MIN_VIDEO_KBPS = 40


def _resolve_file(resolve: Resolver, src: str, seg_id: str) -> Path:
    try:
        path = Path(resolve(src))
    except (MediaError, MissingMediaError):
        raise  # the resolver's own error names the file as the person knows it
    except (KeyError, LookupError, OSError, ValueError) as exc:
        raise MissingMediaError(src, seg_id) from exc
    if not path.is_file():
        raise MissingMediaError(src, seg_id)
    return path


def collect_clips(draft: Draft, resolve: Resolver,
                  strays: list[Sound] | None = None) -> list[Clip]:
    """Video-track segments in paint order (track order, then start), with probes.

    A sound file placed on a video track is played as sound (added to ``strays``)."""
    clips: list[Clip] = []
    infos: dict[Path, MediaInfo] = {}  # the same file used twice is probed once
    for track in draft.tracks:
        if track.type != TT_VIDEO:
            continue
        for seg in sorted(track.segments, key=lambda s: s.start):
            if not isinstance(seg, VideoSegment) or seg.duration <= 0:
                continue
            if is_builtin(seg.src):
                raise MissingMediaError(seg.src, seg.id)
            path = _resolve_file(resolve, seg.src, seg.id)
            info = infos.get(path) or infos.setdefault(path, probe(path))
            if info.kind == "audio":
                if strays is not None:
                    strays.append(Sound(AudioSegment(id=seg.id, start=seg.start,
                                                     duration=seg.duration, src=seg.src,
                                                     inpoint=seg.inpoint, volume=seg.volume),
                                        path, False))
                continue
            clips.append(Clip(seg, path, info))
    return clips


def collect_sounds(draft: Draft, resolve: Resolver) -> list[Sound]:
    sounds: list[Sound] = []
    for seg in draft.segments(TT_AUDIO):
        if not isinstance(seg, AudioSegment) or seg.duration <= 0:
            continue
        if is_builtin(seg.src):
            sounds.append(Sound(seg, sound_path(seg.src), seg.src.startswith("music:")))
            continue
        path = _resolve_file(resolve, seg.src, seg.id)
        if probe(path).has_audio:
            sounds.append(Sound(seg, path, False))
    return sounds


def bar_spans(timed: list[tuple[Placed, float, float]], height: int) -> list[BarSpan]:
    """The times when top/bottom ``bar`` captions show, with the bar heights then: one span
    per stretch where the set of visible bars does not change (neighbours merged)."""
    bars = [(p, a, b) for p, a, b in timed
            if p.spec.style == "bar" and p.spec.pos != "center" and not p.free]
    points = sorted({t for _p, a, b in bars for t in (a, b)})
    spans: list[BarSpan] = []
    for a, b in zip(points, points[1:], strict=False):
        live = [p for p, s, e in bars if s < b and e > a]
        top = sum(p.height for p in live if p.spec.pos == "top")      # stacked bars add up
        bottom = sum(p.height for p in live if p.spec.pos == "bottom")
        if top + bottom > height * 0.6:  # never squeeze the media to nothing
            scale = height * 0.6 / (top + bottom)
            top, bottom = int(top * scale) // 2 * 2, int(bottom * scale) // 2 * 2
        if not top and not bottom:
            continue
        if spans and spans[-1][1] == a and spans[-1][2:] == (top, bottom):
            spans[-1] = (spans[-1][0], b, top, bottom)
        else:
            spans.append((a, b, top, bottom))
    return spans



def collect_captions(draft: Draft, width: int, height: int,
                     ) -> tuple[list[tuple[Placed, float, float]], list[BarSpan]]:
    """Caption PNGs with their times, and when top/bottom bars move the media (and by how
    much)."""
    segs = [s for s in draft.segments(TT_TEXT)
            if isinstance(s, TextSegment) and s.duration > 0 and s.text.strip()]
    specs = [CaptionSpec(s.text, s.style, s.pos, s.color, float(s.size or 1.0), width, height)
             for s in segs]
    placed = caption_pngs(specs, [s.xy for s in segs])
    timed = stack([(p, s.start / 1000.0, s.end / 1000.0) for p, s in zip(placed, segs,
                                                                         strict=True)], height)
    return timed, bar_spans(timed, height)


def caption_layers(draft: Draft, width: int, height: int,
                   ) -> tuple[list[Layer], list[BarSpan]]:
    """What the graph lays on for the captions (close ones with the same times drawn as one
    sheet, :mod:`.sheets`), and the bar spans of :func:`collect_captions`."""
    timed, bars = collect_captions(draft, width, height)
    return layers(timed, width, height), bars


def stack(timed: list[tuple[Placed, float, float]], height: int,
          ) -> list[tuple[Placed, float, float]]:
    """Captions at the same place whose times overlap are stacked instead of drawn over each
    other, so each stays readable: at the top a later one goes below the earlier ones, at the
    bottom above them, in the middle below them (kept inside the frame). A caption placed by
    hand (``xy``) stays exactly where it was put."""
    out: list[tuple[Placed, float, float]] = []
    for p, a, b in timed:
        under = [q for q, qa, qb in out if q.spec.pos == p.spec.pos and qa < b and a < qb
                 and not q.free]
        if under and not p.free:
            shift = sum(q.height for q in under)
            y = p.y - shift if p.spec.pos == "bottom" else p.y + shift
            p = replace(p, y=max(0, min(height - p.height, y)))
        out.append((p, a, b))
    return out


def _encoder_args(plan: OutputPlan, total: float, kbps: int | None, audio_kbps: int,
                  threads: int | None = None) -> list[str]:
    if plan.format == "gif":
        return ["-r", _num(plan.fps), "-loop", "0", "-t", _num(total), "-f", "gif"]
    q = plan.quality
    # x264's threading is chosen for memory (presets.x264_params, docs/render.md "Memory");
    # several encoders in one pass share the cores (``threads``)
    args = ["-c:v", "libx264", "-preset", q.x264_preset, "-crf", str(q.crf),
            "-x264-params", x264_params(threads),
            "-profile:v", "high", "-pix_fmt", "yuv420p", "-r", _num(plan.fps)]
    if kbps is not None:
        args += ["-maxrate", f"{kbps}k", "-bufsize", f"{kbps * 2}k"]
    return args + ["-c:a", "aac", "-b:a", f"{audio_kbps}k", "-ar", "48000", "-ac", "2",
                   "-movflags", "+faststart", "-t", _num(total), "-f", "mp4"]


def build_command(draft: Draft, plan: OutputPlan, clips: list[Clip], sounds: list[Sound],
                  captions: list[Layer], bars: list[BarSpan],
                  ) -> tuple[list[str], str, list[str]]:
    """(input arguments, the filter graph, output map arguments) for one ffmpeg run."""
    total = draft.duration / 1000.0
    g = Graph()
    bg2 = draft.meta.extra.get("bg2")
    video = build_video(g, clips, captions, plan.width, plan.height, plan.fps, total,
                        draft.meta.bg, bars, bg2 if isinstance(bg2, str) else None)
    maps: list[str]
    if plan.format == "gif":
        video = gif_tail(g, video)
        maps = ["-map", f"[{video}]"]
    else:
        audio = build_audio(g, clips, sounds, total)
        maps = ["-map", f"[{video}]", "-map", f"[{audio}]"]
    args = [a for inp in g.inputs for a in inp]
    return args, g.filter_complex(), maps


def _cap_rates(max_bytes: int, total: float, audio_kbps: int) -> tuple[int, int]:
    """Video and audio kbit/s that fit ``max_bytes`` with room for the container."""
    budget = max_bytes * 8 * 0.94 / max(total, 0.1) / 1000
    audio = min(audio_kbps, 128 if budget > 1500 else 64)
    video = int(budget - audio)
    if video < MIN_VIDEO_KBPS:
        raise SizeCapError(max_bytes, int(total * (MIN_VIDEO_KBPS + audio) * 125))
    return video, audio


def render(draft: Draft, out: Path, options: RenderOptions, resolve: Resolver,
           progress: Progress | None = None, cancel: threading.Event | None = None, *,
           cap_kbps: int | None = None) -> Path:
    """Render ``draft`` to ``out`` (atomically); see the module docstring.

    ``progress`` receives the fraction done, 0.0 to 1.0 (never decreasing); ``cancel`` set from
    any thread stops ffmpeg and raises :class:`RenderCancelled` with no file left behind.
    ``cap_kbps``: the first video rate to try under a size cap (a shared pass of several
    formats, :mod:`.multi`, found the computed one too high).
    """
    out = Path(out)
    validate(draft)
    total = draft.duration / 1000.0
    if draft.is_empty or total <= 0:
        raise NothingToRenderError("empty draft")
    plan = resolve_plan(draft, options)
    strays: list[Sound] = []
    clips = collect_clips(draft, resolve, strays)
    sounds = collect_sounds(draft, resolve) + strays
    captions, bars = caption_layers(draft, plan.width, plan.height)
    inputs, graph, maps = build_command(draft, plan, clips, sounds, captions, bars)
    heap.release()  # probes and captions are done: the engine shrinks before ffmpeg grows
    if progress:
        progress(0.0)
    with helper.encoding(plan.width, plan.height), atomic_target(out) as tmp, \
            graph_arguments(graph, tmp.parent) as filters:
        inputs = inputs + filters
        if plan.max_bytes is None:
            args = _encoder_args(plan, total, None, plan.quality.audio_kbps)
            run_ffmpeg([*inputs, *maps, *args, str(tmp)], total, progress, cancel)
        else:
            _render_capped(plan, total, inputs, maps, tmp, progress, cancel, cap_kbps)
    if progress:
        progress(1.0)
    return out


def resolve_plan(draft: Draft, options: RenderOptions) -> OutputPlan:
    m = draft.meta
    return resolve(options, int(m.width), int(m.height), float(m.fps or 30))


def _render_capped(plan: OutputPlan, total: float, inputs: list[str], maps: list[str],
                   tmp: Path, progress: Progress | None, cancel: threading.Event | None,
                   start_kbps: int | None = None) -> None:
    assert plan.max_bytes is not None
    video, audio = _cap_rates(plan.max_bytes, total, plan.quality.audio_kbps)
    if start_kbps is not None:
        video = max(MIN_VIDEO_KBPS, min(video, start_kbps))
    spans = [(0.0, 0.85), (0.85, 0.95), (0.95, 0.99), (0.99, 1.0)]
    size = 0
    for attempt in range(MAX_CAP_ATTEMPTS):
        args = _encoder_args(plan, total, video, audio)
        run_ffmpeg([*inputs, *maps, *args, str(tmp)], total, progress, cancel, spans[attempt])
        size = tmp.stat().st_size
        if size <= plan.max_bytes:
            return
        video = int(video * 0.9 * plan.max_bytes / size)
        if video < MIN_VIDEO_KBPS:
            break
    raise SizeCapError(plan.max_bytes, size)
