"""Round 10, helper C: code-like derivations (a loss row its prose names, ...).

Each test judges a small derivation in the notation taught and asserts every row's verdict: correct rows
pass, mutated rows (a wrong sign, a dropped term, a mislabelled loss) fail.
"""
import pytest

from symlstm.verify.judging.judge import verify_derivation


def _verdicts(text):
    return [r.status for r in verify_derivation(text).results]


# ---------------------------------------------------------------- a loss row the prose names (proseloss.py)
_CE = r"""
\begin{align}
h_t &= \tanh(W h_{t-1} + U x_t) \\
s_t &= V h_t \\
p_t &= \mathrm{softmax}(s_t)
\end{align}
%s
\begin{align}
%s
\end{align}
\begin{align}
\delta s_t &= p_t - y_t \\
\delta s_t &= y_t - p_t
\end{align}
"""


@pytest.mark.parametrize("prose, loss, expected", [
    # "cross entropy" named, the mean of the entries: CE / (number of classes): fails; the cell's loss is the CE
    ("% Compute the cross entropy", r"L_t &= -mean(\log(p_t) \odot y_t)", ["fail", "pass", "fail"]),
    ("% the cross-entropy loss", r"L_t &= mean(-y_t \circ \log(p_t))", ["fail", "pass", "fail"]),
    ("% cross entropy", r"L_t &= -mean(y_t * \log(p_t))", ["fail", "pass", "fail"]),
    # the sum the prose names: passes
    ("% Compute the cross entropy", r"L_t &= -\sum(\log(p_t) \odot y_t)", ["pass", "pass", "fail"]),
    # no loss named: the row defines the loss (a mean), and p - y is not its gradient
    ("% Compute the loss", r"L_t &= -mean(\log(p_t) \odot y_t)", ["pass", "fail", "fail"]),
    # the phrase in an earlier sentence speaks of something else
    ("% Unlike the cross entropy. We take the mean:", r"L_t &= -mean(\log(p_t) \odot y_t)", ["pass", "fail", "fail"]),
])
def test_loss_row_named_cross_entropy(prose, loss, expected):
    got = _verdicts(_CE % (prose, loss))
    assert got == ["pass", "pass", "pass"] + expected, got


# ---------------------------------------------------------------- a loss restated through its arguments (lossargs.py)
_LOSS = r"""
\begin{align}
h_t &= \tanh(W h_{t-1} + U x_t) \\
y_t &= \sigma(V h_t)
\end{align}
\begin{align}
E_t &= loss(y_t, d_t) \\
&= loss(\sigma(V h_t), d_t) \\
&= loss(\sigma(V \tanh(W h_{t-1} + U x_t)), d_t) \\
&= loss(\sigma(V \tanh(U h_{t-1} + W x_t)), d_t) \\
&= loss(\sigma(V h_{t-1}), d_{t-1}) \\
&= loss(\sigma(V \tanh(W h_{t-1} + U x_t))), d_t)
\end{align}
"""


def test_loss_restated_through_its_argument():
    got = _verdicts(_LOSS)
    # y_t, and each substitution of the forward rows into the loss's argument, pass; W and U swapped fails;
    # two arguments changed: not read; a ')' too many (unbalanced brackets, as printed no expression): fails
    assert got[:6] == ["pass", "pass", "pass", "pass", "pass", "fail"], got
    assert got[6] != "pass", got
    assert got[7] == "fail", got


def test_unbalanced_brackets_fail_only_when_unbalanced():
    base = r"""
\begin{align}
h_t &= \tanh(W h_{t-1} + U x_t) \\
y_t &= \sigma(V h_t)
\end{align}
\begin{align}
E_t &= loss(y_t, d_t) \\
&= loss(\sigma(V h_t)), d_t) \\
\end{align}
"""
    assert _verdicts(base)[-1] == "fail"
    assert _verdicts(base.replace(r"(V h_t)), d_t)", r"(V h_t), d_t)"))[-1] == "pass"


# ---------------------------------------------------------------- an input spelling added to its gradient (mergedspellings.py)
_CODE = r"""
$$ a_t = W x_t + U h_{t-1} $$
$$ h_t = \tanh(a_t) $$
$$ y_t = V h_t $$
$$ dh = V^T dy_t + h\_grad $$
$$ da = (1 - h_t \odot h_t) \odot dh $$
"""


@pytest.mark.parametrize("row, expected", [
    (r"dh = V^T dy_t + h\_grad", "pass"),          # h_grad, an input: what reaches h from beyond the step
    (r"dh = V dy_t + h\_grad", "fail"),            # the transpose dropped
    (r"dh = V^T y_t + h\_grad", "fail"),           # the output for its gradient
    (r"dh = V^T dy_t - h\_grad", "unreadable"),    # not added as a whole term: the two spellings not read
    (r"dh = V^T dy_t + h\_grad \odot h_t", "unreadable"),
])
def test_input_spelling_added_to_its_gradient(row, expected):
    got = _verdicts(_CODE + f"$$ {row} $$\n")
    assert got[:5] == ["pass"] * 5 and got[5] == expected, got


def test_assigned_spelling_stays_unread():
    # h_grad assigned by a row: two gradients of the file, not an input
    got = _verdicts(_CODE.replace(r"$$ dh = V^T dy_t + h\_grad $$", r"$$ h\_grad = V^T dy_t $$" "\n"
                                  r"$$ dh = V^T dy_t + h\_grad $$"))
    assert got[4] == "unreadable", got


# ---------------------------------------------------------------- a code name set from a stored copy (namingrows.py)
_STORED = r"""
$$ h_t = \tanh(W h_{t-1} + U x_t) $$
$$ hs_t = h_t $$
$$ y_t = V h_t $$
$$ dh = V^T dy_t + dh_{next} $$
$$ %s $$
$$ da = (1 - h_t \odot h_t) \odot dh $$
$$ dW \mathrel{+}= da \, h_{prev}^T $$
"""


@pytest.mark.parametrize("row, expected", [
    (r"h_{prev} = hs_{t-1}", "pass"),      # hs_t = h_t is the text's own row: hs_{t-1} is h_{t-1}, as prev says
    (r"h_{prev} = hs_{t-2}", "fail"),
])
def test_prev_name_from_a_stored_copy(row, expected):
    got = _verdicts(_STORED % row)
    assert got[4] == expected and got[:4] == ["pass"] * 4, got
    assert got[6] == "pass" or expected == "fail", got


def test_prev_name_from_an_unstated_list_stays_unread():
    # h_{prev} = h_{t-1}: true by the reader's own reading of 'prev' alone (a code list may mean another step)
    got = _verdicts(_STORED.replace(r"$$ hs_t = h_t $$", "") % r"h_{prev} = h_{t-1}")
    assert got[3] == "unreadable", got


# ---------------------------------------------------------------- Wf(u) run together: W times f(u) (authorcell._split_products)
def test_weight_run_into_an_applied_function_letter():
    got = _verdicts(r"""
\begin{align}
u_t &= W z_{t-1} + U x_t \\
z_t &= f(u_t) \\
y_t &= V z_t
\end{align}
\begin{align}
y_t &= Vf(u_t) \\
y_t &= Vf(u_{t-1}) \\
y_t &= Wf(u_t)
\end{align}
""")
    assert got[:4] == ["pass"] * 4 and got[4] == "fail" and got[5] != "pass", got

