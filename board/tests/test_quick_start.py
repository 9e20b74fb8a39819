"""The README's quick-start commands, as a newcomer runs them, on an old Python."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest

README = Path(__file__).resolve().parents[2] / "README.md"


def _quick_start_commands():
    text = README.read_text()
    return [
        re.search(rf"<!-- {name} -->\n```\n(.+)\n```", text).group(1)
        for name in ("run-command", "test-command")
    ]


@pytest.mark.parametrize("command", _quick_start_commands())
def test_an_old_python_gets_one_clear_line_and_nothing_is_installed(command, tmp_path):
    old_python = shutil.which("python3.11") or shutil.which("python3.10")
    if old_python is None:
        pytest.skip("no Python older than 3.12 on this machine")
    # Run with "python3" meaning the old one, in an empty folder: nothing may be created.
    (tmp_path / "bin").mkdir()
    (tmp_path / "bin" / "python3").symlink_to(old_python)
    result = subprocess.run(  # noqa: S603 - our own README command
        ["/bin/bash", "-c", command],
        cwd=tmp_path,
        env={"PATH": f"{tmp_path / 'bin'}:/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1
    assert result.stderr.startswith("Nexus Jobs needs Python 3.12 or newer, this is 3.1")
    assert not (tmp_path / ".venv").exists()
