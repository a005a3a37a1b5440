"""The README's two set-up commands are the ones CI runs, and its examples are real."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
CI = (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def _commands() -> list[str]:
    setup = README.split("## Set-up", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```bash\n(.+?)\n```", setup)


def test_readme_has_exactly_two_setup_commands() -> None:
    cmds = _commands()
    assert len(cmds) == 2
    assert "annonces batch corpus" in cmds[0]
    assert "pytest" in cmds[1]


def test_ci_runs_the_readme_test_command() -> None:
    assert _commands()[1] in CI


def test_ci_fails_on_no_tests_collected() -> None:
    # `set -e` stops on any non-zero pytest status, exit 5 (no tests collected) included
    assert "set -euo pipefail" in CI and "|| true" not in CI.split("pytest", 1)[1].split("\n", 1)[0]


def test_readme_library_example_values() -> None:
    import datetime as dt

    import annonces

    assert str(annonces.parse_amount("13,7 M$").value) == "13700000"
    assert annonces.parse_date("ce lundi 29 mars", reference=dt.date(2021, 3, 31)).iso == "2021-03-29"
    assert annonces.resolve_region("la région du Saguenay-Lac-Saint-Jean").code == "02"
