"""A person's own language model, optional (DESIGN.md §10, docs/own-model.md).

``config`` reads ``MEME_DESKTOP_LLM_*`` from the environment; ``client`` asks an
OpenAI-compatible server (``wire`` is the HTTP exchange, ``prompt`` what is sent) for typed
operations or caption candidates; ``understander`` routes a chat turn between the built-in
rules and the model and falls back to the rules whenever the model fails (``errors`` words
that in one line). Nothing here is needed when no model is configured.
"""

from meme_desktop.engine.agent.llm.captions import ModelSource
from meme_desktop.engine.agent.llm.client import EditAnswer, ModelClient
from meme_desktop.engine.agent.llm.config import ModelConfig
from meme_desktop.engine.agent.llm.errors import ModelError, unavailable_line
from meme_desktop.engine.agent.llm.understander import ModelUnderstander, rules_missed

__all__ = [
    "EditAnswer", "ModelClient", "ModelConfig", "ModelError", "ModelSource", "ModelUnderstander",
    "rules_missed", "unavailable_line",
]
