"""The README's two commands are the ones CI runs."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _readme_commands() -> list[str]:
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    blocks, inside = [], False
    for line in lines:
        if line.startswith("```"):
            inside = not inside
            continue
        if inside:
            blocks.append(line)
            if len(blocks) == 2:
                break
    return blocks


def test_readme_starts_with_install_and_test_commands_that_ci_runs():
    install, test = _readme_commands()
    assert "pip install" in install and "verifier check" in install
    assert "pytest" in test
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    setup, main_job = install.split(" && .venv/bin/verifier check")[0], "verifier check"
    assert setup in ci and any(line.startswith(test) for line in ci)
    assert any(main_job in line for line in ci)


def test_readme_install_uses_the_lock_and_the_lock_pins_every_dependency():
    install, _ = _readme_commands()
    assert "-c constraints.txt" in install
    pinned = {line.split("==")[0].lower().replace("_", "-")
              for line in (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines()
              if line and not line.startswith("#")}
    assert all("==" in line for line in (ROOT / "constraints.txt").read_text(
        encoding="utf-8").splitlines() if line and not line.startswith("#"))
    for needed in ("spacy", "spacy-lookups-data", "pyyaml", "jsonschema", "tabulate",
                   "text2num", "anyascii", "pytest", "hypothesis", "pytest-xdist"):
        assert needed in pinned, needed
