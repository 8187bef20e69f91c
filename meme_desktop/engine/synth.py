"""Tiny numpy synthesiser: oscillators, envelopes, noise, filters and drum voices.

Everything is deterministic (noise comes from a seeded generator passed in) and works on mono
float32 arrays at :data:`RATE` samples a second. :mod:`meme_desktop.engine.sounds` builds the
built-in library out of these parts.
"""

from __future__ import annotations

import numpy as np

RATE = 48_000

Array = np.ndarray


def t_axis(seconds: float) -> Array:
    return np.arange(int(seconds * RATE), dtype=np.float64) / RATE


def phase(freq: Array | float, seconds: float) -> Array:
    """Running phase (radians) of a frequency that may change over time."""
    n = int(seconds * RATE)
    f = np.broadcast_to(np.asarray(freq, dtype=np.float64), (n,))
    return 2 * np.pi * np.cumsum(f) / RATE


def sine(freq: Array | float, seconds: float) -> Array:
    return np.sin(phase(freq, seconds))


def saw(freq: Array | float, seconds: float, harmonics: int = 12) -> Array:
    """Band-limited sawtooth (additive), bright and brassy."""
    ph = phase(freq, seconds)
    out = np.zeros_like(ph)
    for k in range(1, harmonics + 1):
        out += np.sin(k * ph) / k
    return out * 0.6


def square(freq: Array | float, seconds: float, duty: float = 0.5) -> Array:
    ph = (phase(freq, seconds) / (2 * np.pi)) % 1.0
    return np.where(ph < duty, 1.0, -1.0) * 0.5


def triangle(freq: Array | float, seconds: float) -> Array:
    ph = (phase(freq, seconds) / (2 * np.pi)) % 1.0
    return (4 * np.abs(ph - 0.5) - 1.0) * 0.8


def noise(rng: np.random.Generator, seconds: float) -> Array:
    return rng.uniform(-1.0, 1.0, int(seconds * RATE))


def decay(seconds: float, tau: float) -> Array:
    """Exponential decay envelope with time constant ``tau``."""
    return np.exp(-t_axis(seconds) / tau)


def adsr(seconds: float, attack: float = 0.01, release: float = 0.05) -> Array:
    """A plain attack / hold / release envelope."""
    n = int(seconds * RATE)
    env = np.ones(n)
    a = min(n, int(attack * RATE))
    r = min(n - a, int(release * RATE))
    if a:
        env[:a] = np.linspace(0.0, 1.0, a)
    if r:
        env[n - r:] = np.linspace(1.0, 0.0, r)
    return env


def lowpass(x: Array, cutoff: float) -> Array:
    """Brick-wall-ish low-pass through the FFT (fine for short offline buffers)."""
    spec = np.fft.rfft(x)
    freqs = np.fft.rfftfreq(x.size, 1 / RATE)
    spec *= 1.0 / (1.0 + (freqs / cutoff) ** 4)
    return np.fft.irfft(spec, x.size)


def highpass(x: Array, cutoff: float) -> Array:
    return x - lowpass(x, cutoff)


def bandpass(x: Array, low: float, high: float) -> Array:
    return highpass(lowpass(x, high), low)


def mix_at(buf: Array, sound: Array, at: float, gain: float = 1.0) -> None:
    """Add ``sound`` into ``buf`` starting at ``at`` seconds (clipped to the buffer)."""
    start = int(at * RATE)
    if start >= buf.size:
        return
    end = min(buf.size, start + sound.size)
    buf[start:end] += gain * sound[: end - start]


def kick(seconds: float = 0.45, high: float = 150.0, low: float = 45.0) -> Array:
    """A pitch-dropping sine kick."""
    t = t_axis(seconds)
    freq = low + (high - low) * np.exp(-t / 0.04)
    return sine(freq, seconds) * decay(seconds, 0.12)


def snare(rng: np.random.Generator, seconds: float = 0.25) -> Array:
    body = sine(190.0, seconds) * decay(seconds, 0.03)
    rattle = highpass(noise(rng, seconds), 1500) * decay(seconds, 0.06)
    return 0.5 * body + 0.8 * rattle


def hat(rng: np.random.Generator, seconds: float = 0.06) -> Array:
    return highpass(noise(rng, seconds), 7000) * decay(seconds, 0.015)


def cymbal(rng: np.random.Generator, seconds: float = 1.4) -> Array:
    return highpass(noise(rng, seconds), 5000) * decay(seconds, 0.35)


def note_hz(name: str) -> float:
    """'A4' -> 440.0; sharps with '#', flats with 'b' ('Bb3')."""
    names = {"C": -9, "D": -7, "E": -5, "F": -4, "G": -2, "A": 0, "B": 2}
    semis = names[name[0]]
    rest = name[1:]
    if rest.startswith("#"):
        semis, rest = semis + 1, rest[1:]
    elif rest.startswith("b"):
        semis, rest = semis - 1, rest[1:]
    octave = int(rest)
    return 440.0 * 2 ** ((semis + 12 * (octave - 4)) / 12)


def reverb(x: Array, rng: np.random.Generator, seconds: float = 0.8, wet: float = 0.25) -> Array:
    """Convolution with a short decaying-noise impulse: enough room for a synthetic sound."""
    ir = noise(rng, seconds) * decay(seconds, seconds / 5)
    ir /= np.sqrt(np.sum(ir**2)) or 1.0
    n = x.size + ir.size - 1
    size = 1 << (n - 1).bit_length()
    tail = np.fft.irfft(np.fft.rfft(x, size) * np.fft.rfft(ir, size), size)[: x.size]
    return (1 - wet) * x + wet * tail


def normalise(x: Array, target_rms_db: float = -16.0, peak_db: float = -1.0) -> Array:
    """Loudness-normalise: match an RMS target (active part), never exceeding the peak."""
    x = x - np.mean(x)
    frame = RATE // 20
    n = x.size // frame * frame
    if n:
        blocks = np.sqrt(np.mean(x[:n].reshape(-1, frame) ** 2, axis=1))
        active = blocks[blocks > blocks.max() * 0.1] if blocks.max() > 0 else blocks
        rms = float(np.sqrt(np.mean(active**2))) if active.size else 0.0
    else:
        rms = float(np.sqrt(np.mean(x**2))) if x.size else 0.0
    if rms <= 0:
        return x
    y = x * (10 ** (target_rms_db / 20) / rms)
    peak = float(np.max(np.abs(y)))
    limit = 10 ** (peak_db / 20)
    if peak > limit:  # soft-clip the few peaks above the ceiling, keep the loudness
        y = limit * np.tanh(y / limit)
    return y
