"""The offline chat agent: one chat message → edit operations → one new draft version.

``respond(text, draft, assets, history) -> AgentTurn`` (docs/architecture.md). Understanding
(``parse`` for clauses and times, ``unquoted`` for caption text typed without quotes,
``understand*`` for the readers) turns the text into ``Op``s; application (``apply*``) carries
them out on a copy of the draft; ``reply`` words the result. Deterministic, no I/O.
"""

from __future__ import annotations

from collections.abc import Sequence

from meme_desktop.draft import Draft, DraftError, describe_changes, timeline_summary, validate
from meme_desktop.engine.agent import reply as rp
from meme_desktop.engine.agent.apply import Ctx, apply_op, video_segments
from meme_desktop.engine.agent.parse import Message, parse_message
from meme_desktop.engine.agent.types import (
    AgentTurn,
    AssetRef,
    Change,
    History,
    Op,
    Problem,
    ToolEvent,
)
from meme_desktop.engine.agent.understand import understand

_NO_PLACE = {"undo", "redo", "clear_timeline", "remove_caption", "remove_sound",
             "remove_effect", "remove_media", "edit_caption", "set_volume", "fade",
             "move_sound", "ask_sound", "missing_asset", "add_media"}


def understand_text(text: str, draft: Draft, assets: Sequence[AssetRef]) -> list[Op]:
    """The operations a message asks for (no application): for tests and debugging."""
    return understand(parse_message(text), draft, assets)


def _preferred_visual(msg: Message, assets: Sequence[AssetRef]) -> AssetRef:
    """The picture or clip a message needs: one it names, else the most recent upload."""
    import re

    from meme_desktop.engine.agent.understand_av import _CLIP, _IMAGE

    visual = [a for a in assets if a.visual]
    text = " ".join(c.text for c in msg.clauses)
    for asset in reversed(visual):
        if asset.name.lower() in text or asset.name.lower().rsplit(".", 1)[0] in text:
            return asset
    images = [a for a in visual if a.kind == "image"]
    clips = [a for a in visual if a.kind == "video"]
    if images and re.search(_IMAGE, text) and not re.search(_CLIP, text):
        return images[-1]
    if clips and re.search(_CLIP, text) and not re.search(_IMAGE, text):
        return clips[-1]
    return visual[-1]


def _history_turn(op: Op, draft: Draft, history: History, names: dict[str, str],
                  zh: bool) -> AgentTurn:
    step = -1 if op.name == "undo" else 1
    other = history.peek(step) if history is not None else None
    if other is None:
        msg = ("没有可以撤销的操作。" if zh else "There is nothing to undo yet.") if step < 0 else \
            ("没有可以重做的操作。" if zh else "There is nothing to redo.")
        return AgentTurn([], None, 0, msg + "\n" + rp.suggestion_line(draft, zh))
    diff = describe_changes(other, draft, names) if step < 0 else \
        describe_changes(draft, other, names)
    if zh:
        what = " ".join(diff) if diff else "上一步。"
        head = f"已撤销：{what}" if step < 0 else f"已重做：{what}"
    else:
        what = " ".join(diff) if diff else "the last change."
        head = f"Undid: {what}" if step < 0 else f"Redid: {what}"
    event = ToolEvent(op.name, {}, {"ok": True, "changes": diff})
    return AgentTurn([event], None, step, head + "\n" + rp.summary(other, names, zh))


def respond(text: str, draft: Draft, assets: Sequence[AssetRef],
            history: History) -> AgentTurn:
    """One chat turn: understand ``text``, apply it to a copy of ``draft``, and reply."""
    msg = parse_message(text)
    zh = msg.zh
    names = {a.hash: a.name for a in assets}
    talk = rp.small_talk(text, draft, assets, zh)
    if talk is not None:
        return AgentTurn([], None, 0, talk)
    ops = understand(msg, draft, assets)
    if not ops:
        return AgentTurn([], None, 0, rp.cannot_act(text, draft, assets, zh))
    base = draft
    undone = False
    if ops[0].name in ("undo", "redo"):
        if len(ops) == 1 or all(o.name == ops[0].name for o in ops):
            return _history_turn(ops[0], draft, history, names, zh)
        prev = history.peek(-1) if ops[0].name == "undo" and history is not None else None
        base = prev if prev is not None else draft
        ops = ops[1:]
        undone = prev is not None
    ops = [o for o in ops if o.name not in ("undo", "redo")]
    if (not video_segments(base) and any(a.visual for a in assets)
            and any(o.name not in _NO_PLACE for o in ops)
            and not any(o.name == "add_media" for o in ops)):
        ops.insert(0, Op("add_media", {"asset": _preferred_visual(msg, assets).hash,
                                       "auto": True}))
    new = base.copy()
    ctx = Ctx(assets, names)
    events: list[ToolEvent] = []
    said: list[str] = (["先撤销了上一步。" if zh else "Undid the last change first."]
                       if undone else [])
    problems: list[str] = []
    for op in ops:
        trial = new.copy()
        ctx.extra.pop("notes", None)
        try:
            change: Change = apply_op(trial, op, ctx)
            validate(trial)
        except Problem as exc:
            problems.append(exc.zh if zh else exc.en)
            continue
        except DraftError as exc:
            problems.append(f"这个改动没有做（{exc.problem}）。" if zh else
                            f"I left one change out because {exc.problem}.")
            continue
        if trial.to_json() == new.to_json():
            line = change.zh if zh else change.en
            if "already" not in line and "已经" not in line:
                line = ("已经是这样了：" if zh else "Already so: ") + line
            said.append(line)
            continue
        new = trial
        events.append(ToolEvent(op.name, dict(op.args), {"ok": True, **change.result}))
        said.append(change.zh if zh else change.en)
    if said and new.to_json() == draft.to_json() and base is draft:
        return AgentTurn([], None, 0, " ".join(said + problems) + "\n"
                         + rp.summary(draft, names, zh) + "\n" + rp.suggestion_line(draft, zh))
    if not events or (problems and all(e.args.get("auto") for e in events)):
        # nothing the person asked for worked: do not keep the picture placed on the way
        text_out = " ".join(problems) if problems else rp.cannot_act(text, draft, assets, zh)
        return AgentTurn([], None, 0, text_out + "\n" + rp.suggestion_line(draft, zh))
    return AgentTurn(events, new, 0, rp.changed_reply(said, problems, new, names, zh))


def _warm() -> None:
    """Compile the pattern cache once at import, so the first chat turn is as fast as the rest."""
    assets = [AssetRef("warm", "warm.png", "image", 0.0, 100, 100, False)]
    for text in ("add 'A' at the top in red, make it vertical, slow motion, vine boom at 2s",
                 "在顶部加上“你好”，背景音乐音量30%，倒放，黑白", "cut the first 2 seconds, zoom in"):
        respond(text, Draft.empty(), assets, None)  # type: ignore[arg-type]


_warm()

__all__ = ["AgentTurn", "AssetRef", "History", "ToolEvent", "respond", "timeline_summary",
           "understand_text"]
