"""Timing and retry knobs of the client, in one injectable object.

Production uses the defaults (DESIGN.md section 2 and the seed's error table); tests pass a
``Policy`` with tiny waits and a recording ``sleep`` so nothing waits 30 seconds for real.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from meme_desktop import __version__

SKILL_SOURCE = "meme-video-generator-free"

Sleep = Callable[[float], Awaitable[None]]


def attribution_headers() -> dict[str, str]:
    """The attribution headers every request carries (the hosted backend answers export with
    HTTP 402 without them)."""
    return {
        "X-Skill-Source": SKILL_SOURCE,
        "X-Skill-Version": __version__,
        "X-Skill-Platform": os.environ.get("SKILL_SOURCE") or "unknown",
    }


@dataclass
class Policy:
    """Every wait and bound the client uses."""

    # HTTP 429: wait this long (or the server's Retry-After), then retry once; a Retry-After
    # longer than rate_limit_max_wait is not waited for (the call fails at once, saying when)
    rate_limit_wait: float = 30.0
    rate_limit_max_wait: float = 120.0
    # transient network errors on idempotent calls: this many retries, backoff doubling
    transient_retries: int = 3
    backoff_first: float = 0.5
    backoff_max: float = 8.0
    # chat turns: give up after this long with only heartbeats, and after this long in all
    sse_idle_limit: float = 600.0
    sse_total_limit: float = 900.0
    # render polling: first interval, growth factor, longest interval, total bound (the brief
    # says "every 30 s": quick polls first so a 20-40 s render is seen at once, then 30 s;
    # a Retry-After on a status answer stretches the next wait)
    poll_first: float = 2.0
    poll_factor: float = 1.5
    poll_max: float = 30.0
    render_limit: float = 1800.0
    # uploads / downloads are read in chunks of this size
    chunk_size: int = 256 * 1024
    sleep: Sleep = field(default=asyncio.sleep)

    @classmethod
    def local(cls) -> Policy:
        """For the embedded engine on loopback: short polls, quick retries."""
        return cls(rate_limit_wait=2.0, rate_limit_max_wait=10.0, backoff_first=0.2,
                   backoff_max=2.0,
                   poll_first=0.2, poll_factor=1.3, poll_max=1.0, render_limit=1800.0)

    def rate_wait(self, retry_after: float | None) -> float | None:
        """How long to wait before the one retry after HTTP 429, or None when the server asks
        for longer than is worth waiting (``rate_limit_max_wait``)."""
        wait = self.rate_limit_wait if retry_after is None else retry_after
        return wait if wait <= self.rate_limit_max_wait else None

    def backoff(self, attempt: int) -> float:
        """Wait before retry number ``attempt`` (0-based) of a transient failure."""
        return min(self.backoff_max, self.backoff_first * (2 ** attempt))

    def poll_intervals(self) -> list[float]:
        """The successive polling intervals, bounded by ``render_limit`` in total."""
        out: list[float] = []
        total, step = 0.0, self.poll_first
        while total < self.render_limit:
            out.append(step)
            total += step
            step = min(self.poll_max, step * self.poll_factor)
        return out
