"""The offline chat agent: one chat message → typed edit operations → one new draft version.

``respond(text, draft, assets, history) -> AgentTurn`` (docs/architecture.md). An
*understander* (behind the :class:`Understander` protocol; the rule reader in ``rules`` is the
built-in one) turns the text into typed operations (``draft.ops``) or a question; the
*applier* (``applier``) carries the operations out on a copy of the draft and says what each
did; ``reply`` words the turn. The applier does not know where operations came from, so the
same path serves the chat, the timeline's gestures (``POST /api/ops``) and a language model.
Deterministic, no I/O.
"""

from __future__ import annotations

from collections.abc import Sequence

from meme_desktop.draft import Draft, DraftError, describe_changes, timeline_summary
from meme_desktop.engine.agent import reply as rp
from meme_desktop.engine.agent.applier import Applied, apply_ops, say
from meme_desktop.engine.agent.maker import MAKER, Maker, MakerMemory, suggestions_event
from meme_desktop.engine.agent.recent import Recent
from meme_desktop.engine.agent.rules import RuleUnderstander, understand_text
from meme_desktop.engine.agent.rules.corrections import corrected
from meme_desktop.engine.agent.rules.dialect import to_mandarin
from meme_desktop.engine.agent.rules.parse import reply_in_chinese
from meme_desktop.engine.agent.types import (
    AgentTurn,
    AssetRef,
    Change,
    History,
    MemeRecord,
    Note,
    Plan,
    Problem,
    Question,
    Suggestion,
    ToolEvent,
    Understander,
    tool_events,
)

RULES = RuleUnderstander()


def _history_turn(step: int, draft: Draft, history: History | None, names: dict[str, str],
                  zh: bool) -> AgentTurn:
    other = history.peek(step) if history is not None else None
    if other is None:
        msg = ("没有可以撤销的操作。" if zh else "There is nothing to undo yet.") if step < 0 else \
            ("没有可以重做的操作。" if zh else "There is nothing to redo.")
        return AgentTurn([], None, 0, msg, rp.chips(draft, zh))
    diff = describe_changes(other, draft, names) if step < 0 else \
        describe_changes(draft, other, names)
    if zh:
        what = " ".join(diff) if diff else "上一步。"
        head = f"已撤销：{what}" if step < 0 else f"已重做：{what}"
    else:
        what = " ".join(diff) if diff else "the last change."
        head = f"Undid: {what}" if step < 0 else f"Redid: {what}"
    event = ToolEvent("undo" if step < 0 else "redo", {}, {"ok": True, "changes": diff})
    return AgentTurn([event], None, step, head, rp.chips(other, zh))


def _sentences(plan: Plan, applied: Applied, zh: bool) -> tuple[list[str], list[str]]:
    """The reply's sentences in the order of the plan, and the parts that were not done."""
    said: list[str] = []
    problems: list[str] = []
    changes = iter(applied.changes)
    run: list[Change] = []
    for step in plan.steps:
        if isinstance(step, Note):
            said.extend(say(run, zh))
            run = []
            (problems if step.problem else said).append(step.zh if zh else step.en)
        else:
            run.append(next(changes))
    said.extend(say(run, zh))
    return said, problems


def _edits(words: str, draft: Draft, assets: Sequence[AssetRef]) -> bool:
    """Whether the rule reader would make an edit of ``words`` (a chip about to be offered)."""
    found = RULES.understand(words, draft, assets, None, None)
    return not isinstance(found, Question) and bool(found.ops)


def respond(text: str, draft: Draft, assets: Sequence[AssetRef], history: History | None,
            understander: Understander = RULES, memory: MakerMemory | None = None,
            language: str = "en", maker: Maker = MAKER,
            recent: Recent | None = None) -> AgentTurn:
    """One chat turn: understand ``text``, apply it to a copy of ``draft``, and reply.

    ``memory``: what the meme maker made earlier in the session (from its transcript);
    ``language``: the interface language, for the reply when the message has no words;
    ``maker``: the meme maker (with a person's model among its caption sources, if any);
    ``recent``: the session's last exchange (from its transcript), which the reader follows.
    """
    text = to_mandarin(text)        # Traditional and Cantonese read as Simplified Mandarin
    text = corrected(text)          # "a boom at 2s, no wait, 3s": the request it ends up being
    zh = reply_in_chinese(text, language)
    names = {a.hash: a.name for a in assets}
    try:
        made = maker.turn(text, draft, assets, memory or MakerMemory(language=language), zh)
    except Problem as exc:          # a meme that cannot be made as asked: say why
        return AgentTurn([], None, 0, exc.zh if zh else exc.en, rp.chips(draft, zh))
    except DraftError as exc:
        return AgentTurn([], None, 0, (f"这个表情包没有做成（{exc.problem}）。" if zh else
                                       f"I couldn't make that meme: {exc.problem}."),
                         rp.chips(draft, zh))
    if made is not None:
        return made
    talk = rp.small_talk(text, draft, assets, zh)
    if talk is not None:
        return AgentTurn([], None, 0, talk)
    result = understander.understand(text, draft, assets, history, recent)
    if isinstance(result, Question):
        return AgentTurn([], None, 0, (result.zh if zh else result.en) + "\n"
                         + rp.suggestion_line(draft, zh), rp.chips(draft, zh))
    if result.history:
        return _history_turn(result.history, draft, history, names, zh)
    if not result.steps:
        reply, offer = rp.cannot_act(text, draft, assets, zh,
                                           lambda words: _edits(words, draft, assets))
        return AgentTurn([], None, 0, reply, offer)
    prev = history.peek(-1) if result.undo_first and history is not None else None
    base = prev if prev is not None else (result.base or draft)
    try:
        applied = apply_ops(base, result.ops, assets)
    except Problem as exc:  # an understander's operations that cannot be carried out
        return AgentTurn([], None, 0, (exc.zh if zh else exc.en) + "\n"
                         + rp.suggestion_line(draft, zh), rp.chips(draft, zh))
    said, problems = _sentences(result, applied, zh)
    if prev is not None:
        said.insert(0, "先撤销了上一步。" if zh else "Undid the last change first.")
    if not result.ops:
        if said and prev is None:
            return AgentTurn([], None, 0, " ".join(said + problems), rp.chips(draft, zh))
        if problems:
            return AgentTurn([], None, 0, " ".join(problems) + "\n"
                             + rp.suggestion_line(draft, zh), rp.chips(draft, zh))
        reply, offer = rp.cannot_act(text, draft, assets, zh)
        return AgentTurn([], None, 0, reply + "\n" + rp.suggestion_line(draft, zh), offer)
    return AgentTurn(tool_events(result.ops, applied.changes), applied.draft, 0,
                     rp.changed_reply(said, problems, zh), rp.chips(applied.draft, zh))


def _warm() -> None:
    """Compile the pattern cache and read the maker's library once at import, so the first
    chat turn is as fast as the rest."""
    assets = [AssetRef("warm", "warm.png", "image", 0.0, 100, 100, False)]
    for text in ("add 'A' at the top in red, make it vertical, slow motion, vine boom at 2s",
                 "在顶部加上“你好”，背景音乐音量30%，倒放，黑白", "cut the first 2 seconds, zoom in",
                 "make a meme about mondays", "做一个关于上班的表情包"):
        respond(text, Draft.empty(), assets, None)


_warm()

__all__ = ["MAKER", "RULES", "AgentTurn", "AssetRef", "History", "MakerMemory", "MemeRecord", "Recent",
           "Suggestion", "ToolEvent", "Understander", "respond", "suggestions_event",
           "timeline_summary", "understand_text"]
