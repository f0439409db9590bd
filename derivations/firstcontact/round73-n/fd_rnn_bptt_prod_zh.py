"""FD check of rnn_bptt_prod_zh.md. The BPTT block (lines 47-63) uses d2l's names W_qh, W_hh (and W_hz for d2l's W_hx);
it is judged under d2l's model: column vectors, h_t = W_hx x_t + W_hh h_{t-1} (no activation), O_t = W_qh h_t,
L = sum_t l(O_t, y_t) (here squared error), h_0 = 0."""
import numpy as np
rng = np.random.default_rng(1)
D, H, Q, T = 3, 4, 2, 5
Whx = rng.normal(size=(H, D))*.5; Whh = rng.normal(size=(H, H))*.5; Wqh = rng.normal(size=(Q, H))*.5
X = rng.normal(size=(T+1, D)); Y = rng.normal(size=(T+1, Q))   # index 1..T used

def loss(Whx, Whh, Wqh, ret=False):
    h = np.zeros((T+1, H)); O = np.zeros((T+1, Q)); L = 0.
    for t in range(1, T+1):
        h[t] = Whx@X[t] + Whh@h[t-1]; O[t] = Wqh@h[t]; L += 0.5*np.sum((O[t]-Y[t])**2)
    return (L, h, O) if ret else L

def num(f, W, e=1e-6):
    g = np.zeros_like(W)
    for idx in np.ndindex(W.shape):
        Wp = W.copy(); Wm = W.copy(); Wp[idx] += e; Wm[idx] -= e; g[idx] = (f(Wp)-f(Wm))/(2*e)
    return g

L, h, O = loss(Whx, Whh, Wqh, ret=True)
dO = {t: O[t]-Y[t] for t in range(1, T+1)}          # dL/dO_t
# true dL/dh_t by backward recursion
dh = {T: Wqh.T@dO[T]}
for t in range(T-1, 0, -1): dh[t] = Wqh.T@dO[t] + Whh.T@dh[t+1]

gWqh = sum(np.outer(dO[t], h[t]) for t in range(1, T+1))
print("line 47 dL/dW_qh = sum dL/dO_t h_t^T:", np.allclose(gWqh, num(lambda W: loss(Whx, Whh, W), Wqh), atol=1e-6))
print("line 51 dL/dh_T = W_qh^T dL/dO_T:", np.allclose(Wqh.T@dO[T], dh[T]))
mp = np.linalg.matrix_power
d2l = {t: sum(mp(Whh.T, T-i)@Wqh.T@dO[T+t-i] for i in range(t, T+1)) for t in range(1, T+1)}
print("d2l form sum_{i=t}^T (W_hh^T)^{T-i} W_qh^T dL/dO_{T+t-i} equals true dL/dh_t:",
      all(np.allclose(d2l[t], dh[t]) for t in range(1, T+1)))
bad = [(t, i, T+t-i) for t in range(1, T+1) for i in range(1, T+1) if not (1 <= T+t-i <= T)]
print("line 55 sum_{i=1}^T ...: needs dL/dO_k for k outside 1..T for", len(bad), "(t,i) pairs, e.g.", bad[:3],
      "-> not defined by the model (there is no O_k with k>T); the i<t terms are spurious")
# If those undefined terms were given any nonzero value the result differs; e.g. extend the output sequence by
# computing O_k for k>T with the same recursion (inputs/targets continued) -> extra terms:
hx = h.copy().tolist(); dOx = dict(dO)
Xe = rng.normal(size=(2*T+1, D)); Ye = rng.normal(size=(2*T+1, Q)); hk = h[T].copy()
for k in range(T+1, 2*T+1):
    hk = Whx@Xe[k] + Whh@hk; dOx[k] = Wqh@hk - Ye[k]
note = {t: sum(mp(Whh.T, T-i)@Wqh.T@dOx[T+t-i] for i in range(1, T+1)) for t in range(1, T+1)}
print("line 55 read with outputs beyond T: equals true dL/dh_t for t>1:", all(np.allclose(note[t], dh[t]) for t in range(2, T+1)))
gWhx = sum(np.outer(dh[t], X[t]) for t in range(1, T+1))
print("line 59 dL/dW_hz(=W_hx) = sum dL/dh_t x_t^T:", np.allclose(gWhx, num(lambda W: loss(W, Whh, Wqh), Whx), atol=1e-6))
gWhh = sum(np.outer(dh[t], h[t-1]) for t in range(1, T+1))
print("line 63 dL/dW_hh = sum dL/dh_t h_{t-1}^T:", np.allclose(gWhh, num(lambda W: loss(Whx, W, Wqh), Whh), atol=1e-6))
# If instead the tanh forward of line 26 were used, lines 59/63 (with dL/dh_t) miss phi':
def loss_tanh(Whh):
    hh = np.zeros(H); L = 0.
    for t in range(1, T+1):
        hh = np.tanh(Whx@X[t] + Whh@hh); L += 0.5*np.sum((Wqh@hh-Y[t])**2)
    return L
print("(info) under a tanh forward, d2l's linear-model W_hh formula would not hold; fd-tanh vs linear formula equal:",
      np.allclose(num(loss_tanh, Whh), gWhh))
