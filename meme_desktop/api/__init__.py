"""Client of the backend protocol (DESIGN.md section 2): httpx + SSE, typed errors, no Qt.

:class:`NemoClient` speaks to the embedded engine and to the hosted backend alike; the token
comes from a :class:`TokenProvider` (:class:`StaticToken` for the engine, :class:`CloudAuth`
for the hosted service); :class:`RenderJob` is the export workflow.
"""

from meme_desktop.api.auth import CloudAuth, StaticToken, TokenProvider, cloud_base_url
from meme_desktop.api.client import NemoClient
from meme_desktop.api.errors import ApiError
from meme_desktop.api.models import (
    AnonymousToken,
    Asset,
    ChatMessage,
    Credits,
    RenderStatus,
    SessionInfo,
    SessionState,
    SessionSummary,
    UploadResult,
)
from meme_desktop.api.policy import Policy, attribution_headers
from meme_desktop.api.render import RenderJob
from meme_desktop.api.sse import Heartbeat, StreamEvent, TextChunk, ToolCall, ToolResult

__all__ = [
    "AnonymousToken", "ApiError", "Asset", "ChatMessage", "CloudAuth", "Credits", "Heartbeat",
    "NemoClient", "Policy", "RenderJob", "RenderStatus", "SessionInfo", "SessionState",
    "SessionSummary", "StaticToken", "StreamEvent", "TextChunk", "TokenProvider", "ToolCall",
    "ToolResult", "UploadResult", "attribution_headers", "cloud_base_url",
]
