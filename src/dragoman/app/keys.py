"""The app's own key bindings (:data:`APP_BINDINGS`), and remapping keys: a TOML file of binding
ids and the keys they should answer to.

``$DRAGOMAN_CONFIG_DIR/keys.toml``, else ``keys.toml`` in the user config folder
(``~/.config/dragoman/keys.toml`` on Linux)::

    [keys]
    "app.back" = "backspace,alt+left,h"
    "list.down" = "down,j,ctrl+n"

Uses nothing of dragoman.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

from textual.binding import Binding, BindingType


def keys_file() -> Path:
    env = os.environ.get("DRAGOMAN_CONFIG_DIR")
    if env:
        return Path(env).expanduser() / "keys.toml"
    import platformdirs

    return Path(platformdirs.user_config_dir("dragoman", appauthor=False)) / "keys.toml"


def load_keymap(path: Path, known: set[str]) -> tuple[dict[str, str], list[str]]:
    """The remapping in ``path`` and the problems found in it (a missing file is no problem)."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}, []
    except (OSError, UnicodeDecodeError) as exc:
        return {}, [f"{path}: cannot read the keys file ({exc}); keys are the defaults"]
    except tomllib.TOMLDecodeError as exc:
        return {}, [f"{path}: not valid TOML ({exc}); keys are the defaults"]
    table = data.get("keys", {})
    if not isinstance(table, dict):
        return {}, [f"{path}: [keys] must be a table of binding ids and keys"]
    keymap: dict[str, str] = {}
    problems: list[str] = []
    for binding_id, keys in table.items():
        if binding_id not in known:
            problems.append(
                f"{path}: there is no binding {binding_id!r}; see docs/keys.md for the ids"
            )
            continue
        if not isinstance(keys, str) or not keys.strip():
            problems.append(f'{path}: the keys of {binding_id!r} must be text such as "j,down"')
            continue
        keys = keys.replace(" ", "")
        if not all(ch.isprintable() for ch in keys):
            problems.append(
                f"{path}: the keys of {binding_id!r} hold a control character; "
                "write key names such as ctrl+j or f5"
            )
            continue
        keymap[binding_id] = keys
    return keymap, problems


def view_bindings(namespace: str = "") -> list[BindingType]:
    """The keys of the analyst's views: in the browser (``namespace`` empty; kept out of its
    full footer) and in every view (``app.``, the app's actions, shown in the view's footer),
    with the same ids, so one line of the keys file remaps both."""
    show = bool(namespace)
    return [
        Binding(
            "t",
            f"{namespace}timeline",
            "Timeline",
            show=show,
            id="app.timeline",
            tooltip="the timeline of the events the query finds (all with none), by year",
        ),
        Binding(
            "p",
            f"{namespace}proposals",
            "Proposals",
            show=show,
            id="app.proposals",
            tooltip="the proposal tracker: status, title and trail of what the query finds",
        ),
        Binding(
            "w",
            f"{namespace}who_met",
            "Who met",
            show=show,
            id="app.who_met",
            tooltip="who met whom: pairs of countries, or everyone a party has met",
        ),
    ]


def workflow_bindings(namespace: str = "") -> list[BindingType]:
    """The keys of the analyst's workflow, with the same ids in the browser (``namespace``
    empty) and in every view (``app.``: a view is a modal screen, which the app's own keys do
    not reach). Each acts on the row under the cursor of the list in focus (a view's list too),
    else on what the detail shows; n and B act anywhere but a text field."""
    return [
        Binding(
            "e",
            f"{namespace}edit",
            "Edit",
            show=False,
            id="app.edit",
            tooltip="edit the briefing where it is declared, at the line, in $VISUAL or $EDITOR",
        ),
        Binding(
            "n",
            f"{namespace}new_briefing",
            "New briefing",
            show=False,
            id="app.new",
            tooltip="a new briefing from the template: asks title and date, opens it in the editor",
        ),
        Binding(
            "y",
            f"{namespace}copy_id",
            "Copy id",
            show=False,
            id="app.copy_id",
            tooltip="copy its id",
        ),
        Binding(
            "c",
            f"{namespace}cite",
            "Cite",
            show=False,
            id="app.cite",
            tooltip="copy a citation: title, date, and each source with publisher, date and URL",
        ),
        Binding(
            "o",
            f"{namespace}open_source",
            "Open source",
            show=False,
            id="app.open_source",
            tooltip="open the source URL of its briefing (choose when several) in the browser",
        ),
        Binding(
            "x",
            f"{namespace}export",
            "Export",
            show=False,
            id="app.export",
            tooltip="export its dossier (Markdown or JSON) to a file",
        ),
        Binding("b", f"{namespace}pin", "Pin", show=False, id="app.pin", tooltip="pin or unpin it"),
        Binding(
            "B",
            f"{namespace}pins",
            "Pins",
            show=False,
            id="app.pins",
            tooltip="the pins: what you follow, with current title, kind and date",
        ),
    ]


# The app's own keys, each with an id (remappable) and a tooltip (the keys screen says it).
APP_BINDINGS: list[BindingType] = [
    Binding(
        "slash",
        "focus_search",
        "Search",
        id="app.search",
        tooltip="go to the search bar: typing there updates every pane as you type",
    ),
    Binding(
        "escape",
        "escape",
        "Back out",
        show=False,
        id="app.escape",
        tooltip="clear the query; pressed again, back out one step at a time",
    ),
    Binding(
        "backspace,alt+left,left_square_bracket",
        "history_back",
        "Back",
        id="app.back",
        tooltip="back to the previous entity",
    ),
    Binding(
        "alt+right,right_square_bracket",
        "history_forward",
        "Forward",
        show=False,
        id="app.forward",
        tooltip="forward again",
    ),
    *view_bindings(),
    *workflow_bindings(),
    Binding(
        "f",
        "facets",
        "Facets",
        show=False,
        id="app.facets",
        tooltip="show or hide the facets: the query's counts by kind, country, year, tag…",
    ),
    Binding("f1,question_mark", "help", "Help", id="app.help", tooltip="these keys"),
    Binding(
        "f2",
        "problems",
        "Problems",
        id="app.problems",
        tooltip="the problems found in the briefings, with file and line",
    ),
    Binding(
        "f5,ctrl+r",
        "refresh",
        "Read changes",
        show=False,
        id="app.refresh",
        tooltip="read the briefings changed since (the app also looks every few seconds)",
    ),
    Binding(
        "ctrl+q",
        "quit",
        "Quit",
        priority=True,
        id="app.quit",
        tooltip="quit, from anywhere (q too, in a list or the detail)",
    ),
    Binding(
        "ctrl+c",
        "quit",
        "Quit",
        show=False,
        priority=True,
        id="app.quit_always",
        tooltip="quit, always",
    ),
]
