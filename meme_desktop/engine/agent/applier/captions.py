"""Captions: adding one (a free place and the video's length unless told), changing its text,
place, style, colour or size, and putting it anywhere on the canvas (``xy``)."""

from __future__ import annotations

from meme_desktop.draft import TT_TEXT, Draft, TextSegment, one_line, seconds
from meme_desktop.draft.ops import AddCaption, PlaceCaption, SetCaption
from meme_desktop.engine.agent.applier.base import (
    MIN_MS,
    Ctx,
    captions,
    content_ms,
    find,
)
from meme_desktop.engine.agent.applier.names import (
    POS_EN,
    POS_ZH,
    STYLE_ZH,
    color_en,
    color_zh,
    span_text,
)
from meme_desktop.engine.agent.types import Change


def free_position(draft: Draft, start: int, end: int, style: str) -> str:
    """The first position no caption uses between ``start`` and ``end``."""
    busy = {c.pos for c in captions(draft) if c.start < end and start < c.end}
    pref = ["bottom", "top", "center"] if style == "subtitle" else ["top", "bottom", "center"]
    return next((p for p in pref if p not in busy), pref[0])


def add_caption(draft: Draft, op: AddCaption, ctx: Ctx) -> Change:
    total = content_ms(draft)
    start = op.st if op.st is not None else 0
    if op.d is not None:
        dur = op.d
    else:
        rest = total - start
        dur = rest if rest >= 500 else 2000
    style = op.sty or "classic"
    pos = op.pos or free_position(draft, start, start + dur, style)
    shared = [c for c in captions(draft) if c.pos == pos and c.start < start + dur
              and start < c.end and c.xy is None]  # the renderer stacks them (not one put
    # somewhere by hand): say where this one goes
    color = (op.col or ("#000000" if style == "bar" else "#FFFFFF")).upper()
    seg = TextSegment(id=draft.new_id("s"), start=start, duration=max(MIN_MS, dur),
                      text=op.txt, pos=pos, style=style, color=color,
                      size=round(float(op.sz if op.sz is not None else 1.0), 2))
    track = draft.track_for(TT_TEXT)
    assert track is not None
    track.segments.append(seg)
    extra = "" if style == "classic" else f", {style} style"
    side = "above" if pos == "bottom" else "below"
    under = one_line(shared[-1].text) if shared else ""   # a sentence names it on one line
    stacked_en = f' ({side} "{under}")' if shared else ""
    stacked_zh = f"（在“{under}”{'上方' if pos == 'bottom' else '下方'}）" if shared else ""
    if op.col is not None:
        extra += f", {color_en(seg.color)}"
    if seg.size != 1.0:
        extra += f", {seg.size:g}x size"
    return Change(f'Added the caption "{seg.text}" {POS_EN[pos]}{stacked_en} '
                  f"({span_text(seg.start, seg.end)}{extra}).",
                  f"在{POS_ZH[pos]}添加了字幕“{seg.text}”{stacked_zh}（{seconds(seg.start)}–"
                  f"{seconds(seg.end)} 秒）。",
                  {"id": seg.id, "pos": pos, "st": seg.start, "d": seg.duration},
                  group="add_caption", many_en="Added the captions {items}.",
                  many_zh="添加了字幕{items}。", item=f'"{seg.text}"', item_zh=f"“{seg.text}”")


def _where(pos: str) -> str:
    return "middle" if pos == "center" else pos


def set_caption(draft: Draft, op: SetCaption, ctx: Ctx) -> Change:
    seg = find(draft, op.id, TextSegment, "a caption", "字幕")
    before_text, before_pos = seg.text, seg.pos
    en: list[str] = []
    zh: list[str] = []
    if op.txt is not None:
        seg.text = op.txt
        en.append(f'now says "{seg.text}"')
        zh.append(f"改为“{seg.text}”")
    if op.pos is not None:
        seg.pos = op.pos
        seg.extra.pop("xy", None)        # a named place wins over a dragged one
        en.append("moved to the middle" if seg.pos == "center" else f"moved to the {seg.pos}")
        zh.append(f"移到{POS_ZH[seg.pos]}")
    if op.sty is not None:
        seg.style = op.sty
        en.append(f"now uses the {seg.style} style")
        zh.append(f"样式改为{STYLE_ZH.get(seg.style, seg.style)}")
    if op.col is not None:
        seg.color = op.col.upper()
        en.append(f"is now {color_en(seg.color)}")
        zh.append(f"颜色改为{color_zh(seg.color)}")
    if op.sz is not None:
        seg.size = round(float(op.sz), 2)
        en.append(f"is now {seg.size:g}x the normal size")
        zh.append(f"字号 {seg.size:g} 倍")
    if not en:
        return Change("The caption stays as it was.", "字幕没有变化。", {"id": seg.id})
    said = ", ".join(en[:-1]) + (" and " if len(en) > 1 else "") + en[-1]
    who = f"The {_where(before_pos)} caption" + ("" if op.txt is not None
                                                  else f' "{before_text}"')
    plural = said
    for one, many in (("is now", "are now"), ("now says", "now say"), ("now uses", "now use")):
        plural = plural.replace(one, many)
    key = "|".join(f"{k}={v}" for k, v in sorted(op.to_json().items()) if k not in ("id", "op"))
    return Change(f"{who} {said}.", f"{POS_ZH.get(before_pos, '')}字幕{'，'.join(zh)}。",
                  {"id": seg.id}, group=f"set_caption|{key}",
                  many_en=f"The captions {{items}} {plural}.",
                  many_zh=f"字幕{{items}}{'，'.join(zh)}。",
                  item=f'"{before_text}"', item_zh=f"“{before_text}”")


def place_caption(draft: Draft, op: PlaceCaption, ctx: Ctx) -> Change:
    seg = find(draft, op.id, TextSegment, "a caption", "字幕")
    if op.xy is None:
        seg.extra.pop("xy", None)
        return Change(f'The caption "{seg.text}" is back {POS_EN[seg.pos]}.',
                      f"字幕“{seg.text}”回到{POS_ZH[seg.pos]}。", {"id": seg.id})
    x, y = (round(float(v), 4) for v in op.xy)
    seg.extra["xy"] = [x, y]
    return Change(f'Placed the caption "{seg.text}" at {round(x * 100)}% across, '
                  f"{round(y * 100)}% down.",
                  f"把字幕“{seg.text}”放在横向 {round(x * 100)}%、纵向 {round(y * 100)}% 处。",
                  {"id": seg.id, "xy": [x, y]})
