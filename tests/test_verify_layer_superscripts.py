r"""A layer index as the superscript and the time as the subscript (h^l_n, h^2_N), left-subscript labels
({}_S w^2, {}_T w^2), definitions by example (y_1 = h^2_1) and d/d-derivatives at a point (\Big|_{z}).
Verdicts worked by hand: h^l_n = sigma({}_SW^l h^{l-1}_n + {}_TW^l h^l_{n-1}), y = h^2 (two layers)."""
from symlstm.verify.judging.judge import verify_derivation
from symlstm.verify.text.rowparse import parse_expression

FORWARD = r"""
\begin{align*}
&\mathbf{z}^l_n = {}_SW^l\mathbf{h}^{l-1}_n + {}_TW^l\mathbf{h}^l_{n-1} \\
&\mathbf{h}^l_n = \sigma ( \mathbf{z}^l_n )
\end{align*}
"""


def verdicts(body):
    r = verify_derivation(FORWARD + body)
    return [x.status for x in r.results][2:], r


def test_left_subscript_is_a_label_of_the_name():
    assert parse_expression(r"{}_Sw^2") == ("sym", "w_S", None, None, [("num", "2")], 0)
    assert parse_expression(r"{}_T\delta^l_{n+1}")[1] == "delta_T"


def test_vector_forward_rows_with_layer_superscripts_pass():
    r = verify_derivation(FORWARD)
    assert [x.status for x in r.results] == ["pass", "pass"]


STEPS = r"""
\begin{align*}
h^1_1 &= \sigma \left ( {}_Sw^1x_1 + {}_Tw^1h^1_0 \right ) \\
h^2_1 &= \sigma \left ( {}_Sw^2h^1_1 + {}_Tw^2h^2_0 \right ) \\
y_1 &= h^2_1.
\end{align*}
\begin{align*}
h^1_2 &= \sigma \left ( {}_Sw^1x_2 + {}_Tw^1h^1_1 \right ) \\
h^2_2 &= \sigma \left ( {}_Sw^2h^1_2 + {}_Tw^2h^2_1 \right ) \\
y_2 &= h^2_2,
\end{align*}
"""


def test_numbered_steps_per_layer_pass():
    st, _ = verdicts(STEPS)
    assert st == ["pass"] * 6


def test_restated_rows_are_checked_against_the_steps():
    st, _ = verdicts(STEPS + r"""
\begin{align*}
h^2_2 &= \sigma \left ( {}_Sw^2h^1_2 + {}_Tw^2h^2_1 \right ) \\
y_2 &= h^2_2 \\
h^1_2 &= \sigma \left ( {}_Sw^1x_2 + {}_Tw^1  \sigma \left ( {}_Sw^1x_1 + {}_Tw^1h^1_0  \right ) \right ) \\
h^2_2 &= \sigma \left ( {}_Sw^2\sigma h^1_2 + {}_Tw^2  \sigma \left ( {}_Sw^2h^1_1 + {}_Tw^2h^2_0 \right ) \right )
\end{align*}
""")
    assert st[6:] == ["pass", "pass", "pass", "fail"]      # the last: a sigma too many on h^1_2


def test_swapped_layers_and_weight_labels_fail():
    st, _ = verdicts(STEPS + r"""
\begin{align*}
h^2_2 &= \sigma \left ( {}_Sw^1h^1_2 + {}_Tw^2h^2_1 \right ) \\
h^2_2 &= \sigma \left ( {}_Tw^2h^1_2 + {}_Sw^2h^2_1 \right ) \\
h^1_2 &= \sigma \left ( {}_Sw^1x_2 + {}_Tw^1h^2_1 \right ) \\
y_2 &= h^1_2
\end{align*}
""")
    assert st[6:] == ["fail"] * 4


def test_last_step_letter_N_beside_n():
    st, _ = verdicts(STEPS + r"""
\begin{align*}
y_N &= h^2_N \\
h^1_N &= \sigma \left ( {}_Sw^1x_N + {}_Tw^1 h^1_{N} \right )
\end{align*}
""")
    assert st[6] == "pass" and st[7] != "pass"


def test_derivative_at_a_point_of_a_prose_cost_without_an_output_is_not_passed():
    # no y_n = h^2_n row here: C(y_N) has no output to be a function of (see tests/test_verify_points.py)
    st, r = verdicts(r"""
\begin{align*}
\frac{dC(y_N)}{d{}_Tw^2} &= \frac{dC}{dy} \Big |_{y_N} \frac{ dy_N}{d{}_Tw^2}
\end{align*}
""")
    assert st == ["unreadable"]
    assert r.results[-1].why


def test_a_power_without_a_layered_forward_row_stays_a_power():
    r = verify_derivation(r"""
\begin{align*}
h_t &= \tanh(W h_{t-1} + U x_t) \\
a_t &= h_t^2 \\
a_t &= h_t \odot h_t
\end{align*}
""")
    assert [x.status for x in r.results] == ["pass", "pass", "pass"]
