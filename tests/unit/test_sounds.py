"""The synthesised sound library: names, files, determinism, loudness and character."""

from __future__ import annotations

import wave
from pathlib import Path

import numpy as np
import pytest

from meme_desktop.draft import MUSIC_NAMES, SFX_NAMES
from meme_desktop.engine import sounds
from meme_desktop.engine.errors import UnknownSoundError, user_message
from meme_desktop.engine.synth import RATE


def _read(path: Path) -> np.ndarray:
    with wave.open(str(path), "rb") as w:
        assert (w.getnchannels(), w.getsampwidth(), w.getframerate()) == (1, 2, RATE)
        return np.frombuffer(w.readframes(w.getnframes()), "<i2").astype(np.float64) / 32768


def _spectrum(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    mag = np.abs(np.fft.rfft(x * np.hanning(x.size)))
    return np.fft.rfftfreq(x.size, 1 / RATE), mag


def _centroid(x: np.ndarray) -> float:
    freqs, mag = _spectrum(x)
    return float(np.sum(freqs * mag) / np.sum(mag))


def _peak_hz(x: np.ndarray) -> float:
    freqs, mag = _spectrum(x)
    return float(freqs[np.argmax(mag)])


def test_names_match_the_draft_contract() -> None:
    assert tuple(sounds.list_sfx()) == SFX_NAMES
    assert tuple(sounds.list_music()) == MUSIC_NAMES
    assert len(sounds.list_sounds()) == 15
    assert "sfx:vine_boom" in sounds.list_sounds() and "music:lofi" in sounds.list_sounds()


@pytest.mark.parametrize("src", [f"sfx:{n}" for n in SFX_NAMES] + [f"music:{n}" for n in MUSIC_NAMES])
def test_every_sound_is_a_cached_normalised_wav(src: str) -> None:
    path = sounds.sound_path(src)
    assert path.is_file() and path.parent.name == "sounds"
    assert sounds.sound_path(src) == path  # cached
    x = _read(path)
    seconds = x.size / RATE
    assert seconds == pytest.approx(sounds.sound_duration(src))
    if src.startswith("music:"):
        assert 8.0 <= seconds <= 16.0
    else:
        assert 0.3 <= seconds <= 4.0
    peak = float(np.max(np.abs(x)))
    assert 0.2 < peak <= 0.9  # loud enough, never clipping (-1 dBFS ceiling)
    active = x[np.abs(x) > 0.01]
    rms_db = 20 * np.log10(np.sqrt(np.mean(active**2)))
    assert -30 < rms_db < -8


def test_sounds_are_deterministic() -> None:
    a = sounds.synthesise("sfx:whoosh")
    b = sounds.synthesise("sfx:whoosh")
    assert np.array_equal(a, b)
    assert not np.array_equal(sounds.synthesise("sfx:ding"), sounds.synthesise("sfx:boing"))


def test_unknown_names_are_typed_errors() -> None:
    for bad in ("sfx:nope", "music:rock", "vine_boom", "sfx:", "noise:vine_boom"):
        with pytest.raises(UnknownSoundError):
            sounds.sound_path(bad)
    with pytest.raises(UnknownSoundError) as err:
        sounds.sound_duration("sfx:kazoo")
    assert "sfx:kazoo" in user_message(err.value)


def test_vine_boom_is_a_deep_boom() -> None:
    x = sounds.synthesise("sfx:vine_boom")
    assert _peak_hz(x) < 120
    assert _centroid(x) < 600
    head, tail = x[: RATE // 5], x[-RATE // 5:]
    assert np.sqrt(np.mean(head**2)) > 10 * np.sqrt(np.mean(tail**2))  # it decays


def test_ding_is_a_high_bell_that_rings_out() -> None:
    x = sounds.synthesise("sfx:ding")
    assert _peak_hz(x) == pytest.approx(1320, rel=0.02)
    first, last = x[: RATE // 4], x[-RATE // 4:]
    assert np.abs(first).max() > 5 * np.abs(last).max()


def test_crickets_chirp_high_with_gaps() -> None:
    x = sounds.synthesise("sfx:crickets")
    assert 4000 < _peak_hz(x) < 5000
    frames = np.sqrt(np.mean(x[: x.size // 480 * 480].reshape(-1, 480) ** 2, axis=1))
    assert (frames < frames.max() * 0.1).mean() > 0.4  # mostly silence between chirps


def test_airhorn_is_loud_and_bright() -> None:
    x = sounds.synthesise("sfx:airhorn")
    assert 380 < _peak_hz(x) < 1300
    assert _centroid(x) > 800


def test_sad_trombone_descends() -> None:
    x = sounds.synthesise("sfx:sad_trombone")
    notes = [x[int(a * RATE):int((a + 0.3) * RATE)] for a in (0.05, 0.55, 1.05, 1.6)]
    pitches = [_peak_hz(n) for n in notes]
    assert pitches[0] > pitches[-1]


def test_whoosh_sweeps_up_in_pitch() -> None:
    x = sounds.synthesise("sfx:whoosh")
    third = x.size // 3
    assert _centroid(x[-third:]) > 1.5 * _centroid(x[:third])


def test_music_loops_have_a_beat() -> None:
    for name in ("lofi", "phonk", "chiptune", "epic"):
        x = sounds.synthesise(f"music:{name}")
        env = np.sqrt(np.mean(x[: x.size // 480 * 480].reshape(-1, 480) ** 2, axis=1))
        env = env - env.mean()
        ac = np.correlate(env, env, "full")[env.size:]
        lag = int(np.argmax(ac[20:300])) + 20  # 0.2 s .. 3 s at 100 frames a second
        assert ac[lag] > 0.3 * float(np.dot(env, env)), name
