"""The layout a newcomer relies on: each package imports only the layers below it, and no
module imports itself back through others, not even from inside a function."""

import ast
from collections import defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# What each package may import, besides itself. `project` assembles everything.
MAY_IMPORT = {
    "lib": set(),
    "isu": {"lib"},
    "meetings": {"lib", "isu"},
    "workplans": {"lib", "isu", "meetings"},
    "budgets": {"lib", "isu", "meetings", "workplans"},
    "reporting": {"lib", "isu", "meetings", "workplans", "budgets"},
    "financing": {"lib", "isu", "meetings", "workplans", "budgets"},
    "sponsorship": {"lib", "isu", "meetings", "workplans", "budgets", "financing"},
    "workspace": {"lib", "isu", "meetings", "workplans", "budgets", "reporting", "financing"},
    "demo": {"lib", "isu", "meetings", "workplans", "budgets", "reporting", "sponsorship",
             "financing"},
    "project": {"lib", "isu", "meetings", "workplans", "budgets", "reporting", "sponsorship",
                "financing", "workspace", "demo"},
}


def module_name(path):
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def source_modules():
    for package in MAY_IMPORT:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" not in path.parts:
                yield module_name(path), path


def imported_modules(name, path):
    """Every module this one imports, at the top or inside a function."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1]
                                + ([base] if base else []))
            yield base
            for alias in node.names:
                yield f"{base}.{alias.name}"


@pytest.fixture(scope="module")
def graph():
    modules = dict(source_modules())
    edges = defaultdict(set)
    for name, path in modules.items():
        for target in imported_modules(name, path):
            while target and target not in modules:
                target = target.rpartition(".")[0]
            if target and target != name:
                edges[name].add(target)
    return modules, edges


def test_each_package_imports_only_the_layers_below_it(graph):
    _modules, edges = graph
    wrong = sorted(
        f"{source} imports {target}"
        for source, targets in edges.items() for target in targets
        if target.split(".")[0] != source.split(".")[0]
        and target.split(".")[0] not in MAY_IMPORT[source.split(".")[0]]
    )
    assert wrong == []


def test_no_module_imports_itself_back_through_others(graph):
    modules, edges = graph
    # Tarjan's strongly connected components: a component of more than one module is a cycle.
    index, low, on_stack, stack, cycles = {}, {}, set(), [], []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in edges[node]:
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for node in modules:
        if node not in index:
            visit(node)
    assert cycles == [], "\n".join(" ↔ ".join(cycle) for cycle in cycles)
