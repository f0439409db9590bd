r"""Round 55 notations.

* Code: softmax's stabilising shift (``exp_scores = np.exp(yt[t] - np.max(yt[t]))``, then ``probt[t] =
  exp_scores / np.sum(exp_scores)``) cancels in the ratio: the row reads ``np.exp(yt[t])`` and the step's
  probabilities are the softmax of the logits. A shifted exponential never divided by its sum, a maximum along an
  axis, and the body of a function named softmax are kept as written.
* LaTeX: ``\mathbf{1}_{y^*_t}`` (a bold one with a script) is the one-hot target, as ``\mathbb{1}`` is; a bare
  ``\mathbf{1}`` stays the number.
* An update rule whose step is a rate times an expression written through other gradients (``\Delta W_{hh} =
  -\eta \sum_t \mathrm{diag}[1 - h^2] (\nabla_{h^{(t)}} L) h^{(t-1)\intercal}``) is judged as the gradient it
  spells; a step with the gradient's sign (ascent) fails. ``diag\left[1 - h^2\right]`` in such a step is diag of
  its bracket, not an iterate ``W[n]`` of training.
* "at $\tau = t$": a bare letter set to the time's letter names the step, it defines no quantity \tau.
* A weight set to a special value in passing (``$W_{hh} = I$``, the IRNN case of a vanishing-gradient note) is
  not the weight's definition for the whole derivation: the transposed one-step Jacobian ``W_{hh}^T
  \mathrm{diag}(1 - h_j^2)`` fails, as it did before the identity made both orders equal.

Expected verdicts come from the round-55 notes' annotations (derivations/firstcontact/round55-*), worked out by
their annotators independently of symlstm and checked by their numpy finite-difference scripts.
"""
import json
from pathlib import Path

from verifycheck import mutant, statuses

from symlstm.verify import verify_file
from symlstm.verify.text.codefences import _shifted_exps
from symlstm.verify.text.rowparse import parse_row

ROOT = Path(__file__).resolve().parents[1] / "derivations" / "firstcontact"
CHAR_RNN = ROOT / "round55-c" / "ahmadraza_char_rnn_numpy.md"
QUBITPI = ROOT / "round55-b" / "qubitpi_rnn_bptt.md"
LESSON3 = ROOT / "round55-e" / "rnn_lesson3_bptt_temporal_jacobian.md"


def test_a_stabilised_softmax_in_the_forward_loop():
    got = statuses(CHAR_RNN)
    # the forward's shifted exponential, and every statement of the backward loop (step t's contributions)
    for line in (94, 95, 171, 172, 176, 179, 182, 183, 184, 187):
        assert got[line] == ["pass"], line


def test_stabilised_softmax_mutants_fail(tmp_path):
    # the tanh derivative without the square
    got = statuses(mutant(tmp_path, CHAR_RNN, "dzt = (1 - ht[t]**2) * dh", "dzt = (1 - ht[t]) * dh"))
    assert got[179] == ["fail"] and got[187] == ["pass"]
    # the output gradient without the transpose of W_hy's product order
    got = statuses(mutant(tmp_path, CHAR_RNN, "dh = np.dot(Why.T, dy) + dh_next", "dh = np.dot(Why.T, dy)"))
    assert got[176] == ["fail"]


def test_which_shifted_exponentials_are_read_unshifted():
    normalised = ["e = np.exp(y - np.max(y))", "p = e / np.sum(e)"]
    assert _shifted_exps(normalised)[0] == "e = np.exp(y)"
    one_line = ["p = np.exp(y - np.max(y)) / np.sum(np.exp(y - np.max(y)))"]
    assert _shifted_exps(one_line) == ["p = np.exp(y) / np.sum(np.exp(y))"]
    matlab = ["E = exp(x - max(x));", "P = E ./ sum(E);"]
    assert _shifted_exps(matlab)[0] == "E = exp(x);"
    kept = [["e = np.exp(y - np.max(y))", "p = e * 2"],                             # never normalised
            ["e = np.exp(y - np.max(y, axis=-1, keepdims=True))", "p = e / np.sum(e)"],     # along an axis
            ["e = np.exp(y - np.max(z))", "p = e / np.sum(e)"],                     # another vector's maximum
            ["def softmax(x):", "    e = np.exp(x - np.max(x))", "    return e / e.sum()"]]
    for lines in kept:
        assert _shifted_exps(lines) == lines, lines


def test_a_bold_one_with_a_script_is_the_one_hot_target():
    onehot = ("sym", "onehot", None)
    assert parse_row(r"a = p_t - \mathbf{1}_{y^*_t}")[1][1][1][1][1][:3] == onehot
    assert parse_row(r"a = \boldsymbol{1}_{y}")[1][1][:3] == onehot
    assert parse_row(r"a = \mathbf{1} - z")[1][1][1][0][1] == ("num", "1")


def test_an_update_rule_spelled_through_other_gradients():
    got = statuses(QUBITPI)
    # \Delta W_{hh} = -\eta \sum_t diag[1 - h^2] (\nabla_h L) h^{(t-1)T}: the author's (right) dL/dW_hh
    assert got[466] == ["pass"]
    assert got[443] == ["pass"]         # the same gradient stated without the update
    # \Delta b_h = -\eta \sum_t (diag[1 - h^2])^T \nabla_h L: diag's bracket is its argument, not an iterate
    assert got[468] == ["pass"]
    # "at $\tau = t$" names the step: \sum_{t=1}^\tau stays a sum over the steps, and the author's dL/dW_xh with
    # x^{(t)} not transposed (a product of a column and a column) fails wherever it is written
    assert got[32] == ["pass"]
    for line in (372, 416, 422, 442, 465):
        assert got[line] == ["fail"], line


SPELLED_UPDATES = r"""$$h_t = \tanh(W_{hh} h_{t-1} + W_{xh} x_t + b_h)$$
$$o_t = W_{yh} h_t + b_o$$
$$L = \sum_t \frac{1}{2} \|o_t - y_t\|^2$$
$$\Delta W_{hh} = -\eta \sum_{t=1}^{T} \mathrm{diag}(1 - h_t^2) \nabla_{h_t} L \, h_{t-1}^T$$
$$\Delta W_{hh} = \eta \sum_{t=1}^{T} \mathrm{diag}(1 - h_t^2) \nabla_{h_t} L \, h_{t-1}^T$$
$$\Delta W_{hh} = -\eta \sum_{t=1}^{T} \mathrm{diag}(1 - h_t) \nabla_{h_t} L \, h_{t-1}^T$$
$$\Delta W_{hh} = -\eta \sum_{t=1}^{T} \mathrm{diag}(1 - h_t^2) \nabla_{h_t} L \, h_{t}^T$$
"""


def test_update_rule_spelled_mutants_fail(tmp_path):
    p = tmp_path / "updates.md"
    p.write_text(SPELLED_UPDATES, encoding="utf-8")
    got = statuses(p)
    assert got[4] == ["pass"]
    assert got[5] == ["fail"]       # gradient ascent
    assert got[6] == ["fail"]       # tanh's derivative without the square
    assert got[7] == ["fail"]       # the state of the step, not the one before


def test_a_weight_set_to_the_identity_in_passing():
    got = statuses(LESSON3)
    # W_hh^T diag(1 - h_j^2) is the transpose of the one-step Jacobian (the note's published error), in a single
    # factor and in the products over steps; the IRNN's W_hh = I is a case, not the weight
    for line in (40, 43, 60):
        assert got[line] == ["fail"], line
    assert got[56] == ["unreadable"]
    assert got[38] == ["pass"] and got[6] == ["pass"]


def test_special_value_mutant_passes(tmp_path):
    # the Jacobian in the right order holds, with the IRNN case still in the file
    got = statuses(mutant(tmp_path, LESSON3, r"\frac{\partial h_j}{\partial h_{j-1}} = W_{hh}^T \text{diag}(1 - h_j^2)",
                          r"\frac{\partial h_j}{\partial h_{j-1}} = \text{diag}(1 - h_j^2) W_{hh}"))
    assert got[40] == ["pass"]


PTIT = ROOT / "round55-g" / "vi_ptit_rnn_report_bptt.tex"


def test_a_gradient_named_at_the_last_step_is_read_at_every_step():
    got = statuses(PTIT)
    # \delta_T = \partial L/\partial h_T (many-to-one, loss at T), then \delta_t = \partial L/\partial h_t and its
    # backward step: \delta is the derivative's name at each step, not the last step's value everywhere
    for line in (41, 52, 54, 67):
        assert got[line] == ["pass"], line
    assert got[81] == ["fail"]          # the product of diag(1 - h_j^2) U^T (the report's published error)


def test_last_step_name_mutant_fails(tmp_path):
    got = statuses(mutant(tmp_path, PTIT, r"U^T \cdot \delta_t^{raw} = U^T \left( \delta_t \odot (1 - h_t^2) \right)",
                          r"U^T \cdot \delta_t^{raw} = U^T \left( \delta_t \odot (1 - h_t) \right)", "mutant.tex"))
    assert got[67] == ["fail"]


ABSTRACT_STEP_LOSS = r"""$$h_t = \tanh(W_{hh} h_{t-1} + W_{xh} x_t + b_h)$$
$$\hat{y}_t = W_{hy} h_t + b_y$$
$$L = \sum_{t=1}^{T} l(y_t, \hat{y}_t)$$
$$\frac{\partial L}{\partial W_{hy}} = \sum_t \frac{\partial L_t}{\partial \hat{y}_t} h_t^T$$
$$\frac{\partial L}{\partial W_{hy}} = \sum_t \frac{\partial L_t}{\partial \hat{y}_t} h_{t-1}^T$$
$$\frac{\partial L}{\partial b_y} = \sum_t \frac{\partial L_t}{\partial \hat{y}_t}$$
"""


def test_the_step_term_of_an_abstract_loss(tmp_path):
    # L = \sum_t l(y_t, \hat y_t): L_t is step t's term; only it depends on \hat y_t (no later step reads it)
    p = tmp_path / "abstract.md"
    p.write_text(ABSTRACT_STEP_LOSS, encoding="utf-8")
    got = statuses(p)
    assert got[4] == ["pass"] and got[6] == ["pass"]
    assert got[5] == ["fail"]


def test_a_bold_macro_of_a_shared_preamble_takes_its_argument(tmp_path):
    p = tmp_path / "m.tex"
    p.write_text("\\begin{equation}\n\\vc{s}^{(t)} = \\tanh(\\mt{W} \\vc{s}^{(t-1)} + \\mt{U}\\vc{x}^{(t)})\n"
                 "\\end{equation}\n", encoding="utf-8")
    (r,) = verify_file(None, str(p), timeout=10).results
    assert r.status == "pass" and r.text.startswith("\\boldsymbol{s}^{(t)}")


NICODJIMENEZ = ROOT / "round22-xa" / "nicodjimenez_lstm_numpy.md"
NICO_PR30 = ROOT / "round55-i" / "nicodjimenez_lstm_pr30_tanh_output.md"
NICO_PR49 = ROOT / "round55-i" / "nicodjimenez_lstm_pr49_no_top_diff_s.md"
VI_D2L = ROOT / "round55-j" / "vi_d2l_bptt_2020.md"


def test_caffe_top_and_bottom_diff_names():
    # top_diff_h / top_diff_s: the gradients arriving at the node (dh_next, ds_next); bottom_diff_s / bottom_diff_h:
    # the ones it sends to the step before (ds_prev, dh_prev = dxc[x_dim:], the h block of [x; h_prev])
    got = statuses(NICODJIMENEZ)
    for line in (47, 48, 77, 78):
        assert got[line] == ["pass"], line
    # PR 30 (tanh on the cell output): tanh_derivative taken at s and do without tanh(s), the published errors
    got = statuses(NICO_PR30)
    assert got[49] == ["fail"] and got[50] == ["fail"] and got[79] == ["pass"] and got[80] == ["pass"]
    # PR 49 drops the cell gradient carried from the next step (the published error); do still holds
    got = statuses(NICO_PR49)
    assert got[49] == ["fail"] and got[50] == ["pass"]


def test_d2l_subscripted_partials_of_applied_functions():
    got = statuses(VI_D2L)
    # h_t = f(x_t, h_{t-1}, w_h) \text{ và } o_t = g(h_t, w_o): two equations joined by a word
    assert got[37] == ["pass", "pass"]
    # \partial_{w_h} L = \sum_t \partial_{w_h} l(y_t, o_t); \partial_{w_h} f(x_t, h_{t-1}, w_h): the argument's partial
    for line in (50, 65, 67, 69, 80):
        assert got[line] == ["pass"], line
    # \partial_{h_t} g(h_t, w_h): w_h where the output layer's w_o is meant (fixed upstream in d2l-en PR 1658)
    assert got[51] == ["fail"]
    # prod(\partial_{o_t} l, h_t) and prod(\partial_{o_t} l, W_{oh}, \partial_{W_{hh}} h_t): d2l's prod
    for line in (150, 159, 161):
        assert got[line] == ["pass"], line


def test_d2l_mutants_fail(tmp_path):
    # the argument's partial of f is not its total derivative: the recursion without its second term fails
    got = statuses(mutant(tmp_path, VI_D2L, r"\partial_{w_h}h_{t}=\partial_{w_h}f(x_{t},h_{t-1},w_h)+\sum",
                          r"\partial_{w_h}h_{t}=\partial_{w_h}f(x_{t},h_{t-1},w_h)-\sum"))
    assert got[80] == ["fail"]
    # prod with h_{t-1} where the output layer reads h_t
    got = statuses(mutant(tmp_path, VI_D2L, r"\left(\partial_{\mathbf{o}_t} l(\mathbf{o}_t, y_t), \mathbf{h}_t\right)",
                          r"\left(\partial_{\mathbf{o}_t} l(\mathbf{o}_t, y_t), \mathbf{h}_{t-1}\right)"))
    assert got[150] == ["fail"]


def test_words_joining_two_equations(tmp_path):
    p = tmp_path / "joined.md"
    p.write_text("$$h_t = \\tanh(W_{hh} h_{t-1} + W_{hx} x_t) \\text{ and } o_t = W_{oh} h_t.$$\n"
                 "$$\\delta_t = \\frac{\\partial L}{\\partial o_t} \\quad\\text{and}\\quad \\frac{\\partial L}{\\partial W_{oh}} "
                 "= \\sum_t \\delta_t h_{t-1}^T$$\n", encoding="utf-8")
    got = statuses(p)
    assert got[1] == ["pass", "pass"]
    assert got[2][-1] == "fail"         # h_{t-1} where the output layer reads h_t


MOHAME11 = ROOT / "round44-a" / "mohame11_zlstm_onehot_index_bugs.md"


def test_a_code_name_with_a_trailing_underscore_stays_whole():
    # zt_ = Wz xt + Rz H[t-1] + bz; zt = sigmoid(zt_): the pre-activation under a name of its own (not z_t\_)
    got = statuses(MOHAME11)
    for line in (61, 62, 65, 66, 69, 70, 73, 74):
        assert got[line] == ["pass"], line


def test_learning_rate_spelled_as_code(tmp_path):
    p = tmp_path / "sgd.py"
    p.write_text("import numpy as np\n\ndef step(W, dW, learning_rate):\n    W -= learning_rate * dW\n"
                 "    W += learning_rate * dW\n    return W\n", encoding="utf-8")
    got = statuses(p)
    assert got[4] == ["pass"] and got[5] == ["fail"]        # descent; ascent


def test_semicolons_and_worded_commas_separate_equations(tmp_path):
    p = tmp_path / "sep.md"
    p.write_text("$$h_t = \\tanh(W_{hh} h_{t-1} + W_{hx} x_t);\\; o_t = W_{oh} h_t + b_o$$\n"
                 "$$\\frac{\\partial L}{\\partial W_{oh}} = \\sum_t \\frac{\\partial L}{\\partial o_t} h_t^\\top "
                 "\\text{, and } \\frac{\\partial L}{\\partial b_o} = \\sum_t \\frac{\\partial L}{\\partial o_t} h_t$$\n",
                 encoding="utf-8")
    got = statuses(p)
    assert got[1] == ["pass", "pass"]
    assert got[2] == ["pass", "fail"]       # the bias gradient times h_t


THESIS = ROOT / "round55-g" / "aldosari_tsad_thesis_rnn.tex"
PREAMBLE = r"""% the thesis's custom.tex (al-Dosari's macros, as the note's header lists them)
\newcommand{\vc}[1]{\boldsymbol{#1}}
\newcommand{\mt}[1]{\mathbf{#1}}
\newcommand{\tm}[1]{^{(#1)}}
\newcommand{\s}{\vc{s}}
\newcommand{\x}{\vc{x}}
\newcommand{\W}{\mt{W}}
\begin{equation} a = b \end{equation}
"""


def test_macros_from_a_preamble_file(tmp_path, capsys):
    from symlstm.commands.cli import main
    pre = tmp_path / "custom.tex"
    pre.write_text(PREAMBLE, encoding="utf-8")
    without = statuses(THESIS)
    assert without[13] == ["unreadable"]                 # \tm{t}: a macro of a file the note does not hold
    code = main(["verify", "--file", str(THESIS), "--macros", str(pre), "--format", "json"])
    out = json.loads(capsys.readouterr().out)
    got = {r["line"]: r["status"] for r in out["results"]}
    assert code == 1
    assert got[13] == "pass" and got[48] == "pass" and got[67] == "pass"
    assert 1 not in got         # the preamble's own equation is not read: only its definitions
    # --macros with a claim, a missing preamble, a preamble whose macro calls itself: clean errors
    assert main(["verify", "rnn", "h_t = h_t", "--macros", str(pre)]) == 2
    assert main(["verify", "--file", str(THESIS), "--macros", str(tmp_path / "none.tex")]) == 2
    loop = tmp_path / "loop.tex"
    loop.write_text("\\newcommand{\\tm}[1]{\\tm{#1}}\n", encoding="utf-8")
    assert main(["verify", "--file", str(THESIS), "--macros", str(loop)]) == 2
    assert "symlstm verify" in capsys.readouterr().err


def test_markdown_escaped_angle_brackets_around_the_step():
    # a^{\<t\>} (Jekyll's escaped <t>, Coursera's notation) is a^{<t>}; a lone \> stays TeX's space (not read)
    assert parse_row(r"\frac{\partial a^{\<t\>}}{\partial W_{aa}} = a^{\<t-1\>}") == \
        parse_row(r"\frac{\partial a^{<t>}}{\partial W_{aa}} = a^{<t-1>}")


def test_a_row_of_thousands_of_separators_is_one_equation(tmp_path):
    # the side-by-side split looks at MAX_SIDE_BY_SIDE separators at most (it was quadratic in them: a row of 20000
    # commas or semicolons took seconds before the row's own bounds refused it)
    from symlstm.verify.text.texfile import MAX_SIDE_BY_SIDE, _side_by_side
    for sep in (", ", ";\\;"):
        row = "a=b" + sep * 20000
        assert _side_by_side(row) == [(0, row)]
    few = ", ".join(f"a_{k} = b" for k in range(MAX_SIDE_BY_SIDE // 2))
    assert len(_side_by_side(few)) == MAX_SIDE_BY_SIDE // 2
    p = tmp_path / "hostile.md"
    p.write_text("$$a=b" + ";\\;" * 20000 + "$$\n", encoding="utf-8")
    (r,) = verify_file(None, str(p), timeout=10).results
    assert r.status == "unreadable" and "limit" in r.why
