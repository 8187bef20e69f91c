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
         r"files|uploads|videos|media)|everything i uploaded|them all|them)\b"
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
            if len(key) >= 3 and key in cl.text:
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
        return same[-1:] or [a for a in visual if a.kind == kind][-1:]
    if m := cl.take(ORD_RX):
        on_tl = [a for h in dict.fromkeys(s.src for s in sorted(ctx.draft.segments(0),
                                                                key=lambda s: s.start))
                 for a in visual if a.hash == h]
        pool = _pool(m.group(2), visual)
        tl_pool = _pool(m.group(2), on_tl)
        if len(tl_pool) >= 2:
            pool = tl_pool
        n = ORD[m.group(1)]
        if pool and -len(pool) <= (n - 1 if n > 0 else n) < len(pool):
            return [pool[n - 1 if n > 0 else n]]
        return []
    if m := cl.take(r"第(\d+)\s*(?:个|张|段|条)?\s*(视频|图片|照片|片段|图|文件|素材)?"):
        pool = _pool(m.group(2) or "", visual)
        n = int(m.group(1))
        return [pool[n - 1]] if 0 < n <= len(pool) else []
    if cl.take(_BOTH):
        return visual[-2:] if cl.text.count("both") or "两个" in cl.text else visual
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
