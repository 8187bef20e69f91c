"""Intent routing (DESIGN.md section 4), as a plain table.

:func:`route` decides what a person's message is before anything is sent: ``export``,
``credits``, ``status`` and ``upload`` are handled without a chat turn; everything else is
``chat``. Quoted text is the person's caption, never a command: ``put "export" on top`` is a
chat turn. Replies that assume a GUI are read by :mod:`meme_desktop.assistant.replies`.
"""

from __future__ import annotations

import re
from typing import Literal

from meme_desktop.assistant.sentences import mask_quotes

Intent = Literal["export", "credits", "status", "upload", "chat"]

# (intent, patterns) in priority order; English patterns are whole-word, case-insensitive
ROUTES: tuple[tuple[Intent, tuple[str, ...]], ...] = (
    ("credits", (r"\bcredits?\b", r"\bbalance\b", "积分", "余额")),
    ("status", (r"\bstatus\b", r"\bshow (?:me )?(?:the )?tracks?\b", r"\bshow (?:me )?(?:the )?timeline\b",
                "状态")),
    ("upload", (r"^\s*upload\b", r"\bupload (?:a |some |my )?(?:files?|media|images?|clips?|videos?)\b",
                "上传")),
    ("export", (r"^\s*(?:please\s+)?export\b", r"\bexport (?:it|this|the video|now|as|to|1080p?|"
                r"mp4|gif)\b", r"^\s*download\b", r"\bdownload (?:it|the video|the mp4)\b",
                r"\bsend me the video\b", r"\brender (?:it|the video)\b", "导出")),
)

_COMPILED = tuple((intent, tuple(re.compile(p, re.IGNORECASE) for p in pats))
                  for intent, pats in ROUTES)

# a message this long is an edit instruction even if it mentions a keyword in passing
_MAX_ROUTED_WORDS = 8


def route(text: str) -> Intent:
    """The intent of one message (see the module docstring)."""
    stripped = mask_quotes(text.strip(), keep_buttons=False)
    if not stripped:
        return "chat"
    words = len(stripped.split())
    for intent, patterns in _COMPILED:
        if not any(p.search(stripped) for p in patterns):
            continue
        if words <= _MAX_ROUTED_WORDS or any(k in stripped for k in _CJK[intent]):
            return intent
    return "chat"


_CJK: dict[Intent, tuple[str, ...]] = {
    "export": ("导出",), "credits": ("积分", "余额"), "status": ("状态",), "upload": ("上传",),
    "chat": (),
}
