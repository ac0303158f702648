"""Hostile files are read in a separate interpreter, so a crash of the reader fails the test
instead of taking the test run down with it."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

SCRIPT = textwrap.dedent(
    """
    import sys
    from dragoman.loader import parse_briefing_bytes

    data = {builder}
    result = parse_briefing_bytes("hostile.yaml", data.encode("utf-8"))
    for d in result.diagnostics:
        assert d.line >= 1 and d.column >= 1, d
        print(d.code)
    print("done")
    """
)

BOMB = (
    "'a: &a [' + ', '.join(['lol'] * 9) + ']\\n' + ''.join("
    "f'{n}: &{n} [' + ', '.join([f'*{p}'] * 9) + ']\\n' "
    "for p, n in zip('abcdefgh', 'bcdefghi'))"
)

HIDDEN_NEST = (
    "'id: a\\ntitle: t\\ndate: 2024\\npeople:\\n  - name: \\'x\\n   - |\\n    \\'\\n"
    "    id: x\\n    aliases:\\n      ' + '- ' * 200_000 + 'x\\n'"
)

CASES = {
    "50,000 nested brackets": ("'[' * 50_000 + ']' * 50_000", {"too-deep"}),
    "50,000 nested braces in a field": ("'id: a\\ntags: ' + '{' * 50_000", {"too-deep"}),
    "200,000 dashes on one line": ("'- ' * 200_000 + 'x\\n'", {"too-deep"}),
    "alias bomb": (BOMB, {"yaml-budget"}),
    "200,000 explicit keys on one line": ("'? ' * 200_000 + 'x\\n'", {"too-deep", "yaml-key"}),
    # The depth pre-scan can miss this nest (see test_yamlsafe); the reader must survive it.
    "200,000 dashes after a quoted value with a bar line": (
        HIDDEN_NEST,
        {"too-deep", "wrong-type"},
    ),
}


@pytest.mark.parametrize(("builder", "expected"), CASES.values(), ids=CASES.keys())
def test_hostile_file_is_refused_without_crashing(builder: str, expected: set[str]) -> None:
    completed = subprocess.run(
        [sys.executable, "-c", SCRIPT.format(builder=builder)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr[-2000:]
    printed = completed.stdout.split()
    assert printed[-1] == "done"
    assert expected & set(printed), printed
    assert "internal" not in printed
