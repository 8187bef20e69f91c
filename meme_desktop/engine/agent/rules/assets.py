"""Which uploads a clause means: a file name, "the second clip", "both", "the image", "the
song"; and the media target of an edit ("slow the clip down") as intent arguments."""

from __future__ import annotations

import re
from typing import Any

from meme_desktop.engine.agent.rules.parse import Clause
from meme_desktop.engine.agent.rules.words import CLIP, IMAGE, Context
from meme_desktop.engine.agent.types import AssetRef

ORD = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4,
        "4th": 4, "fifth": 5, "5th": 5, "last": -1, "latest": -1, "newest": -1, "other": -2}


ORD_RX = (r"\b(first|1st|second|2nd|third|3rd|fourth|4th|fifth|5th|last|latest|newest|other)"
           r"\s+(one|clip|video|image|picture|photo|pic|file|upload|gif)\b")


_BOTH = (r"\b(?:both(?: of them)?|all of them|all(?: the| my)? (?:clips|images|pictures|photos|"
         r"files|uploads|videos|media)|(?:every|each)(?: single)? (?:clip|video|image|picture|photo)|everything i uploaded|them all|them)\b"
         r"(?!\s+(?:of\s+)?(?:the\s+)?(?:captions?|texts?|lines?|titles?|words?))|两个都|都用|全部|所有"
         r"(?:的)?(?:图片|视频|素材|文件)|它们|两个")


def audio_assets(ctx: Context) -> list[AssetRef]:
    return [a for a in ctx.assets if a.kind == "audio"]


def named_asset(cl: Clause, ctx: Context, kinds: tuple[str, ...]) -> AssetRef | None:
    for asset in reversed(ctx.assets):
        if asset.kind not in kinds:
            continue
        name = asset.name.lower()
        stem = name.rsplit(".", 1)[0]
        for key in (name, stem):
            at = cl.text.find(key)
            if len(key) < 3 or at < 0:
                continue
            if key == stem and re.search(r"\b(?:on|onto|over)\s+(?:the|my|this|that)\s+$", cl.text[:at]):
                continue    # "put my face on the cat": the cat is where, not what
            cl.take(re.escape(key))
            return asset
    return None


def find_assets(cl: Clause, ctx: Context) -> list[AssetRef] | None:
    """The uploads a clause names: a file name, "the second clip", "both", "the image"."""
    visual = [a for a in ctx.assets if a.visual]
    if not visual:
        return None
    named = named_asset(cl, ctx, ("video", "image"))
    if named:
        return [named]
    if m := cl.take(r"\b(?:the\s+|my\s+|that\s+)?(?:\.)?(jpe?g|png|webp|bmp|heic|gif|mp4|mov|m4v|"
                    r"webm|mkv|avi)(?:\s+(?:file|one))?\b"):
        ext = m.group(1).replace("jpeg", "jpg")
        same = [a for a in visual if a.name.lower().rsplit(".", 1)[-1].replace("jpeg", "jpg") == ext]
        kind = "video" if ext in ("mp4", "mov", "m4v", "webm", "mkv", "avi") else "image"
        if same or ext in ("jpg", "mp4"):   # "the jpg" / "the mp4" also say "the picture" / "the video"
            return same[-1:] or [a for a in visual if a.kind == kind][-1:]
        if ext == "gif" and not cl.has(r"\b(?:use|add|put|place|insert|include|take)\b"):
            return None     # "make it a gif": the export's format, no upload
        return []       # "use the gif" with no gif uploaded: none (asked about, not guessed)
    if m := cl.take(ORD_RX):
        on_tl = [a for h in dict.fromkeys(s.src for s in sorted(ctx.draft.segments(0),
                                                                key=lambda s: s.start))
                 for a in visual if a.hash == h]
        pool = _pool(m.group(2), visual)
        tl_pool = _pool(m.group(2), on_tl)
        if len(tl_pool) >= 2:
            pool = tl_pool
        n = ORD[m.group(1)]
        if m.group(1) == "other":       # "the other picture": the one not on the timeline
            placed = {s.src for s in ctx.draft.segments(0)}
            if (off := [a for a in _pool(m.group(2), visual) if a.hash not in placed]) and placed:
                return off[-1:]
        if pool and -len(pool) <= (n - 1 if n > 0 else n) < len(pool):
            return [pool[n - 1 if n > 0 else n]]
        return []
    if m := cl.take(r"第(\d+)\s*(?:个|张|段|条)?\s*(视频|图片|照片|片段|图|文件|素材)?"):
        pool = _pool(m.group(2) or "", visual)
        n = int(m.group(1))
        return [pool[n - 1]] if 0 < n <= len(pool) else []
    if m := cl.take(rf"(?:{_BOTH})(?:\s+(?:the\s+|my\s+)?(clips|videos|images|pictures|photos|pics))?"):
        pool = _pool(m.group(1) or m.group(0), visual)     # "both pictures": the pictures
        both = "both" in m.group(0) or "两个" in m.group(0)
        return pool[-2:] if both else pool
    if cl.take(IMAGE):
        imgs = [a for a in visual if a.kind == "image"]
        return [imgs[-1]] if imgs else []
    if any(a.kind == "video" for a in visual) and cl.take(CLIP):
        return [[a for a in visual if a.kind == "video"][-1]]
    return None


def _pool(word: str, visual: list[AssetRef]) -> list[AssetRef]:
    if re.search(IMAGE, word):
        return [a for a in visual if a.kind == "image"]
    if re.search(CLIP, word):
        return [a for a in visual if a.kind == "video"]
    return visual


def target(cl: Clause, ctx: Context) -> dict[str, Any]:
    assets = find_assets(cl, ctx)
    if assets:
        ctx.focus, ctx.focus_sel = "media", {"assets": [a.hash for a in assets]}
        return {"assets": [a.hash for a in assets]}
    if ctx.focus == "media" and ctx.focus_sel:
        return dict(ctx.focus_sel)
    return {}


def media_target(cl: Clause, ctx: Context) -> dict[str, Any]:
    assets = find_assets(cl, ctx)
    if assets is None:
        return {}
    return {"assets": [a.hash for a in assets]}
