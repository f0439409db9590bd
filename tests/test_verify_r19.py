r"""Round 19 of verify: a loss written as one sum over the steps, path labels after a bar, Coursera names in plain
code fences, Elman-style component rows with the step in brackets, update rules with iterates, a loss stated
abstractly and then spelt out. Every expected verdict is worked out by hand (and with numpy where it is a gradient,
never with symlstm) in the comment above its test."""
from __future__ import annotations

import numpy as np

from symlstm.verify.judging.judge import verify_derivation
from symlstm.verify.judging.updates import spelled_step
from symlstm.verify.text.codefences import plain_latex
from symlstm.verify.text.rowparse import parse_row
from symlstm.verify.text.texfile import read_tex
from _timing import within


def _statuses(text):
    out = {}
    for r in sorted(verify_derivation(text).results, key=lambda r: (r.line, r.column)):
        out.setdefault(r.line, []).append(r.status)
    return out


def _softmax(z):
    e = np.exp(z - z.max())
    return e / e.sum()


def _fd(f, x, eps=1e-6):
    """Central differences of the scalar f at the vector x."""
    return np.array([(f(x + eps * e) - f(x - eps * e)) / (2 * eps) for e in np.eye(x.size)])


# J = -(1/T) sum_t sum_j y_j log yhat_j with no row for one step's loss: J^{<t>} is the t-th term, weight included,
# so dJ^{<t>}/do^{<t>} = (yhat - y) / T (line 9 passes, numpy below) and yhat - y without the 1/T fails (line 11);
# dJ/dW_y = sum_t dJ^{<t>}/dW_y holds by the sum rule (line 13). It was "the forward rows define no loss at step 2".
def test_step_loss_is_the_term_of_the_total():
    rng = np.random.default_rng(1)
    o, y, T = rng.normal(size=4), np.eye(4)[2], 3
    fd = _fd(lambda z: -np.sum(y * np.log(_softmax(z))) / T, o)
    assert np.allclose(fd, (_softmax(o) - y) / T, atol=1e-8) and not np.allclose(fd, _softmax(o) - y)
    text = "\n".join([
        r"$$a^{\langle t \rangle} = \tanh(W_a a^{\langle t-1 \rangle} + U_a x^{\langle t \rangle} + b_a)$$",
        "",
        r"$$o^{\langle t \rangle} = W_y a^{\langle t \rangle} + b_y \qquad \hat{y}^{\langle t \rangle} = "
        r"\mathrm{softmax}(o^{\langle t \rangle})$$",
        "",
        r"$$\mathcal{J} = -\frac{1}{T} \sum_{t=1}^{T} \sum_{j} y_j^{\langle t \rangle} \log \hat{y}_j^{\langle t \rangle}$$",
        "",
        "The gradients:",
        "",
        r"$$\frac{\partial \mathcal{J}^{\langle t \rangle}}{\partial o^{\langle t \rangle}} = "
        r"\frac{1}{T}(\hat{y}^{\langle t \rangle} - y^{\langle t \rangle})$$",                     # line 9
        "",
        r"$$\frac{\partial \mathcal{J}^{\langle t \rangle}}{\partial o^{\langle t \rangle}} = "
        r"\hat{y}^{\langle t \rangle} - y^{\langle t \rangle}$$",                                   # line 11
        "",
        r"$$\frac{\partial \mathcal{J}}{\partial W_y} = \sum_{t=1}^{T} "
        r"\frac{\partial \mathcal{J}^{\langle t \rangle}}{\partial W_y}$$",                        # line 13
    ])
    got = _statuses(text)
    assert got[9] == ["pass"] and got[11] == ["fail"] and got[13] == ["pass"]
    assert got[1] == ["pass"] and got[3] == ["pass", "pass"] and got[5] == ["pass"]


# A label after a bar: the part of dL/dh_t from h_t's use at its own step (z_t = W_y h_t + b_y) is W_y^T(yhat - y)
# (line 9, "當前" = current), the part from the later steps is W_h^T (dh_{t+1} * (1 - h_{t+1}^2)) (line 11,
# "from future": a filler word and the label); the current part written with W_h fails (line 13). numpy: the
# output's part of the gradient of L_t = CE(softmax(W_y h + b_y)) by h.
def test_path_labels_after_a_bar():
    rng = np.random.default_rng(2)
    Wy, h, by, y = rng.normal(size=(3, 3)), rng.normal(size=3), rng.normal(size=3), np.eye(3)[0]
    fd = _fd(lambda v: -np.sum(y * np.log(_softmax(Wy @ v + by))), h)
    assert np.allclose(fd, Wy.T @ (_softmax(Wy @ h + by) - y), atol=1e-8)
    text = "\n".join([
        r"$$z_t = W_y h_t + b_y \qquad \hat{y}_t = \text{softmax}(z_t)$$",
        "",
        r"$$h_t = \tanh(W_h h_{t-1} + W_x x_t + b)$$",
        "",
        r"$$L_t = -\sum_k y_{t,k} \log \hat{y}_{t,k} \qquad L = \sum_{t=1}^{T} L_t$$",
        "",
        "路徑 A：",
        "",
        r"$$\left.\frac{\partial L}{\partial h_t}\right|_{\text{當前}} = W_y^\top (\hat{y}_t - y_t)$$",       # line 9
        "",
        r"$$\left.\frac{\partial L}{\partial h_t}\right|_{\text{from future}} = "
        r"W_h^\top (\delta h_{t+1} \odot (1 - h_{t+1}^2))$$",                                             # line 11
        "",
        r"$$\left.\frac{\partial L}{\partial h_t}\right|_{\text{current}} = W_h^\top (\hat{y}_t - y_t)$$",    # line 13
    ])
    got = _statuses(text)
    assert got[9] == ["pass"] and got[11] == ["pass"] and got[13] == ["fail"]
    r9 = next(r for r in verify_derivation(text).results if r.line == 9)
    assert "own step" in r9.why


# Coursera's names typed in a plain code fence: a⟨t⟩ is a^{<t>}, Waa is W_{aa}, ba is b_a (the LaTeX rows after it
# write W_{aa}). The forward rows pass; dL/da^{<t-1>} = W_{aa}^T dL/da_raw^{<t>} is one step's part (pass: a_raw
# reaches a^{<t-1>} through W_aa only); with W_{ax} in its place it fails (ill-typed or different: W_ax is n_a x n_x).
def test_coursera_names_in_a_plain_fence():
    assert plain_latex("a_raw⟨t⟩ = Waa · a⟨t-1⟩ + Wax · x⟨t⟩ + ba") == \
        r"a_{raw}^{\langle t \rangle} = W_{aa} · a^{\langle t-1 \rangle} + W_{ax} · x^{\langle t \rangle} + b_{a}"
    assert plain_latex("dWhy += dy @ h.T") == r"dW_{hy} += dy h^{T}"
    text = "\n".join([
        "```",
        "a_raw⟨t⟩ = Waa · a⟨t-1⟩ + Wax · x⟨t⟩ + ba",            # line 2
        "a⟨t⟩ = tanh(a_raw⟨t⟩)",
        "```",
        "",
        r"$$\frac{\partial L}{\partial a^{\langle t-1 \rangle}} = W_{aa}^T \cdot "
        r"\frac{\partial L}{\partial a_{\text{raw}}^{\langle t \rangle}}$$",                        # line 6
        "",
        r"$$\frac{\partial L}{\partial a^{\langle t-1 \rangle}} = W_{ax}^T \cdot "
        r"\frac{\partial L}{\partial a_{\text{raw}}^{\langle t \rangle}}$$",                        # line 8
    ])
    got = _statuses(text)
    assert got[2] == ["pass"] and got[3] == ["pass"] and got[6] == ["pass"] and got[8] == ["fail"]


# An Elman network written component by component with the step in brackets (x_j[t-1]) and a range after each row
# (\quad i = 1, \ldots, n_Y): every forward row passes. delta^Y_i[t] := dE[t]/dY_i[t] (a definition: pass);
# dE[t]/dW^{y,x}_{ij} = delta^Y_i[t] x_j[t] (pass, numpy: E = 1/2 |d - g(Y)|^2, Y = W x) and with a minus (fail).
def test_elman_components_with_bracketed_steps():
    rng = np.random.default_rng(3)
    W, x, d = rng.normal(size=(2, 3)), rng.normal(size=3), rng.normal(size=2)
    E = lambda w: 0.5 * np.sum((d - np.tanh(w.reshape(2, 3) @ x)) ** 2)      # noqa: E731
    fd = _fd(E, W.reshape(-1)).reshape(2, 3)
    Y = W @ x
    deltaY = -(d - np.tanh(Y)) * (1 - np.tanh(Y) ** 2)                         # dE/dY
    assert np.allclose(fd, np.outer(deltaY, x), atol=1e-8)
    text = "\n".join([
        "$$",
        r"y_i [t] = \tanh (Y_i [t]) \quad\quad i=1,\ldots,n_Y \\",                       # line 2
        r"Y_i [t] = \sum_{j=1}^{n_X} W^{y,x}_{i,j} x_j [t] + W^y_i \\",
        r"x_i [t] = \tanh (X_i [t]) \quad\quad i=1,\ldots,n_X \\",
        r"X_i [t] = \sum_{j=1}^{n_U} W^{x,u}_{i,j} u_j [t] + \sum_{j=1}^{n_X} W^{x,x}_{i,j} x_{j} [t-1] + W^x_i",
        "$$",
        "",
        r"$$E[t] = \frac{1}{2} \sum_{i=1}^{n_Y} \left( d_i [t] - y_i[t] \right)^2$$",     # line 8
        "",
        r"$$\delta^Y_i[t] = \frac{\partial E[t]}{\partial Y_i[t]}$$",                   # line 10
        "",
        r"$$\frac{\partial E[t]}{\partial W^{y,x}_{i,j}} = \delta^Y_i[t] \, x_j[t]$$",   # line 12
        "",
        r"$$\frac{\partial E[t]}{\partial W^{y,x}_{i,j}} = -\delta^Y_i[t] \, x_j[t]$$",  # line 14
    ])
    got = _statuses(text)
    assert [got[k] for k in (2, 3, 4, 5, 8, 10, 12, 14)] == [["pass"]] * 7 + [["fail"]]


# Update rules: W_i[n+1] = W_i[n] - alpha dE[n]/dW_i[n] is gradient descent (pass); \Delta W = W[n+1] - W[n] =
# -alpha dE/dW the same step named (pass); with + it is ascent (fail). A step spelt out without a gradient,
# \Delta W = \alpha \delta x, says dL/dW = -\delta x: with \delta = +dE/dY (ascent) it fails (the Elman notes'
# published sign error, numpy in the test above: dE/dW = +delta x).
def test_update_rules_with_iterates():
    text = "\n".join([
        r"$$h_t = \tanh(W h_{t-1} + U x_t) \qquad E_t = \frac{1}{2} \| h_t - d_t \|^2$$",
        "",
        r"$$W_i[n+1] = W_i[n] - \alpha \: \frac{\partial E[n]}{\partial W_i[n]}$$",                      # line 3
        "",
        r"$$\Delta W_i[n] = W_i[n+1] - W_i[n] = - \alpha \: \frac{\partial E[n]}{\partial W_i[n]}$$",   # line 5
        "",
        r"$$W_i[n+1] = W_i[n] + \alpha \: \frac{\partial E[n]}{\partial W_i[n]}$$",                      # line 7
    ])
    got = _statuses(text)
    assert got[3] == ["pass"] and got[5] == ["pass"] and got[7] == ["fail"]
    claim = spelled_step(parse_row(r"\Delta W_{ij} = \alpha \, \delta_i \, x_j"))
    assert claim is not None and claim[1][0][0] == "frac" and claim[1][1][0] == "add" and claim[1][1][1][0][0] == "-"
    assert spelled_step(parse_row(r"\Delta W = \frac{\partial L}{\partial W}")) is None      # no rate: a gradient


# A spacing right after '=' keeps the row whole (it split into "dJ/dW_ya =" and the rest); a loss stated as a
# function of the output (J = Loss(yhat)) and then spelt out (J = -sum y log yhat) is the same cell as the later
# rows that name the output's pre-activation (yhat = softmax(o), o = W_ya a + b_y): dJ^<t>/do^<t> = yhat - y passes.
def test_abstract_loss_then_spelt_out():
    rows = read_tex(r"$$\frac{\partial J}{\partial W_{ya}}=\quad \sum_{t=1}^{T}\frac{\partial J^{\langle t \rangle}}"
                    r"{\partial W_{ya}}$$").equations
    assert len(rows) == 1
    text = "\n".join([
        r"$$a^{\langle t \rangle} = \tanh(W_{aa} a^{\langle t-1 \rangle} + W_{ax} x^{\langle t \rangle} + b_a)$$",
        r"$$\hat{y}^{\langle t \rangle} = softmax(W_{ya} a^{\langle t \rangle} + b_y)$$",
        r"$$J^{\langle t \rangle}=Loss(\hat{y}^{\langle t \rangle})$$",
        r"$$\hat{y}^{\langle t \rangle} = softmax(o^{\langle t \rangle})$$",
        r"$$o^{\langle t \rangle} =W_{ya} a^{\langle t \rangle} + b_y$$",
        r"$$J^{\langle t \rangle}= -\sum_{i=1}^{n_y}y_i^{\langle t \rangle}\log \hat{y}_i^{\langle t \rangle}$$",
        r"$$\frac{\partial J^{\langle t \rangle}}{\partial o^{\langle t \rangle}}=\hat{y}^{\langle t \rangle}- "
        r"y^{\langle t \rangle}$$",                                                                        # line 7
        r"$$\frac{\partial J^{\langle t \rangle}}{\partial o^{\langle t \rangle}}=y^{\langle t \rangle} - "
        r"\hat{y}^{\langle t \rangle}$$",                                                                  # line 8
    ])
    got = _statuses(text)
    assert got[7] == ["pass"] and got[8] == ["fail"]
    assert all(got[k] == ["pass"] for k in (1, 2, 4, 5))


# Rows written for component i (a_i^t = ..., y_i^t = sigma(a_i^t)) and a loss summed over another letter k: the
# derivative by a_i^t is component i of the vector (it was 0: the sum's y_k named nothing). dE/da_i = (y_i - d_i)
# y_i (1 - y_i) (pass, numpy), 3 y_i fails.
def test_component_rows_read_under_another_letter():
    rng = np.random.default_rng(4)
    a, d = rng.normal(size=3), rng.normal(size=3)
    sig = lambda z: 1 / (1 + np.exp(-z))      # noqa: E731
    fd = _fd(lambda z: 0.5 * np.sum((d - sig(z)) ** 2), a)
    assert np.allclose(fd, (sig(a) - d) * sig(a) * (1 - sig(a)), atol=1e-8)
    text = "\n".join([
        "$$",
        r"y_i^t = \sigma (a_i^t) \\",
        r"a_i^t = \sum_{j=1}^{n_X} V_{i,j} x_j^t \\",
        r"x_i^t = \tanh (X_i^t) \\",
        r"X_i^t = \sum_{j=1}^{n_U} U_{i,j} u_j^t + \sum_{j=1}^{n_X} W_{i,j} x_{j}^{t-1}",
        "$$",
        "",
        r"$$E^t = \frac{1}{2} \sum_{k=1}^{n_Y} ( d_k^t - y_k^t )^2$$",
        "",
        r"$$\frac{\partial E^t}{\partial a_i^t} = 3 y_i^t$$",                                   # line 10
        "",
        r"$$\frac{\partial E^t}{\partial a_i^t} = (y_i^t - d_i^t) y_i^t (1 - y_i^t)$$",         # line 12
    ])
    got = _statuses(text)
    assert got[10] == ["fail"] and got[12] == ["pass"]


# Reverse-mode notes (bars are adjoints): a_t = U h_{t-1} + W x_t + b names the pre-activation, so \bar h_t is the
# adjoint of h_t, not a second name of a_t: \bar h_t = V^T q_t + U^T \bar a_{t+1} (pass). J_t names the one-step
# Jacobian beside the loss L: J_t = dh_t/dh_{t-1} = D_t U with D_t = diag(1 - h_t * h_t) (pass, numpy below; U D_t
# fails), and D_t is no output of the cell. Identities in the bare letter a (the cell writes a_t): tanh(a) =
# (e^{2a} - 1)/(e^{2a} + 1) and d/da tanh(a) = 1 - tanh^2(a) hold; 1 + tanh^2(a) fails.
def test_adjoint_bars_named_jacobian_and_lemmas():
    rng = np.random.default_rng(5)
    U, W, hp, x = rng.normal(size=(3, 3)), rng.normal(size=(3, 2)), rng.normal(size=3), rng.normal(size=2)
    h = np.tanh(U @ hp + W @ x)
    J = np.array([_fd(lambda v: np.tanh(U @ v + W @ x)[i], hp) for i in range(3)])
    D = np.diag(1 - h * h)
    assert np.allclose(J, D @ U, atol=1e-8) and not np.allclose(J, U @ D, atol=1e-3)
    text = "\n".join([
        r"$$a_t=Uh_{t-1}+Wx_t+b, \qquad h_t=\tanh(a_t), \qquad o_t=Vh_t+c.$$",
        r"$$L=\sum_{t=1}^{T}\ell_t(o_t,y_t).$$",
        r"$$q_t=\nabla_{o_t}\ell_t.$$",
        r"$$\bar h_t = V^\top q_t+U^\top\bar a_{t+1},$$",                            # line 4
        r"$$\tanh(a)=\frac{e^{2a}-1}{e^{2a}+1}.$$",                                 # line 5
        r"$$\frac{\mathrm d}{\mathrm da}\tanh(a) = 1-\tanh^2(a).$$",                # line 6
        r"$$\frac{\mathrm d}{\mathrm da}\tanh(a) = 1+\tanh^2(a).$$",                # line 7
        r"$$\bar a_t = \bar h_t\odot(1-h_t\odot h_t).$$",                           # line 8
        r"$$D_t=\operatorname{diag}(1-h_t\odot h_t).$$",
        r"$$J_t = \frac{\partial h_t}{\partial h_{t-1}} = D_tU.$$",                 # line 10
        r"$$J_t = \frac{\partial h_t}{\partial h_{t-1}} = U D_t.$$",                # line 11
        r"$$\bar h_t=V^\top q_t+J_{t+1}^\top\bar h_{t+1}.$$",                       # line 12
    ])
    got = _statuses(text)
    assert [got[k] for k in (4, 5, 6, 7, 8, 9, 10, 11, 12)] == \
        [["pass"], ["pass"], ["pass"], ["fail"], ["pass"], ["pass"], ["pass"], ["fail"], ["pass"]]


# \overline{\partial h_i / \partial W} (texts define the bar as "the derivative with the other terms held
# constant") is W's use at step i: dL_t/dW = dL_t/dh_t sum_i (prod_j dh_{j+1}/dh_j) \overline{dh_i/dW} holds
# (line 3) and without the product of Jacobians fails (line 5). A sum over no steps is zero: at t = n,
# (\sum_{i=t+1}^{n} dL_i/dh_{t+1}) dh_{t+1}/dh_t vanishes instead of reading h past the run (n, the top of
# \sum_{t=1}^{n}, is the number of steps), so dL/dh_t = dL_t/dh_t + (\sum_{i>t} dL_i/dh_{t+1}) dh_{t+1}/dh_t
# holds (line 7); starting the sum at t+2 drops L_{t+1} and fails (line 9).
def test_overline_immediate_and_empty_sums():
    text = "\n".join([
        r"$$h_t = \tanh(W h_{t-1} + U x_t) \qquad y_t = V h_t \qquad L_t = \frac{1}{2}\|y_t - d_t\|^2 \qquad "
        r"L = \sum_{t=1}^{n} L_t$$",
        "",
        r"$$\frac{\partial L_t}{\partial W} = \frac{\partial L_t}{\partial h_t}\sum_{i=1}^t\Big(\prod_{j=i}^{t-1}"
        r"\frac{\partial h_{j+1}}{\partial h_{j}}\Big)\overline{\frac{\partial h_i}{\partial W}}$$",          # line 3
        "",
        r"$$\frac{\partial L_t}{\partial W} = \frac{\partial L_t}{\partial h_t}\sum_{i=1}^t"
        r"\overline{\frac{\partial h_i}{\partial W}}$$",                                                      # line 5
        "",
        r"$$\frac{\partial L}{\partial h_t} = \frac{\partial L_t}{\partial h_t} + \Big(\sum_{i=t+1}^{n} "
        r"\frac{\partial L_i}{\partial h_{t+1}}\Big) \frac{\partial h_{t+1}}{\partial h_t}$$",              # line 7
        "",
        r"$$\frac{\partial L}{\partial h_t} = \frac{\partial L_t}{\partial h_t} + \Big(\sum_{i=t+2}^{n} "
        r"\frac{\partial L_i}{\partial h_{t+1}}\Big) \frac{\partial h_{t+1}}{\partial h_t}$$",              # line 9
    ])
    got = _statuses(text)
    assert got[1] == ["pass"] * 4
    assert got[3] == ["pass"] and got[5] == ["fail"] and got[7] == ["pass"] and got[9] == ["fail"]


# A blog writes its LaTeX in code fences indented under list items (``` then \frac{...} = ..., ```); those fences
# are displays, and a plain-text fence indented so is read as before. The RNN first, then an LSTM in the same
# letters (o, h defined again): a second cell, told over the LSTM's rows. dC_t/dC_{t-1} = f_t (the direct partial,
# f written as in the rows) passes; 2 f_t fails.
def test_latex_and_indented_fences():
    text = "\n".join([
        r"$$h^{(t)} = \tanh(Ux^{(t)}+Wh^{(t-1)}+b) \qquad o^{(t)} = Vh^{(t)}+c$$",
        "",
        "* **Forget Gate:**",
        "    ```",
        r"    f_t = \sigma(W_f[h_{t-1}, x_t])",                 # line 5
        "    ```",
        "* **Input Gate:**",
        "    ```",
        r"    i_t = \sigma(W_i[h_{t-1}, x_t])",                 # line 9
        "    ```",
        "* **Output Gate:**",
        "    ```",
        r"    o_t = \sigma(W_o[h_{t-1}, x_t])",
        "    ```",
        "* **Candidate:**",
        "    ```",
        r"    \widetilde{C}_t = tanh(W_C[h_{t-1}, x_t])",
        "    ```",
        "* **Cell:**",
        "    ```",
        "    C_t = f_t C_{t-1} + i_t \\widetilde{C}_t",          # line 21 (plain text, no command)
        "    ```",
        "* **Hidden:**",
        "    ```",
        "    h_t = o_t tanh(C_t)",                                # line 25
        "    ```",
        "",
        "```",
        r"\frac{\partial C_t}{\partial C_{t-1}} = f_t + 0",                # line 29
        "```",
        "```",
        r"\frac{\partial C_t}{\partial C_{t-1}} = 2 f_t",                  # line 32
        "```",
    ])
    got = _statuses(text)
    assert all(got[k] == ["pass"] for k in (5, 9, 13, 17, 21, 25)), got
    assert got[29] == ["pass"] and got[32] == ["fail"]


# Code assigns several names at once: a, b = x, y are two rows; i_t, f_t, o_t = split(sigmoid(z_ifo), 3) states the
# three gates as the thirds of one stacked value (each forward row is the author's definition: pass). In the
# backward rows \delta h_t stands for the gradient of the state written H_t (as c_t for C_t): with H_t = tanh(a_t),
# \delta a_t = \delta h_t \odot (1 - H_t^2) (pass; numpy: d tanh(a)/da = 1 - tanh(a)^2) and without the square
# fails; H^T, a transposed weight, is never taken for a state.
def test_tuple_assignments_and_state_case():
    a = np.random.default_rng(6).normal(size=3)
    assert np.allclose(np.diag(np.array([_fd(lambda v: np.tanh(v)[i], a) for i in range(3)])), 1 - np.tanh(a) ** 2)
    code = "\n".join([
        "```",
        "z_ifo = x_t · U_ifo.T + H_{t-1} · W_ifo.T + b_ifo",
        "z_g, u_t = x_t · U_g.T + H_{t-1} · W_g.T + b_g, z_ifo",          # line 3: two rows
        "i_t, f_t, o_t = split(sigmoid(u_t), 3)",                          # line 4: a stacked row
        "```",
    ])
    got = _statuses(code)
    assert got[2] == ["pass"] and got[3] == ["pass", "pass"] and got[4] == ["pass"]
    text = "\n".join([
        r"$$a_t = W H_{t-1} + U x_t + b \qquad H_t = \tanh(a_t) \qquad y_t = V H_t$$",
        "",
        r"$$\delta a_t = \delta h_t \odot (1 - H_t^2)$$",                   # line 3
        "",
        r"$$\delta a_t = \delta h_t \odot (1 - H_t)$$",                     # line 5
        "",
        r"$$\delta H_{t-1} = W^T \delta a_t$$",                              # line 7 (one step's part)
    ])
    got = _statuses(text)
    assert got[3] == ["pass"] and got[5] == ["fail"] and got[7] == ["pass"]


# The step letter i where a row recurs in it (h_i = tanh(W h_{i-1} + U x_i), Shibuya's LSTM post): i is the time,
# not a component index (every row was "h is not defined"). delta h_i = V^T (y_i - d_i) + W^T (delta h_{i+1} *
# (1 - h_{i+1}^2)) passes (the RNN recursion of the squared error, numpy below on two steps); without W^T it
# fails.
def test_step_letter_i_where_a_row_recurs_in_it():
    rng = np.random.default_rng(7)
    W, V, x2, d1, d2, h1 = (rng.normal(size=s) for s in ((3, 3), (2, 3), 3, 2, 2, 3))
    loss = lambda h: 0.5 * np.sum((V @ h - d1) ** 2) + 0.5 * np.sum((V @ np.tanh(W @ h + x2) - d2) ** 2)  # noqa: E731
    h2 = np.tanh(W @ h1 + x2)
    dh2 = V.T @ (V @ h2 - d2)
    assert np.allclose(_fd(loss, h1), V.T @ (V @ h1 - d1) + W.T @ (dh2 * (1 - h2 ** 2)), atol=1e-8)
    assert not np.allclose(_fd(loss, h1), V.T @ (V @ h1 - d1) + dh2 * (1 - h2 ** 2), atol=1e-3)
    text = "\n".join([
        r"$$\mathbf{h}_i = \tanh(W \mathbf{h}_{i-1} + U \mathbf{x}_i) \qquad \mathbf{y}_i = V \mathbf{h}_i \qquad "
        r"L = \sum_{i=1}^{T} \frac{1}{2} \| \mathbf{y}_i - \mathbf{d}_i \|^2$$",
        "",
        r"$$\delta \mathbf{h}_i = V^T (\mathbf{y}_i - \mathbf{d}_i) + W^T (\delta \mathbf{h}_{i+1} \odot "
        r"(1 - \mathbf{h}_{i+1}^2))$$",                                                                      # line 3
        "",
        r"$$\delta \mathbf{h}_i = V^T (\mathbf{y}_i - \mathbf{d}_i) + \delta \mathbf{h}_{i+1} \odot "
        r"(1 - \mathbf{h}_{i+1}^2)$$",                                                                       # line 5
    ])
    got = _statuses(text)
    assert got[1] == ["pass"] * 3 and got[3] == ["pass"] and got[5] == ["fail"]


# Hostile inputs for this round's readers: long fences of LaTeX-like text, tuple assignments with thousands of
# commas, a split( with no closing bracket, brackets nested to the limit: each is read (or refused) at once.
def test_hostile_fences_and_tuples_are_fast():
    from symlstm.verify.text.codefences import fenced_rows
    cases = [
        "```\n" + "\\frac{\\partial a}{\\partial b} = " + "(" * 30 + "x" + ")" * 30 + "\n" * 2 + "```\n",
        "```\n" + ", ".join(f"a_{k}" for k in range(600)) + " = " + ", ".join("x" for _ in range(600)) + "\n```\n",
        "```\n" + "i_t, f_t, o_t = split(" + "sigmoid(" * 200 + "z, 3)\n```\n",
        ("    ```\n    h_t = o_t tanh(C_t)\n    ```\n" * 3000),
        "```\n" + "\\begin{aligned} " + "a = b \\\\ " * 5000 + "\\end{aligned}\n```\n",
    ]
    for text in cases:
        def read():
            try:
                read_tex(text)
                fenced_rows(text)
            except Exception as e:          # a clean refusal is fine: a LatexError naming the limit
                assert type(e).__name__ == "LatexError", e

        seconds, _ = within(1.0, read)      # the fastest of up to three runs: a busy machine only adds time
        assert seconds < 1.0, seconds
