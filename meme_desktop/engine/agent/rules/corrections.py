"""A message that corrects itself, read as the request it ends up being.

People fix a slip in the same breath: *add a boom at 2s, no wait, 3s*, *make it red...
actually blue*, *make the top text red, sorry i mean the bottom text*, *put 'NO' at the
bottom, i mean 'YES'*, *三秒加个vine boom，不对，四秒*, *a meme about mondays, no wait, about
fridays*. :func:`corrected` finds the correction word and what follows it (up to the next
clause), and, when that is one thing of a kind the sentence before already named — a time, a
colour, a place, a quoted caption, a topic after *about* — puts it in that thing's place;
anything else (*…, no actually make it vertical*) replaces the whole clause before. Used on
the raw message by ``respond`` (so the maker reads the corrected request too) and by
``parse_message``. Deterministic, no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from meme_desktop.engine.agent.rules import lexicon as lx

# words that take back what was just said; "actually" and a bare "wait" only after a pause
_STRONG = (r"no+\s+wait|wait\s+no+|oops|sorry|i\s+meant?\b|make\s+that|scratch\s+that|"
           r"my\s+bad|correction|不对|我是说|我的意思是|哦不|说错了|不是不是|搞错了")
_SOFT = r"actually|wait(?!\s+(?:for|until|till|a|\d))|nah|no+(?=\s*[,，]|\s+actually)"
_MARK = re.compile(
    rf"(?:(?:[,;，；]|\.{{2,}}|…+|\s[-–—]+)\s*(?:{_STRONG}|{_SOFT})|\s(?:{_STRONG})|^\s*(?:{_SOFT}))"
    rf"(?:[\s,，.!…:：]+(?:{_STRONG}|{_SOFT}))*[\s,，.!…:：]*", re.IGNORECASE)

# where the next clause starts (the end of a correction)
_NEXT = re.compile(r"[,;，；。!?！？\n]|\s+(?:and|then|also|plus)\s+|然后|并且")
# the last clause of what came before (the one a correction replaces)
_CLAUSE_START = re.compile(r".*(?:[,;，；。!?！？\n、]|\.\s|\s(?:and|then|also|plus)\s|然后|并且)",
                           re.DOTALL)

_NUM = r"(?:\d+(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|half\s+a)"
_TIME = (rf"(?:at\s+|to\s+|@\s*)?{_NUM}\s*(?:s|sec|secs|seconds?|ms)\b|"
         r"[零〇一二两三四五六七八九十\d.]+\s*秒半?|(?:at\s+)?\d+(?:\.\d+)?(?=\s*$)")
_TIME_CORE = (rf"(?<![\w.]){_NUM}\s*(?:s|sec|secs|seconds?|ms)\b|"
              r"[零〇一二两三四五六七八九十\d.]+\s*秒半?|\b\d+(?:\.\d+)?(?=\s*$)")
_QUOTE = r"'[^']+'|\"[^\"]+\"|“[^”]+”|‘[^’]+’|「[^」]+」|『[^』]+』"
_PLACE = (r"(?:the\s+)?(?:top|bottom|middle|center|centre|upper|lower)(?:\s+(?:one|text|caption|"
          r"line))?|顶部|底部|上面|下面|中间|上方|下方")
_ABOUT = r"(?:about|abt)\s+.+|关于.+"
_FILL = r"(?:it|that|this|the|a|an|to|at|in|on|make\s+it|make\s+that|it'?s|use|i\s+want)\s+"


def _only(kind: str, frag: str) -> re.Match[str] | None:
    body = re.sub(rf"^(?:{_FILL})+", "", frag.strip(" ,，.!…:：").lower() + " ").strip()
    body = re.sub(r"\s*(?:instead|please|pls|plz|then|吧|了)$", "", body)
    return re.fullmatch(rf"(?:{kind})", body, re.IGNORECASE) if body else None


def _colour_only(frag: str) -> str | None:
    body = frag.strip(" ,，.!…:：").lower()
    body = re.sub(rf"^(?:{_FILL})+", "", body + " ").strip()
    body = re.sub(r"\s*(?:instead|please|pls|then|吧|了)$", "", body)
    hits = lx.COLORS.find(body)
    if len(hits) == 1 and not re.sub(r"[\s的色]", "", body[:hits[0].start] + body[hits[0].end:]):
        return body[hits[0].start:hits[0].end]
    if re.fullmatch(r"#[0-9a-f]{3}(?:[0-9a-f]{3})?", body):
        return body
    return None


def _replace_last(before: str, kind: str, new: str) -> str | None:
    """``before`` with its last match of ``kind`` replaced by ``new`` (None: no such thing)."""
    found = list(re.finditer(kind, before, re.IGNORECASE))
    if not found:
        return None
    m = found[-1]
    return before[:m.start()] + new + before[m.end():]


def _last_colour(before: str, new: str) -> str | None:
    low = before.lower()
    hits = lx.COLORS.find(low)
    hexes = list(re.finditer(r"#[0-9a-f]{3}(?:[0-9a-f]{3})?\b", low))
    spans = [(h.start, h.end) for h in hits] + [(m.start(), m.end()) for m in hexes]
    if not spans:
        return None
    start, end = max(spans)
    return before[:start] + new + before[end:]


def _fix(before: str, frag: str) -> str:
    """``before`` corrected by ``frag`` (what followed the correction word)."""
    tries: list[tuple[str, Callable[[], str | None]]] = []
    if _only(_TIME, frag):
        when = re.sub(r"^(?:at|to|@)\s*", "", frag.strip(" ,，.!…:："))
        tries.append(("time", lambda: _replace_last(before, _TIME_CORE, when)))
    if _only(_QUOTE, frag):
        tries.append(("quote", lambda: _replace_last(before, _QUOTE, frag.strip())))
    if (colour := _colour_only(frag)) is not None:
        tries.append(("colour", lambda: _last_colour(before, colour)))
    if _only(_PLACE, frag):
        place = re.sub(rf"^(?:{_FILL})+", "", frag.strip(" ,，.!…").lower() + " ").strip()
        tries.append(("place", lambda: _replace_last(before, _PLACE, place)))
    if _only(_ABOUT, frag):
        tries.append(("about", lambda: _replace_last(before, r"(?:about|abt)\s+[^,，;；.]+|关于[^,，;；。]+",
                                                     frag.strip())))
    for _, attempt in tries:
        if (done := attempt()) is not None:
            return done
    # a new instruction: it takes the place of the clause before
    m = _CLAUSE_START.match(before)
    head = before[:m.end()] if m else ""
    return head + " " + frag.strip()


def corrected(text: str) -> str:
    """The message with every in-place correction carried out (unchanged when it has none)."""
    skip = 0
    for _ in range(4):
        masked = re.sub(_QUOTE, lambda q: q.group(0)[0] + "x" * (len(q.group(0)) - 2)
                        + q.group(0)[-1], text)     # words inside a caption are never read
        m = _MARK.search(masked, skip)
        if m is None:
            return text
        before, rest = text[:m.start()], text[m.end():]
        nxt = _NEXT.search(rest)
        frag, after = (rest[:nxt.start()], rest[nxt.start():]) if nxt else (rest, "")
        if not before.strip():          # "no, I meant the bottom one": the turn before is
            skip = m.end()              # corrected (rules/follow_up.py), not this message
            continue
        if not frag.strip():            # "…, sorry": nothing said instead
            text = before + after
            continue
        text = _fix(before, frag) + after
    return text


__all__ = ["corrected"]
