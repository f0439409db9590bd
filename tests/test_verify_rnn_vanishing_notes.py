r"""Notation of vanishing-gradient lecture notes (CS224n 2017, CS231n, ML-From-Scratch code): spaced
environments (\begin {equation}), \parallel norm bars, W^{(hh)} labels, x_{[t]} times, f_W abstract beside a gate
f_t, an RNN then an LSTM sharing h_t, code names spelled as gradients, the generic weight W."""
from symlstm.verify.judging.judge import verify_derivation


def _statuses(tex):
    return {r.line: r.status for r in verify_derivation(tex).results}, \
        {r.line: (r.why or "") for r in verify_derivation(tex).results}


RNN = r"""\begin {equation}
h_t = \tanh (W^{(hh)}h_{t-1} + W^{(hx)}x_{[t]})
\label {eqn:h}
\end {equation}
"""


def test_spaced_environment_and_parallel_norm_bounds():
    tex = RNN + r"""\begin {equation}
\parallel \frac{\partial h_t}{\partial h_{t-1}} \parallel \leq \parallel W^{(hh)} \parallel
\end {equation}
\begin {equation}
\parallel \frac{\partial h_t}{\partial h_{t-1}} \parallel \leq 0.001 \parallel W^{(hh)} \parallel
\end {equation}
"""
    st, why = _statuses(tex)
    assert st == {2: "pass", 6: "pass", 9: "fail"}, (st, why)


def test_parenthesised_labels_and_bracketed_time():
    tex = RNN + r"""\begin{equation}
h_t = \tanh(W^{(hh)} h_{t-1} + W^{(hx)} x_{t})
\end{equation}
\begin{equation}
h_t = \tanh(W^{(hx)} h_{t-1} + W^{(hh)} x_{t})
\end{equation}
"""
    st, why = _statuses(tex)
    assert st[2] == "pass" and st[6] == "pass", (st, why)
    assert st[9] in ("fail", "unreadable"), (st, why)          # the weights swapped: never a pass


def test_abstract_function_beside_a_gate_named_f():
    tex = r"""$$ h_t = f_W(h_{t-1}, x_t) $$
$$ h_t = \tanh(W_{hh}h_{t-1} + W_{xh}x_t) $$
$$ f_t = \sigma(W_{hf}h_{t-1} + W_{xf}x_t) $$
"""
    st, why = _statuses(tex)
    assert st[1] == "pass", (st, why)      # f_W(h_{t-1}, x_t): the arguments of h_t's row (formrows.py), not the gate f_t
    st, why = _statuses(tex.replace("f_W(h_{t-1}, x_t)", "f_W(h_{t-2}, x_t)"))
    assert st[1] == "fail", (st, why)
    assert st[2] == "pass", (st, why)


def test_rnn_then_lstm_sharing_h():
    tex = r"""$$ h_t = tanh(W_{hh}h_{t-1} + W_{xh}x_t) $$
$$ y_t = W_{hy}h_t $$
$$
\begin{aligned}
f_t &= \sigma(W_{hf}h_{t-1} + W_{xf}x_t) \\
i_t &= \sigma(W_{hi}h_{t-1} + W_{xi}x_t) \\
o_t &= \sigma(W_{ho}h_{t-1} + W_{xo}x_t) \\
g_t &= \text{tanh}(W_{hg}h_{t-1} + W_{xg}x_t) \\
c_t &= f_t \odot c_{t-1} + i_t \odot g_t \\
h_t &= o_t \odot \text{tanh}(c_t) \\
\end{aligned}
$$
"""
    st, why = _statuses(tex)
    assert all(s == "pass" for s in st.values()), (st, why)


def test_restated_rnn_with_the_same_function_is_still_a_claim():
    tex = r"""$$ h_t = \tanh(W_{hh}h_{t-1} + W_{xh}x_t) $$
$$ a_t = W_{hh}h_{t-1} $$
$$ b_t = W_{xh} h_{t-1} $$
$$ h_t = \tanh(a_t + b_t) $$
"""
    st, why = _statuses(tex)
    assert st[4] in ("fail", "unreadable"), (st, why)          # x_t replaced by h_{t-1}: never a pass


def test_code_names_spelled_as_gradients_are_not_definitions():
    tex = r"""$$ state\_input_t = X_t U^T + states_{t-1} W^T $$
$$ states_t = \tanh(state\_input_t) $$
$$ outputs_t = states_t V^T $$
$$ grad\_wrt\_state = accum\_grad_t V \odot \tanh'(state\_input_t) $$
$$ accum\_grad\_next_t = grad\_wrt\_state U $$
$$ grad\_wrt\_state = grad\_wrt\_state W \odot \tanh'(state\_input_{t'-1}) $$
"""
    st, why = _statuses(tex)
    assert st[1] == st[2] == st[3] == "pass", (st, why)
    assert st[4] == st[5] == st[6] == "unreadable", (st, why)
    assert "named as a gradient" in why[5]


def test_generic_weight_in_a_denominator_is_judged_for_each_weight():
    # E = sum_t E_t (the notes' 'error at each time-step'): the row holds whichever weight W names, and verify
    # says it read W generically
    tex = RNN + r"""\begin{equation}
\hat{y}_t = softmax(W^{(S)}h_t)
\end{equation}
\begin{equation}
\frac{\partial E}{\partial W} = \sum_{t=1}^{T}\frac{\partial E_t}{\partial W}
\end{equation}
"""
    st, why = _statuses(tex)
    assert st[9] == "pass" and "generically" in why[9] and "W_S" in why[9], (st, why)


def test_sum_over_steps_with_a_component_sum_inside_a_chain():
    tex = RNN + r"""\begin{equation}
\hat{y}_t = softmax(W^{(S)}h_t)
\end{equation}
\begin{equation}
J^{(t)}(\theta) = - \sum_{j=1}^{|V|} y_{t,j} \times log (\hat{y}_{t,j})
\end{equation}
\begin{equation}
J = \frac{1}{T} \sum_{t=1}^{T} J^{(t)}(\theta) = - \frac{1}{T} \sum_{t=1}^{T} \sum_{j=1}^{|V|} y_{t,j} \times log (\hat{y}_{t,j})
\end{equation}
"""
    st, why = _statuses(tex)
    assert "never uses t" not in why[12], (st, why)     # \sum_{t=1}^{T} is over the steps (its bound T)
