"""The errors the draft package raises: a bad draft (names track, segment and key) and a bad
edit operation (names the operation's index, name and field)."""

from __future__ import annotations


class DraftError(ValueError):
    """A draft that cannot be used. ``where`` names the track/segment, ``key`` the short key."""

    def __init__(self, where: str, key: str, problem: str) -> None:
        self.where = where
        self.key = key
        self.problem = problem
        at = f"{where}, key {key!r}" if key else where
        super().__init__(f"{at}: {problem}")


class OpError(ValueError):
    """An edit operation that cannot be used: ``index`` in its list (-1: the list itself),
    ``op`` its name, ``field`` the JSON field, ``problem`` a sentence."""

    def __init__(self, index: int, op: str, field: str, problem: str) -> None:
        self.index = index
        self.op = op
        self.field = field
        self.problem = problem
        where = f"ops[{index}]" if index >= 0 else "ops"
        if op:
            where += f" ({op})"
        if field and index >= 0:
            where += f", field {field!r}"
        super().__init__(f"{where}: {problem}")
