"""Finite-difference check of rnn_rabbit_bptt_ja.md (numpy only).

Part A: the prose model of "1. 要点まとめ" (column vectors):
    u_t = W_in x_t + W z_{t-1} + b,  z_t = f(u_t),  v_t = W_out z_t + c,  y_t = g(v_t),
    E = sum_t 1/2 ||y_t - d_t||^2, f = tanh, g = sigmoid.
Part B: the code of "2. 実装演習" (row vectors, no biases, course functions.py).
"""
import numpy as np

rng = np.random.default_rng(0)
ok = lambda a, b: np.allclose(a, b, rtol=1e-5, atol=1e-7)
def row(name, good):
    print(f"{name:55s} {'AGREES' if good else 'DISAGREES'}")

sig = lambda x: 1 / (1 + np.exp(-x))

# ---------------- Part A: prose model ----------------
D, H, O, T = 3, 4, 2, 5
Win = rng.normal(size=(H, D)); Wr = rng.normal(size=(H, H)) * 0.6
Wout = rng.normal(size=(O, H)); b = rng.normal(size=H); c = rng.normal(size=O)
xs = rng.normal(size=(T, D)); ds = rng.uniform(size=(T, O))

def fwdA(Win, Wr, Wout, b, c, du=None):
    z = np.zeros(H); us, zs, vs, ys = [], [np.zeros(H)], [], []
    E = 0.0
    for t in range(T):
        u = Win @ xs[t] + Wr @ z + b
        if du is not None and du[0] == t:
            u = u + du[1]
        z = np.tanh(u); v = Wout @ z + c; y = sig(v)
        us.append(u); zs.append(z); vs.append(v); ys.append(y)
        E += 0.5 * np.sum((y - ds[t]) ** 2)
    return E, us, zs, vs, ys

E0, us, zs, vs, ys = fwdA(Win, Wr, Wout, b, c)
eps = 1e-6
def fd_u(t):  # true total dE/du_t by finite differences
    g = np.zeros(H)
    for k in range(H):
        e = np.zeros(H); e[k] = eps
        g[k] = (fwdA(Win, Wr, Wout, b, c, (t, e))[0] - fwdA(Win, Wr, Wout, b, c, (t, -e))[0]) / (2 * eps)
    return g
def fd_param(which):
    P = dict(Win=Win, Wr=Wr, Wout=Wout, b=b, c=c)
    M = P[which]; G = np.zeros_like(M)
    for idx in np.ndindex(M.shape):
        old = M[idx]
        M[idx] = old + eps; Ep = fwdA(**P)[0]
        M[idx] = old - eps; Em = fwdA(**P)[0]
        M[idx] = old; G[idx] = (Ep - Em) / (2 * eps)
    return G

delta_true = [fd_u(t) for t in range(T)]
fprime = [1 - np.tanh(u) ** 2 for u in us]
dout = [(ys[t] - ds[t]) * ys[t] * (1 - ys[t]) for t in range(T)]   # line 34: dE/dy_t g'(v_t)
# line 34 check: dE/dv_t by FD through c is not local; check dE/dv_T (last step, purely local)
row("L34 delta_out,t = dE/dy_t g'(v_t) (last step, FD)", ok(dout[-1] @ Wout * fprime[-1], delta_true[-1]))
# line 35: delta_t = delta_out,t {W_out f'(u_t)}  (row-vector reading)
l35 = [dout[t] @ Wout * fprime[t] for t in range(T)]
row("L35 delta_t = delta_out,t W_out f'(u_t), t=T (last)", ok(l35[-1], delta_true[-1]))
row("L35 delta_t = delta_out,t W_out f'(u_t), t<T", all(ok(l35[t], delta_true[t]) for t in range(T - 1)))
# line 36: delta_{t-1} = delta_t {W f'(u_{t-1})} using the TRUE delta_t
l36 = [delta_true[t] @ Wr * fprime[t - 1] for t in range(1, T)]
row("L36 delta_{t-1} = delta_t W f'(u_{t-1})", all(ok(l36[t - 1], delta_true[t - 1]) for t in range(1, T)))
full = [delta_true[t] @ Wr * fprime[t - 1] + dout[t - 1] @ Wout * fprime[t - 1] for t in range(1, T)]
row("   (sum of both terms, as the code does)", all(ok(full[t - 1], delta_true[t - 1]) for t in range(1, T)))
# lines 26-28: sum_t delta_t x_t  as written is not an H x D matrix
try:
    np.dot(delta_true[0], xs[0]); shape_ok = True
except ValueError:
    shape_ok = False
row("L26 dE/dW_in = sum_t delta_t x_t (as written, shapes)", shape_ok)
row("    outer product sum_t delta_t^T x_t^T vs FD", ok(sum(np.outer(delta_true[t], xs[t]) for t in range(T)), fd_param('Win')))
row("L27 outer product sum_t delta_out,t^T z_t^T vs FD", ok(sum(np.outer(dout[t], zs[t + 1]) for t in range(T)), fd_param('Wout')))
row("L28 outer product sum_t delta_t^T z_{t-1}^T vs FD", ok(sum(np.outer(delta_true[t], zs[t]) for t in range(T)), fd_param('Wr')))
row("L29 dE/db = sum_t delta_t", ok(sum(delta_true), fd_param('b')))
row("L30 dE/dc = sum_t delta_out,t", ok(sum(dout), fd_param('c')))

# ---------------- Part B: the code ----------------
def sigmoid(x): return 1 / (1 + np.exp(-x))
def d_sigmoid(x): return (1.0 - sigmoid(x)) * sigmoid(x)
def relu(x): return np.maximum(0, x)
def d_relu(x): return np.where(x > 0, 1, 0)
def mse(d, y): return np.mean(np.square(d - y)) / 2
def d_mse(d, y): return (y - d) / d.shape[0]
def d_tanh(x): return 1 / (np.cosh(x) ** 2)   # line 59

row("L59 d_tanh = 1/cosh^2 vs FD of tanh", ok(d_tanh(0.3), (np.tanh(0.3 + eps) - np.tanh(0.3 - eps)) / (2 * eps)))

bd, IN, HID, OUT = 8, 2, 16, 1
a_bin = rng.integers(0, 2, bd); b_bin = rng.integers(0, 2, bd); d_bin = rng.integers(0, 2, bd)

def run(W_in, W, W_out, act, dact, fix_out=False):
    u = np.zeros((HID, bd + 1)); z = np.zeros((HID, bd + 1)); y = np.zeros((OUT, bd))
    delta_out = np.zeros((OUT, bd)); delta = np.zeros((HID, bd + 1)); all_loss = 0
    for t in range(bd):
        X = np.array([a_bin[-t - 1], b_bin[-t - 1]]).reshape(1, -1)
        dd = np.array([d_bin[bd - t - 1]])
        u[:, t + 1] = np.dot(X, W_in) + np.dot(z[:, t].reshape(1, -1), W)
        z[:, t + 1] = act(u[:, t + 1])
        y[:, t] = sigmoid(np.dot(z[:, t + 1].reshape(1, -1), W_out))
        loss = mse(dd, y[:, t])
        if fix_out:
            delta_out[:, t] = d_mse(dd, y[:, t]) * y[:, t] * (1 - y[:, t])
        else:
            delta_out[:, t] = d_mse(dd, y[:, t]) * d_sigmoid(y[:, t])     # line 159 as written
        all_loss += loss
    gi, g, go = np.zeros_like(W_in), np.zeros_like(W), np.zeros_like(W_out)
    for t in range(bd)[::-1]:
        X = np.array([a_bin[-t - 1], b_bin[-t - 1]]).reshape(1, -1)
        delta[:, t] = (np.dot(delta[:, t + 1].T, W.T) + np.dot(delta_out[:, t].T, W_out.T)) * dact(u[:, t + 1])
        go += np.dot(z[:, t + 1].reshape(-1, 1), delta_out[:, t].reshape(-1, 1))
        g += np.dot(z[:, t].reshape(-1, 1), delta[:, t].reshape(1, -1))
        gi += np.dot(X.T, delta[:, t].reshape(1, -1))
    return all_loss, gi, g, go

for name, act, dact in [("tanh", np.tanh, d_tanh), ("ReLU", relu, d_relu), ("sigmoid", sigmoid, d_sigmoid)]:
    W_in = rng.normal(size=(IN, HID)) / np.sqrt(IN)
    W = rng.normal(size=(HID, HID)) / np.sqrt(HID)
    W_out = rng.normal(size=(HID, OUT)) / np.sqrt(HID)
    def fd(M):
        G = np.zeros_like(M)
        for idx in np.ndindex(M.shape):
            old = M[idx]
            M[idx] = old + eps; Ep = run(W_in, W, W_out, act, dact)[0]
            M[idx] = old - eps; Em = run(W_in, W, W_out, act, dact)[0]
            M[idx] = old; G[idx] = (Ep - Em) / (2 * eps)
        return G
    fi, fw, fo = fd(W_in), fd(W), fd(W_out)
    _, gi, g, go = run(W_in, W, W_out, act, dact)
    print(f"-- code, hidden activation {name}")
    row("  L159 author's delta_out -> W_out_grad vs FD", ok(go, fo))
    row("  L159 author's delta_out -> W_grad vs FD", ok(g, fw))
    row("  L159 author's delta_out -> W_in_grad vs FD", ok(gi, fi))
    _, gi, g, go = run(W_in, W, W_out, act, dact, fix_out=True)
    row("  with y*(1-y): L172 W_out_grad vs FD", ok(go, fo))
    row("  with y*(1-y): L169+L173 W_grad vs FD", ok(g, fw))
    row("  with y*(1-y): L169+L174 W_in_grad vs FD", ok(gi, fi))
