"""From a chat message to clauses: quotes, numbers, clause splitting and time expressions.

Quoted text is lifted out first (every quote style people type) and replaced by a placeholder
``«n»`` so nothing inside a caption is ever split or read as an instruction. The rest is
normalised (NFKC, lower case, number words and Chinese numerals to digits) and split into
clauses at commas, "and", "then", "，", "、", "然后"... Each clause remembers how it was joined
("then" matters for ordering media).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

from meme_desktop.engine.agent.rules.corrections import corrected
from meme_desktop.engine.agent.rules.dialect import to_mandarin
from meme_desktop.engine.agent.rules.lexicon import NUMBER_WORDS, ZH_DIGITS
from meme_desktop.engine.agent.rules.named import name_captions
from meme_desktop.engine.agent.rules.typos import fix_typos
from meme_desktop.engine.agent.rules.unquoted import lift_unquoted, split_selectors

_QUOTES = [
    re.compile(r"(?<![A-Za-z0-9])'(.+?)'(?![A-Za-z0-9])"),
    re.compile(r'"(.+?)"'), re.compile(r"“(.+?)”"), re.compile(r"「(.+?)」"),
    re.compile(r"『(.+?)』"), re.compile(r"(?<![A-Za-z0-9])‘(.+?)’(?![A-Za-z0-9])"),
    re.compile(r"《(.+?)》"), re.compile(r"＂(.+?)＂"),
]
_CJK = re.compile(r"[\u4e00-\u9fff]")
PLACEHOLDER = re.compile(r"«(\d+)»")

_SPLIT = re.compile(
    r"(?<!\d)[,;](?!\d)(?!\s*(?:like|about|around|maybe|roughly|approx\w*)\b)"
    r"|[，；。！？!?\n、]|\.(?:\s|$)|,(?=\s)(?!\s*(?:like|about|around|maybe|roughly)\b)"
    r"|\s+(?:and\s+then|and\s+also|and|then|also|plus|after that|afterwards|next)\s+(?!\d)"
    r"|然后|接着|之后再|并且|以及|同时|还有|另外|最后再|并(?=[加把添放用调改去删做让再])")
_THEN = re.compile(r"then|after|next|然后|接着|之后|最后再")
_PROTECT = [
    (re.compile(r"black\s+and\s+white"), "black&white"),
    (re.compile(r"back\s+and\s+forth"), "back&forth"),
    (re.compile(r"forwards?\s+(?:and\s+)?(?:then\s+)?(?:play\s+it\s+)?backwards?"), "back&forth"),
    (re.compile(r"forth\s+and\s+back"), "back&forth"),
    (re.compile(r"top\s+and\s+bottom"), "top&bottom"),
    (re.compile(r"in\s+and\s+out"), "in&out"),
    (re.compile(r"rock\s+and\s+roll"), "rock&roll"),
    (re.compile(r"between\s+([\d.:]+\s*\w*)\s+and\s+"), r"between \1 to "),
    (re.compile(r"\b(?:drop|throw|chuck)\s+(?=(?:a|an|some|another|in)\b)"), "add "),
    (re.compile(r"first\s+and\s+last"), "first&last"),
    (re.compile(r"\b(first|second|third|fourth|fifth|1st|2nd|3rd|4th|5th)\s+(?:and|&)\s+(?:the\s+)?"
                r"(second|third|fourth|fifth|last|2nd|3rd|4th|5th)\b"), r"\1&\2"),
]


@dataclass
class Clause:
    """One instruction: normalised text with quote placeholders, and how it was joined."""

    text: str
    quotes: list[str] = field(default_factory=list)
    joiner: str = ""            # "" (first), "and" or "then"
    zh: bool = False
    said: str = ""              # the clause as the person wrote it (quotes put back)

    def has(self, pattern: str | re.Pattern[str]) -> bool:
        return re.search(pattern, self.text) is not None

    def take(self, pattern: str | re.Pattern[str]) -> re.Match[str] | None:
        """Find ``pattern`` and blank it out so later readers do not see it again."""
        m = re.search(pattern, self.text)
        if m:
            self.text = self.text[:m.start()] + " " * (m.end() - m.start()) + self.text[m.end():]
        return m

    def blank(self, start: int, end: int) -> None:
        self.text = self.text[:start] + " " * (end - start) + self.text[end:]


@dataclass
class Message:
    """The whole message: its clauses, all quoted texts, and its language."""

    clauses: list[Clause]
    quotes: list[str]
    zh: bool


def _lift_quotes(text: str) -> tuple[str, list[str]]:
    quotes: list[str] = []

    def keep(m: re.Match[str]) -> str:
        inner = m.group(1).strip()
        if not inner:
            return m.group(0)
        quotes.append(inner)
        return f" «{len(quotes) - 1}» "

    for rx in _QUOTES:
        text = rx.sub(keep, text)
    if quotes:
        return text, quotes
    return lift_unquoted(text)


def zh_number(word: str) -> int:
    """Chinese numerals up to the hundreds: 三 → 3, 十五 → 15, 二十 → 20, 一百 → 100."""
    if all(ch in ZH_DIGITS for ch in word):
        return int("".join(str(ZH_DIGITS[ch]) for ch in word))
    total, current = 0, 0
    for ch in word:
        if ch in ZH_DIGITS:
            current = ZH_DIGITS[ch]
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        elif ch == "百":
            total += (current or 1) * 100
            current = 0
    return total + current


_ZH_NUM = re.compile(r"([零〇一二两三四五六七八九十百]+)(?:点([零〇一二三四五六七八九]+))?"
                     r"(?=秒|倍|次|个|遍|分|张|段|号|成|%|x|毫秒|帧|首)")
_WORD_NUMS = "one|two|three|four|five|six|seven|eight|nine|ten"
_ZH_ORD = re.compile(r"第([零〇一二两三四五六七八九十]+)")
_EN_NUM = re.compile(
    r"\b(" + "|".join(sorted((re.escape(k) for k in NUMBER_WORDS), key=len, reverse=True))
    + r")\s+(?=(?:seconds?|secs?|times|percent|x)\b)")


def normalise_numbers(text: str) -> str:
    text = re.sub(r"百分之([零〇一二两三四五六七八九十百\d.]+)",
                  lambda m: f"{m.group(1)}%", text)
    text = re.sub(r"([零〇一二两三四五六七八九十百]+)%", lambda m: f"{zh_number(m.group(1))}%", text)
    text = _ZH_NUM.sub(lambda m: str(zh_number(m.group(1)))
                       + (f".{''.join(str(ZH_DIGITS[c]) for c in m.group(2))}" if m.group(2)
                          else ""), text)
    text = _ZH_ORD.sub(lambda m: f"第{zh_number(m.group(1))}", text)
    text = re.sub(r"(剪掉|去掉|删掉|砍掉|剪去|删除|去除|不要)第1秒", r"\1前1秒", text)   # "the first second"
    text = re.sub(r"半秒", "0.5秒", text)
    text = re.sub(r"(\d+)秒半", lambda m: f"{m.group(1)}.5秒", text)
    text = re.sub(r"\b(\d+|" + _WORD_NUMS + r") and a half\b",
                  lambda m: f"{NUMBER_WORDS.get(m.group(1), m.group(1))}.5", text)
    text = re.sub(r"\ba (second|sec) and a half\b", r"1.5 \1s", text)
    # a hedge before a number says nothing about the time: "at about 3 seconds", "to like 20%"
    text = re.sub(r"\b(at|to|for|after|from|until|till|by|around|in)\s+(?:about|around|roughly|"
                  r"approximately|approx\.?|like|maybe|exactly|precisely|just|~|some)\s+(?=\d)",
                  r"\1 ", text)
    text = re.sub(r"(?:大概|大约|左右的?|差不多)(?=\d)", "", text)
    text = re.sub(r"(?<![\w#])[x×]\s*(\d+(?:\.\d+)?)\b", r"\1x", text)
    text = re.sub(r"\bhalf an? (second|sec)\b", r"0.5 \1", text)
    text = re.sub(r"\b(at|from|until|till|after)(?=\d)", r"\1 ", text)     # "at3s"
    text = re.sub(r"\bone and a half\b", "1.5", text)
    text = re.sub(r"\b(first|last|final)\s+second\b", r"\1 1 second", text)
    text = re.sub(r"\bsecond\s+(\d+(?:\.\d+)?)\b(?!\s*(?:clips?|images?|videos?))", r"\1s", text)
    return _EN_NUM.sub(lambda m: f"{NUMBER_WORDS[m.group(1)]:g} ", text)


def parse_message(text: str, captions: Sequence[str] = ()) -> Message:
    """Split a message into clauses with their quotes; ``captions``: the timeline's captions
    in counting order, so one named by what it says becomes "caption #n"."""
    said = corrected(to_mandarin(text.strip()))
    lifted, quotes = _lift_quotes(name_captions(said, captions) if captions else said)
    zh = bool(_CJK.search(PLACEHOLDER.sub("", lifted)))
    norm = unicodedata.normalize("NFKC", lifted).lower()
    norm = normalise_numbers(fix_typos(norm))
    for rx, repl in _PROTECT:
        norm = rx.sub(repl, norm)
    norm = split_selectors(norm)
    clauses: list[Clause] = []
    pos, joiner = 0, ""
    for m in _SPLIT.finditer(norm):
        _add_clause(clauses, norm[pos:m.start()], joiner, quotes, zh)
        sep = m.group(0)
        joiner = "then" if _THEN.search(sep) else ("and" if sep.strip() else joiner or "and")
        if clauses and joiner == "and" and not sep.strip(" ,;，；、") and sep.strip():
            joiner = "and"
        pos = m.end()
    _add_clause(clauses, norm[pos:], joiner, quotes, zh)
    return Message(clauses, quotes, zh)


def _add_clause(out: list[Clause], part: str, joiner: str, quotes: list[str], zh: bool) -> None:
    part = part.strip()
    if not part:
        return
    if re.fullmatch(r"then|and|also|然后|接着", part):
        return
    if re.match(r"(?:then|然后|接着|之后)\b", part):
        joiner = "then"
        part = re.sub(r"^(?:then|然后|接着|之后)\s*", "", part)
    own = [quotes[int(i)] for i in PLACEHOLDER.findall(part)]
    said = PLACEHOLDER.sub(lambda m: f"“{quotes[int(m.group(1))]}”", part)
    out.append(Clause(f" {part} ", own, joiner if out else "", zh, said))


# -- time expressions: "at 3s", "from 1 to 2.5 seconds", "for the first 2 s", "在3秒" --------
NUM = r"(\d+(?:\.\d+)?)(?![\d.])"
UNIT = r"(?:\s*(?:seconds?\b|secs?\b|s\b|sec\b|秒钟|秒))"
MS = r"(?:\s*(?:ms\b|milliseconds?\b|毫秒))"
TIME = rf"{NUM}\s*(?:(?P<u>{MS[3:-1]})|{UNIT[3:-1]})"


END_MS = 10 ** 9     # "until the end": clamped to the video's length when applied


@dataclass
class Times:
    """Times found in one clause, in milliseconds."""

    at: list[int] = field(default_factory=list)
    span: tuple[int, int] | None = None
    dur: int | None = None
    first: int | None = None
    last: int | None = None
    anchor: str | None = None      # "start" / "end"
    until: int | None = None       # "until 4s", "disappear at 4s"
    since: int | None = None       # "start at 1s", "start when the video starts": the start moves
    used: bool = False             # a reader has used them (later readers leave them alone)

    @property
    def any(self) -> bool:
        return bool(self.at or self.span or self.anchor) or any(
            v is not None for v in (self.until, self.dur, self.first, self.last))


def _ms(value: str, unit_ms: bool = False) -> int:
    return round(float(value) * (1 if unit_ms else 1000))


def _clock(m: re.Match[str], i: int) -> float:
    return (int(m.group(i)) * 60 + float(m.group(i + 1))) * 1000 // 1


_T = rf"{NUM}\s*(ms\b|milliseconds?\b|毫秒|seconds?\b|secs?\b|sec\b|s\b|秒钟|秒)"
_T_OPT = rf"{NUM}\s*(ms\b|milliseconds?\b|毫秒|seconds?\b|secs?\b|sec\b|s\b|秒钟|秒)?"
_CLOCK = r"(\d{1,2}):(\d{2}(?:\.\d+)?)"
_SEP = r"\s*(?:to|until|till|through|thru|-|–|—|~|到|至)\s*"


def _val(num: str, unit: str | None) -> int:
    return _ms(num, bool(unit and unit.startswith(("ms", "milli", "毫"))))


def read_times(cl: Clause) -> Times:
    """Take every time expression out of ``cl`` and return them."""
    t = Times()
    starts = re.search(r"\b(?:start|begin)(?:s|ing)?\s+(?:(?:it|that|this|the\s+[a-z]+)\s+)?"
                       r"(?:at|from|when|right\s+at)\b|(?:从|在)[^，,]{0,8}开始(?:显示|出现)", cl.text)
    # "have the picture last 6 seconds": "last" as a verb is a length, not "the last 6 s"
    cl.text = re.sub(r"\b(it|this|that|they|picture|image|photo|pic|clip|video|caption|text|one|"
                     r"should|to|will|can|must|gif)\s+last(?=\s+(?:for\s+)?(?:about\s+)?\d)",
                     r"\1 lasting", cl.text)
    if m := cl.take(rf"\bstart(?:ing|s)?\s+(?:at\s+|from\s+)?{_T}\s*(?:,|and)?\s*"
                    rf"(?:ending|ends?|until|till|stopping|stops?)\s+(?:at\s+)?{_T}"):
        t.span = (_val(m.group(1), m.group(2)), _val(m.group(3), m.group(4)))
    elif m := cl.take(rf"\bend(?:ing|s)?\s+(?P<obj>(?:it|that|this|them|the\s+[a-z]+)\s+)?at\s+{_T}"):
        t.until = _val(m.group(2), m.group(3))
        cl.text += f" {m.group('obj') or ''} "     # "end the text at 5s": the text stays
    while m := cl.take(rf"(?:for\s+)?(?:the\s+)?(first|opening|last|final|closing|"
                       rf"ending)\s+{_T}"):
        v = _val(m.group(2), m.group(3))
        if m.group(1) in ("first", "opening"):
            t.first = v
        else:
            t.last = v
    while m := cl.take(rf"(前面?|开头|最后面?|最後|后面?|末尾|结尾)的?\s*{_T}"):
        v = _val(m.group(2), m.group(3))
        if m.group(1) in ("前", "前面", "开头"):
            t.first = v
        else:
            t.last = v
    if m := cl.take(rf"(?:from\s+|between\s+)?(?:at\s+)?{_CLOCK}{_SEP}{_CLOCK}"):
        t.span = (int(_clock(m, 1)), int(_clock(m, 3)))
    if m := cl.take(rf"(?:from\s+(?:the\s+)?|between\s+|从\s*|在\s*)?{_T_OPT}{_SEP}{_T}"):
        t.span = (_val(m.group(1), m.group(2) or m.group(4)), _val(m.group(3), m.group(4)))
    elif m := cl.take(rf"(?:from|between)\s+(?:the\s+)?{_T_OPT}{_SEP}{NUM}(?!\s*(?:x|times|%))"):
        t.span = (_val(m.group(1), m.group(2)), _val(m.group(3), m.group(2)))
    if cl.take(r"\b(?:until|till|through|thru|up to)\s+the\s+(?:very\s+)?end\b|"
               r"\b(?:for\s+)?the (?:whole|entire) time\b|直到结束|(?<![移放挪拖])到(?:结尾|最后)|一直显示|全程"):
        t.until = END_MS
    elif m := cl.take(rf"(?:until|till|up to|disappears?\s+(?:at|after)|disappearing at|ends?\s+at|"
                    rf"stops?\s+at|gone\s+(?:at|by)|hide\s+(?:it\s+)?at|vanish(?:es)?\s+at|"
                    rf"go(?:es)?\s+away\s+(?:at|after)|leaves?\s+at)\s+"
                    rf"(?:the\s+)?{_T_OPT}(?!\s*(?:x\b|%|times|倍|percent))|到\s*{_T}为止|"
                    rf"{_T}[后之以]*(?:消失|结束|隐藏)"):
        if m.group(1):
            t.until = _val(m.group(1), m.group(2))
        else:
            t.until = _val(m.group(3) or m.group(5), m.group(4) or m.group(6))
    while m := cl.take(rf"(?:(?:\bat|\baround|\bafter|\bfrom|\bon)\s+|@\s*)"
                       rf"(?:the\s+)?(?:{_CLOCK}|{_T_OPT})(?:\s*(?:second\s+)?mark)?"
                       rf"(?!\s*(?:%|x\b|times|倍|percent))"):
        if m.group(1):
            t.at.append(int(_clock(m, 1)))
        else:
            t.at.append(_val(m.group(3), m.group(4)))
    while m := cl.take(rf"(?:在|第|从)\s*{_T}(?:处|时|的时候|开始|的地方|的位置|那里)?"
                       rf"|{_T}(?:处|时|的时候|开始|的地方|的位置|之后|以后|后(?!面))"
                       rf"|(?<!持续)(?<!时长)(?<!长)(?<![前后])(?<!最后){_T}(?=\s*(?:加(?!速)|添|插|"
                       rf"放(?![大慢快])|来(?:个|一个|一下)|出现|显示|响|弹出))"):
        if m.group(1):
            t.at.append(_val(m.group(1), m.group(2)))
        elif m.group(3):
            t.at.append(_val(m.group(3), m.group(4)))
        else:       # "3秒加一个 vine boom": a time before the verb says when
            t.at.append(_val(m.group(5), m.group(6)))
    while t.at and (m := cl.take(rf"(?:\band\b|&|和|,|及)\s*(?:at\s+)?{_T_OPT}"
                                 rf"(?!\s*(?:%|x\b|times|倍|percent))")):
        t.at.append(_val(m.group(1), m.group(2)))
    while m := cl.take(rf"{_T}\s+(?:after the (?:start|beginning)|in\b|into (?:the|it|this)"
                       rf"(?: \w+)?)|(?:开始后|开头后)\s*{_T}"):
        t.at.append(_val(m.group(1), m.group(2)) if m.group(1) else _val(m.group(3), m.group(4)))
    if (m := cl.take(rf"(?:for|lasting|lasts?|over|持续|时长|长度|长)\s*(?:about\s+)?{_T}")) or (
            m := cl.take(rf"{_T}(?:\s*long|长)?")):
        t.dur = _val(m.group(1), m.group(2))
    if cl.take(r"\b(?:at|in|to|from)\s+the\s+(?:very\s+)?(?:start|beginning)\b|"
               r"\bat\s+(?:the\s+)?(?:start|first)\b|\bstraight away\b|\bright away\b|"
               r"\bwhen it (?:starts|begins)\b|\bat the start of (?:the|it|this)(?: \w+)?\b|"
               r"一开始|开头|最开始|片头|开始时|开始的时候|开场"):
        t.anchor = "start"
        if starts:
            t.since = 0         # "make the caption start at the beginning": it keeps its end
    elif cl.take(r"\b(?:at|in|to|near|by)\s+the\s+(?:very\s+)?(?:end|finish|last second)\b|"
                 r"\bat\s+the\s+end\b|\bat\s+end\b|\bat the last moment\b|"
                 r"\bwhen (?:it|the (?:clip|video|image|picture|meme)) ends\b|\bat the end of "
                 r"(?:the|it|this)(?: \w+)?\b|\bin the end\b|\bas it ends\b|\bending\b|"
                 r"结尾|末尾|最后|片尾|结束时|结束的时候"):
        t.anchor = "end"
    if cl.take(r"\bhalfway(?: through)?\b|\bmidway\b|\bin the middle of (?:the |this |it)"
               r"(?!(?:screen|frame|picture|image|photo|pic|canvas|shot|display)\b)"
               r"(?:video|clip|meme|timeline)?\b|\bat the halfway point\b|一半的时候|中间的时候"):
        t.anchor = "middle"
    t.at.sort()
    if starts and len(t.at) == 1 and t.since is None:
        t.since = t.at[0]
    return t


def reply_in_chinese(text: str, language: str = "en") -> bool:
    """The reply's language: the message's (outside quoted text), else the interface's
    (``language``, the session's) when the message has no words of either ("👍", "2x")."""
    lifted, _quotes = _lift_quotes(text)
    bare = PLACEHOLDER.sub("", lifted)
    if _CJK.search(bare):
        return True
    if re.search(r"[A-Za-z]{2,}", bare):
        return False
    return language.lower().startswith("zh")


def is_chinese(text: str) -> bool:
    """True when the message (outside quoted text) is written in Chinese: reply in Chinese."""
    lifted, _quotes = _lift_quotes(text)
    return bool(_CJK.search(PLACEHOLDER.sub("", lifted)))
