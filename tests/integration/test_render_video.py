"""Render small drafts with the real ffmpeg and check the files with PyAV."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from meme_desktop.draft import Draft
from meme_desktop.engine.render import RenderOptions, render
from tests.helpers.media import make_clip, make_image
from tests.helpers.render_tools import (
    audio_mono,
    draft,
    frame_at,
    make_flat_image,
    rms,
    streams,
    top_level_atoms,
)

W, H, FPS = 270, 480, 25


def _render(tmp_path: Path, raw: dict, name: str = "out.mp4", **opts) -> Path:
    out = tmp_path / name
    result = render(Draft.from_json(raw), out, RenderOptions(**opts), lambda s: tmp_path / s)
    assert result == out and out.is_file()
    return out


def test_full_meme_streams_size_rate_duration_faststart(tmp_path: Path) -> None:
    make_clip(tmp_path / "clip.mp4", 2.0, "320x180")
    make_image(tmp_path / "cat.png", "400x300")
    raw = draft(W, H, FPS, video=[
        {"id": "s1", "src": "clip.mp4", "st": 0, "d": 1200, "fit": "blur", "zm": [1.0, 1.2]},
        {"id": "s2", "src": "cat.png", "st": 1200, "d": 800, "fit": "cover",
         "fx": ["deepfry", "shake"]},
    ], audio=[{"id": "s3", "src": "sfx:vine_boom", "st": 500, "d": 900}],
        text=[{"id": "s4", "txt": "when it compiles", "st": 0, "d": 2000, "pos": "top",
               "sty": "classic"}])
    out = _render(tmp_path, raw, quality="fast")
    info = streams(out)
    assert (info.width, info.height) == (W, H)
    assert info.fps == pytest.approx(FPS)
    assert abs(info.duration - 2.0) <= 1 / FPS
    assert info.frames == 50
    assert info.video_codec == "h264" and info.profile == "High" and info.pix_fmt == "yuv420p"
    assert (info.audio_codec, info.sample_rate, info.channels) == ("aac", 48000, 2)
    atoms = top_level_atoms(out)
    assert atoms.index("moov") < atoms.index("mdat")


def test_silent_draft_still_has_an_aac_track(tmp_path: Path) -> None:
    make_image(tmp_path / "i.png", "200x200")
    out = _render(tmp_path, draft(W, H, FPS, video=[{"id": "s1", "src": "i.png", "st": 0,
                                                      "d": 1000}]))
    info = streams(out)
    assert info.audio_codec == "aac" and info.sample_rate == 48000
    samples, _ = audio_mono(out)
    assert samples.size > 40000 and rms(samples) < 1e-4


def test_caption_pixels_where_the_caption_is(tmp_path: Path) -> None:
    make_flat_image(tmp_path / "blue.png", "320x240", "0x2040c0")
    raw = draft(W, H, FPS, video=[{"id": "s1", "src": "blue.png", "st": 0, "d": 2000,
                                   "fit": "cover"}],
                text=[{"id": "s2", "txt": "HELLO THERE", "st": 0, "d": 1000, "pos": "top",
                       "sty": "classic"}])
    out = _render(tmp_path, raw)
    during, after = frame_at(out, 0.5), frame_at(out, 1.5)

    def white(img: np.ndarray) -> np.ndarray:
        return (img > 215).all(axis=2)

    def black(img: np.ndarray) -> np.ndarray:
        return (img < 45).all(axis=2)

    top = slice(0, int(H * 0.3))
    assert white(during[top]).sum() > 150  # the letters
    assert black(during[top]).sum() > 150  # their outline
    assert white(during[H // 2:]).sum() == 0  # nothing elsewhere
    xs = np.nonzero(white(during[top]))[1]
    assert abs(xs.mean() - W / 2) < W * 0.1  # centred
    assert xs.min() > 4 and xs.max() < W - 4  # inside the safe margins
    assert white(after[top]).sum() == 0  # timed: gone after 1 s
    blue = after[H // 2, W // 2].astype(int)
    assert blue[2] > 150 and blue[0] < 70


def test_bar_caption_moves_the_media_down(tmp_path: Path) -> None:
    make_flat_image(tmp_path / "blue.png", "320x240", "0x2040c0")
    raw = draft(W, H, FPS, video=[{"id": "s1", "src": "blue.png", "st": 0, "d": 1000,
                                   "fit": "cover"}],
                text=[{"id": "s2", "txt": "nobody:", "st": 0, "d": 1000, "pos": "top",
                       "sty": "bar"}])
    frame = frame_at(_render(tmp_path, raw), 0.4)
    assert (frame[2, 5:W - 5] > 230).all()  # white bar at the very top
    assert ((frame[: H // 8] < 60).all(axis=2)).sum() > 20  # black text inside it
    assert frame[H - 5, W // 2, 2] > 150  # the media still fills the bottom


def test_sound_effect_energy_starts_at_its_time(tmp_path: Path) -> None:
    make_image(tmp_path / "i.png", "200x200")
    raw = draft(W, H, FPS, video=[{"id": "s1", "src": "i.png", "st": 0, "d": 2000}],
                audio=[{"id": "s2", "src": "sfx:vine_boom", "st": 1000, "d": 900}])
    samples, rate = audio_mono(_render(tmp_path, raw))
    before = samples[int(0.1 * rate):int(0.95 * rate)]
    start = samples[int(1.0 * rate):int(1.3 * rate)]
    assert rms(before) < 1e-3
    assert rms(start) > 0.05
    assert np.abs(samples).max() <= 1.0


def test_clip_sound_music_and_gaps(tmp_path: Path) -> None:
    make_clip(tmp_path / "tone.mp4", 2.0, "320x180", tone=440)
    raw = draft(W, H, FPS, bg="#FF0000", video=[
        {"id": "s1", "src": "tone.mp4", "st": 500, "d": 1000, "fit": "contain", "vol": 100}],
        audio=[{"id": "s2", "src": "music:chiptune", "st": 0, "d": 2000, "vol": 30,
                "fi": 200, "fo": 300}])
    out = _render(tmp_path, raw)
    gap = frame_at(out, 0.2)[H // 2, W // 2].astype(int)
    assert gap[0] > 200 and gap[1] < 60 and gap[2] < 60  # m.bg fills the gap
    letterbox = frame_at(out, 1.0)[5, W // 2].astype(int)
    assert letterbox[0] > 200 and letterbox[1] < 60  # contain: bg above the clip
    samples, rate = audio_mono(out)
    assert abs(samples.size / rate - 2.0) < 0.05
    clip_part = samples[int(0.7 * rate):int(1.3 * rate)]
    spec = np.abs(np.fft.rfft(clip_part))
    freqs = np.fft.rfftfreq(clip_part.size, 1 / rate)
    assert abs(freqs[np.argmax(spec)] - 440) < 15  # the clip's own tone dominates
    assert rms(samples[int(1.65 * rate):int(1.75 * rate)]) > 1e-3  # music under it
    assert rms(samples[-int(0.02 * rate):]) < rms(samples[int(1.6 * rate):int(1.7 * rate)])


def test_speed_and_reverse_keep_timeline_length(tmp_path: Path) -> None:
    make_clip(tmp_path / "c.mp4", 2.0, "320x180")
    raw = draft(W, H, FPS, video=[{"id": "s1", "src": "c.mp4", "st": 0, "d": 1000, "sp": 2.0,
                                   "rev": True, "fx": ["grayscale"]}])
    out = _render(tmp_path, raw)
    info = streams(out)
    assert abs(info.duration - 1.0) <= 1 / FPS and info.frames == 25
    frame = frame_at(out, 0.5).astype(int)
    assert np.abs(frame[..., 0] - frame[..., 1]).max() < 12  # grayscale


def test_preview_quality_is_small(tmp_path: Path) -> None:
    make_image(tmp_path / "i.png", "200x200")
    raw = draft(1080, 1920, 30, video=[{"id": "s1", "src": "i.png", "st": 0, "d": 500}])
    info = streams(_render(tmp_path, raw, quality="preview"))
    assert (info.width, info.height) == (304, 540)


def test_animated_gif_and_webp_inputs_loop_to_fill(tmp_path: Path) -> None:
    import subprocess

    from meme_desktop.config import ffmpeg_exe
    from tests.helpers.media import make_gif

    make_gif(tmp_path / "g.gif", 0.5, "120x90")
    subprocess.run([ffmpeg_exe(), "-v", "error", "-y", "-f", "lavfi", "-i",
                    "testsrc=size=120x90:rate=10:duration=0.5", "-c:v", "libwebp_anim",
                    "-loop", "0", str(tmp_path / "a.webp")], check=True)
    raw = draft(W, H, FPS, video=[
        {"id": "s1", "src": "g.gif", "st": 0, "d": 1500, "fit": "cover"},
        {"id": "s2", "src": "a.webp", "st": 1500, "d": 900, "fit": "contain"}])
    out = _render(tmp_path, raw)
    info = streams(out)
    assert abs(info.duration - 2.4) <= 1 / FPS and info.frames == 60
    early, late = frame_at(out, 0.1), frame_at(out, 1.1)
    assert np.ptp(early) > 100 and np.ptp(late) > 100  # still animating after the GIF's end
    assert (frame_at(out, 2.2)[5, W // 2] < 30).all()  # contain: black bars around the WebP


def test_uploaded_audio_and_a_sound_file_on_the_video_track(tmp_path: Path) -> None:
    from tests.helpers.media import make_audio

    make_image(tmp_path / "i.png", "200x200")
    make_audio(tmp_path / "voice.mp3", 1.0, tone=660)
    make_audio(tmp_path / "low.wav", 1.0, tone=220)
    raw = draft(W, H, FPS, video=[{"id": "s1", "src": "i.png", "st": 0, "d": 2000},
                                  {"id": "s2", "src": "low.wav", "st": 1000, "d": 1000}],
                audio=[{"id": "s3", "src": "voice.mp3", "st": 0, "d": 1000, "vol": 80}])
    out = _render(tmp_path, raw)
    samples, rate = audio_mono(out)

    def peak_hz(a: float, b: float) -> float:
        part = samples[int(a * rate):int(b * rate)]
        spec = np.abs(np.fft.rfft(part))
        return float(np.fft.rfftfreq(part.size, 1 / rate)[np.argmax(spec)])

    assert abs(peak_hz(0.2, 0.8) - 660) < 15  # the uploaded sound, at its time
    assert abs(peak_hz(1.2, 1.8) - 220) < 15  # the sound file on the video track is heard
    assert frame_at(out, 1.5).std() > 5  # and the picture is still the image


def test_zoom_is_smooth_and_centred(tmp_path: Path) -> None:
    import subprocess

    from meme_desktop.config import ffmpeg_exe

    square = tmp_path / "square.png"
    subprocess.run([ffmpeg_exe(), "-v", "error", "-y", "-f", "lavfi", "-i",
                    "color=c=black:size=270x480,drawbox=x=115:y=220:w=40:h=40:c=white:t=fill",
                    "-frames:v", "1", str(square)], check=True)
    raw = draft(W, H, FPS, video=[{"id": "s1", "src": "square.png", "st": 0, "d": 2000,
                                   "fit": "cover", "zm": [1.0, 2.0]}])
    out = _render(tmp_path, raw, quality="best")
    import av

    widths, centres = [], []
    with av.open(str(out)) as c:
        for frame in c.decode(video=0):
            lum = frame.to_ndarray(format="gray").astype(float)
            cols = lum[H // 2] > 128
            xs = np.nonzero(cols)[0]
            widths.append(xs.max() - xs.min() + 1)
            ys = np.nonzero(lum[:, W // 2] > 128)[0]
            centres.append(((xs.min() + xs.max()) / 2, (ys.min() + ys.max()) / 2))
    assert widths[0] == pytest.approx(40, abs=2) and widths[-1] == pytest.approx(80, abs=3)
    steps = np.diff(widths)
    assert (steps >= -1).all() and steps.max() <= 3  # grows steadily, no jumps back and forth
    cx, cy = np.array(centres).T
    assert np.ptp(cx) <= 1.5 and np.ptp(cy) <= 1.5  # the centre never drifts
