"""Upload display names: only a name, never a path, never a disguised suffix."""

from __future__ import annotations

import pytest

from meme_desktop.engine.uploads import MAX_NAME, sanitize_name


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("../../x.mp4", "x.mp4"),
        ("..\\..\\windows\\evil.png", "evil.png"),
        ("/etc/passwd", "passwd"),
        (".hidden.jpg", "hidden.jpg"),
        ("", "file"),
        (None, "file"),
        ("...", "file"),
        ("cat\u202egpj.exe", "catgpj.exe"),  # right-to-left override removed: no fake ".jpg"
        ("zero\u200bwidth.png", "zerowidth.png"),
        ("猫 meme 😂.png", "猫 meme 😂.png"),
    ],
)
def test_names_are_only_names(raw: str | None, expected: str) -> None:
    assert sanitize_name(raw) == expected


def test_control_characters_never_survive() -> None:
    name = sanitize_name("a\x00b\nc\x1bd.mp4")
    assert all(ch.isprintable() for ch in name)
    assert name.endswith(".mp4")


def test_long_names_keep_their_extension() -> None:
    name = sanitize_name("x" * 1000 + ".webm")
    assert len(name) <= MAX_NAME and name.endswith(".webm")
