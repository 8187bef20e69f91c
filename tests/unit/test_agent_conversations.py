"""Held-out conversations (batch 11, tests/helpers/agent_conversation_rows.py): scripts of 2–4
turns run one after the other in a ``Session`` as the engine runs them (the previous turn's
draft, the maker's memory rebuilt from the transcript, the undo history), each checked on the
final draft and, where it matters, the last reply. The first score, before the reader was
changed for them, is in docs/assistant.md ("How it is measured")."""

from __future__ import annotations

import pytest

from meme_desktop.draft import validate
from tests.helpers.agent_conversation_rows import AREAS, ROWS, Check, Seen
from tests.helpers.maker_session import Session


def converse(start: str, said: tuple[str, ...]) -> Seen:
    s = Session(start, language="zh" if any("\u4e00" <= ch <= "\u9fff" for ch in said[0])
                else "en")
    seen = Seen([s.draft.to_json()], [])
    for text in said:
        seen.turns.append(s.say(text))
        validate(s.draft)
        seen.drafts.append(s.draft.to_json())
    return seen


@pytest.mark.parametrize(("start", "said", "check"), ROWS, ids=[" / ".join(r[1]) for r in ROWS])
def test_conversation(start: str, said: tuple[str, ...], check: Check) -> None:
    seen = converse(start, said)
    assert check(seen), [t.reply for t in seen.turns]


def test_batch_is_large_and_bilingual() -> None:
    assert len(ROWS) >= 60 and set(AREAS) == {"captions", "sound", "media", "maker"}
    chinese = sum(1 for r in ROWS if any("\u4e00" <= ch <= "\u9fff" for ch in " ".join(r[1])))
    assert abs(chinese * 2 - len(ROWS)) <= 2  # about half
