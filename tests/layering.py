"""Who may import whom: the apps of `smartcity` in one order, checked from the source (AST), not at run time.

Every reference from one app to another counts: `import`/`from … import` at module level, inside functions and
inside `if TYPE_CHECKING:` blocks, and the string references Django resolves later — `apps.get_model("app",
"Model")`, `"app.Model"` in a relation, `"smartcity.app…"` dotted paths (URL includes, settings-like strings).
An app may refer only to apps below it in `LAYERS`; a reference upwards, or between apps not in the order, is a
violation, and so is any cycle (which a strict order rules out anyway, but the cycle report names the loop).
Migrations are left out: they record how the schema got here (an old migration may name a model that has since
moved to another app), and rewriting them would break databases already migrated; `models.py` says where the
schema stands today.

Run `python tests/layering.py [SRC]` for the figures: references between apps, deferred (function-level)
cross-app imports, cycles between apps, the largest modules.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

PACKAGE = "smartcity"

# From the ground up. Apps not written yet (the data platform) hold their place so that nothing is built above
# or below where it belongs; an app that is absent from the tree is simply not checked.
LAYERS: tuple[str, ...] = (
    "core",
    "accounts",
    "program",
    "notifications",
    "proposals",
    "evaluation",
    "certification",
    "endorsements",
    "dataspaces",
    "context",
    "timeseries",
    "catalogue",
    "indicators",
    "registry",
    "api",
    "portal",
)

# Modules of the project package that are not apps: the wiring at the top (settings, URLs, servers) may name
# every app; nothing inside an app may import them except `settings` through django.conf.
WIRING = {"settings", "urls", "wsgi", "asgi", "__init__"}

# Django app labels that differ from the package name; filled as apps declare one.
LABELS: dict[str, str] = {}


@dataclass(frozen=True)
class Reference:
    source: str  # app that refers
    target: str  # app referred to
    path: Path
    line: int
    text: str
    deferred: bool  # inside a function body (or a method): imported when called, not when loaded
    string: bool = False  # a string Django resolves later ("app.Model", apps.get_model, "smartcity.app...")

    @property
    def kind(self) -> str:
        if self.string:
            return "string reference"
        return "deferred import" if self.deferred else "import"

    def where(self, root: Path) -> str:
        return f"{self.path.relative_to(root.parent) if root.parent in self.path.parents else self.path}:{self.line}"


def app_of(module: str) -> str | None:
    """`smartcity.evaluation.services.x` -> `evaluation`; None for modules outside the package or the wiring."""
    parts = module.split(".")
    if len(parts) < 2 or parts[0] != PACKAGE or parts[1] in WIRING:
        return None
    return parts[1]


def _module_name(root: Path, path: Path) -> str:
    relative = path.relative_to(root.parent).with_suffix("")
    parts = list(relative.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _resolve(module_name: str, is_package: bool, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    base = module_name.split(".")
    if not is_package:
        base = base[:-1]
    if node.level > 1:
        base = base[: len(base) - (node.level - 1)]
    return ".".join([*base, node.module] if node.module else base)


class _Collector(ast.NodeVisitor):
    def __init__(self, root: Path, path: Path) -> None:
        self.path = path
        self.module = _module_name(root, path)
        self.is_package = path.name == "__init__.py"
        self.app = app_of(self.module)
        self.depth = 0  # function nesting
        self.found: list[tuple[str, int, str, bool, bool]] = []  # (target, line, text, deferred, string)
        self.source_lines: list[str] = []

    def _add(self, target: str, node: ast.AST, string: bool = False) -> None:
        line = getattr(node, "lineno", 0)
        text = self.source_lines[line - 1].strip() if 0 < line <= len(self.source_lines) else ""
        self.found.append((target, line, text, self.depth > 0, string))

    def _function(self, node: ast.AST) -> None:
        self.depth += 1
        self.generic_visit(node)
        self.depth -= 1

    visit_FunctionDef = visit_AsyncFunctionDef = visit_Lambda = _function

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            self._add(alias.name, node)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        base = _resolve(self.module, self.is_package, node)
        if base == PACKAGE:  # `from smartcity import evaluation`
            for alias in node.names:
                self._add(f"{PACKAGE}.{alias.name}", node)
        else:
            self._add(base, node)

    def visit_Call(self, node: ast.Call) -> None:
        # apps.get_model("evaluation", "Assignment") / apps.get_model("evaluation.Assignment")
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        if name in {"get_model", "get_app_config"} and node.args:
            first = node.args[0]
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                label = first.value.split(".")[0]
                self._add(f"{PACKAGE}.{LABELS.get(label, label)}", node, string=True)
        self.generic_visit(node)

    def visit_Constant(self, node: ast.Constant) -> None:
        value = node.value
        if isinstance(value, str) and value.startswith(f"{PACKAGE}.") and " " not in value:
            self._add(value, node, string=True)


def _is_model_reference(value: str) -> bool:
    """`"evaluation.Assignment"`: a label, a dot, a capitalised model name."""
    label, _, model = value.partition(".")
    return bool(label) and label.isidentifier() and model.isidentifier() and model[:1].isupper()


def _relation_strings(tree: ast.AST) -> Iterator[tuple[str, ast.AST]]:
    # ForeignKey("evaluation.Assignment", ...), to="evaluation.Assignment", ("evaluation", "0002_x") dependencies
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            candidates = list(node.args[:1]) + [kw.value for kw in node.keywords if kw.arg == "to"]
            for arg in candidates:
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str) and _is_model_reference(arg.value):
                    yield arg.value.split(".")[0], arg


def apps_in(root: Path) -> set[str]:
    """The apps present in the tree: packages directly under `root`."""
    return {path.parent.name for path in root.glob("*/__init__.py")}


def references(root: Path) -> list[Reference]:
    """Every reference between two different apps under `root` (the `smartcity` package directory)."""
    known = apps_in(root)
    found: list[Reference] = []
    for path in sorted(root.rglob("*.py")):
        collector = _Collector(root, path)
        if collector.app is None or "migrations" in path.relative_to(root).parts:
            continue
        source = path.read_text(encoding="utf-8")
        collector.source_lines = source.splitlines()
        tree = ast.parse(source, filename=str(path))
        collector.visit(tree)
        for label, node in _relation_strings(tree):
            app = LABELS.get(label, label)
            if app in known:
                collector._add(f"{PACKAGE}.{app}", node, string=True)
        for target_module, line, text, deferred, string in collector.found:
            target = app_of(target_module)
            if target is None or target == collector.app or target not in known:
                continue
            found.append(Reference(collector.app, target, path, line, text, deferred, string))
    return found


def violations(refs: Iterable[Reference], order: tuple[str, ...] = LAYERS) -> list[Reference]:
    """References that point up the order, or to/from an app the order does not name."""
    rank = {app: index for index, app in enumerate(order)}
    return [
        ref for ref in refs if ref.source not in rank or ref.target not in rank or rank[ref.target] >= rank[ref.source]
    ]


def app_graph(refs: Iterable[Reference]) -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for ref in refs:
        graph.setdefault(ref.source, set()).add(ref.target)
        graph.setdefault(ref.target, set())
    return graph


def cycles(graph: dict[str, set[str]], limit: int = 100_000) -> list[tuple[str, ...]]:
    """Every elementary cycle between apps (each once, starting from its smallest app name)."""
    found: list[tuple[str, ...]] = []
    nodes = sorted(graph)
    for start in nodes:
        # Only cycles whose smallest node is `start`, so that each is found once.
        stack: list[tuple[str, list[str]]] = [(start, [start])]
        while stack and len(found) < limit:
            node, path = stack.pop()
            for nxt in sorted(graph[node]):
                if nxt == start:
                    found.append(tuple(path))
                elif nxt > start and nxt not in path:
                    stack.append((nxt, [*path, nxt]))
    return found


def report(root: Path, refs: list[Reference], order: tuple[str, ...] = LAYERS) -> str:
    """The failure message: each offending reference with file:line, then the cycles it closes."""
    bad = violations(refs, order)
    lines = [f"{len(bad)} reference(s) break the layer order {' < '.join(order)}:"]
    for ref in bad:
        lines.append(f"  {ref.where(root)}: {ref.source} -> {ref.target} ({ref.kind}) {ref.text}")
    loops = cycles(app_graph(refs))
    if loops:
        lines.append(f"{len(loops)} cycle(s) between apps:")
        lines.extend("  " + " -> ".join([*loop, loop[0]]) for loop in loops[:20])
    return "\n".join(lines)


def largest_modules(root: Path, count: int = 5) -> list[tuple[int, Path]]:
    sizes = [
        (len(path.read_text(encoding="utf-8").splitlines()), path)
        for path in root.rglob("*.py")
        if "migrations" not in path.parts
    ]
    return sorted(sizes, reverse=True)[:count]


def figures(root: Path) -> str:
    refs = references(root)
    graph = app_graph(refs)
    mutual = sorted({tuple(sorted((a, b))) for a in graph for b in graph[a] if a in graph.get(b, set())})
    deferred = [ref for ref in refs if ref.deferred]
    lines = [
        f"apps: {len(graph)}; app-to-app edges: {sum(len(t) for t in graph.values())}",
        f"pairs importing each other: {len(mutual)} {', '.join(f'{a}<->{b}' for a, b in mutual)}",
        f"cycles between apps: {len(cycles(graph))}",
        f"deferred (function-level) cross-app imports: {len(deferred)}",
        f"references breaking the order: {len(violations(refs))}",
        "largest modules: " + ", ".join(f"{p.relative_to(root.parent)} ({n})" for n, p in largest_modules(root)),
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent / "src" / PACKAGE
    print(figures(target))
