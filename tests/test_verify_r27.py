"""Round 27 notations: whole-sequence arrays in code and labelled gradients.

* code indexes a sequence's array at a step on any axis (``xs[:, t, :]``, ``a[:, :, t]``) and names a labelled
  quantity at a step ``z_f[t]`` (read as ``z_{f,t}``); ``delta_c[t]`` is the code's gradient of c at t (``dc_t``)
  unless the fence also names ``dc``;
* LaTeX's ``\\delta_{c,t}`` is the gradient of c at t;
* the vector and matrix macros of Goodfellow et al.'s ``math_commands.tex`` (``\\vh``, ``\\mW``, ``\\diag``) that notes
  use without defining them.

Every verdict is worked out by hand and the gradients are confirmed below by central finite differences of a numpy
forward pass written here (independent of symlstm); each mutant is a slip a verdict must catch.
"""
import numpy as np

from symlstm.verify import verify_file
from symlstm.verify.text.codefences import _delta_names
from _timing import within

#: A cell with a coupled forget gate (c = f c_{t-1} + (1 - f) c~, h = tanh(c)), whole-sequence arrays indexed by t.
CODE = '''\
```python
for t in range(T):
    z_f[t] = np.dot(W_f, h[t-1]) + np.dot(U_f, x[t]) + b_f
    f[t] = sigmoid(z_f[t])
    c_in[t] = np.tanh(np.dot(W_c, h[t-1]) + np.dot(U_c, x[t]) + b_c)
    c[t] = f[t] * c[t-1] + (1 - f[t]) * c_in[t]
    h[t] = np.tanh(c[t])

for t in reversed(range(T)):
    delta_c[t] = delta_h[t] * (1 - h[t] ** 2) + delta_c[t+1] * f[t+1]
    delta_z_f[t] = delta_c[t] * (c[t-1] - c_in[t]) * f[t] * (1 - f[t])
    delta_c_in[t] = delta_c[t] * (1 - f[t]) * (1 - c_in[t] ** 2)
    dW_f += np.outer(delta_z_f[t], h[t-1])
    dU_c += np.outer(delta_c_in[t], x[t])
```
'''
#: The same with three slips: f_t for f_{t+1} (line 10), a sign (line 11), x_{t-1} for x_t (line 14).
MUTANT = (CODE.replace("delta_c[t+1] * f[t+1]", "delta_c[t+1] * f[t]")
          .replace("(c[t-1] - c_in[t])", "(c[t-1] + c_in[t])")
          .replace("np.outer(delta_c_in[t], x[t])", "np.outer(delta_c_in[t], x[t-1])"))

LATEX = r"""
$$f_t = \sigma(W_f x_t + U_f h_{t-1})$$
$$c_t = f_t \odot c_{t-1} + (1 - f_t) \odot \tanh(W_c x_t + U_c h_{t-1})$$
$$h_t = \tanh(c_t)$$
$$\delta_{c,t} = \delta_{h,t} \odot (1 - h_t^2) + \delta_{c,t+1} \odot f_{t+1}$$
$$\delta_{f,t} = \delta_{c,t} \odot (c_{t-1} - \tanh(W_c x_t + U_c h_{t-1}))$$
$$\delta_{f,t} = \delta_{c,t} \odot c_{t-1}$$
"""

GOODFELLOW = r"""\begin{align}
\vh_t &= \tanh(\mW \vh_{t-1} + \mU \vx_t) \\
\frac{\partial \vh_t}{\partial \vh_{t-1}} &= \diag(1 - \vh_t^2) \mW \\
\frac{\partial \vh_t}{\partial \vh_{t-1}} &= \diag(1 - \vh_t^2) \mW^\top
\end{align}
"""


def _statuses(tmp_path, text, name="note.md"):
    p = tmp_path / name
    p.write_text(text)
    return {r.line: r.status for r in verify_file(None, str(p)).results}


def test_code_with_sequence_arrays_and_labelled_names(tmp_path):
    assert _statuses(tmp_path, CODE) == {k: "pass" for k in (3, 4, 5, 6, 7, 10, 11, 12, 13, 14)}
    got = _statuses(tmp_path, MUTANT)
    assert got == {**{k: "pass" for k in (3, 4, 5, 6, 7, 12, 13)}, 10: "fail", 11: "fail", 14: "fail"}


def test_labelled_deltas_in_latex(tmp_path):
    assert _statuses(tmp_path, LATEX) == {2: "pass", 3: "pass", 4: "pass", 5: "pass", 6: "pass", 7: "fail"}


def test_goodfellow_macros(tmp_path):
    assert _statuses(tmp_path, GOODFELLOW, "note.tex") == {2: "pass", 3: "pass", 4: "fail"}


def test_a_fence_naming_dh_keeps_delta_h_its_own():
    lines = ["delta_h[t] = dh[t] + delta_h[t+1]", "delta_c[t] = delta_c[t+1] * f[t+1]"]
    assert _delta_names(lines) == ["delta_h[t] = dh[t] + delta_h[t+1]", "dc[t] = dc[t+1] * f[t+1]"]


def _cell(p, xs):
    """The coupled-gate cell over the steps: lists h, c, f, c~ (index 0 is the start, zeros)."""
    H = p["W_f"].shape[0]
    h, c, f, cin = [np.zeros(H)], [np.zeros(H)], [np.zeros(H)], [np.zeros(H)]
    for x in xs:
        f.append(1 / (1 + np.exp(-(p["W_f"] @ h[-1] + p["U_f"] @ x + p["b_f"]))))
        cin.append(np.tanh(p["W_c"] @ h[-1] + p["U_c"] @ x + p["b_c"]))
        c.append(f[-1] * c[-1] + (1 - f[-1]) * cin[-1])
        h.append(np.tanh(c[-1]))
    return h, c, f, cin


def test_the_hand_verdicts_are_right():
    rng = np.random.default_rng(3)
    H, D, T = 3, 2, 4
    p = {k: rng.normal(size=(H, H if k[0] == "W" else D)) * 0.7 for k in ("W_f", "U_f", "W_c", "U_c")}
    p.update(b_f=rng.normal(size=H), b_c=rng.normal(size=H))
    xs = rng.normal(size=(T, D))
    g = rng.normal(size=(T + 1, H))         # L = sum_t g_t . h_t

    def loss(q):
        return sum(g[t] @ _cell(q, xs)[0][t] for t in range(1, T + 1))

    def fd(name):
        out = np.zeros_like(p[name])
        for i in np.ndindex(out.shape):
            a, b = {**p, name: p[name].copy()}, {**p, name: p[name].copy()}
            a[name][i] += 1e-6
            b[name][i] -= 1e-6
            out[i] = (loss(a) - loss(b)) / 2e-6
        return out
    h, c, f, cin = _cell(p, xs)
    f.append(np.zeros(H))
    dW_f, dU_c, dW_f_mut, dU_c_mut = 0, 0, 0, 0
    dc_next, dh_next = np.zeros(H), np.zeros(H)
    for t in range(T, 0, -1):
        dh = g[t] + dh_next                                 # the total gradient at h_t
        dc = dh * (1 - h[t] ** 2) + dc_next * f[t + 1]      # line 10
        dzf = dc * (c[t - 1] - cin[t]) * f[t] * (1 - f[t])  # line 11
        dcin = dc * (1 - f[t]) * (1 - cin[t] ** 2)          # line 12
        dW_f = dW_f + np.outer(dzf, h[t - 1])               # line 13
        dU_c = dU_c + np.outer(dcin, xs[t - 1])             # line 14
        dW_f_mut = dW_f_mut + np.outer(dc * (c[t - 1] + cin[t]) * f[t] * (1 - f[t]), h[t - 1])
        dU_c_mut = dU_c_mut + np.outer(dcin, xs[t - 2] if t > 1 else np.zeros(D))
        dh_next = p["W_f"].T @ dzf + p["W_c"].T @ dcin
        dc_next = dc
    assert np.allclose(dW_f, fd("W_f"), atol=1e-6) and np.allclose(dU_c, fd("U_c"), atol=1e-6)
    assert not np.allclose(dW_f_mut, fd("W_f"), atol=1e-3) and not np.allclose(dU_c_mut, fd("U_c"), atol=1e-3)


def test_a_sums_axis_by_position_or_torch_dim():
    from symlstm.verify.text.codefences import _code_line, plain_latex
    for line in ("db = np.sum(dz, 1, keepdims=True)", "db = dz.sum(dim=1)", "db = torch.sum(dz, dim=1)",
                 "db = np.sum(dz, axis=1, keepdims=True)"):
        assert plain_latex(_code_line(line)).replace(" ", "") == "db=dz.sum(axis=1)", line


#: CMU 11-785's GRU handout: a gradient as the sum over a quantity's uses, each Jacobian the partial derivative of
#: its numerator's own row (n_t's with r_t held), written with \times.
HANDOUT = r"""
$$ r_t = \sigma(W_{rx} x_t + b_{rx} + W_{rh} h_{t-1} + b_{rh})$$
$$ z_t = \sigma(W_{zx} x_t + b_{zx} + W_{zh} h_{t-1} + b_{zh})$$
$$ n_t = \tanh(W_{nx} x_t + b_{nx} + r_t \circ (W_{nh} h_{t-1} + b_{nh}))$$
$$h_t = (1 - z_t) \circ n_t + z_t \circ h_{t-1}$$

$$\frac{\partial L}{\partial h_{t-1}} = \frac{\partial L}{\partial h_t} \times \frac{\partial h_t}{\partial h_{t-1}} + \frac{\partial L}{\partial n_t} \times \frac{\partial n_t}{\partial h_{t-1}} + \frac{\partial L}{\partial z_t} \times \frac{\partial z_t}{\partial h_{t-1}} + \frac{\partial L}{\partial r_t} \times \frac{\partial r_t}{\partial h_{t-1}}$$

$$\frac{\partial L}{\partial x_t} = \frac{\partial L}{\partial n_t} \times \frac{\partial n_t}{\partial x_t} + \frac{\partial L}{\partial z_t} \times \frac{\partial z_t}{\partial x_t} + \frac{\partial L}{\partial r_t} \times \frac{\partial r_t}{\partial x_t}$$
"""
_Z_TERM = r" + \frac{\partial L}{\partial z_t} \times \frac{\partial z_t}{\partial h_{t-1}}"
HANDOUT_MUTANT = HANDOUT.replace(_Z_TERM, "").replace(r"+ \frac{\partial L}{\partial z_t} \times \frac{\partial z_t}{\partial x_t}",
                                                      r"- \frac{\partial L}{\partial z_t} \times \frac{\partial z_t}{\partial x_t}")


def test_sums_over_uses_read_with_partial_jacobians(tmp_path):
    assert _statuses(tmp_path, HANDOUT) == {k: "pass" for k in (2, 3, 4, 5, 7, 9)}
    assert _statuses(tmp_path, HANDOUT_MUTANT) == {**{k: "pass" for k in (2, 3, 4, 5)}, 7: "fail", 9: "fail"}


def test_the_handouts_sum_over_uses_is_right():
    rng = np.random.default_rng(5)
    H = 3
    W = {k: rng.normal(size=(H, H)) for k in ("rh", "zh", "nh")}
    b = {k: rng.normal(size=H) for k in ("r", "z", "n", "nh")}
    u = {k: rng.normal(size=H) for k in ("r", "z", "n")}          # the input terms W_{.x} x_t, fixed
    g = rng.normal(size=H)                                         # L = g . h_t
    sig = lambda a: 1 / (1 + np.exp(-a))                           # noqa: E731

    def step(hp):
        r = sig(u["r"] + b["r"] + W["rh"] @ hp)
        z = sig(u["z"] + b["z"] + W["zh"] @ hp)
        n = np.tanh(u["n"] + b["n"] + r * (W["nh"] @ hp + b["nh"]))
        return r, z, n, (1 - z) * n + z * hp
    hp = rng.normal(size=H)
    fd = np.array([(g @ step(hp + e)[3] - g @ step(hp - e)[3]) / 2e-6 for e in np.eye(H) * 1e-6])
    r, z, n, _ = step(hp)
    dn, dz = g * (1 - z), g * (hp - n)
    dr = dn * (1 - n ** 2) * (W["nh"] @ hp + b["nh"])
    terms = [g * z, (dn * (1 - n ** 2) * r) @ W["nh"], (dz * z * (1 - z)) @ W["zh"], (dr * r * (1 - r)) @ W["rh"]]
    assert np.allclose(sum(terms), fd, atol=1e-6)
    assert not np.allclose(sum(terms) - terms[2], fd, atol=1e-3)


#: A worked example's weights given as a number times the identity (CSE751's notes: W_{f,h} = 0.4 I_5): values of
#: the example, not rows computing W. d h_t / d h_{t-1} = diag(1 - h_t^2) W_h (h_t = tanh(W_h h_{t-1} + W_x x_t));
#: the last row's W_h^T W_h is a slip.
IDENTITY_VALUES = r"""\begin{align}
    h_t &= \tanh(W_{h}\, h_{t-1} + W_{x}\, x_t)
\end{align}
\begin{equation}
    W_{h} = 0.4\,\mathbf{I}_5, \quad W_{x} = 0.3\,\mathbf{I}_5
\end{equation}
\begin{equation}
    \frac{\partial h_t}{\partial h_{t-1}} = \operatorname{diag}(1 - h_t^2)\, W_{h}
\end{equation}
\begin{equation}
    \frac{\partial h_t}{\partial h_{t-1}} = \operatorname{diag}(1 - h_t^2)\, W_{h}^\top W_{h}
\end{equation}
"""


def test_weights_given_as_a_number_times_the_identity(tmp_path):
    p = tmp_path / "example.tex"
    p.write_text(IDENTITY_VALUES)
    got = [(r.line, r.status, r.why) for r in verify_file(None, str(p)).results]
    assert [(line, status) for line, status, _ in got] == [(2, "pass"), (5, "unreadable"), (5, "unreadable"),
                                                          (8, "pass"), (11, "fail")]
    assert all("a value the worked example gives a parameter" in why for line, _, why in got if line == 5)


#: A numpy RNN whose state is named with two words and kept in lists made together (hou27's notes): hidden_state
#: carried by the loop is hidden_{state,t}, hidden_states[t] its value at t, d_hidden_state_next the code's d-name.
TWO_WORD_STATE = """```python
def forward(inputs, hidden_state, W_xh, W_hh, W_hy, b_h, b_y):
    outputs, hidden_states = [], []
    for t in range(len(inputs)):
        hidden_state = np.tanh(np.dot(W_hh, hidden_state) + np.dot(W_xh, inputs[t]) + b_h)
        out = np.dot(W_hy, hidden_state) + b_y
        outputs.append(out)
        hidden_states.append(hidden_state.copy())
    return outputs, hidden_states


def backward(inputs, outputs, hidden_states, d_outputs, W_xh, W_hh, W_hy):
    d_W_hy, d_W_xh = np.zeros_like(W_hy), np.zeros_like(W_xh)
    d_hidden_state_next = np.zeros(W_hh.shape[0])
    for t in reversed(range(len(outputs))):
        d_W_hy += np.outer(d_outputs[t], hidden_states[t])
        d_hidden_state = np.dot(W_hy.T, d_outputs[t]) + d_hidden_state_next
        d_raw = (1 - hidden_states[t] ** 2) * d_hidden_state
        d_W_xh += np.outer(d_raw, inputs[t])
        d_hidden_state_next = np.dot(W_hh.T, d_raw)
```
"""


def test_a_two_word_state_kept_in_lists(tmp_path):
    # (lines 16 and 17 read d_outputs[t] as the gradient of out at step t, outputs keeping out: round 40's
    # rule for dZs[t] beside Zs.append(Y); both hold: dW_hy += dout h^T, dh = W_hy^T dout + dh_next)
    assert _statuses(tmp_path, TWO_WORD_STATE) == {k: "pass" for k in (5, 6, 13, 14, 16, 17, 18, 19, 20)}
    mutant = TWO_WORD_STATE.replace("np.dot(W_hh.T, d_raw)", "np.dot(W_hh, d_raw)")
    assert _statuses(tmp_path, mutant) == {**{k: "pass" for k in (5, 6, 13, 14, 16, 17, 18, 19)}, 20: "fail"}
    wrong = TWO_WORD_STATE.replace("np.dot(W_hy.T, d_outputs[t])", "np.dot(W_hy, d_outputs[t])")
    assert _statuses(tmp_path, wrong)[17] == "fail"         # W_hy d_out: the weight untransposed


def test_the_rnn_step_verdicts_are_right():
    rng = np.random.default_rng(11)
    W, U, b, x, hp, g = (rng.normal(size=s) for s in ((3, 3), (3, 2), 3, 2, 3, 3))

    def loss(h):
        return g @ np.tanh(W @ h + U @ x + b)
    fd = np.array([(loss(hp + e) - loss(hp - e)) / 2e-6 for e in np.eye(3) * 1e-6])
    h = np.tanh(W @ hp + U @ x + b)
    raw = (1 - h ** 2) * g                                  # d_raw (line 18)
    assert np.allclose(W.T @ raw, fd, atol=1e-6)            # d_hidden_state_next = W_hh^T d_raw (line 20)
    assert not np.allclose(W @ raw, fd, atol=1e-3)          # the mutant's W_hh d_raw


#: Coursera's lstm_cell_backward: the blocks of the stacked weights read from the parameters dictionary
#: (parameters['Wf'][:, :n_a] acts on a_prev, [:, n_a:] on x_t); the mutant takes Wo's x block for a_prev.
COURSERA = """```python
def lstm_cell_forward(xt, a_prev, c_prev, parameters):
    Wf, bf = parameters["Wf"], parameters["bf"]
    Wi, bi = parameters["Wi"], parameters["bi"]
    Wc, bc = parameters["Wc"], parameters["bc"]
    Wo, bo = parameters["Wo"], parameters["bo"]
    concat = np.concatenate((a_prev, xt), axis=0)
    ft = sigmoid(np.dot(Wf, concat) + bf)
    it = sigmoid(np.dot(Wi, concat) + bi)
    cct = np.tanh(np.dot(Wc, concat) + bc)
    c_next = ft * c_prev + it * cct
    ot = sigmoid(np.dot(Wo, concat) + bo)
    a_next = ot * np.tanh(c_next)
    return a_next, c_next


def lstm_cell_backward(da_next, dc_next, parameters):
    n_a = da_next.shape[0]
    dot = da_next * np.tanh(c_next) * ot * (1 - ot)
    dcct = (dc_next * it + ot * (1 - np.square(np.tanh(c_next))) * it * da_next) * (1 - np.square(cct))
    dit = (dc_next * cct + ot * (1 - np.square(np.tanh(c_next))) * cct * da_next) * it * (1 - it)
    dft = (dc_next * c_prev + ot * (1 - np.square(np.tanh(c_next))) * c_prev * da_next) * ft * (1 - ft)
    da_prev = np.dot(parameters['Wf'][:, :n_a].T, dft) + np.dot(parameters['Wi'][:, :n_a].T, dit) + np.dot(parameters['Wc'][:, :n_a].T, dcct) + np.dot(parameters['Wo'][:, :n_a].T, dot)
    dxt = np.dot(parameters['Wf'][:, n_a:].T, dft) + np.dot(parameters['Wi'][:, n_a:].T, dit) + np.dot(parameters['Wc'][:, n_a:].T, dcct) + np.dot(parameters['Wo'][:, n_a:].T, dot)
    return da_prev, dxt
```
"""


def test_keyed_weights_sliced_into_blocks(tmp_path):
    forward = {k: "pass" for k in range(7, 14)}
    assert _statuses(tmp_path, COURSERA) == {**forward, **{k: "pass" for k in range(19, 25)}}
    mutant = COURSERA.replace("parameters['Wo'][:, :n_a].T, dot)", "parameters['Wo'][:, n_a:].T, dot)")
    assert _statuses(tmp_path, mutant) == {**forward, **{k: "pass" for k in (19, 20, 21, 22, 24)}, 23: "fail"}


#: Coursera's rnn_backward: the step's gradients fetched from the step function's dictionary under names of their
#: own (dWaxt = gradients["dWax"]) and added to the sums; the mutant adds dWax's step part to dWaa.
COURSERA_SUMS = """```python
def rnn_cell_forward(xt, a_prev, parameters):
    Wax, Waa, ba = parameters["Wax"], parameters["Waa"], parameters["ba"]
    a_next = np.tanh(np.dot(Wax, xt) + np.dot(Waa, a_prev) + ba)
    return a_next


def rnn_cell_backward(da_next, cache):
    dtanh = (1 - a_next ** 2) * da_next
    dxt = np.dot(Wax.T, dtanh)
    dWax = np.dot(dtanh, xt.T)
    da_prev = np.dot(Waa.T, dtanh)
    dWaa = np.dot(dtanh, a_prev.T)
    dba = np.sum(dtanh, axis=1, keepdims=True)
    gradients = {"dxt": dxt, "da_prev": da_prev, "dWax": dWax, "dWaa": dWaa, "dba": dba}
    return gradients


def rnn_backward(da, caches):
    for t in reversed(range(T_x)):
        gradients = rnn_cell_backward(da[:, :, t] + da_prevt, caches[t])
        dxt, da_prevt, dWaxt, dWaat, dbat = gradients["dxt"], gradients["da_prev"], gradients["dWax"], gradients["dWaa"], gradients["dba"]
        dWax += dWaxt
        dWaa += dWaat
        dba += dbat
```
"""


def test_gradients_fetched_from_the_step_functions_dictionary(tmp_path):
    step = {k: "pass" for k in (4, 9, 10, 11, 12, 13, 14)}
    # (21, 22: the loop's call and the outputs it unpacks, judged as a loop over the handout's step, round 60)
    assert _statuses(tmp_path, COURSERA_SUMS) == {**step, 21: "pass", 22: "pass", 23: "pass", 24: "pass", 25: "pass"}
    mutant = COURSERA_SUMS.replace("        dWaa += dWaat", "        dWaa += dWaxt")
    assert _statuses(tmp_path, mutant) == {**step, 21: "pass", 23: "pass", 24: "fail", 25: "pass"}


from hypothesis import given, settings, strategies as st  # noqa: E402


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(alphabet="dhxt_[]:, ()=+*.'\"abcsWelta0123", min_size=1, max_size=60), min_size=1,
                max_size=6))
def test_hostile_code_lines_are_read_at_once(lines):
    # The fence pre-passes of this round (sequence indexes, labelled names, delta_/d_ names, fetched names, lists made
    # together, the loop's carried two-word state) never raise and never hang on broken code.
    from symlstm.verify.text.codefences import fenced_rows
    body = "\n".join(["for t in range(T):"] + ["    " + x.replace("`", "") for x in lines])
    seconds, _ = within(1.0, lambda: fenced_rows("```python\n" + body + "\n```\n"))
    assert seconds < 1.0
