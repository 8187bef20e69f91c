"""The assistant's project list on the real engine: list, open (switch), rename, duplicate,
delete, and a project that is gone leaving the current one open."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from meme_desktop.api.auth import StaticToken
from meme_desktop.api.client import NemoClient
from meme_desktop.api.errors import SessionNotFoundError
from meme_desktop.api.policy import Policy
from meme_desktop.assistant import Assistant
from meme_desktop.assistant.memory import SessionMemory
from meme_desktop.assistant.projects import ProjectList, clean_name
from tests.helpers.engine_proc import EngineProcess, engine_proc  # noqa: F401 - a fixture
from tests.helpers.media import make_image


async def _say(assistant: Assistant, text: str) -> None:
    async for _event in assistant.send(text):
        pass


async def test_projects_switch_rename_duplicate_delete(engine_proc: EngineProcess,  # noqa: F811
                                                       tmp_path: Path) -> None:
    image = make_image(tmp_path / "cat.png", size="320x240")
    async with httpx.AsyncClient(timeout=60) as http:
        client = NemoClient(http, engine_proc.base_url, StaticToken(engine_proc.token or ""),
                            Policy.local())
        memory = SessionMemory(tmp_path / "memory")
        assistant = Assistant(client, "local", memory=memory)
        projects = ProjectList(client)
        first = (await assistant.connect()).session_id
        await assistant.upload([image])
        await _say(assistant, "put 'FIRST' on top")
        second = (await assistant.new_project()).session_id
        assert [p.session_id for p in await projects.all()] == [second, first]

        info = await assistant.open_project(first)
        assert info.restored and assistant.session_id == first
        assert any("FIRST" in m.text for m in info.history)
        assert "FIRST" in (await assistant.summary())
        assert memory.get("local") == first  # reopened next time

        renamed = await projects.rename(first, "  Monday\n memes ")
        assert renamed.display_name == "Monday memes"
        row = next(p for p in await projects.all() if p.session_id == first)
        assert (row.assets, row.segments, row.duration_ms) == (1, 2, 5000) and row.cover

        copy = await projects.duplicate(first)
        assert copy.display_name == "Monday memes (copy)"
        await assistant.open_project(copy.session_id)
        assert "FIRST" in await assistant.summary()

        assert await projects.delete(second) == 0
        with pytest.raises(SessionNotFoundError):
            await assistant.open_project(second)
        assert assistant.session_id == copy.session_id  # the open project stays open
        assert [p.session_id for p in await projects.recent(exclude=[copy.session_id])] == [first]


def test_names_are_one_line() -> None:
    assert clean_name(" a\n\tb  c ") == "a b c" and len(clean_name("x" * 500)) == 120
