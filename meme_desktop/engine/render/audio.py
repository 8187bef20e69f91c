"""The audio half of the filter graph: clip sound, uploaded audio, built-in sounds, the mix.

Every source becomes a 48 kHz stereo stream delayed to its segment start; they are summed by
``amix`` with ``normalize=0`` (a sound keeps its level however many play at once), then an
``alimiter`` keeps peaks under full scale, and the result is padded/trimmed to exactly the
video's length. With no sound at all a silent track is generated, so every MP4 has AAC audio.
Music loops are looped by ffmpeg (``-stream_loop -1``) to the segment length.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from meme_desktop.draft import AudioSegment
from meme_desktop.engine.render.graph import Clip, Graph, _num

AUDIO_FORMAT = "aformat=sample_fmts=fltp:sample_rates=48000:channel_layouts=stereo"


@dataclass
class Sound:
    """An audio-track segment with its resolved file."""

    seg: AudioSegment
    path: Path
    loop: bool  # music loops repeat to fill the segment


def atempo_chain(speed: float) -> list[str]:
    """``atempo`` filters whose product is ``speed`` (each factor kept within 0.5..2)."""
    out: list[str] = []
    while speed > 2.0:
        out.append("atempo=2")
        speed /= 2.0
    while speed < 0.5:
        out.append("atempo=0.5")
        speed /= 0.5
    if abs(speed - 1.0) > 1e-6:
        out.append(f"atempo={_num(speed)}")
    return out


def _place(seconds: float, start: float, volume: float) -> list[str]:
    """Pad to the segment length, set the level, then delay to the segment start."""
    delay = round(start * 1000)
    out = [f"apad=whole_dur={_num(seconds)}", f"atrim=duration={_num(seconds)}",
           f"volume={_num(volume / 100.0)}", AUDIO_FORMAT]
    if delay:
        out.append(f"adelay={delay}:all=1")
    return out


def clip_audio(g: Graph, clip: Clip) -> str | None:
    """The clip's own sound at ``vol``, sped up/reversed like its picture."""
    seg = clip.seg
    if clip.info.kind == "image" or not clip.info.has_audio or seg.volume <= 0 or clip.input < 0:
        return None
    d = seg.duration / 1000.0
    speed = seg.speed if seg.speed and seg.speed > 0 else 1.0
    skip = [f"atrim=start={_num(clip.skip)}"] if clip.skip else []  # not cut by -ss
    chain = [*skip, "asetpts=PTS-STARTPTS", *atempo_chain(speed), f"atrim=duration={_num(d)}"]
    if seg.reverse:
        chain += ["areverse"]
    return g.chain(f"{clip.input}:a", chain + _place(d, seg.start / 1000.0, seg.volume), "a")


def sound_audio(g: Graph, sound: Sound) -> str | None:
    """An uploaded or built-in sound with its in-point, fades and volume."""
    seg = sound.seg
    if seg.volume <= 0 or seg.duration <= 0:
        return None
    d = seg.duration / 1000.0
    args = ["-stream_loop", "-1"] if sound.loop else []
    if seg.inpoint:
        args += ["-ss", _num(seg.inpoint / 1000.0)]
    k = g.add_input([*args, "-t", _num(d), "-i", str(sound.path)])
    chain = ["asetpts=PTS-STARTPTS", AUDIO_FORMAT]
    fi, fo = min(seg.fade_in, seg.duration) / 1000.0, min(seg.fade_out, seg.duration) / 1000.0
    if fi > 0:
        chain.append(f"afade=t=in:st=0:d={_num(fi)}")
    if fo > 0:
        chain.append(f"afade=t=out:st={_num(max(0.0, d - fo))}:d={_num(fo)}")
    return g.chain(f"{k}:a", chain + _place(d, seg.start / 1000.0, seg.volume), "a")


def build_audio(g: Graph, clips: list[Clip], sounds: list[Sound], total: float) -> str:
    """Mix everything into one stereo stream of exactly ``total`` seconds."""
    parts = [label for clip in clips if (label := clip_audio(g, clip))]
    parts += [label for sound in sounds if (label := sound_audio(g, sound))]
    end = [f"apad=whole_dur={_num(total)}", f"atrim=duration={_num(total)}"]
    if not parts:
        out = g.label("a")
        g.chains.append(f"anullsrc=r=48000:cl=stereo,atrim=duration={_num(total)}[{out}]")
        return out
    if len(parts) == 1:
        mixed = parts[0]
    else:
        mixed = g.chain(parts, [f"amix=inputs={len(parts)}:normalize=0:duration=longest:"
                                "dropout_transition=0"], "a")
    return g.chain(mixed, ["alimiter=limit=0.95:level=0:attack=5:release=50", *end], "a")
