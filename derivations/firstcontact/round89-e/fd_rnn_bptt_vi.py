# FD check of rnn_bptt_vi.md: linear RNN (phi_h = phi_o = identity, no biases, H_0 = 0), column vectors,
# H_t = Wxh X_t + Whh H_{t-1}, O_t = Who H_t, L = sum_t l(O_t, Y_t) with l = 1/2 ||O_t - Y_t||^2.
import numpy as np
rng = np.random.default_rng(0)
d, h, q, T = 3, 4, 2, 5
Wxh, Whh, Who = rng.normal(size=(h, d)), rng.normal(scale=.4, size=(h, h)), rng.normal(size=(q, h))
X = [rng.normal(size=(d, 1)) for _ in range(T)]; Y = [rng.normal(size=(q, 1)) for _ in range(T)]

def fwd(Wxh, Whh, Who, start=None, Hpert=None):
    H = [np.zeros((h, 1))]
    for t in range(1, T + 1):
        Ht = Wxh @ X[t-1] + Whh @ H[-1]
        if start == t: Ht = Ht + Hpert
        H.append(Ht)
    O = [None] + [Who @ H[t] for t in range(1, T + 1)]
    L = sum(0.5 * np.sum((O[t] - Y[t-1]) ** 2) for t in range(1, T + 1))
    return H, O, L

H, O, L = fwd(Wxh, Whh, Who)
dO = [None] + [O[t] - Y[t-1] for t in range(1, T + 1)]          # (4): dL/dO_t = dl/dO_t
def fdW(k):
    Ws = {'xh': Wxh, 'hh': Whh, 'ho': Who}; g = np.zeros_like(Ws[k]); e = 1e-6
    for idx in np.ndindex(g.shape):
        P = {kk: v.copy() for kk, v in Ws.items()}; P[k][idx] += e; lp = fwd(P['xh'], P['hh'], P['ho'])[2]
        P[k][idx] -= 2 * e; lm = fwd(P['xh'], P['hh'], P['ho'])[2]; g[idx] = (lp - lm) / (2 * e)
    return g
def fdH(t):
    g = np.zeros((h, 1)); e = 1e-6
    for j in range(h):
        E = np.zeros((h, 1)); E[j] = e
        g[j] = (fwd(Wxh, Whh, Who, t, E)[2] - fwd(Wxh, Whh, Who, t, -E)[2]) / (2 * e)
    return g
ok = lambda a, b: 'AGREE' if np.allclose(a, b, atol=1e-6) else 'DIFFER'

# line 16: L = sum_{i=1}^T l(O_t, Y_t) read literally (summand free of i) = T * l(O_t, Y_t) for some fixed t
lit = [T * 0.5 * np.sum((O[t] - Y[t-1]) ** 2) for t in range(1, T + 1)]
print("line 16 literal sum_i l(O_t,Y_t) = T*l_t equals sum_t l_t for any t:", any(np.isclose(v, L) for v in lit), "-> DIFFER")
print("line 32 dL/dWho = sum_t dL/dO_t H_t^T:", ok(sum(dO[t] @ H[t].T for t in range(1, T + 1)), fdW('ho')))
print("line 45 dL/dH_T = Who^T dL/dO_T:", ok(Who.T @ dO[T], fdH(T)))
dH = [None] * (T + 2); dH[T] = Who.T @ dO[T]
for t in range(T - 1, 0, -1): dH[t] = Who.T @ dO[t] + Whh.T @ dH[t + 1]
print("line 50 recursion dL/dH_t = Who^T dL/dO_t + Whh^T dL/dH_{t+1}:", all(ok(dH[t], fdH(t)) == 'AGREE' for t in range(1, T)) and 'AGREE')
closed = lambda t: sum(np.linalg.matrix_power(Whh.T, T - i) @ Who.T @ dO[T + t - i] for i in range(t, T + 1))
print("line 54 closed form (5):", 'AGREE' if all(np.allclose(closed(t), fdH(t), atol=1e-6) for t in range(1, T + 1)) else 'DIFFER')
print("line 61 dL/dWxh = sum_t dL/dH_t X_t^T:", ok(sum(dH[t] @ X[t-1].T for t in range(1, T + 1)), fdW('xh')))
print("line 64 dL/dWhh = sum_t dL/dH_t H_{t-1}^T:", ok(sum(dH[t] @ H[t-1].T for t in range(1, T + 1)), fdW('hh')))
