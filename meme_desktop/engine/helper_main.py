"""The media helper's own side: ``meme-desktop engine helper`` (started by the engine only).

It sets up what the heavy work needs once (the offscreen QGuiApplication and the bundled
fonts on its main thread, PyAV and numpy), answers "ready", then runs one request after
another from stdin until the engine closes the pipe (see :mod:`meme_desktop.engine.helper`
for the wire format). Its stdout carries only answers: anything a library prints goes to
stderr, which the engine logs. After each call the freed heap is given back (a probe or a
thumbnail decodes whole frames).
"""

from __future__ import annotations

import importlib
import logging
import os
import sys

from meme_desktop import heap
from meme_desktop.engine.helper import call_locally, error_answer, read_message, write_message

log = logging.getLogger(__name__)

# imported before "ready": the first real call does not pay for them
PRELOAD = ("meme_desktop.engine.media", "meme_desktop.engine.sounds",
           "meme_desktop.engine.agent.maker.fit", "meme_desktop.caption_art")


def main() -> int:
    answers = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())  # stray prints must not corrupt answers
    requests = sys.stdin.buffer
    logging.basicConfig(level=logging.WARNING, format="helper %(levelname)s %(message)s")
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from meme_desktop.engine.render.captions import prepare_text_engine

    prepare_text_engine()  # the main thread: Qt allows its application only here
    for name in PRELOAD:
        importlib.import_module(name)
    heap.release()
    write_message(answers, ("ready", os.getpid()))
    while True:
        try:
            target, args = read_message(requests)
        except EOFError:  # the engine closed the pipe (stopped, or killed)
            return 0
        try:
            answer: tuple[object, ...] = ("ok", call_locally(target, args))
        except Exception as exc:  # every error goes back to the caller, typed
            answer = error_answer(exc)
        try:
            write_message(answers, answer)
        except OSError:  # the engine has gone
            return 0
        except Exception as exc:  # a result that does not pickle: say so, keep serving
            write_message(answers, error_answer(exc))
        heap.release()


if __name__ == "__main__":  # pragma: no cover - started through the CLI
    sys.exit(main())
