"""A message to intents: each clause is read by a fixed sequence of readers; a reader that
recognises something takes its words out of the clause and returns intents. ``Context``
carries what the previous clause was about, so "add 'HI' on top and make it red" colours the
new caption. History (undo, redo), clearing, and swapping captions are read here."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from meme_desktop.draft import Draft, TextSegment
from meme_desktop.engine.agent.rules import lexicon as lx
from meme_desktop.engine.agent.rules.anchors import anchor_times
from meme_desktop.engine.agent.rules.follow_up import follow_up
from meme_desktop.engine.agent.rules.named import caption_order
from meme_desktop.engine.agent.rules.parse import Clause, Message, Times, read_times
from meme_desktop.engine.agent.rules.read_background import read_background
from meme_desktop.engine.agent.rules.read_captions import read_canvas, read_captions
from meme_desktop.engine.agent.rules.read_levels import read_audio_levels, read_effects
from meme_desktop.engine.agent.rules.read_media import read_media, read_tricks, read_zoom
from meme_desktop.engine.agent.rules.read_replace import read_replace
from meme_desktop.engine.agent.rules.read_sound import read_music, read_sound
from meme_desktop.engine.agent.rules.words import (
    CAPTION_NOUN,
    CLIP,
    IMAGE,
    MISSING,
    Context,
    Intent,
    Prior,
)
from meme_desktop.engine.agent.types import AssetRef

HISTORY_UNDO = (r"^\s*(?:please\s+)?(?:undo|revert|go back(?!\s+to\b)|take that back|never ?mind|"
                r"ctrl\s*\+?\s*z|cancel that|undo that)\b|\bundo\b|撤销|撤回|回退|返回上一步|"
                r"上一步|恢复原样|\bgo back\s*(?:(?:one|a) step\s*)?[.!]*\s*$|"
                r"\b(?:put|make|set|change|turn) it (?:all )?back (?:to )?(?:how|the way|like|as) it was\b|"
                r"\bback (?:to )?(?:how|the way) it was\b|回到上一步|^\s*(?:还是)?(?:改|变)回去(?:吧)?\s*$")


HISTORY_REDO = r"\bredo\b|\bre-do\b|重做|恢复撤销|ctrl\s*\+?\s*y"


CLEAR = (r"\b(?:start over|start again|from scratch|clear (?:everything|all|the timeline)|"
         r"reset(?: everything| the timeline)?|remove everything|delete everything|"
         r"wipe (?:it|everything))\b|清空|重新开始|全部删除|全部删掉|从头开始")


TIME_LIST = (r"\s*(?:and\s+|&\s*|和\s*)?(?:at\s+|在\s*)?\d+(?:\.\d+)?\s*(?:s|sec|secs|seconds?|秒)?"
              r"(?:\s*(?:,|and|&|和|、)\s*\d+(?:\.\d+)?\s*(?:s|sec|secs|seconds?|秒)?)*\s*")


def understand(msg: Message, draft: Draft, assets: Sequence[AssetRef],
               prior: Prior | None = None) -> list[Intent]:
    """All operations of a message, in the order they were asked for; ``prior``: the last
    turn, which "it", "again" and "the bottom one too" can point back at."""
    ctx = Context(draft, assets, captions=[s.text for s in draft.segments(7)
                                           if isinstance(s, TextSegment)])
    if prior is not None:
        ctx.focus, ctx.focus_sel = prior.focus, dict(prior.sel)
        ctx.carried = (prior.focus, dict(prior.sel))
        if (again := follow_up(msg, ctx, prior)) is not None:
            return again
    ops: list[Intent] = []
    unread: list[tuple[int, Clause]] = []     # clauses nothing was read from, and where
    untimed_sound = False           # the previous clause added a sound without saying when
    lead_at: int | None = None      # "at 2s zoom in and play an airhorn": the time leads both
    refused = False                 # the clause before was a bare "no" / "actually no"
    for cl in msg.clauses:
        if re.fullmatch(_BARE_NO, cl.text):
            refused = True
            continue
        if refused and re.fullmatch(_KEEP_IT, cl.text) and prior is not None:
            ops.append(Intent("undo"))  # "actually no, keep it": the last change taken back
            continue
        refused = False
        _other_caption(cl, ctx)
        if cl.has(HISTORY_REDO):
            ops.append(Intent("redo"))
            continue
        if cl.has(r"\bundo (?:the|my)\b") and (
                lx.EFFECTS.find(cl.text) or lx.SFX.find(cl.text) or cl.has(CAPTION_NOUN + r"|zoom|"
                                                                           r"slow|speed|music")):
            cl.text = re.sub(r"\bundo\b", "remove", cl.text)
        elif cl.has(HISTORY_UNDO):
            ops.append(Intent("undo"))
            continue
        if not cl.has(r"静音|\bmute\b|\bsilence\b") and (m := cl.take(rf"(?:{CLEAR})\s+(?:except|but|apart from|other than|besides|save)\s+"
                        r"(?:for\s+)?(?:the\s+|my\s+)?(\w+)|(?:除了|只留下?|只保留)(视频|图片|字幕|音乐|音效)")):
            ops.extend(_all_but(m.group(1) or m.group(2)))   # "remove everything except the video"
            continue
        if cl.take(CLEAR):
            ops.append(Intent("clear_timeline"))
            continue
        if cl.take(r"\b(?:swap|switch|flip|exchange)\b.*\b(?:top&bottom|bottom and top|"
                   r"captions|texts)\b|上下(?:字幕)?(?:互换|交换|对调)|(?:互换|交换|对调)上下"):
            ops.append(Intent("swap_captions"))
            continue
        if cl.has(CAPTION_NOUN) and cl.take(_ONE_BY_ONE):
            ops.append(Intent("stagger_captions"))   # "show the captions one after another"
            continue
        if ops and ops[-1].name == "add_sound" and (m := re.fullmatch(TIME_LIST, cl.text)):
            ats = [round(float(x) * 1000) for x in re.findall(r"\d+(?:\.\d+)?", m.group(0))]
            ops.append(Intent("add_sound", {**ops[-1].args, "at": ats}))
            ops[-1].args.pop("anchor", None)
            continue
        if cl.has(MISSING):
            unread.append((len(ops), cl))
            continue
        anchor_times(cl, ctx, msg.quotes)
        if replaced := read_replace(cl, ctx):
            ops.extend(replaced)
            continue
        times = read_times(cl)
        if lead_at is not None and cl.joiner == "and" and not times.any:
            times.at = [lead_at]    # "at 2s zoom in and play an airhorn": both at 2 s
        else:
            lead_at = None
        focus = (ctx.focus, dict(ctx.focus_sel))
        canvas = read_background(cl) + read_canvas(cl)
        timed = times.any
        found = canvas + read_av(cl, times, ctx, media=not canvas) + read_captions(cl, times, ctx)
        if not found and times.any and ops:
            found = _repeat_with_times(ops[-1], times)
        if (untimed_sound and cl.joiner == "and" and found and found[0].name == "add_sound"
                and "at" in found[0].args):   # "add a boing and a ding at 1s": both at 1 s
            ops[-1].args.pop("anchor", None)
            ops[-1].args["at"] = list(found[0].args["at"])
        if times.at and re.match(_LEADING_TIME, cl.said):
            lead_at = times.at[0]
        untimed_sound = bool(found) and found[-1].name == "add_sound" and not timed
        if not found and meaningful(cl.said) and focus == (ctx.focus, ctx.focus_sel):
            unread.append((len(ops), cl))
        for op in found:
            _merge_or_add(ops, op)
    if ops:     # something was understood: say which parts were not (nothing at all: ask)
        for at, cl in reversed(unread):
            ops.insert(at, Intent("unread", {"text": cl.said.strip()}))
    return ops


_ONE_BY_ONE = (r"\bone\s+(?:after|by)\s+(?:another|the\s+other|one)\b|\bin\s+turn\b|"
               r"\bone\s+at\s+a\s+time\b|\bstaggered\b|\bstagger\b|(?:一条|一句|一个)接(?:一条|一句|一个)|"
               r"依次|逐条|逐个|挨个")
_LEADING_TIME = r"\s*(?:(?:and|then|also|now|ok|okay|so)\s+)?(?:at|@|around|在|第)\s*\d"
_BARE_NO = r"\W*(?:(?:actually|wait|oh|hmm+|oops)\W+)*(?:no+|nope|nah)\W*"
_KEEP_IT = r"\W*(?:(?:actually|please|pls)\s+)?(?:keep|leave)\s+(?:it|that|them)(?:\s+(?:after all|there|then|in))?\W*"
_OTHER_ONE = r"\bthe other(?:\s+(?:one|caption|text|line))?\b|另[1一]个|另外[1一]?个(?:字幕)?|另外那个"


def _other_caption(cl: Clause, ctx: Context) -> None:
    """"and the other one red" after a caption was changed: the one caption that was not."""
    if ctx.focus != "caption" or not cl.has(_OTHER_ONE) or cl.has(IMAGE + "|" + CLIP):
        return
    order = caption_order(ctx.draft)
    sel = ctx.focus_sel
    if "ids" in sel:
        focus = {c.id for c in order if c.id in sel["ids"]}
    elif "pos" in sel:
        focus = {c.id for c in order if c.pos == sel["pos"]}
    elif "text" in sel:
        focus = {c.id for c in order if c.text.lower() == str(sel["text"]).lower()}
    elif "index" in sel and 0 < int(sel["index"]) <= len(order):
        focus = {order[int(sel["index"]) - 1].id}
    else:
        return
    others = [i for i, c in enumerate(order) if c.id not in focus]
    if focus and len(others) == 1:
        cl.text = re.sub(_OTHER_ONE, f" caption #{others[0] + 1} ", cl.text, count=1)


def _all_but(kept: str) -> list[Intent]:
    """What "remove everything except X" removes: every caption and sound that is not X."""
    if re.match(r"captions?|texts?|words|titles?|字幕", kept):
        return [Intent("remove_sound", {"sound": "all"})]
    if re.match(r"music|songs?|音乐", kept):
        return [Intent("remove_caption", {"target": {"all": True}}),
                Intent("remove_sound", {"sound": "sfx"})]
    if re.match(r"sounds?|sfx|effects?|音效", kept):
        return [Intent("remove_caption", {"target": {"all": True}}),
                Intent("remove_sound", {"sound": "music"})]
    return [Intent("remove_caption", {"target": {"all": True}}),
            Intent("remove_sound", {"sound": "all"})]


_FILLER = {"please", "pls", "plz", "thanks", "thank", "thx", "ok", "okay", "lol", "lmao", "haha",
           "and", "then", "also", "too", "now", "so", "just", "yeah", "yes", "yep", "cool", "nice",
           "great", "the", "it", "this", "that", "a", "an", "bro", "bruh", "dude", "man", "guys",
           "hey", "hi", "yo", "well", "um", "uh", "hmm", "like", "really", "very", "maybe", "for",
           "me", "my", "of", "to", "in", "on", "at", "with", "do", "can", "you", "could", "would"}


def meaningful(said: str) -> bool:
    """Whether a clause nothing was read from asked for something (not "pls", "lol", "thx")."""
    words = [w for w in re.findall(r"[a-z']+", said.lower()) if w not in _FILLER]
    cjk = re.sub(r"[的了吧呢啊哦嗯好谢哈呀嘛么]", "", "".join(re.findall(r"[\u4e00-\u9fff]", said)))
    return len(words) >= 2 or any(len(w) >= 4 for w in words) or len(cjk) >= 2


def _merge_or_add(ops: list[Intent], op: Intent) -> None:
    """Consecutive edits of the same caption become one operation (one event, one sentence);
    "background music, something epic": the mood refines the default music just added."""
    prev = ops[-1] if ops else None
    if prev is not None and prev.name == op.name == "add_music" and prev.args.get("default"):
        ops[-1] = Intent("add_music", {**{k: v for k, v in prev.args.items() if k != "default"},
                                   **op.args})
        return
    if (prev is not None and prev.name == "add_caption" and op.name == "edit_caption"
            and op.args["target"] == {"text": prev.args["text"]} and "text" not in op.args):
        extra = {k: v for k, v in op.args.items() if k != "target"}
        if "size_mul" in extra and "size_mul" in prev.args:
            extra["size_mul"] = round(extra["size_mul"] * prev.args["size_mul"], 3)
        prev.args.update(extra)
        return
    if (prev is not None and op.name == prev.name == "edit_caption"
            and op.args["target"] in (prev.args["target"], _after(prev))
            and not (set(prev.args) & set(op.args)) - {"target"}):
        prev.args.update({k: v for k, v in op.args.items() if k != "target"})
        return
    ops.append(op)


def _after(op: Intent) -> dict[str, Any]:
    """The selector that finds the caption ``op`` edited, after the edit."""
    if "text" in op.args:
        return {"text": op.args["text"]}
    if "pos" in op.args and "pos" in op.args["target"]:
        return {"pos": op.args["pos"]}
    return op.args["target"]


def _repeat_with_times(prev: Intent, times: Times) -> list[Intent]:
    """"a vine boom at 2s, and 4s": a clause with only a time repeats the previous sound."""
    if prev.name == "add_sound" and times.at:
        return [Intent("add_sound", {**prev.args, "at": times.at})]
    return []


def read_av(cl: Clause, times: Times, ctx: Context, media: bool = True) -> list[Intent]:
    ops: list[Intent] = []
    for reader in (read_sound, read_music, read_audio_levels, read_effects, read_zoom,
                   read_tricks):
        ops.extend(reader(cl, times, ctx))
    if not ops and media:
        ops.extend(read_media(cl, times, ctx))
    return ops
