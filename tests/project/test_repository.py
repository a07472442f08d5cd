"""Build and tool outputs stay out of the repository."""

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
OUTPUTS = ["isu_workplans.egg-info", ".schemathesis", ".hypothesis"]

pytestmark = pytest.mark.skipif(not (ROOT / ".git").exists() or not shutil.which("git"),
                                reason="not a git checkout")


def git(*args):
    return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True)


def test_build_and_tool_outputs_are_not_tracked():
    assert git("ls-files", "--", *OUTPUTS).stdout == ""


@pytest.mark.parametrize("output", OUTPUTS)
def test_build_and_tool_outputs_are_ignored(output):
    assert git("check-ignore", "-q", "--no-index", f"{output}/anything").returncode == 0
