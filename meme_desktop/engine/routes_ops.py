"""The typed-operations extension (docs/protocol.md, docs/ops.md).

``POST /api/ops/nemo_agent/{user}/{sid}`` with ``{"ops": [...], "label": "optional"}`` applies
the whole list as ONE draft version (one undo step) and answers the new state, one change per
operation (English and Chinese) and the version number. A malformed list, or one that cannot
be carried out on the current draft, answers HTTP 400 with a message naming the operation's
index and what is wrong, and changes nothing. ``GET /api/ops/schema`` is the JSON Schema of an
operation list (public: it describes, it reveals nothing).
"""

from __future__ import annotations

import anyio.to_thread
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from meme_desktop.draft import OpError
from meme_desktop.draft.ops import ops_from_json, schema
from meme_desktop.engine.context import base_url, engine, ok, read_json, require_session
from meme_desktop.engine.edits import apply_session_ops
from meme_desktop.engine.protocol_errors import BadRequestError, OpsRefusedError
from meme_desktop.engine.state import session_state

MAX_LABEL = 80


async def apply_ops(request: Request) -> JSONResponse:
    ctx = engine(request)
    session = require_session(request, request.path_params["sid"], request.path_params["user"])
    body = await read_json(request)
    label = body.get("label", "")
    if not isinstance(label, str) or len(label) > MAX_LABEL:
        raise BadRequestError(f"\"label\" must be text of at most {MAX_LABEL} characters")
    try:
        ops = ops_from_json(body.get("ops"))
    except OpError as exc:
        raise OpsRefusedError(exc.index, exc.op, exc.problem, exc.field) from exc
    if not ops:
        raise OpsRefusedError(-1, "", "the list has no operations")
    outcome = await anyio.to_thread.run_sync(apply_session_ops, ctx.store, session.session_id,
                                             ops, label.strip())
    state = session_state(ctx.store, session, base_url(request))
    return ok({"state": state, "changes": outcome.changes, "version": outcome.version,
               "changed": outcome.changed})


async def ops_schema(request: Request) -> JSONResponse:
    return JSONResponse(schema())


ROUTES = [
    Route("/api/ops/nemo_agent/{user}/{sid}", apply_ops, methods=["POST"]),
    Route("/api/ops/schema", ops_schema, methods=["GET"]),
]
