r"""One row for several gates (W_{i,f,o,c}), the start of an accumulation (\delta h_T = 0) and a loss written
only through its gradient (\delta h_t += target_t - h_t): hand-worked verdicts on a small LSTM in the
notation of course notes (\delta q = -dE/dq, E = 1/2 \sum_t ||target_t - h_t||^2, c'_t the candidate)."""
from symlstm.verify.judging.judge import verify_derivation

FORWARD = r"""
\begin{align}
f_{t}&=\sigma(W_{f}x_{t}+U_{f}h_{t-1}+b_{f})\\
i_{t}&=\sigma(W_{i}x_{t}+U_{i}h_{t-1}+b_{i})\\
o_{t}&=\sigma(W_{o}x_{t}+U_{o}h_{t-1}+b_{o})\\
c'_{t}&=\tanh(W_{c}x_{t}+U_{c}h_{t-1}+b_{c})\\
c_{t}&=f_{t}\circ c_{t-1}+i_{t}\circ c'_t\\
h_{t}&=o_{t}\circ \tanh(c_{t})
\end{align}
"""
BACKWARD = r"""
\begin{align}
\delta h_t +&= target_t - h_t\\
\delta o_t &= \delta h_t \circ \tanh (c_t)\\
\delta c_t +&= \delta h_t \circ o_t \circ \tanh' (c_t)\\
\delta i_t &= \delta c_t \circ c'_t\\
\delta f_t &= \delta c_t \circ c_{t-1}\\
\delta c'_t &= \delta c_t \circ i_t\\
\delta c_{t-1} &= \delta c_t \circ f_t\\
\delta \hat{c'}_t &= \delta c'_t \circ (1 - c'^2_t)\\
\delta \hat{i}_t &= \delta i_t \circ i_t \circ (1-i_t)\\
\delta \hat{f}_t &= \delta f_t \circ f_t \circ (1-f_t)\\
\delta \hat{o}_t &= \delta o_t \circ o_t \circ (1-o_t)\\
LISTED
\end{align}
$\delta h_{T} = 0$
"""


def verdicts(listed, backward=BACKWARD):
    rep = verify_derivation(FORWARD + backward.replace("LISTED", listed))
    return [(r.text.replace(" ", ""), r.status, r.why) for r in rep.results]


def last(listed, backward=BACKWARD):
    rows = verdicts(listed, backward)
    return next(r for r in rows if r[0].startswith(listed.split("&")[0].replace(" ", "")))


def test_listed_gates_pass_row_by_row():
    for listed in (r"\delta W_{i,f,o,c} &= \delta {\hat{i},\hat{f},\hat{o},\hat{c'}}_t x^T_t",
                   r"\delta U_{i,f,o,c} &= \delta {\hat{i},\hat{f},\hat{o},\hat{c'}}_t h^T_{t-1}",
                   r"\delta b_{i,f,o,c} &= \delta {\hat{i},\hat{f},\hat{o},\hat{c'}}_t"):
        text, status, why = last(listed)
        assert status == "pass", (listed, why)
        assert "one row per gate" in why


def test_bare_sum_over_listed_gates():
    # what reaches h_{t-1} through step t: the sum over the four gates of U_k^T \delta \hat{k}_t
    text, status, why = last(r"\delta h_{t-1} &= \sum U_{i,f,o,c}^T\delta {\hat{i},\hat{f},\hat{o},\hat{c'}}_t")
    assert status == "pass", why


def test_a_wrong_gate_fails_and_is_named():
    # o and c' swapped: W_o is paired with \hat{c'} -- the row of gate o is wrong (and c's)
    text, status, why = last(r"\delta W_{i,f,o,c} &= \delta {\hat{i},\hat{f},\hat{c'},\hat{o}}_t x^T_t")
    assert status == "fail"
    assert "gate o" in why


def test_a_wrong_factor_in_every_gate_fails():
    # h_{t-1} instead of x_t: \delta W_k is \delta \hat{k}_t x_t^T
    text, status, why = last(r"\delta W_{i,f,o,c} &= \delta {\hat{i},\hat{f},\hat{o},\hat{c'}}_t x_t")
    assert status in ("fail", "unreadable")
    assert status != "pass"


def test_wrong_bare_sum_fails():
    text, status, why = last(r"\delta h_{t-1} &= \sum W_{i,f,o,c}^T\delta {\hat{i},\hat{f},\hat{o},\hat{c'}}_t")
    assert status == "fail"


def test_lists_of_different_lengths_are_unreadable():
    text, status, why = last(r"\delta W_{i,f,o} &= \delta {\hat{i},\hat{f},\hat{o},\hat{c'}}_t x^T_t")
    assert status == "unreadable" and "pair" in why


def test_index_lists_are_not_gates():
    # W_{i,j,k}: indices, not the cell's gates -- never expanded into rows for "gates" j and k
    text, status, why = last(r"\delta W_{i,j,k} &= \delta {\hat{i},\hat{f},\hat{o}}_t x^T_t")
    assert status != "pass"


def test_accumulation_start_and_implied_target():
    rows = verdicts(r"\delta b_{i,f,o,c} &= \delta {\hat{i},\hat{f},\hat{o},\hat{c'}}_t")
    by = {t: (s, w) for t, s, w in rows}
    assert by[r"\deltah_{T}=0"][0] == "pass"                  # what reaches h_T from beyond T
    assert by[r"\deltah_t+=target_t-h_t"][0] == "pass", by[r"\deltah_t+=target_t-h_t"]
    assert all(s != "fail" for s, _ in by.values()), rows


def test_zero_start_without_an_accumulation_is_not_read():
    # no row adds to \delta c_t here: \delta c_T = 0 is not the start of an accumulation
    backward = BACKWARD.replace(r"\delta c_t +&= \delta h_t \circ o_t \circ \tanh' (c_t)",
                                r"\delta c_t &= \delta h_t \circ o_t \circ \tanh' (c_t) + \delta c_{t+1} \circ f_{t+1}")
    rows = verdicts(r"\delta b_{i,f,o,c} &= \delta {\hat{i},\hat{f},\hat{o},\hat{c'}}_t",
                    backward + "\n$\\delta c_{T} = 0$\n")
    status = next(s for t, s, _ in rows if t == r"\deltac_{T}=0")
    assert status == "unreadable"


def test_implied_target_needs_the_quantity_itself():
    # target_t - c_t beside \delta h_t: no loss is implied, the target stays undefined
    backward = BACKWARD.replace("target_t - h_t", "target_t - c_t")
    rows = verdicts(r"\delta b_{i,f,o,c} &= \delta {\hat{i},\hat{f},\hat{o},\hat{c'}}_t", backward)
    status, why = next((s, w) for t, s, w in rows if t.startswith(r"\deltah_t+="))
    assert status == "unreadable" and "target" in why
