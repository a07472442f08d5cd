"""The seed documents beside the checkout (`../shared/seeds`, or `$SEEDS_DIR`), and the demo
built from them.

A test that reads seed documents is marked `@pytest.mark.seeds("000_….txt", …)` and reads them
with `seed(name)`. Where they are missing it is skipped, except when REQUIRE_SEEDS is set (as
.ci/run does): then it fails, so that CI never passes without having compared the seeds.
"""

import os
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import override_settings

BESIDE_THE_CHECKOUT = Path(__file__).resolve().parents[2] / "shared" / "seeds"


def seeds_dir():
    return Path(os.environ.get("SEEDS_DIR") or BESIDE_THE_CHECKOUT)


def seeds_required():
    return os.environ.get("REQUIRE_SEEDS", "").strip().lower() not in ("", "0", "false", "no")


def require(*names):
    """Skip the test unless the named seeds (or, with no name, the folder) are there; under
    REQUIRE_SEEDS, fail it instead."""
    folder = seeds_dir()
    missing = [name for name in names if not (folder / name).is_file()]
    if not names and not folder.is_dir():
        missing = [str(folder)]
    if not missing:
        return
    message = f"seed documents missing from {folder}: {', '.join(missing)}"
    if seeds_required():
        pytest.fail(f"{message} (REQUIRE_SEEDS is set: the seed tests must run)", pytrace=False)
    pytest.skip(message)


def seed(name):
    """The path of a seed document, required as above."""
    require(name)
    return seeds_dir() / name


def load_demo():
    """The demo data, loaded as `make run` loads them (DEBUG true: pytest runs with DEBUG false,
    where load_demo refuses)."""
    from tests.factories import reference_data

    reference_data()  # as the migrations wrote it: an earlier transactional test flushed it
    with override_settings(DEBUG=True):
        call_command("load_demo", stdout=StringIO())
