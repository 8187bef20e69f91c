"""Media with transparency is laid on the meme's background colour in a render.

A sticker's see-through pixels keep some hidden colour (black in most editors, a palette's
spare entry in a GIF); the render used to show that colour. Now every see-through source (the
probe's ``alpha``: a PNG, WebP, GIF, PNG-in-MOV or VP9 WebM whose pixels are transparent) is
laid on the background colour before it is fitted, like the padding around it. A VP9 WebM's
alpha is a second layer only libvpx's decoder reads (``decoder``), and the cut into such a
file is made in the graph, because ffmpeg's ``-ss``/``-t`` make that decoder's frames opaque.
Real ffmpeg renders, pixels and sound read back.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import numpy as np
import pytest

from meme_desktop.config import ffmpeg_exe
from meme_desktop.draft import Draft
from meme_desktop.engine.media import probe
from meme_desktop.engine.render import RenderOptions, render
from meme_desktop.engine.render.graph import Clip, Graph, segment_chain
from tests.helpers.media import make_gif, make_sticker
from tests.helpers.render_tools import audio_mono, draft, frame_at, rms

GREEN = np.array([0, 255, 0])
WHITE = np.array([255, 255, 255])


def _render(tmp_path: Path, video: list[dict], name: str = "out.mp4", w: int = 200,
            h: int = 160, bg: str = "#00FF00") -> Path:
    raw = draft(w, h, 10, video=video, bg=bg)
    return render(Draft.from_json(raw), tmp_path / name, RenderOptions(quality="fast"),
                  lambda s: tmp_path / s)


def _near(pixel: np.ndarray, colour: np.ndarray, tolerance: int = 40) -> bool:
    return bool(np.abs(pixel.astype(int) - colour).max() <= tolerance)


@pytest.mark.parametrize("name,fit", [
    ("s.png", "contain"), ("p.png", "cover"), ("w.webp", "contain"), ("a.anim.webp", "contain"),
    ("g.gif", "cover"), ("m.mov", "contain"), ("v.webm", "contain"), ("v.webm", "blur")])
def test_see_through_pixels_show_the_background_colour(tmp_path: Path, name: str,
                                                       fit: str) -> None:
    kind = "palette" if name == "p.png" else "rgba"
    make_sticker(tmp_path / name, "200x160", kind)  # a white disc, black under the rest
    seg = {"id": "s1", "src": name, "st": 0, "d": 1000, "fit": fit}
    out = _render(tmp_path, [seg], w=200 if fit != "blur" else 160)
    rgb = frame_at(out, 0.5)
    h, w = rgb.shape[:2]
    assert _near(rgb[h // 2, w // 2], WHITE), rgb[h // 2, w // 2]  # the disc
    corner = rgb[4, 4] if fit != "blur" else rgb[h // 2, 3]  # see-through, inside the sticker
    assert _near(corner, GREEN), f"{name}: {corner} where the background should show"


def _flattened(path: Path) -> bool:
    """Whether the render graph lays this file on the background colour (a per-frame overlay)."""
    seg = Draft.from_json(draft(200, 160, 10, video=[{"id": "s1", "src": path.name, "st": 0,
                                                       "d": 1000}])).tracks[0].segments[0]
    g = Graph()
    segment_chain(g, Clip(seg, path, probe(path)), 200, 160, 10.0, "0x00FF00")
    return any("drawbox" in chain for chain in g.chains)


def test_an_opaque_gif_is_drawn_as_it_is(tmp_path: Path) -> None:
    """Every GIF decodes to BGRA: an opaque one must not pay for a per-frame overlay."""
    make_gif(tmp_path / "t.gif", 1.0, "200x160")  # testsrc: colour bars, no transparency
    rgb = frame_at(_render(tmp_path, [{"id": "s1", "src": "t.gif", "st": 0, "d": 1000}]), 0.5)
    assert not (np.abs(rgb.astype(int) - GREEN).max(axis=2) <= 40).mean() > 0.2
    assert not _flattened(tmp_path / "t.gif")
    assert _flattened(make_sticker(tmp_path / "s.gif", "200x160"))


def test_a_webm_with_alpha_is_cut_at_its_in_point_picture_and_sound(tmp_path: Path) -> None:
    """The cut is made in the graph for this file: the picture and the clip's own sound both
    start at the in-point (the sound is silent for its first half second, then a tone)."""
    webm = tmp_path / "talk.webm"
    disc = r"255*lte(hypot(X-W/2\,Y-H/2)\,0.35*min(W\,H))"
    subprocess.run([
        ffmpeg_exe(), "-v", "error", "-y", "-f", "lavfi", "-i",
        "color=c=black:size=200x160:rate=10:duration=2", "-f", "lavfi", "-i",
        "aevalsrc=if(gte(t\\,0.5)\\,0.5*sin(2*PI*440*t)\\,0):s=48000:d=2",
        "-vf", f"format=rgba,geq=r='{disc}':g='{disc}':b='{disc}':a='{disc}'",
        "-c:v", "libvpx-vp9", "-pix_fmt", "yuva420p", "-auto-alt-ref", "0", "-deadline",
        "realtime", "-c:a", "libopus", str(webm)], check=True, stdin=subprocess.DEVNULL)
    seg = {"id": "s1", "src": "talk.webm", "st": 0, "d": 1000, "in": 600, "vol": 100}
    out = _render(tmp_path, [seg])
    rgb = frame_at(out, 0.3)
    assert _near(rgb[4, 4], GREEN) and _near(rgb[80, 100], WHITE)
    samples, rate = audio_mono(out)
    assert rms(samples[int(0.05 * rate):int(0.4 * rate)]) > 0.05  # the tone from the start
