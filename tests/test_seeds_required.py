"""The seed tests skip where the seed documents are missing, but fail under REQUIRE_SEEDS (CI):
one helper, tests/seeds.py, decides for all of them."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests import seeds

ROOT = Path(__file__).resolve().parents[1]
SEED_TESTS = [
    "tests/demo/test_meetings.py::test_every_chinese_text_is_verbatim_from_its_seed",
    "tests/demo/test_workplans.py::"
    "test_every_number_and_chinese_text_of_seed_000_results_framework_is_reproduced",
]


def test_a_missing_seed_skips_the_test_or_fails_it_under_require_seeds(monkeypatch, tmp_path):
    monkeypatch.setenv("SEEDS_DIR", str(tmp_path / "elsewhere"))
    monkeypatch.delenv("REQUIRE_SEEDS", raising=False)
    with pytest.raises(pytest.skip.Exception):
        seeds.seed("000_127e1d19d1ba6ee9.txt")
    monkeypatch.setenv("REQUIRE_SEEDS", "1")
    with pytest.raises(pytest.fail.Exception, match="REQUIRE_SEEDS"):
        seeds.seed("000_127e1d19d1ba6ee9.txt")
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "000_127e1d19d1ba6ee9.txt").write_text("seed", encoding="utf-8")
    assert seeds.seed("000_127e1d19d1ba6ee9.txt").read_text(encoding="utf-8") == "seed"


def run_seed_tests(tmp_path, **env):
    environment = {key: value for key, value in os.environ.items()
                   if key not in {"REQUIRE_SEEDS", "SEEDS_DIR", "DATABASE_URL"}}
    environment |= {"SEEDS_DIR": str(tmp_path / "elsewhere"),
                    # never the parent run's database: the seed tests stop before using any
                    "DATABASE_URL": f"sqlite:///{tmp_path / 'unused.sqlite3'}", **env}
    return subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-rs",
                           *SEED_TESTS], cwd=ROOT, env=environment, capture_output=True,
                          text=True, timeout=300)


def test_every_seed_test_fails_under_require_seeds_and_skips_without_it(tmp_path):
    required = run_seed_tests(tmp_path, REQUIRE_SEEDS="1")
    assert required.returncode != 0, required.stdout
    assert "4 errors" in required.stdout and "REQUIRE_SEEDS is set" in required.stdout
    relaxed = run_seed_tests(tmp_path)
    assert relaxed.returncode == 0, relaxed.stdout
    assert "4 skipped" in relaxed.stdout
