"""Messages that lean on the last turn (``Prior``): "again", "a bit more", "another one at the
end" repeat its request (at the new time, if one is said); "the bottom one too", "same for
the other caption", "下面的也是" do it to another caption; "no, I meant the bottom one",
"不对，是下面那个" undo it and do it to that one instead. ``carried_focus`` says what the last
turn touched last, from its operations (``Recent``), so "make it red" and "louder" mean that.
"""

from __future__ import annotations

import copy
import re
from typing import Any

from meme_desktop.draft import AudioSegment, Draft, TextSegment
from meme_desktop.engine.agent.recent import Recent
from meme_desktop.engine.agent.rules import lexicon as lx
from meme_desktop.engine.agent.rules.parse import Clause, Message, read_times
from meme_desktop.engine.agent.rules.read_captions import selector
from meme_desktop.engine.agent.rules.read_sound import when as sound_when
from meme_desktop.engine.agent.rules.words import Context, Intent, Prior

CORRECT = (r"^\W*(?:(?:no|nope|nah|wait|oops|sorry|actually|not that one)\W+)*(?:i\s+meant|i\s+mean|"
           r"meant|i\s+said)\b|^\W*(?:不对|不是|错了|搞错了)\W*(?:是|我说的是|我是说|我指的是)?|"
           r"我说的是|我是说|我指的是")
TOO = (r"\b(?:too|as well|also)\W*$|\b(?:same|do the same|same thing|likewise)\s+(?:for|with|to|on)\b|"
       r"也是|也一样|也这样|也要|同样|也(?:删掉?|删除|去掉|改掉?|换掉?|移走)\s*$")
AGAIN = (r"^\W*(?:(?:do|try)\s+(?:that|it|this)\s+)?(?:again|once more|one more time)\b|"
         r"\bsame again\b|^\W*(?:a\s+(?:bit|little|tad)\s+|even\s+|a\s+lot\s+|much\s+)?more\W*$|"
         r"再来[一1][次遍]|再做[一1]次|再[一1]次|重复[一1]?[下次遍]|再多[一1]点")
ANOTHER = (r"^\W*(?:and\s+|then\s+)?(?:(?:add|put)\s+)?(?:another(?:\s+one)?|one more)\b|"
           r"(?:再|也)(?:加|放|来)?[一1](?:个|下)")
# a comparison alone ("even slower", "再小一点") continues the last change when it goes the
# same way: which change a word can continue, and which way
MORE_OF = (r"^\W*(?:(?:even|still|a\s+(?:bit|little|tad|lot)|slightly|much|way|more)\s+)*"
           r"(?P<w>slower|faster|quicker|louder|quieter|softer|bigger|larger|smaller|lower|higher)"
           r"(?:\s+(?:still|pls|please|plz|than that))*\W*$|"
           r"^\W*(?:再|更|还要|还)(?P<z>小声|大声|慢|快|小|大|轻|响)(?:一)?(?:点|些)?(?:吧|儿)?\W*$")
_WAYS = {"slower": ("speed", -1), "慢": ("speed", -1), "faster": ("speed", 1), "quicker":
         ("speed", 1), "快": ("speed", 1), "louder": ("volume", 1), "大声": ("volume", 1),
         "响": ("volume", 1), "quieter": ("volume", -1), "softer": ("volume", -1),
         "小声": ("volume", -1), "轻": ("volume", -1), "lower": ("volume", -1),
         "higher": ("volume", 1), "bigger": ("size", 1), "larger": ("size", 1),
         "smaller": ("size", -1), "大": ("", 1), "小": ("", -1)}
OTHER = r"\bthe other(?:\s+(?:one|caption|text|line))?\b|另[1一]个|另外[1一]?个|另[1一]条|另外那个|其他"
_CAPTION_EDITS = ("edit_caption", "remove_caption", "nudge_caption")


def carried_focus(recent: Recent, draft: Draft) -> tuple[str | None, dict[str, Any]]:
    """What the last turn touched last: its captions (by id) or its sound effect."""
    caps = {s.id: s for s in draft.segments(7) if isinstance(s, TextSegment)}
    sounds = {s.id: s for s in draft.segments(1) if isinstance(s, AudioSegment)
              and s.src.startswith("sfx:")}
    kind: str | None = None
    ids: list[str] = []
    gone: list[str] = []            # captions the turn deleted ("actually no, keep it")
    for name, args, result in recent.ops:
        sid = str(result.get("id") or args.get("id") or "")
        if name == "delete_segment" and sid not in caps and sid not in sounds:
            gone.append(sid)
        if sid in caps and name != "delete_segment":
            ids = ids + [sid] if kind == "caption" else [sid]
            kind = "caption"
        elif sid in sounds:
            ids, kind = [sid], "sound"
    ids = list(dict.fromkeys(ids))
    if kind == "caption":
        return kind, {"ids": ids}
    if kind is None and gone:
        return "caption", {"ids": gone}
    if kind == "sound":
        seg = sounds[ids[0]]
        return kind, {"sound": seg.src[4:], "which": seg.start}
    return None, {}


def _new_target(cl: Clause, ctx: Context, prior: Prior) -> dict[str, Any] | None:
    if cl.has(OTHER):
        before = set(prior.sel.get("ids", [])) if prior.focus == "caption" else set()
        if not before:
            before = {s.id for s in ctx.draft.segments(7) if isinstance(s, TextSegment) and any(
                i.args.get("target", {}).get("pos") == s.pos for i in prior.intents)}
        others = [s.id for s in ctx.draft.segments(7) if isinstance(s, TextSegment)
                  and s.id not in before]
        return {"ids": others} if others and before else None
    if (sel := selector(cl, ctx)) is not None:
        return sel
    if pos := lx.POSITIONS.first(cl.text):
        return {"pos": pos}
    return None


def _retarget(intents: list[Intent], sel: dict[str, Any]) -> list[Intent]:
    out: list[Intent] = []
    for intent in intents:
        args = copy.deepcopy(intent.args)
        if intent.name in _CAPTION_EDITS:
            args["target"] = sel
        elif intent.name == "add_caption" and "pos" in sel:
            args["pos"] = sel["pos"]
        else:
            continue
        out.append(Intent(intent.name, args))
    return out


def _way(intent: Intent) -> tuple[str, int] | None:
    """Which change an intent made and which way: ("speed", -1) for a slow-down, ..."""
    args = intent.args
    if intent.name == "set_speed" and float(args.get("speed", 1.0)) != 1.0:
        return "speed", -1 if float(args["speed"]) < 1 else 1
    if intent.name == "set_volume" and args.get("change") in ("up", "down"):
        return "volume", 1 if args["change"] == "up" else -1
    if intent.name == "set_volume" and float(args.get("factor", 1.0)) != 1.0:
        return "volume", 1 if float(args["factor"]) > 1 else -1
    if intent.name in ("edit_caption", "add_caption") and "size_mul" in args:
        return "size", 1 if float(args["size_mul"]) > 1 else -1
    return None


def _more_of(cl: Clause, prior: Prior) -> list[Intent] | None:
    """"even slower" after a slow-down, "再小一点" after turning the music down: the last
    change once more (a speed relative to the clip's own)."""
    m = re.search(MORE_OF, cl.text)
    if not m:
        return None
    kind, way = _WAYS[m.group("w") or m.group("z")]
    ways = [_way(i) for i in prior.intents]
    if not ways or any(w is None or w[1] != way or (kind and w[0] != kind) for w in ways):
        return None
    again = [Intent(i.name, copy.deepcopy(i.args)) for i in prior.intents]
    for i in again:
        if i.name == "set_speed":
            i.args["rel"] = True
    return again


def follow_up(msg: Message, ctx: Context, prior: Prior) -> list[Intent] | None:
    """The intents of a message that repeats or redirects the last turn, else None."""
    if msg.quotes or not prior.intents or len(msg.clauses) > 2:
        return None
    cl = Clause(" ".join(c.text for c in msg.clauses), zh=msg.zh)
    if cl.take(CORRECT) or cl.take(r"^\W*(?:no|nope|nah|wait|oops|sorry|actually)\W+(?=\S)"):
        if (sel := _new_target(cl, ctx, prior)) is not None:
            moved = _retarget(prior.intents, sel)
            return [Intent("undo"), *moved] if moved else None
        if (timed := _retimed(cl, prior)) is not None:
            return [Intent("undo"), *timed]     # "不对，三秒" after a boom at 2.5 s
    if (more := _more_of(cl, prior)) is not None:
        return more
    times = read_times(Clause(cl.text, zh=msg.zh))   # read before the words around them go
    if cl.take(AGAIN) or (all(i.name == "add_sound" for i in prior.intents) and cl.take(ANOTHER)):
        read_times(cl)
        if not (times.at or times.anchor or times.span) and times.dur is not None:
            times.at, times.dur = [times.dur], None     # "4秒也加一个": a time, not a length
        again = [Intent(i.name, copy.deepcopy(i.args)) for i in prior.intents]
        if times.any:
            for i in again:
                if i.name == "add_sound":
                    i.args = {k: v for k, v in i.args.items() if k not in ("at", "anchor")}
                    i.args.update(sound_when(times))
        return again if not re.search(r"[a-z\u4e00-\u9fff]{2}", _rest(cl)) else None
    if cl.take(TOO) and (sel := _new_target(cl, ctx, prior)) is not None:
        moved = _retarget(prior.intents, sel)
        return moved or None
    return None


def _retimed(cl: Clause, prior: Prior) -> list[Intent] | None:
    """The last turn's sounds again at the time a correction says ("no, 3s", "不对，三秒")."""
    times = read_times(Clause(cl.text, zh=cl.zh))
    if not (times.at or times.anchor or times.span) and times.dur is not None:
        times.at = [times.dur]          # "no, 3s": a time, not a length
    if not times.at or _rest(cl) or not prior.intents or any(
            i.name not in ("add_sound", "move_sound") for i in prior.intents):
        return None
    again = [Intent(i.name, copy.deepcopy(i.args)) for i in prior.intents]
    for i in again:
        i.args.pop("anchor", None)
        i.args["at"] = list(times.at)
    return again


def _rest(cl: Clause) -> str:
    """What is left of a clause besides times and filler words."""
    text = re.sub(r"\d+(?:\.\d+)?\s*(?:s|sec|secs|seconds?|秒)?|\b(?:at|the|end|start|pls|please|"
                  r"and|then|in|on|of|it|to|lol)\b|结尾|最后|开头|在|秒|吧|呢|啊", " ", cl.text)
    return text.strip()


__all__ = ["carried_focus", "follow_up"]
