"""The booklet: every built-in cell's equations, derivation, Jacobians and diagram in one PDF (pdflatex)."""
from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import sympy

from ..codegen import __version__
from .diagram import LEGEND
from ..cells.algebra import Diag
from ..latex.printing import CellLatexPrinter
from .facts import EXAMPLE_SIZE, H_, I_, SYMBOLIC_SHAPES, param_count, role

__all__ = ["booklet_tex", "cell_tex", "compile_pdf", "break_rows", "overfull_rows", "BookletError",
           "pdflatex_available"]

#: Lines wider than this (in rough visible characters) are broken at their top-level sums.
WIDTH = 62
#: Diagonal factors of a long Jacobian whose contents are wider than this get their own line.
DIAG_WIDTH = 16

#: pdfTeX settings that make the PDF byte-identical run to run (no dates, no trailer ID, no
#: pdfTeX banner or file names), together with SOURCE_DATE_EPOCH / FORCE_SOURCE_DATE.
REPRODUCIBLE = r"""\pdfinfoomitdate=1
\pdftrailerid{}
\pdfsuppressptexinfo=-1"""


class BookletError(RuntimeError):
    """pdflatex rejected the booklet; the message carries the end of its log."""


def pdflatex_available() -> bool:
    return shutil.which("pdflatex") is not None


_TEX_SPECIAL = {"&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_", "{": r"\{", "}": r"\}",
                "~": r"\textasciitilde{}", "^": r"\textasciicircum{}", "\\": r"\textbackslash{}",
                "σ": r"$\sigma$", "⊙": r"$\odot$", "−": "-", "δ": r"$\delta$", "Δ": r"$\Delta$"}


def tex_escape(text: str) -> str:
    return "".join(_TEX_SPECIAL.get(ch, ch) for ch in text)


def _visible(s: str) -> int:
    """A rough count of the characters a LaTeX math string shows (for line breaking only)."""
    s = re.sub(r"\\(left|right|mathrm|operatorname|bar|hat|mathrel)\b", "", s)
    s = re.sub(r"\\[A-Za-z]+", "x", s)
    return len(re.sub(r"[{}_^\s]", "", s))


def break_rows(pairs, order, width: int = WIDTH, names=None) -> list[str]:
    """``align`` rows ``lhs &= rhs`` for (lhs LaTeX, rhs expression) pairs; a long sum is broken
    after whole terms, continuing on indented lines, in the printer's own term order."""
    p = CellLatexPrinter({"order": tuple(order), "names": names or {}})
    rows = []
    for lhs, rhs in pairs:
        full = p.doprint(rhs) if rhs != 0 else "0"
        if not rhs.is_Add or _visible(full) <= width:
            rows.append(f"{lhs} &= {full}")
            continue
        lines, current = [], ""
        for k, term in enumerate(sorted(rhs.args, key=p._ordering.term_key)):
            s = p.doprint(term)
            piece = s if k == 0 else (f"- {s[1:].lstrip()}" if s.startswith("-") else f"+ {s}")
            if current and _visible(current + piece) > width:
                lines.append(current)
                current = piece
            else:
                current = f"{current} {piece}".strip()
        lines.append(current)
        rows.append(f"{lhs} &= {lines[0]}" + "".join(f" \\\\\n  &\\qquad {line}" for line in lines[1:]))
    return rows


def _align(rows) -> str:
    return "\\begin{align*}\n" + " \\\\\n".join(rows) + "\n\\end{align*}"


def _eq_pairs(eqs, order):
    p = CellLatexPrinter({"order": tuple(order)})
    return [(p.doprint(eq.lhs), eq.rhs) for eq in eqs]


def _jacobian_rows(d, order) -> list[str]:
    """The one-step Jacobians; in a long one, each wide diagonal factor diag(v) is written diag(d_k)
    with d_k = v on a line of its own."""
    p = CellLatexPrinter({"order": tuple(order)})
    rows = []
    for (o, i), j in d.jacobians.items():
        lhs = rf"\frac{{\partial {p.doprint(sympy.Symbol(o))}_{{t}}}}{{\partial {p.doprint(sympy.Symbol(i))}_{{t-1}}}}"
        full = p.doprint(j) if j != 0 else "0"
        if _visible(full) <= WIDTH:
            rows.append(f"{lhs} &= {full}")
            continue
        named, names, where = {}, {}, []
        for diag in sorted(j.atoms(Diag), key=sympy.default_sort_key):
            if _visible(p.doprint(diag.args[0])) > DIAG_WIDTH:
                k = len(named) + 1
                sym = sympy.Symbol(f"jacobian_factor_{k}")
                named[diag] = Diag(sym)
                names[sym.name] = rf"\mathbf{{d}}_{{{k}}}"
                where.append((names[sym.name], diag.args[0]))
        rows += break_rows([(lhs, j.xreplace(named))], order, names=names)
        if where:
            rows[-1] += r"\\[-0.3em] & \text{with}"
            rows += break_rows(where, order)
    return rows


def _param_table(cell) -> str:
    n_in, n_hidden = EXAMPLE_SIZE
    shapes = cell.param_shapes(n_in, n_hidden)
    p = CellLatexPrinter()
    lines = [r"\begin{tabular}{llllr}", r"\toprule",
             rf"parameter & role & shape & numbers & at $I={n_in}$, $H={n_hidden}$ \\", r"\midrule"]
    for prm in cell.params:
        shape = r" \times ".join(sympy.latex(s) for s in SYMBOLIC_SHAPES[prm.kind])
        count = sympy.Mul(*SYMBOLIC_SHAPES[prm.kind])
        n = 1
        for s in shapes[prm.name]:
            n *= s
        lines.append(rf"${p.doprint(sympy.Symbol(prm.name))}$ & {role(prm)} & ${shape}$ & "
                     rf"${sympy.latex(count)}$ & {n:,} \\")
    total = param_count(cell)
    lines += [r"\midrule", rf"total & {len(cell.params)} arrays & & ${sympy.latex(total)}$ & "
              rf"{int(total.subs({I_: n_in, H_: n_hidden})):,} \\", r"\bottomrule", r"\end{tabular}"]
    return "\n".join(lines)


def _cell_section(cell, d, image: str | None, *, heading=True) -> str:
    order = cell.quantities
    title = rf"\texttt{{{tex_escape(cell.name)}}}"
    if cell.description:
        title += f": {tex_escape(cell.description)}"
    out = [r"\clearpage", rf"\section{{{title}}}"] if heading else []
    if image:
        out += [r"\begin{center}",
                rf"\includegraphics[width=0.9\linewidth,height=0.36\textheight,keepaspectratio]{{{image}}}",
                r"\end{center}",
                rf"{{\footnotesize Drawn from the equations by \texttt{{symlstm diagram {tex_escape(cell.name)}}}."
                rf" {tex_escape(LEGEND[0].upper() + LEGEND[1:])}\par}}"]
    out += [r"\subsection*{Forward pass}",
            r"For $t = 1, \dots, T$, with $\sigma$ the logistic function and $\odot$ the element-wise product:",
            _align(break_rows(_eq_pairs(cell.equations, order), order)),
            r"\subsection*{Backward pass}",
            r"$\Delta_t = \partial L/\partial h_t$ reaches $h_t$ from the loss; every $\delta$ at step $T+1$ "
            r"is zero. Derived by symlstm from the forward pass, not written by hand."]
    if d.preactivations:
        out += [r"Pre-activations:", _align(break_rows(_eq_pairs(d.preactivations, order), order))]
    out += [r"Adjoints and the input's gradient:",
            _align(break_rows(_eq_pairs([*d.adjoints, d.input_grad], order), order)),
            r"Parameter gradients (summed over steps and batch) and initial states:",
            _align(break_rows(_eq_pairs([*d.param_grads, *d.initial], order), order)),
            r"\subsection*{One-step Jacobians}"]
    out += [_align(_jacobian_rows(d, order)) if d.jacobians else
            r"Left out: written out, they would have more than 64 terms each.",
            r"\subsection*{Parameters}",
            r"\begin{center}", _param_table(cell), r"\end{center}"]
    return "\n".join(out)


def booklet_tex(entries, *, images: dict | None = None) -> str:
    """The LaTeX source of the booklet. ``entries``: (cell, derivation) pairs in order;
    ``images``: cell name -> file name of its diagram (PNG), looked up beside the .tex."""
    images = images or {}
    head = [r"\documentclass[10pt,a4paper]{article}", REPRODUCIBLE,
            r"\usepackage[margin=2cm]{geometry}", r"\usepackage[T1]{fontenc}",
            r"\usepackage{amsmath,amssymb,graphicx,booktabs}", r"\allowdisplaybreaks",
            r"\setlength{\parindent}{0pt}", r"\setlength{\parskip}{0.5em}",
            r"\title{symlstm: the built-in recurrent cells\\[0.3em]"
            r"\large forward equations, backpropagation through time, one-step Jacobians}",
            rf"\author{{generated by \texttt{{symlstm docs}} (symlstm {__version__})}}", r"\date{}",
            r"\begin{document}", r"\maketitle",
            r"Every equation in this booklet was printed by symlstm from a cell's SymPy equations, and "
            r"every backward equation was derived from them by rules (element-wise calculus by SymPy, "
            r"one rule for matrix products, one for the carry through time). The generated NumPy code "
            r"of each cell is checked against an independent hand-written reference and finite "
            r"differences; the Markdown pages in \texttt{docs/cells/} show that code beside these equations.",
            r"\tableofcontents", r"\clearpage",
            r"\section{Notation}",
            r"\begin{itemize}",
            r"\item $x_t$ (size $I$) is the input at step $t$; $h_t$ (size $H$) the output and hidden "
            r"state; other states (such as the LSTM's cell $c_t$) are carried to the next step.",
            r"\item $W_k$ ($H\times I$) multiplies the input, $U_k$ ($H\times H$) the previous hidden "
            r"state; $b_k$ are biases and $p_k$ peephole weights ($H$).",
            r"\item $\sigma(a) = 1/(1+e^{-a})$; $\odot$ is the element-wise product.",
            r"\item $\bar q_t$ ($\hat q_t$) is a pre-activation of $q_t$ named by the derivation.",
            r"\item $\delta q_t = \partial L/\partial q_t$ (total derivative through all later steps); "
            r"$\Delta_t$ is the part of $\partial L/\partial h_t$ that comes directly from the loss.",
            r"\item $\delta W = \sum_t \ldots$ sums over steps and over the batch; "
            r"$\operatorname{diag}(v)$ is the diagonal matrix of $v$.",
            r"\end{itemize}"]
    body = [_cell_section(c, d, images.get(c.name)) for c, d in entries]
    return "\n".join(head + body + [r"\end{document}", ""])


def cell_tex(cell, d) -> str:
    """A standalone LaTeX document of one cell (what ``symlstm derive`` writes): its section of the
    booklet, with the same line breaking, so no row is wider than the text."""
    title = tex_escape(cell.name)
    head = [r"\documentclass[10pt,a4paper]{article}", REPRODUCIBLE,
            r"\usepackage[margin=2cm]{geometry}", r"\usepackage[T1]{fontenc}",
            r"\usepackage{amsmath,amssymb,booktabs}", r"\allowdisplaybreaks",
            r"\setlength{\parindent}{0pt}", r"\setlength{\parskip}{0.5em}",
            rf"\title{{symlstm: \texttt{{{title}}}}}", r"\date{}",
            r"\begin{document}", r"\maketitle"]
    if cell.description:
        head.append(tex_escape(cell.description))
    return "\n".join(head + [_cell_section(cell, d, None, heading=False), r"\end{document}", ""])


def overfull_rows(log: str) -> list[str]:
    """The ``Overfull \\hbox`` warnings of a pdflatex log: rows wider than the text."""
    return [line for line in log.splitlines() if line.startswith("Overfull \\hbox")]


def compile_pdf(tex: str, files: dict | None = None, *, timeout: float = 180, max_runs: int = 4) -> tuple[bytes, str]:
    """Run pdflatex until the contents are stable; returns (PDF bytes, log text).

    ``files``: name -> bytes written beside the source (pictures). Reproducible: fixed
    SOURCE_DATE_EPOCH, a minimal environment, and the pdfTeX settings in REPRODUCIBLE.
    """
    exe = shutil.which("pdflatex")
    if exe is None:
        raise FileNotFoundError("pdflatex is not installed (Debian: apt-get install texlive-latex-base "
                                "texlive-latex-recommended)")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "booklet.tex").write_text(tex)
        for name, data in (files or {}).items():
            (folder / name).write_bytes(data)
        env = {"PATH": "/usr/bin:/bin:/usr/local/bin", "SOURCE_DATE_EPOCH": "0", "FORCE_SOURCE_DATE": "1",
               "HOME": tmp, "TZ": "UTC", "LC_ALL": "C"}
        previous = None
        for _ in range(max_runs):
            proc = subprocess.run([exe, "-interaction=nonstopmode", "-halt-on-error", "booklet.tex"],
                                  cwd=tmp, capture_output=True, timeout=timeout, env=env)
            log = proc.stdout.decode("utf-8", errors="replace")
            if proc.returncode != 0:
                raise BookletError("pdflatex failed:\n" + "\n".join(log.splitlines()[-30:]))
            state = tuple((folder / f).read_bytes() if (folder / f).exists() else b""
                          for f in ("booklet.aux", "booklet.toc"))
            if state == previous:
                break
            previous = state
        return (folder / "booklet.pdf").read_bytes(), (folder / "booklet.log").read_text(errors="replace")
