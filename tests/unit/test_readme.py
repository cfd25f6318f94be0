import re
from pathlib import Path

from tests.readme_settings import END, README, START, settings_table

ROOT = Path(__file__).resolve().parents[2]


def test_readme_settings_reference_matches_defaults():
    text = README.read_text(encoding="utf-8")
    documented = text.split(START, 1)[1].split(END, 1)[0].strip()
    assert documented == settings_table(), "run: .venv/bin/python -m tests.readme_settings"


def test_quickstart_is_two_make_targets_that_exist_and_ci_runs_the_test_one():
    text = README.read_text(encoding="utf-8")
    quickstart = text.split("## Quickstart", 1)[1].split("##", 1)[0]
    commands = re.findall(r"^(make \w+)", quickstart, re.M)
    assert commands == ["make sandbox", "make test"]
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^sandbox:", makefile, re.M) and re.search(r"^test:", makefile, re.M)
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
