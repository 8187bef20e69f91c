"""Scores a held-out batch by category: ``PYTHONPATH=. python3 -m tests.bench.batch_score 14``
(13, 14 or 15; ``-v`` lists the misses). Each row is run exactly as its test runs it and counted as
a hit or a miss, so a batch can be scored before the reader is changed for it. Batch 13:
tests/helpers/agent_unseen_rows8.py and the BATCH13 lists of maker_unseen_rows.py and
agent_conversation_rows.py; batch 14: agent_unseen_rows9.py and the BATCH14 lists; batch 15:
agent_unseen_rows10.py (three rounds of 40 and the siblings of their misses)."""

from __future__ import annotations

import sys
from collections.abc import Callable

from tests.helpers import agent_conversation_rows as conv
from tests.helpers import agent_unseen_rows8 as r8
from tests.helpers import agent_unseen_rows9 as r9
from tests.helpers import agent_unseen_rows10 as r10
from tests.helpers import maker_unseen_rows as maker
from tests.unit import test_agent_conversations as tconv
from tests.unit import test_agent_unseen as tunseen
from tests.unit import test_maker_unseen as tmaker

Rows = list[tuple[str, Callable[[], None]]]


def _hit(call: Callable[[], None]) -> bool:
    try:
        call()
    except Exception:  # noqa: BLE001 - a failed assertion or a crash is a miss either way
        return False
    return True


def _instructions(rows: list[tuple[str, str, object]]) -> Rows:
    return [(t, lambda s=s, t=t, c=c: tunseen.test_unseen_instruction(s, t, c))
            for s, t, c in rows]


def _batch15() -> dict[str, Rows]:
    cats = {"first 40": _instructions(r10.FRESH15), "second 40": _instructions(r10.SECOND15),
            "third 40": _instructions(r10.THIRD15),
            "siblings": _instructions(r10.FOUND15 + r10.FOUND15B + r10.FOUND15C)}
    cats["cannot act"] = [(t, lambda s=s, t=t: tunseen.test_unseen_cannot_act(s, t))
                          for s, t in r10.CANNOT15]
    return cats


def categories(batch: int) -> dict[str, Rows]:
    if batch == 15:
        return _batch15()
    cats: dict[str, Rows] = {}
    if batch == 13:
        for name, rows in r8.AREAS13.items():
            cats[name] = _instructions(rows)
        cats["greetings"] = [(t, lambda s=s, t=t, c=c:
                              tunseen.test_unseen_greeting_changes_nothing(s, t, c))
                             for s, t, c in r8.GREET13]
        cannot, made, talks = r8.CANNOT13, maker.BATCH13, conv.BATCH13
    else:
        for name, rows in r9.AREAS14.items():
            cats[name] = _instructions(rows)
        # batch 13's one open row (a caption named by what it says) is batch 14's theme
        cats["named captions"] += _instructions([r for r in r8.FRESH13 if r[1] in r8.NAMED13])
        cannot, made, talks = r9.CANNOT14, maker.BATCH14, conv.BATCH14
    cats["cannot act"] = [(t, lambda s=s, t=t: tunseen.test_unseen_cannot_act(s, t))
                          for s, t in cannot]
    cats["meme maker"] = [(t, lambda s=s, b=b, t=t, c=c: tmaker.test_held_out_phrasing(s, b, t, c))
                          for s, b, t, c in made]
    cats["conversations"] = [(" / ".join(said), lambda s=s, said=said, c=c:
                              tconv.test_conversation(s, said, c))
                             for s, said, c in talks]
    return cats


def main() -> None:
    verbose = "-v" in sys.argv
    numbers = [int(a) for a in sys.argv[1:] if a.isdigit()]
    batch = numbers[0] if numbers else 14
    if batch not in (13, 14, 15):
        sys.exit("batch_score: batches 13, 14 and 15 can be scored (e.g. `... batch_score 15`)")
    total = hits = 0
    for name, rows in categories(batch).items():
        missed = [text for text, call in rows if not _hit(call)]
        n, h = len(rows), len(rows) - len(missed)
        total, hits = total + n, hits + h
        print(f"{name:24} {h:3} of {n:3}")
        if verbose:
            for text in missed:
                print(f"    miss: {text}")
    print(f"{f'batch {batch}':24} {hits:3} of {total:3} ({100 * hits // total} %)")


if __name__ == "__main__":
    main()
