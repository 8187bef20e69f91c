"""A stub OpenAI-compatible model server on loopback: the one fake the project allows for a
person's language model (DESIGN.md §6). A raw asyncio HTTP/1.1 server in a thread, so a test
controls every byte: answers as one JSON document or as a chunked SSE stream, HTTP errors, a
hang, a connection dropped mid-stream, a refusal, a server that rejects ``response_format``.

``with StubModel() as stub:`` gives ``stub.base_url`` (ending in ``/v1``); ``stub.then(...)``
queues behaviours for the next requests (``stub.default`` answers the rest); every request
is recorded (``stub.requests``: method, path, headers, raw body) and a client that hangs up
while the stub waits is counted (``stub.disconnects``). A behaviour may be a function of the
request (``lambda seen: Answer(...)``) to answer with what the prompt says, e.g. an asset id; ``Gate`` holds an answer until the test
lets it go.
"""

from __future__ import annotations

import asyncio
import json
import re
import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Seen:
    """One request as the stub received it."""

    method: str
    path: str
    headers: dict[str, str]  # lower-case names
    body: bytes

    @property
    def json(self) -> dict[str, Any]:
        return json.loads(self.body) if self.body else {}

    @property
    def prompt(self) -> str:
        """Every message's content, joined."""
        return "\n".join(m.get("content", "") for m in self.json.get("messages", []))


@dataclass
class Answer:
    """A chat completion whose message content is ``content`` (a string, or an object sent
    as JSON); ``stream``: as SSE chunks of ``chunk`` characters."""

    content: Any = ""
    stream: bool = False
    refusal: str = ""
    chunk: int = 7
    done: bool = True  # send ``data: [DONE]`` at the end of a stream

    @property
    def text(self) -> str:
        return self.content if isinstance(self.content, str) else json.dumps(self.content)


@dataclass
class Status:
    """An HTTP error with an OpenAI-style error body."""

    code: int
    message: str = "stub error"


@dataclass
class Hang:
    """Read the request, then send nothing for ``seconds`` (or until the client leaves)."""

    seconds: float = 30.0


@dataclass
class Drop:
    """Start a stream, send ``content`` (part of an answer), then cut the connection."""

    content: str = '{"ops": [{"op": "add_cap'


@dataclass
class RejectFormat:
    """HTTP ``code`` when the request has ``response_format``; otherwise ``then``."""

    then: Any = None
    code: int = 400


@dataclass
class Gate:
    """Hold the answer until ``opened`` is set (by the test), then behave as ``then``."""

    opened: threading.Event
    then: Any = None
    arrived: threading.Event = field(default_factory=threading.Event)  # the request is here


Behaviour = Answer | Status | Hang | Drop | RejectFormat | Gate | Callable[[Seen], Any]


def edit(ops: list[dict[str, Any]], reply: str = "Done.", stream: bool = False) -> Answer:
    """An answer to an edit request."""
    return Answer({"ops": ops, "reply": reply}, stream=stream)


def asset_ids(seen: Seen) -> list[str]:
    """The upload ids the prompt names (``asset <hash>:``), oldest first."""
    return re.findall(r"asset ([0-9a-zA-Z_-]+):", seen.prompt)


@dataclass
class StubModel:
    """The stub server (see the module docstring)."""

    default: Behaviour = field(default_factory=lambda: edit([], "Hello from the stub."))
    models: tuple[str, ...] = ("stub-model", "stub-model-large")
    requests: list[Seen] = field(default_factory=list)
    disconnects: int = 0
    base_url: str = ""
    _queue: deque[Behaviour] = field(default_factory=deque)
    _loop: asyncio.AbstractEventLoop | None = None
    _server: asyncio.AbstractServer | None = None
    _thread: threading.Thread | None = None

    def then(self, *behaviours: Behaviour) -> StubModel:
        self._queue.extend(behaviours)
        return self

    def completions(self) -> list[Seen]:
        return [r for r in self.requests if r.path.endswith("/chat/completions")]

    # -- lifecycle -------------------------------------------------------------------------
    def __enter__(self) -> StubModel:
        ready = threading.Event()

        def run() -> None:
            loop = asyncio.new_event_loop()
            self._loop = loop
            self._server = loop.run_until_complete(
                asyncio.start_server(self._serve, "127.0.0.1", 0))
            port = self._server.sockets[0].getsockname()[1]
            self.base_url = f"http://127.0.0.1:{port}/v1"
            ready.set()
            loop.run_forever()
            loop.close()

        self._thread = threading.Thread(target=run, daemon=True)
        self._thread.start()
        if not ready.wait(10):
            raise RuntimeError("the stub model server did not start")
        return self

    def __exit__(self, *exc: object) -> None:
        loop = self._loop
        if loop is None:
            return

        async def stop() -> None:
            assert self._server is not None
            self._server.close()
            others = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
            for task in others:
                task.cancel()
            await asyncio.gather(*others, return_exceptions=True)
            loop.call_soon(loop.stop)

        asyncio.run_coroutine_threadsafe(stop(), loop)
        assert self._thread is not None
        self._thread.join(10)

    # -- serving ---------------------------------------------------------------------------
    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            seen = await self._read(reader)
            if seen is None:
                return
            self.requests.append(seen)
            await self._answer(seen, reader, writer)
        except (ConnectionError, asyncio.IncompleteReadError):
            self.disconnects += 1
        finally:
            writer.close()

    @staticmethod
    async def _read(reader: asyncio.StreamReader) -> Seen | None:
        head = await reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        method, path, _version = lines[0].split(" ", 2)
        headers = {}
        for line in lines[1:]:
            if ":" in line:
                name, value = line.split(":", 1)
                headers[name.strip().lower()] = value.strip()
        body = await reader.readexactly(int(headers.get("content-length", "0")))
        return Seen(method, path, headers, body)

    async def _answer(self, seen: Seen, reader: asyncio.StreamReader,
                      writer: asyncio.StreamWriter) -> None:
        if seen.method == "GET" and seen.path.endswith("/models"):
            await self._send_json(writer, 200, {"object": "list", "data": [
                {"id": m, "object": "model", "owned_by": "stub"} for m in self.models]})
            return
        behaviour: Any = self._queue.popleft() if self._queue else self.default
        while callable(behaviour):
            behaviour = behaviour(seen)
        if isinstance(behaviour, Gate):
            behaviour.arrived.set()
            while not behaviour.opened.is_set():
                await asyncio.sleep(0.01)
            behaviour = behaviour.then or self.default
            while callable(behaviour):
                behaviour = behaviour(seen)
        if isinstance(behaviour, RejectFormat):
            if "response_format" in seen.json:
                behaviour = Status(behaviour.code, "response_format is not supported")
            else:
                behaviour = behaviour.then or self.default
                while callable(behaviour):
                    behaviour = behaviour(seen)
        if isinstance(behaviour, Status):
            await self._send_json(writer, behaviour.code, {"error": {
                "message": behaviour.message, "type": "stub", "code": behaviour.code}})
        elif isinstance(behaviour, Hang):
            try:
                left = await asyncio.wait_for(reader.read(1), behaviour.seconds)
            except TimeoutError:
                return
            if left == b"":
                self.disconnects += 1
        elif isinstance(behaviour, Drop):
            await self._stream_head(writer)
            await self._chunk(writer, _event({"choices": [{"index": 0, "delta": {
                "role": "assistant", "content": behaviour.content}}]}))
            writer.transport.abort()
        elif isinstance(behaviour, Answer):
            await (self._stream(writer, behaviour) if behaviour.stream
                   else self._document(writer, behaviour))
        else:
            raise AssertionError(f"unknown stub behaviour {behaviour!r}")

    @staticmethod
    async def _send_json(writer: asyncio.StreamWriter, code: int, obj: Any) -> None:
        body = json.dumps(obj).encode()
        writer.write(f"HTTP/1.1 {code} X\r\nContent-Type: application/json\r\n"
                     f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n".encode()
                     + body)
        await writer.drain()

    async def _document(self, writer: asyncio.StreamWriter, answer: Answer) -> None:
        message: dict[str, Any] = {"role": "assistant", "content": answer.text}
        if answer.refusal:
            message = {"role": "assistant", "content": None, "refusal": answer.refusal}
        await self._send_json(writer, 200, {
            "id": "chatcmpl-stub", "object": "chat.completion", "model": "stub-model",
            "choices": [{"index": 0, "message": message, "finish_reason": "stop"}]})

    @staticmethod
    async def _stream_head(writer: asyncio.StreamWriter) -> None:
        writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
                     b"Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n")
        await writer.drain()

    @staticmethod
    async def _chunk(writer: asyncio.StreamWriter, data: bytes) -> None:
        writer.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")
        await writer.drain()

    async def _stream(self, writer: asyncio.StreamWriter, answer: Answer) -> None:
        await self._stream_head(writer)
        text = answer.text
        key = "refusal" if answer.refusal else "content"
        text = answer.refusal or text
        for i in range(0, len(text), answer.chunk):
            await self._chunk(writer, _event({"choices": [{"index": 0, "delta": {
                key: text[i:i + answer.chunk]}, "finish_reason": None}]}))
        await self._chunk(writer, _event({"choices": [{"index": 0, "delta": {},
                                                       "finish_reason": "stop"}]}))
        if answer.done:
            await self._chunk(writer, b"data: [DONE]\n\n")
        writer.write(b"0\r\n\r\n")
        await writer.drain()


def _event(obj: Any) -> bytes:
    return f"data: {json.dumps(obj)}\n\n".encode()


__all__ = ["Answer", "Drop", "Gate", "Hang", "RejectFormat", "Seen", "Status", "StubModel",
           "asset_ids", "edit"]
