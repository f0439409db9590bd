r"""Names without their time index, a gradient written on both sides of its row, d-written step gradients of
parameters, a dangling forward row, \vert as a block separator, a trailing \implies, and a lemma about \sigma
(Olah-style notation with dL/d. fractions, as in Jake Tae's "Dissecting LSTMs")."""
from symlstm.verify.judging.judge import verify_derivation

HEAD = r"""
% symlstm: given a_C = \text{tanh}(C_t); a_o = W_o [h_{t - 1}, x_t] + b_o
\begin{align}
f_t = \sigma(W_f [h_{t - 1}, x_t] + b_f) \\
i_t = \sigma(W_i [h_{t - 1}, x_t] + b_i) \\
\tilde{C}_t = \text{tanh}(W_C [h_{t - 1}, x_t] + b_C) \\
C_t = f_t \odot C_{t - 1} + i_t \odot \tilde{C}_t \\
o_t = \sigma(W_o [h_{t - 1}, x_t] + b_o) \\
h_t = o_t \odot \text{tanh}(C_t) \\
z = W_y h_t + b_y \\
\hat{y} = \text{softmax}(z)
\end{align}
"""


def _verdicts(body):
    text = HEAD + body
    report = verify_derivation(text)
    first = len(HEAD.splitlines()) + 1
    return [(r.status, r.why) for r in sorted(report.results, key=lambda r: r.line) if r.line >= first]


def _status(body):
    return [s for s, _ in _verdicts(body)]


def test_bare_name_where_the_rows_write_a_time_is_undefined():
    v = _verdicts(r"""$$ \frac{dL}{d a_C} = \frac{dL}{dh_t} \cdot \frac{dh}{d a_C} $$
$$ \frac{dL}{d a_C} = \frac{dL}{dh_t} \cdot \frac{dh_t}{d a_C} $$
$$ \frac{dL}{d C_{t - 1}} = \frac{dL}{dC} \cdot \frac{dC}{d C_{t - 1}} $$
$$ \frac{dL}{d C_{t - 1}} = \frac{dL}{dC_t} \cdot \frac{dC_t}{d C_{t - 1}} $$
""")
    assert [s for s, _ in v] == ["fail", "pass", "fail", "pass"]
    assert "h is not defined" in v[0][1] and "h_t" in v[0][1]
    assert "C is not defined" in v[2][1]


def test_code_style_without_times_keeps_bare_names():
    text = r"""\begin{align}
h = \tanh(W x + U h_{prev} + b) \\
y = V h
\end{align}
$$ dh_{raw} = (1 - h \odot h) \odot dh $$
$$ dh_{raw} = (1 + h \odot h) \odot dh $$
"""
    r = verify_derivation(text)
    assert [x.status for x in r.results if x.line >= 5] == ["pass", "fail"]


def test_same_gradient_on_both_sides_has_one_reading():
    v = _verdicts(r"""$$ \frac{dL}{d C_t} = \frac{dL}{d a_C} \cdot \frac{d a_C}{d C_t} + \frac{dL}{d C_t} $$
$$ \frac{dL}{d C_t} = \frac{dL}{d a_C} \cdot \frac{d a_C}{d C_t} + \frac{dL}{d C_{t+1}} \odot f_{t+1} $$
""")
    assert v[0][0] == "fail" and "written again on the right" in v[0][1]
    assert v[1][0] == "pass"


def test_accumulation_written_with_equals_still_reads_as_increment():
    text = r"""\begin{align}
h_t = \tanh(W x_t + U h_{t-1} + b) \\
y_t = V h_t
\end{align}
$$ \delta V = \delta V + \delta y_t h_t^T $$
$$ \delta V = \delta V + \delta y_t h_{t-1}^T $$
"""
    r = verify_derivation(text)
    assert [x.status for x in r.results if x.line >= 5] == ["pass", "fail"]


def test_d_written_parameter_gradient_may_be_one_step():
    assert _status(r"""$$ \frac{dL}{dz} = \hat{y} - y $$
$$ \frac{dL}{d b_y} = \frac{dL}{dz} $$
$$ \frac{dL}{d a_o} = \frac{dL}{d o_t} \cdot \frac{d o_t}{d a_o} $$
$$ \frac{dL}{d b_o} = \frac{dL}{d a_o} \cdot \frac{d a_o}{d b_o} $$
$$ \frac{dL}{d b_o} = \frac{dL}{d a_o} \odot o_t $$
$$ \frac{dL}{d W_o} = \frac{dL}{d a_o} \cdot \frac{d a_o}{d W_o} $$
""") == ["pass", "pass", "pass", "pass", "fail", "pass"]


def test_d_means_total_where_the_derivation_derives_du_dw():
    # leakssss-style: a row derives d u / d W as a total; a one-path chain for dL/dW is then not a step reading
    text = r"""\begin{align}
u_{t} = W x_{t} + V h_{t-1} \\
h_{t} = \tanh(u_{t})
\end{align}
$$ \frac{du_{t}}{dW} = x_{t}^T + V \frac{dh_{t-1}}{dW} $$
$$ \frac{dL}{dW} = \frac{dL}{du_{t}} x_{t}^T $$
"""
    r = verify_derivation(text)
    assert [x.status for x in r.results if x.line >= 6][-1] != "pass"


def test_dangling_definition_among_backward_rows_is_not_passed():
    v = _verdicts(r"""$$ \frac{dL}{dz} = \hat{y} - y $$
$$ X = (x_t \vert h_{t - 1}) $$
$$ m_t = W_a X + b_a $$
""")
    assert v[0][0] == "pass" and v[1][0] == "pass"
    assert v[2][0] == "unreadable" and "W_a" in v[2][1]


def test_vert_separates_blocks():
    v = _verdicts(r"""$$ X = (h_{t - 1} \vert x_t) $$
$$ a_o = W_o X + b_o $$
$$ a_o = W_o (x_t | h_{t-1}) + b_o $$
""")
    assert [s for s, _ in v] == ["pass", "pass", "fail"]


def test_trailing_implies_and_fused_time_letter():
    v = _verdicts(r"""\begin{align}
h_t = o_t \odot \text{tanh}(C_t) \implies \\
\frac{dL}{d o_t} &= \frac{dL}{d h_t} \cdot \text{tanh}(C_t) \\
\frac{dL}{d o_t} &= \frac{dL}{d h_t} \cdot \text{tanh}(Ct)
\end{align}
""")
    assert [s for s, _ in v] == ["pass", "pass", "fail"]
    assert "C_t written without its underscore" in v[-1][1]


def test_sigmoid_lemma_is_an_identity_in_x():
    assert _status(r"""\begin{align}
\frac{d \sigma}{dx} &= \frac{d}{dx} \left[ \frac{1}{1 + e^{-x}} \right] \\
&= \sigma(x) \cdot (1 - \sigma(x))
\end{align}
\begin{align}
\frac{d \sigma}{dx} &= \sigma(x) \cdot (1 + \sigma(x))
\end{align}
""") == ["pass", "pass", "fail"]
