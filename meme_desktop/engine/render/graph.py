"""The video half of the one-pass filter graph: segments, fits, zoom, effects, captions.

:class:`Graph` collects ffmpeg input arguments and filter chains; :func:`build_video` adds
every video/image segment and caption and returns the label of the finished picture. All
per-frame work happens inside ffmpeg. Measured rules from DESIGN.md section 7 are followed:
an image is decoded once and fitted once (one frame, then the ``loop`` filter), captions are
single-frame PNG inputs held by ``overlay`` (``eof_action=repeat``) and switched by
``enable``, and every ``crop`` gets explicit offsets computed here or from ``t``.

Zoom (``zm``) is a per-frame ``scale`` (even sizes from ``t``) followed by a ``crop`` whose
offsets are computed from the same expression: the centre never drifts and the steps are a
fraction of a pixel, so there is none of the classic ``zoompan`` jitter.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path

from meme_desktop.draft import VideoSegment
from meme_desktop.engine.mediainfo import MediaInfo
from meme_desktop.engine.render.presets import decoder_threads
from meme_desktop.engine.render.sheets import Layer


@dataclass
class Clip:
    """A video-track segment with its resolved file and probe."""

    seg: VideoSegment
    path: Path
    info: MediaInfo
    input: int = -1  # ffmpeg input index once added (its audio is mixed by audio.py)
    skip: float = 0.0  # seconds at the input's start the graph cuts itself (no -ss)


@dataclass
class Graph:
    """ffmpeg inputs (argument lists) and filter chains for one render."""

    inputs: list[list[str]] = field(default_factory=list)
    chains: list[str] = field(default_factory=list)
    _labels: int = 0

    def add_input(self, args: list[str]) -> int:
        self.inputs.append(args)
        return len(self.inputs) - 1

    def label(self, prefix: str = "l") -> str:
        self._labels += 1
        return f"{prefix}{self._labels}"

    def chain(self, source: str | list[str], filters: list[str], prefix: str = "v") -> str:
        """Add ``[source]f1,f2,...[out]``; returns ``out``."""
        out = self.label(prefix)
        sources = [source] if isinstance(source, str) else source
        head = "".join(f"[{s}]" for s in sources)
        self.chains.append(f"{head}{','.join(filters) or 'null'}[{out}]")
        return out

    def filter_complex(self) -> str:
        return ";".join(self.chains)


def _even(x: float) -> int:
    return max(2, int(math.ceil(x / 2 - 1e-9)) * 2)


def _even_down(x: float) -> int:
    return max(2, int(math.floor(x / 2 + 1e-9)) * 2)


def _num(x: float) -> str:
    return f"{x:.6f}".rstrip("0").rstrip(".") or "0"


def ffcolor(color: str) -> str:
    """'#RRGGBB' -> '0xRRGGBB' (ffmpeg's colour syntax); anything odd becomes black."""
    c = color.lstrip("#")
    return f"0x{c[:6]}" if len(c) in (6, 8) and all(ch in "0123456789abcdefABCDEF" for ch in c) \
        else "black"


def _rgb(color: str) -> tuple[int, int, int]:
    """'#RRGGBB' -> (r, g, b); anything odd is black."""
    c = ffcolor(color)
    if not c.startswith("0x"):
        return (0, 0, 0)
    return int(c[2:4], 16), int(c[4:6], 16), int(c[6:8], 16)


def cover(iw: int, ih: int, w: int, h: int) -> list[str]:
    """Scale to fill w x h and crop the middle (explicit offsets)."""
    s = max(w / iw, h / ih)
    sw, sh = max(w, _even(iw * s)), max(h, _even(ih * s))
    return [f"scale={sw}:{sh}:flags=bicubic", f"crop={w}:{h}:{(sw - w) // 2}:{(sh - h) // 2}",
            "setsar=1"]


def blur_backdrop(iw: int, ih: int, w: int, h: int) -> list[str]:
    """A blurred, dimmed cover of w x h, made cheaply: crop the source region first, shrink
    it to a tenth (area average), blur that, and stretch it back (measured: DESIGN.md 7)."""
    s = max(w / iw, h / ih)
    cw, ch = min(iw, _even_down(w / s)), min(ih, _even_down(h / s))
    small_w, small_h = _even(w / 10), _even(h / 10)
    # boxblur needs a radius under half the plane (chroma planes are half size): a small
    # canvas (a 160x120 draft: a 16x12 backdrop) gets a smaller one instead of an ffmpeg error
    luma = max(0, min(6, min(small_w, small_h) // 2 - 1))
    chroma = max(0, min(4, min(small_w, small_h) // 4 - 1))
    return [f"crop={cw}:{ch}:{(iw - cw) // 2}:{(ih - ch) // 2}",
            f"scale={small_w}:{small_h}:flags=area",
            f"boxblur=luma_radius={luma}:luma_power=2:chroma_radius={chroma}:chroma_power=2",
            "eq=brightness=-0.06", f"scale={w}:{h}:flags=fast_bilinear", "setsar=1"]


def contain_size(iw: int, ih: int, w: int, h: int) -> tuple[int, int]:
    s = min(w / iw, h / ih)
    return min(w, _even_down(iw * s)), min(h, _even_down(ih * s))


def fit_filters(g: Graph, src: str, iw: int, ih: int, w: int, h: int, fit: str,
                bg: str) -> str:
    """Chain that turns ``src`` into exactly w x h by ``fit``; returns the new label."""
    if fit == "cover":
        return g.chain(src, cover(iw, ih, w, h))
    sw, sh = contain_size(iw, ih, w, h)
    x, y = (w - sw) // 2, (h - sh) // 2
    if fit != "blur":  # contain
        return g.chain(src, [f"scale={sw}:{sh}:flags=bicubic", "setsar=1",
                             f"pad={w}:{h}:{x}:{y}:color={bg}"])
    a, b = g.label("sa"), g.label("sb")
    g.chains.append(f"[{src}]split=2[{a}][{b}]")
    back = g.chain(a, blur_backdrop(iw, ih, w, h))
    front = g.chain(b, [f"scale={sw}:{sh}:flags=bicubic", "setsar=1"])
    return g.chain([back, front], [f"overlay={x}:{y}"])


def flatten(g: Graph, src: str, color: str) -> str:
    """``src`` laid on ``color`` (a sticker with transparency: its see-through parts show the
    meme's background, as the padding around it does, instead of whatever colour the file keeps
    under its transparent pixels). Before fitting, so every fit (the blur's backdrop too) sees
    an opaque picture; both branches come from one stream, so they stay frame for frame."""
    a, b = g.label("fa"), g.label("fb")
    g.chains.append(f"[{src}]split=2[{a}][{b}]")
    back = g.chain(a, ["format=rgb24", f"drawbox=c={color}:t=fill"])
    return g.chain([back, b], ["overlay=0:0:format=auto"])


def orient_filters(rotation: int, mirrored: bool) -> list[str]:
    """Filters that turn a stored picture into its display orientation (EXIF 1-8)."""
    out = {90: ["transpose=cclock"], 180: ["hflip", "vflip"],
           270: ["transpose=clock"]}.get(rotation % 360, [])
    return out + (["hflip"] if mirrored else [])


def _zoom_scale(z0: float, z1: float, seconds: float, w: int, h: int) -> tuple[str, str, str]:
    """The per-frame ``scale`` for a zoom from z0 to z1, and its width/height expressions."""
    p = f"min(t/{_num(max(seconds, 1e-3))},1)"
    z = f"({_num(z0)}+{_num(z1 - z0)}*{p})"
    sw, sh = f"max(2,2*trunc({w}*{z}/2))", f"max(2,2*trunc({h}*{z}/2))"
    return f"scale=w='{sw}':h='{sh}':eval=frame:flags=bicubic", sw, sh


def zoom_filters(z0: float, z1: float, seconds: float, w: int, h: int) -> list[str]:
    """Smooth zoom *in* from z0 to z1 (both >= 1) over the segment (t: the segment's time)."""
    z0, z1 = max(1.0, z0), max(1.0, z1)
    if abs(z0 - z1) < 1e-4 and abs(z0 - 1.0) < 1e-4:
        return []
    scale, sw, sh = _zoom_scale(z0, z1, seconds, w, h)
    return [scale, f"crop={w}:{h}:x='({sw}-{w})/2':y='({sh}-{h})/2'"]


def zoom_out(g: Graph, src: str, z0: float, z1: float, seconds: float, w: int, h: int,
             fps: float, fit: str, bg: str, front_size: tuple[int, int] = (0, 0)) -> str:
    """A zoom that goes below 1: the picture, scaled every frame, is overlaid centred on the
    fill; above 1 the overlay simply crops it. Sizes stay even, so the centre never wobbles.

    ``cover``/``contain``: the whole fitted frame shrinks over the background colour (the
    contain bars merge with it). ``blur``: only the sharp picture (``front_size``, centred in
    the frame) shrinks, over a blurred copy of the segment, so no frame-in-frame edge shows."""
    if fit == "blur" and front_size[0] > 0:
        fw, fh = front_size
        scale, _sw, _sh = _zoom_scale(z0, z1, seconds, fw, fh)
        a, b = g.label("za"), g.label("zb")
        g.chains.append(f"[{src}]split=2[{a}][{b}]")
        fill = g.chain(a, blur_backdrop(w, h, w, h))
        front = g.chain(b, [f"crop={fw}:{fh}:{(w - fw) // 2}:{(h - fh) // 2}", scale])
    else:
        scale, _sw, _sh = _zoom_scale(z0, z1, seconds, w, h)
        fill = g.label("zf")
        g.chains.append(f"color=c={bg}:s={w}x{h}:r={_num(fps)}:d={_num(seconds)},"
                        f"format=yuv420p[{fill}]")
        front = g.chain(src, [scale])
    return g.chain([fill, front], ["overlay=x='(W-w)/2':y='(H-h)/2':eval=frame:shortest=1",
                                   "format=yuv420p"])


STATIC_FX = {
    "grayscale": ["hue=s=0"],
    "sepia": ["colorchannelmixer=.393:.769:.189:0:.349:.686:.168:0:.272:.534:.131"],
    "deepfry": ["eq=contrast=1.9:saturation=3.2:brightness=0.04:gamma_r=1.15",
                "unsharp=7:7:2.5:7:7:0", "noise=alls=18:allf=u"],
}


def shake_filters(w: int, h: int) -> list[str]:
    a = max(2, round(min(w, h) * 0.02))
    return [f"crop={w - 2 * a}:{h - 2 * a}:x='{a}+{a}*sin(t*41)*cos(t*7)':"
            f"y='{a}+{a}*cos(t*37)*sin(t*11)'", f"scale={w}:{h}:flags=bilinear", "setsar=1"]


def fx_filters(effects: list[str], w: int, h: int, static_only: bool | None = None) -> list[str]:
    """Filters for the effects; ``static_only`` True/False selects the still / moving ones."""
    out: list[str] = []
    for name in effects:
        moving = name == "shake"
        if static_only is True and moving or static_only is False and not moving:
            continue
        out += shake_filters(w, h) if moving else STATIC_FX.get(name, [])
    return out


def segment_chain(g: Graph, clip: Clip, w: int, h: int, fps: float, bg: str) -> str:
    """One segment as a w x h stream whose timestamps start at the segment's ``st``."""
    seg, info = clip.seg, clip.info
    d = seg.duration / 1000.0
    st = seg.start / 1000.0
    frames = max(1, round(d * fps))
    if info.kind == "image":
        # orientation applied here, not by ffmpeg's autorotate (builds differ on EXIF)
        k = g.add_input(["-noautorotate", "-i", str(clip.path)])
        src = f"{k}:v"
        if turn := orient_filters(info.rotation, info.mirrored):
            src = g.chain(src, turn)
        if info.alpha:
            src = flatten(g, src, bg)
        fitted = fit_filters(g, src, info.width, info.height, w, h, seg.fit, bg)
        still = g.chain(fitted, fx_filters(seg.effects, w, h, static_only=True)
                        + ["format=yuv420p", f"loop=loop={frames - 1}:size=1:start=0",
                           f"setpts=N/({_num(fps)}*TB)"])
        body = still
    else:
        speed = seg.speed if seg.speed and seg.speed > 0 else 1.0
        need = d * speed
        if info.duration > 0 and seg.inpoint / 1000.0 > info.duration - 2.0 / fps:
            seg = seg.copy()  # an in-point past the end: hold the last frames instead
            seg.inpoint = max(0, int((info.duration - 2.0 / fps) * 1000))
        anim_webp = info.codec == "webp"  # its demuxer cannot -stream_loop: loop filter
        # cut in the graph, not by -ss/-t: an animated WebP cannot seek, and with an input cut
        # ffmpeg hands a see-through clip (GIF, PNG-in-MOV, WebM) to the graph without alpha
        cut_in_graph = anim_webp or info.alpha
        args = ["-stream_loop", "-1"] if info.codec == "gif" else []
        if seg.inpoint and not cut_in_graph:
            args += ["-ss", _num(seg.inpoint / 1000.0)]
        if not cut_in_graph:
            args += ["-t", _num(need + 0.25)]
        if info.decoder:  # e.g. libvpx-vp9: FFmpeg's own VP9 decoder drops a WebM's alpha
            args += ["-c:v", info.decoder]
        k = g.add_input([*args, "-threads", str(decoder_threads()), "-i", str(clip.path)])
        clip.input = k
        pre = []
        if anim_webp:
            count = max(1, round(info.duration * info.fps))
            pre.append(f"loop=loop=-1:size={count}:start=0")
        if cut_in_graph:
            clip.skip = seg.inpoint / 1000.0
            pre.append(f"trim=start={_num(clip.skip)}:duration={_num(need + 0.25)}")
        pre += [f"setpts=(PTS-STARTPTS)/{_num(speed)}" if speed != 1.0 else "setpts=PTS-STARTPTS"]
        if abs(info.fps * speed - fps) > 1e-3 or info.codec in ("gif", "webp"):
            pre.append(f"fps={_num(fps)}")
        src = g.chain(f"{k}:v", pre)
        if info.alpha:
            src = flatten(g, src, bg)
        fitted = fit_filters(g, src, info.width, info.height, w, h, seg.fit, bg)
        post = [f"trim=duration={_num(d)}", "setpts=PTS-STARTPTS"]
        post += ["reverse", "setpts=PTS-STARTPTS"] if seg.reverse else []
        if info.duration - seg.inpoint / 1000.0 < need + 1.0 / fps:  # too short: hold the end
            post += [f"tpad=stop_mode=clone:stop_duration={_num(d)}", f"trim=duration={_num(d)}"]
        post += fx_filters(seg.effects, w, h, static_only=True)
        body = g.chain(fitted, post + ["format=yuv420p"])
    zoom = seg.zoom if isinstance(seg.zoom, list | tuple) and len(seg.zoom) == 2 else [1, 1]
    z0, z1 = (min(10.0, max(0.1, float(z))) for z in zoom)
    if min(z0, z1) < 1.0 - 1e-4:
        front = contain_size(info.width, info.height, w, h)
        body, tail = zoom_out(g, body, z0, z1, d, w, h, fps, seg.fit, bg, front), []
    else:
        tail = zoom_filters(z0, z1, d, w, h)
    tail += fx_filters(seg.effects, w, h, static_only=False)
    tail.append(f"setpts=PTS+{_num(st)}/TB")
    return g.chain(body, tail)


BarSpan = tuple[float, float, int, int]  # start, end (seconds), top and bottom bar heights


def bar_layout(g: Graph, src: str, spans: list[BarSpan], clips: list[Clip], width: int,
               height: int, fps: float, total: float, color: str) -> str:
    """Move the media out of the way of top/bottom ``bar`` captions, only while they show.

    One chain for the whole video, switched per frame by ``t`` (no second composite, no
    buffering): media that is all ``cover`` keeps its size and is shifted to the middle of the
    free area (the bar hides the rest); otherwise it shrinks to fit the free area, centred.
    Outside the spans the ``scale`` is a pass-through and the overlay a plain copy."""
    sizes, xs, ys = [], [], []
    for a, b, top, bottom in spans:
        win = f"gte(t,{_num(a)})*lt(t,{_num(b)})"
        over = [c for c in clips if c.seg.start / 1000.0 < b and c.seg.end / 1000.0 > a]
        mh = height - top - bottom
        if over and all(c.seg.fit == "cover" for c in over):
            sw, sh, x, y = width, height, 0, (top - bottom) // 2
        else:
            sw, sh = min(width, _even_down(width * mh / height)), mh
            x, y = (width - sw) // 2, top
        sizes.append((f"{sw - width}*{win}", f"{sh - height}*{win}"))
        xs.append(f"{x}*{win}")
        ys.append(f"{y}*{win}")
    w_expr = f"{width}+" + "+".join(w for w, _ in sizes)
    h_expr = f"{height}+" + "+".join(h for _, h in sizes)
    moved = g.chain(src, [f"scale=w='{w_expr}':h='{h_expr}':eval=frame:flags=bicubic"])
    canvas = g.label("bc")
    g.chains.append(f"color=c={color}:s={width}x{height}:r={_num(fps)}:d={_num(total)},"
                    f"format=yuv420p[{canvas}]")
    return g.chain([canvas, moved], [f"overlay=x='{'+'.join(xs)}':y='{'+'.join(ys)}':"
                                     "eval=frame:shortest=1", "setsar=1"])


def backdrop(g: Graph, width: int, height: int, fps: float, total: float, bg: str,
             bg2: str | None = None) -> str:
    """The canvas behind the clips: the background colour, or (``bg2``) a still gradient
    from ``bg`` at the top to ``bg2`` at the bottom (text memes)."""
    label = g.label("bg")
    if bg2:     # drawn once on a tiny picture, scaled up smoothly, then held for every frame
        top, bottom = _rgb(bg), _rgb(bg2)
        ramp = ":".join(f"{ch}='{a}+({b}-{a})*Y/(H-1)'" for ch, a, b in zip("rgb", top, bottom,
                                                                             strict=True))
        g.chains.append(f"color=c=black:s=8x64:r={_num(fps)}:d={_num(1 / fps)},format=rgb24,"
                        f"geq={ramp},scale={width}:{height}:flags=bicubic,format=yuv420p,"
                        f"loop=loop=-1:size=1,setpts=N/({_num(fps)}*TB),"
                        f"trim=duration={_num(total)}[{label}]")
    else:
        g.chains.append(f"color=c={ffcolor(bg)}:s={width}x{height}:r={_num(fps)}:"
                        f"d={_num(total)},format=yuv420p[{label}]")
    return label


def build_video(g: Graph, clips: list[Clip], captions: list[Layer],
                width: int, height: int, fps: float, total: float, bg: str,
                bars: list[BarSpan] | None = None, bg2: str | None = None) -> str:
    """Compose every clip (in paint order) and caption; returns the final video label."""
    mw, mh = width, height
    color = ffcolor(bg)
    base: str | None = None
    rest = clips
    first = clips[0] if clips else None
    if first and first.seg.start == 0 and first.seg.duration / 1000.0 >= total - 1e-6:
        base = segment_chain(g, first, mw, mh, fps, color)  # covers everything: no backdrop
        rest = clips[1:]
    if base is None:
        base = backdrop(g, mw, mh, fps, total, bg, bg2)
    for clip in rest:
        layer = segment_chain(g, clip, mw, mh, fps, color)
        a, b = clip.seg.start / 1000.0, clip.seg.end / 1000.0
        base = g.chain([base, layer], [f"overlay=0:0:eof_action=pass:repeatlast=0:"
                                       f"enable='gte(t,{_num(a)})*lt(t,{_num(b)})'"])
    if bars:
        base = bar_layout(g, base, bars, clips, width, height, fps, total, color)
    for cap in captions:  # captions, several close ones as one sheet (.sheets)
        k = g.add_input(["-i", str(cap.path)])
        base = g.chain([base, f"{k}:v"], [f"overlay={cap.x}:{cap.y}:enable='between("
                                          f"t,{_num(cap.start)},{_num(cap.end)})'"])
    return g.chain(base, ["format=yuv420p", f"trim=duration={_num(total)}"])


def gif_tail(g: Graph, src: str) -> str:
    """Palette-optimised GIF: one palette for the whole clip, Bayer dithering."""
    a, b, p = g.label("ga"), g.label("gb"), g.label("gp")
    g.chains.append(f"[{src}]split=2[{a}][{b}]")
    g.chains.append(f"[{a}]palettegen=max_colors=256:stats_mode=diff[{p}]")
    return g.chain([b, p], ["paletteuse=dither=bayer:bayer_scale=4:diff_mode=rectangle"])
