"""The built-in sound library (DESIGN.md section 3), synthesised by the project with numpy.

Ten effects (``sfx:NAME``) and five music loops (``music:NAME``, 8-16 s, looped to length by
the renderer). Each recipe is deterministic (a seeded noise generator per sound), loudness-
normalised (:func:`meme_desktop.engine.synth.normalise`) and written once as a 16-bit mono
48 kHz WAV into ``config.cache_dir()/sounds``; later calls reuse the file.
"""

from __future__ import annotations

import os
import threading
import wave
from collections.abc import Callable
from pathlib import Path

import numpy as np

from meme_desktop.config import cache_dir
from meme_desktop.engine.errors import UnknownSoundError
from meme_desktop.engine.music import MUSIC
from meme_desktop.engine.synth import (
    RATE,
    Array,
    adsr,
    bandpass,
    cymbal,
    decay,
    kick,
    lowpass,
    mix_at,
    noise,
    normalise,
    note_hz,
    phase,
    reverb,
    saw,
    sine,
    snare,
    t_axis,
)

LIBRARY_VERSION = 2  # bump when a recipe changes: cached files are keyed by it
_lock = threading.Lock()


def _vine_boom(rng: np.random.Generator) -> Array:
    s = 1.6
    t = t_axis(s)
    freq = 38 + 70 * np.exp(-t / 0.08)
    body = sine(freq, s) + 0.35 * sine(freq * 2, s)
    boom = np.tanh(3.0 * body) * decay(s, 0.45)
    thump = lowpass(noise(rng, s), 300) * decay(s, 0.03) * 2
    return reverb(boom + thump, rng, 1.2, 0.3)


def _airhorn(rng: np.random.Generator) -> Array:
    out = np.zeros(int(2.0 * RATE))
    for at, length in ((0.0, 0.22), (0.3, 0.22), (0.6, 1.2)):
        f = 415.0 * (1 + 0.004 * np.sin(2 * np.pi * 6 * t_axis(length)))
        blast = sum(saw(f * r, length, 14) for r in (1.0, 1.005, 1.25))
        blast = np.tanh(1.5 * blast) * adsr(length, 0.015, 0.06)
        mix_at(out, blast, at)
    return bandpass(out, 250, 6000)


def _record_scratch(rng: np.random.Generator) -> Array:
    s = 0.7
    t = t_axis(s)
    rate = 1.0 + 2.2 * np.sin(2 * np.pi * 3.2 * t) * np.exp(-t / 0.5)  # back-and-forth hand
    source_t = np.cumsum(rate) / RATE
    src = bandpass(noise(rng, 3.0), 300, 4000) + 0.6 * np.sin(2 * np.pi * 220 * t_axis(3.0))
    idx = np.clip(((source_t - source_t.min()) * RATE).astype(int), 0, src.size - 1)
    return src[idx] * (np.abs(rate) / 3.0 + 0.15) * adsr(s, 0.005, 0.12)


def _sad_trombone(rng: np.random.Generator) -> Array:
    notes = (("D4", 0.45), ("C#4", 0.45), ("C4", 0.45), ("B3", 1.5))
    out = np.zeros(int(3.1 * RATE))
    at = 0.0
    for name, length in notes:
        t = t_axis(length)
        vib = 1 + (0.012 * np.sin(2 * np.pi * 5.5 * t) * np.clip(t / 0.4, 0, 1)
                   if length > 1 else 0.0)
        f = note_hz(name) * 0.5 * vib * (1 - 0.03 * np.exp(-t / 0.05))
        tone = lowpass(saw(f, length, 16), 1400) * adsr(length, 0.05, 0.12)
        mix_at(out, tone, at)
        at += length + 0.05
    return reverb(out, rng, 0.6, 0.2)


def _rimshot(rng: np.random.Generator) -> Array:
    out = np.zeros(int(2.0 * RATE))
    mix_at(out, kick(0.3, 260, 140), 0.0, 0.9)  # ba
    mix_at(out, kick(0.3, 200, 100), 0.22, 0.9)  # dum
    mix_at(out, snare(rng, 0.2), 0.44, 0.8)
    mix_at(out, cymbal(rng, 1.5), 0.44, 0.9)  # tss
    return out


def _drumroll(rng: np.random.Generator) -> Array:
    out = np.zeros(int(3.2 * RATE))
    at, n = 0.0, 0
    while at < 2.3:
        gain = 0.25 + 0.75 * (at / 2.3) ** 1.5
        mix_at(out, snare(rng, 0.08), at, gain * (0.8 if n % 2 else 1.0))
        at += 0.045
        n += 1
    mix_at(out, kick(0.5), 2.35, 1.2)
    mix_at(out, cymbal(rng, 0.85), 2.35, 1.0)
    return out


def _crickets(rng: np.random.Generator) -> Array:
    s = 3.0
    out = np.zeros(int(s * RATE))
    for voice, (freq, offset) in enumerate(((4600.0, 0.0), (4200.0, 0.37))):
        at = offset
        while at < s - 0.3:
            for k in range(3):  # one chirp: three quick pulses
                pulse = sine(freq, 0.03) * np.sin(np.pi * t_axis(0.03) / 0.03) ** 2
                mix_at(out, pulse, at + k * 0.045, 0.6 - 0.2 * voice)
            at += 0.55 + 0.1 * rng.random()
    return out + 0.01 * lowpass(noise(rng, s), 800)


def _ding(rng: np.random.Generator) -> Array:
    s = 2.0
    partials = ((1.0, 1.0, 0.9), (2.76, 0.5, 0.5), (5.4, 0.25, 0.25), (8.93, 0.12, 0.12))
    base = 1320.0
    out = sum(a * sine(base * r, s) * decay(s, tau) for r, a, tau in partials)
    return out * adsr(s, 0.002, 0.05)


def _whoosh(rng: np.random.Generator) -> Array:
    s = 0.9
    t = t_axis(s)
    n = noise(rng, s)
    low, mid, high = bandpass(n, 200, 800), bandpass(n, 800, 2500), bandpass(n, 2500, 7000)
    sweep = np.sin(np.pi * t / s)
    centre = t / s
    out = low * (1 - centre) ** 2 + mid * 2 * centre * (1 - centre) + high * centre**2
    return out * sweep**2


def _boing(rng: np.random.Generator) -> Array:
    s = 0.9
    t = t_axis(s)
    freq = 180 * (1 + 0.35 * np.sin(2 * np.pi * 11 * t) * np.exp(-t / 0.35)) * (1 + 0.6 * t)
    tone = np.sin(phase(freq, s)) + 0.3 * np.sin(2 * phase(freq, s))
    return tone * decay(s, 0.3) * adsr(s, 0.003, 0.05)


SFX: dict[str, Callable[[np.random.Generator], Array]] = {
    "vine_boom": _vine_boom, "airhorn": _airhorn, "record_scratch": _record_scratch,
    "sad_trombone": _sad_trombone, "rimshot": _rimshot, "drumroll": _drumroll,
    "crickets": _crickets, "ding": _ding, "whoosh": _whoosh, "boing": _boing,
}


def list_sfx() -> list[str]:
    return list(SFX)


def list_music() -> list[str]:
    return list(MUSIC)


def list_sounds() -> list[str]:
    """Every built-in source string: ``sfx:vine_boom``, ..., ``music:lofi``, ..."""
    return [f"sfx:{n}" for n in SFX] + [f"music:{n}" for n in MUSIC]


def _recipe(src: str) -> tuple[str, str, Callable[[np.random.Generator], Array]]:
    kind, sep, name = src.partition(":")
    table = {"sfx": SFX, "music": MUSIC}.get(kind) if sep else None
    if table is None or name not in table:
        raise UnknownSoundError(src)
    return kind, name, table[name]


def _seed(kind: str, name: str) -> int:
    return sum((i + 1) * ord(c) for i, c in enumerate(f"{kind}:{name}")) + LIBRARY_VERSION


def synthesise(src: str) -> Array:
    """The sound as normalised float samples in [-1, 1] (mono, :data:`RATE`)."""
    kind, name, recipe = _recipe(src)
    rng = np.random.default_rng(_seed(kind, name))
    x = np.asarray(recipe(rng), dtype=np.float64)
    fade = min(x.size // 4, RATE // 100)
    if kind == "sfx" and fade:  # no click at the end of an effect
        x[-fade:] *= np.linspace(1.0, 0.0, fade)
    target = -18.0 if kind == "music" else -14.0
    return normalise(x, target_rms_db=target)


def _write_wav(path: Path, samples: Array) -> None:
    pcm = (np.clip(samples, -1.0, 1.0) * 32767).astype("<i2")
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    with wave.open(str(tmp), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(pcm.tobytes())
    os.replace(tmp, path)


def sound_path(src: str) -> Path:
    """The cached WAV of ``sfx:NAME`` / ``music:NAME`` (synthesised on first use)."""
    kind, name, _ = _recipe(src)
    folder = cache_dir() / "sounds"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{kind}-{name}-v{LIBRARY_VERSION}.wav"
    if path.is_file() and path.stat().st_size > 44:
        return path
    with _lock:
        if not (path.is_file() and path.stat().st_size > 44):
            _write_wav(path, synthesise(src))
    return path


def sound_duration(src: str) -> float:
    """Length in seconds of a built-in sound (a music loop's length before looping)."""
    with wave.open(str(sound_path(src)), "rb") as w:
        return w.getnframes() / w.getframerate()
