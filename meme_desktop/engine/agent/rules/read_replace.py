"""Replacing the picture or clip on the timeline with another upload.

"replace the video with long.mp4", "swap the image for the clip", "use dog.png instead",
"use fail.mov instead of dance.mp4", "把图片换成 dog.png", "用 long.mp4 替换视频". The new media
takes the old one's place (clips keep their own length; a picture keeps the slot's length);
what it replaces is the named upload when one is named, else whatever is on the timeline.
"""

from __future__ import annotations

import re

from meme_desktop.engine.agent.rules.assets import find_assets
from meme_desktop.engine.agent.rules.parse import Clause
from meme_desktop.engine.agent.rules.words import Context, Intent
from meme_desktop.engine.agent.types import AssetRef

_PATTERNS = (
    re.compile(r"\b(?:replace|swap(?: out)?|switch(?: out)?|exchange)\s+(?P<old>.+?)\s+"
               r"(?:with|for|by)\s+(?P<new>.+)$"),
    re.compile(r"\b(?:change|turn)\s+(?P<old>(?:the\s+|this\s+|my\s+)?(?:video|clip|image|"
               r"picture|photo|pic|media|background)\b.*?)\s+(?:to|into)\s+(?P<new>.+)$"),
    re.compile(r"\buse\s+(?P<new>.+?)\s+instead(?:\s+of\s+(?P<old>.+))?$"),
    re.compile(r"把(?P<old>.+?)(?:换成|替换成|替换为|改成|换为)(?P<new>.+)$"),
    re.compile(r"用(?P<new>.+?)(?:替换|换掉|代替)(?P<old>.*)$"),
    re.compile(r"^\s*(?P<old>)(?:换成|替换成|换为)(?P<new>.+)$"),     # 换成视频: what is there
)


def read_replace(cl: Clause, ctx: Context) -> list[Intent]:
    """A "replace X with Y" instruction about visual media, or nothing."""
    on_timeline = {s.src for s in ctx.draft.segments(0)}
    if not on_timeline:
        return []
    for rx in _PATTERNS:
        m = rx.search(cl.text.strip())
        if m is None:
            continue
        wanted = _file_name(m.group("new"))
        new = find_assets(Clause(m.group("new")), ctx)
        if new and wanted and all(a.name.lower() != wanted for a in new):
            new = []  # "long.mp4" is not an upload: never fall back to another .mp4
        if not new:
            return [Intent("missing_asset")] if wanted else []
        incoming: AssetRef = new[-1]
        old_text = (m.group("old") or "").strip()
        olds = find_assets(Clause(old_text), ctx) if old_text else None
        old = [a.hash for a in olds or [] if a.hash in on_timeline and a.hash != incoming.hash]
        return [Intent("replace_media", {"asset": incoming.hash, "name": incoming.name,
                                     "old": old})]
    return []


def _file_name(text: str) -> str:
    """The file name a phrase spells out ("long.mp4"), lower-cased, or ""."""
    m = re.search(r"[^\s\"'“”‘’「」]+\.(?:jpe?g|png|webp|gif|mp4|mov|m4v|webm|mkv|avi)\b",
                  text, re.IGNORECASE)
    return m.group(0).lower() if m else ""
