"""Recipes of the five built-in music loops (lofi, phonk, chiptune, epic, suspense).

Each recipe returns one seamless loop of whole bars (8-16 s) as mono float samples; the
renderer loops it to the segment's length. Built from :mod:`meme_desktop.engine.synth`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import cast

import numpy as np

from meme_desktop.engine.synth import (
    RATE,
    Array,
    adsr,
    bandpass,
    decay,
    hat,
    kick,
    lowpass,
    noise,
    note_hz,
    saw,
    sine,
    snare,
    square,
    t_axis,
    triangle,
)


def _loop(bars: int, bpm: float) -> tuple[Array, float]:
    beat = 60.0 / bpm
    return np.zeros(int(bars * 4 * beat * RATE)), beat


def _wrap(buf: Array, tail: Array, at: float) -> None:
    """Mix with wrap-around, so notes ringing past the loop end come back at its start."""
    start = int(at * RATE) % buf.size
    first = min(tail.size, buf.size - start)
    buf[start:start + first] += tail[:first]
    if tail.size > first:
        rest = tail[first:first + buf.size]
        buf[: rest.size] += rest


def _chord(names: tuple[str, ...], seconds: float, voice: Callable[[float, float], Array]) -> Array:
    # sum() starts from the int 0, so its type is Array | int; with any names it is an Array
    return cast(Array, sum(voice(note_hz(n), seconds) for n in names) / len(names))


def _rhodes(freq: float, seconds: float) -> Array:
    tone = sine(freq, seconds) + 0.25 * sine(2 * freq, seconds) * decay(seconds, 0.3)
    return tone * (0.6 + 0.4 * np.sin(2 * np.pi * 4 * t_axis(seconds))) * adsr(seconds, 0.02, 0.3)


def _lofi(rng: np.random.Generator) -> Array:
    buf, beat = _loop(4, 80)
    chords = (("D3", "F3", "A3", "C4"), ("G3", "B3", "D4", "F4"),
              ("C3", "E3", "G3", "B3"), ("A2", "C3", "E3", "G3"))
    for bar, notes in enumerate(chords):
        _wrap(buf, 0.5 * lowpass(_chord(notes, 4 * beat, _rhodes), 2500), bar * 4 * beat)
        for b in range(4):
            at = (bar * 4 + b) * beat
            if b in (0, 2):
                _wrap(buf, 0.8 * kick(0.4, 120, 50), at)
            else:
                _wrap(buf, 0.35 * lowpass(snare(rng, 0.25), 3000), at)
            _wrap(buf, 0.15 * hat(rng), at + beat * 0.5 + 0.03)
    crackle = np.zeros(buf.size)
    pops = rng.integers(0, buf.size, size=int(buf.size / RATE * 12))
    crackle[pops] = rng.uniform(-0.6, 0.6, pops.size)
    return lowpass(buf, 5000) + 0.15 * crackle + 0.01 * lowpass(noise(rng, buf.size / RATE), 4000)


def _cowbell(freq: float, seconds: float) -> Array:
    tone = square(freq, seconds) + square(freq * 1.48, seconds)
    return bandpass(tone, 500, 3000) * decay(seconds, 0.09)


def _phonk(rng: np.random.Generator) -> Array:
    buf, beat = _loop(8, 130)
    melody = ("F5", "F5", "Ab5", "F5", "C6", "Bb5", "Ab5", "G5")
    bass = ("F2", "F2", "Db2", "Eb2")
    step = beat / 2
    for bar in range(8):
        root = note_hz(bass[bar % 4 if bar < 4 else (bar - 4) % 4])
        t = t_axis(4 * beat)
        b808 = np.tanh(2.5 * sine(root * (1 + 0.5 * np.exp(-t / 0.03)), 4 * beat)) \
            * decay(4 * beat, 1.2)
        _wrap(buf, 0.55 * b808, bar * 4 * beat)
        for s in range(8):
            at = (bar * 8 + s) * step
            if (bar + s) % 3 != 2:
                _wrap(buf, 0.3 * _cowbell(note_hz(melody[s]) / 2, 0.25), at)
            _wrap(buf, 0.2 * hat(rng, 0.05), at)
            if s in (2, 6):
                _wrap(buf, 0.5 * snare(rng, 0.2), at)
            if s in (0, 3):
                _wrap(buf, 0.7 * kick(0.3, 160, 55), at)
    return np.tanh(1.4 * buf)


def _chiptune(rng: np.random.Generator) -> Array:
    buf, beat = _loop(8, 140)
    progression = (("C4", "E4", "G4"), ("A3", "C4", "E4"), ("F3", "A3", "C4"), ("G3", "B3", "D4"))
    step = beat / 4
    for bar in range(8):
        notes = progression[bar % 4]
        for s in range(16):  # arpeggio in sixteenths
            at = (bar * 16 + s) * step
            f = note_hz(notes[s % 3]) * (2 if s >= 8 else 1)
            _wrap(buf, 0.25 * square(f, step * 0.9, 0.25) * adsr(step * 0.9, 0.002, 0.01), at)
        for b in range(4):
            at = (bar * 4 + b) * beat
            root = note_hz(notes[0]) / 2
            _wrap(buf, 0.35 * triangle(root, beat * 0.8) * adsr(beat * 0.8, 0.003, 0.02), at)
            if b % 2:
                _wrap(buf, 0.25 * lowpass(noise(rng, 0.08), 6000) * decay(0.08, 0.03), at)
            else:
                _wrap(buf, 0.5 * kick(0.15, 200, 60), at)
    return buf


def _strings(freq: float, seconds: float) -> Array:
    vib = 1 + 0.004 * np.sin(2 * np.pi * 5 * t_axis(seconds))
    tone = saw(freq * vib, seconds, 10) + saw(freq * 1.003, seconds, 10)
    return lowpass(tone, 1800) * adsr(seconds, 0.4, 0.5)


def _epic(rng: np.random.Generator) -> Array:
    buf, beat = _loop(4, 90)
    chords = (("D3", "F3", "A3", "D4"), ("Bb2", "D3", "F3", "Bb3"),
              ("F2", "A2", "C3", "F3"), ("C3", "E3", "G3", "C4"))
    for bar, notes in enumerate(chords):
        _wrap(buf, 0.45 * _chord(notes, 4 * beat, _strings), bar * 4 * beat)
        _wrap(buf, 0.4 * _strings(note_hz(notes[0]) / 2, 4 * beat), bar * 4 * beat)
        for hit in (0.0, 1.5, 2.0, 3.0, 3.5):  # taiko pattern
            taiko = kick(0.8, 110, 42) + 0.25 * lowpass(noise(rng, 0.8), 400) * decay(0.8, 0.05)
            _wrap(buf, 0.9 * taiko, (bar * 4 + hit) * beat)
        brass = lowpass(saw(note_hz(notes[-1]), beat * 1.8, 12), 2200) * adsr(beat * 1.8, 0.08, 0.3)
        _wrap(buf, 0.25 * brass, (bar * 4 + 2) * beat)
    return np.tanh(1.2 * buf)


def _suspense(rng: np.random.Generator) -> Array:
    buf, beat = _loop(4, 60)  # 16 s, one heartbeat a second
    seconds = buf.size / RATE
    drone = saw(note_hz("C2"), seconds, 8) + saw(note_hz("C#2") * 1.001, seconds, 8)
    _wrap(buf, 0.3 * lowpass(drone, 400), 0.0)
    t = t_axis(seconds)
    tremolo = 0.5 + 0.5 * np.sin(2 * np.pi * 7 * t)
    high = (sine(note_hz("F#5"), seconds) + sine(note_hz("G5"), seconds)) * tremolo
    _wrap(buf, 0.06 * high * (0.5 + 0.5 * np.sin(2 * np.pi * t / seconds) ** 2), 0.0)
    for b in range(16):
        at = b * beat
        _wrap(buf, 0.9 * kick(0.25, 90, 40), at)
        _wrap(buf, 0.6 * kick(0.25, 80, 38), at + 0.22)
    return buf


MUSIC: dict[str, Callable[[np.random.Generator], Array]] = {
    "lofi": _lofi, "phonk": _phonk, "chiptune": _chiptune, "epic": _epic, "suspense": _suspense,
}
