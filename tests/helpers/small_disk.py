"""A small tmpfs for tests of a full disk (needs the right to mount; the test is skipped
otherwise), and a way to fill it up to a given number of free bytes."""

from __future__ import annotations

import contextlib
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest


@contextlib.contextmanager
def small_disk(folder: Path, size: str = "2m") -> Iterator[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs",
                              str(folder)], capture_output=True, check=False)
    if mounted.returncode != 0:
        pytest.skip("cannot mount a small tmpfs here")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True, check=False)


def fill(folder: Path, leave: int) -> Path:
    """Write a filler file so that about ``leave`` bytes stay free on ``folder``'s disk."""
    filler = folder / "filler.bin"
    free = shutil.disk_usage(folder).free
    with filler.open("ab") as fh:
        fh.write(bytes(max(0, free - leave)))
    assert shutil.disk_usage(folder).free <= leave + 8192
    return filler
