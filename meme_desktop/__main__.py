"""``python -m meme_desktop`` is the same as the ``meme-desktop`` command."""

import sys

from meme_desktop.cli import main

sys.exit(main())
