"""Imports run one way (cli → pipeline → pdf → dossier → files/policy → base) and never in a
circle; the core never imports Typer or Rich; every module says what it is."""

from __future__ import annotations

import ast
from pathlib import Path

import offsite_cli

PACKAGE = Path(offsite_cli.__file__).parent

# A layer may import its own folder and the layers after it (files and policy stand side by
# side: neither imports the other).
ORDER = ["__main__", "cli", "pipeline", "pdf", "dossier", "files", "policy", "base"]
SIDE_BY_SIDE = {("files", "policy"), ("policy", "files")}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def import_graph() -> dict[str, set[str]]:
    """Module → the offsite_cli modules it imports anywhere in it (inside functions too)."""
    modules = {_module_name(path): path for path in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        imported: set[str] = set()
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for guarded in [n for n in ast.walk(tree) if isinstance(n, ast.If) and _type_checking(n.test)]:
            guarded.body = []  # imports for type annotations only: they never run
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                imported.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                for alias in node.names:  # `from offsite_cli.policy import rules` names a module
                    full = f"{node.module}.{alias.name}"
                    imported.add(full if full in modules else node.module)
        graph[name] = {other for other in imported if other in modules and other != name}
    return graph


def _type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or \
        (isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every strongly connected set of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for other in sorted(graph[module]):
            if other not in index:
                visit(other)
                low[module] = min(low[module], low[other])
            elif other in on_stack:
                low[module] = min(low[module], index[other])
        if low[module] == index[module]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == module:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for module in sorted(graph):
        if module not in index:
            visit(module)
    return found


def _layer(module: str) -> str:
    """offsite_cli.policy.rules → policy (a sub-package is a layer; __main__ is its own)."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else parts[0]


def _imports_of_layer(graph: dict[str, set[str]], layer: str) -> dict[str, set[str]]:
    return {module: {_layer(other) for other in imported}
            for module, imported in graph.items() if _layer(module) == layer}


def test_the_graph_sees_imports_inside_functions() -> None:
    graph = import_graph()
    # cli/check.py imports the rules only inside _check (start-up time)
    assert "offsite_cli.policy.rules" in graph["offsite_cli.cli.check"]
    assert "offsite_cli.policy.values" in graph["offsite_cli.policy.rules"]


def test_policy_imports_only_policy_and_base() -> None:
    layers = _imports_of_layer(import_graph(), "policy")
    assert layers
    wrong = {module: used - {"policy", "base"} for module, used in layers.items()
             if used - {"policy", "base"}}
    assert not wrong, wrong


def test_base_imports_only_base() -> None:
    wrong = {module: used - {"base"} for module, used in _imports_of_layer(import_graph(), "base").items()
             if used - {"base"}}
    assert not wrong, wrong


def test_dossier_never_imports_pdf_or_cli_and_pdf_never_imports_cli() -> None:
    graph = import_graph()
    for layer, forbidden in (("dossier", {"pdf", "cli"}), ("pdf", {"cli"}), ("policy", {"cli"})):
        wrong = {module: used & forbidden
                 for module, used in _imports_of_layer(graph, layer).items() if used & forbidden}
        assert not wrong, (layer, wrong)


def test_imports_run_one_way_down_the_layers() -> None:
    wrong = []
    for module, imported in import_graph().items():
        here = _layer(module)
        for other in imported:
            there = _layer(other)
            if there == here or there not in ORDER or here not in ORDER:
                continue
            if ORDER.index(there) < ORDER.index(here) or (here, there) in SIDE_BY_SIDE:
                wrong.append(f"{module} imports {other}")
    assert wrong == []


def test_no_import_cycles_among_offsite_cli_modules() -> None:
    assert cycles(import_graph()) == []


def test_the_core_never_imports_typer_or_rich() -> None:
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        if _layer(_module_name(path)) in ("cli", "__main__"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [alias.name for alias in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            offenders += [f"{_module_name(path)}: {n}" for n in names
                          if n.split(".")[0] in ("typer", "rich", "click")]
    assert offenders == []


def _is_command(function: ast.FunctionDef) -> bool:
    """A function Typer reads options from: a parameter annotated Annotated[..., typer.Option]
    or with one of cli/common's option types (…Option, …Argument)."""
    for argument in function.args.args + function.args.kwonlyargs:
        source = ast.unparse(argument.annotation) if argument.annotation is not None else ""
        if "Annotated[" in source or source.endswith(("Option", "Argument")):
            return True
    return False


def test_modules_with_commands_do_not_postpone_their_annotations() -> None:
    """With `from __future__ import annotations`, Typer evaluates every option's annotation as a
    string on each start (typing.get_type_hints): about 1 ms a command, at every `offsite` run."""
    postponed = []
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        future = any(isinstance(node, ast.ImportFrom) and node.module == "__future__"
                     and any(alias.name == "annotations" for alias in node.names) for node in tree.body)
        if future and any(isinstance(node, ast.FunctionDef) and _is_command(node) for node in ast.walk(tree)):
            postponed.append(_module_name(path))
    assert postponed == []


def test_every_module_says_what_it_is_in_a_docstring() -> None:
    missing = [_module_name(path) for path in PACKAGE.rglob("*.py")
               if not ast.get_docstring(ast.parse(path.read_text(encoding="utf-8")))]
    assert missing == []


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def _value_set_literals(path: Path) -> list[tuple[int, list[str]]]:
    """Tuples, lists and sets of two or more strings that are all values of one value set."""
    from enum import StrEnum

    from offsite_cli.policy import values

    sets = [{member.value for member in enum} for enum in vars(values).values()
            if isinstance(enum, type) and issubclass(enum, StrEnum) and enum is not StrEnum]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Tuple | ast.List | ast.Set) and len(node.elts) >= 2 and all(
                isinstance(item, ast.Constant) and isinstance(item.value, str) for item in node.elts):
            strings = [item.value for item in node.elts]  # type: ignore[attr-defined]
            if any(set(strings) <= value_set for value_set in sets):
                found.append((node.lineno, strings))
    return found


def test_value_sets_are_written_once_in_policy_values() -> None:
    written = {str(path.relative_to(PACKAGE)): found for path in sorted(PACKAGE.rglob("*.py"))
               if path.name != "values.py" and (found := _value_set_literals(path))}
    assert not written, written
