"""One rendering of a page for every format whose page can differ only in its data JSON.

The five formats' `index.html` differ in two things: the `trail-data` JSON (ids, adapter
flags) and, in each block's `.data`, the ids of that format (SCORM 1.2's short
identifiers). Our theme prints neither the `format` nor those ids, so rendering the page
once per format did the same jinja2 work five times. What a theme reads is found from its
templates' syntax trees (the `.data` keys, whether it names `format`); formats that agree
on everything the theme reads share one rendering, with the data JSON put in afterwards.
A theme that reads more (`format`, a whole `.data` dict, a key not known until it runs, a
template chosen at run time) is rendered once per format, as before: the output is the same
bytes either way.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import meta, nodes
from markupsafe import Markup

from packager.runtime_data import CourseData
from packager.theme import cache_folder

PER_FORMAT = "format"  # the template variable that names the format
DATA_JSON = "data_json"  # the template variable carrying the format's data JSON


def known_data_keys(env: jinja2.Environment, name: str) -> frozenset[str] | None:
    """`data_keys()`, kept in trail's user cache beside the compiled templates (parsing the theme
    again costs as much as rendering it), by the content of every template of the theme and of
    this module, so an edited theme or a new trail finds it anew."""
    loader = env.loader
    if not isinstance(loader, jinja2.FileSystemLoader):
        return data_keys(env, name)
    sha = hashlib.sha256(f"{jinja2.__version__}\n{name}\n".encode())
    sha.update(Path(__file__).read_bytes())
    for n, theme in enumerate(loader.searchpath):
        for here, _, files in sorted(os.walk(theme)):
            for file in sorted(files):
                if file.endswith(".j2"):
                    path = Path(here) / file
                    sha.update(f"\n{n}:{path.relative_to(theme).as_posix()}\n".encode() + path.read_bytes())
    folder = cache_folder("templates")
    if folder is None:
        return data_keys(env, name)
    saved = folder / f"data-keys-{sha.hexdigest()[:32]}.json"
    try:
        keys = json.loads(saved.read_text(encoding="utf-8"))["keys"]
        return None if keys is None else frozenset(str(k) for k in keys)
    except (OSError, ValueError, KeyError, TypeError):
        pass  # not kept yet, or unreadable: found again below
    found = data_keys(env, name)
    partial = saved.with_name(f"{saved.name}.{os.getpid()}.part")
    try:
        partial.write_text(json.dumps({"keys": None if found is None else sorted(found)}), encoding="utf-8")
        partial.replace(saved)
    except OSError:
        pass  # a cache that cannot be written: found again next time
    return found


def data_keys(env: jinja2.Environment, name: str) -> frozenset[str] | None:
    """The `.data` keys the template `name` and every template it uses read; None when it reads
    anything that may differ per format in a way the syntax alone does not show."""
    keys: set[str] = set()
    todo, seen = [name], set()
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        assert env.loader is not None
        source, _, _ = env.loader.get_source(env, current)
        tree = env.parse(source, current)
        for ref in meta.find_referenced_templates(tree):
            if ref is None:  # a template chosen at run time
                return None
            todo.append(ref)
        if not _reads(tree, None, keys):
            return None
    return frozenset(keys)


def _reads(node: nodes.Node, parent: nodes.Node | None, keys: set[str]) -> bool:
    """Collect the `.data` keys under `node`; False for a use that could show a per-format value."""
    if isinstance(node, nodes.Name) and node.name == PER_FORMAT:
        return False
    if isinstance(node, nodes.Name) and node.name == DATA_JSON and not isinstance(parent, nodes.Output):
        return False  # only printed as it is can it be put in afterwards
    if isinstance(node, nodes.Getattr) and node.attr == "data":
        if isinstance(parent, nodes.Getattr) and parent.node is node and not hasattr(dict, parent.attr):
            keys.add(parent.attr)
        elif (isinstance(parent, nodes.Getitem) and parent.node is node and isinstance(parent.arg, nodes.Const)
              and isinstance(parent.arg.value, str)):
            keys.add(parent.arg.value)
        else:  # the whole dict (a filter, a loop, a method such as .get): any key may show
            return False
    return all(_reads(child, node, keys) for child in node.iter_child_nodes())


def _seen(data: CourseData, keys: frozenset[str]) -> list[Any]:
    """What of a format's block data the theme reads: equal for two formats → the same page."""
    def pick(entry: dict[str, Any] | None) -> Any:
        return None if entry is None else [(k, entry.get(k)) for k in sorted(keys)]

    return [[([pick(q) for q in b.questions], pick(b.reflection), pick(b.video)) for b in site]
            for site in data.blocks]


class SharedPage:
    """Renders of one template, shared between the formats that may share them."""

    def __init__(self, env: jinja2.Environment, name: str) -> None:
        self.template = env.get_template(name)
        self.keys = known_data_keys(env, name)
        self.marker = f"trail-data-{secrets.token_hex(16)}"  # never in a course: stands for the data JSON
        self.done: dict[tuple[str, str], str] = {}  # (part, what the theme reads of the data) → rendering
        self._seen: tuple[CourseData, str] | None = None  # the last data and what the theme reads of it

    def render(self, data: CourseData, data_json: Markup, context: Callable[[], dict[str, Any]],
               part: str = "page") -> str:
        """The page, or one site's part of it (`part`: its slug), for one format: its `data`, its
        `data_json`, and `context()`, what the template sees for it (made only when the page is
        rendered, not when another format's is taken)."""
        if self.keys is None:
            return self.template.render(context())
        if self._seen is None or self._seen[0] is not data:  # once per format, not once per part
            self._seen = (data, repr(_seen(data, self.keys)))
        key = (part, self._seen[1])
        page = self.done.get(key)
        if page is None:
            page = self.done[key] = self.template.render({**context(), DATA_JSON: Markup(self.marker)})
        return page.replace(self.marker, str(data_json))
