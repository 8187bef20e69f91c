"""The one error the draft package raises: it names where (track, segment) and which key."""

from __future__ import annotations


class DraftError(ValueError):
    """A draft that cannot be used. ``where`` names the track/segment, ``key`` the short key."""

    def __init__(self, where: str, key: str, problem: str) -> None:
        self.where = where
        self.key = key
        self.problem = problem
        at = f"{where}, key {key!r}" if key else where
        super().__init__(f"{at}: {problem}")
