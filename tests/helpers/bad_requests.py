"""A corpus of bad requests for the engine, generated here (nothing is checked in).

:func:`bad_requests` returns :class:`Case` rows: a request (method, path, headers, raw body) and
the answer it must get (HTTP status and protocol code). Paths may hold ``{sid}`` (a session of
the caller), ``{hash}`` (a media file of the caller) and ``{job}`` (a finished render of the
caller), filled in by the test. The classes, each at every entry point that takes it:

- text that is not Unicode (lone surrogates sent as ``\\ud800`` escapes) in task names,
  languages, session ids, messages, URL imports, render ids and session ids, captions and
  draft keys;
- JSON nested 5,000 deep on every JSON call, and a draft with an 800-deep unknown key;
- numbers JSON does not have (``NaN``, ``Infinity``) and ones out of range (``1e308``,
  ``1e400``, a 400-digit integer) for the size cap;
- bodies that are empty, not an object, not UTF-8, cut short, or over the 2 MB limit;
- drafts over the size limits (10,000 captions, a 600-character caption, two hours, 40 tracks);
- requests from elsewhere (a foreign ``Host``, a foreign or ``null`` ``Origin``);
- names that are not text (a preset given as a list), a malformed IDNA host in a URL import;
- and the ones the engine already refused (bad token, unknown session / job / endpoint /
  method, a bad render id, a bad thumbnail size, a broken multipart body, a missing client id,
  a private address to import from).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

SESSION = "/api/tasks/me/with-session/nemo_agent"
UPLOAD = "/api/upload-video/nemo_agent/me/{sid}"
RENDER = "/api/render/proxy/lambda"
OPS = "/api/ops/nemo_agent/me/{sid}"
PROJECT = "/api/sessions/{sid}"
JSON = {"Content-Type": "application/json"}
LONE = "\ud800"  # json.dumps writes it as the escape "\ud800"


@dataclass
class Case:
    name: str
    method: str
    path: str
    status: int
    code: int | None = None  # the protocol code the JSON answer must carry
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    auth: bool = True  # send the engine token
    contains: str = ""  # a phrase the message must contain


def _json(value: Any) -> bytes:
    return json.dumps(value).encode("ascii")


def _turn(sid: str, text: str) -> dict[str, Any]:
    return {"app_name": "nemo_agent", "user_id": "me", "session_id": sid,
            "new_message": {"parts": [{"text": text}]}}


def draft_with(segments: list[dict[str, Any]], tt: int = 7, tracks: int = 1,
               **extra: Any) -> dict[str, Any]:
    return {"v": 1, "m": {"title": "t", "width": 160, "height": 120, "fps": 15},
            "t": [{"id": f"x{i}", "tt": tt, "sg": segments if i == 0 else []}
                  for i in range(tracks)], **extra}


def caption(i: int, text: str = "HELLO", d: int = 1000) -> dict[str, Any]:
    return {"id": f"c{i}", "st": 0, "d": d, "txt": text, "pos": "top"}


def _submit(draft: Any = None, output: Any = None, sid: str = "{sid}",
            job: str = "render_bad") -> dict[str, Any]:
    body: dict[str, Any] = {"id": job, "sessionId": sid}
    if draft is not None:
        body["draft"] = draft
    if output is not None:
        body["output"] = output
    return body


def _deep(levels: int) -> Any:
    value: Any = 1
    for _ in range(levels):
        value = {"k": value}
    return value


def _surrogates() -> list[Case]:
    return [
        Case("surrogate task name", "POST", SESSION, 400, 400, _json({"task_name": LONE}), JSON,
             contains="task_name"),
        Case("surrogate language", "POST", SESSION, 400, 400,
             _json({"task_name": "p", "language": LONE + "en"}), JSON, contains="language"),
        Case("surrogate session id in a turn", "POST", "/run_sse", 400, 400,
             _json(_turn(LONE, "hi")), JSON),
        Case("surrogate message", "POST", "/run_sse", 400, 400,
             _json(_turn("{sid}", "add " + LONE)), JSON, contains="text"),
        Case("surrogate URL import", "POST", UPLOAD, 400, 400,
             _json({"urls": ["https://" + LONE + ".example/a.mp4"], "source_type": "url"}),
             JSON),
        Case("surrogate render session id", "POST", RENDER, 400, 400,
             _json(_submit(sid=LONE)), JSON),
        Case("surrogate render id", "POST", RENDER, 400, 400,
             _json(_submit(job="render_" + LONE)), JSON),
        Case("surrogate caption", "POST", RENDER, 400, 400,
             _json(_submit(draft_with([caption(1, LONE)]))), JSON),
        Case("surrogate draft key", "POST", RENDER, 400, 400,
             _json(_submit(draft_with([caption(1)], **{LONE: 1}))), JSON),
        Case("surrogate operation caption", "POST", OPS, 400, 400,
             _json({"ops": [{"op": "add_caption", "txt": LONE}]}), JSON, contains="txt"),
        Case("surrogate operation label", "POST", OPS, 400, 400,
             _json({"ops": [{"op": "add_caption", "txt": "A"}], "label": LONE}), JSON),
        Case("surrogate project name", "PATCH", PROJECT, 400, 400, _json({"name": LONE}), JSON,
             contains="name"),
    ]


def _nesting() -> list[Case]:
    deep = ("[" * 5000 + "]" * 5000).encode()
    deep_obj = ('{"a":' * 5000 + "1" + "}" * 5000).encode()
    cases = [Case(f"5000-deep JSON on {path}", "POST", path, 400, 400, body, JSON)
             for path in (SESSION, "/run_sse", UPLOAD, RENDER, OPS) for body in (deep, deep_obj)]
    cases.append(Case("5000-deep JSON renaming a project", "PATCH", PROJECT, 400, 400, deep_obj,
                      JSON))
    cases.append(Case("draft with an 800-deep unknown key", "POST", RENDER, 400, 400,
                      _json(_submit(draft_with([caption(1)], future=_deep(800)))), JSON,
                      contains="nested"))
    return cases


def _numbers() -> list[Case]:
    raw = [("NaN", b"NaN"), ("Infinity", b"Infinity"), ("-Infinity", b"-Infinity"),
           ("1e308", b"1e308"), ("1e400", b"1e400"), ("a 400-digit integer", b"1" + b"0" * 400),
           ("a string", b'"10"'), ("true", b"true"), ("zero", b"0"), ("-1", b"-1")]
    draft = json.dumps(draft_with([caption(1)]))
    cases = [Case(f"max_mb {name}", "POST", RENDER, 400, 400,
                  (f'{{"id": "render_mb", "sessionId": "{{sid}}", "draft": {draft}, '
                   f'"output": {{"max_mb": ').encode() + value + b"}}", JSON)
             for name, value in raw]
    cases.append(Case("NaN as a task name", "POST", SESSION, 400, 400,
                      b'{"task_name": NaN}', JSON, contains="finite"))
    return cases


def _bodies() -> list[Case]:
    big = _json({"task_name": "p", "pad": "x" * (3 * 1024 * 1024)})
    return [
        Case("empty render body", "POST", RENDER, 400, 400, b"", JSON),
        Case("array body", "POST", SESSION, 400, 400, b"[1, 2]", JSON),
        Case("not UTF-8", "POST", SESSION, 400, 400, b'{"task_name": "\xff\xfe"}', JSON),
        Case("cut JSON", "POST", "/run_sse", 400, 400, b'{"session_id": "x",', JSON),
        Case("3 MB JSON body", "POST", SESSION, 413, 413, big, JSON, contains="2 MB"),
        Case("3 MB URL import", "POST", UPLOAD, 413, 413, big, JSON),
        Case("3 MB render body", "POST", RENDER, 413, 413, big, JSON),
        Case("3 MB list of operations", "POST", OPS, 413, 413, big, JSON),
    ]


def _drafts() -> list[Case]:
    many = [caption(i) for i in range(10_000)]
    return [
        Case("10,000 captions", "POST", RENDER, 400, 400, _json(_submit(draft_with(many))), JSON,
             contains="at most"),
        Case("101 captions", "POST", RENDER, 400, 400,
             _json(_submit(draft_with([caption(i) for i in range(101)]))), JSON,
             contains="100 captions"),
        Case("a 600-character caption", "POST", RENDER, 400, 400,
             _json(_submit(draft_with([caption(1, "A" * 600)]))), JSON, contains="500"),
        Case("a two-hour caption", "POST", RENDER, 400, 400,
             _json(_submit(draft_with([caption(1, d=7_200_000)]))), JSON, contains="hour"),
        Case("40 tracks", "POST", RENDER, 400, 400,
             _json(_submit(draft_with([caption(1)], tracks=40))), JSON, contains="tracks"),
    ]


def _elsewhere() -> list[Case]:
    return [
        Case("foreign Host", "GET", "/api/sessions", 403, 403, headers={"Host": "evil.example"}),
        Case("foreign Host on the health check", "GET", "/health", 403, 403, auth=False,
             headers={"Host": "rebind.evil.example:8080"}),
        Case("foreign Host for an anonymous token", "POST", "/api/auth/anonymous-token", 403,
             403, auth=False, headers={"Host": "evil.example", "X-Client-Id": "rebind"}),
        Case("foreign Origin", "GET", "/api/sessions", 403, 403,
             headers={"Origin": "https://evil.example"}),
        Case("null Origin", "POST", SESSION, 403, 403, _json({"task_name": "p"}),
             {**JSON, "Origin": "null"}),
        Case("foreign Origin on media", "GET", "/media/{hash}", 403, 403,
             headers={"Origin": "http://evil.example"}),
    ]


def _already_handled() -> list[Case]:
    return [
        Case("no token", "GET", "/api/sessions", 401, 1001, auth=False),
        Case("wrong token", "GET", "/api/sessions", 401, 1001, auth=False,
             headers={"Authorization": "Bearer nope"}),
        Case("unknown session", "GET", "/api/state/nemo_agent/me/sess_nope/latest", 404, 1002),
        Case("unknown job", "GET", "/api/render/proxy/lambda/render_nope", 404, 404),
        Case("bad render id", "POST", RENDER, 400, 400,
             _json(_submit(draft_with([caption(1)]), job="../../etc/passwd")), JSON),
        Case("unknown endpoint", "GET", "/api/nowhere", 404, 404),
        Case("wrong method", "DELETE", "/api/sessions", 405, 405),
        Case("thumbnail size not a number", "GET", "/media/{hash}/thumbnail?size=big", 400,
             400),
        Case("not a media hash", "GET", "/media/../../engine.db", 404),
        Case("multipart without a boundary", "POST", UPLOAD, 400, 400, b"--x\r\n",
             {"Content-Type": "multipart/form-data"}),
        Case("multipart cut short", "POST", UPLOAD, 400, 400,
             b'--b\r\nContent-Disposition: form-data; name="files"; filename="a.png"\r\n\r\nab',
             {"Content-Type": "multipart/form-data; boundary=b"}),
        Case("anonymous token without a client id", "POST", "/api/auth/anonymous-token", 400,
             400, auth=False),
        Case("render output not an object", "POST", RENDER, 400, 400,
             _json(_submit(draft_with([caption(1)]), output=[1])), JSON),
        Case("render preset a list", "POST", RENDER, 400, 400,
             _json(_submit(draft_with([caption(1)]), output={"preset": ["gif"]})), JSON,
             contains="preset"),
        Case("render quality an object", "POST", RENDER, 400, 400,
             _json(_submit(draft_with([caption(1)]), output={"quality": {"x": 1}})), JSON),
        Case("render format a list", "POST", RENDER, 400, 400,
             _json(_submit(draft_with([caption(1)]), output={"format": []})), JSON),
        Case("render draft a string of deep JSON", "POST", RENDER, 400, 400,
             _json(_submit("[" * 900 + "]" * 900)), JSON),
        Case("URL import with a malformed IDNA name", "POST", UPLOAD, 400, 400,
             _json({"urls": ["https://xn--/a.mp4"], "source_type": "url"}), JSON,
             contains="well-formed"),
        Case("an operation on another user's file", "POST", OPS, 400, 400,
             _json({"ops": [{"op": "add_media", "asset": "ab" * 32}]}), JSON),
        Case("URL import of a private address", "POST", UPLOAD, 400, 400,
             _json({"urls": ["http://0x7f000001/a.mp4"], "source_type": "url"}), JSON),
        Case("duplicate render id", "POST", RENDER, 409, 409,
             _json(_submit(draft_with([caption(1)]), job="{job}")), JSON),
    ]


def bad_requests() -> list[Case]:
    """Every case, in a stable order."""
    return [*_surrogates(), *_nesting(), *_numbers(), *_bodies(), *_drafts(), *_elsewhere(),
            *_already_handled()]
