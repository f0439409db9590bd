"""Round 10, helper V: vanishing-gradient notes (generic weights, elided runs of equal factors, ...).

Each test judges a small derivation written in the notation taught and asserts every row's verdict: the correct
rows pass (or stay unreadable where no reading is sound) and mutants (a dropped factor, a wrong count, a dropped
term) fail.
"""
from symlstm.verify.judging.judge import verify_derivation

RNN = r"""
\begin{align}
h_t &= \tanh(W_{hh} h_{t-1} + W_{xh} x_t) \\
y_t &= W_{hy} h_t
\end{align}
"""


def _statuses(text):
    return {r.line: r.status for r in verify_derivation(text).results}


def _rows(forward, rows):
    text = forward + "".join("\\begin{equation}\n" + r + "\n\\end{equation}\n" for r in rows)
    got = _statuses(text)
    first = forward.count("\n") + 2         # each equation: \begin line, the row, \end line
    return [got.get(first + 3 * i) for i in range(len(rows))]


def test_generic_weight_read_as_each_weight():
    # \partial/\partial W with only W_{hh}, W_{xh}, W_{hy} defined: each weight it can be; decided where all agree
    rows = [
        r"\frac{\partial L}{\partial W} = \sum_{t=1}^{T} \frac{\partial L_t}{\partial W}",            # all three
        r"\frac{\partial L}{\partial W} = \frac{\partial L_T}{\partial W}",                           # mutant: a term
        r"\frac{\partial L_t}{\partial W} = \sum_{k=1}^{t} \frac{\partial L_t}{\partial h_t} \frac{\partial h_t}"
        r"{\partial h_k} \frac{\partial h_k}{\partial W}",                 # W_{hh}, W_{xh} (h never reads W_{hy})
        r"\frac{\partial L_t}{\partial W} = \sum_{k=1}^{t} \frac{\partial L_t}{\partial h_t} \frac{\partial h_k}"
        r"{\partial W}",                                                   # mutant: the Jacobian dropped
        r"\frac{\partial L_t}{\partial W} = \frac{\partial L_t}{\partial y_t} h_t^T",      # true for W_{hy} only
        r"\frac{\partial L_t}{\partial W} = \frac{\partial L_t}{\partial h_t} \frac{\partial h_t}{\partial h_1}"
        r"\frac{\partial h_1}{\partial W}",                                # mutant: only the path through step 1
    ]
    assert _rows(RNN, rows) == ["pass", "fail", "pass", "fail", "unreadable", "fail"]


def test_generic_weight_with_an_undefined_loss_name():
    # E beside the J the rows define (a mean): a fail under every weight may be the loss's reading
    forward = RNN + r"""
\begin{equation}
J_t = \frac{1}{2} y_t^T y_t
\end{equation}
\begin{equation}
J = \frac{1}{T} \sum_{t=1}^{T} J_t
\end{equation}
"""
    rows = [r"\frac{\partial E}{\partial W} = \sum_{t=1}^{T} \frac{\partial E_t}{\partial W}",
            r"\frac{\partial J}{\partial W} = \sum_{t=1}^{T} \frac{\partial J_t}{\partial W}",       # wrong: 1/T
            r"\frac{\partial J}{\partial W} = \frac{1}{T} \sum_{t=1}^{T} \frac{\partial J_t}{\partial W}"]
    assert _rows(forward, rows) == ["unreadable", "fail", "pass"]


LINEAR = r"""
\begin{align}
s_t &= W s_{t-1} + U x_t
\end{align}
"""
TANH = r"""
\begin{align}
s_t &= \tanh(W s_{t-1} + U x_t)
\end{align}
"""


def test_run_of_equal_factors_by_every_count():
    # W W W \cdots (no last W): the count is not written; a step where no count holds is a counterexample
    right = [r"\frac{\partial s_t}{\partial s_k} = W \cdot W \cdot W \cdots",
             r"\frac{\partial s_t}{\partial s_k}\frac{\partial s_k}{\partial W} = W \cdot W \cdot W \cdots "
             r"\frac{\partial s_k}{\partial W}"]
    mutants = [r"\frac{\partial s_t}{\partial s_k} = W^T \cdot W^T \cdot W^T \cdots",        # a wrong transpose
               r"\frac{\partial s_t}{\partial s_k} = 2 W \cdot W \cdot W \cdots",             # a wrong factor
               r"\frac{\partial s_t}{\partial s_k} = U \cdot U \cdot U \cdots"]              # a swapped weight
    # correct rows hold for some count at each step, but which one is not read: never a pass
    assert _rows(LINEAR, right + mutants) == ["unreadable", "unreadable", "fail", "fail", "fail"]
    # with tanh the Jacobians are diag(1 - s^2) W: no power of W is one of them (the tanh' factors dropped)
    assert _rows(TANH, right) == ["fail", "fail"]
    # a run under a sum over k (its count changes with k) or two runs (two counts): not searched
    other = [r"\frac{\partial s_t}{\partial W} = \sum_{k=1}^{t} W \cdot W \cdot W \cdots \frac{\partial^+ s_k}"
             r"{\partial W}",
             r"\frac{\partial s_t}{\partial s_k} + \frac{\partial s_t}{\partial s_k} = W \cdot W \cdot W \cdots + "
             r"U U U \cdots"]
    assert _rows(LINEAR, other) == ["unreadable", "unreadable"]


LSTM = r"""
\begin{align}
f_t &= \sigma(W_f x_t + U_f h_{t-1}) \\
i_t &= \sigma(W_i x_t + U_i h_{t-1}) \\
g_t &= \tanh(W_g x_t + U_g h_{t-1}) \\
o_t &= \sigma(W_o x_t + U_o h_{t-1}) \\
c_t &= f_t \odot c_{t-1} + i_t \odot g_t \\
h_t &= o_t \odot \tanh(c_t)
\end{align}
"""


def test_approximation_of_a_jacobian_by_a_vector():
    # \approx: exact only with h_{t-1} held; through every path the Jacobian is a full H x H matrix, which no
    # vector approximates (fails); a matrix of its shape is an approximation whose closeness is not stated
    rows = [r"\frac{\partial c_t}{\partial c_{t-1}} \approx f_t",
            r"\frac{\partial c_t}{\partial c_{t-1}} \approx \mathrm{diag}(f_t)",
            r"\frac{\partial c_t}{\partial c_{t-1}} = \mathrm{diag}(f_t)",         # the direct dependence
            r"\frac{\partial c_t}{\partial c_{t-1}} = \mathrm{diag}(i_t)"]         # mutant: a swapped gate
    assert _rows(LSTM, rows) == ["fail", "unreadable", "pass", "fail"]


SOFTMAX = r"""
\begin{align}
z_t &= U x_t + W s_{t-1} \\
s_t &= \tanh(z_t) \\
g_t &= V s_t \\
\hat{y}_t &= \mathrm{softmax}(g_t) \\
L_t &= -y^\top_t \log(\hat{y}_t)
\end{align}
"""


def test_component_list_of_a_scalar():
    # [\partial L_{t,1}/\partial \hat y_{t,1}, ..., \partial L_{t,C}/\partial \hat y_{t,C}]: L_t (the loss) is a
    # scalar, it has no component 2, whatever the dots stand for
    rows = [r"\frac{\partial L_t}{\partial \hat{y}_t} = [-\frac{y_{t, 1}}{\hat{y}_{t, 1}}, -\frac{y_{t, 2}}"
            r"{\hat{y}_{t, 2}}, \cdots, -\frac{y_{t, C}}{\hat{y}_{t, C}}]",
            r"\frac{\partial L_t}{\partial \hat{y}_t} = [\frac{\partial L_{t, 1}}{\partial \hat{y}_{t, 1}}, "
            r"\frac{\partial L_{t, 2}}{\partial \hat{y}_{t, 2}}, \cdots, \frac{\partial L_{t, C}}{\partial "
            r"\hat{y}_{t, C}}]",
            r"\frac{\partial L_t}{\partial \hat{y}_t} = [\frac{y_{t, 1}}{\hat{y}_{t, 1}}, \frac{y_{t, 2}}"
            r"{\hat{y}_{t, 2}}, \cdots, \frac{y_{t, C}}{\hat{y}_{t, C}}]"]              # mutant: the sign
    assert _rows(SOFTMAX, rows) == ["pass", "fail", "fail"]
