"""Reader features found on new gated-cell sources (round 4); every verdict below is worked out by hand."""
from symlstm.verify.judging.judge import verify_derivation

FORWARD = r"""
\begin{aligned}
f_{t}&=\sigma(W_{f}x_{t}+U_{f}h_{t-1}+b_{f})\\
i_{t}&=\sigma(W_{i}x_{t}+U_{i}h_{t-1}+b_{i})\\
o_{t}&=\sigma(W_{o}x_{t}+U_{o}h_{t-1}+b_{o})\\
c'_{t}&=\tanh(W_{c}x_{t}+U_{c}h_{t-1}+b_{c})\\
c_{t}&=f_{t}\circ c_{t-1}+i_{t}\circ c'_t\\
h_{t}&=o_{t}\circ \tanh(c_{t})
\end{aligned}
"""


def _status(rows, extra):
    back = "" if not extra else (r"\begin{equation}\begin{aligned}" + "\n" + extra + "\n"
                                 + r"\end{aligned}\end{equation}" + "\n")
    rep = verify_derivation(r"\begin{equation}" + FORWARD + r"\end{equation}" + "\n" + back + rows)
    return [(r.text, r.status, r.why) for r in rep.results]


def test_a_primed_name_defined_with_a_time_is_a_name():
    # c'_t = tanh(...) defines the candidate; c' is not the derivative of c
    out = _status("", r"\delta i_t &= \delta c_t \circ c'_t\\" + "\n" + r"\delta c'_t &= \delta c_t \circ i_t\\")
    assert [s for _, s, _ in out] == ["pass"] * 8


def test_the_pre_activation_of_a_primed_name():
    # \hat{c'}: the pre-activation of the candidate c'; its gradient is delta c' (1 - c'^2)
    out = _status("", r"\delta \hat{c'}_t &= \delta c'_t \circ (1 - c'^2_t)\\" + "\n"
                  + r"\delta \hat{i}_t &= \delta c_t \circ c'_t\\")
    assert [s for _, s, _ in out][-2:] == ["pass", "fail"]      # the second lacks sigma'(i)


def test_one_row_for_several_gates_is_read_gate_by_gate():
    # delta W_k = delta hat-k_t x_t^T for k = i, f, o, c (W_c with hat-c'): step t's contribution, row by row
    # (tests/test_verify_gate_lists.py has the failing and unreadable cases)
    out = _status("", r"\delta W_{i,f,o,c} &= \delta {\hat{i},\hat{f},\hat{o},\hat{c'}}_t x^T_t\\")
    text, status, why = out[-1]
    assert status == "pass" and "several gates" in why


def test_a_gradient_set_to_zero_is_an_initialisation():
    out = _status("$\\delta h_{T} = 0$\\\\\n$\\delta c_{T} = 0$\\\\\n", "")
    assert [(s, "accumulation" in w) for _, s, w in out[-2:]] == [("unreadable", True)] * 2


def test_an_inline_row_followed_by_a_line_break_is_read():
    rep = verify_derivation("$h_t = \\tanh(W h_{t-1} + U x_t)$\\\\\n")
    assert len(rep.results) == 1
