"""Cell diagrams drawn from the equations: quantities as nodes, dependencies as edges, Graphviz layout.

The graph is read off the cell's equations (nothing is drawn by hand): every quantity of the
step is a node, the input and the previous states are source nodes, the new states are sink
nodes, and an edge u → q means that q's equation reads u, either element-wise (black) or
through a matrix (grey, labelled with the matrix). Vector parameters (biases, peepholes) sit
in yellow notes. Edges on an element-wise path from a state at t-1 to the same state at t (the
LSTM's c_{t-1} → c_t, the GRU's z ⊙ h_{t-1}) are red: the paths along which gradients flow
back without a matrix product. The DOT text is written here and laid out by Graphviz ``dot``.
"""
from __future__ import annotations

import html
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import sympy

from ..cells.algebra import Mat, MatVec, is_vec, shift_of, sigmoid, vec_name
from ..cells.cell import INPUT, Cell
from ..cells.registry import cell as _lookup

__all__ = ["Node", "Edge", "CellGraph", "cell_graph", "dot_source", "render", "dot_available",
           "FORMATS", "LEGEND"]

#: Output formats ``render`` writes (Graphviz ``-T`` names).
FORMATS = ("svg", "png", "dot")

FONT = "DejaVu Sans"

#: How each kind of node looks: the rendering facts as data.
NODE_STYLES = {
    "input": {"shape": "ellipse", "style": "filled", "fillcolor": "#e6e6e6", "color": "#7f7f7f"},
    "previous": {"shape": "box", "style": "rounded,filled", "fillcolor": "#d4e6f7", "color": "#2f6ea6"},
    "state": {"shape": "box", "style": "rounded,filled,bold", "fillcolor": "#d4e6f7", "color": "#2f6ea6",
              "penwidth": "2"},
    "gate": {"shape": "circle", "style": "filled", "fillcolor": "#fde2c4", "color": "#c46a10"},
    "candidate": {"shape": "circle", "style": "filled", "fillcolor": "#d9efd2", "color": "#3d8a2f"},
    "quantity": {"shape": "ellipse", "style": "filled", "fillcolor": "#ffffff", "color": "#555555"},
    "parameters": {"shape": "note", "style": "filled", "fillcolor": "#fff5c2", "color": "#b39b2e",
                   "fontsize": "10"},
}

EDGE_STYLES = {
    "elementwise": {"color": "#222222"},
    "linear": {"color": "#8c8c8c", "fontcolor": "#5c5c5c", "fontsize": "10"},
    "parameters": {"color": "#b39b2e", "style": "dashed", "arrowhead": "none"},
    "carry": {"color": "#c0392b", "penwidth": "2.5"},
}

#: One line per visual convention, for captions.
LEGEND = (
    "blue boxes: states (thin: at t-1, bold: at t); grey: the input x_t; "
    "orange circles: σ gates; green circles: tanh quantities; white: other quantities; "
    "yellow notes: bias and peephole vectors; black edges: element-wise dependencies; "
    "grey edges: through the matrix on the label; red edges: element-wise paths from a state "
    "at t-1 to itself at t."
)

#: Function heads that give a quantity its kind and the operator shown under its name.
HEADS = {sigmoid: ("gate", "σ"), sympy.tanh: ("candidate", "tanh")}


@dataclass(frozen=True)
class Node:
    """A node: ``kind`` is a key of NODE_STYLES; ``name`` the quantity (or parameters) it shows."""

    id: str
    kind: str
    name: str
    time: str = "t"           # subscript: "t" or "t-1" ("" for parameters)
    op: str = ""              # σ, tanh: the function the equation applies last


@dataclass(frozen=True)
class Edge:
    """``src`` → ``dst``; ``kind`` is a key of EDGE_STYLES; ``label`` the matrices on a linear edge."""

    src: str
    dst: str
    kind: str
    label: str = ""


@dataclass(frozen=True)
class CellGraph:
    """The dependency graph of one step of a cell."""

    cell: str
    nodes: tuple
    edges: tuple

    def node(self, id_: str) -> Node:
        for n in self.nodes:
            if n.id == id_:
                return n
        raise KeyError(f"graph of {self.cell!r} has no node {id_!r}")

    def edges_between(self, src: str, dst: str) -> list[Edge]:
        return [e for e in self.edges if e.src == src and e.dst == dst]

    def dot(self) -> str:
        """The graph as DOT text (deterministic: same cell, same bytes)."""
        return _dot(self)

    def layout(self, fmt: str = "svg", *, timeout: float = 60) -> bytes:
        """The picture laid out by Graphviz ``dot`` as ``fmt`` ("svg" or "png") bytes."""
        return _run_dot(self.dot(), fmt, timeout)

    def _repr_svg_(self):
        """Jupyter shows the diagram where Graphviz is installed (and the DOT text otherwise)."""
        return self.layout("svg").decode() if dot_available() else None

    def _repr_pretty_(self, p, cycle):
        p.text(f"CellGraph({self.cell!r}: {len(self.nodes)} nodes, {len(self.edges)} edges)")


def _node_id(e) -> str:
    """Node id of a quantity reference: x(t) → x, s(t-1) → s_prev, q(t) → q."""
    name = vec_name(e)
    if name == INPUT:
        return "x"
    return f"{name}_prev" if shift_of(e) == -1 else name


def _reads(expr, through=None, out=None):
    """{node id: set of matrix names ('' for element-wise)} of everything ``expr`` reads."""
    out = {} if out is None else out
    if is_vec(expr):
        out.setdefault(_node_id(expr), set()).add(through or "")
        return out
    if isinstance(expr, MatVec):
        return _reads(expr.vector, expr.matrix.name, out)
    for a in expr.args:
        _reads(a, through, out)
    return out


def _vector_params(expr) -> list[str]:
    names = {s.name for s in expr.free_symbols if isinstance(s, sympy.Symbol)
             and not isinstance(s, Mat) and s.name != "t"}
    return sorted(names)


def cell_graph(cell) -> CellGraph:
    """The dependency graph of ``cell`` (a Cell or a built-in name), read off its equations."""
    c = _lookup(cell) if isinstance(cell, str) else cell
    if not isinstance(c, Cell):
        raise TypeError(f"expected a Cell or a cell name, got {type(cell).__name__}")
    nodes = [Node("x", "input", INPUT)]
    nodes += [Node(f"{s}_prev", "previous", s, "t-1") for s in c.states]
    edges = []
    for eq in c.equations:
        q, rhs = vec_name(eq.lhs), eq.rhs
        head = HEADS.get(rhs.func) if rhs.args else None
        kind = "state" if q in c.states else (head[0] if head else "quantity")
        nodes.append(Node(q, kind, q, "t", head[1] if head else ""))
        for src, through in _reads(rhs).items():
            if "" in through:
                edges.append(Edge(src, q, "elementwise"))
            mats = sorted(m for m in through if m)
            if mats:
                edges.append(Edge(src, q, "linear", ", ".join(mats)))
        vp = _vector_params(rhs)
        if vp:
            nodes.append(Node(f"params_{q}", "parameters", ", ".join(vp), ""))
            edges.append(Edge(f"params_{q}", q, "parameters"))
    plain = {n.id for n in nodes if n.kind == "quantity"}
    edges = _mark_carries(c, edges, plain)
    return CellGraph(c.name, tuple(nodes), tuple(edges))


def _mark_carries(c: Cell, edges: list[Edge], plain: set) -> list[Edge]:
    """Element-wise edges on a path s_{t-1} → ... → s_t become ``carry`` edges.

    The path may pass through ``plain`` quantities (no σ or tanh of their own) but not through a
    gate: the memory path, not every element-wise influence (a peephole reads c_{t-1} too).
    """
    ew = [(e.src, e.dst) for e in edges if e.kind == "elementwise"]
    previous = {f"{s}_prev" for s in c.states}
    ew = [(a, b) for a, b in ew if (a in plain or a in previous) and (b in plain or b in c.states)]
    marked = set()
    for s in c.states:
        fwd = _reach(f"{s}_prev", ew)
        bwd = _reach(s, [(b, a) for a, b in ew])
        marked |= {(a, b) for a, b in ew if a in fwd and b in bwd}
    return [Edge(e.src, e.dst, "carry") if e.kind == "elementwise" and (e.src, e.dst) in marked else e
            for e in edges]


def _reach(start, pairs) -> set:
    seen, todo = {start}, [start]
    while todo:
        u = todo.pop()
        for a, b in pairs:
            if a == u and b not in seen:
                seen.add(b)
                todo.append(b)
    return seen


# ------------------------------------------------------------------------------ DOT text
def _attrs(d: dict) -> str:
    return ", ".join(f'{k}="{v}"' for k, v in d.items())


def _html_name(name: str, italic: bool = True) -> str:
    """``W_f`` → W<SUB>f</SUB>: the first underscore starts a subscript, as in the LaTeX."""
    base, _, sub = name.partition("_")
    out = f"<I>{html.escape(base)}</I>" if italic else html.escape(base)
    return out + (f"<SUB>{html.escape(sub)}</SUB>" if sub else "")


def _label(n: Node) -> str:
    if n.kind == "parameters":
        return "<" + ", ".join(_html_name(p) for p in n.name.split(", ")) + ">"
    base, _, sub = n.name.partition("_")
    time = n.time.replace("-", "&minus;")
    body = f"<I>{html.escape(base)}</I><SUB>{html.escape(sub) + ',' if sub else ''}{time}</SUB>"
    if n.op:
        body += f'<BR/><FONT POINT-SIZE="10">{html.escape(n.op)}</FONT>'
    return f"<{body}>"


def _dot(g: CellGraph) -> str:
    lines = [f'digraph "{g.cell}" {{',
             f'  graph [rankdir="LR", fontname="{FONT}", nodesep="0.25", ranksep="0.45", '
             f'bgcolor="white", pad="0.15"];',
             f'  node [fontname="{FONT}", fontsize="13", margin="0.06,0.03"];',
             f'  edge [fontname="{FONT}", arrowsize="0.7"];']
    for n in g.nodes:
        style = dict(NODE_STYLES[n.kind])
        if n.kind in ("gate", "candidate"):
            style.update({"width": "0.62", "fixedsize": "true"})
        lines.append(f'  "{n.id}" [label={_label(n)}, {_attrs(style)}];')
    sources = [n.id for n in g.nodes if n.kind in ("input", "previous")]
    sinks = [n.id for n in g.nodes if n.kind == "state"]
    lines.append("  { rank=source; " + " ".join(f'"{i}";' for i in sources) + " }")
    lines.append("  { rank=sink; " + " ".join(f'"{i}";' for i in sinks) + " }")
    for e in g.edges:
        style = dict(EDGE_STYLES[e.kind])
        label = f", label=<{', '.join(_html_name(m) for m in e.label.split(', '))}>" if e.label else ""
        lines.append(f'  "{e.src}" -> "{e.dst}" [{_attrs(style)}{label}];')
    lines.append("}")
    return "\n".join(lines) + "\n"


def dot_source(cell) -> str:
    """DOT text of the diagram of ``cell``."""
    return cell_graph(cell).dot()


# ------------------------------------------------------------------------------ rendering
def dot_available() -> bool:
    """True when Graphviz's ``dot`` is on the PATH."""
    return shutil.which("dot") is not None


def render(cell, path, *, fmt: str | None = None, timeout: float = 60) -> Path:
    """Draw ``cell`` to ``path``; the format (svg, png, dot) comes from ``fmt`` or the suffix.

    Raises ValueError for an unknown format and FileNotFoundError when Graphviz is missing.
    """
    path = Path(path)
    fmt = (fmt or path.suffix.lstrip(".")).lower()
    if fmt not in FORMATS:
        raise ValueError(f"unknown diagram format {fmt!r} (from {str(path)!r}); expected one of "
                         f"{', '.join(FORMATS)}")
    source = dot_source(cell)
    path.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "dot":
        path.write_text(source)
        return path
    data = _run_dot(source, fmt, timeout)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    tmp.replace(path)
    return path


def _run_dot(source: str, fmt: str, timeout: float) -> bytes:
    exe = shutil.which("dot")
    if exe is None:
        raise FileNotFoundError("Graphviz 'dot' is not installed (Debian: apt-get install graphviz)")
    args = [exe, f"-T{fmt}"] + (["-Gdpi=110"] if fmt == "png" else [])
    proc = subprocess.run(args, input=source.encode(), capture_output=True, timeout=timeout,
                          env={"PATH": "/usr/bin:/bin:/usr/local/bin", "SOURCE_DATE_EPOCH": "0"})
    if proc.returncode != 0:
        raise RuntimeError(f"Graphviz dot failed: {proc.stderr.decode(errors='replace').strip()}")
    return proc.stdout
