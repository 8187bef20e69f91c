"""What the model is told: the request, a compact timeline with segment ids, the uploads by
name, kind and length (their hashes as ids), the operation and format catalogues, and the JSON
Schema its answer must follow.

Never media bytes and never file paths: a segment whose source is not a known upload or a
built-in sound is described as "a file not among the uploads", and upload names are reduced
to their last component. Pure functions, no I/O.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping, Sequence
from typing import Any

from meme_desktop.draft import (
    EFFECTS,
    FITS,
    MUSIC_NAMES,
    POSITIONS,
    SFX_NAMES,
    STYLES,
    AudioSegment,
    Draft,
    Segment,
    TextSegment,
    VideoSegment,
)
from meme_desktop.draft import ops as oplist
from meme_desktop.engine.agent.types import AssetRef

MAX_REPLY = 500          # characters of the model's reply kept
MAX_NAME = 80            # characters of an upload's name shown to the model
MAX_LISTED = 120         # segments (and uploads) listed one by one; the rest are counted
CANVASES = (("vertical (TikTok, Reels, Shorts)", 1080, 1920), ("square", 1080, 1080),
            ("feed", 1080, 1350), ("landscape", 1920, 1080))
_CONTROL = re.compile(r"[\u0000-\u0008\u000b-\u001f\u007f]")
EXAMPLE = ('{"ops": [{"op": "add_caption", "txt": "ME AT 3 AM", "pos": "top"}, '
           '{"op": "add_sound", "name": "vine_boom", "st": 1500}], '
           '"reply": "Added a caption and a vine boom."}')

SYSTEM_EDIT = """You are the editing assistant of Meme Desktop, an app that makes short meme \
videos. The person asks for something; answer with ONE JSON object and nothing else:
{{"ops": [edit operations], "reply": "one or two short sentences to the person, in their \
language"}}
- The operations are applied in order, all or nothing, as one undo step. Use [] when nothing \
should change (for example to answer a question).
- Name segments by their id (like "s3") and uploads by their asset id. Times are whole \
milliseconds.
- Meme captions are short and punchy, usually in UPPER CASE.
- Use only these operations (a field ending in ? may be left out):
{catalogue}
- Values: pos {pos}; sty {sty}; fit {fit}; fx {fx}; built-in sound effects {sfx}; built-in \
music {music}.
Example answer: {example}"""

SYSTEM_CAPTIONS = """You write meme captions for Meme Desktop. Answer with ONE JSON object and \
nothing else: {{"captions": [candidate, ...]}} with {n} different candidates. Each candidate is \
a list of exactly {k} text(s), one for each slot, in the order of the slots. Each text is at \
most {limit} characters: short, punchy and funny, safe for work, no hashtags, no emoji. Write \
in {language}."""

LANGUAGES = {"en": "English", "zh": "Simplified Chinese"}


def clean(text: str, limit: int) -> str:
    """Text without control characters, cut to ``limit`` characters."""
    return _CONTROL.sub(" ", text).strip()[:limit]


def upload_name(name: str) -> str:
    """An upload's name as the model sees it: its last component only, never a path."""
    return clean(name.replace("\\", "/").rsplit("/", 1)[-1], MAX_NAME) or "unnamed"


def catalogue() -> str:
    """One line per operation: ``- add_caption {txt, pos?, ...}: what it does``."""
    lines = []
    for name, cls in oplist.OPS.items():
        shape = oplist.op_schema(cls)
        keys = [k + ("" if k in shape["required"] else "?") for k in shape["properties"]
                if k != "op"]
        doc = shape["description"]
        lines.append(f"  - {name} {{{', '.join(keys)}}}: {doc}")
    return "\n".join(lines)


def _kind(asset: AssetRef) -> str:
    return {"image": "picture", "video": "clip", "audio": "sound file"}.get(asset.kind,
                                                                          asset.kind)


def _source(src: str, names: Mapping[str, str]) -> str:
    if src in names:
        return f"{names[src]!r} [asset {src}]"
    if src.startswith(("sfx:", "music:")):
        kind, _, name = src.partition(":")
        return f"built-in {'sound' if kind == 'sfx' else 'music'} {name!r}"
    return "a file not among the uploads"


def _segment(seg: Segment, names: Mapping[str, str]) -> str:
    span = f"{seg.start}-{seg.start + seg.duration} ms"
    if isinstance(seg, TextSegment):
        return (f"{seg.id}: caption {clean(seg.text, 200)!r}, {seg.pos}, {seg.style}, "
                f"{seg.color}, size {seg.size:g}, {span}")
    if isinstance(seg, VideoSegment):
        parts = [f"{seg.id}: {_source(seg.src, names)}", span, f"fit {seg.fit}"]
        if seg.inpoint:
            parts.append(f"from {seg.inpoint} ms of the source")
        if seg.speed != 1:
            parts.append(f"speed {seg.speed:g}")
        if seg.reverse:
            parts.append("reversed")
        if seg.volume != 100:
            parts.append(f"own sound {seg.volume}%")
        if seg.effects:
            parts.append("effects " + ", ".join(seg.effects))
        if list(seg.zoom) != [1.0, 1.0]:
            parts.append(f"zoom {seg.zoom[0]:g} to {seg.zoom[1]:g}")
        return ", ".join(parts)
    if isinstance(seg, AudioSegment):
        parts = [f"{seg.id}: {_source(seg.src, names)}", span, f"volume {seg.volume}%"]
        if seg.fade_in or seg.fade_out:
            parts.append(f"fade in {seg.fade_in} ms, out {seg.fade_out} ms")
        return ", ".join(parts)
    return f"{seg.id}: {span}"


def timeline(draft: Draft, assets: Sequence[AssetRef]) -> str:
    """The canvas, every track and segment with its id, and the uploads (newest last)."""
    names = {a.hash: upload_name(a.name) for a in assets}
    m = draft.meta
    lines = [f"Canvas: {m.width}x{m.height}, {m.fps} fps; the video is {draft.duration} ms "
             "long."]
    tracks = [t for t in draft.tracks if t.segments]
    if not tracks:
        lines.append("Timeline: empty.")
    else:
        lines.append("Timeline:")
        kinds = {0: "pictures and clips", 1: "sounds and music", 7: "captions"}
        left = MAX_LISTED
        for track in tracks:
            lines.append(f"  track {track.id} ({kinds.get(track.type, 'other')}):")
            lines.extend(f"    {_segment(seg, names)}" for seg in track.segments[:left])
            if len(track.segments) > left:
                lines.append(f"    … and {len(track.segments) - left} more")
            left = max(0, left - len(track.segments))
    if not assets:
        lines.append("Uploads: none yet.")
    else:
        lines.append("Uploads (newest last):")
        if len(assets) > MAX_LISTED:
            lines.append(f"  … {len(assets) - MAX_LISTED} older uploads not listed")
        for a in list(assets)[-MAX_LISTED:]:
            details = [_kind(a)]
            if a.duration:
                details.append(f"{a.ms} ms")
            if a.width and a.height:
                details.append(f"{a.width}x{a.height}")
            if a.kind == "video" and a.has_audio:
                details.append("with sound")
            lines.append(f"  asset {a.hash}: {names[a.hash]!r}, {', '.join(details)}")
    return "\n".join(lines)


def formats_text(formats: Sequence[tuple[str, str]]) -> str:
    lines = ["Canvas formats: " + ", ".join(f"{n} {w}x{h}" for n, w, h in CANVASES) + "."]
    if formats:
        lines.append("Meme formats:")
        lines.extend(f"  - {clean(name, 60)}: {clean(desc, 300)}" for name, desc in formats)
    return "\n".join(lines)


@functools.cache
def edit_system() -> str:
    """The system message of an edit request (the same for every turn)."""
    return SYSTEM_EDIT.format(catalogue=catalogue(), pos=", ".join(POSITIONS),
                              sty=", ".join(STYLES), fit=", ".join(FITS),
                              fx=", ".join(EFFECTS), sfx=", ".join(SFX_NAMES),
                              music=", ".join(MUSIC_NAMES), example=EXAMPLE)


def edit_messages(text: str, draft: Draft, assets: Sequence[AssetRef],
                  formats: Sequence[tuple[str, str]] = ()) -> list[dict[str, str]]:
    """The chat messages asking for an edit of ``draft``."""
    system = edit_system()
    user = "\n".join([timeline(draft, assets), formats_text(formats),
                      "Request: " + clean(text, 4000)])
    return [{"role": "system", "content": system}, {"role": "user", "content": user}]


def caption_messages(topic: str, slots: Sequence[str], language: str, n: int, limit: int,
                     format_hint: str = "", avoid: Sequence[str] = ()) -> list[dict[str, str]]:
    """The chat messages asking for ``n`` caption candidates for a format's ``slots``."""
    system = SYSTEM_CAPTIONS.format(n=n, k=len(slots), limit=limit,
                                    language=LANGUAGES.get(language, language))
    lines = [f"Topic: {clean(topic, 300) or 'anything'}"]
    if format_hint:
        lines.append(f"Format: {clean(format_hint, 300)}")
    lines.append("Slots: " + "; ".join(f"{i}. {clean(s, 120)}" for i, s in
                                      enumerate(slots, 1)))
    if avoid:
        lines.append("Already used, do not repeat: "
                     + " | ".join(clean(a, 120) for a in list(avoid)[-20:]))
    return [{"role": "system", "content": system}, {"role": "user", "content": "\n".join(lines)}]


def _without_patterns(node: Any) -> Any:
    """The schema without regular expressions (grammar-based servers often reject them);
    the answer is validated by the project's own checks anyway."""
    if isinstance(node, dict):
        return {k: _without_patterns(v) for k, v in node.items()
                if k not in ("pattern", "$schema", "$id")}
    if isinstance(node, list):
        return [_without_patterns(v) for v in node]
    return node


@functools.cache
def edit_schema() -> dict[str, Any]:
    """``{"ops": [...], "reply": "..."}`` with the operations' generated JSON Schema (built
    once and shared: do not modify it)."""
    ops = _without_patterns(oplist.schema())
    ops.pop("title", None)
    return {"type": "object", "additionalProperties": False, "required": ["ops", "reply"],
            "properties": {"ops": ops,
                           "reply": {"type": "string", "maxLength": MAX_REPLY}}}


def captions_schema(slots: int, n: int, limit: int) -> dict[str, Any]:
    """``{"captions": [[slot texts], ...]}`` with ``n`` candidates of ``slots`` texts."""
    text = {"type": "string", "minLength": 1, "maxLength": limit}
    candidate = {"type": "array", "items": text, "minItems": slots, "maxItems": slots}
    return {"type": "object", "additionalProperties": False, "required": ["captions"],
            "properties": {"captions": {"type": "array", "items": candidate, "minItems": 1,
                                        "maxItems": n}}}


__all__ = ["caption_messages", "captions_schema", "catalogue", "clean", "edit_messages",
           "edit_schema", "timeline", "upload_name"]
