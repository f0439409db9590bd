"""`symlstm verify --file notes.tex` with no cell: the derivation's own forward rows are the vocabulary."""
import json

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from symlstm.commands.cli import main
from symlstm.verify.api import verify_file
from symlstm.verify.judging.judge import verify_derivation
from symlstm.verify.text.latexparse import LatexError
from symlstm.verify.text.rowparse import MAX_ROW_CHARS, MAX_ROW_DEPTH, parse_row
from _timing import within

# A Coursera-style backward step (angle-bracket time, d-prefixed gradients, '*' element-wise,
# a concatenated weight, step readings), with one wrong row and one row that is not LaTeX.
COURSERA = r"""
\begin{align}
\Gamma_f^{\langle t \rangle} &= \sigma(W_f[a^{\langle t-1 \rangle}, x^{\langle t \rangle}] + b_f) \\
\Gamma_u^{\langle t \rangle} &= \sigma(W_u[a^{\langle t-1 \rangle}, x^{\langle t \rangle}] + b_u) \\
\tilde{c}^{\langle t \rangle} &= \tanh(W_c[a^{\langle t-1 \rangle}, x^{\langle t \rangle}] + b_c) \\
c^{\langle t \rangle} &= \Gamma_f^{\langle t \rangle} * c^{\langle t-1 \rangle} + \Gamma_u^{\langle t \rangle} * \tilde{c}^{\langle t \rangle} \\
\Gamma_o^{\langle t \rangle} &= \sigma(W_o[a^{\langle t-1 \rangle}, x^{\langle t \rangle}] + b_o) \\
a^{\langle t \rangle} &= \Gamma_o^{\langle t \rangle} * \tanh(c^{\langle t \rangle})
\end{align}
$$ d\gamma_o^{\langle t \rangle} = da_{next}*\tanh(c_{next}) * \Gamma_o^{\langle t \rangle}*(1-\Gamma_o^{\langle t \rangle}) $$
$$ dW_o = d\gamma_o^{\langle t \rangle} \begin{bmatrix} a_{prev} \\ x_t\end{bmatrix}^T $$
$$ dc_{prev} = dc_{next}*\Gamma_f^{\langle t \rangle} + \Gamma_o^{\langle t \rangle} * (1-\tanh^2(c_{next}))*\Gamma_f^{\langle t \rangle}*da_{next} $$
$$ d\gamma_f^{\langle t \rangle} = dc_{next}*\tilde{c}^{\langle t \rangle}*\Gamma_f^{\langle t \rangle}*(1-\Gamma_f^{\langle t \rangle}) $$
$$ dx^{\langle t \rangle} = W_o^T @@ d\gamma_o^{\langle t \rangle} $$
"""


def test_a_file_is_read_in_its_own_notation():
    report = verify_derivation(COURSERA)
    got = [(r.status, r.reading) for r in report.results]
    assert got[:6] == [("pass", "forward")] * 6
    assert got[6] == ("pass", "total")                 # the output gate's pre-activation gradient
    assert got[7] == ("pass", "step")                  # dW_o without a sum: step t's contribution
    assert got[8] == ("pass", "step")                  # dc_{prev}: what reaches c_{t-1} through step t
    assert got[9][0] == "fail"                         # c_{prev}, not \tilde c, multiplies dc_next ... and more
    assert got[10][0] == "unreadable"
    assert report.results[10].why and report.results[10].line == 14 and report.results[10].column > 1
    assert "step t's contribution" in report.results[7].why


def test_strict_demands_totals():
    report = verify_derivation(COURSERA, strict=True)
    assert [r.status for r in report.results][7:9] == ["fail", "fail"]


def test_cli_file_without_a_cell(tmp_path, capsys):
    f = tmp_path / "notes.tex"
    f.write_text(COURSERA)
    code = main(["verify", "--file", str(f)])
    out, err = capsys.readouterr()
    assert code == 1
    assert f"{f}:10:" in out and "pass (holds as step" in out and "FAIL" in out and "unreadable" in out
    assert "11 equations" in err and "1 unreadable" in err
    code = main(["verify", "--file", str(f), "--format", "json"])
    doc = json.loads(capsys.readouterr().out)
    rows = doc["results"]
    assert len(rows) == 11 and doc["summary"] == {"equations": 11, "pass": 9, "fail": 1, "unreadable": 1}
    assert {"line", "column", "status", "holds", "reading", "why", "difference", "counterexample"} <= set(rows[0])
    assert rows[9]["holds"] is False and rows[9]["counterexample"]["t"] >= 1 and rows[9]["difference"]
    assert rows[10]["holds"] is None and rows[10]["status"] == "unreadable"
    assert rows[7]["reading"] == "step" and rows[0]["reading"] == "forward"


def test_exit_codes(tmp_path, capsys):
    good = tmp_path / "good.tex"
    good.write_text("\n".join(COURSERA.strip().splitlines()[:10]))
    assert main(["verify", "--file", str(good)]) == 0
    nothing = tmp_path / "prose.tex"
    nothing.write_text("$$ ? $$")
    assert main(["verify", "--file", str(nothing)]) == 2
    capsys.readouterr()


def test_no_message_names_an_internal():
    report = verify_derivation(COURSERA)
    for r in report.results:
        for word in ("jacsym", "pre:", "delta_", "Pending", "__"):
            assert word not in r.why


def test_published_style_rows():
    text = r"""
$$ h_t = \tanh(W_{hh} h_{t-1} + W_{xh} x_t + b_h) $$
$$ y_t = W_{hy} h_t + b_y $$
$$ p_t = \mathrm{softmax}(y_t) $$
$$ \frac{\partial L}{\partial y_t} = p_t - \mathbb{1}_{y} $$
$$ \frac{\partial L}{\partial W_{hy}} = \sum_{t=1}^{T} \frac{\partial L}{\partial y_t} h_t^\top $$
$$ \delta h_t = W_{hy}^\top \frac{\partial L}{\partial y_t} + W_{hh}^\top \left(\delta h_{t+1} \odot (1 - h_{t+1}^2)\right) $$
$$ \nabla_{W_{hh}} L = \sum_t \operatorname{diag}(1 - h_t^2)\, \delta h_t\, h_{t-1}^T $$
$$ \frac{\partial h_{t}}{\partial h_{t-1}} = \operatorname{diag}(1 - h_t^2) W_{hh} $$
$$ \delta h_t = W_{hh} \delta h_{t+1} $$
"""
    got = [r.status for r in verify_derivation(text).results]
    assert got == ["pass"] * 8 + ["fail"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(list("ab_^{}()[]\\+-*/=,.;:'|<>&0123456789 tT") +
                                [r"\frac", r"\sum", r"\partial", r"\delta", r"\odot", r"\tanh", r"\left(",
                                 r"\begin{pmatrix}", r"\end{pmatrix}", r"\\", r"^{", r"_{", r"\langle", r"\rangle"]),
                max_size=60).map("".join))
def test_hostile_rows_get_a_clean_answer_fast(text):
    def parse():
        try:
            parse_row(text)
        except LatexError:
            pass

    seconds, _ = within(0.5, parse)
    assert seconds < 0.5


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(["h_t", "h_{t-1}", "x_t", "W", "U", "b", "c", r"\delta h_t", "dh_t", r"\tanh",
                                 r"\sigma", "(", ")", "+", "-", r"\odot", "^T", "^2", r"\sum_t", "1",
                                 r"\frac{\partial L}{\partial h_t}", r"\frac{\partial h_t}{\partial W}", "=", "[", "]",
                                 ",", r"\Delta_t", "dW", r"\nabla_{W} L", r"\prod_{k=1}^{t}", "h_{t+1}", "'"]),
                min_size=1, max_size=14).map(" ".join))
def test_any_row_after_a_cell_gets_a_verdict_quickly(row):
    text = "$$ h_t = \\tanh(W x_t + U h_{t-1} + b) $$\n$$ " + row + " $$"
    seconds, report = within(5.0, lambda: verify_derivation(text))
    assert all(r.status in ("pass", "fail", "unreadable") for r in report.results)
    assert seconds < 5.0


@pytest.mark.parametrize("text", [
    "h = " + "(" * (MAX_ROW_DEPTH + 1) + "x" + ")" * (MAX_ROW_DEPTH + 1),
    "h = " + "x + " * (MAX_ROW_CHARS // 4),
    "h = " + "{" * 500,
    "h = x^{" * 30 + "2" + "}" * 30,
])
def test_bounds(text):
    def refused():
        with pytest.raises(LatexError):
            parse_row(text)

    seconds, _ = within(0.5, refused)
    assert seconds < 0.5


@pytest.mark.parametrize("row", [r"h_t = o_t^{9^{9^{9}}}", r"h_t = c_t^{99999999}", r"h_t = 2^{2^{2^{2^{2^{2}}}}} h_t",
                                 r"h_t = \sum_{k=1}^{100000000} h_k", r"h_t = (W^\top)^{10000} x_t"])
def test_towers_and_huge_ranges_are_refused_quickly(row):
    text = "$$ h_t = \\tanh(W x_t + U h_{t-1}) $$\n$$ " + row + " $$"
    seconds, report = within(2.0, lambda: verify_derivation(text))
    assert report.results[1].status in ("unreadable", "fail")
    assert seconds < 2.0


def test_no_user_text_is_evaluated():
    import pathlib
    import re
    root = pathlib.Path(__file__).resolve().parents[1] / "symlstm" / "verify"
    for f in root.glob("*.py"):
        src = f.read_text()
        assert not re.search(r"(?<![.\w])(eval|exec|sympify|parse_expr|parse_latex)\(", src), f.name


def test_verify_file_api(tmp_path):
    f = tmp_path / "n.tex"
    f.write_text(COURSERA)
    report = verify_file(None, f)
    assert report.passed == 9 and report.failed == 1 and report.unreadable == 1 and report.exit_status() == 1


COLAH = r"""\begin{align}
f_t &= \sigma(W_f \cdot [h_{t-1}, x_t] + b_f) \\
i_t &= \sigma(W_i \cdot [h_{t-1}, x_t] + b_i) \\
\tilde{C}_t &= \tanh(W_C \cdot [h_{t-1}, x_t] + b_C) \\
C_t &= f_t * C_{t-1} + i_t * \tilde{C}_t \\
o_t &= \sigma(W_o \cdot [h_{t-1}, x_t] + b_o) \\
h_t &= o_t * \tanh(C_t)
\end{align}
Backward:
\begin{align}
\frac{\partial L}{\partial o_t} &= \frac{\partial L}{\partial h_t} * \tanh(C_t) \\
\frac{\partial L}{\partial C_t} &= \frac{\partial L}{\partial h_t} * o_t * (1 - \tanh^2(C_t)) + \frac{\partial L}{\partial C_{t+1}} * f_{t+1} \\
\frac{\partial L}{\partial f_t} &= \frac{\partial L}{\partial C_t} * C_{t-1} \\
\frac{\partial L}{\partial \tilde{C}_t} &= \frac{\partial L}{\partial C_t} * i_t \\
\frac{\partial L}{\partial W_f} &= \sum_t \left(\frac{\partial L}{\partial f_t} * f_t * (1 - f_t)\right) [h_{t-1}, x_t]^T \\
\frac{\partial L}{\partial b_o} &= \sum_t \frac{\partial L}{\partial o_t} * o_t (1 - o_t) \\
\frac{\partial L}{\partial C_t} &= \frac{\partial L}{\partial h_t} * o_t * \tanh'(C_t)
\end{align}
"""

CS231N = r"""$$ next\_h = \tanh(prev\_h W_h + x W_x + b) $$
$$ dtanh = dnext\_h \odot (1 - next\_h^2) $$
$$ dx = dtanh W_x^T $$
$$ dprev\_h = dtanh W_h^T $$
$$ dW_x = x^T dtanh $$
$$ dW_h = prev\_h^T dtanh $$
$$ db = \sum_{batch} dtanh $$
$$ dW_h = dtanh\, prev\_h^T $$
"""


GRU = r"""\begin{align}
z_t &= \sigma(W_z x_t + U_z h_{t-1} + b_z) \\
r_t &= \sigma(W_r x_t + U_r h_{t-1} + b_r) \\
\tilde{h}_t &= \tanh(W_h x_t + U_h (r_t \odot h_{t-1}) + b_h) \\
h_t &= (1 - z_t) \odot h_{t-1} + z_t \odot \tilde{h}_t
\end{align}
\begin{align}
\frac{\partial h_t}{\partial \tilde{h}_t} &= z_t \\
\frac{\partial L}{\partial \tilde{h}_t} &= \frac{\partial L}{\partial h_t} \frac{\partial h_t}{\partial \tilde{h}_t} \\
\delta z_t &= \delta h_t \odot (\tilde{h}_t - h_{t-1}) \\
\delta r_t &= \left(U_h^\top \left(\delta \tilde{h}_t \odot (1 - \tilde{h}_t^2)\right)\right) \odot h_{t-1} \\
\delta h_{t-1} &= \delta h_t \odot (1 - z_t) + U_z^\top (\delta z_t \odot z_t \odot (1 - z_t)) + U_r^\top (\delta r_t \odot r_t \odot (1 - r_t)) + r_t \odot U_h^\top (\delta \tilde{h}_t \odot (1 - \tilde{h}_t^2)) \\
\delta U_h &= \sum_t (\delta \tilde{h}_t \odot (1 - \tilde{h}_t^2)) (r_t \odot h_{t-1})^\top \\
\delta z_t &= \delta h_t \odot (h_{t-1} - \tilde{h}_t)
\end{align}
"""

ADJOINT = r"""$$ h_t = \tanh(W h_{t-1} + U x_t + b) $$
$$ y_t = V h_t $$
$$ \partial_{y_t} L = \nabla_{y_t} L $$
$$ \bar{h}_t = V^\top \bar{y}_t + W^\top \left(\bar{h}_{t+1} \odot (1 - h_{t+1}^2)\right) $$
$$ \bar{V} = \sum_t \bar{y}_t h_t^\top $$
$$ \partial_{h_t} L = V^\top \partial_{y_t} L $$
"""

RANGES = r"""$$ h_t = \tanh(W h_{t-1} + U x_t + b) $$
$$ \frac{\partial L}{\partial W} = \sum_{1 \leq t \leq T} \operatorname{diag}(1 - h_t^2) \frac{\partial L}{\partial h_t} h_{t-1}^T $$
$$ \frac{\partial h_t}{\partial h_k} = \prod_{t \geq i > k} \frac{\partial h_i}{\partial h_{i-1}} $$
$$ \frac{\partial h_t}{\partial h_k} = \prod_{t \geq i > k} \operatorname{diag}(1 - h_i^2) W $$
$$ \frac{\partial h_t}{\partial h_k} = \prod_{t \geq i > k} W^T \operatorname{diag}(1 - h_i^2) $$
$$ \frac{\partial h_t}{\partial h_k} = \prod_{i=k+1}^{t} \operatorname{diag}(1 - h_i^2) W $$
"""

DELTA_DEFINED = r"""$$ a_t = W h_{t-1} + U x_t + b $$
$$ h_t = \tanh(a_t) $$
$$ o_t = V h_t + c $$
$$ \delta_t \equiv \frac{\partial L}{\partial a_t} $$
$$ \delta_t = (1 - h_t^2) \odot \left( V^T \frac{\partial L}{\partial o_t} + W^T \delta_{t+1} \right) $$
$$ \frac{\partial L}{\partial W} = \sum_t \delta_t h_{t-1}^T $$
$$ \frac{\partial L}{\partial U} = \sum_t \delta_t h_{t-1}^T $$
"""

WILDML = r"""$$ s_t = \tanh(U x_t + W s_{t-1}) $$
$$ \hat{y}_t = \mathrm{softmax}(V s_t) $$
$$ E_t(y_t, \hat{y}_t) = - y_{t} \log \hat{y}_{t} $$
$$ \frac{\partial E_3}{\partial V} = (\hat{y}_3 - y_3) \otimes s_3 $$
$$ \frac{\partial E_3}{\partial W} = \frac{\partial E_3}{\partial \hat{y}_3}\frac{\partial\hat{y}_3}{\partial s_3}\frac{\partial s_3}{\partial W} $$
$$ \frac{\partial E_3}{\partial W} = \sum_{k=0}^{3} \frac{\partial E_3}{\partial \hat{y}_3}\frac{\partial\hat{y}_3}{\partial s_3}\frac{\partial s_3}{\partial s_k}\frac{\partial s_k}{\partial W} $$
"""

CHAR_RNN = r"""$$ hs_t = \tanh(W_{xh} xs_t + W_{hh} hs_{t-1} + b_h) $$
$$ ys_t = W_{hy} hs_t + b_y $$
$$ ps_t = \frac{\exp(ys_t)}{\sum \exp(ys_t)} $$
$$ dy = ps_t - \mathbb{1}_{y} $$
$$ dh = W_{hy}^T dy + dhnext $$
$$ dhraw = (1 - hs_t \odot hs_t) \odot dh $$
$$ dhnext = W_{hh}^T dhraw $$
"""

INDEX = r"""$$ h_t = \tanh(W h_{t-1} + U x_t + b) $$
$$ \frac{\partial L}{\partial h_{t,i}} = \Delta_{t,i} + \sum_j W_{ji} (1 - h_{t+1,j}^2) \frac{\partial L}{\partial h_{t+1,j}} $$
$$ \frac{\partial L}{\partial h_{t,i}} = \Delta_{t,i} + \sum_j W_{ij} (1 - h_{t+1,j}^2) \frac{\partial L}{\partial h_{t+1,j}} $$
"""

OUTPUT_CONVENTION = r"""$$ g_t = \tanh(W_g x_t + U_g h_{t-1}) $$
$$ i_t = \sigma(W_i x_t + U_i h_{t-1}) $$
$$ c_t = c_{t-1} + i_t \odot g_t $$
$$ h_t = \tanh(c_t) $$
$$ \delta \bar{g}_t = \delta g_t \odot \tanh'(g_t) $$
$$ \delta \bar{i}_t = \delta i_t \odot \sigma'(i_t) $$
$$ \delta \bar{i}_t = \delta i_t \odot \sigma'(g_t) $$
"""

SQUARED = r"""\begin{align}
s_t &= \tanh(U x_t + W s_{t-1}) \\
\hat{y}_t &= V s_t \\
E &= \frac{1}{2} \sum_{t=1}^{T} \| \hat{y}_t - y_t \|^2
\end{align}
\begin{align}
\frac{\partial E}{\partial \hat{y}_t} &= \hat{y}_t - y_t \\
\frac{\partial E}{\partial V} &= \sum_t (\hat{y}_t - y_t) s_t^T \\
\frac{\partial E}{\partial s_t} &= V^T (\hat{y}_t - y_t) + W^T \left( (1 - s_{t+1}^2) \odot \frac{\partial E}{\partial s_{t+1}} \right) \\
\frac{\partial E}{\partial W} &= \sum_t \left( (1 - s_t^2) \odot \frac{\partial E}{\partial s_t} \right) s_{t-1}^T \\
\frac{\partial E}{\partial U} &= \sum_t \left( (1 - s_t^2) \odot \frac{\partial E}{\partial s_t} \right) x_{t}^T \\
\frac{\partial E}{\partial s_t} &= V^T (\hat{y}_t - y_t)
\end{align}
"""


@pytest.mark.parametrize("text, expected", [
    (SQUARED, ["pass"] * 8 + ["fail"]),
    (OUTPUT_CONVENTION, ["pass"] * 6 + ["fail"]),      # \tanh'(g_t) of the unit's output; \sigma'(g_t) is wrong
    (INDEX, ["pass", "pass", "fail"]),                 # \sum_j W_{ji} \delta_j (W_{ij} is the transpose)
    (CHAR_RNN, ["pass"] * 7),                          # dhnext, dhraw, softmax as \frac{\exp}{\sum \exp}
    (WILDML, ["pass"] * 6),                            # E_3, chain products of Jacobians, \sum_k with s_k
    (DELTA_DEFINED, ["pass"] * 6 + ["fail"]),          # \delta_t \equiv \partial L/\partial a_t, then used
    (RANGES, ["pass"] * 4 + ["fail", "pass"]),       # \leq ranges, \prod in chain order, h_k for every k
    (ADJOINT, ["pass"] * 5 + ["fail"]),                # \bar{h}: adjoints; \partial_{h_t} L misses the recurrence
    (GRU, ["pass"] * 10 + ["fail"]),                   # Jacobians as their diagonal; r \odot U^\top \delta                # the loss as written (a norm), y_t sized by its use
    (COLAH, ["pass"] * 12 + ["fail"]),                 # \tanh'(C_t) alone misses the path through C_{t+1}
    (CS231N, ["pass"] * 7 + ["fail"]),                 # dtanh prev_h^T: the product of a row layout is x^T dtanh
])
def test_blog_and_course_styles(text, expected):
    assert [r.status for r in verify_derivation(text).results] == expected


def test_a_failure_shows_the_correct_right_side_in_the_authors_notation(tmp_path, capsys):
    r = verify_derivation(COLAH).results[-1]
    assert r.status == "fail"
    assert r.correct_latex == (r"\frac{\partial L}{\partial C_{t+1}} * f_{t+1} + \frac{\partial L}{\partial h_{t}} * o_{t} * "
                               r"\left(1 - \tanh^{2}\left(C_{t}\right)\right)")
    f = tmp_path / "colah.tex"
    f.write_text(COLAH)
    assert main(["verify", "--file", str(f), "--format", "json"]) == 1
    rows = json.loads(capsys.readouterr().out)["results"]
    assert rows[-1]["correct"] == r.correct_latex and rows[-1]["difference"] is not None


def test_rows_with_conditions_and_equations_side_by_side():
    text = r"""
$$ h_t = \tanh(W h_{t-1} + U x_t + b) $$
$$ \delta h_T = \Delta_T, \quad \delta h_t = \Delta_t + W^\top (\delta h_{t+1} \odot (1 - h_{t+1}^2)), \quad t = 1, \ldots, T-1 $$
$$ \delta b = \sum_{t=1}^{T} \delta h_t \odot (1 - h_t^2) \quad \text{for all } t $$
"""
    got = [(r.column, r.status) for r in verify_derivation(text).results]
    assert got == [(4, "pass"), (4, "pass"), (33, "pass"), (4, "pass")]


def test_unknown_names_fail_only_within_a_known_family():
    # W_u is of the family of W_f (a misuse of the author's vocabulary): the row fails; C, a cost
    # named only in prose, is vocabulary the reader could not build: the row is unreadable.
    text = COURSERA.split("$$")[0] + r"""
$$ dW_f = d\gamma_o^{\langle t \rangle} \begin{bmatrix} a_{prev} \\ x_t\end{bmatrix}^T + W_q $$
$$ dx^{\langle t \rangle} = \frac{\partial C}{\partial a^{\langle t \rangle}} $$
"""
    got = [r.status for r in verify_derivation(text).results][6:]
    assert got == ["fail", "unreadable"]


def test_gates_named_by_the_label_of_their_weights():
    # d\gamma_c beside d\gamma_o: the pre-activation of the unit built from W_c, b_c (\tilde c);
    # i_t for the update gate \Gamma_u (u and i are the same gate's labels)
    row = (r"$$ d\gamma_c^{\langle t \rangle} = \left(dc_{next}*\Gamma_{G}^{\langle t \rangle}+ \Gamma_o^{\langle t "
           r"\rangle}* (1-\tanh^2(c_{next})) * i_t * da_{next} \right) * \left(1-\left(\tilde c^{\langle t \rangle}"
           r"\right)^2\right) $$" "\n")
    text = COURSERA.split("$$")[0] + row.replace("{G}", "u") + row.replace("{G}", "f")
    got = [r.status for r in verify_derivation(text).results][6:]
    assert got == ["pass", "fail"]


TF_GRU = r"""
\[ x\_h\_prev = [x, h\_prev] \]
\[ [r\_bar u\_bar] = x\_h\_prev * w\_ru + b\_ru \]
\[ r = sigmoid(r\_bar) \]
\[ u = sigmoid(u\_bar) \]
\[ h\_prevr = h\_prev \circ r \]
\[ x\_h\_prevr = [x h\_prevr] \]
\[ c\_bar = x\_h\_prevr * w\_c + b\_c \]
\[ c = tanh(c\_bar) \]
\[ h = (1-u) \circ c + u \circ h\_prev \]
\[ d\_c\_bar = d\_h \circ (1-u) \circ (1-c \circ c) \]
\[ d\_b\_c = sum of d\_c\_bar along axis = 0 \]
\[ d\_b\_c = sum of d\_h along axis = 0 \]
"""


def test_sum_along_the_batch_axis_in_words():
    got = [r.status for r in verify_derivation(TF_GRU).results][9:]
    assert got == ["pass", "pass", "fail"]


D2L_GRU = r"""
\begin{aligned}
\mathbf{R}_t &= \sigma(\mathbf{X}_t \mathbf{W}_{xr} + \mathbf{H}_{t-1} \mathbf{W}_{hr} + \mathbf{b}_r),\\
\mathbf{Z}_t &= \sigma(\mathbf{X}_t \mathbf{W}_{xz} + \mathbf{H}_{t-1} \mathbf{W}_{hz} + \mathbf{b}_z),\\
\tilde{\mathbf{H}}_t &= \tanh(\mathbf{X}_t \mathbf{W}_{xh} + \left(\mathbf{R}_t \odot \mathbf{H}_{t-1}\right) \mathbf{W}_{hh} + \mathbf{b}_h),\\
\mathbf{H}_t &= \mathbf{Z}_t \odot \mathbf{H}_{t-1}  + (1 - \mathbf{Z}_t) \odot \tilde{\mathbf{H}}_t.
\end{aligned}
$$ \frac{\partial L}{\partial \tilde{\mathbf{H}}_t} = \frac{\partial L}{\partial \mathbf{H}_t} \odot (1 - \mathbf{Z}_t) $$
$$ \frac{\partial L}{\partial \mathbf{Z}_t} = \frac{\partial L}{\partial \mathbf{H}_t} \odot (\tilde{\mathbf{H}}_t - \mathbf{H}_{t-1}) $$
$$ \frac{\partial L}{\partial \mathbf{W}_{xz}} = \sum_t \mathbf{X}_t^\top \left(\frac{\partial L}{\partial \mathbf{Z}_t} \odot \mathbf{Z}_t \odot (1-\mathbf{Z}_t)\right) $$
$$ \frac{\partial L}{\partial \mathbf{W}_{xz}} = \sum_t \left(\frac{\partial L}{\partial \mathbf{Z}_t} \odot \mathbf{Z}_t \odot (1-\mathbf{Z}_t)\right) \mathbf{X}_t^\top $$
"""


def test_d2l_row_layout_gru_with_a_bare_aligned_block():
    # an aligned block pasted without $$ is still read; row layout X_t W + H_{t-1} W
    got = [(r.status, r.reading) for r in verify_derivation(D2L_GRU).results]
    assert got[:4] == [("pass", "forward")] * 4
    assert [s for s, _ in got[4:]] == ["pass", "fail", "pass", "fail"]
    # the correct right side of a failing parameter gradient, in the author's names and layout
    # (the gate's pre-activation, which the author never names, written through the gate: round 60)
    assert verify_derivation(D2L_GRU).results[-1].correct_latex == \
        r"\sum_{t} X_{t}^{\top} \left(\frac{\partial L}{\partial Z_{t}} \odot Z_{t} \odot \left(1 - Z_{t}\right)\right)"
