r"""Elisions read by their pattern (``a_t + a_{t-1} + \ldots + a_1``, chains ``\cdots`` of Jacobians, blocks of
two factors), Pascanu et al.'s recursion written with one symbol on both sides, a row in a time letter of its own
(h_j, h_{j-1}), and a row relating two separate systems of forward rows (numeric/elision.py, weightrecursion.py,
systems.py). Every correct row is paired with mutants that must fail or be unreadable, never pass."""
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


def test_sum_elided_by_its_pattern():
    assert _status(r"""
$$\frac{\partial s_t}{\partial W} = \frac{\partial s_t}{\partial s_t}\frac{\partial s_t}{\partial W} + \frac{\partial s_t}{\partial s_{t-1}}\frac{\partial s_{t-1}}{\partial W} + \frac{\partial s_t}{\partial s_{t-2}}\frac{\partial s_{t-2}}{\partial W} + \dots + \frac{\partial s_t}{\partial s_1}\frac{\partial s_1}{\partial W}$$
""") == ["pass"]
    # the term k = t left out; a term of another form after the dots
    bad = _status(r"""
$$\frac{\partial s_t}{\partial W} = \frac{\partial s_t}{\partial s_{t-1}}\frac{\partial s_{t-1}}{\partial W} + \frac{\partial s_t}{\partial s_{t-2}}\frac{\partial s_{t-2}}{\partial W} + \dots + \frac{\partial s_t}{\partial s_1}\frac{\partial s_1}{\partial W}$$
$$\frac{\partial s_t}{\partial W} = \frac{\partial s_t}{\partial s_t}\frac{\partial s_t}{\partial W} + \frac{\partial s_t}{\partial s_{t-1}}\frac{\partial s_{t-1}}{\partial W} + \dots + \frac{\partial s_1}{\partial W}$$
""")
    assert bad[0] == "fail" and bad[1] != "pass"


def test_chain_of_jacobians_elided():
    assert _status(r"""
$$\frac{\partial s_t}{\partial s_k} = \frac{\partial s_t}{\partial s_{t-1}}\frac{\partial s_{t-1}}{\partial s_{t-2}}\cdots\frac{\partial s_{k+1}}{\partial s_k}$$
$$\frac{\partial s_t}{\partial s_k}\frac{\partial s_k}{\partial W} = \frac{\partial s_t}{\partial s_{t-1}}\frac{\partial s_{t-1}}{\partial s_{t-2}}\frac{\partial s_{t-2}}{\partial s_{t-3}}\cdots\frac{\partial s_{k+1}}{\partial s_k}\frac{\partial s_k}{\partial W}$$
""") == ["pass", "pass"]
    bad = _status(r"""
$$\frac{\partial s_t}{\partial s_k} = \frac{\partial s_t}{\partial s_{t-1}}\frac{\partial s_{t-1}}{\partial s_{t-2}}\cdots\frac{\partial s_{k+2}}{\partial s_{k+1}}$$
$$\frac{\partial s_t}{\partial s_k} = \frac{\partial s_t}{\partial s_{t-1}}\frac{\partial s_{t-2}}{\partial s_{t-3}}\cdots\frac{\partial s_{k+1}}{\partial s_k}$$
$$\frac{\partial s_t}{\partial s_k} = W \cdot W \cdots W$$
""")
    assert bad[0] == "fail" and "pass" not in bad


def test_block_of_two_factors_elided():
    head = r"""
$$h_t = \tanh(W h_{t-1} + U x_t)$$
$$L = \sum_t \ell_t(h_t)$$
"""
    good = r"""$$\frac{\partial h_t}{\partial h_k} = \mathrm{diag}(1 - h_t^2) W \mathrm{diag}(1 - h_{t-1}^2) W \cdots \mathrm{diag}(1 - h_{k+1}^2) W$$
"""
    assert _status(good, head) == ["pass"]
    bad = _status(r"""$$\frac{\partial h_t}{\partial h_k} = \mathrm{diag}(1 - h_t^2) W \mathrm{diag}(1 - h_{t-1}^2) W \cdots \mathrm{diag}(1 - h_{k}^2) W$$
$$\frac{\partial h_t}{\partial h_k} = W \mathrm{diag}(1 - h_t^2) W \mathrm{diag}(1 - h_{t-1}^2) \cdots W \mathrm{diag}(1 - h_{k+1}^2)$$
""", head)
    assert "pass" not in bad and bad[0] == "fail"


def test_pascanu_recursion_with_one_symbol():
    v = _status(r"""
$$\frac{\partial s_t}{\partial W} = \frac{\partial s_t}{\partial W} + \frac{\partial s_t}{\partial s_{t-1}} \frac{\partial s_{t-1}}{\partial W}$$
$$\frac{\partial s_3}{\partial W} = \frac{\partial s_3}{\partial W} + \frac{\partial s_3}{\partial s_2}\frac{\partial s_2}{\partial W} + \frac{\partial s_3}{\partial s_2}\frac{\partial s_2}{\partial s_1}\frac{\partial s_1}{\partial W}$$
$$\frac{\partial s_t}{\partial W} = \frac{\partial s_t}{\partial W} + \frac{\partial s_t}{\partial s_{t-1}} \frac{\partial s_{t-2}}{\partial W}$$
$$\frac{\partial s_t}{\partial W} = \frac{\partial s_t}{\partial W} + \frac{\partial s_{t-1}}{\partial W}$$
$$\frac{\partial s_3}{\partial W} = \frac{\partial s_3}{\partial W} + \frac{\partial s_3}{\partial s_2}\frac{\partial s_2}{\partial W} + \frac{\partial s_2}{\partial s_1}\frac{\partial s_1}{\partial W}$$
""")
    assert v == ["pass", "pass", "fail", "fail", "fail"]


def test_row_in_a_time_letter_of_its_own():
    v = _status(r"""
$$\frac{\partial s_j}{\partial s_{j-1}} = \mathrm{diag}(1 - s_j^2) W$$
$$\frac{\partial s_j}{\partial s_{j-1}} = W$$
$$\frac{\partial s_j}{\partial s_{j-1}} = \mathrm{diag}(1 - s_{j-1}^2) W$$
""")
    assert v[0] == "pass" and v[1] == "fail" and v[2] == "fail"


def test_row_across_two_separate_systems_is_not_read():
    head = r"""
$$S_k = f(S_{k-1} W_{rec} + X_k W_x)$$
$$s_k = s_{k-1} w_{rec} + x_k w_x$$
"""
    v = _verdicts(r"""$$\frac{\partial S_{k}}{\partial S_{k-1}} = w_{rec}$$
$$\frac{\partial s_{k}}{\partial s_{k-1}} = w_{rec}$$
$$\frac{\partial s_{k}}{\partial s_{k-1}} = 2 w_{rec}$$
""", head)
    # the two statements are one recurrence in two spellings (names paired by case, same form, f no row
    # defines): one system (twinsystems.py); rows of other forms keep them separate (test_verify_slices_batches.py)
    assert v[0][0] == "pass"
    assert [s for s, _ in v[1:]] == ["pass", "fail"]
    v = _verdicts(r"""$$\frac{\partial S_{k}}{\partial S_{k-1}} = w_{rec}$$
""", head.replace("+ x_k w_x", ""))
    assert v[0][0] == "unreadable" and "separate systems" in v[0][1]
