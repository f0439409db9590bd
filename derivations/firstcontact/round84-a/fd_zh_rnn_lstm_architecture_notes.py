# FD check of zh_rnn_lstm_architecture_notes.md (RNN Jacobians, BPTT sum, LSTM cell-path Jacobian). numpy only.
import numpy as np
rng = np.random.default_rng(2)
sig = lambda z: 1/(1+np.exp(-z))
H, D, T = 4, 3, 6
Whh = rng.normal(0, 0.6, (H, H)); Wxh = rng.normal(0, 0.8, (H, D)); bh = rng.normal(0, 0.3, H)
Why = rng.normal(size=(2, H)); by = rng.normal(size=2)
xs = rng.normal(size=(T+1, D)); ys = rng.normal(size=(T+1, 2))

def jac(f, v, eps=1e-6):
    n = v.size; out = f(v).size; J = np.zeros((out, n))
    for j in range(n):
        e = np.zeros(n); e[j] = eps
        J[:, j] = (f(v+e) - f(v-e)).ravel()/(2*eps)
    return J

def roll(h, k0, k1, Whh=Whh):
    for k in range(k0+1, k1+1):
        h = np.tanh(Whh@h + Wxh@xs[k] + bh)          # line 10
    return h

# line 30: one-step Jacobian
hp = rng.normal(size=H)*0.5; ht = roll(hp, 0, 1)
J30 = np.diag(1-ht**2) @ Whh
print("line 30 dh_t/dh_{t-1} = diag(1-h_t^2) W_hh:", "PASS" if np.allclose(J30, jac(lambda h: roll(h, 0, 1), hp), atol=1e-7) else "FAIL")

# line 34: multi-step product
k, t = 1, T
hk = rng.normal(size=H)*0.5
h = hk; Js = []
for i in range(k+1, t+1):
    h = np.tanh(Whh@h + Wxh@xs[i] + bh); Js.append(np.diag(1-h**2)@Whh)
Jlater = np.eye(H)
for J in Js: Jlater = J@Jlater
Jinc = np.eye(H)
for J in Js: Jinc = Jinc@J
Jfd = jac(lambda v: roll(v, k, t), hk)
print("line 34 prod read as J_t...J_{k+1}:", "PASS" if np.allclose(Jlater, Jfd, atol=1e-7) else "FAIL")
print("   literal left-to-right J_{k+1}...J_t:", "PASS" if np.allclose(Jinc, Jfd, atol=1e-7) else "FAIL (only the later-on-the-left order is right; Pi notation leaves it implicit)")

# line 26: dL/dW_hh = sum_t dL_t/dW_hh  (L_t = 1/2||W_hy h_t + b_y - y_t||^2)
def Lt_list(W):
    h = np.zeros(H); out = []
    for s in range(1, T+1):
        h = np.tanh(W@h + Wxh@xs[s] + bh)
        out.append(0.5*np.sum((Why@h + by - ys[s])**2))
    return np.array(out)
G_total = jac(lambda w: np.array([Lt_list(w.reshape(H, H)).sum()]), Whh.ravel())
G_sum = sum(jac(lambda w, s=s: np.array([Lt_list(w.reshape(H, H))[s]]), Whh.ravel()) for s in range(T))
print("line 26 dL/dW_hh = sum_t dL_t/dW_hh:", "PASS" if np.allclose(G_total, G_sum, atol=1e-6) else "FAIL")

# line 44: ||dh_t/dh_k|| vs lambda^(t-k) (heuristic, only the upper bound is exact)
lam = np.linalg.norm(Whh, 2)
print("line 44 heuristic: ||J|| = %.3g, lambda^(t-k) = %.3g, bound ||J|| <= lambda^(t-k):" % (np.linalg.norm(Jfd, 2), lam**(t-k)), np.linalg.norm(Jfd, 2) <= lam**(t-k)+1e-12)

# lines 81 / 89: LSTM cell path Jacobian (gates held fixed, i.e. h_{t-1} treated as a separate input)
Wf, Wi, Wc, Wo = [rng.normal(0, 0.8, (H, H+D)) for _ in range(4)]
def lstm_step(h, c, x, hold_h_for_gates=None):
    z = np.concatenate([hold_h_for_gates if hold_h_for_gates is not None else h, x])
    f, i, ct, o = sig(Wf@z), sig(Wi@z), np.tanh(Wc@z), sig(Wo@z)   # lines 54-66
    c2 = f*c + i*ct                                                # line 63/77
    return o*np.tanh(c2), c2, f                                    # line 69
h0, c0 = rng.normal(size=H)*0.5, rng.normal(size=H)
hs, cs, fs = [h0], [c0], [None]
for s in range(1, T+1):
    h1, c1, f1 = lstm_step(hs[-1], cs[-1], xs[s]); hs.append(h1); cs.append(c1); fs.append(f1)
# one step, gates fixed (partial along the cell path)
Jc = jac(lambda c: lstm_step(hs[2], c, xs[3], hold_h_for_gates=hs[2])[1], cs[2])
print("line 81 dc_t/dc_{t-1} = diag(f_t) (cell path, h_{t-1} held fixed):", "PASS" if np.allclose(Jc, np.diag(fs[3]), atol=1e-7) else "FAIL")
# multi-step cell path: hold every h used by the gates at its forward value
def cell_path(c, k, t):
    for s in range(k+1, t+1):
        _, c, _ = lstm_step(hs[s-1], c, xs[s], hold_h_for_gates=hs[s-1])
    return c
Jck = jac(lambda c: cell_path(c, 1, T), cs[1])
print("line 89 dc_t/dc_k = prod f_i (cell path):", "PASS" if np.allclose(Jck, np.diag(np.prod(fs[2:T+1], axis=0)), atol=1e-7) else "FAIL")
# for information: total Jacobian when h_{s} = o_s tanh(c_s) is also propagated
def total(c, k, t):
    h = hs[k]; o_k = hs[k]/np.tanh(cs[k])  # recover o_k from the stored forward values
    h = o_k*np.tanh(c)
    for s in range(k+1, t+1):
        h, c, _ = lstm_step(h, c, xs[s])
    return c
Jtot = jac(lambda c: total(c, 1, T), cs[1])
print("   (info) total dc_T/dc_k incl. paths through h differs from prod f_i by", np.abs(Jtot - np.diag(np.prod(fs[2:T+1], axis=0))).max())
