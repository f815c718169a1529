"""The layout docs/architecture.md describes, checked over the whole package: no import cycle, no module
over 600 lines, no module taking another's private names, and analyze/ reading views rather than the write
path's modules.

Imports are read with ``ast`` from the source (those inside functions too), so the check needs no import
of the package and sees a lazy import that would hide a cycle at run time.
"""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = SRC / "newsweave"
MAX_LINES = 600

# Modules over MAX_LINES, each with the reason it is still allowed: none today.
TOO_LONG_ALLOWED: dict[str, str] = {}

# Imports from the write path that analyze/ still makes, each with its reason: none today (the
# postponement cue plans read moved to the kernel newsweave/plan_words.py).
ANALYZE_WRITE_PATH_ALLOWED: dict[tuple[str, str], str] = {}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in PACKAGE.rglob("*.py")}


def _imports(name: str, path: Path, known: set[str]) -> set[str]:
    """The package's modules that ``name`` imports (``from . import x`` counts as importing ``x``)."""
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            # ``from . import views`` imports the submodule; ``from ..store import Store`` the package.
            targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in known else base for a in node.names]
        else:
            continue
        for target in targets:
            while target and target not in known:
                target = target.rpartition(".")[0]
            if target and target != name:
                found.add(target)
    return found


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    return {name: _imports(name, path, set(modules)) for name, path in modules.items()}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                out.append(sorted(group))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def test_the_import_graph_is_read():
    graph = _graph()
    assert "newsweave.store.views" in graph["newsweave.analyze.timeline"]
    assert "newsweave.api.writes" in graph["newsweave.api.app"]


def test_no_import_cycle():
    assert _cycles(_graph()) == []


def test_no_module_is_over_600_lines():
    too_long = {}
    for name, path in _modules().items():
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > MAX_LINES and name not in TOO_LONG_ALLOWED:
            too_long[name] = lines
    assert too_long == {}


def test_analyze_reads_views_not_the_write_path():
    graph = _graph()
    found = {(name, target) for name, targets in graph.items() if name.startswith("newsweave.analyze")
             for target in targets if target.startswith(("newsweave.ingest", "newsweave.extract"))}
    assert found == set(ANALYZE_WRITE_PATH_ALLOWED)


def test_the_cycle_check_finds_a_cycle():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_the_architecture_page_names_what_exists():
    """docs/architecture.md's table of folders and modules: each one it names exists, and it names every
    folder of the package."""
    page = (SRC.parent / "docs" / "architecture.md").read_text(encoding="utf-8")
    table = page.split("## Folders and modules", 1)[1].split("\n## ", 1)[0]
    named = {cell.strip("`") for row in table.splitlines() if row.startswith("| `")
             for cell in row.split("|")[1].replace(",", " ").split()}
    assert {"store/", "analyze/", "api/", "renderers.py"} <= named
    assert [n for n in named if not (PACKAGE / n).exists()] == []
    folders = {f"{p.name}/" for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    assert folders - named == set()


def _private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def _private_names_taken(name: str, path: Path, known: set[str]) -> list[str]:
    """``from .x import _y`` and ``x._y`` where ``x`` is a module of the package (not the standard library's)."""
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    modules: dict[str, str] = {}  # local name -> one of the package's modules
    taken = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            modules.update({a.asname: a.name for a in node.names if a.asname and a.name in known})
        elif isinstance(node, ast.ImportFrom) and node.module != "__future__":
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            if not base.startswith("newsweave"):
                continue
            taken += [f"{name}: {base}.{a.name}" for a in node.names if _private(a.name)]
            modules.update({a.asname or a.name: f"{base}.{a.name}" for a in node.names if f"{base}.{a.name}" in known})
    for node in ast.walk(tree):
        if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in modules
                and _private(node.attr)):
            taken.append(f"{name}: {modules[node.value.id]}.{node.attr}")
    return taken


def test_no_module_takes_another_modules_private_names():
    modules = _modules()
    taken = [t for name, path in modules.items() for t in _private_names_taken(name, path, set(modules))]
    assert taken == []


def test_the_private_name_check_sees_both_forms(tmp_path):
    path = tmp_path / "m.py"
    path.write_text("from .stories import _score, public\nfrom . import stories as s\nfrom re import _parser\n"
                    "s._window(1)\n", encoding="utf-8")
    known = {"newsweave.link.stories", "newsweave.link.m"}
    assert _private_names_taken("newsweave.link.m", path, known) == [
        "newsweave.link.m: newsweave.link.stories._score", "newsweave.link.m: newsweave.link.stories._window"]
