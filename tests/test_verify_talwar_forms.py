r"""Reader features met in Talwar's LSTM post (tests/derivations/talwar_lstm_bptt.tex), on small hand-made
derivations: layout around a part (\underbrace{X}_{label}, \bbox[...]{...}, \space, \qquad (7.1)), components in
brackets (s_{[i]}, W_{f[i,j]}, \sum_{j=0}^{V-1}), a sum whose summand never uses its index, e^{...} beside a
quantity named e, the forward rows' time letter, a parameter at a step (W^{(k)})."""
from symlstm.verify.judging.judge import verify_derivation
from symlstm.verify.text.rowparse import parse_row

CELL = r"""
\begin{align}
f^{(t)} &= \sigma \underbrace{\left( b_{f} + U_{f}x^{(t)} + W_{f}h^{(t-1)} \right)}_{z_f} \\
e^{(t)} &= \sigma \left( b_{e} + U_{e}x^{(t)} + W_{e}h^{(t-1)} \right) \\
s^{(t)} &= \underbrace{f^{(t)}}_{\text{forget gate}} \circ s^{(t-1)} + e^{(t)} \\
h^{(t)} &= \tanh(s^{(t)}) \\
\theta^{(t)} &= U h^{(t)} + b
\end{align}
"""


def _statuses(text):
    return [(r.line, r.status, r.why) for r in verify_derivation(text).results]


def _parse_equal(a, b):
    assert parse_row(a) == parse_row(b)


def test_underbrace_is_its_part_and_its_label_is_dropped():
    _parse_equal(r"\underbrace{h^{(t)}}_{\substack{\text{hidden} \\ \text{state}}} = q^{(t)} \circ "
                 r"\tanh(\underbrace{s^{(t)}}_{\text{internal}})", r"h^{(t)} = q^{(t)} \circ \tanh(s^{(t)})")
    _parse_equal(r"y = \overbrace{a \circ b}^{c}", r"y = a \circ b")


def test_an_underbraced_sum_stays_one_factor():
    _parse_equal(r"y = a \times \underbrace{b + c}_{d}", r"y = a \times (b + c)")


def test_a_label_with_dollars_inside_text_is_dropped():
    _parse_equal(r"y = a \times \underbrace{b \times c}_{\text{Call it $d_{[i]}$}}", r"y = a \times b \times c")


def test_bbox_with_options_and_a_hand_written_number():
    _parse_equal(r"\bbox[yellow,5px,border: 2px solid red] { y = a \circ b \qquad (7.1) }", r"y = a \circ b")


def test_space_and_textcolor_are_layout():
    _parse_equal(r"y = \frac {1 \space - \space a} {1 \space + \space a}", r"y = \frac{1 - a}{1 + a}")
    _parse_equal(r"y = \textcolor{red}{a} + b", r"y = a + b")


def test_forward_rows_with_underbraces_and_a_sigmoid_feature_vector_pass():
    res = _statuses(CELL)
    assert [s for _, s, _ in res] == ["pass"] * 5, res


def test_e_with_a_power_is_the_exponential_beside_a_quantity_e():
    # tanh written through e^{-2x} while e^{(t)} is a quantity of the cell: an identity
    res = _statuses(CELL + r"$$ tanh(x) = \frac {1 \space - \space e^{-2x}} {1 \space + \space e^{-2x}} $$" "\n")
    assert res[-1][1] == "pass", res[-1]
    wrong = _statuses(CELL + r"$$ tanh(x) = \frac {1 - e^{-x}} {1 + e^{-x}} $$" "\n")
    assert wrong[-1][1] == "fail", wrong[-1]


SOFTMAX = r"""
$$ \theta^{(t)} = Uh^{(t)} + b $$
$$ \hat{y}^{(t)}_{[i]} = \frac {e^{\theta^{(t)}_{[i]}}} {\sum_{j=0}^{V-1} e^{\theta^{(t)}_{[%s]}}} $$
$$ J^{(t)} = -\sum_{i=0}^{V-1} y^{(t)}_{[i]} log \hat{y}^{(t)}_{[i]} $$
$$ J = \sum_{t=1}^{T} J^{(t)} $$
$$ h^{(t)} = \tanh(W h^{(t-1)} + U_x x^{(t)}) $$
"""


def test_a_component_definition_in_brackets_is_the_vector():
    res = _statuses(SOFTMAX % "j")
    assert [s for _, s, _ in res] == ["pass"] * 5, res


def test_a_sum_whose_summand_never_uses_its_index_fails():
    res = _statuses(SOFTMAX % "i")
    assert res[1][1] == "fail" and "never uses j" in res[1][2], res[1]
    assert res[0][1] == "pass" and res[4][1] == "pass", res


GRADS = CELL + r"""
$$ J^{(t)} = -\sum_{i=0}^{V-1} y^{(t)}_{[i]} log \hat{y}^{(t)}_{[i]} $$
$$ \hat{y}^{(t)}_{[i]} = \frac {e^{\theta^{(t)}_{[i]}}} {\sum_{j=0}^{V-1} e^{\theta^{(t)}_{[j]}}} $$
$$ J = \sum_{t=1}^{T} J^{(t)} $$
$$ \frac {\partial J^{(t)}} {\partial f_{[p]}^{(k)}} = \sum_{m=1}^{D} \frac {\partial J^{(t)}} {\partial s_{[m]}^{(k)}} \times \frac {\partial s_{[m]}^{(k)}} {\partial f_{[p]}^{(k)}} $$
$$ \frac {\partial J^{(t)}} {\partial f_{[p]}^{(k)}} = \frac {\partial J^{(t)}} {\partial s_{[p]}^{(k)}} \times s_{[p]}^{(k-1)} $$
$$ \frac {\partial J^{(t)}} {\partial f_{[p]}^{(k)}} = \frac {\partial J^{(t)}} {\partial s_{[p]}^{(k)}} \times s_{[p]}^{(k)} $$
$$ \frac {\partial J^{(t)}} {\partial W_{f[i,j]}^{(k)}} = \frac {\partial J^{(t)}} {\partial f_{[i]}^{(k)}} \times h_{[j]}^{(k-1)} $$
"""


def test_rows_at_a_second_step_k_of_one_steps_loss_never_pass_wrongly():
    res = _statuses(GRADS)
    # k written only as a superscript (k) beside forward rows in t is a second step: the rows hold for every k, the
    # wrong factor s^{(k)} for s^{(k-1)} fails, and so does dJ/dW_f^{(k)} without sigma'(z_f)
    assert res[8][1] == "pass" and res[9][1] == "pass", (res[8], res[9])
    assert res[10][1] == "fail" and res[11][1] == "fail", (res[10], res[11])


def test_a_gradient_with_respect_to_a_per_step_copy_of_a_weight_is_that_steps_part():
    text = CELL + r"""
$$ J^{(t)} = -\sum_{i=0}^{V-1} y^{(t)}_{[i]} log \hat{y}^{(t)}_{[i]} $$
$$ \hat{y}^{(t)}_{[i]} = \frac {e^{\theta^{(t)}_{[i]}}} {\sum_{j=0}^{V-1} e^{\theta^{(t)}_{[j]}}} $$
$$ J = \sum_{t=1}^{T} J^{(t)} $$
$$ \frac {\partial J^{(t)}} {\partial W_{f}^{(t)}} = \frac {\partial J^{(t)}} {\partial W_{f}} $$
"""
    res = _statuses(text)
    # W_f^{(t)} is the copy step t uses: J^{(t)} also reads the copies of the earlier steps, so the row fails
    assert res[-1][1] == "fail", res[-1]
