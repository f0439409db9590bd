r"""Round 38 notations: a cell recalled one step later, a total loss written as a sum of step losses, an output
size of its own, Jacobians across steps between non-state quantities, sums over the components of an output,
chains that expand one term of the row above, and a parameter's gradient through its use at step t written
``(\partial E / \partial U)^{(t)}``.

The notes are shortened from the round-38 first-contact sources (a Markdown chapter on the vanilla RNN's BPTT and a
Chinese blog post deriving it in index notation). Every verdict is worked out by hand; the formulas are confirmed
below by central finite differences of a numpy RNN written here (independent of symlstm), and each rule has a
mutant that must fail.
"""
import numpy as np

from symlstm.verify.judging.judge import verify_derivation


def _statuses(text):
    out = {}
    for r in verify_derivation(text).results:
        out.setdefault(r.line, []).append(r.status)
    return out


# --- an independent oracle: z_t = U x_t + W h_{t-1} + b, h_t = tanh(z_t), s_t = V h_t + c, y_t = tanh(s_t),
#     E = sum_t E_t with E_t = 1/2 |y_t - target_t|^2 (an element-wise output, as the blog's derivation treats g)
N, K, M, T = 3, 2, 4, 3
RNG = np.random.default_rng(38)
U, W, V = RNG.normal(size=(N, K)), RNG.normal(size=(N, N)) * 0.7, RNG.normal(size=(M, N))
b, c = RNG.normal(size=N), RNG.normal(size=M)
X, Y = RNG.normal(size=(T, K)), RNG.normal(size=(T, M))


def _run(z_bump=None):
    """Every step's z, h, s and the loss; ``z_bump`` = (t, vector) adds to z_t before h_t is computed."""
    h, zs, hs, ss, E = np.zeros(N), [], [], [], 0.0
    for t in range(T):
        z = U @ X[t] + W @ h + b
        if z_bump is not None and z_bump[0] == t:
            z = z + z_bump[1]
        h = np.tanh(z)
        s = V @ h + c
        E += 0.5 * np.sum((np.tanh(s) - Y[t]) ** 2)
        zs.append(z), hs.append(h), ss.append(s)
    return zs, hs, ss, E


def _grad_z(t, eps=1e-6):
    return np.array([(_run((t, eps * e))[3] - _run((t, -eps * e))[3]) / (2 * eps) for e in np.eye(N)])


def test_oracle_confirms_the_component_formulas():
    zs, hs, ss, _ = _run()
    t = 0
    dE_ds = (np.tanh(ss[t]) - Y[t]) * (1 - np.tanh(ss[t]) ** 2)            # \partial E^{(t)} / \partial s_k
    fprime = 1 - hs[t] ** 2
    dz_next = _grad_z(t + 1)
    stated = np.array([sum(dE_ds[k] * V[k, i] for k in range(M)) * fprime[i] +
                       sum(dz_next[k] * W[k, i] for k in range(N)) * fprime[i] for i in range(N)])
    assert np.allclose(stated, _grad_z(t), atol=1e-6)
    wrong = np.array([sum(dE_ds[k] * V[k, i] for k in range(N)) * fprime[i] +       # the sum stopped at N < M
                      sum(dz_next[k] * W[k, i] for k in range(N)) * fprime[i] for i in range(N)])
    assert not np.allclose(wrong, _grad_z(t), atol=1e-3)
    # \partial z_{t+1} / \partial z_t = W diag(f'(z_t)), not diag(f'(z_{t+1})) W
    eps = 1e-6
    J = np.array([(U @ X[1] + W @ np.tanh(zs[0] + eps * e) + b - (U @ X[1] + W @ np.tanh(zs[0] - eps * e) + b))
                  / (2 * eps) for e in np.eye(N)]).T
    assert np.allclose(J, W @ np.diag(1 - hs[0] ** 2), atol=1e-6)
    assert not np.allclose(J, np.diag(1 - hs[1] ** 2) @ W, atol=1e-3)


#: The blog's forward rows (bold time superscripts inside \bm, shapes in a table) and its loss.
BLOG_FORWARD = r"""$$\begin{aligned}
\bm{z^{(t)}}&=\bm{Ux^{(t)}}+\bm{Wh^{(t-1)}}+\bm{b}\\
    \bm{h^{(t)}}&=f(\bm{z^{(t)}})\\
    \bm{s^{(t)}}&=\bm{Vh^{(t)}}+\bm{c}\\
    \bm{y^{(t)}}&=g(\bm{s^{(t)}})
\end{aligned}$$

模型总损失为$E=\sum_tE^{(t)}$

"""

#: The split of dE/dz_i into two parts (line 10), each expanded as a chain under a label (lines 15-17, 23-25).
BLOG_PARTS = BLOG_FORWARD + r"""$$\frac{\partial E}{\partial z_i^{(t)}}=\frac{\partial E^{(t)}}{\partial \bm{s^{(t)}}}\frac{\partial \bm{s^{(t)}}}{\partial z_i^{(t)}}+\frac{\partial E}{\partial \bm{z^{(t+1)}}}\frac{\partial \bm{z^{(t+1)}}}{\partial z_i^{(t)}}$$

前半部分：

$$\begin{aligned}
    &=\frac{\partial E^{(t)}}{\partial \bm{s^{(t)}}}\frac{\partial \bm{s^{(t)}}}{\partial z_i^{(t)}}\\
    &=\sum_k \frac{\partial E^{(t)}}{\partial s_k^{(t)}}\frac{\partial s_k^{(t)}}{\partial z_i^{(t)}}\\
    &=\sum_k \frac{\partial E^{(t)}}{\partial s_k^{(t)}}V_{ki}f'(z_i^{(t)})
\end{aligned}$$

后半部分：

$$\begin{aligned}
    &=\frac{\partial E}{\partial \bm{z^{(t+1)}}}\frac{\partial \bm{z^{(t+1)}}}{\partial z_i^{(t)}}\\
    &=\sum_k \frac{\partial E}{\partial z_k^{(t+1)}}\frac{\partial z_k^{(t+1)}}{\partial z_i^{(t)}}\\
    &=\sum_k \frac{\partial E}{\partial z_k^{(t+1)}}W_{ki}f'(z_i^{(t)})
\end{aligned}$$

$$\frac{\partial E}{\partial \bm{U}}=\sum_t(\frac{\partial E}{\partial \bm{U}})^{(t)}$$
"""
PART_LINES = (15, 23)
CHAIN_LINES = (16, 17, 24, 25)


def test_chains_expanding_one_term_of_the_row_above_are_checked_link_by_link():
    st = _statuses(BLOG_PARTS)
    assert sorted(st) == [2, 3, 4, 5, 10, *PART_LINES[:1], *CHAIN_LINES[:2], PART_LINES[1], *CHAIN_LINES[2:], 28]
    for line in (2, 3, 4, 5, 10, *PART_LINES, *CHAIN_LINES, 28):
        assert st[line] == ["pass"], (line, st.get(line))


def test_a_wrong_link_in_an_expanded_term_fails():
    wrong = BLOG_PARTS.replace(r"\frac{\partial E^{(t)}}{\partial s_k^{(t)}}V_{ki}f'(z_i^{(t)})",
                               r"\frac{\partial E^{(t)}}{\partial s_k^{(t)}}V_{ik}f'(z_i^{(t)})")
    assert wrong != BLOG_PARTS
    st = _statuses(wrong)
    assert st[17] == ["fail"] and st[16] == ["pass"] and st[25] == ["pass"]
    wrong = BLOG_PARTS.replace(r"\sum_k \frac{\partial E}{\partial z_k^{(t+1)}}W_{ki}f'(z_i^{(t)})",
                               r"\sum_k \frac{\partial E}{\partial z_k^{(t+1)}}W_{ki}f'(z_i^{(t+1)})")
    assert _statuses(wrong)[25] == ["fail"]


def test_a_component_sum_runs_over_the_outputs_it_indexes():
    text = BLOG_FORWARD + r"""$$\frac{\partial E}{\partial z_i^{(t)}} = \sum_k \frac{\partial E^{(t)}}{\partial s_k^{(t)}}V_{ki}f'(z_i^{(t)}) + \sum_k \frac{\partial E}{\partial z_k^{(t+1)}}W_{ki}f'(z_i^{(t)})$$

$$\frac{\partial E}{\partial z_i^{(t)}} = \sum_k \frac{\partial E^{(t)}}{\partial s_k^{(t)}}V_{ki}f'(z_i^{(t)})$$
"""
    st = _statuses(text)
    assert st[10] == ["pass"] and st[12] == ["fail"]


def test_a_step_part_of_a_parameter_gradient():
    st = _statuses(BLOG_FORWARD + r"""$$\frac{\partial E}{\partial \bm{W}}=\sum_t(\frac{\partial E}{\partial \bm{W}})^{(t)}$$

$$\frac{\partial E}{\partial \bm{W}}=2\sum_t(\frac{\partial E}{\partial \bm{W}})^{(t)}$$
""")
    assert st[10] == ["pass"] and st[12] == ["fail"]


#: The chapter's forward pass with an output size of its own (d_y beside d_x), its loss as a sum of step losses
#: spelled out after, and a "Recall:" row one step later inside the backward derivation.
CHAPTER = r"""Let $\mathbf{x}_t \in \mathbb{R}^{d_x}$ and $\mathbf{h}_t \in \mathbb{R}^{d_h}$, with $\mathbf{h}_0 = \mathbf{0}$.
$$\mathbf{a}_t = \mathbf{W}_{hh} \mathbf{h}_{t-1} + \mathbf{W}_{xh} \mathbf{x}_t + \mathbf{b}_h$$
where $\mathbf{W}_{hh} \in \mathbb{R}^{d_h \times d_h}$, $\mathbf{W}_{xh} \in \mathbb{R}^{d_h \times d_x}$.
$$\mathbf{h}_t = \tanh(\mathbf{a}_t)$$
$$\mathbf{z}_t = \mathbf{W}_{hy} \mathbf{h}_t + \mathbf{b}_y$$
$$\hat{\mathbf{y}}_t = \text{softmax}(\mathbf{z}_t) \in \mathbb{R}^{d_y}$$
where $\mathbf{W}_{hy} \in \mathbb{R}^{d_y \times d_h}$ and $\mathbf{b}_y \in \mathbb{R}^{d_y}$.
$$\mathcal{L} = \sum_{t=1}^T \mathcal{L}_t(\hat{\mathbf{y}}_t, \mathbf{y}_t)$$
$$\mathcal{L}_t = - \sum_{k=1}^{d_y} y_{t, k} \log \hat{y}_{t, k}$$
$$\delta_t^y \equiv \frac{\partial \mathcal{L}_t}{\partial \mathbf{z}_t} = \hat{\mathbf{y}}_t - \mathbf{y}_t \in \mathbb{R}^{d_y}$$
$$\frac{\partial \mathcal{L}}{\partial \mathbf{W}_{hy}} = \sum_{t=1}^T \delta_t^y \, \mathbf{h}_t^T$$
Recall: $\mathbf{h}_{t+1} = \tanh(\mathbf{a}_{t+1})$, so $\frac{\partial \mathbf{h}_{t+1}}{\partial \mathbf{a}_{t+1}} = \operatorname{diag}\left(1 - \mathbf{h}_{t+1}^2\right)$.
$$\delta_t^h \equiv \frac{\partial \mathcal{L}}{\partial \mathbf{h}_t} = \mathbf{W}_{hy}^T \delta_t^y + \mathbf{W}_{hh}^T \left( \delta_{t+1}^h \odot (1 - \mathbf{h}_{t+1}^2) \right)$$
$$\frac{\partial \mathcal{L}}{\partial \mathbf{W}_{xh}} = \sum_{t=1}^T \left(\delta_t^h \odot (1 - \mathbf{h}_t^2)\right) \mathbf{x}_t^T$$
"""


def test_a_row_recalled_one_step_later_and_a_loss_summed_from_step_losses_keep_one_cell():
    st = _statuses(CHAPTER)
    for line in (2, 4, 5, 6, 8, 9, 10, 11, 12, 13, 14):
        assert st[line][-1] == "pass", (line, st.get(line))
    assert all(s == "pass" for s in st[12])


def test_the_recalled_cell_still_catches_a_slip():
    wrong = CHAPTER.replace(r"\mathbf{W}_{hh}^T \left( \delta_{t+1}^h", r"\mathbf{W}_{hh} \left( \delta_{t+1}^h")
    assert _statuses(wrong)[13] == ["fail"]
    wrong = CHAPTER.replace(r"\left(\delta_t^h \odot (1 - \mathbf{h}_t^2)\right) \mathbf{x}_t^T",
                            r"\delta_t^h \mathbf{x}_t^T")
    assert _statuses(wrong)[14] == ["fail"]


def test_a_jacobian_between_pre_activations_of_two_steps():
    text = r"""$$z_t = U x_t + W h_{t-1} + b$$
$$h_t = f(z_t)$$
$$\frac{\partial z_{t+1}}{\partial z_t} = W \mathrm{diag}(f'(z_t))$$
$$\frac{\partial z_{t+1}}{\partial z_t} = \mathrm{diag}(f'(z_{t+1})) W$$
"""
    st = _statuses(text)
    assert st[3] == ["pass"] and st[4] == ["fail"]


def test_oracle_confirms_the_entry_formulas():
    """dE/dV_ij = sum_t dE_t/ds_{t,i} h_{t,j} and the part of dE/dU_ij through step t is dE/dz_{t,i} x_{t,j}."""
    zs, hs, ss, _ = _run()
    eps = 1e-6

    def loss_with(Vm=None, U_at=None):
        h, E = np.zeros(N), 0.0
        for t in range(T):
            Ut = U_at[1] if U_at is not None and U_at[0] == t else U
            h = np.tanh(Ut @ X[t] + W @ h + b)
            E += 0.5 * np.sum((np.tanh((V if Vm is None else Vm) @ h + c) - Y[t]) ** 2)
        return E

    dV = np.zeros((M, N))
    for i in range(M):
        for j in range(N):
            e = np.zeros((M, N))
            e[i, j] = eps
            dV[i, j] = (loss_with(Vm=V + e) - loss_with(Vm=V - e)) / (2 * eps)
    ds = [(np.tanh(s) - y) * (1 - np.tanh(s) ** 2) for s, y in zip(ss, Y)]
    assert np.allclose(dV, sum(np.outer(d, h) for d, h in zip(ds, hs)), atol=1e-6)
    t = 1
    dU_t = np.zeros((N, K))
    for i in range(N):
        for j in range(K):
            e = np.zeros((N, K))
            e[i, j] = eps
            dU_t[i, j] = (loss_with(U_at=(t, U + e)) - loss_with(U_at=(t, U - e))) / (2 * eps)
    assert np.allclose(dU_t, np.outer(_grad_z(t), X[t]), atol=1e-6)
    assert not np.allclose(dU_t[:2, :2], np.outer(_grad_z(t), X[t])[:2, :2].T, atol=1e-3)


def test_a_matrix_written_by_its_entries_beside_vector_rows():
    r"""``\partial E / \partial V_{ij}`` where the forward rows write V bare: V's entry (i, j), checked entry by entry
    (a transposed index fails); so is ``(\partial E / \partial U_{ij})^{(t)}``, the part through step t."""
    text = BLOG_FORWARD + r"""$$\frac{\partial E}{\partial V_{ij}}=\sum_t\frac{\partial E^{(t)}}{\partial s_i^{(t)}}h_j^{(t)}$$

$$\frac{\partial E}{\partial V_{ij}}=\sum_t\frac{\partial E^{(t)}}{\partial s_j^{(t)}}h_i^{(t)}$$

$$(\frac{\partial E}{\partial U_{ij}})^{(t)}=\frac{\partial E}{\partial z_i^{(t)}}x_j^{(t)}$$

$$(\frac{\partial E}{\partial U_{ij}})^{(t)}=\frac{\partial E}{\partial z_j^{(t)}}x_i^{(t)}$$
"""
    st = _statuses(text)
    assert st[10] == ["pass"] and st[12] == ["fail"] and st[14] == ["pass"] and st[16] == ["fail"]


def test_a_subscript_inside_a_subscript_is_not_read_never_failed():
    text = BLOG_FORWARD + r"""$$\frac{\partial E^{(t)}}{\partial V_{ij}}=(\hat{y}_{t_i}-y_{t_i}) h_j^{(t)}$$
"""
    assert _statuses(text)[10] == ["unreadable"]
