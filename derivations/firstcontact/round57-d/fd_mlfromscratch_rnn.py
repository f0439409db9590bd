"""Finite-difference check of mlfromscratch_rnn.md (eriklindernoren/ML-From-Scratch @ 8f77243, RNN layer).

Model: z_t = x_t U^T + s_{t-1} W^T, s_t = tanh(z_t), o_t = softmax(s_t V^T); row vectors, batch first;
U (n_units, input_dim), W (n_units, n_units), V (input_dim, n_units); s_{-1} = 0.
acc_grad[:, t] = dL/d o_t (gradient w.r.t. the softmax OUTPUT, passed from the loss);
here L = sum(G * outputs) so acc_grad = G.
grad_t is meant as dL/d(softmax input at t); grad_wrt_state as dL_t/dz_{t'} where L_t is the part of
the loss that flows through output t (truncated BPTT, exact when timesteps <= bptt_trunc + 1).
"""
import numpy as np

rng = np.random.RandomState(8)
B, T, D, H = 2, 3, 4, 5          # D = input_dim (also output size), H = n_units
bptt_trunc = 4
X = rng.randn(B, T, D)
G = rng.randn(B, T, D)
U = rng.randn(H, D) * 0.6
W = rng.randn(H, H) * 0.6
V = rng.randn(D, H) * 0.8
results = {}


def check(line, got, ref, expect):
    got = np.asarray(got, float); ref = np.asarray(ref, float)
    err = np.max(np.abs(got - ref)) / max(1e-12, np.max(np.abs(ref)))
    verdict = "pass" if err < 1e-6 else "fail"
    if verdict == "fail":
        assert err > 1e-2, (line, err)
    results[line] = verdict
    print(f"line {line}: rel.err {err:.2e} -> {verdict} (expected {expect})")
    assert verdict == expect, line


# ---- author's activation classes ----
class Softmax():
    def function(self, x):
        e_x = np.exp(x - np.max(x, axis=1, keepdims=True))
        return e_x / np.sum(e_x, axis=1, keepdims=True)

    def gradient(self, x):
        p = self.function(x)
        return p * (1 - p)


class TanH():
    def function(self, x):
        return 2 / (1 + np.exp(-2*x)) - 1

    def gradient(self, x):
        return 1 - np.power(self.function(x), 2)


sm, th = Softmax(), TanH()


def softmax_ref(x):
    e = np.exp(x)
    return e / e.sum(axis=1, keepdims=True)


def fd(fun, arr, h=1e-6):
    g = np.zeros_like(arr)
    it = np.nditer(arr, flags=["multi_index"])
    for _ in it:
        i = it.multi_index
        old = arr[i]
        arr[i] = old + h; fp = fun()
        arr[i] = old - h; fm = fun()
        arr[i] = old
        g[i] = (fp - fm) / (2 * h)
    return g


xl = rng.randn(3, D)
# line 18: shifted exponent; the shift cancels in line 19
e_x = np.exp(xl - np.max(xl, axis=1, keepdims=True))
check(18, e_x / np.exp(xl), np.exp(-np.max(xl, axis=1, keepdims=True)) * np.ones_like(xl), "pass")
check(19, sm.function(xl), softmax_ref(xl), "pass")
# line 23: p*(1-p) used as the softmax derivative in a chain rule (vector-Jacobian product)
g = rng.randn(3, D)
xl_c = xl.copy()
vjp_true = fd(lambda: np.sum(g * softmax_ref(xl_c)), xl_c)
check(23, g * sm.gradient(xl), vjp_true, "fail")
xs = np.linspace(-3, 3, 13).reshape(1, -1); hh = 1e-6
check(29, th.function(xs), np.tanh(xs), "pass")
check(33, th.gradient(xs), (np.tanh(xs + hh) - np.tanh(xs - hh)) / (2 * hh), "pass")


# ---- reference model with hooks; `only_t` restricts the loss to one output ----
def forward(U, W, V, X, hz=None, hl=None, only_t=None, return_all=False):
    hz = np.zeros((B, T, H)) if hz is None else hz
    hl = np.zeros((B, T, D)) if hl is None else hl
    S = np.zeros((B, T + 1, H)); Z = np.zeros((B, T, H)); O = np.zeros((B, T, D))
    for t in range(T):
        Z[:, t] = X[:, t] @ U.T + S[:, t - 1] @ W.T + hz[:, t]
        S[:, t] = np.tanh(Z[:, t])
        O[:, t] = softmax_ref(S[:, t] @ V.T + hl[:, t])
    if only_t is None:
        L = np.sum(G * O)
    else:
        L = np.sum(G[:, only_t] * O[:, only_t])
    return (L, S, Z, O) if return_all else L


L, S_ref, Z_ref, O_ref = forward(U, W, V, X, return_all=True)

# forward rows 100, 103, 105 as written
layer_input = X
state_input = np.zeros((B, T, H)); states = np.zeros((B, T + 1, H)); outputs = np.zeros((B, T, D))
for t in range(T):
    state_input[:, t] = X[:, t].dot(U.T) + states[:, t-1].dot(W.T)
    states[:, t] = th.function(state_input[:, t])
    outputs[:, t] = sm.function(states[:, t].dot(V.T))
check(100, state_input, Z_ref, "pass")
check(103, states[:, :T], S_ref[:, :T], "pass")
check(105, outputs, O_ref, "pass")

# true quantities
hl = np.zeros((B, T, D))
dL_dlogit = fd(lambda: forward(U, W, V, X, hl=hl), hl)                 # true grad_t (all t)
dLt_dz = {}
for t in range(T):
    hz = np.zeros((B, T, H))
    dLt_dz[t] = fd(lambda: forward(U, W, V, X, hz=hz, only_t=t), hz)     # dL_t / dz_{t'}
Uc, Wc, Vc = U.copy(), W.copy(), V.copy()
dU = fd(lambda: forward(Uc, W, V, X), Uc)
dW = fd(lambda: forward(U, Wc, V, X), Wc)
dV = fd(lambda: forward(U, W, Vc, X), Vc)
Xc = X.copy(); dX = fd(lambda: forward(U, W, V, Xc), Xc)

acc_grad = G
r131, r138, r147 = [], [], []
grad_u = np.zeros_like(U); grad_w = np.zeros_like(W); grad_v = np.zeros_like(V)
for t in reversed(range(T)):
    grad_t = acc_grad[:, t] * sm.gradient(states[:, t].dot(V.T))                          # 131 as written
    r131.append((grad_t, dL_dlogit[:, t]))
    gt = dL_dlogit[:, t]                                                                  # true grad_t
    grad_v = gt.T.dot(states[:, t])                                                       # 135 as written (=)
    grad_wrt_state = gt.dot(V) * th.gradient(state_input[:, t])                           # 138
    r138.append((grad_wrt_state, dLt_dz[t][:, t]))
    for t_ in reversed(np.arange(max(0, t - bptt_trunc), t+1)):
        g_true = dLt_dz[t][:, t_]
        grad_u += g_true.T.dot(layer_input[:, t_])                                         # 144
        grad_w += g_true.T.dot(states[:, t_-1])                                            # 145
        nxt = g_true.dot(W) * th.gradient(state_input[:, t_-1])                            # 147
        if t_ >= 1:
            r147.append((nxt, dLt_dz[t][:, t_ - 1]))
    last = nxt
check(131, np.stack([a for a, _ in r131]), np.stack([b for _, b in r131]), "fail")
check(135, grad_v, dV, "fail")
check(138, np.stack([a for a, _ in r138]), np.stack([b for _, b in r138]), "pass")
check(144, grad_u, dU, "pass")
check(145, grad_w, dW, "pass")
check(147, np.stack([a for a, _ in r147]), np.stack([b for _, b in r147]), "pass")
# line 155: returned acc_grad = grad_wrt_state has shape (B, n_units); dL/dX has shape (B, T, input_dim)
acc_ret = last
ok155 = acc_ret.shape == dX.shape and np.allclose(acc_ret, dX, rtol=1e-6, atol=1e-9)
results[155] = "pass" if ok155 else "fail"
print(f"line 155: returned shape {acc_ret.shape} vs dL/dX shape {dX.shape} -> {results[155]} (expected fail)")
assert results[155] == "fail"

# sanity: the fixed row 135 (grad_v += ...) is right
gv = sum(dL_dlogit[:, t].T.dot(states[:, t]) for t in range(T))
assert np.allclose(gv, dV, atol=1e-7)
print("all verdicts as expected; rows checked:", len(results))
