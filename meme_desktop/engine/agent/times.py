"""Time expressions in a clause: "at 3s", "from 1 to 2.5 seconds", "for 2 seconds",
"for the first / last N seconds", "at the start / end", and their Chinese forms.

``read_times`` takes the expressions out of the clause (so their numbers are not read again as
volumes or speeds) and returns them as milliseconds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from meme_desktop.engine.agent.parse import Clause

NUM = r"(\d+(?:\.\d+)?)(?![\d.])"
UNIT = r"(?:\s*(?:seconds?\b|secs?\b|s\b|sec\b|秒钟|秒))"
MS = r"(?:\s*(?:ms\b|milliseconds?\b|毫秒))"
TIME = rf"{NUM}\s*(?:(?P<u>{MS[3:-1]})|{UNIT[3:-1]})"


@dataclass
class Times:
    """Times found in one clause, in milliseconds."""

    at: list[int] = field(default_factory=list)
    span: tuple[int, int] | None = None
    dur: int | None = None
    first: int | None = None
    last: int | None = None
    anchor: str | None = None      # "start" / "end"
    used: bool = False             # a reader has used them (later readers leave them alone)

    @property
    def any(self) -> bool:
        return bool(self.at or self.span or self.dur is not None or self.first is not None
                    or self.last is not None or self.anchor)


def _ms(value: str, unit_ms: bool = False) -> int:
    return round(float(value) * (1 if unit_ms else 1000))


def _clock(m: re.Match[str], i: int) -> int:
    return (int(m.group(i)) * 60 + float(m.group(i + 1))) * 1000 // 1


_T = rf"{NUM}\s*(ms\b|milliseconds?\b|毫秒|seconds?\b|secs?\b|sec\b|s\b|秒钟|秒)"
_T_OPT = rf"{NUM}\s*(ms\b|milliseconds?\b|毫秒|seconds?\b|secs?\b|sec\b|s\b|秒钟|秒)?"
_CLOCK = r"(\d{1,2}):(\d{2}(?:\.\d+)?)"
_SEP = r"\s*(?:to|until|till|through|thru|-|–|—|~|到|至)\s*"


def _val(num: str, unit: str | None) -> int:
    return _ms(num, bool(unit) and unit.startswith(("ms", "milli", "毫")))


def read_times(cl: Clause) -> Times:
    """Take every time expression out of ``cl`` and return them."""
    t = Times()
    while m := cl.take(rf"(?:for\s+)?(?:the\s+)?(first|opening|last|final|closing|"
                       rf"ending)\s+{_T}"):
        v = _val(m.group(2), m.group(3))
        if m.group(1) in ("first", "opening"):
            t.first = v
        else:
            t.last = v
    while m := cl.take(rf"(前|最后|最後|后|末尾|结尾)\s*{_T}"):
        v = _val(m.group(2), m.group(3))
        if m.group(1) == "前":
            t.first = v
        else:
            t.last = v
    if m := cl.take(rf"(?:from\s+|between\s+)?(?:at\s+)?{_CLOCK}{_SEP}{_CLOCK}"):
        t.span = (int(_clock(m, 1)), int(_clock(m, 3)))
    if m := cl.take(rf"(?:from\s+(?:the\s+)?|between\s+|从\s*|在\s*)?{_T_OPT}{_SEP}{_T}"):
        t.span = (_val(m.group(1), m.group(2) or m.group(4)), _val(m.group(3), m.group(4)))
    elif m := cl.take(rf"(?:from|between)\s+(?:the\s+)?{_T_OPT}{_SEP}{NUM}(?!\s*(?:x|times|%))"):
        t.span = (_val(m.group(1), m.group(2)), _val(m.group(3), m.group(2)))
    while m := cl.take(rf"(?:at|@|around|after|starting at|starts? at|beginning at|from|on)"
                       rf"\s+(?:the\s+)?(?:{_CLOCK}|{_T_OPT})(?:\s*(?:second\s+)?mark)?"
                       rf"(?!\s*(?:%|x\b|times|倍|percent))"):
        if m.group(1):
            t.at.append(int(_clock(m, 1)))
        else:
            t.at.append(_val(m.group(3), m.group(4)))
    while m := cl.take(rf"(?:在|第|从)\s*{_T}(?:处|时|的时候|开始|的地方|的位置|那里)?"
                       rf"|{_T}(?:处|时|的时候|开始|的地方|的位置)"):
        if m.group(1):
            t.at.append(_val(m.group(1), m.group(2)))
        else:
            t.at.append(_val(m.group(3), m.group(4)))
    while t.at and (m := cl.take(rf"(?:\band\b|&|和|,|及)\s*(?:at\s+)?{_T_OPT}"
                                 rf"(?!\s*(?:%|x\b|times|倍|percent))")):
        t.at.append(_val(m.group(1), m.group(2)))
    if (m := cl.take(rf"(?:for|lasting|lasts?|over|持续|时长|长度|长)\s*(?:about\s+)?{_T}")) or (m := cl.take(rf"{_T}(?:\s*long|长)?")):
        t.dur = _val(m.group(1), m.group(2))
    if cl.take(r"\b(?:at|in|to|from)\s+the\s+(?:very\s+)?(?:start|beginning)\b|"
               r"\bat\s+(?:the\s+)?(?:start|first)\b|\bstraight away\b|\bright away\b|"
               r"\bwhen it (?:starts|begins)\b|\bat the start of (?:the|it|this)(?: \w+)?\b|"
               r"一开始|开头|最开始|片头|开始时|开始的时候|开场"):
        t.anchor = "start"
    elif cl.take(r"\b(?:at|in|to|near|by)\s+the\s+(?:very\s+)?(?:end|finish|last second)\b|"
                 r"\bat\s+the\s+end\b|\bat\s+end\b|\bwhen it ends\b|\bat the end of "
                 r"(?:the|it|this)(?: \w+)?\b|\bin the end\b|\bas it ends\b|\bending\b|"
                 r"结尾|末尾|最后|片尾|结束时|结束的时候"):
        t.anchor = "end"
    t.at.sort()
    return t
