"""The safe YAML reader: text kept as written, tags and alias bombs refused, positions kept."""

from __future__ import annotations

import itertools
import unicodedata
from pathlib import Path

import pytest

from dragoman.briefings.yamlsafe.compose import compose
from dragoman.briefings.yamlsafe.nodes import MapNode, Node, ScalarNode, SeqNode, YamlLimits


def read(text: str, limits: YamlLimits | None = None) -> MapNode:
    """Compose text that must read cleanly into a mapping."""
    node, problems = compose(text, limits)
    assert problems == []
    assert isinstance(node, MapNode)
    return node


def value(node: MapNode, key: str) -> Node:
    return node.items[key][1]


def scalar(node: MapNode, key: str) -> str | bool | None:
    got = value(node, key)
    assert isinstance(got, ScalarNode)
    return got.value


def refused(text: str, limits: YamlLimits | None = None) -> list[str]:
    """Compose text that must be refused; the problem codes."""
    node, problems = compose(text, limits)
    assert node is None
    assert problems, "a refusal must say why"
    assert all(p.fatal for p in problems)
    return [p.code for p in problems]


def real_depth(node: Node) -> int:
    best, stack = 0, [(node, 1)]
    while stack:
        current, depth = stack.pop()
        best = max(best, depth)
        if isinstance(current, SeqNode):
            stack += [(child, depth + 1) for child in current.items]
        elif isinstance(current, MapNode):
            stack += [(child, depth + 1) for _, child in current.items.values()]
    return best


# -- scalars ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "written",
    ["NO", "0755", "1.10", "2025-11-01", "yes", "on", "off", "False", "1e3", "0x1F", ".inf"],
)
def test_plain_scalars_stay_text_exactly_as_written(written: str) -> None:
    node = read(f"country: {written}\n")
    assert scalar(node, "country") == written


def test_only_true_and_false_become_booleans() -> None:
    node = read("a: true\nb: false\nc: True\nd: yes\n")
    assert scalar(node, "a") is True
    assert scalar(node, "b") is False
    assert scalar(node, "c") == "True"
    assert scalar(node, "d") == "yes"


def test_quoted_true_stays_text() -> None:
    node = read("a: \"true\"\nb: 'false'\n")
    assert scalar(node, "a") == "true"
    assert scalar(node, "b") == "false"


@pytest.mark.parametrize("written", ["", "~", "null", "Null", "NULL"])
def test_empty_tilde_and_null_mean_no_value(written: str) -> None:
    node = read(f"summary: {written}\n")
    assert scalar(node, "summary") is None


def test_quoted_tilde_and_null_stay_text() -> None:
    node = read("a: \"~\"\nb: 'null'\nc: ''\n")
    assert scalar(node, "a") == "~"
    assert scalar(node, "b") == "null"
    assert scalar(node, "c") == ""


def test_str_tag_keeps_the_text() -> None:
    node = read("id: !!str 0755\nflag: !!str true\n")
    assert scalar(node, "id") == "0755"
    assert scalar(node, "flag") == "true"


def test_decomposed_accents_are_normalised_to_nfc() -> None:
    decomposed = unicodedata.normalize("NFD", "Hoàng Xuân Chiến")
    assert decomposed != "Hoàng Xuân Chiến"
    key = unicodedata.normalize("NFD", "tên")
    node = read(f"name: {decomposed}\n{key}: x\n")
    assert scalar(node, "name") == "Hoàng Xuân Chiến"
    assert "tên" in node.items


def test_block_text_is_kept_with_its_line_breaks() -> None:
    node = read("text: |\n  First line.\n    Indented line.\n\n  Last line.\n")
    assert scalar(node, "text") == "First line.\n  Indented line.\n\nLast line.\n"


# -- duplicate keys ---------------------------------------------------------------------------


def test_duplicate_key_names_both_lines_and_keeps_the_first() -> None:
    node, problems = compose("id: first\ntitle: t\nid: second\n")
    assert isinstance(node, MapNode)
    assert scalar(node, "id") == "first"
    [problem] = problems
    assert problem.code == "duplicate-key"
    assert not problem.fatal
    assert (problem.line, problem.column) == (3, 1)
    assert "line 1" in problem.message
    assert "line 3" in problem.message


def test_duplicate_key_inside_an_entry_is_found() -> None:
    text = "people:\n  - id: a\n    name: A\n    name: B\n"
    node, problems = compose(text)
    assert node is not None
    assert [(p.code, p.line) for p in problems] == [("duplicate-key", 4)]
    assert "line 3" in problems[0].message


# -- tags -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("a: !!python/object/apply:os.system ['echo hi']\n", "!!python/object/apply:os.system"),
        ("a: !!binary aGk=\n", "!!binary"),
        ("a: !custom x\n", "!custom"),
        ("a: !!int 3\n", "!!int"),
        ("a: !!set {x}\n", "!!set"),
    ],
)
def test_tags_are_refused(text: str, shown: str) -> None:
    node, problems = compose(text)
    assert node is None
    [problem] = problems
    assert problem.code == "yaml-tag"
    assert (problem.line, problem.column) == (1, 4)
    assert shown in problem.message


def test_python_tags_build_nothing(tmp_path: Path) -> None:
    marker = tmp_path / "touched"
    text = f"a: !!python/object/apply:os.system ['touch {marker}']\n"
    assert refused(text) == ["yaml-tag"]
    assert not marker.exists()


# -- aliases ----------------------------------------------------------------------------------


def test_aliases_within_budget_are_expanded() -> None:
    node = read("a: &shared [x, y]\nb: *shared\n")
    b = value(node, "b")
    assert isinstance(b, SeqNode)
    assert [item.value for item in b.items if isinstance(item, ScalarNode)] == ["x", "y"]


def billion_laughs(levels: int = 9) -> str:
    names = "abcdefghijklmnopqrstuvwxyz"
    lines = ["a: &a [" + ", ".join(["lol"] * 9) + "]"]
    for previous, name in itertools.pairwise(names[:levels]):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def test_alias_bomb_is_refused_by_the_budget() -> None:
    assert refused(billion_laughs(9)) == ["yaml-budget"]


def test_alias_count_budget() -> None:
    text = "a: &x lol\nb: [" + ", ".join(["*x"] * 5) + "]\n"
    assert refused(text, YamlLimits(max_aliases=4)) == ["yaml-budget"]
    read(text, YamlLimits(max_aliases=5))


def test_node_budget() -> None:
    text = "a: [" + ", ".join(["x"] * 20) + "]\n"
    assert refused(text, YamlLimits(max_nodes=10)) == ["yaml-budget"]
    read(text, YamlLimits(max_nodes=30))


@pytest.mark.parametrize("text", ["a: &a [*a]\n", "a: &a {b: *a}\n", "a: &a [x, [y, *a]]\n"])
def test_alias_into_its_own_node_is_refused(text: str) -> None:
    assert refused(text) == ["yaml-alias"]


def test_undefined_alias_is_refused() -> None:
    assert refused("a: *nowhere\n") in (["yaml-alias"], ["yaml-syntax"])


# -- depth ------------------------------------------------------------------------------------


def test_runaway_brackets_are_refused_before_parsing() -> None:
    node, problems = compose("[" * 60_000)
    assert node is None
    assert [(p.code, p.line, p.column) for p in problems] == [("too-deep", 1, 1)]


def test_too_deep_names_the_line_where_the_nesting_peaks() -> None:
    text = "id: a\ntitle: t\ntags: " + "[" * 150 + "x" + "]" * 150 + "\n"
    _, problems = compose(text)
    assert [(p.code, p.line) for p in problems] == [("too-deep", 3)]


def test_deep_block_nesting_is_refused() -> None:
    text = "".join(" " * level + f"k{level}:\n" for level in range(150)) + " " * 150 + "x\n"
    node, problems = compose(text)
    assert node is None
    [problem] = problems
    assert problem.code == "too-deep"
    assert problem.line > 100


def test_single_line_dash_nest_is_refused() -> None:
    assert refused("- " * 200 + "x\n") == ["too-deep"]


def test_nesting_under_the_limit_is_read() -> None:
    text = "a: " + "[" * 50 + "x" + "]" * 50 + "\n"
    node = read(text)
    assert real_depth(node) == 52


def test_indented_prose_in_block_text_is_not_taken_for_nesting() -> None:
    prose = "".join(" " * (2 + level) + f"line {level}\n" for level in range(300))
    node = read("id: a\ntext: |\n" + prose + "title: t\n")
    text = scalar(node, "text")
    assert isinstance(text, str)
    assert text.count("\n") == 300
    assert scalar(node, "title") == "t"


def test_nesting_after_a_plain_value_ending_in_a_bar_is_still_refused() -> None:
    text = "- k: x - |\n  k2:\n   " + "- " * 300 + "x\n"
    _, problems = compose(text)
    assert [p.code for p in problems] == ["too-deep"]


def test_nesting_after_a_quoted_value_with_a_bar_line_is_still_refused() -> None:
    text = "- k: 'first\n - |\n  '\n  k2:\n   " + "- " * 300 + "x\n"
    node, problems = compose(text)
    if node is not None:
        assert real_depth(node) > 300  # the file really is that deep
    assert [p.code for p in problems] == ["too-deep"]


def test_list_of_mappings_nesting_is_counted_in_full() -> None:
    lines = ["  " * level + f"- k{level}:" for level in range(60)]
    text = "\n".join([*lines, "  " * 60 + "- x"]) + "\n"
    node, problems = compose(text, YamlLimits(max_depth=100))
    if node is not None:
        assert real_depth(node) > 100  # the file really is deeper than the limit
    assert [p.code for p in problems] == ["too-deep"]


# -- documents, syntax, keys ------------------------------------------------------------------


def test_second_document_is_reported_and_ignored() -> None:
    node, problems = compose("id: a\n---\nid: b\n")
    assert isinstance(node, MapNode)
    assert scalar(node, "id") == "a"
    assert [(p.code, p.line, p.fatal) for p in problems] == [("multiple-documents", 2, False)]


def test_explicit_single_document_is_fine() -> None:
    node = read("---\nid: a\n...\n")
    assert scalar(node, "id") == "a"


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [("a: [1\n", 1, 6), ("a: b: c\n", 1, 5), ("a: 'open\n", 1, 9), ("id: x\npar", 2, 4)],
)
def test_syntax_errors_have_a_position(text: str, line: int, column: int) -> None:
    node, problems = compose(text)
    assert node is None
    assert [(p.code, p.line, p.column) for p in problems] == [("yaml-syntax", line, column)]
    assert "fix" in problems[0].message


@pytest.mark.parametrize("text", ["true: 1\n", "? [a]\n: 1\n", "? {a: b}\n: 1\n", "~: 1\n"])
def test_mapping_keys_must_be_text(text: str) -> None:
    assert refused(text) == ["yaml-key"]


def test_a_file_of_comments_holds_no_document() -> None:
    assert compose("# nothing yet\n\n# still nothing\n") == (None, [])


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ("id: a\ntitle: t\nsummary: bell\x07here\n", 3, 14),
        ("id: a\r\ntitle: \x1b[31mred\r\n", 2, 8),
        ("text: |\n  pasted \x0c page break\n", 2, 10),
        ("\x00", 1, 1),
    ],
)
def test_control_characters_are_reported_where_they_stand(
    text: str, line: int, column: int
) -> None:
    node, problems = compose(text)
    assert node is None
    [problem] = problems
    assert (problem.code, problem.line, problem.column) == ("control-character", line, column)
    assert "remove it" in problem.message


def test_control_character_position_in_a_file_with_cr_line_endings() -> None:
    _, [problem] = compose("id: a\rtitle: t\rsummary: x\x07\r")
    _, [syntax] = compose("id: a\rtitle: t\rsummary: [x\r")
    # the reader counts CR as a line break: the end of the third line, where the list is cut
    assert (syntax.line, syntax.column) == (3, 12)
    assert (problem.code, problem.line, problem.column) == ("control-character", 3, 11)


def test_escaped_control_characters_in_double_quotes_are_text() -> None:
    node = read('title: "\\e]52;c;aGk=\\a"\n')
    assert scalar(node, "title") == "\x1b]52;c;aGk=\x07"


def test_positions_after_a_line_separator_in_quoted_text_count_real_lines() -> None:
    root = read('summary: "one\u2028two"\ntitle: t\nid: a\n')
    key, _ = root.items["id"]
    assert key.line == 3


def test_a_line_separator_pasted_into_block_text_is_kept_or_reported_where_it_stands() -> None:
    node, problems = compose("text: |\n  one\u2028two\ntitle: t\n")
    if node is None:
        assert [p.line for p in problems] == [2]
    else:
        assert isinstance(node, MapNode)
        assert scalar(node, "text") == "one\u2028two\n"


# -- positions --------------------------------------------------------------------------------


def test_positions_are_one_based_lines_and_columns() -> None:
    text = "id: a\npeople:\n  - id: p\n    name:   Foo\n    aliases: [X, Y]\n"
    root = read(text)
    assert (root.line, root.column) == (1, 1)
    key, id_node = root.items["id"]
    assert (key.line, key.column) == (1, 1)
    assert (id_node.line, id_node.column) == (1, 5)
    people = value(root, "people")
    assert isinstance(people, SeqNode)
    assert (people.line, people.column) == (3, 3)
    person = people.items[0]
    assert isinstance(person, MapNode)
    assert (person.line, person.column) == (3, 5)
    name = value(person, "name")
    assert (name.line, name.column) == (4, 13)
    aliases = value(person, "aliases")
    assert isinstance(aliases, SeqNode)
    assert [(i.line, i.column) for i in aliases.items] == [(5, 15), (5, 18)]


def test_positions_count_characters_not_bytes() -> None:
    root = read("title: Hoàng Xuân Chiến\nid: a\n")
    _, id_node = root.items["id"]
    assert (id_node.line, id_node.column) == (2, 5)
    root = read("tên: Chiến\nx: [Chiến, y]\n")
    items = value(root, "x")
    assert isinstance(items, SeqNode)
    assert (items.items[1].line, items.items[1].column) == (2, 12)
