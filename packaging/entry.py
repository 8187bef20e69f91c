"""PyInstaller entry script: the frozen ``meme-desktop`` executable runs the normal CLI.

With no arguments it opens the window; ``engine serve`` runs the embedded engine (which is
how the window starts its engine child in a frozen build: ``sys.executable engine serve``);
``make``, ``render`` and ``chat`` work headless exactly as in a source install.
With ``MEME_DESKTOP_BUNDLE_CHECK=1`` in the environment it runs the bundle self-check instead
(see :mod:`bundle_check`).
"""

from __future__ import annotations

import multiprocessing
import sys


def _main() -> int:
    multiprocessing.freeze_support()  # harmless unless a process pool is ever used
    import bundle_check

    if bundle_check.requested():
        return bundle_check.run()
    from meme_desktop.cli import main

    return main()


if __name__ == "__main__":
    sys.exit(_main())
