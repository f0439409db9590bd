r"""Rows holding several statements, and row layout the reader must see through (found on Kouridi's LSTM post and
ratsgo's GRU post): side-by-side definitions after ``,& \hskip{31mu}``, ``A = B \Rightarrow A = C`` chains, update
rules (``W += \alpha * dJ/dW``: gradient ascent), a NumPy slice after a gradient, braced names ``{c}_t``, a label of
words before the statement, equation-editor braces ``{ (1-z }_{ t })``, ``W^{(z)}`` as the weight of gate z.
Every statement of a row is judged: a row passes only when all of them pass."""
from symlstm.verify.judging.judge import verify_derivation
from symlstm.verify.text.rowtokens import prepare

#: Kouridi's cell (her rows verbatim): z_t = [h_{t-1}, x_t], one W_k per gate on z_t, softmax output.
LSTM = r"""
$$
\begin{aligned}
&z_{t}= [h_{t-1}, x_{t}] \\
&a_{f}= W_{f}\cdot z_{t} + b_{f},& \hskip{31mu}  f_{t}= \sigma(a_{f}) \\
&a_{i}= W_{i}\cdot z_{t} + b_{i},& \hskip{40mu}  i_{t}= \sigma(a_{i}) \\
&a_{o}= W_{o}\cdot z_{t} + b_{o},& \hskip{34mu}  o_{t}= \sigma(a_{o})  \\
&a_{c}= W_{c}\cdot z_{t} + b_{c},& \hskip{36mu}  \hat{c}_t=  tanh(a_{c}) \\
&{c}_t=  i_{t}\odot \hat{c}_t + f_{t}\odot c_{t-1} \\
&{h}_t=  o_{t}\odot tanh(c_{t}) \\
&v_{t}= W_{v}\cdot h_{t} + b_{v} \\
&\hat{y}_t= softmax(v_{t})
\end{aligned}
$$
"""
N = LSTM.strip().count("\n") + 2          # its last line


def row_verdicts(cell, *rows):
    """The verdict of each row after ``cell`` (one line each): fail if a statement fails, else unreadable if one
    cannot be read, else pass; and every result of the file."""
    rep = verify_derivation(cell + "$$\n\\begin{aligned}\n" + " \\\\\n".join(rows) + "\n\\end{aligned}\n$$\n")
    first = cell.strip().count("\n") + 5          # the cell starts on line 2
    out = []
    for k in range(len(rows)):
        found = [r for r in rep.results if r.line == first + k]
        assert found, f"no result for row {k}"
        status = next(s for s in ("fail", "unreadable", "pass") if s in [r.status for r in found] or s == "pass")
        out.append((status, [r.why for r in found]))
    return out, rep.results


def test_side_by_side_definitions_and_braced_names_build_the_cell():
    _, results = row_verdicts(LSTM, r"&\frac{\partial J}{\partial v_{t}} = \hat{y}_t - y_{t}")
    forward = [r for r in results if r.line <= N]
    assert len(forward) == 13          # four rows hold two definitions each
    assert all(r.status == "pass" for r in forward), [(r.line, r.why) for r in forward if r.status != "pass"]


def test_implication_chains_judge_both_statements():
    (ok, ok2, bad_second, bad_first), _ = row_verdicts(
        LSTM,
        r"&\frac{\partial J}{\partial W_{v}} = \frac{\partial J}{\partial v_{t}} \cdot \frac{\partial v_{t}}{\partial W_{v}} "
        r"\Rightarrow \frac{\partial J}{\partial W_{v}} = \frac{\partial J}{\partial v_{t}} \cdot h_{t}^T",
        r"&\frac{\partial J}{\partial o_{t}} = \frac{\partial J}{\partial h_{t}} \cdot \frac{\partial h_{t}}{\partial o_{t}} "
        r"\Rightarrow \frac{\partial J}{\partial o_{t}} = \frac{\partial J}{\partial h_{t}} \odot tanh(c_{t})",
        # the second statement wrong (c_t for tanh(c_t)): the row fails although its first link holds
        r"&\frac{\partial J}{\partial o_{t}} = \frac{\partial J}{\partial h_{t}} \cdot \frac{\partial h_{t}}{\partial o_{t}} "
        r"\Rightarrow \frac{\partial J}{\partial o_{t}} = \frac{\partial J}{\partial h_{t}} \odot c_{t}",
        # the first statement wrong, the second right
        r"&\frac{\partial J}{\partial o_{t}} = \frac{\partial J}{\partial h_{t}} \cdot \frac{\partial h_{t}}{\partial c_{t}} "
        r"\implies \frac{\partial J}{\partial o_{t}} = \frac{\partial J}{\partial h_{t}} \odot tanh(c_{t})")
    assert ok[0] == "pass" and ok2[0] == "pass"
    assert bad_second[0] == "fail"
    assert bad_first[0] != "pass"


def test_update_rules_are_read_as_descent():
    rows = [
        r"&\frac{\partial J}{\partial W_{f}} = \sum\limits_{t}^T \frac{\partial J}{\partial W_{f}^t}, \hskip{31mu} "
        r"W_{f} += \alpha * \frac{\partial J}{\partial W_{f}}",                          # ascent: the published error
        r"&W_{f} -= \alpha * \frac{\partial J}{\partial W_{f}}",                         # descent
        r"&W_{o} := W_{o} - \eta \nabla_{W_{o}} J",                                      # descent
        r"&W_{o} = W_{o} + 0.1 \frac{\partial J}{\partial W_{o}}",                       # ascent
        r"&W_{i} = W_{i} - (-\alpha) \frac{\partial J}{\partial W_{i}}",                 # ascent
        r"&W_{c} \leftarrow W_{c} - \beta \frac{\partial J}{\partial W_{c}}",            # a rate of unknown sign
        r"&W_{c} -= \alpha \frac{\partial J}{\partial W_{i}}",                           # another weight's gradient
        r"&\frac{\partial J}{\partial W_{f}} = \sum\limits_{t}^T \frac{\partial J}{\partial W_{f}^t}",   # the total
        r"&\frac{\partial J}{\partial W_{f}} = 2 \sum\limits_{t}^T \frac{\partial J}{\partial W_{f}^t}",
    ]
    (asc, desc, nabla, asc2, asc3, unknown, other, total, twice), results = row_verdicts(LSTM, *rows)
    assert asc[0] == "fail" and any("ascent" in w for w in asc[1])
    assert desc[0] == "pass" and nabla[0] == "pass"
    assert asc2[0] == "fail" and asc3[0] == "fail"
    assert unknown[0] == "unreadable" and other[0] == "unreadable"
    assert total[0] == "pass" and twice[0] == "fail"
    # the update rows take no part in building the cell
    assert all(r.status == "pass" for r in results if r.line <= N)


def test_numpy_slice_of_a_stacked_gradient():
    z = (r"&\frac{\partial J}{\partial z_{t}} =  W_{f}^T \cdot \frac{\partial J}{\partial a_{f}} +W_{i}^T \cdot "
         r"\frac{\partial J}{\partial a_{i}} + W_{o}^T \cdot \frac{\partial J}{\partial a_{o}} + W_{c}^T \cdot "
         r"\frac{\partial J}{\partial a_{c}}")
    (_, good, wrong_part, wrong_axis, x_part), _ = row_verdicts(
        LSTM, z,
        r"&\frac{\partial J}{\partial h_{t-1}} = \frac{\partial J}{\partial z_{t}}[:n_{h}, :]",
        r"&\frac{\partial J}{\partial h_{t-1}} = \frac{\partial J}{\partial z_{t}}[n_{h}:, :]",
        r"&\frac{\partial J}{\partial h_{t-1}} = \frac{\partial J}{\partial z_{t}}[:, :n_{h}]",
        r"&\frac{\partial J}{\partial x_{t}} = \frac{\partial J}{\partial z_{t}}[n_{h}:, :]")
    assert good[0] == "pass" and x_part[0] == "pass"
    assert wrong_part[0] == "fail" and wrong_axis[0] == "fail"


#: ratsgo's GRU (his rows verbatim): labels before the gates, W^{(z)} the update gate's weight, editor braces.
GRU = r"""
\begin{align*}
update\quad gate\quad :\quad { z }_{ t }=\sigma ({ W }^{ (z) }{ x }_{ t }+{ U }^{ (z) }{ h }_{ t-1 })\\
reset\quad gate\quad :\quad { r }_{ t }=\sigma ({ W }^{ (r) }{ x }_{ t }+{ U }^{ (r) }{ h }_{ t-1 })
\end{align*}
$$ \tilde { { h }_{ t } } =\tanh { (W{ x }_{ t }+{ r }_{ t }\odot U{ h }_{ t-1 }) } $$
$$ { h }_{ t }={ z }_{ t }\odot { h }_{ t-1 }+{ (1-z }_{ t })\odot \tilde { { h }_{ t } } $$
$$ y_t = V h_t $$
"""


def test_labels_editor_braces_and_gate_superscripts():
    (ok, ok2, wrong_gate, wrong_sign), results = row_verdicts(
        GRU,
        r"\frac{\partial h_t}{\partial z_t} = \operatorname{diag}(h_{t-1} - \tilde{h}_t)",
        r"\frac{\partial z_t}{\partial x_t} = \operatorname{diag}(z_t \odot (1 - z_t)) W^{(z)}",
        r"\frac{\partial z_t}{\partial x_t} = \operatorname{diag}(z_t \odot (1 - z_t)) W^{(r)}",
        r"\frac{\partial h_t}{\partial z_t} = \operatorname{diag}(\tilde{h}_t - h_{t-1})")
    assert all(r.status == "pass" for r in results if r.line <= GRU.strip().count("\n") + 2), [(r.line, r.why) for r in results]
    assert ok[0] == "pass" and ok2[0] == "pass"
    assert wrong_gate[0] == "fail" and wrong_sign[0] == "fail"


def test_a_wrong_forward_row_behind_editor_braces_fails():
    cell = GRU.replace(r"{ (1-z }_{ t })\odot \tilde", r"{ (1+z }_{ t })\odot \tilde")
    _, results = row_verdicts(cell, r"\frac{\partial h_t}{\partial z_t} = \operatorname{diag}(h_{t-1} - \tilde{h}_t)")
    assert results[-1].status == "fail"


def test_prepare_blanks_labels_and_editor_braces_only():
    assert prepare(r"update\quad gate\quad :\quad { z }_{ t }=x").strip() == "{ z }_{ t }=x"
    assert prepare(r"x := y") == "x := y"                          # a definition sign, not a label
    assert prepare(r"{ (1-z }_{ t })").split() == ["(1-z", "_{", "t", "})"]
    assert prepare(r"d{ \cdot x }_{ t }").split() == ["d", r"\cdot", "x", "_{", "t", "}"]
    assert prepare(r"{ W }^{ (z) }") == r"{ W }^{ (z) }"          # a braced name keeps its braces
