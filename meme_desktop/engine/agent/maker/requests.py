"""Is this message for the meme maker? "turn this into a meme", "a meme about X", "caption
this", "surprise me", 做个表情包 make one; "another one", "funnier", "shorter", "different format",
"in Chinese", "keep the caption, change the sound", "use the second one" vary the last one;
"generate my images" asks for something only the hosted backend does.

:func:`read_request` answers with a :class:`Request` (what to do, the format or mood named,
and the rest of the message for the rule reader, which reads the explicit wishes in it), or
None when the message is an ordinary edit.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

_I = re.IGNORECASE
# a word boundary for English words inside Chinese text ("做一个pov表情包": \b sees none there)
_AB = r"(?:(?<![A-Za-z0-9'])(?=[A-Za-z0-9])|(?<=[A-Za-z0-9])(?![A-Za-z0-9']))"


def _ascii(rx: str) -> str:
    return rx.replace(r"\b", _AB)

FORMAT_NAMES: list[tuple[str, str]] = [
    ("expectation_reality", r"\bexpectations?\s*(?:vs\.?|versus|and|/|v\.?|or)\s*reality\b|"
                            r"理想(?:与|和|vs|VS)现实|期望(?:与|和)现实"),
    ("zh_others_me", r"别人[:：].{0,20}我[:：]|别人和我"),
    ("zh_nobody_me", r"没有人[:：]|没人[:：]"),
    ("nobody_me", r"\bnobody\s*[:,/]?\s*(?:and\s+|/\s*)?me\b|\bnobody meme\b|\bnobody format\b|"
                  r"\bnobody\s*[:：]"),
    ("zh_dangni", r"当你.{0,12}的时候|当你…|当你\.\.\."),
    ("pov", r"\bpov\b"),
    ("me_when", r"\bme when\b"),
    ("be_like", r"\bbe like\b"),
    ("wait_for_it", r"\bwait for it\b"),
    ("dramatic_zoom", r"\bdramatic(?:\s+zoom)?\b|戏剧性?|推近"),
    ("deep_fried", r"\bdeep[\s-]?fr(?:y|ied)\b|\bfried\b|油炸|炸图"),
    ("sad", r"\bsad\b|\bdepressing\b|\bmelanchol\w*\b|伤感|悲伤|难过|丧"),
    ("reaction", r"\breaction\b|\bpunch[\s-]?in\b|反应"),
    ("text_gradient", r"\bgradient\b|渐变"),
    ("text_plain", r"\btext(?:[\s-]only)?\s+(?:meme|post|one)\b|\bplain\s+(?:background|colou?r)\b|"
                   r"\bjust text\b|纯文字|纯色背景|文字表情包"),
    ("caption_bar", r"\bcaption[\s-]?bar\b|\bwhite bar\b|\bmodern meme\b|白底标题|标题栏"),
    ("classic", r"\bclassic\s+(?:meme|format|one)\b|\btop text\b.{0,30}\bbottom text\b|"
                r"\btop and bottom text\b|经典格式"),
]
_MAKE_EN = [
    r"\b(?:turn|convert|transform|change|make)\s+(?:this|it|that|these|them|my\s+[\w.-]+|"
    r"the\s+[\w.-]+|this\s+[\w.-]+)\s+(?:in)?to\s+(?:an?\s+|some\s+)?(?:[\w-]+\s+){0,3}?"
    r"(?:memes?|something\s+(?:funny|hilarious|memeable)|a\s+joke)\b(?:\s+video)?",
    r"\b(?:make|create|do|give|generate|write|build|cook\s+up|whip\s+up|send)\s+(?:me\s+|us\s+)?(?:an?\s+|some\s+|one\s+|another\s+|the\s+)?(?:[\w'-]+\s+){0,3}?"
    r"(?:memes?|funny\s+(?:video|clip|one|post|thing)s?)\b",
    r"^\W*(?:(?:ok|okay|so|now|hey|pls|please|yo)\W+)*(?:an?\s+)?(?:[\w'-]+[:,]?\s+){0,3}?memes?"
    r"\s+(?:about|of|on|for|with|abt|using|from|out\s+of)\b",
    # "make this clip a dramatic meme about pizza", "turn it a meme"
    r"\b(?:make|turn)\s+(?:this|it|that|my\s+[\w.-]+|the\s+[\w.-]+|this\s+[\w.-]+)\s+"
    r"(?:an?\s+|some\s+)(?:[\w'-]+\s+){0,3}?memes?\b",
    r"\bmeme[\s-]*(?:this|it|that|my)\b|\bmeme[\s-]?ify\b|\bmemeify\b",
    r"\bcaption\s+(?:this|it|my|the)\b(?!\s+(?:says|reads|is|text|to)\b)|"
    r"\bcaption\s+that\s*[.!?]*\s*$",
    r"\b(?:write|add|give|suggest|need|want|come\s+up\s+with|put|think\s+of)\s+(?:me\s+)?"
    r"(?:this\s+|it\s+)?(?:an?\s+|some\s+)?(?:funny\s+|good\s+|meme\s+|clever\s+|witty\s+|"
    r"new\s+)*captions?\b(?!\s+(?:that|saying|says|reading|reads|[:：«'\"“]))",
    r"\bsurprise\s+me\b|\bdo\s+(?:your\s+thing|something\s+funny|something\s+with\s+(?:this|it))\b|"
    r"\bmake\s+me\s+laugh\b",
    r"\b(?:turn|make)\s+(?:this|it|my\s+[\w.-]+)\s+(?:into\s+)?something\s+funny\b",
    r"\bdo\s+something\s+funny\b|^\W*something\s+(?:about|on|funny)\b",
    # "I need something funny about my cat", "make something hilarious about mondays"
    r"\bsomething\s+(?:funny|hilarious|memeable|silly|relatable)\s+(?:about|abt|on|regarding|"
    r"where|when|with)\b",
    # "this but as a meme about taxes", "what's a good caption for this", "roast my friend
    # with this picture", "make it relatable for programmers"
    r"\b(?:as|like)\s+an?\s+(?:[\w'-]+\s+){0,2}?memes?\b|"
    r"\b(?:good|funny|nice|clever|witty|great|best)\s+captions?\s+(?:for|to|on)\b|"
    r"\broast\s+(?:my|him|her|them|this|me|the)\b|"
    r"\bmake\s+(?:it|this)\s+(?:more\s+)?relatable\b|\brelatable\s+(?:for|to)\b",
    # a meme described by its look or its audience alone: "linkedin-style cringe meme"
    r"^\W*(?!(?:remove|delete|undo|export|save|share|post|clear|stop|no|not|don'?t|this|that|"
    r"the|it)\b)(?:an?\s+)?(?:[\w'-]+\s+){1,3}?memes?\W*$",
    # "a meme where my cat judges me", "meme of me on monday"
    r"^\W*(?:(?:ok|okay|so|now|hey|pls|please|yo|i\s+want|i\s+need)\W+)*(?:an?\s+)?"
    r"(?:[\w'-]+\s+){0,2}?memes?\s+(?:where|when|in\s+which|showing|of\s+(?:me|my|us|a|an|the))\b",
    # a new topic for the next meme: "another one about dogs", "same but about work"
    r"\b(?:another(?:\s+one)?|one\s+more|(?:do|make|try)\s+one|now\s+one|one|same(?:\s+thing)?"
    r"(?:\s+but)?)\s+(?:about|abt|on|regarding|for)\s+(?!(?:the\s+)?(?:top|bottom|middle|other|"
    r"rest|first|second|last|captions?|texts?|sounds?|ones?)\b)",
    # "use the video for the meme, about traffic"
    r"\b(?:use|take|pick)\s+(?:the|this|that|my)\s+[\w.-]+\s+(?:for|as|in)\s+(?:the|a|my)\s+meme\b",
    r"\b(?:make|do|change|switch)\s+(?:it|this|the\s+(?:topic|caption|meme|joke))\s+(?:to\s+)?"
    r"(?:be\s+)?about\b|\b(?:topic|subject)\s*(?:is|:|to|=)\s*\S|^\W*(?:now\s+)?about\s+\S",
]
_MAKE_ZH = (r"表情包|梗图|做个梗|整个梗|来个梗|的梗|换成关于|主题换成|(?:再来|来|做)(?:一个|个)关于|"
            r"配(?:个|一个|一句|句)?(?:搞笑的?)?(?:文案|话|字)|"
            r"配文|写(?:个|一个|一句)?(?:搞笑)?文案|随便做|随便来|给我(?:个)?惊喜|惊喜一下|"
            r"(?:做|来|整)(?:个|一个)?搞笑(?:视频|的)?|做成梗|做成搞笑|搞个笑|"
            r"(?:做成|变成|弄成|做个|做一个|来个|来一个|整个|搞个)\s*(?i:memes?)")
_VAGUE_EN = (r"\bmake\s+(?:it|this)\s+(?:funny|hilarious|a\s+meme|spooky|scary|creepy|wholesome|"
             r"cute|sad|dramatic|cursed|chaotic|unhinged|relatable)\b|\bfunny\b|"
             r"\b(?:give\s+me\s+(?:some\s+|an?\s+)?ideas?|any\s+ideas|what\s+should\s+i\s+"
             r"(?:make|do|post)|inspire\s+me|no\s+idea\s+what\s+to\s+make|idk\s+what\s+to\s+make)\b|"
             r"给(?:我)?(?:点|些|一些)?(?:灵感|点子|主意)|做什么好")
_GENERATE = (r"\b(?:generate|create|draw|paint)\s+(?:me\s+)?(?:my\s+|some\s+|an?\s+|"
             r"the\s+)?(?:new\s+|ai\s+)?(?:images?|pictures?|pics?|photos?|clips?|videos?|footage|"
             r"art|drawings?)\b(?!\s+(?:into|meme))|\bgenerate\b(?!.*\bmemes?\b)|"
             r"生成(?!.*表情包)|画(?:一张|一个|张|个)")
_VARIANTS: list[tuple[str, str]] = [
    ("sound", r"\bkeep\s+(?:the\s+)?(?:caption|text)\b.*\b(?:sound|sfx|audio)\b|"
              r"\b(?:different|another|other|new|change(?:\s+the)?|swap(?:\s+the)?|"
              r"switch(?:\s+the)?)\s+(?:sound(?:\s+effect)?s?|sfx|audio)\b|"
              r"文案不变|换(?:个|一个|一下)?(?:音效|声音)"),
    ("format", r"\b(?:different|diff|another|other|new|change(?:\s+the)?|switch(?:\s+the)?|"
               r"swap(?:\s+the)?)\s+(?:meme\s+)?(?:format|template|layout|style\s+of\s+meme|"
               r"meme\s+style|kind\s+of\s+meme|type\s+of\s+meme)s?\b|"
               r"换(?:个|一个|种|一种)(?:格式|模板|样式|形式|版式)"),
    ("language:zh", r"\b(?:in|to|into)\s+(?:chinese|mandarin)\b|\b(?:chinese|mandarin)\s+"
                    r"(?:please|pls|version|one)\b|^\W*(?:make\s+it\s+)?(?:chinese|mandarin)\W*$|"
                    r"用中文|中文版|换成中文|改成中文|翻译成中文|^\W*中文\W*$"),
    ("language:en", r"\b(?:in|to|into)\s+english\b|\benglish\s+(?:please|pls|version|one)\b|"
                    r"^\W*(?:make\s+it\s+)?english\W*$|用英文|英文版|换成英文|改成英文|翻译成英文|"
                    r"^\W*英文\W*$"),
    ("funnier", r"\bfunnier\b|\bmore\s+funny\b|\bnot\s+(?:that\s+|very\s+)?funny\b|"
                r"\bmore\s+(?:absurd|chaotic|unhinged|savage)\b|更搞笑|更好笑|搞笑一点|好笑一点|"
                r"不好笑|再搞笑|更有趣|有趣一点"),
    ("shorter", r"\bshorter\b|\btoo\s+long\b|\bless\s+(?:text|words)\b|\bfewer\s+words\b|"
                r"\bmore\s+concise\b|\bshorten\s+(?:the\s+|it)?\b|短一点|短一些|简短|太长|"
                r"字少一点|少点字|精简"),
    ("another", r"^\W*(?:(?:nah|no|nope|hmm+|ok|okay|meh|lol|pls|please|hm|yeah|cool|"
                r"(?:could|can|would|will)\s+(?:you|u)(?:\s+please)?|"
                r"nice|not\s+(?:that|this|it)(?:\s+one)?|ew+|boring|lame)\W+)*(?:(?:give\s+me|gimme|try|show\s+me|do|make|i\s+want|can\s+i\s+get)\s+)?"
                r"(?:another(?:\s+one)?|one\s+more|again|next(?:\s+one)?|a\s+new\s+one|"
                r"new\s+(?:caption|one|text)|(?:a\s+)?diff(?:erent)?\s+(?:caption|one|text)|"
                r"other\s+(?:caption|one)|something\s+else|re-?roll|another\s+caption)\b"
                r"(?:\s+(?:one|pls|please|plz|caption|time|lol|bro|then|thanks|thx|idea))*\W*$|换一个|再来一个|再来一张|再来|换个文案|换一句|换句话|换个说法|下一个|重来|"
                r"重新来|再换|另一个|换一条"),
]
_PICK = (r"^\W*(?:(?:ok|okay|yes|yeah|pls|please)\W+)*(?:use|pick|take|choose|go\s+with|"
         r"i\s+(?:like|want|prefer|'ll\s+take))?\s*(?:the\s+)?(?:(first|second|third|1st|2nd|"
         r"3rd|last)\s+(?:one|option|alternative|alt|caption|idea|suggestion|choice|version)|"
         r"(?:option|alternative|alt|number|no\.?|#|idea|caption|suggestion|choice)\s*(\d))\b|用第\s*([\d一二三两])\s*(?:个|条|句)|"
         r"选第?\s*([\d一二三两])\s*(?:个|条|句)?|第\s*([\d一二三两])\s*(?:个|条|句)|^\W*(\d)\W*$")
# back to an earlier meme of the session: "go back to the first one", "the previous one was
# better", "还是第一个好" (1: the first meme of this run of variants, -1: the one before)
_BACK_WHICH = (r"(first|1st|original|previous|last|earlier|old|other|prior)"
               r"(?:\s+(?:one|meme|caption|version|text|joke))?")
_BACK = (rf"\b(?:go(?:ing)?\s+back\s+to|back\s+to|return\s+to|revert\s+to|switch\s+back\s+to|"
         rf"change\s+(?:it\s+)?back\s+to|bring\s+back|restore|undo\s+to)\s+(?:the\s+|my\s+)?"
         rf"{_BACK_WHICH}\b|"
         rf"\b(?:the\s+)?{_BACK_WHICH}\s+(?:one\s+)?(?:was|is|were)\s+(?:way\s+|much\s+|a\s+lot\s+)?"
         rf"(?:better|funnier|best)\b|"
         rf"\bi\s+(?:liked|preferred|prefer|like)\s+(?:the\s+)?{_BACK_WHICH}\s+(?:one\s+)?"
         rf"(?:better|more)\b|"
         r"(?:还是|回到|换回|改回|用回|退回)(?:到)?(?:第\s*([1一])\s*(?:个|条|句|张)|(上一?个|之前的?那?个?|"
         r"原来的?那?个?|刚才的?那?个|前一个|最开始的?那?个|最早的?那?个))|"
         r"(?:第\s*([1一])\s*(?:个|条|句|张)|(上一个|之前那个|之前的|原来那个|原来的|刚才那个|前一个))"
         r"(?:比较|更|还)?好(?:一点|些|多了)?")
_BACK_FIRST = {"first", "1st", "original", "1", "一"}


def _back_to(text: str) -> int | None:
    """1 for "the first one", -1 for "the previous one", None when the message is no such
    wish."""
    m = re.search(_BACK, text, _I)
    if not m:
        return None
    said = next((g for g in m.groups() if g), "").lower()
    return 1 if said in _BACK_FIRST or said.startswith(("原来", "最开始", "最早")) else -1


_ORD = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "last": -1,
        "一": 1, "二": 2, "两": 2, "三": 3}
# a format named as the way the last meme should be: "a pov one instead", "sad version"
_AS_FORMAT = (r"\b(?:one|version|format|template|instead|style|layout)\b|"
              r"格式|版本|风格|模板")
_USE_QUOTE = re.compile(r"^\W*(?:use|pick|take|go\s+with|i\s+(?:like|want))\b|^\W*用", _I)


# formats whose name says nothing else (no effect, no mood): said alone, they ask for a meme
_OWN_FORMATS = {"expectation_reality", "zh_others_me", "zh_nobody_me", "nobody_me", "zh_dangni",
                "pov", "me_when", "be_like", "wait_for_it", "text_gradient", "text_plain"}


def unquote_format_names(text: str) -> str:
    """A quoted format name is the format's name, not a caption: *a 'me when' meme*,
    *做个“当你…的时候”的梗* lose the quotes around it."""
    def name(m: re.Match[str]) -> str:
        inner = m.group(0)[1:-1].strip()
        return f" {inner} " if any(re.fullmatch(_ascii(rx), inner, _I) for _, rx in FORMAT_NAMES) \
            else m.group(0)
    return _QUOTED.sub(name, text)


@dataclass
class Request:
    """What the maker is asked to do (see the module docstring)."""

    action: str                 # make, another, funnier, shorter, format, language, sound,
    lang: str | None = None     # pick, back, generate
    pick: int | None = None     # 1-based alternative (-1: the last one); for "back": 1 the
                                # first meme of the run, -1 the previous one
    format: str | None = None
    vague: bool = False         # "make it funny": a meme only when nothing was made yet
    rest: str = ""              # the message without the maker's words


def named_format(text: str) -> tuple[str, re.Match[str]] | None:
    for fid, rx in FORMAT_NAMES:
        if m := re.search(_ascii(rx), text, _I):
            return fid, m
    return None


# the maker's own words: taken out of a request's spans, so what else is said there stays
# for the rule reader ("make a *square* meme", "turn this into a meme *in slow motion*")
_OWN_WORDS = re.compile(
    r"\b(?:turn|make|convert|transform|change|create|do|give|generate|write|build|cook|whip|up|"
    r"send|me|us|a|an|some|one|another|the|this|it|that|these|them|my|into|to|memes?|memeify|"
    r"meme-?ify|captions?|something|funny|hilarious|memeable|joke|video|vid|clip|image|"
    r"picture|pic|photo|surprise|laugh|your|thing|with|add|suggest|put|think|of|come|new|"
    r"good|clever|witty|relatable|quick|about|abt|on|for|ok|okay|so|now|hey|pls|please|yo)\b", _I)
_OWN_ZH = re.compile(r"(?:做成|做个|做一个|来个|来一个|整个|帮我|给我|请|用这个|用这张|把这个|把这张|把)?"
                     r"(?:这张图片?|这个视频|这段视频|这张照片|这个|这张|图片|视频|照片)?"
                     r"(?:做成|变成|弄成|配|做)?(?:个|一个|一张|一句|句)?(?:搞笑的?|好笑的?)?"
                     r"(?:表情包|梗图|梗|文案|配文|话|视频)|随便做一个|随便做|随便来|给我(?:个)?惊喜|惊喜一下")


def _literal(value: str) -> Callable[[re.Match[str]], str]:
    return lambda _m: value


_QUOTED = re.compile(r"(?<![A-Za-z])[\"“「『'‘].*?[\"”」』'’](?![A-Za-z])")


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` without the maker's own words inside ``spans`` (quoted text is kept)."""
    quotes: list[str] = []

    def lift(m: re.Match[str]) -> str:
        quotes.append(m.group(0))
        return "\0" * len(m.group(0))

    text = _QUOTED.sub(lift, text)
    merged: list[list[int]] = []
    for a, b in sorted(spans):
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    for a, b in merged:
        part = _OWN_WORDS.sub(lambda m: " " * len(m.group(0)), text[a:b])
        text = text[:a] + part + text[b:]
    text = _OWN_ZH.sub(lambda m: " " * len(m.group(0)), text)
    for quote in quotes:                  # the quotes come back where they were
        text = re.sub("\0+", _literal(quote), text, count=1)
    return " ".join(text.split())


def _make(text: str) -> list[tuple[int, int]]:
    spans = [m.span() for rx in _MAKE_EN for m in re.finditer(_ascii(rx), text, _I)]
    spans += [m.span() for m in re.finditer(_MAKE_ZH, text)]
    return spans


_ABOUT = re.compile(
    r"\b(?:about|abt|regarding|on\s+the\s+topic\s+of|where|when)\s+(.+?)(?=\s+(?:with|and\s+(?:add|"
    r"make|put|use)|plus|then|but|in\s+(?:slow|vertical|square|landscape|portrait|chinese|"
    r"english|black)|at\s+\d|as\s+an?)\b|[,;.!?，。；！？]|$)", re.IGNORECASE)


def topic_words(text: str) -> str:
    """The words of a request's topic clause, "the weekend going by too fast" in *make a meme
    about the weekend going by too fast, vertical*: they describe the meme, they are not
    instructions (the wishes after ``with``, ``and add``, a comma, ... are kept)."""
    unquoted = _QUOTED.sub(lambda m: " " * len(m.group(0)), text)
    m = _ABOUT.search(unquoted)
    return " ".join(m.group(1).split()) if m else ""


_MOOD_WISHES = [(r"\b(?:spooky|scary|creepy)\b", " add suspense music, black and white "),
                (r"\b(?:wholesome|cute)\b", " add lofi music "),
                (r"\b(?:cursed|chaotic|unhinged)\b", " deep fry it ")]


def quoted_parts(text: str) -> list[str]:
    """What the person put in quotes (straight, curly or CJK corner brackets), in order."""
    return re.findall(r"[\"“「『‘](.+?)[\"”」』’]", text)


def read_request(text: str, has_record: bool) -> Request | None:
    """The maker's reading of a message, or None when it is an ordinary edit."""
    unquoted = re.sub(r"(?<![A-Za-z])[\"“「『'‘].*?[\"”」』'’](?![A-Za-z])",
                      lambda m: " " * len(m.group(0)), text)
    words = len(unquoted.split())
    if re.search(r"\b(?:export|download|render|save|status)\b|导出|下载|保存|状态", unquoted, _I):
        return None
    if re.search(_GENERATE, unquoted, _I) and not re.search(r"\bmemes?\b|表情包|梗", unquoted, _I):
        return Request("generate")
    if has_record:
        if words <= 10 and (back := _back_to(unquoted)) is not None:
            return Request("back", pick=back)
        if (m := re.search(_PICK, unquoted, _I)) and words <= 8:
            g = next(x for x in m.groups() if x)
            return Request("pick", pick=int(g) if g.isascii() and g.isdigit() else _ORD.get(g.lower()))
        quoted = quoted_parts(text)
        if quoted and _USE_QUOTE.search(text) and words <= 12 and (
                re.search(r"\binstead\b|这句|这条|这个", text, _I) or len(unquoted.split()) <= 3):
            return Request("pick", pick=None)
        new_topic = re.search(r"\b(?:about|abt|regarding)\s+\S|关于|有关|主题", unquoted, _I)
        if words <= 9 and not quoted and not new_topic:
            for action, rx in _VARIANTS:
                if re.search(rx, unquoted, _I):
                    kind, _, lang = action.partition(":")
                    named = named_format(unquoted) if kind == "format" else None
                    return Request(kind, lang=lang or None, format=named[0] if named else None)
            named = named_format(unquoted)
            if named and re.search(_AS_FORMAT, unquoted, _I):
                return Request("format", format=named[0])     # "make it a pov one instead"
    spans = _make(unquoted)
    if not spans and (named := named_format(unquoted)) and named[0] in _OWN_FORMATS and (
            words <= 4 or re.search(r"\bmemes?\b|表情包|梗", unquoted, _I)):
        spans = [named[1].span()]       # "POV meme", "expectation vs reality", "nobody: meme"
    vague = False
    if not spans and re.search(_VAGUE_EN, unquoted, _I) and words <= 8:
        spans, vague = [m.span() for m in re.finditer(_VAGUE_EN, unquoted, _I)], True
    if not spans and not has_record and words <= 6 and any(
            re.search(rx, unquoted, _I) for action, rx in _VARIANTS if action == "another"):
        return Request("make", vague=True)        # "another one" before any meme: make one
    if not spans:
        return None
    named = named_format(unquoted)
    if named:
        spans.append(named[1].span())
    rest = _blank(text, spans)
    for rx, wishes in _MOOD_WISHES:      # "make it spooky": the mood as things to do
        rest = re.sub(rx, wishes, rest, flags=_I)
    return Request("make", format=named[0] if named else None, vague=vague, rest=rest)


__all__ = ["FORMAT_NAMES", "Request", "named_format", "read_request", "topic_words",
           "unquote_format_names"]
