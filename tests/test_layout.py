"""The package layout shows the pipeline: subpackages, imports that flow one way, no cycles.

The imports are read with ``ast`` from the source (every import statement, also those inside
functions and ``if TYPE_CHECKING`` blocks), so a cycle cannot come back unnoticed.
"""
import ast
from pathlib import Path

import pytest

import symlstm

ROOT = Path(symlstm.__file__).parent
#: The only modules at the top of the package (``unroll_bench`` is the thin entry of the
#: documented ``python -m symlstm.unroll_bench``).
TOP_LEVEL = {"__init__", "__main__", "derive", "bench", "unroll_bench"}
#: The subpackages, in pipeline order, then the wings.
PACKAGES = ("cells", "latex", "codegen", "checks", "verify", "unroll", "models", "docs", "commands")
MAX_CHAIN = 11


def _modules() -> dict[str, tuple[Path, bool]]:
    mods = {}
    for path in ROOT.rglob("*.py"):
        parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
        is_pkg = parts[-1] == "__init__"
        mods[".".join(parts[:-1] if is_pkg else parts)] = (path, is_pkg)
    return mods


def _targets(module: str, is_pkg: bool, node, mods) -> list[str]:
    if isinstance(node, ast.Import):
        names = [a.name for a in node.names]
    else:
        base = module.split(".") if is_pkg else module.split(".")[:-1]
        if node.level:
            base = base[: len(base) - (node.level - 1)]
            target = ".".join(base + ([node.module] if node.module else []))
        else:
            target = node.module or ""
        names = [f"{target}.{a.name}" if f"{target}.{a.name}" in mods else target for a in node.names]
    out = []
    for name in names:
        while name not in mods and "." in name:
            name = name.rsplit(".", 1)[0]
        if name in mods and name != module:
            out.append(name)
    return out


def import_graph() -> dict[str, set[str]]:
    """module -> the modules of symlstm it imports (anywhere in its source)."""
    mods = _modules()
    graph = {}
    for module, (path, is_pkg) in mods.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        graph[module] = {t for node in ast.walk(tree) if isinstance(node, (ast.Import, ast.ImportFrom))
                         for t in _targets(module, is_pkg, node, mods)}
    return graph


def cycles(graph) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan)."""
    index, low, stack, on, out, counter = {}, {}, [], set(), [], [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1 or v in graph[v]:
                out.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def longest_chain(graph) -> list[str]:
    """The longest import chain (in modules) of an acyclic graph."""
    memo = {}

    def chain(v):
        if v not in memo:
            memo[v] = [v] + max((chain(w) for w in graph[v]), key=len, default=[])
        return memo[v]

    return max((chain(v) for v in sorted(graph)), key=len)


GRAPH = import_graph()


def test_no_import_cycle():
    assert cycles(GRAPH) == []


def test_the_longest_import_chain_is_short():
    chain = longest_chain(GRAPH)
    assert len(chain) <= MAX_CHAIN, " -> ".join(chain)


def test_only_the_entry_points_sit_at_the_top():
    top = {p.stem for p in ROOT.glob("*.py")}
    assert top == TOP_LEVEL
    folders = {p.name for p in ROOT.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    assert folders == set(PACKAGES)


def test_no_module_imports_the_package_root():
    # the root re-exports the pipeline; a module importing it would close a cycle
    assert [m for m, deps in GRAPH.items() if "symlstm" in deps and m != "symlstm.unroll_bench"] == []


@pytest.mark.parametrize("stage", ["cells", "derive", "latex"])
def test_the_pipeline_does_not_import_its_wings(stage):
    wings = ("symlstm.verify", "symlstm.unroll", "symlstm.models", "symlstm.docs", "symlstm.commands")
    for module, deps in GRAPH.items():
        if module == f"symlstm.{stage}" or module.startswith(f"symlstm.{stage}."):
            bad = sorted(d for d in deps if d.startswith(wings))
            assert bad == [], (module, bad)


def test_the_checker_finds_a_cycle_and_a_chain():
    # the checker itself can fail: a made-up graph with a cycle and a known chain
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"e"}, "e": set()}
    assert cycles(graph) == [["a", "b", "c"]]
    assert longest_chain({"d": {"e"}, "e": {"f"}, "f": set(), "g": {"f"}}) == ["d", "e", "f"]


#: verify's folders, in the order of its pipeline: a folder imports only from folders before it.
VERIFY_STAGES = ("text", "claim", "numeric", "cell", "judging")


def test_verify_folders_import_one_way():
    stage = {s: i for i, s in enumerate(VERIFY_STAGES)}

    def of(module):
        parts = module.split(".")
        return parts[2] if len(parts) > 3 and parts[1] == "verify" else None

    assert {p.name for p in (ROOT / "verify").iterdir() if (p / "__init__.py").exists()} == set(VERIFY_STAGES)
    bad = [(m, d) for m, deps in GRAPH.items() if of(m) for d in deps
           if of(d) and stage[of(d)] > stage[of(m)]]
    assert bad == []
    # claim (symlstm's own names) and the author's reader (numeric, cell, judging) do not mix
    assert [(m, d) for m, deps in GRAPH.items() if of(m) in ("numeric", "cell", "judging") for d in deps
            if of(d) == "claim"] == []
