"""Conversation rules without Qt (DESIGN.md section 4): routing, reply translation, silent
turns, "still working", disconnect recovery, export and upload workflows, error sentences.

The window and the CLI use :class:`Assistant` and the event types of :mod:`.events`.
"""

from meme_desktop.assistant.events import (
    ActionRequest,
    AssistantEvent,
    ConnectionInfo,
    ErrorEvent,
    ExportOptions,
    Notice,
    StateChanged,
    TextDelta,
    TurnDone,
    UploadOutcome,
)
from meme_desktop.assistant.service import Assistant
from meme_desktop.assistant.turn import Timing

__all__ = [
    "ActionRequest", "Assistant", "AssistantEvent", "ConnectionInfo", "ErrorEvent",
    "ExportOptions", "Notice", "StateChanged", "TextDelta", "Timing", "TurnDone",
    "UploadOutcome",
]
