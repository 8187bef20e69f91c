"""Sentences and quoted text, for reading replies and messages: plain functions, no I/O.

Two questions are asked of text here, and both must ignore words inside quotes: a caption such
as "CLICK EXPORT TO SAVE YOUR SOUL" is the person's text, not an instruction to click anything.

- :func:`scan` finds the sentences of a text that may still be growing (a streamed reply):
  the spans that are complete, and where the unfinished rest begins. A sentence ends at
  ``. ! ? …`` followed by a space or a line end, right after ``。！？``, or at a line break,
  never inside quotes (``"…"``, ``'…'``, ``“…”``, ``‘…’``, ``「…」``, ``『…』``; an apostrophe
  inside a word is not a quote).
- :func:`mask_quotes` blanks quoted text so patterns cannot match inside it. A quoted button
  name right after a GUI verb (``click "Export"``) is kept: it names a button, not a caption.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

PAIRS = {"“": "”", "‘": "’", "「": "」", "『": "』", '"': '"', "'": "'"}
_ENDS = ".!?…"
_CJK_ENDS = "。！？"
_GUI_VERB = re.compile(r"(?:click|clicking|press|tap|hit|select|choose|use)\s+(?:on\s+)?"
                       r"(?:the\s+)?$|点击\s*$", re.IGNORECASE)


@dataclass
class Scan:
    """Complete sentences as ``(start, end)`` spans (each with its trailing spaces), where the
    unfinished rest begins, and the quoted spans found (``(open, close)`` indexes)."""

    sentences: list[tuple[int, int]] = field(default_factory=list)
    rest: int = 0
    quotes: list[tuple[int, int]] = field(default_factory=list)


def _opens(text: str, i: int) -> bool:
    ch = text[i]
    if ch not in PAIRS:
        return False
    if ch in "\"'":  # straight quotes open only at a word's start, before a non-space
        before = text[i - 1] if i else " "
        after = text[i + 1] if i + 1 < len(text) else ""
        return not (before.isalnum() or before == "_") and after != "" and not after.isspace()
    return True


def _closes(text: str, i: int, closer: str) -> bool:
    if text[i] != closer:
        return False
    if closer in "\"'":
        after = text[i + 1] if i + 1 < len(text) else " "
        return not (after.isalnum() or after == "_")
    return True


def _walk(text: str, final: bool, skip: set[int]) -> tuple[Scan, int | None]:
    """One pass; returns the scan and the index of a quote left open (None if all closed)."""
    out = Scan()
    start = i = 0
    closer = ""
    opened = -1
    n = len(text)
    while i < n:
        ch = text[i]
        if closer:
            if _closes(text, i, closer):
                out.quotes.append((opened, i))
                closer = ""
            i += 1
            continue
        if i not in skip and _opens(text, i):
            closer, opened = PAIRS[ch], i
            i += 1
            continue
        end = -1
        if ch == "\n" or ch in _CJK_ENDS:
            end = i + 1
        elif ch in _ENDS:
            j = i + 1
            while j < n and text[j] in _ENDS:
                j += 1
            if (j < n and text[j].isspace()) or (j == n and final):
                end = j
            else:
                i = j
                continue
        if end < 0:
            i += 1
            continue
        while end < n and text[end].isspace():
            end += 1
        out.sentences.append((start, end))
        start = i = end
    if closer:
        return out, opened
    if final and start < n:
        out.sentences.append((start, n))
        start = n
    out.rest = start
    return out, None


def scan(text: str, final: bool = False) -> Scan:
    """The sentences of ``text`` (see the module docstring). With ``final`` the text is
    complete: the rest is a sentence too, and a quote never closed is not a quote."""
    skip: set[int] = set()
    while True:
        out, open_at = _walk(text, final, skip)
        if open_at is None:
            return out
        if not final:  # the quote may close in the next piece: keep its sentence back
            out.sentences = [s for s in out.sentences if s[1] <= open_at]
            out.rest = out.sentences[-1][1] if out.sentences else 0
            out.quotes = [q for q in out.quotes if q[1] < out.rest]
            return out
        skip.add(open_at)


def mask_quotes(text: str, quotes: list[tuple[int, int]] | None = None,
                keep_buttons: bool = True) -> str:
    """``text`` with the inside of each quote blanked (same length, so indexes still match);
    with ``keep_buttons`` a quoted name right after a GUI verb stays."""
    spans = scan(text, final=True).quotes if quotes is None else quotes
    chars = list(text)
    for opened, closed in spans:
        if keep_buttons and _GUI_VERB.search(text[max(0, opened - 24):opened]):
            continue
        for k in range(opened + 1, closed):
            if not chars[k].isspace():
                chars[k] = "_"
    return "".join(chars)


def sentences(text: str) -> list[str]:
    """The sentences of a complete text, stripped."""
    found = scan(text, final=True)
    return [text[a:b].strip() for a, b in found.sentences if text[a:b].strip()]
