"""PyInstaller entry script: the frozen ``meme-desktop`` executable runs the normal CLI.

With no arguments it opens the window; ``engine serve`` runs the embedded engine (which is
how the window starts its engine child in a frozen build: ``sys.executable engine serve``);
``make``, ``render`` and ``chat`` work headless exactly as in a source install.

Two extras, for the bundle only:
- ``meme-desktop -m meme_desktop.<module> [args]`` runs that project module as ``__main__``,
  like ``python -m`` does. Code that starts a helper process with
  ``[sys.executable, "-m", "meme_desktop...."]`` therefore works the same frozen and from
  source (in a bundle ``sys.executable`` is this program, not a Python interpreter). Only
  ``meme_desktop`` modules are accepted.
- ``MEME_DESKTOP_BUNDLE_CHECK=1`` in the environment runs the bundle self-check instead
  (see :mod:`bundle_check`).
"""

from __future__ import annotations

import multiprocessing
import runpy
import sys

PROJECT = "meme_desktop"


def module_to_run(argv: list[str]) -> str | None:
    """The module named by a leading ``-m meme_desktop...``, or None."""
    if len(argv) >= 3 and argv[1] == "-m":
        name = argv[2]
        if name == PROJECT or name.startswith(PROJECT + "."):
            return name
    return None


def _main() -> int:
    multiprocessing.freeze_support()  # harmless unless a process pool is ever used
    import bundle_check

    if bundle_check.requested():
        return bundle_check.run()
    module = module_to_run(sys.argv)
    if module is not None:
        sys.argv = [module, *sys.argv[3:]]
        runpy.run_module(module, run_name="__main__", alter_sys=True)
        return 0
    from meme_desktop.cli import main

    return main()


if __name__ == "__main__":
    sys.exit(_main())
