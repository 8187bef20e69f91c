"""Probing and thumbnails of real generated media, and the typed errors for bad files."""

from __future__ import annotations

import io
import os
import subprocess
import zlib
from pathlib import Path

import av
import numpy as np
import pytest

from meme_desktop.config import ffmpeg_exe
from meme_desktop.engine.children import creation_flags, popen_options
from meme_desktop.engine.errors import (
    EmptyMediaError,
    HugeDimensionsError,
    MediaError,
    MediaTooLargeError,
    TruncatedMediaError,
    UnreadableMediaError,
    UnsupportedMediaError,
    user_message,
)
from meme_desktop.engine.media import probe, thumbnail
from meme_desktop.engine.render.captions import CaptionSpec, _draw_in_subprocess
from meme_desktop.engine.render.process import run_ffmpeg
from meme_desktop.engine.thumbs import exif_orientation
from tests.helpers.media import (
    make_audio,
    make_clip,
    make_gif,
    make_image,
    make_sticker,
    truncate,
)
from tests.helpers.render_tools import (
    EXIF_DISPLAY,
    QUADRANTS,
    exif_app1,
    make_exif_jpeg,
    quadrant_colors,
)


def _ff(*args: str) -> None:
    subprocess.run([ffmpeg_exe(), "-v", "error", "-y", *args], check=True,
                   stdin=subprocess.DEVNULL)


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def test_probe_clip(tmp_path: Path) -> None:
    info = probe(make_clip(tmp_path / "c.mp4", 2.0, "320x180", fps=25))
    assert (info.kind, info.width, info.height, info.rotation) == ("video", 320, 180, 0)
    assert info.duration == pytest.approx(2.0, abs=0.05)
    assert info.fps == pytest.approx(25.0)
    assert info.has_audio and info.codec == "h264" and "mp4" in info.container


def test_probe_clip_without_sound_and_webm(tmp_path: Path) -> None:
    info = probe(make_clip(tmp_path / "c.webm", 1.0, "160x120", audio=False))
    assert info.kind == "video" and not info.has_audio and info.codec == "vp9"
    assert (info.width, info.height) == (160, 120)


def test_rotation_metadata_swaps_display_size(tmp_path: Path) -> None:
    plain = make_clip(tmp_path / "p.mp4", 1.0, "320x180", audio=False)
    rotated = tmp_path / "r.mp4"
    _ff("-display_rotation", "90", "-i", str(plain), "-c", "copy", str(rotated))
    info = probe(rotated)
    assert info.rotation in (90, 270)
    assert (info.width, info.height) == (180, 320)
    w, h = _png_size(thumbnail(rotated, 64))
    assert (w, h) == (36, 64)


@pytest.mark.parametrize("suffix,codec", [(".png", "png"), (".jpg", "mjpeg"), (".webp", "webp")])
def test_probe_images(tmp_path: Path, suffix: str, codec: str) -> None:
    info = probe(make_image(tmp_path / f"i{suffix}", "400x300"))
    assert (info.kind, info.width, info.height, info.duration, info.fps) == \
        ("image", 400, 300, 0.0, 0.0)
    assert info.codec == codec and not info.has_audio


def test_animated_gif_and_webp_are_video(tmp_path: Path) -> None:
    gif = probe(make_gif(tmp_path / "g.gif", 1.0, "120x90"))
    assert gif.kind == "video" and gif.duration == pytest.approx(1.0, abs=0.15)
    assert (gif.width, gif.height) == (120, 90)
    webp = tmp_path / "a.webp"
    _ff("-f", "lavfi", "-i", "testsrc=size=120x90:rate=10:duration=1", "-c:v", "libwebp_anim",
        "-loop", "0", str(webp))
    info = probe(webp)
    assert info.kind == "video" and info.duration == pytest.approx(1.0, abs=0.15)
    assert (info.width, info.height) == (120, 90)
    assert _png_size(thumbnail(webp, 60)) == (60, 45)


def test_single_frame_gif_is_an_image(tmp_path: Path) -> None:
    still = tmp_path / "s.gif"
    _ff("-f", "lavfi", "-i", "color=c=red:size=50x40", "-frames:v", "1", str(still))
    assert probe(still).kind == "image"


@pytest.mark.parametrize("suffix", [".mp3", ".wav", ".m4a"])
def test_probe_audio(tmp_path: Path, suffix: str) -> None:
    info = probe(make_audio(tmp_path / f"a{suffix}", 2.0))
    assert info.kind == "audio" and info.has_audio
    assert (info.width, info.height, info.fps) == (0, 0, 0.0)
    assert info.duration == pytest.approx(2.0, abs=0.1)


def test_thumbnails_have_requested_long_side(tmp_path: Path) -> None:
    clip = make_clip(tmp_path / "c.mp4", 2.0, "320x180")
    img = make_image(tmp_path / "i.png", "300x400")
    snd = make_audio(tmp_path / "a.wav", 1.0)
    assert _png_size(thumbnail(clip, 128)) == (128, 72)
    assert _png_size(thumbnail(img, 100)) == (75, 100)
    data = thumbnail(snd, 80)
    assert _png_size(data)[0] == 80
    with av.open(str(_write(tmp_path / "t.png", thumbnail(img, 100)))) as c:
        pixels = next(c.decode(video=0)).to_ndarray(format="rgb24")
    assert pixels.shape == (100, 75, 3) and np.ptp(pixels) > 50  # a real picture, not flat


def _rgba_pixels(png: bytes) -> tuple[str, np.ndarray]:
    """The PNG's pixel format and its pixels as RGBA."""
    with av.open(io.BytesIO(png)) as c:
        frame = next(c.decode(video=0))
        return frame.format.name, frame.to_ndarray(format="rgba")


@pytest.mark.parametrize("name,kind", [("s.png", "rgba"), ("g.png", "gray"),
                                       ("p.png", "palette"), ("w.webp", "rgba"),
                                       ("a.anim.webp", "rgba"), ("v.webm", "rgba")])
def test_thumbnail_of_a_sticker_keeps_its_transparency(tmp_path: Path, name: str,
                                                       kind: str) -> None:
    """A white disc on see-through pixels whose hidden colour is black (or a palette's
    green): the corners stay transparent, not black, and the disc's edge gets no dark rim. A
    VP9 WebM keeps its alpha in a second layer that only libvpx's decoder reads."""
    fmt, px = _rgba_pixels(thumbnail(make_sticker(tmp_path / name, "200x160", kind), 64))
    assert fmt == "rgba" and px.shape == (51, 64, 4)
    corners = px[[0, 0, -1, -1], [0, -1, 0, -1]]
    assert (corners[:, 3] == 0).all(), corners
    assert (px[25, 32] >= 245).all()  # the disc's middle: opaque white (WebP is lossy)
    seen = px[px[..., 3] >= 32]
    assert seen[:, :3].min() >= 230, "a dark rim where the disc meets the transparent part"


@pytest.mark.parametrize("name,kind,alpha,decoder", [
    ("s.png", "rgba", True, ""), ("p.png", "palette", True, ""), ("w.webp", "rgba", True, ""),
    ("a.anim.webp", "rgba", True, ""), ("g.gif", "rgba", True, ""), ("m.mov", "rgba", True, ""),
    ("v.webm", "rgba", True, "libvpx-vp9")])
def test_probe_says_which_media_is_see_through(tmp_path: Path, name: str, kind: str,
                                              alpha: bool, decoder: str) -> None:
    """A render lays these on the meme's background colour; a VP9 WebM's alpha layer needs
    libvpx's decoder, which the probe names for the render."""
    info = probe(make_sticker(tmp_path / name, "200x160", kind))
    assert (info.alpha, info.decoder) == (alpha, decoder)


def test_opaque_media_is_not_see_through(tmp_path: Path) -> None:
    """A GIF always decodes to BGRA and many PNGs are RGBA: the pixels decide, so an opaque
    GIF or RGBA PNG is not flattened frame by frame in a render."""
    rgba_png = tmp_path / "opaque-rgba.png"
    _ff("-f", "lavfi", "-i", "testsrc=size=120x90", "-frames:v", "1", "-pix_fmt", "rgba",
        str(rgba_png))
    webm = tmp_path / "plain.webm"
    _ff("-f", "lavfi", "-i", "testsrc=size=120x90:rate=10:duration=1", "-c:v", "libvpx-vp9",
        "-deadline", "realtime", str(webm))
    for path in (make_gif(tmp_path / "g.gif", 1.0), rgba_png, webm,
                 make_clip(tmp_path / "c.mp4", 1.0), make_image(tmp_path / "i.jpg")):
        info = probe(path)
        assert not info.alpha and info.decoder == "", path.name


def test_thumbnail_of_an_opaque_picture_stays_rgb(tmp_path: Path) -> None:
    fmt, px = _rgba_pixels(thumbnail(make_image(tmp_path / "i.png", "300x200"), 60))
    assert fmt == "rgb24" and px.shape == (40, 60, 4) and (px[..., 3] == 255).all()


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_empty_file(tmp_path: Path) -> None:
    empty = tmp_path / "e.mp4"
    empty.write_bytes(b"")
    with pytest.raises(EmptyMediaError) as err:
        probe(empty)
    assert "e.mp4" in user_message(err.value) and "empty" in user_message(err.value)


@pytest.mark.parametrize("suffix,keep", [(".mp4", 0.3), (".png", 0.5), (".jpg", 0.6),
                                         (".gif", 0.6), (".mp3", 0.0005)])
def test_truncated_files(tmp_path: Path, suffix: str, keep: float) -> None:
    makers = {".mp4": lambda p: make_clip(p, 2.0), ".png": make_image, ".jpg": make_image,
              ".gif": make_gif, ".mp3": make_audio}
    whole = makers[suffix](tmp_path / f"whole{suffix}")
    probe(whole)  # the complete file is fine
    cut = truncate(whole, tmp_path / f"cut{suffix}", keep)
    with pytest.raises((TruncatedMediaError, UnreadableMediaError, EmptyMediaError)) as err:
        probe(cut)
    assert isinstance(err.value, MediaError)
    assert "cut" in user_message(err.value)


def test_truncated_mp4_is_reported_as_truncated(tmp_path: Path) -> None:
    cut = truncate(make_clip(tmp_path / "w.mp4", 2.0), tmp_path / "cut.mp4", 0.5)
    with pytest.raises(TruncatedMediaError) as err:
        probe(cut)
    assert "incomplete" in user_message(err.value)


def test_mislabelled_text_file(tmp_path: Path) -> None:
    fake = tmp_path / "notes.mp4"
    fake.write_text("this is just some text, not a video\n" * 20)
    with pytest.raises(UnsupportedMediaError) as err:
        probe(fake)
    assert err.value.found == "a text file" and err.value.code == 4001
    assert "text file" in user_message(err.value)


def test_garbage_bytes_are_unreadable(tmp_path: Path) -> None:
    junk = tmp_path / "junk.mov"
    junk.write_bytes(bytes(np.random.default_rng(1).integers(0, 256, 5000, dtype=np.uint8)))
    with pytest.raises((UnreadableMediaError, UnsupportedMediaError)):
        probe(junk)


def test_unsupported_extension(tmp_path: Path) -> None:
    doc = tmp_path / "paper.pdf"
    doc.write_bytes(b"%PDF-1.4 ...")
    with pytest.raises(UnsupportedMediaError) as err:
        probe(doc)
    assert "mp4" in user_message(err.value)  # the message lists what is accepted


def test_too_large_file(tmp_path: Path) -> None:
    big = tmp_path / "big.mp4"
    with big.open("wb") as fh:
        fh.truncate(201 * 1024 * 1024)  # sparse: costs no disk
    with pytest.raises(MediaTooLargeError) as err:
        probe(big)
    assert err.value.code == 4002 and "200 MB" in user_message(err.value)


def test_huge_dimensions(tmp_path: Path) -> None:
    wide = tmp_path / "wide.png"
    _ff("-f", "lavfi", "-i", "color=c=blue:size=9000x16", "-frames:v", "1", str(wide))
    with pytest.raises(HugeDimensionsError) as err:
        probe(wide)
    assert (err.value.width, err.value.height) == (9000, 16)
    assert "9000" in user_message(err.value)


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return (len(data).to_bytes(4, "big") + kind + data
            + zlib.crc32(kind + data).to_bytes(4, "big"))


def test_decompression_bomb_png(tmp_path: Path) -> None:
    """A tiny file that declares 30000 x 30000 pixels is refused before decoding."""
    side = 30000
    ihdr = side.to_bytes(4, "big") * 2 + bytes([1, 0, 0, 0, 0])  # 1-bit greyscale
    row = b"\x00" * (1 + side // 8)
    comp = zlib.compressobj(9)
    body = b"".join(comp.compress(row) for _ in range(200)) + comp.flush()
    bomb = tmp_path / "bomb.png"
    bomb.write_bytes(b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", ihdr)
                     + _png_chunk(b"IDAT", body) + _png_chunk(b"IEND", b""))
    assert os.path.getsize(bomb) < 100_000
    with pytest.raises(HugeDimensionsError):
        probe(bomb)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(MediaError):
        probe(tmp_path / "nope.mp4")


@pytest.mark.parametrize("orientation", range(1, 9))
def test_exif_orientation_gives_display_size_and_thumbnail(tmp_path: Path,
                                                          orientation: int) -> None:
    """A phone photo's EXIF orientation (all eight, mirrored ones too) is applied."""
    path = make_exif_jpeg(tmp_path / f"o{orientation}.jpg", orientation,
                          big_endian=orientation % 2 == 0)
    info = probe(path)
    upright = orientation in (1, 2, 3, 4)
    assert (info.width, info.height) == ((128, 64) if upright else (64, 128))
    png = thumbnail(path, 64)
    assert _png_size(png) == ((64, 32) if upright else (32, 64))
    with av.open(io.BytesIO(png)) as c:
        rgb = next(c.decode(video=0)).to_ndarray(format="rgb24")
    got = quadrant_colors(rgb, (0, 0, rgb.shape[1], rgb.shape[0]))
    want = EXIF_DISPLAY[orientation](QUADRANTS).astype(np.int32)
    assert np.abs(got - want).max() < 60, (orientation, got.tolist(), want.tolist())


def test_exif_orientation_parser_ignores_junk() -> None:
    assert exif_orientation(b"\xff\xd8" + exif_app1(6)) == 6
    assert exif_orientation(b"\xff\xd8" + exif_app1(6, big_endian=False)) == 6
    assert exif_orientation(b"\xff\xd8" + exif_app1(9)) == 1  # out of range
    assert exif_orientation(b"\xff\xd8" + exif_app1(6)[:14]) == 1  # cut short
    assert exif_orientation(b"\x89PNG\r\n\x1a\n") == 1
    assert exif_orientation(b"\xff\xd8\xff\xe1\xff\xff" + b"Exif\x00\x00MM") == 1


def test_creation_flags_hide_the_console_on_windows_only(monkeypatch: pytest.MonkeyPatch,
                                                         ) -> None:
    assert creation_flags() == 0  # POSIX refuses any other value
    monkeypatch.setattr("sys.platform", "win32")
    monkeypatch.setattr(subprocess, "CREATE_NO_WINDOW", 0x08000000, raising=False)
    assert creation_flags() == 0x08000000


def test_every_engine_subprocess_passes_the_creation_flags(monkeypatch: pytest.MonkeyPatch,
                                                           tmp_path: Path) -> None:
    """ffmpeg for renders and thumbnails, and the caption helper: each one is started with the
    options of the one shared helper (``children.popen_options``: no console window on
    Windows; on Linux the parent-death signal that ends it with the engine)."""
    webp = tmp_path / "a.webp"
    _ff("-f", "lavfi", "-i", "testsrc=size=64x48:rate=10:duration=0.5", "-c:v",
        "libwebp_anim", "-loop", "0", str(webp))
    seen: list[tuple[str, object]] = []
    real = subprocess.Popen
    shared = popen_options()
    assert shared  # something ties every child to the engine (or hides its console)

    class Spy(real):  # type: ignore[misc, valid-type]
        def __init__(self, args, *rest, **kwargs) -> None:  # noqa: ANN001
            given = {k: kwargs.get(k, "missing") for k in shared}
            same = all(k != "creationflags" and given[k] != "missing"
                       or given[k] == shared[k] for k in shared)
            seen.append((" ".join(map(str, args)), same))
            super().__init__(args, *rest, **kwargs)

    monkeypatch.setattr(subprocess, "Popen", Spy)
    assert thumbnail(webp, 32)[:4] == b"\x89PNG"  # animated WebP: through the ffmpeg binary
    run_ffmpeg(["-f", "lavfi", "-i", "color=size=32x32:duration=0.2", "-f", "null", "-"], 0.2)
    spec = CaptionSpec(f"flags {os.getpid()}", "plain", "top", "#FFFFFF", 1.0, 96, 64)
    _draw_in_subprocess([spec])
    assert spec.path().is_file()
    assert any("image2pipe" in cmd for cmd, _ in seen) and any("-progress" in cmd
                                                               for cmd, _ in seen)
    assert any("engine.render.captions" in cmd for cmd, _ in seen)
    assert len(seen) >= 3
    assert all(same for _cmd, same in seen), seen
