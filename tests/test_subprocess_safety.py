"""Hostile files are read in a separate interpreter, so a crash of the reader fails the test
instead of taking the test run down with it."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

SCRIPT = textwrap.dedent(
    """
    import sys
    from dragoman.briefings.loader import parse_briefing_bytes

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


# -- fuzzing the loader in a child process --------------------------------------------------
# Hypothesis draws batches of inputs here; a separate interpreter with bounded memory and CPU
# time reads each batch. A crash, a hang or an exception in the child fails the test, and the
# only outcomes it may report are a loaded briefing or diagnostics.

FUZZ_CHILD = textwrap.dedent(
    """
    import pickle, resource, sys
    resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))
    resource.setrlimit(resource.RLIMIT_CPU, (60, 60))
    from dragoman.briefings.parsed import ParsedBriefing
    from dragoman.briefings.loader import parse_briefing_bytes
    batch = pickle.load(sys.stdin.buffer)
    for number, data in enumerate(batch):
        result = parse_briefing_bytes(f"fuzz-{number}.yaml", data)
        assert isinstance(result, ParsedBriefing), type(result)
        for d in result.diagnostics:
            assert d.line >= 1 and d.column >= 1, d
            assert d.message and d.code, d
        if result.diagnostics and any(d.severity == "error" for d in result.diagnostics):
            print("diagnostics")
        else:
            print("loaded")
    """
)

_PIECES = [
    "id: a\n",
    "title: t\n",
    "date: 2024-01-02\n",
    "people:\n",
    "  - id: p\n",
    "    name: P\n",
    "events:\n",
    "  - {id: e, title: E, date: 2024}\n",
    "&a ",
    "*a ",
    "!!python/object:os.system ",
    "[",
    "]",
    "{",
    "}",
    "- ",
    ": ",
    "? ",
    "|\n",
    ">-\n",
    "'",
    '"',
    "\t",
    "\x1b]52;c;",
    "\x9b",
    "\x00",
    "\ufeff",
    "\u2028",
    "\r",
    "\n",
    "yes",
    "NO",
    "0755",
    "~",
    "<<: *a\n",
    "%YAML 1.1\n",
    "--- ",
    "...\n",
    "#",
    "é",
    "ề",
    "\ud83d\ude00",
]


@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    st.lists(
        st.one_of(
            st.binary(max_size=300),
            st.lists(st.one_of(st.sampled_from(_PIECES), st.text(max_size=5)), max_size=60).map(
                lambda parts: "".join(parts).encode("utf-8", "surrogatepass")
            ),
        ),
        min_size=40,
        max_size=40,
    )
)
def test_fuzzed_files_only_load_or_give_diagnostics_in_a_child_process(
    batch: list[bytes],
) -> None:
    import pickle

    done = subprocess.run(
        [sys.executable, "-c", FUZZ_CHILD],
        input=pickle.dumps(batch),
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")[-2000:]
    outcomes = done.stdout.decode().split()
    assert len(outcomes) == len(batch)
    assert set(outcomes) <= {"loaded", "diagnostics"}
