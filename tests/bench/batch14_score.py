"""Scores held-out batch 14 by category (tests/helpers/agent_unseen_rows9.py, BATCH14 of
maker_unseen_rows.py and of agent_conversation_rows.py): each row is run exactly as its test
runs it and counted as a hit or a miss, so a batch can be scored before the reader is changed
for it. Run: ``PYTHONPATH=. python3 -m tests.bench.batch14_score`` (``-v`` lists the misses)."""

from __future__ import annotations

import sys
from collections.abc import Callable

from tests.helpers import agent_conversation_rows as conv
from tests.helpers import agent_unseen_rows8 as r8
from tests.helpers import agent_unseen_rows9 as r9
from tests.helpers import maker_unseen_rows as maker
from tests.unit import test_agent_conversations as tconv
from tests.unit import test_agent_unseen as tunseen
from tests.unit import test_maker_unseen as tmaker


def _hit(call: Callable[[], None]) -> bool:
    try:
        call()
    except Exception:  # noqa: BLE001 - a failed assertion or a crash is a miss either way
        return False
    return True


def categories() -> dict[str, list[tuple[str, Callable[[], None]]]]:
    cats: dict[str, list[tuple[str, Callable[[], None]]]] = {}
    for name, rows in r9.AREAS14.items():
        cats[name] = [(t, lambda s=s, t=t, c=c: tunseen.test_unseen_instruction(s, t, c))
                      for s, t, c in rows]
    # batch 13's one open row (a caption named by what it says) belongs to batch 14's theme
    cats["named captions"] += [(t, lambda s=s, t=t, c=c: tunseen.test_unseen_instruction(s, t, c))
                               for s, t, c in r8.FRESH13 if t in r8.NAMED13]
    cats["cannot act"] = [(t, lambda s=s, t=t: tunseen.test_unseen_cannot_act(s, t))
                          for s, t in r9.CANNOT14]
    cats["meme maker"] = [(t, lambda s=s, b=b, t=t, c=c: tmaker.test_held_out_phrasing(s, b, t, c))
                          for s, b, t, c in maker.BATCH14]
    cats["conversations"] = [(" / ".join(said), lambda s=s, said=said, c=c:
                              tconv.test_conversation(s, said, c))
                             for s, said, c in conv.BATCH14]
    return cats


def main() -> None:
    verbose = "-v" in sys.argv
    total = hits = 0
    for name, rows in categories().items():
        missed = [text for text, call in rows if not _hit(call)]
        n, h = len(rows), len(rows) - len(missed)
        total, hits = total + n, hits + h
        print(f"{name:24} {h:3} of {n:3}")
        if verbose:
            for text in missed:
                print(f"    miss: {text}")
    print(f"{'batch 14':24} {hits:3} of {total:3} ({100 * hits // total} %)")


if __name__ == "__main__":
    main()
