"""The committed contrast set is what fixtures/contrast/edits.yaml makes."""

from tests.contrast import build


def test_contrast_fixtures_are_up_to_date():
    files = build()
    assert len(files) >= 17 * 3 + 1
    for path, text in files.items():
        assert path.read_text(encoding="utf-8") == text, (
            f"{path} is stale: run .venv/bin/python -m tests.contrast --write")
