"""symlstm.verify: reading LaTeX claims, deciding them, and explaining failures."""
import builtins
import json
import logging
import re
from pathlib import Path

import numpy as np
import pytest
import sympy

import symlstm
from symlstm import reference
from symlstm.cells.algebra import at, sigmoid, t
from symlstm.verify.claim.claims import ClaimError, parse_renames, read_claim
from symlstm.verify.text.latexparse import MAX_CHARS, MAX_DEPTH, LatexError, parse
from symlstm.verify.text.texfile import read_tex
from symlstm.unroll.trajectory import Run, check_against_reference
from symlstm.verify import verify, verify_file, verify_tex

CELLS = symlstm.available_cells()
GREFF = Path(__file__).resolve().parents[1] / "docs" / "examples" / "greff2017_backward.tex"


def _printed_rows(name):
    """Every equation symlstm prints for a cell: forward, pre-activations, backward, Jacobians."""
    c = symlstm.cell(name)
    d = symlstm.derive(c)
    rows = []
    for block in (c.latex(), d.latex()):
        for line in block.splitlines():
            if not line.startswith(("\\begin", "\\end")):
                rows.append(line.rstrip().removesuffix("\\\\").strip())
    return c, d, rows


# ------------------------------------------------------------------ grammar
def test_grammar_has_no_lalr_conflicts(caplog):
    from lark import Lark
    from symlstm.verify.text.latexparse import GRAMMAR, STARTS
    with caplog.at_level(logging.DEBUG, logger="lark"):
        Lark(GRAMMAR.read_text(), parser="lalr", start=list(STARTS), debug=True,
             import_paths=[str(GRAMMAR.parent)], source_path=str(GRAMMAR))
    assert not [r for r in caplog.records if "conflict" in r.getMessage().lower()]


def test_grammar_files_exist_and_latex_imports_common():
    from symlstm.verify.text.latexparse import GRAMMAR
    assert GRAMMAR.name == "latex.lark" and (GRAMMAR.parent / "common.lark").exists()
    assert "%import .common" in GRAMMAR.read_text()


# ------------------------------------------------------------------ what symlstm prints parses back
@pytest.mark.parametrize("name", CELLS)
def test_every_printed_equation_parses_back_to_the_same_expression(name):
    c, d, rows = _printed_rows(name)
    assert len(rows) >= len(c.equations) + len(d.equations)
    for row in rows:
        claim = read_claim(c, row)
        assert sympy.expand(claim.rhs - claim.expected) == 0, row


@pytest.mark.parametrize("name", CELLS)
def test_every_printed_equation_verifies_symbolically(name):
    c, _, rows = _printed_rows(name)
    kinds = set()
    for row in rows:
        r = verify(c, row)
        assert r.holds and r.method == "symbolic", (row, r.summary())
        kinds.add(r.kind)
    assert {"forward", "adjoint", "input gradient", "parameter gradient", "initial adjoint", "jacobian"} <= kinds


# ------------------------------------------------------------------ the ways people write it
TRUE_CLAIMS = [
    ("lstm", r"c_t = f_t \odot c_{t-1} + i_t \odot g_t", None),
    ("lstm", r"c_t = f_t \circ c_{t-1} + i_t \cdot g_t", None),
    ("lstm", r"c_t = f_t c_{t-1} + i_t g_t", None),
    ("lstm", r"c_{t} = f_{t} * c_{t - 1} + g_{t} \times i_{t}", None),
    ("lstm", r"c_{t+1} = f_{t+1} \odot c_t + i_{t+1} \odot g_{t+1}", None),
    ("lstm", r"h_t = o_t \odot \tanh(c_t)", None),
    ("lstm", r"h_t = o_t \odot \tanh c_t", None),
    ("lstm", r"h_t = o_t \odot \tanh\left(c_t\right)", None),
    ("lstm", r"i_t = \sigma(W_i x_t + U_i h_{t-1} + b_i)", None),
    ("lstm", r"i_t = \mathrm{sigmoid}\left(W_i x_t + U_i h_{t-1} + b_i\right)", None),
    ("lstm", r"i_t = \operatorname{sigmoid}(W_i \cdot x_t + U_i \cdot h_{t-1} + b_i)", None),
    ("lstm", r"i_t = \sigma(\bar{i}_t)", None),
    ("lstm", r"i_t = \frac{1}{1 + e^{-\bar{i}_t}}", None),
    ("lstm", r"i_t = \frac{1}{1 + \exp(-\bar{i}_t)}", None),
    ("lstm", r"\bar{i}_t = W_i x_t + U_i h_{t-1} + b_i", None),
    ("lstm", r"\delta \bar{o}_t = \delta o_t \odot \sigma'(\bar{o}_t)", None),
    ("lstm", r"\delta \bar{o}_t = \delta o_t \odot \sigma^{\prime}(\bar{o}_t)", None),
    ("lstm", r"\delta \bar{o}_t = \delta h_t \odot \tanh(c_t) \odot o_t \odot (1 - o_t)", None),
    ("lstm", r"\delta \bar{g}_t = \delta c_t \odot i_t \odot \tanh'(\bar{g}_t)", None),
    ("lstm", r"\delta \bar{g}_t = \delta c_t \odot i_t \odot (1 - \tanh^2(\bar{g}_t))", None),
    ("lstm", r"\delta \bar{g}_t = \delta c_t \odot i_t \odot (1 - g_t^2)", None),
    ("lstm", r"\delta c_t = \delta h_t \odot o_t \odot (1 - \tanh^2(c_t)) + \delta c_{t+1} \odot f_{t+1}", None),
    ("lstm", r"\delta c_t = \delta h_t \odot o_t \odot (1 - \tanh^{2}(c_t)) + f_{t+1} \odot \delta c_{t+1}", None),
    ("lstm", r"\delta c_t = \delta h_t o_t \tanh'(c_t) + \delta c_{t+1} f_{t+1}", None),
    ("lstm", r"\frac{\partial L}{\partial c_t} = \frac{\partial L}{\partial h_t} \odot o_t \odot (1 - \tanh(c_t)^2)"
             r" + \frac{\partial L}{\partial c_{t+1}} \odot f_{t+1}", None),
    ("lstm", r"\frac{\partial L}{\partial c_t} = \Delta h_t \odot o_t \odot (1 - \tanh^2(c_t)) + \Delta c_{t+1} \odot f_{t+1}", None),
    ("lstm", r"\delta c_{t-1} = \delta h_{t-1} \odot o_{t-1} \odot (1 - \tanh^2(c_{t-1})) + \delta c_{t} \odot f_{t}", None),
    ("lstm", r"\delta h_t = \Delta_t + U_i^T \delta\bar{i}_{t+1} + U_f^\top \delta\bar{f}_{t+1} + U_g^{\top} "
             r"\delta\bar{g}_{t+1} + U_o^{\intercal} \delta\bar{o}_{t+1}", None),
    ("lstm", r"\delta h_t = \Delta_{t} + U_i^{T} \delta\bar{i}_{t+1} + U_f^T \delta\bar{f}_{t+1} + "
             r"U_g^T \delta\bar{g}_{t+1} + U_o^T \delta\bar{o}_{t+1}", None),
    ("lstm", r"\delta x_t = W_i^T \delta\bar{i}_t + W_f^T \delta\bar{f}_t + W_g^T \delta\bar{g}_t + W_o^T \delta\bar{o}_t", None),
    ("lstm", r"\delta W_f = \sum_t \delta\bar{f}_t x_t^T", None),
    ("lstm", r"\delta W_f = \sum_{t=1}^{T} \delta\bar{f}_t \, x_t^\top", None),
    ("lstm", r"\delta U_f = \sum_{t=0}^{T-1} \delta\bar{f}_{t+1} h_t^T", None),
    ("lstm", r"\delta W_f = \sum_t \delta\bar{f}_t \otimes x_t", None),
    ("lstm", r"\delta W_f = \sum_t \langle \delta\bar{f}_t, x_t \rangle", None),
    ("lstm", r"\frac{\partial L}{\partial W_f} = \sum_t (\delta c_t \odot c_{t-1} \odot f_t \odot (1 - f_t)) x_t^T", None),
    ("lstm", r"\delta b_f = \sum_{t} \delta\bar{f}_{t}", None),
    ("lstm", r"\delta h_0 = U_i^T \delta\bar{i}_1 + U_f^T \delta\bar{f}_1 + U_g^T \delta\bar{g}_1 + U_o^T \delta\bar{o}_1", None),
    ("lstm", r"\delta c_0 = \delta c_1 \odot f_1", None),
    ("lstm", r"\frac{\partial c_t}{\partial c_{t-1}} = \operatorname{diag}(f_t)", None),
    ("lstm", r"\frac{\partial c_t}{\partial c_{t-1}} = f_t", None),
    ("lstm", r"\frac{\partial c_t}{\partial h_{t-1}} = \operatorname{diag}(c_{t-1} \odot \sigma'(\bar{f}_t)) U_f"
             r" + \operatorname{diag}(i_t \odot (1 - g_t^2)) U_g + \operatorname{diag}(g_t \odot i_t (1 - i_t)) U_i", None),
    ("gru", r"h_t = (1 - z_t) \odot n_t + z_t \odot h_{t-1}", None),
    ("gru", r"\bar{n}_t = W_n x_t + U_n (r_t \odot h_{t-1}) + b_n", None),
    ("gru", r"\delta r_t = h_{t-1} \odot U_n^T \delta\bar{n}_t", None),
    ("gru", r"\delta r_t = (U_n^T \delta\bar{n}_t) \odot h_{t-1}", None),
    ("gru_reset_after", r"\hat{n}_t = U_n h_{t-1} + b_{hn}", None),
    ("rnn", r"h_t = \tanh(W x_t + U h_{t-1} + b)", None),
    # typography: bold and arrow vectors, sizing, trailing punctuation, \dfrac, slash derivatives
    ("lstm", r"\mathbf{h}_t = \mathbf{o}_t \odot \tanh(\mathbf{c}_t)", None),
    ("lstm", r"\vec{h}_t = \vec{o}_t \odot \tanh\big(\vec{c}_t\big)", None),
    ("lstm", r"i_t = \sigma\left( W_i x_t + U_i h_{t-1} + b_i \right),", None),
    ("lstm", r"c_t = f_t \odot c_{t-1} + i_t \odot g_t. \label{eq:c} \nonumber", None),
    ("lstm", r"c_t = \dfrac{1}{2} (2 f_t \odot c_{t-1}) + \left[i_t \odot g_t\right] \quad", None),
    ("lstm", r"\frac{\partial \mathcal{L}}{\partial \mathbf{c}_t} = \frac{\partial \mathcal{L}}{\partial \mathbf{h}_t}"
             r" \odot \mathbf{o}_t \odot (1 - \tanh^2 \mathbf{c}_t) + \delta c_{t+1} \odot f_{t+1}", None),
    ("lstm", r"\partial L / \partial c_t = \delta h_t \odot o_t \odot (1 - \tanh^2 c_t) + \delta c_{t+1} \odot f_{t+1}", None),
    ("lstm", r"c_t = f_t c_{t-1} + 0.5 i_t g_t + 0.5 g_t i_t", None),
    # renaming
    ("lstm", r"C_t = f_t \odot C_{t-1} + i_t \odot \tilde{C}_t", {"C": "c", r"\tilde{C}": "g"}),
    ("lstm", r"C_t = f_t \odot C_{t-1} + i_t \odot \tilde{C}_t", r"C=c, \tilde{C}=g"),
    ("lstm", r"y_t = o_t \odot \tanh(C_t)", "y=h, C=c"),
    ("gru", r"h_t = (1 - u_t) \odot z_t + u_t \odot h_{t-1}", "z=n, u=z"),
    ("gru", r"\bar{z}_t = W_z x_t + U_z (r_t \odot h_{t-1}) + b_z", "z=n"),
    ("lstm", r"i_t = \sigma(W_{xi} x_t + W_{hi} h_{t-1} + b_i)", r"W_{xi}=W_i, W_{hi}=U_i"),
    ("lstm", r"h_t = o_t \odot \phi(c_t)", r"\phi=\tanh"),
]


@pytest.mark.parametrize("cell,claim,names", TRUE_CLAIMS)
def test_common_notations_hold(cell, claim, names):
    r = verify(cell, claim, names=names)
    assert r.holds, (claim, r.summary(), r.lines())
    assert r.counterexample is None and not r.notes


def test_a_true_claim_the_symbolic_stages_cannot_prove_is_decided_numerically():
    # δf_{t+1} ⊙ σ'(f̄_{t+1}) in place of δf̄_{t+1}: equal, but not in the stages' normal form
    claim = (r"\delta c_t = \delta h_t \odot o_t \odot (1 - \tanh^2(c_t)) + p_o \odot \delta\bar{o}_t"
             r" + p_i \odot \delta\bar{i}_{t+1} + p_f \odot \delta f_{t+1} \odot f_{t+1} \odot (1 - f_{t+1})"
             r" + \delta c_{t+1} \odot f_{t+1}")
    r = verify("peephole_lstm", claim, points=12)
    assert r.holds and r.method == "numeric (12 random points)" and r.points == 12


# ------------------------------------------------------------------ the usual mistakes are caught
MISTAKES = [
    # (name, cell, claim, a piece of the correct right side)
    ("dropped f_{t+1} ⊙ δc_{t+1}", "lstm",
     r"\delta c_t = \delta h_t \odot o_t \odot (1 - \tanh^2(c_t))", r"\delta c_{t+1} \odot f_{t+1}"),
    ("σ' written as σ", "lstm", r"\delta \bar{o}_t = \delta o_t \odot \sigma(\bar{o}_t)", r"o_{t} \odot \left(1 - o_{t}\right)"),
    ("missing transpose", "lstm",
     r"\delta h_t = \Delta_t + U_i \delta\bar{i}_{t+1} + U_f^T \delta\bar{f}_{t+1} + U_g^T \delta\bar{g}_{t+1}"
     r" + U_o^T \delta\bar{o}_{t+1}", r"U_{i}^{\top} \delta \bar{i}_{t+1}"),
    ("W where U belongs", "lstm", r"\bar{f}_t = W_f x_t + W_f h_{t-1} + b_f", r"U_{f} h_{t-1}"),
    ("h = o ⊙ c", "lstm", r"h_t = o_t \odot c_t", r"\tanh\left(c_{t}\right)"),
    ("t where t-1 belongs", "lstm", r"\delta \bar{f}_t = \delta c_t \odot c_t \odot \sigma'(\bar{f}_t)", r"c_{t-1}"),
    ("t where t-1 belongs (forward)", "lstm", r"c_t = f_t \odot c_t + i_t \odot g_t", r"c_{t-1}"),
    ("wrong gradient input", "lstm", r"\delta W_f = \sum_t \delta\bar{f}_t h_{t-1}^T", r"x_{t}^{\top}"),
    ("wrong Jacobian", "lstm", r"\frac{\partial c_t}{\partial c_{t-1}} = \operatorname{diag}(i_t)", r"f_{t}"),
    ("dropped peephole term", "peephole_lstm",
     r"\delta c_t = \delta h_t \odot o_t \odot (1 - \tanh^2(c_t)) + p_o \odot \delta\bar{o}_t + p_i \odot "
     r"\delta\bar{i}_{t+1} + \delta c_{t+1} \odot f_{t+1}", r"p_{f}"),
    ("gradient missing its sum", "lstm", r"\delta b_f = \delta\bar{f}_t", r"\sum_{t}"),
]


@pytest.mark.parametrize("label,cell,claim,fix", MISTAKES, ids=[m[0] for m in MISTAKES])
def test_usual_mistakes_fail_with_fix_difference_and_counterexample(label, cell, claim, fix):
    r = verify(cell, claim)
    assert not r.holds and not r
    assert r.method.startswith("numeric (30 random points")
    assert fix in r.expected_latex, r.expected_latex
    assert r.difference is not None and r.difference != 0
    ce = r.counterexample
    assert ce is not None
    assert np.max(np.abs(np.asarray(ce.claimed) - np.asarray(ce.correct))) > 1e-6
    assert ce.values, "the counterexample gives the value of every symbol"


def test_counterexample_values_reproduce_both_sides():
    """The counterexample's numbers, recomputed by hand with NumPy, give both sides' values."""
    r = verify("lstm", r"\delta c_t = \delta h_t \odot o_t \odot (1 - \tanh^2(c_t))")
    ce = r.counterexample
    v = {str(k): np.asarray(val) for k, val in ce.values.items()}
    dh, o, c = v["delta_h(t)"], v["o(t)"], v["c(t)"]
    dc_next, f_next = v["delta_c(t + 1)"], v["f(t + 1)"]
    np.testing.assert_allclose(ce.claimed, dh * o * (1 - np.tanh(c) ** 2), rtol=1e-12)
    np.testing.assert_allclose(ce.correct, dh * o * (1 - np.tanh(c) ** 2) + dc_next * f_next, rtol=1e-12)
    np.testing.assert_allclose(v["delta_c(t)"], ce.correct, rtol=1e-12)   # the left side's true value


def test_difference_is_simplified():
    r = verify("lstm", r"\delta c_t = \delta h_t \odot o_t \odot (1 - \tanh^2(c_t))")
    assert sympy.expand(r.difference + at("delta_c", 1) * at("f", 1)) == 0
    assert r.difference_latex == r"- \delta c_{t+1} \odot f_{t+1}"
    r = verify("lstm", r"\delta \bar{o}_t = \delta o_t \odot \sigma(\bar{o}_t)")
    assert sympy.expand(r.difference - at("delta_o") * at("o") ** 2) == 0


def test_shape_mistakes_are_explained():
    r = verify("lstm", r"\bar{f}_t = W_f x_t + W_f h_{t-1} + b_f")
    assert any("W_{f}" in n and "size I" in n for n in r.notes)
    r = verify("lstm", r"\delta x_t = U_i^T \delta\bar{i}_t + U_f^T \delta\bar{f}_t + U_g^T \delta\bar{g}_t + U_o^T \delta\bar{o}_t")
    assert not r.holds and any("left side is a vector of size I" in n for n in r.notes)


# ------------------------------------------------------------------ claims given as SymPy objects
def test_sympy_claims():
    i, ib, f, c, o, h = (sympy.Function(n) for n in ("i", "i_bar", "f", "c", "o", "h"))
    assert verify("lstm", sympy.Eq(i(t), sigmoid(ib(t)))).holds
    assert verify("lstm", sympy.Eq(c(t), f(t) * c(t - 1) + i(t) * at("g"))).holds
    r = verify("lstm", sympy.Eq(h(t), o(t) * c(t)))
    assert not r.holds and r.counterexample is not None
    with pytest.raises(ValueError, match="names nothing"):
        verify("lstm", sympy.Eq(sympy.Symbol("q"), 1))


# ------------------------------------------------------------------ unrolled scalar cells
def test_unrolled_claims():
    pytest.importorskip("symlstm.unroll")
    r = verify("rnn", r"\frac{\partial h_2}{\partial W} = (1 - h_2^2)(x_2 + U (1 - h_1^2) x_1)")
    assert r.holds and r.kind == "unrolled"
    r = verify("rnn", r"\frac{\partial h_2}{\partial U} = (1 - h_2^2)(h_1 + U (1 - h_1^2) h_0)")
    assert r.holds
    r = verify("rnn", r"\frac{\partial h_2}{\partial W} = (1 - h_2^2)(x_2 + U (1 - h_1^2) x_2)")
    assert not r.holds and r.counterexample is not None
    assert r.expected_latex == r"\left(1 - h_{2}^{2}\right) \left(U \left(1 - h_{1}^{2}\right) x_{1} + x_{2}\right)"
    r = verify("lstm", r"\frac{\partial h_1}{\partial b_o} = \tanh(c_1) \sigma'(\bar{o}_1)")
    assert r.holds
    r = verify("lstm", r"\frac{\partial h_1}{\partial b_o} = \tanh(c_1) \sigma(\bar{o}_1)")
    assert not r.holds
    with pytest.raises(ClaimError, match="step numbers"):
        verify("rnn", r"\frac{\partial h_2}{\partial W} = (1 - h_t^2) x_t")


def test_unrolled_gradient_is_checked_against_finite_differences():
    """The oracle of unrolled claims (symlstm.unroll) agrees with central differences of h_T."""
    pytest.importorskip("symlstm.unroll")
    from symlstm.verify.claim.claims import read_claim
    from symlstm.verify.claim.decide import _run, unrolled_gradient
    claim = read_claim("lstm", r"\frac{\partial h_3}{\partial U_f} = 0")
    run = _run(symlstm.cell("lstm"), 1, 3, (5, 5))
    u = symlstm.unroll("lstm", 3, initial="symbols")
    values = {k: v.copy() for k, v in run.params.items()}
    values["x"] = np.array([run.value("x", s)[0] for s in (1, 2, 3)])
    values["h_0"], values["c_0"] = float(run.value("h", 0)[0]), float(run.value("c", 0)[0])
    eps, plus, minus = 1e-6, dict(values), dict(values)
    plus["U_f"] = values["U_f"] + eps
    minus["U_f"] = values["U_f"] - eps
    fd = (u.evaluate(plus, gradient=False).output - u.evaluate(minus, gradient=False).output) / (2 * eps)
    assert unrolled_gradient(claim, run) == pytest.approx(fd, rel=1e-6)


# ------------------------------------------------------------------ the numeric oracle itself
@pytest.mark.parametrize("name", [c for c in CELLS if c in reference.CELLS])
def test_runs_agree_with_the_hand_written_reference(name):
    run = Run(symlstm.derive(name), n=3, T=4, seed=11)
    errors = check_against_reference(name, run)
    assert max(errors.values()) < 1e-10, errors


def test_time_bound_is_reported():
    r = verify("lstm", r"h_t = o_t \odot \tanh(c_t)", timeout=1e-6)
    assert r.holds and r.method.startswith("numeric")
    assert any("time bound" in n for n in r.notes)


# ------------------------------------------------------------------ errors: where and what
def test_syntax_error_says_line_column_and_expected():
    with pytest.raises(LatexError) as e:
        verify("lstm", "c_t = f_t \\odot c_{t-1} +\n  i_t \\odot )")
    assert (e.value.line, e.value.column) == (2, 13)
    assert "expected" in str(e.value) and "line 2, column 13" in str(e.value)


def test_unknown_symbol_lists_the_known_ones():
    with pytest.raises(ClaimError) as e:
        verify("lstm", r"c_t = f_t \odot q_{t-1}")
    msg = str(e.value)
    assert "unknown symbol q" in msg and (e.value.line, e.value.column) == (1, 17)
    for known in ("c_t", "h_t", r"\bar{i}_t", "W_{i}", "U_{f}", "b_{o}", r"\Delta_t"):
        assert known in msg
    with pytest.raises(ClaimError, match=r"\\mathrm|names="):
        verify("lstm", r"C_t = f_t \odot C_{t-1}")


@pytest.mark.parametrize("claim,match", [
    (r"c_t = f_t \odot c_{t-1} + i_t \odot \foo", r"unknown command \\foo"),
    (r"c = f_t", "needs a time index"),
    (r"W_{f,t} = 1", "parameter; it has no time"),
    (r"x_t = 1", "x_t is the input"),
    (r"\Delta_t = 1", "loss gradient"),
    (r"\delta_t = 1", r"\\delta must be followed"),
    (r"c_t = \sigma", "needs an argument"),
    (r"h_t = o_t' \odot c_t", "prime"),
    (r"\delta W_f = \sum_{t=0}^{T} \delta\bar{f}_t x_t^T", "steps are 1..T"),
    (r"\frac{\partial h_t}{\partial c_{t}} = 0", "one-step Jacobian"),
    (r"\bar{c}_t = 1", "no such pre-activation"),
    (r"h_t + c_t = 1", "left side must name one quantity"),
])
def test_claims_symlstm_cannot_read_say_why(claim, match):
    with pytest.raises(LatexError, match=match):
        verify("lstm", claim)


def test_not_latex():
    for text in ("hello world, this is not an equation", "c_t := f_t", "¿qué?", "c_t = f_t ⊙ c_{t-1}",
                 "\x00\x01", "c_t = f_t \\\\ h_t = o_t"):
        with pytest.raises(LatexError) as e:
            verify("lstm", text)
        assert e.value.line is not None


def test_one_megabyte_claim_is_refused_before_parsing():
    big = "c_t = " + "f_t + " * (1024 * 1024 // 6)
    with pytest.raises(LatexError, match=f"limit is {MAX_CHARS} characters"):
        verify("lstm", big)


def test_deeply_nested_braces_are_refused():
    deep = "c_t = " + "{" * 5000 + "f_t" + "}" * 5000
    with pytest.raises(LatexError, match=f"deeper than {MAX_DEPTH} levels"):
        verify("lstm", deep)
    ok = "c_t = " + "(" * 30 + "f_t \\odot c_{t-1} + i_t \\odot g_t" + ")" * 30
    assert verify("lstm", ok).holds


PAYLOADS = [
    "__import__('os').system('touch {marker}')",
    "h_t = __import__('os').system('touch {marker}')",
    "().__class__.__bases__[0].__subclasses__()",
    "h_t = ().__class__.__bases__",
    "lambda: open('{marker}', 'w')",
    "h_t = lambda x: x",
    "h_t = exec('open(\"{marker}\", \"w\")')",
    "h_t = eval",
    "h_t = __builtins__",
    "h_t = o_t.__class__",
    "h_t = open('{marker}', 'w').write('x')",
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_python_payloads_get_an_error_and_execute_nothing(payload, tmp_path, monkeypatch):
    marker = tmp_path / "pwned"
    called = []

    def trap(name):
        def f(*a, **k):
            called.append(name)
            raise AssertionError(f"{name} called on user text")
        return f
    import sympy.parsing.sympy_parser as sp
    monkeypatch.setattr(builtins, "eval", trap("eval"))
    monkeypatch.setattr(builtins, "exec", trap("exec"))
    monkeypatch.setattr(sp, "parse_expr", trap("parse_expr"))
    monkeypatch.setattr(sympy, "sympify", trap("sympify"))
    with pytest.raises(LatexError):
        verify("lstm", payload.format(marker=marker))
    assert not called and not marker.exists()


def test_the_source_never_evaluates_user_text():
    root = Path(symlstm.__file__).parent
    files = sorted(root.rglob("*.py"))
    assert len(files) > 40
    for path in files:
        src = path.read_text()
        # a SymPy ``def eval(cls, ...)`` (a Function's automatic evaluation) is not a call of eval
        calls = re.findall(r"(?<![.\w])(?<!def )(eval|exec|parse_expr|sympify|parse_latex)\s*\(", src)
        assert not calls, (path.relative_to(root), calls)


# ------------------------------------------------------------------ renaming
def test_rename_forms_and_errors():
    r = parse_renames(r"C=c, \tilde{C}=g, h=\tanh, \delta z=\delta\bar{g}, W_{xi}=W_i")
    assert r.function("h") == "tanh"
    assert len(r.symbols) == 4
    assert parse_renames({"C": "c"}) == parse_renames("C=c")
    with pytest.raises(ValueError, match="NAME=SYMLSTM_NAME"):
        parse_renames("C")
    with pytest.raises(LatexError):
        parse_renames("__import__('os')=c")
    with pytest.raises(TypeError):
        parse_renames(42)


def test_results_are_shown_in_the_claims_notation():
    r = verify("peephole_lstm", r"\delta \bar{f}^t = \delta c^t \odot c^{t} \odot \sigma'(\bar{f}^t)",
               names="y=h, z=g, R=U")
    assert not r.holds and "c_{t-1}" in r.expected_latex
    r = verify("peephole_lstm", r"\delta y_t = \Delta_t + R_z^T \delta\bar{z}_{t+1}", names="y=h, z=g, R=U")
    assert not r.holds
    assert r.lhs_latex == r"\delta y_{t}"
    assert r"R_{z}^{\top} \delta \bar{z}_{t+1}" in r.expected_latex and "R_{i}" in r.expected_latex


# ------------------------------------------------------------------ result object
def test_result_object():
    good = verify("lstm", r"c_t = f_t \odot c_{t-1} + i_t \odot g_t")
    bad = verify("lstm", r"h_t = o_t \odot c_t")
    assert bool(good) and not bool(bad)
    assert good.method == "symbolic" and good.difference == 0
    d = json.loads(json.dumps(bad.to_dict()))
    assert d["holds"] is False and d["counterexample"]["claimed"] != d["counterexample"]["correct"]
    assert "c_{t}" in d["counterexample"]["values"]
    assert bad._repr_latex_().startswith("$$") and r"\tanh" in bad._repr_latex_()
    md = bad._repr_markdown_()
    assert "**fails**" in md and "| symbol | value |" in md
    assert "**holds**" in good._repr_markdown_()
    assert str(bad).startswith("fails (numeric")


def test_symlstm_verify_is_the_package_and_calls_the_function():
    import inspect

    import symlstm.verify.judging.judge as judge
    assert symlstm.verify.judging.judge is judge          # attribute access reaches the subpackages
    assert symlstm.verify("lstm", r"c_t = f_t \odot c_{t-1} + i_t \odot g_t").holds
    assert not symlstm.verify("lstm", r"c_t = f_t \odot c_{t-1} - i_t \odot g_t").holds
    assert inspect.signature(symlstm.verify) == inspect.signature(verify)
    import symlstm.unroll.scalar as scalar
    assert symlstm.unroll.scalar is scalar
    assert symlstm.unroll("rnn", 2).__class__ is scalar.Unrolled
    assert isinstance(symlstm.derive("lstm"), symlstm.Derivation)


def test_bad_options():
    with pytest.raises(ValueError, match="points"):
        verify("lstm", "c_t = c_{t-1}", points=0)
    with pytest.raises(ValueError, match="timeout"):
        verify("lstm", "c_t = c_{t-1}", timeout=-1)
    with pytest.raises(KeyError, match="unknown cell"):
        verify("no_such_cell", "c_t = c_{t-1}")


# ------------------------------------------------------------------ .tex files
def test_read_tex_rows_columns_labels_comments():
    src = "\n".join([
        r"\documentclass{article}",
        r"% symlstm: rename C=c",
        r"\begin{document}",
        r"Text with $a = b$ is not checked.",
        r"\begin{align}",
        r"C_t &= f_t \odot C_{t-1} \label{eq:c} \\",
        r"h_t &= o_t \odot \tanh(C_t) \nonumber \\[2pt]",
        r"\delta c_t &= \delta h_t \odot o_t \odot (1 - \tanh^2(c_t)) % a comment",
        r"  &\quad + \delta c_{t+1} \odot f_{t+1} \\",
        r"i_t &= \sigma(\bar{i}_t) & f_t &= \sigma(\bar{f}_t) \\",
        r"o_t &= 1 \\ % symlstm: skip",
        r"\end{align}",
        r"\begin{equation} g_t = \tanh(\bar{g}_t) \end{equation}",
        r"\end{document}",
    ])
    tex = read_tex(src)
    assert tex.rename == "C=c"
    got = [(e.line, e.column, " ".join(e.text.split()), e.skip) for e in tex.equations]
    assert got[0] == (6, 1, r"C_t = f_t \odot C_{t-1}", False)
    assert got[1][:3] == (7, 1, r"h_t = o_t \odot \tanh(C_t)")
    assert got[2][0] == 8 and got[2][2].endswith(r"+ \delta c_{t+1} \odot f_{t+1}")
    assert [(g[0], g[1]) for g in got[3:5]] == [(10, 1), (10, 28)]
    assert got[5][3] is True
    assert got[6][:2] == (13, 18)
    assert len(got) == 7


def test_read_tex_errors():
    with pytest.raises(LatexError, match="never closed"):
        read_tex("\\begin{align}\nc_t = 1\n")
    with pytest.raises(LatexError, match="unknown symlstm directive"):
        read_tex("% symlstm: frobnicate\n")
    with pytest.raises(LatexError, match="limit"):
        read_tex("%" * 1_000_001)
    with pytest.raises(LatexError, match="NUL"):
        read_tex("\\begin{align}\x00\\end{align}")


def test_verify_tex_judges_every_row_even_after_an_unreadable_one():
    src = "\\begin{align}\nc_t &= f_t \\odot c_{t-1} + i_t \\odot g_t \\\\\n  h_t &= o_t \\odot q_t\n\\end{align}\n"
    report = verify_tex("lstm", src)
    assert len(report.entries) == 1 and report.passed == 1 and len(report.errors) == 1
    eq, e = report.unreadable[0]
    assert (e.line, e.column) == (3, 20) and "unknown symbol q" in e.reason and eq.line == 3
    assert report.exit_status() == 1


def test_greff_backward_pass_file():
    """Greff et al. (2017), in their notation: every line holds except the one deliberate error."""
    report = verify_file("peephole_lstm", GREFF)
    assert not report.errors and report.failed == 1 and report.passed == len(report.entries) - 1 >= 30
    failing = [(eq, r) for eq, r in report.entries if not r.holds]
    eq, r = failing[0]
    assert r"c^{t} \odot \sigma'(\bar{f}^t)" in eq.text
    assert eq.line == GREFF.read_text().splitlines().index(next(
        line for line in GREFF.read_text().splitlines() if r"\delta \bar{f}^t &=" in line)) + 1
    assert r.expected_latex == r"\delta c_{t} \odot f_{t} \odot \left(1 - f_{t}\right) \odot c_{t-1}"
    assert r.counterexample is not None
    kinds = {r.kind for _, r in report.entries}
    assert {"forward", "adjoint", "input gradient", "parameter gradient"} <= kinds


def test_verify_file_errors(tmp_path):
    with pytest.raises(FileNotFoundError):
        verify_file("lstm", tmp_path / "missing.tex")
    bad = tmp_path / "latin1.tex"
    bad.write_bytes(b"\\begin{align} c_t = \xe9 \\end{align}")
    with pytest.raises(LatexError, match="not a UTF-8"):
        verify_file("lstm", bad)


def test_renames_accept_readable_latex_on_the_left():
    claim = r"d\Gamma_o^t = \delta h_t \odot \tanh(c_t)"
    assert verify("lstm", claim, names=r"\Gamma_o=o")
    assert verify("lstm", claim, names=r"d\Gamma_o=\delta o")
    assert verify("lstm", r"\delta c_k = \delta h_k \odot o_k \odot (1 - \tanh^2(c_k)) + \delta c_{k+1} \odot f_{k+1}",
                  names="k=t")
    assert verify("lstm", r"\delta i_t = \delta c_t \odot g_t", names=r"W_{hx}=W_i")
