"""Render benchmark (DESIGN.md sections 5 and 7): run as ``python tests/bench/render_bench.py``.

The standard job: a generated 10 s 1920x1080 clip with sound becomes a 1080x1920 meme (fit
blur, two classic captions, one sound effect). In the same run it also times
(a) the plain ffmpeg encode of the same clip to 1080x1920 with the same encoder settings and
no overlays (the floor), and (b) the same meme made with moviepy 2.
Prints the median of ``--runs`` runs (default 3), the ratios and ffmpeg's peak memory
(VmHWM of the ffmpeg child, polled from /proc). Targets: <= 1.15x plain, >= 6x faster than
moviepy, ffmpeg < 400 MB. It also renders the same meme with ffmpeg's own thread defaults
(no ``-x264-params threads=...:lookahead_threads=1``, automatic decoder threads: what the
renderer did before the memory settings) and prints the memory and time ratios of the two, so
the settings' cost and gain are measured on the machine at hand, in the same run. Picture
quality: both are compared with a lossless render of the same graph (FFV1), frame by frame,
PSNR and SSIM, so an encoder setting that saves memory by losing detail shows here.
Several formats at once (vertical MP4 + square MP4 + GIF of the same meme): one ffmpeg pass
that decodes the inputs once (``render_formats``) against three separate renders, alternated
run by run; it prints the ratio of wall and ffmpeg CPU time and both peaks of memory
(``--formats-only`` runs just this part).
Not collected by pytest (tests/bench is outside the test paths).
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from meme_desktop.config import ffmpeg_exe  # noqa: E402
from meme_desktop.draft import Draft  # noqa: E402
from meme_desktop.engine.render import RenderOptions, render  # noqa: E402
from meme_desktop.engine.render import graph as render_graph  # noqa: E402
from meme_desktop.engine.render import job as render_job  # noqa: E402
from meme_desktop.engine.render.multi import render_formats  # noqa: E402
from meme_desktop.engine.render.presets import QUALITIES, OutputPlan  # noqa: E402
from meme_desktop.engine.sounds import sound_path  # noqa: E402
from tests.helpers.media import make_meme_source  # noqa: E402

SECONDS = 10
W, H, FPS = 1080, 1920, 30
TOP, BOTTOM = "WHEN THE CODE COMPILES", "ON THE FIRST TRY"
SFX_AT = 2.0


class PeakMemory:
    """Polls /proc for our ffmpeg children and keeps the highest VmHWM seen (bytes)."""

    def __init__(self) -> None:
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._poll, daemon=True)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _poll(self) -> None:
        me = str(os.getpid())
        while not self._stop.wait(0.05):
            for entry in os.listdir("/proc"):
                if not entry.isdigit():
                    continue
                try:
                    status = Path(f"/proc/{entry}/status").read_text()
                except OSError:
                    continue
                fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
                if fields.get("PPid", "").strip() != me or "ffmpeg" not in fields.get("Name", ""):
                    continue
                hwm = fields.get("VmHWM", "0 kB").split()[0]
                self.peak = max(self.peak, int(hwm) * 1024)


def make_source(folder: Path) -> Path:
    return make_meme_source(folder, SECONDS, FPS)


def meme_draft(src: Path) -> Draft:
    ms = SECONDS * 1000
    return Draft.from_json({"v": 1, "m": {"title": "bench", "width": W, "height": H, "fps": FPS,
                                          "bg": "#000000"}, "t": [
        {"id": "v1", "tt": 0, "sg": [{"id": "s1", "src": str(src), "st": 0, "d": ms,
                                      "fit": "blur"}]},
        {"id": "a1", "tt": 1, "sg": [{"id": "s2", "src": "sfx:vine_boom",
                                      "st": int(SFX_AT * 1000), "d": 900}]},
        {"id": "x1", "tt": 7, "sg": [
            {"id": "s3", "txt": TOP, "st": 0, "d": ms, "pos": "top", "sty": "classic"},
            {"id": "s4", "txt": BOTTOM, "st": 0, "d": ms, "pos": "bottom", "sty": "classic"}]},
    ]})


def run_meme(src: Path, out: Path) -> None:
    render(meme_draft(src), out, RenderOptions(quality="high"), lambda s: Path(s))


def run_meme_ffmpeg_defaults(src: Path, out: Path) -> None:
    """The meme with ffmpeg's thread defaults: x264 1.5 threads a core and its own lookahead
    threads, decoders on automatic threads (the renderer before its memory settings)."""
    encoder_args, decoder_threads = render_job._encoder_args, render_graph.decoder_threads

    def untuned(*args: object) -> list[str]:
        out_args = encoder_args(*args)  # type: ignore[arg-type]
        if "-x264-params" in out_args:
            at = out_args.index("-x264-params")
            del out_args[at:at + 2]
        return out_args

    render_job._encoder_args = untuned  # type: ignore[assignment]
    render_graph.decoder_threads = lambda: 0  # type: ignore[assignment]  # 0: automatic
    try:
        run_meme(src, out)
    finally:
        render_job._encoder_args = encoder_args  # type: ignore[assignment]
        render_graph.decoder_threads = decoder_threads  # type: ignore[assignment]


def run_meme_lossless(src: Path, out: Path) -> None:
    """The meme's own graph with a lossless encoder (FFV1 in Matroska): the reference."""
    encoder_args = render_job._encoder_args

    def lossless(plan: OutputPlan, total: float, *_rates: object) -> list[str]:
        return ["-c:v", "ffv1", "-pix_fmt", "yuv420p", "-r", render_graph._num(plan.fps),
                "-c:a", "pcm_s16le", "-t", render_graph._num(total), "-f", "matroska"]

    render_job._encoder_args = lossless  # type: ignore[assignment]
    try:
        run_meme(src, out)
    finally:
        render_job._encoder_args = encoder_args  # type: ignore[assignment]


def picture_quality(out: Path, reference: Path) -> tuple[float, float]:
    """PSNR (dB, all planes) and SSIM of ``out`` against ``reference``, frame by frame (both
    renumbered, so frame n meets frame n whatever the containers' time bases)."""
    graph = ("[0:v]setpts=N/TB,split[a][b];[1:v]setpts=N/TB,split[c][d];"
             "[a][c]psnr;[b][d]ssim")
    proc = subprocess.run([ffmpeg_exe(), "-hide_banner", "-nostdin", "-i", str(out), "-i",
                           str(reference), "-lavfi", graph, "-f", "null", "-"],
                          capture_output=True, text=True, check=True)
    psnr = re.search(r"PSNR .*? average:(\S+)", proc.stderr)
    ssim = re.search(r"SSIM .*? All:(\S+)", proc.stderr)
    if psnr is None or ssim is None:
        raise RuntimeError("no PSNR/SSIM in ffmpeg's output: " + proc.stderr[-300:])
    return float(psnr.group(1)), float(ssim.group(1))


FORMATS = (("vertical", "mp4"), ("square", "mp4"), ("gif", "gif"))


def _format_targets(out: Path) -> list[tuple[Path, RenderOptions]]:
    return [(out.with_name(f"{out.stem}-{preset}.{ext}"), RenderOptions(preset=preset))
            for preset, ext in FORMATS]


def run_formats_separately(src: Path, out: Path) -> None:
    """Vertical, square and GIF: three renders, one after the other (three decodes)."""
    for target, options in _format_targets(out):
        render(meme_draft(src), target, options, lambda s: Path(s))


def run_formats_together(src: Path, out: Path) -> None:
    """The same three files from one ffmpeg pass (one decode, three encodes)."""
    render_formats(meme_draft(src), _format_targets(out), lambda s: Path(s))


def bench_formats(src: Path, folder: Path, runs: int) -> None:
    pairs = [(timed(run_formats_separately, src, folder / "apart.mp4", 1),
              timed(run_formats_together, src, folder / "together.mp4", 1))
             for _ in range(runs)]
    apart, apart_all, apart_peak, apart_cpu = _merge([a for a, _b in pairs])
    shared, shared_all, shared_peak, shared_cpu = _merge([b for _a, b in pairs])
    print(f"3 formats, separately:  median {apart:.2f} s  runs {fmt(apart_all)}  "
          f"ffmpeg CPU {apart_cpu:.2f} s  peak {apart_peak / 2**20:.0f} MB")
    print(f"3 formats, one pass:    median {shared:.2f} s  runs {fmt(shared_all)}  "
          f"ffmpeg CPU {shared_cpu:.2f} s  peak {shared_peak / 2**20:.0f} MB")
    print(f"ratio one pass / apart: {shared / apart:.2f}x wall, {shared_cpu / apart_cpu:.2f}x CPU"
          f", peak memory x{shared_peak / apart_peak:.2f}")


def run_plain(src: Path, out: Path) -> None:
    q = QUALITIES["high"]
    subprocess.run([ffmpeg_exe(), "-v", "error", "-y", "-i", str(src), "-vf",
                    f"scale={W}:{H}", "-c:v", "libx264", "-preset", q.x264_preset, "-crf",
                    str(q.crf), "-profile:v", "high", "-pix_fmt", "yuv420p", "-r", str(FPS),
                    "-c:a", "aac", "-b:a", f"{q.audio_kbps}k", "-ar", "48000",
                    "-movflags", "+faststart", str(out)], check=True)


def run_moviepy(src: Path, out: Path) -> None:
    """The same meme with moviepy 2 (fit: a blurred-looking dim backdrop is skipped, which
    only makes moviepy's job lighter)."""
    from moviepy import (
        AudioFileClip,
        ColorClip,
        CompositeAudioClip,
        CompositeVideoClip,
        TextClip,
        VideoFileClip,
    )

    font = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
    clip = VideoFileClip(str(src))
    front = clip.resized(width=W).with_position("center")
    back = ColorClip((W, H), color=(0, 0, 0), duration=SECONDS)
    texts = [TextClip(font=font, text=text, font_size=90, color="white", stroke_color="black",
                      stroke_width=8, method="caption", size=(W - 100, None))
             .with_duration(SECONDS).with_position(("center", y))
             for text, y in ((TOP, 60), (BOTTOM, H - 400))]
    sfx = AudioFileClip(str(sound_path("sfx:vine_boom"))).with_start(SFX_AT)
    video = CompositeVideoClip([back, front, *texts], size=(W, H)).with_duration(SECONDS)
    video = video.with_audio(CompositeAudioClip([clip.audio, sfx]).with_duration(SECONDS))
    video.write_videofile(str(out), fps=FPS, codec="libx264", preset="veryfast",
                          audio_codec="aac", ffmpeg_params=["-crf", "20", "-pix_fmt", "yuv420p"],
                          logger=None)
    clip.close()


def _child_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(fn: Callable[[Path, Path], None], src: Path, out: Path, runs: int,
          ) -> tuple[float, list[float], int, float]:
    """Median wall time, all wall times, peak ffmpeg memory, median ffmpeg CPU seconds."""
    times, cpus = [], []
    peak = 0
    for _ in range(runs):
        out.unlink(missing_ok=True)
        with PeakMemory() as mem:
            cpu = _child_cpu()
            start = time.perf_counter()
            fn(src, out)
            times.append(time.perf_counter() - start)
            cpus.append(_child_cpu() - cpu)
        peak = max(peak, mem.peak)
    return statistics.median(times), times, peak, statistics.median(cpus)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--skip-moviepy", action="store_true")
    parser.add_argument("--formats-only", action="store_true",
                        help="only the several-formats comparison")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        os.environ.setdefault("MEME_DESKTOP_CACHE_DIR", str(folder / "cache"))
        src = make_source(folder)
        sound_path("sfx:vine_boom")
        run_meme(src, folder / "warm.mp4")  # captions drawn and cached, as in real use
        if args.formats_only:
            run_formats_together(src, folder / "warm.mp4")
            print(f"load average at start:  {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
            bench_formats(src, folder, args.runs)
            return 0
        # the meme and the meme with ffmpeg's defaults alternate, run by run, so a change in
        # the machine's load during the bench hits both alike
        pairs = [(timed(run_meme, src, folder / "meme.mp4", 1),
                  timed(run_meme_ffmpeg_defaults, src, folder / "defaults.mp4", 1))
                 for _ in range(args.runs)]
        meme, meme_all, meme_peak, meme_cpu = _merge([a for a, _b in pairs])
        dflt, dflt_all, dflt_peak, dflt_cpu = _merge([b for _a, b in pairs])
        plain, plain_all, plain_peak, plain_cpu = timed(run_plain, src, folder / "plain.mp4",
                                                        args.runs)
        print(f"load average at start:  {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
        print(f"meme (one ffmpeg pass): median {meme:.2f} s  runs {fmt(meme_all)}  "
              f"ffmpeg CPU {meme_cpu:.2f} s")
        print(f"plain encode (floor):   median {plain:.2f} s  runs {fmt(plain_all)}  "
              f"ffmpeg CPU {plain_cpu:.2f} s")
        print(f"ratio meme / plain:     {meme / plain:.2f}x wall, {meme_cpu / plain_cpu:.2f}x CPU"
              "   (target <= 1.15x)")
        print(f"ffmpeg peak memory:     meme {meme_peak / 2**20:.0f} MB, "
              f"plain {plain_peak / 2**20:.0f} MB   (target < 400 MB)")
        print(f"meme, ffmpeg's defaults: median {dflt:.2f} s  runs {fmt(dflt_all)}  "
              f"ffmpeg CPU {dflt_cpu:.2f} s  peak {dflt_peak / 2**20:.0f} MB")
        print(f"memory settings:        peak x{meme_peak / dflt_peak:.2f} "
              f"({(meme_peak - dflt_peak) / 2**20:+.0f} MB), wall x{meme / dflt:.2f}, "
              f"CPU x{meme_cpu / dflt_cpu:.2f}   (target: wall <= 1.05x)")
        reference = folder / "lossless.mkv"
        run_meme_lossless(src, reference)
        for name, out in (("meme", folder / "meme.mp4"), ("ffmpeg's defaults", folder /
                                                          "defaults.mp4")):
            psnr, ssim = picture_quality(out, reference)
            print(f"picture quality, {name + ':':18s} PSNR {psnr:.3f} dB, SSIM {ssim:.5f}, "
                  f"{out.stat().st_size / 1e6:.2f} MB   (against a lossless render)")
        run_formats_together(src, folder / "warm.mp4")  # their captions too
        bench_formats(src, folder, args.runs)
        if not args.skip_moviepy:
            mp, mp_all, _, _ = timed(run_moviepy, src, folder / "moviepy.mp4", args.runs)
            print(f"moviepy 2:              median {mp:.2f} s  runs {fmt(mp_all)}")
            print(f"speed-up vs moviepy:    {mp / meme:.1f}x   (target >= 6x)")
    return 0


def _merge(runs: list[tuple[float, list[float], int, float]],
           ) -> tuple[float, list[float], int, float]:
    """One-run results of :func:`timed` combined: median wall, all walls, peak, median CPU."""
    walls = [w for run in runs for w in run[1]]
    return (statistics.median(walls), walls, max(run[2] for run in runs),
            statistics.median(run[3] for run in runs))


def fmt(values: list[float]) -> str:
    return ", ".join(f"{v:.2f}" for v in values)


if __name__ == "__main__":
    sys.exit(main())
