"""The state and the script of the fake hosted backend (:mod:`tests.helpers.fake_cloud`).

What a test can set, besides ``script(route, code, status, headers)``:

- ``sse_mode``: the shape of chat turns: ``text`` (typed events), ``adk`` (ADK events: the reply
  in partial pieces, a function call, then the whole text again), ``silent`` (no text),
  ``idle`` (a few heartbeats, then the stream closes: nothing said, nothing done), ``drop``,
  ``heartbeats`` (forever), ``busy_error``;
- ``replies``: the reply texts of the next turns (text and adk modes), in order;
- ``effects``: what the next turns do to the draft: ``caption`` (the default: a caption with the
  message), ``move`` (the first picture or clip moves to 2 s), ``none``;
- ``lose_session_at_turn``: the chat turn with this number (1 = the first one this fake
  serves) finds its session gone: deleted, answered with 1002;
- ``extra_tracks``: tracks every new session's draft starts with (e.g. a type this app does not
  know);
- ``strict_tokens``: one anonymous token per client id per 7 days (HTTP 429 with Retry-After
  beyond); ``revoke_on``: the next call of that route finds every token expired (1001).

Uploads put each file on the timeline as the hosted backend does (``session_state_applied``),
with only the keys such a backend writes; a render whose draft uses a picture or clip that is
not in its session fails. ``cdn`` keeps every uploaded file by its URL digest, so a session can
import it again by URL.
"""

from __future__ import annotations

import copy
import time
import uuid
from collections import defaultdict, deque
from dataclasses import dataclass, field
from typing import Any

VIDEO = b"\x00\x00\x00\x18ftypmp42" + b"fake-video-bytes" * 4096  # ~64 KB
WEEK = 7 * 24 * 3600


@dataclass
class Recorded:
    method: str
    path: str
    headers: dict[str, str]


@dataclass
class FakeCloud:
    """State and script of the fake backend."""

    tokens: set[str] = field(default_factory=set)  # the valid ones
    issued: list[str] = field(default_factory=list)  # every token ever given out
    sessions: dict[str, dict[str, Any]] = field(default_factory=dict)
    jobs: dict[str, dict[str, Any]] = field(default_factory=dict)
    requests: list[Recorded] = field(default_factory=list)
    scripted: dict[str, deque[tuple[int, dict[str, Any], dict[str, str]]]] = field(
        default_factory=lambda: defaultdict(deque))
    client_ids: list[str] = field(default_factory=list)
    credits_available: float = 100.0
    sse_mode: str = "text"
    heartbeat_every: float = 0.05
    old_shape: bool = False
    fail_renders: int = 0  # the next N render jobs fail
    slow_download: float = 0.0  # seconds between download chunks
    render_polls: int = 2  # status polls before a job completes
    job_polls: deque[int] = field(default_factory=deque)  # per next job, instead of the above
    uploads: list[str] = field(default_factory=list)
    replies: deque[str] = field(default_factory=deque)  # text-mode replies, in order
    effects: deque[str] = field(default_factory=deque)  # what the next turns do
    messages: list[str] = field(default_factory=list)  # the texts of the chat turns
    lose_session_at_turn: int = 0
    extra_tracks: list[dict[str, Any]] = field(default_factory=list)
    strict_tokens: bool = False
    token_issued_at: dict[str, float] = field(default_factory=dict)  # client id -> time
    revoke_on: str = ""
    cdn: dict[str, dict[str, Any]] = field(default_factory=dict)  # digest -> file info
    base_url: str = ""

    def script(self, route: str, code: int = 0, status: int = 200,
               headers: dict[str, str] | None = None) -> None:
        """The next call of ``route`` answers with this code / status instead."""
        body = {"code": code, "message": "scripted error", "data": None} if code else \
            {"success": False, "error": "scripted"}
        self.scripted[route].append((status, body, headers or {}))

    def new_token(self) -> str:
        token = "tok-" + uuid.uuid4().hex
        self.tokens.add(token)
        self.issued.append(token)
        return token

    def token_wait(self, client_id: str) -> int:
        """Seconds until ``client_id`` may have a new token (0: now)."""
        issued = self.token_issued_at.get(client_id)
        if not self.strict_tokens or issued is None:
            return 0
        return max(0, int(issued + WEEK - time.time()))

    def paths(self) -> list[str]:
        return [r.path for r in self.requests]

    # -- sessions and drafts -------------------------------------------------------------
    def new_session(self) -> str:
        sid = "s_" + uuid.uuid4().hex[:10]
        self.sessions[sid] = {"draft": {"v": 1, "d": 0, "m": {"width": 1080, "height": 1920,
                                                              "fps": 30},
                                        "t": copy.deepcopy(self.extra_tracks)},
                              "infos": []}
        _retotal(self.sessions[sid]["draft"])
        return sid

    def add_file(self, sid: str, info: dict[str, Any]) -> None:
        """A stored file joins the session and its timeline (a picture for 5 s)."""
        session = self.sessions[sid]
        session["infos"].append(info)
        draft = session["draft"]
        track = next((t for t in draft["t"] if t.get("tt") == 0), None)
        if track is None:
            track = {"id": "v1", "tt": 0, "sg": []}
            draft["t"].insert(0, track)
        start = max((s["st"] + s["d"] for s in track["sg"]), default=0)
        track["sg"].append({"id": f"m{len(session['infos'])}", "src": info["hash"],
                            "st": start, "d": 5000})
        _retotal(draft)

    def add_caption(self, sid: str, text: str) -> None:
        draft = self.sessions[sid]["draft"]
        n = sum(len(t["sg"]) for t in draft["t"]) + 1
        draft["t"].append({"id": f"x{n}", "tt": 7, "n": "Captions", "sg": [
            {"id": f"s{n}", "txt": text, "st": 0, "d": 3000, "pos": "top", "sty": "classic",
             "col": "#FFFFFF", "sz": 1.0}]})
        _retotal(draft)

    def move_first_media(self, sid: str, to_ms: int = 2000) -> None:
        draft = self.sessions[sid]["draft"]
        for track in draft["t"]:
            if track.get("tt") == 0 and track["sg"]:
                track["sg"][0]["st"] = to_ms
                break
        _retotal(draft)

    def missing_media(self, sid: str, draft: dict[str, Any]) -> list[str]:
        """Pictures and clips of ``draft`` that were never uploaded to session ``sid``."""
        have = {i["hash"] for i in self.sessions.get(sid, {}).get("infos", [])}
        return [s.get("src", "") for t in draft.get("t", []) if t.get("tt") == 0
                for s in t.get("sg", []) if s.get("src") not in have]


def _retotal(draft: dict[str, Any]) -> None:
    draft["d"] = max((s["st"] + s["d"] for t in draft["t"] for s in t.get("sg", [])
                      if isinstance(s.get("st"), int) and isinstance(s.get("d"), int)),
                     default=0)
