r"""Elided series read by the chain rule (numeric/chainelision.py): a chain of one-step Jacobians continued to the
factor after the dots, terms that grow by one factor each; a row of dots between rows (texfile.py); f'(u)
written in front of a matrix-vector product (numprod.derivative_in_front). Every correct row is paired with
mutants that must fail or be unreadable, never pass."""
from symlstm.verify.judging.judge import verify_derivation

HEAD = r"""
$$s_t = \tanh(U x_t + W s_{t-1})$$
$$E = \sum_t E_t(s_t)$$
"""


def _verdicts(body, head=HEAD):
    report = verify_derivation(head + body)
    first = len(head.splitlines()) + 1
    return [(r.status, r.why) for r in sorted(report.results, key=lambda r: r.line) if r.line >= first]


def _status(body, head=HEAD):
    return [s for s, _ in _verdicts(body, head)]


def test_chain_continued_to_the_factor_after_the_dots():
    # the chain goes on from \partial s_t/\partial s_{t-1} until its denominator is s_k, the next numerator
    assert _status(r"""
$$\frac{\partial s_t}{\partial s_k}\frac{\partial s_k}{\partial W} = \frac{\partial s_t}{\partial s_{t-1}} \dots \frac{\partial s_k}{\partial W}$$
""") == ["pass"]
    bad = _status(r"""
$$\frac{\partial s_t}{\partial s_k}\frac{\partial s_k}{\partial W} = \frac{\partial s_t}{\partial s_{t-1}} \dots \frac{\partial s_{k+1}}{\partial W}$$
$$\frac{\partial s_t}{\partial s_k}\frac{\partial s_k}{\partial W} = \frac{\partial s_t}{\partial s_{t-1}} \dots \frac{\partial s_k}{\partial U}$$
$$\frac{\partial s_t}{\partial s_k}\frac{\partial s_k}{\partial W} = \frac{\partial s_t}{\partial s_{t-2}} \dots \frac{\partial s_k}{\partial W}$$
""")
    assert "pass" not in bad and bad[0] == "fail"


def test_terms_growing_by_one_factor():
    good = r"""
$$\frac{\partial s_t}{\partial W} = \frac{\partial^{+} s_t}{\partial W} + \frac{\partial s_t}{\partial s_{t-1}}\frac{\partial^{+} s_{t-1}}{\partial W} + \frac{\partial s_t}{\partial s_{t-1}}\frac{\partial s_{t-1}}{\partial s_{t-2}}\frac{\partial^{+} s_{t-2}}{\partial W} + \ldots + \frac{\partial s_t}{\partial s_{t-1}} \cdots \frac{\partial s_2}{\partial s_1}\frac{\partial^{+} s_1}{\partial W}$$
"""
    assert _status(good) == ["pass"]
    bad = _status(r"""
$$\frac{\partial s_t}{\partial W} = \frac{\partial^{+} s_t}{\partial W} + \frac{\partial s_t}{\partial s_{t-1}}\frac{\partial^{+} s_{t-1}}{\partial W} + \frac{\partial s_t}{\partial s_{t-1}}\frac{\partial s_{t-1}}{\partial s_{t-2}}\frac{\partial^{+} s_{t-2}}{\partial W} + \ldots + \frac{\partial s_t}{\partial s_{t-1}} \ldots \frac{\partial s_t}{\partial s_1}\frac{\partial^{+} s_1}{\partial W}$$
$$\frac{\partial s_t}{\partial W} = \frac{\partial^{+} s_t}{\partial W} + \frac{\partial s_t}{\partial s_{t-1}}\frac{\partial^{+} s_{t-1}}{\partial W} + \frac{\partial s_t}{\partial s_{t-1}}\frac{\partial s_{t-1}}{\partial s_{t-2}}\frac{\partial^{+} s_{t-2}}{\partial W} + \ldots + \frac{\partial s_t}{\partial s_{t-1}} \cdots \frac{\partial s_2}{\partial s_1}\frac{\partial^{+} s_1}{\partial U}$$
$$\frac{\partial s_t}{\partial W} = \frac{\partial s_t}{\partial s_{t-1}}\frac{\partial^{+} s_{t-1}}{\partial W} + \frac{\partial s_t}{\partial s_{t-1}}\frac{\partial s_{t-1}}{\partial s_{t-2}}\frac{\partial^{+} s_{t-2}}{\partial W} + \ldots + \frac{\partial s_t}{\partial s_{t-1}} \cdots \frac{\partial s_2}{\partial s_1}\frac{\partial^{+} s_1}{\partial W}$$
""")
    assert "pass" not in bad and bad[0] == "fail"


def test_row_of_dots_between_rows_is_not_a_term():
    assert _status(r"""
$$\begin{align}
\frac{\partial s_{t}}{\partial s_{t-1}} &= \mathrm{diag}(1 - s_t^2) W \\
\ldots \tag{9} \\
\frac{\partial s_2}{\partial s_1} &= \mathrm{diag}(1 - s_2^2) W
\end{align}$$
""") == ["pass", "pass"]
    assert _status(r"""
$$\begin{align}
\frac{\partial s_{t}}{\partial s_{t-1}} &= \mathrm{diag}(1 - s_t^2) U \\
\ldots \tag{9}
\end{align}$$
""") == ["fail"]


def test_power_of_unwritten_count_fails_for_every_count():
    # W W W ... drops the tanh derivatives diag(1 - s^2) of every step: no count of equal factors makes it hold
    verdicts = _verdicts(r"""
$$\frac{\partial s_t}{\partial s_k}\frac{\partial s_k}{\partial W} = W \cdot W \cdot W \cdots \frac{\partial s_k}{\partial W}$$
""")
    assert verdicts[0][0] == "fail" and "equal factors elided by any count" in verdicts[0][1]


MATSOICH = r"""
\(\begin{aligned}
u^t &= W_{(in)}x^t + b \cr
z^t &= f \left( u^t \right) \cr
v^t &= W_{(out)}z^t + c \cr
y^t &=g \left( v^t \right)
\end{aligned}\)
\(\begin{aligned}
\frac{\partial E}{\partial u^t} &= \delta^t \cr
\frac{\partial E}{\partial v^t} &= \delta^{out,t}
\end{aligned}\)
"""


def test_derivative_vector_in_front_of_a_matrix_vector_product():
    row = r"""\(\displaystyle \frac{\partial E}{\partial u^t} = \frac{\partial E}{\partial v^t} \frac{\partial v^t}{\partial u^t} = X\)
"""
    good = row.replace("X", r"f^{\prime}(u^t) W_{(out)}^T \delta^{out,t}")
    assert _status(good, MATSOICH) == ["pass"]
    for wrong in (r"f^{\prime}(u^t) W_{(out)} \delta^{out,t}", r"f(u^t) W_{(out)}^T \delta^{out,t}",
                  r"f^{\prime}(u^t) W^T \delta^{out,t}", r"f^{\prime}(u^t) W_{(out)}^T \delta^{t}"):
        assert _status(row.replace("X", wrong), MATSOICH) != ["pass"], wrong


def test_derivative_vector_in_front_of_a_matrix_alone_stays_ill_typed():
    head = r"""
$$h_j = f(W_{hh} h_{j-1} + W_{xh} x_j + b_h)$$
$$L = \sum_j L_j(h_j)$$
"""
    assert _status(r"""
$$\frac{\partial h_j}{\partial h_{j-1}} = f'(W_{hh} h_{j-1} + W_{xh} x_j + b_h) \cdot W_{hh}$$
""", head) == ["fail"]
