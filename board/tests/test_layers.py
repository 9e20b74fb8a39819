"""The package layers of docs/architecture.md, checked from the code's imports.

Each domain package may import only the packages below it in LAYERS; the
interfaces (web, api, graphql, admin glue, commands, devtools) may import any of
them, and no domain package imports an interface. Deferred imports inside
functions count: they hide a cycle, they do not remove it. No module imports a
private (_name) from another module.
"""

import ast
from pathlib import Path

import pytest

BOARD = Path(__file__).resolve().parents[1]

# Lowest first: a package may import the ones before it.
LAYERS = [
    "core",
    "scanning",
    "notifications",
    "resumes",
    "currencies",
    "places",
    "accounts",
    "search",
    "jobs",
    "companies",
    "applications",
    "quarantine",
    "analytics",
    "moderation",
    "payinsight",
    "listings",
    "alerts",
    "privacy",
]
# ops: probes, metrics and logs for the machines watching the site.
INTERFACES = {
    "web",
    "api",
    "graphql",
    "ops",
    "templatetags",
    "management",
    "devtools",
    "admin",
    "apps",
}


def package_of(path):
    parts = path.relative_to(BOARD).with_suffix("").parts
    return parts[0]


def board_imports(path):
    """(line, imported module, imported name) for every import of board code in the file."""
    tree = ast.parse(path.read_text(), str(path))
    module = ".".join(("board", *path.relative_to(BOARD).with_suffix("").parts))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name, None
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                up = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(up + ([node.module] if node.module else []))
            for alias in node.names:
                yield node.lineno, base, alias.name


def source_files():
    for path in sorted(BOARD.rglob("*.py")):
        parts = path.relative_to(BOARD).parts
        if parts[0] in ("tests", "migrations") or parts == ("__init__.py",):
            continue
        yield path


def test_every_package_is_placed():
    packages = {p.name for p in BOARD.iterdir() if (p / "__init__.py").exists()}
    modules = {p.stem for p in BOARD.glob("*.py") if p.stem != "__init__"}
    unplaced = (packages | modules) - set(LAYERS) - INTERFACES - {"tests", "migrations", "models"}
    assert not unplaced, f"add to LAYERS or INTERFACES (and docs/architecture.md): {unplaced}"


@pytest.mark.parametrize("path", list(source_files()), ids=lambda p: str(p.relative_to(BOARD)))
def test_imports_point_down(path):
    own = package_of(path)
    wrong = []
    for line, module, name in board_imports(path):
        parts = module.split(".")
        if parts[0] != "board":
            continue
        target = name if len(parts) == 1 else parts[1]  # `from board import x` names x
        if name and name.startswith("_") and not name.startswith("__"):
            wrong.append(f"line {line}: private {name} from {module}")
        if target == own or own in INTERFACES or own == "models":
            continue
        if target == "models":
            wrong.append(f"line {line}: imports board.models; import from the domain package")
        elif target in INTERFACES:
            wrong.append(f"line {line}: a domain package imports the interface {target}")
        elif target in LAYERS and LAYERS.index(target) > LAYERS.index(own):
            wrong.append(f"line {line}: {own} imports {target}, which sits above it")
    assert not wrong, "\n".join(wrong)
