r"""Round 73: recursions of an author's own names through Jacobians past the last step, LaTeX's array in brackets,
control spaces padding a display, code's first-step branches and letter-labelled names, a row vector made for a
weight on its right, and a carried gradient read inside a temporary.

* dprogrammer's LSTM/GRU notes (round17-xa) and a Chinese RNN note (round24-ca) define the gradient of the state
  by a recursion in a name of their own, ``\Pi_t = \partial E_t/\partial h_t + \partial h_{t+1}/\partial h_t
  \Pi_{t+1}``. At the last step the Jacobian by a step past the run has no path: it is zero (numgrad.jacobian), so
  the recursion starts there; it used to fail ("no step of the run gives every time in this equation a value").
  The Jacobian written on a row's left side (``\partial h_{t+1}/\partial h_t = diag(...) W``) is still not
  checked past the run.
* AleaTK's tutorial (round73-b) stacks its gates with ``\left( \begin{array}{c} i \\ f \\ o \\ g \end{array}
  \right)``: the array in brackets is the pmatrix it typesets (rowparse.bracket).
* A Chinese note on Goodfellow's chapter 10 (round73-b) pads its displays with control spaces ``\ \ \ `` whose
  last space the row's end cuts: a lone backslash at the end is no character to refuse (rowtokens._prepare).
* guide2dl's GRU (round73-a) names the candidate's pre-activation ``h_h_p[t]`` (letters: ``h_{h\_p,t}``) and
  writes the first step's special case as the ``else`` of ``if t > 0:`` (codefences._first_step_elses: not a row).
* A numpy LSTM (round73-h) writes ``hidden_states[t].reshape(1, -1) @ W_hidden``: a vector made a row to multiply
  a weight on its right is the vector.
* ``dz = (V.T @ dy + da_next) * (1 - a**2)`` then ``da_next = Waa.T @ dz`` where no quantity is named z: the
  temporary's value reads the carried gradient before the row gives it a new value, so it is not put in place
  there (temporaries._without_old_values); the row was a false failure, it is now unreadable.

Every expected verdict is worked out by hand in the comments.
"""
import pytest

from symlstm.verify.judging.judge import verify_derivation


def _verdicts(text):
    return {r.line: (r.status, r.why or "") for r in verify_derivation(text).results}


def _line(text, snippet):
    return next(k for k, x in enumerate(text.split("\n"), 1) if snippet in x)


# A plain RNN with a loss at every step; Pi_t is the total gradient of E by h_t:
#   Pi_t = dE_t/dh_t + (dh_{t+1}/dh_t)^T Pi_{t+1}, Pi_{T+1} = 0 (nothing after the last step), and
#   dE/dW = sum_t (Pi_t * (1 - h_t^2)) h_{t-1}^T  (h_t = tanh(a_t), a_t = W h_{t-1} + U x_t + b).
PI_RNN = r"""
$$ h_t = \tanh(W h_{t-1} + U x_t + b) $$

$$ \hat{y}_t = \mathrm{softmax}(V h_t + c) $$

$$ E_t = -y_t^T \log \hat{y}_t $$

$$ E = \sum_t E_t $$

$$ \Pi_t = \frac{\partial E_t}{\partial h_t} + \left(\frac{\partial h_{t+1}}{\partial h_t}\right)^T \Pi_{t+1} $$

$$ \frac{\partial E}{\partial W} = \sum_t \left(\Pi_t \odot (1 - h_t^2)\right) h_{t-1}^T $$

$$ \frac{\partial E}{\partial U} = \sum_t \left(\Pi_t \odot (1 - h_t^2)\right) x_t^T $$
"""


def test_a_recursion_through_the_jacobian_past_the_last_step_starts_at_zero():
    got = _verdicts(PI_RNN)
    # the recursion defines Pi (its step past the run is zero); the weight gradients read it as the total gradient
    assert got[_line(PI_RNN, r"\Pi_t =")][0] == "pass", got
    assert got[_line(PI_RNN, "partial W}")][0] == "pass", got
    assert got[_line(PI_RNN, "partial U}")][0] == "pass", got


@pytest.mark.parametrize("old, new", [
    (r"h_{t-1}^T $$", r"h_t^T $$"),                      # the input of W is h_{t-1}, not h_t
    (r"(1 - h_t^2)\right) x_t^T", r"h_t\right) x_t^T"),  # tanh's derivative is 1 - h_t^2
])
def test_a_slip_in_a_gradient_read_from_the_recursion_fails(old, new):
    text = PI_RNN.replace(old, new, 1)
    assert text != PI_RNN
    k = _line(text, "partial W}") if "h_t^T $$" in new else _line(text, "partial U}")
    assert _verdicts(text)[k][0] == "fail"


def test_a_recursion_with_the_jacobian_untransposed_makes_the_weight_gradient_fail():
    # Pi_t = dE_t/dh_t + (dh_{t+1}/dh_t) Pi_{t+1}: the Jacobian (rows: h_{t+1}) must be transposed to carry a
    # column gradient back; the row defines Pi as written, and the gradients read from it are wrong
    text = PI_RNN.replace(r"\left(\frac{\partial h_{t+1}}{\partial h_t}\right)^T", r"\frac{\partial h_{t+1}}{\partial h_t}")
    assert text != PI_RNN
    got = _verdicts(text)
    assert got[_line(text, "partial W}")][0] == "fail", got


def test_a_recursion_without_its_later_term_makes_the_weight_gradient_fail():
    # Pi_t = dE_t/dh_t only: not the total gradient (the path through h_{t+1} is missing), so dE/dW built from it
    # is wrong at every step but the last
    text = PI_RNN.replace(r" + \left(\frac{\partial h_{t+1}}{\partial h_t}\right)^T \Pi_{t+1}", "")
    got = _verdicts(text)
    assert got[_line(text, "partial W}")][0] == "fail", got


def test_a_jacobian_across_one_step_on_the_left_is_checked_within_the_run():
    # dh_{t+1}/dh_t = diag(1 - h_{t+1}^2) W: right at every step that has a next one (none past the last)
    text = r"""
$$ h_t = \tanh(W h_{t-1} + U x_t + b) $$

$$ \frac{\partial h_{t+1}}{\partial h_t} = \mathrm{diag}(1 - h_{t+1}^2) W $$

$$ \frac{\partial h_{t+1}}{\partial h_t} = \mathrm{diag}(1 - h_{t+1}^2) U $$
"""
    got = _verdicts(text)
    assert got[_line(text, "h_{t+1}^2) W")][0] == "pass", got
    assert got[_line(text, "h_{t+1}^2) U")][0] == "fail", got          # U acts on x_t, not on h_t


ALEATK = r"""
$$
\begin{align}
	&\left(
		\begin{array}{c}
			i \\
			f \\
			o \\
			g
		\end{array}
	\right) =
	\left(
		\begin{array}{c}
			\sigma \\
			\sigma \\
			\sigma \\
			\tanh
		\end{array}
	\right) W
	\left(
		\begin{array}{c}
			x_t \\
			h_{t-1}
		\end{array}
	\right) \\
	&c_t = f \odot c_{t-1} + i \odot g \\
	&h_t = o \odot \tanh(c_t)
\end{align}
$$

$$ \frac{\partial L}{\partial o} = \frac{\partial L}{\partial h_t} \odot \tanh(c_t) $$

$$ \frac{\partial L}{\partial g} = \frac{\partial L}{\partial c_t} \odot i $$
"""


def test_an_array_in_brackets_is_a_column_of_the_stacked_gates():
    got = _verdicts(ALEATK)
    assert got[_line(ALEATK, r"&\left(")][0] == "pass", got          # the stacked gates: a forward row
    assert got[_line(ALEATK, "&c_t")][0] == "pass", got
    assert got[_line(ALEATK, "&h_t")][0] == "pass", got
    # dL/do = dL/dh_t * tanh(c_t) (h_t = o * tanh(c_t)); dL/dg = dL/dc_t * i (c_t = f c_{t-1} + i g)
    assert got[_line(ALEATK, r"\partial o}")][0] == "pass", got
    assert got[_line(ALEATK, r"\partial g}")][0] == "pass", got
    slip = ALEATK.replace(r"\partial c_t} \odot i $$", r"\partial c_t} \odot f $$")
    assert _verdicts(slip)[_line(slip, r"\partial g}")][0] == "fail"


def test_control_spaces_padding_a_display_are_spaces():
    text = "$$ h_t = \\tanh(W h_{t-1} + U x_t) $$\n\n$$ a_t = W h_{t-1} + U x_t \\ \\ \\ \\ $$\n"
    assert _verdicts(text)[3][0] == "pass"
    from symlstm.verify.text.rowtokens import _prepare
    assert _prepare(r"a = b \\").rstrip().endswith("\\\\")           # a line break is kept


GUIDE2DL = """```python
for t in range(n_sequence):
    if t == 0:
        z_p[t] = np.dot(Wz, x[t]) + bz
        z[t] = sigmoid(z_p[t])
        h_h_p[t] = np.dot(W, x[t]) + b
        h_h[t] = tanh(h_h_p[t])
        h[t] = z[t] * h_h[t]
    else:
        z_p[t] = (np.dot(Wz, x[t]) + np.dot(Uz, h[t - 1]) + bz)
        z[t] = sigmoid(z_p[t])
        h_h_p[t] = (np.dot(W, x[t]) + np.dot(U, h[t - 1]) + b)
        h_h[t] = tanh(h_h_p[t])
        h[t] = (1 - z[t]) * h[t - 1] + z[t] * h_h[t]
```
"""


def test_letter_labelled_code_names_at_a_step_are_read():
    got = _verdicts(GUIDE2DL)
    # h_h_p[t] is h_{h\\_p,t}: the candidate's pre-activation, one name (it was "unexpected '_'")
    k = [i for i, x in enumerate(GUIDE2DL.split("\n"), 1) if x.strip().startswith("h_h_p[t] = (np.dot")][0]
    assert got[k][0] == "pass", got
    assert "unexpected" not in got[k + 1][1]


FIRST_STEP_ELSE = """```python
for t in range(T):
    a[t] = np.tanh(Wax @ x[t] + Waa @ a[t - 1] + ba)
    o[t] = V @ a[t] + c
    y_hat[t] = softmax(o[t])

da_next = np.zeros_like(a[0])
for t in reversed(range(T)):
    dy = y_hat[t].copy()
    dy[y[t]] -= 1
    dz = (V.T @ dy + da_next) * (1 - a[t] ** 2)
    if t > 0:
        dWaa += np.outer(dz, a[t - 1])
    else:
        dWaa += np.outer(dz, a0)
    dWax += np.outer(dz, x[t])
    da_next = Waa.T @ dz
```
"""


def test_the_else_of_a_test_that_the_step_is_not_the_first_is_no_row():
    got = _verdicts(FIRST_STEP_ELSE)
    lines = FIRST_STEP_ELSE.split("\n")
    first = next(k for k, x in enumerate(lines, 1) if "np.outer(dz, a[t - 1])" in x)
    other = next(k for k, x in enumerate(lines, 1) if "np.outer(dz, a0)" in x)
    assert got[first][0] == "pass", got                  # dWaa's step part: dz a_{t-1}^T
    assert other not in got                              # the first step's case: not judged at every step
    assert got[_line(FIRST_STEP_ELSE, "dWax +=")][0] == "pass", got


def test_a_carried_gradient_inside_a_temporary_is_not_a_false_failure():
    # dz names no quantity (the rows name no z): a temporary, the gradient of a's pre-activation. Put in place in
    # da_next = Waa.T @ dz it would read the old da_next on the right of the new one; the row is left unread
    # (it used to fail: "the left side's gradient is written again on the right")
    got = _verdicts(FIRST_STEP_ELSE)
    k = _line(FIRST_STEP_ELSE, "da_next = Waa.T @ dz")
    assert got[k][0] != "fail", got
    assert got[_line(FIRST_STEP_ELSE, "dz = (V.T")][0] == "pass", got


def test_a_vector_made_a_row_for_a_weight_on_its_right_is_the_vector():
    text = """```python
for t in range(T):
    gates = x[t].reshape(1, -1) @ W_input + h[t - 1].reshape(1, -1) @ W_hidden + b
    h[t] = np.tanh(gates)
```
"""
    got = _verdicts(text)
    assert got[3][0] == "pass" and "reshape" not in got[3][1], got


COMPOSITE = r"""
$$
a^{\langle t \rangle} = \tanh\left(W_a \left[ \begin{matrix} a^{\langle t-1 \rangle} \\ x^{\langle t \rangle} \end{matrix} \right] + b_a\right) = \tanh\left(W_{a,a} a^{\langle t-1 \rangle} + W_{a,x} x^{\langle t \rangle} + b_a\right)
$$

$$ \hat{y}^{\langle t \rangle} = \mathrm{softmax}(W_y a^{\langle t \rangle} + b_y) $$

$$ \mathcal{J}^{\langle t \rangle} = -y^{\langle t \rangle T} \log \hat{y}^{\langle t \rangle} $$

$$ \mathcal{J} = \sum_{t=1}^{T} \mathcal{J}^{\langle t \rangle} $$

$$ \frac{d \mathcal{J}}{d W_a} = \sum_{t=1}^{T} \frac{d \mathcal{J}^{\langle t \rangle}}{d W_a} $$

$$ \frac{d \mathcal{J}}{d W_a} = \sum_{t=1}^{T} \frac{d \mathcal{J}^{\langle t \rangle}}{d W_y} $$
"""


def test_a_derivative_by_a_weight_made_of_its_blocks():
    # W_a [a^{<t-1>}; x^{<t>}] = W_{a,a} a^{<t-1>} + W_{a,x} x^{<t>}: W_a is the blocks side by side (blocksplit);
    # J = sum_t J^{<t>}, so dJ/dW_a = sum_t dJ^{<t>}/dW_a (the loss's derivative by each block, laid out as W_a),
    # and not the sum of the derivatives by the output weight. (Read as the pmatrix it typesets, the bracketed
    # column makes W_a a weight of blocks, whose derivative by a per-step loss failed: "W_a is not a parameter")
    got = _verdicts(COMPOSITE)
    rows = [k for k in got if "frac{d" in COMPOSITE.split("\n")[k - 1]]
    assert [got[k][0] for k in rows] == ["pass", "fail"], got


GRU_STUDENT = """```python
class GRULayer(object):
    def forward_step(self, x, prev_h):
        H = prev_h.shape[1]
        a = self.b + np.dot(prev_h, self.Wh) + np.dot(x, self.Wx)
        a_z = a[:, 0 * H:1 * H]
        a_r = a[:, 1 * H:2 * H]
        z = self.sigmoid(a_z)
        r = self.sigmoid(a_r)
        h_candidate = np.tanh(self.bi + np.dot(r * prev_h, self.Whi) + np.dot(x, self.Wxi))
        next_h = z * prev_h + (1 - z) * h_candidate
        cache = (prev_h, next_h, x, z, r, a, h_candidate)
        return next_h, cache

    def backward_step(self, dnext_h, cache):
        prev_h, next_h, x, z, r, a, h_candidate = cache
        dai = dnext_h * (1 - z) * (1 - h_candidate ** 2)
        dWxi = np.dot(x.T, dai)
        dWhi = np.dot((prev_h * r).T, dai)
        dbi = np.sum(dai, axis=0)
        return dWxi, dWhi, dbi
```
"""


def test_code_weights_named_by_a_letter_more_are_weights_of_their_own():
    # self.Whi beside self.Wh (an ITU BLG561E student's GRU, round73-c): W_{hi} is the candidate's weight, not the
    # entry i of W_h (it took W_h's 2H columns, and next_h failed as read). With h = z h_prev + (1 - z) h~:
    # dai = dnext_h (1 - z)(1 - h~^2) is the gradient of h~'s pre-activation; dWhi = (h_prev * r)^T dai
    got = _verdicts(GRU_STUDENT)
    lines = GRU_STUDENT.split("\n")
    rows = [k for k, x in enumerate(lines, 1) if k in got]
    assert all(got[k][0] == "pass" for k in rows), got
    assert _line(GRU_STUDENT, "next_h = z") in got and _line(GRU_STUDENT, "dWhi =") in got
    slip = GRU_STUDENT.replace("(prev_h * r).T", "prev_h.T")       # the candidate's weight acts on r * h_prev
    assert _verdicts(slip)[_line(slip, "dWhi =")][0] == "fail"


LABELLED = r"""
$$ h_t = \tanh(W h_{t-1} + U x_t + b) $$

$$ \hat{y}_t = \mathrm{softmax}(V h_t + c) $$

$$ L = -\sum_t y_t^T \log \hat{y}_t $$

Output layer: $\frac{\partial L}{\partial V} = \sum_t (\hat{y}_t - y_t) h_t^T$

Output bias: $\frac{\partial L}{\partial c} = \sum_t (\hat{y}_t - y_t) h_t$

$\bullet \frac{\partial L}{\partial c} = \sum_t (\hat{y}_t - y_t)$
"""


def test_a_labelled_derivative_and_a_bulleted_one_are_rows():
    # ETH's summaries (round73-l) write "Per State: $\frac{\partial E}{\partial z^q} = ...$" and "$\bullet
    # \frac{\partial E}{\partial W} = ...$". With softmax and cross-entropy, dL/do_t = y^_t - y_t: dL/dV sums
    # (y^_t - y_t) h_t^T (pass), dL/dc sums y^_t - y_t (pass), and dL/dc with a factor h_t is wrong (fail)
    got = _verdicts(LABELLED)
    assert got[_line(LABELLED, "Output layer")][0] == "pass", got
    assert got[_line(LABELLED, "Output bias")][0] == "fail", got
    assert got[_line(LABELLED, r"\bullet")][0] == "pass", got
