"""The package layout is the architecture: layers, one-way imports, small modules."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "plugins" / "warmtetoolbox"
# What each subpackage may import from the others (besides itself).
ALLOWED = {
    "model": set(),
    "search": {"model"},
    "reuse": {"model"},
    "history": {"model"},
    "site": {"model", "search", "reuse", "history"},
    "cli": {"model", "search", "reuse", "history", "site"},
    "mkdocs_plugin": {"model", "search", "reuse", "history", "site", "integrations"},
    "integrations": {"model", "site"},
    "__main__": {"cli"},
    "__init__": set(),
}
MAX_LINES = 400


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE).with_suffix("").parts)
    if parts[-1] == "__init__" and len(parts) > 1:
        parts = parts[:-1]
    return ".".join(parts)


def _imports(path: Path) -> set[str]:
    """Modules of this package that ``path`` imports, as dotted names below the package."""
    name = _module_name(path)
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                target = [*base, *(node.module.split(".") if node.module else [])]
            elif node.module and node.module.startswith("warmtetoolbox"):
                target = node.module.split(".")[1:]
            else:
                continue
            for alias in node.names:
                candidate = ".".join([*target, alias.name])
                if _exists(candidate):
                    found.add(candidate)
                elif target:
                    found.add(".".join(target))
        elif isinstance(node, ast.Import):
            found.update(
                a.name.split(".", 1)[1] for a in node.names if a.name.startswith("warmtetoolbox.")
            )
    return {f for f in found if f}


def _exists(dotted: str) -> bool:
    path = PACKAGE.joinpath(*dotted.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


MODULES = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
GRAPH = {name: _imports(path) for name, path in MODULES.items()}


def test_the_graph_sees_the_imports_it_should():
    # guards the checker itself: a known downward import must be found
    assert "model.entries" in GRAPH["site.pages"]
    assert "site.generated" in GRAPH["site.reuse_pages"]


def test_no_import_circle():
    state: dict[str, int] = {}
    path: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(GRAPH.get(node, ())):
            if state.get(nxt) == 1:
                cycle = [*path[path.index(nxt) :], nxt]
                pytest.fail("importcirkel: " + " → ".join(cycle))
            if nxt in GRAPH and not state.get(nxt):
                visit(nxt)
        path.pop()
        state[node] = 2

    for module in sorted(GRAPH):
        if not state.get(module):
            visit(module)


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_point_down_the_layers(module):
    layer = module.split(".")[0]
    wrong = sorted(t for t in GRAPH[module] if t.split(".")[0] not in ALLOWED[layer] | {layer})
    assert not wrong, f"{module} importeert {wrong}; laag '{layer}' mag alleen {ALLOWED[layer]}"


@pytest.mark.parametrize("module", sorted(MODULES))
def test_only_the_adapter_imports_mkdocs(module):
    if module == "mkdocs_plugin":
        return
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    names = [
        n.module if isinstance(n, ast.ImportFrom) else a.name
        for n in ast.walk(tree)
        if isinstance(n, ast.Import | ast.ImportFrom)
        for a in (n.names if isinstance(n, ast.Import) else [None])
    ]
    assert not [n for n in names if n and n.split(".")[0] == "mkdocs"]


@pytest.mark.parametrize("module", sorted(MODULES))
def test_modules_stay_small(module):
    lines = MODULES[module].read_text(encoding="utf-8").count("\n")
    assert lines < MAX_LINES, f"{module} heeft {lines} regels; splits het op"


def test_every_subpackage_says_what_it_holds_and_may_import():
    for init in PACKAGE.glob("*/__init__.py"):
        doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8")))
        assert doc and len(doc) > 40, f"{init} mist een docstring"
