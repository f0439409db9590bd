# Finite-difference check of rnn_vi.py (author's forward/backward copied as written, numpy only).
import numpy as np

class RNN:
    def __init__(self, input_size, hidden_size, output_size, seed=42):
        rng = np.random.default_rng(seed)
        self.input_size, self.hidden_size, self.output_size = input_size, hidden_size, output_size
        self.W_hx = rng.normal(scale=0.5, size=(input_size, hidden_size))
        self.W_hh = rng.normal(scale=0.5, size=(hidden_size, hidden_size))
        self.W_qh = rng.normal(scale=0.5, size=(hidden_size, output_size))
        self.b_h = rng.normal(scale=0.1, size=hidden_size)
        self.b_q = rng.normal(scale=0.1, size=output_size)
    def forward(self, x_seq, h0=None):
        T = x_seq.shape[0]
        h_prev = np.zeros(self.hidden_size) if h0 is None else h0
        hs = [h_prev]; pre_acts = []; outputs = []
        for t in range(T):
            a_t = x_seq[t].dot(self.W_hx) + h_prev.dot(self.W_hh) + self.b_h   # line 31
            h_t = np.tanh(a_t)                                                  # line 32
            o_t = h_t.dot(self.W_qh) + self.b_q                                 # line 33
            pre_acts.append(a_t); outputs.append(o_t); hs.append(h_t)
            h_prev = h_t                                                        # line 38
        return np.vstack(outputs), {"x_seq": x_seq, "hs": hs, "pre_acts": pre_acts, "outputs": np.vstack(outputs)}
    def backward(self, cache, target):
        x_seq, hs, outputs = cache["x_seq"], cache["hs"], cache["outputs"]
        T = x_seq.shape[0]
        o_T = outputs[-1].reshape(-1)
        g = {k: np.zeros_like(getattr(self, k)) for k in ["W_hx", "W_hh", "W_qh", "b_h", "b_q"]}
        dL_do = o_T - target                                  # line 70
        g["W_qh"] += np.outer(hs[-1], dL_do)                  # line 71
        g["b_q"] += dL_do                                     # line 72
        d_next = dL_do.dot(self.W_qh.T)                       # line 74
        das = {}
        for t in reversed(range(T)):
            h_t = hs[t + 1]; h_prev = hs[t]; x_t = x_seq[t]
            dh = d_next                                       # line 82
            da = dh * (1.0 - h_t**2)                          # line 83
            das[t] = da
            g["W_hx"] += np.outer(x_t, da)                    # line 85
            g["W_hh"] += np.outer(h_prev, da)                 # line 86
            g["b_h"] += da                                    # line 87
            d_next = da.dot(self.W_hh.T)                      # line 89
        loss = 0.5 * np.mean((o_T - target) ** 2)             # line 91
        return loss, g, das, d_next

def sumloss(m, x, y, h0=None):
    out, _ = m.forward(x, h0)
    return 0.5 * np.sum((out[-1] - y) ** 2)

def fd(f, P, eps=1e-6):
    G = np.zeros_like(P)
    it = np.nditer(P, flags=["multi_index"])
    for _ in it:
        i = it.multi_index; old = P[i]
        P[i] = old + eps; fp = f()
        P[i] = old - eps; fm = f()
        P[i] = old; G[i] = (fp - fm) / (2 * eps)
    return G

rng = np.random.default_rng(0)
D, H, O, T = 3, 4, 2, 5
m = RNN(D, H, O)
x = rng.normal(size=(T, D)); y = rng.normal(size=O); h0 = rng.normal(size=H)
out, cache = m.forward(x, h0)
loss, g, das, dh0 = m.backward(cache, y)
ok = lambda a, b: np.allclose(a, b, rtol=1e-5, atol=1e-7)
for k in ["W_qh", "b_q", "W_hx", "W_hh", "b_h"]:
    num = fd(lambda: sumloss(m, x, y, h0), getattr(m, k))
    print(f"{k:5s} (lines 71/72/85/86/87 via 70,74,82,83,89): agree={ok(g[k], num)}  maxdiff={np.abs(g[k]-num).max():.2e}")
num_h0 = fd(lambda: sumloss(m, x, y, h0), h0)
print(f"dL/dh0 = final d_next (line 89 recursion): agree={ok(dh0, num_h0)}")
# line 83: da_t vs FD w.r.t. an additive perturbation of a_t
for t in [T - 1, 0]:
    def f_shift(delta, t=t):
        hp = h0; hs = []
        for s in range(T):
            a = x[s].dot(m.W_hx) + hp.dot(m.W_hh) + m.b_h + (delta if s == t else 0)
            hp = np.tanh(a)
        o = hp.dot(m.W_qh) + m.b_q
        return 0.5 * np.sum((o - y) ** 2)
    dl = np.zeros(H)
    num = fd(lambda: f_shift(dl), dl)
    print(f"da_{t} (line 83) = dL/da_t: agree={ok(das[t], num)}")
# line 70/91: gradient is that of 0.5*sum; the returned loss is 0.5*mean
print("line 91 loss (0.5*mean) =", loss, " 0.5*sum =", sumloss(m, x, y, h0), " (equal only when output_size == 1)")
m1 = RNN(D, H, 1); out1, c1 = m1.forward(x, h0); y1 = np.array([0.3])
l1, g1, _, _ = m1.backward(c1, y1)
num1 = fd(lambda: 0.5 * np.mean((m1.forward(x, h0)[0][-1] - y1) ** 2), m1.W_hh)
print(f"output_size=1: W_hh grad vs FD of the returned mean loss: agree={ok(g1['W_hh'], num1)}")
