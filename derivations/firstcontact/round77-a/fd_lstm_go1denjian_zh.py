# Finite-difference check of the LSTM backward formulas in lstm_go1denjian_zh.md
# (column vectors, forward of section 2 / code lines 123-141, y = W_hy h + b_y).
import numpy as np
rng = np.random.default_rng(1)
D, H, O = 3, 4, 5
P = {k: rng.normal(size=s) * 0.7 for k, s in dict(
    W_xf=(H, D), W_hf=(H, H), b_f=(H, 1), W_xi=(H, D), W_hi=(H, H), b_i=(H, 1),
    W_xC=(H, D), W_hC=(H, H), b_C=(H, 1), W_xo=(H, D), W_ho=(H, H), b_o=(H, 1),
    W_hy=(O, H), b_y=(O, 1)).items()}
sig = lambda a: 1 / (1 + np.exp(-a))
x1, x2 = rng.normal(size=(D, 1)), rng.normal(size=(D, 1))
h0, C0 = rng.normal(size=(H, 1)) * 0.5, rng.normal(size=(H, 1))
t1, t2 = 1, 3
ch, cC = rng.normal(size=(H, 1)), rng.normal(size=(H, 1))   # stand for dh_next, dC_next

def cell(x, hp, Cp, P, ov=None):
    ov = ov or {}
    f = ov.get('f', sig(P['W_xf'] @ x + P['W_hf'] @ hp + P['b_f']))
    i = ov.get('i', sig(P['W_xi'] @ x + P['W_hi'] @ hp + P['b_i']))
    Ct = ov.get('Ct', np.tanh(P['W_xC'] @ x + P['W_hC'] @ hp + P['b_C']))
    C = ov.get('C', f * Cp + i * Ct)
    o = ov.get('o', sig(P['W_xo'] @ x + P['W_ho'] @ hp + P['b_o']))
    h = o * np.tanh(C)
    y = P['W_hy'] @ h + P['b_y']
    return dict(f=f, i=i, Ct=Ct, C=C, o=o, h=h, y=y)

def ce(y, t):
    p = np.exp(y - y.max()); p /= p.sum(); return -np.log(p[t, 0]).item(), p

def loss1(P, ov=None, Cp=C0):   # L = CE(y_t) + ch^T h_t + cC^T C_t  (future terms linearised)
    s = cell(x1, h0, Cp, P, ov); l, _ = ce(s['y'], t1)
    return l + (ch.T @ s['h']).item() + (cC.T @ s['C']).item()

def num_grad(fn, X, eps=1e-6):
    g = np.zeros_like(X)
    for k in np.ndindex(X.shape):
        old = X[k]; X[k] = old + eps; fp = fn(); X[k] = old - eps; fm = fn(); X[k] = old
        g[k] = (fp - fm) / (2 * eps)
    return g

res = []
def rep(line, name, a, b):
    ok = np.allclose(a, b, atol=1e-6, rtol=1e-5)
    res.append((line, ok)); print(f"line {line:3d} {name:52s} {'AGREE' if ok else 'DIFFER'}  max|diff|={np.max(np.abs(a-b)):.2e}")

s = cell(x1, h0, C0, P); _, p = ce(s['y'], t1)
f, i, o, Ct, C, h = s['f'], s['i'], s['o'], s['Ct'], s['C'], s['h']
dy = p.copy(); dy[t1] -= 1
dh_next, dC_next = ch, cC
# --- author's code as written ---
dW_hy = dy @ h0.T                                   # 150
db_y = dy                                           # 151
dh = P['W_hy'].T @ dy + dh_next                     # 152
do = dh * np.tanh(C0)                               # 155
dC = dh * o * (1 - np.tanh(C0) ** 2) + dC_next      # 158
dC_true = dh * o * (1 - np.tanh(C) ** 2) + dC_next
fn = lambda: loss1(P)
rep(150, "dW_hy = dy @ h_prev.T", dW_hy, num_grad(fn, P['W_hy']))
rep(151, "db_y = dy", db_y, num_grad(fn, P['b_y']))
hv = h.copy()
def f_h():
    l, _ = ce(P['W_hy'] @ hv + P['b_y'], t1); return l + (ch.T @ hv).item()
rep(152, "dh = W_hy^T dy + dh_next", dh, num_grad(f_h, hv))
ov_ = o.copy(); g_o = num_grad(lambda: loss1(P, {'o': ov_}), ov_)
rep(155, "do = dh*tanh(C_prev)  (dL/do)", do, g_o)
print(f"      (info) dh*tanh(C_t) agrees: {np.allclose(dh*np.tanh(C), g_o, atol=1e-6)}")
Cv = C.copy(); g_C = num_grad(lambda: loss1(P, {'C': Cv}), Cv)
rep(158, "dC = dh*o*(1-tanh(C_prev)^2) + dC_next (dL/dC_t)", dC, g_C)
rep(57, "dL/dC_t = dL/dh_t o (1-tanh^2 C_t) + dL/dC_{t+1} f_{t+1}", dC_true, g_C)
fv = f.copy(); g_f = num_grad(lambda: loss1(P, {'f': fv}), fv)
rep(161, "df = dC*C_prev  (with correct dC)", dC_true * C0, g_f)
rep(76, "dL/df_t = dL/dC_t (.) C_{t-1}", dC_true * C0, g_f)
print(f"      (info) with the author's dC value df is off by {np.max(np.abs(dC*C0-g_f)):.2e} (inherited from line 158)")
iv = i.copy(); g_i = num_grad(lambda: loss1(P, {'i': iv}), iv)
rep(162, "di = dC*C_tilde (with correct dC)", dC_true * Ct, g_i)
rep(82, "dL/di_t = dL/dC_t (.) C~_t", dC_true * Ct, g_i)
Ctv = Ct.copy(); g_Ct = num_grad(lambda: loss1(P, {'Ct': Ctv}), Ctv)
rep(163, "dC_tilde = dC*i (with correct dC)", dC_true * i, g_Ct)
# 51/69: dC_t/dC_{t-1} = f_t (direct dependence; gates depend on h_{t-1}, not C_{t-1})
J = np.zeros((H, H)); eps = 1e-6
for j in range(H):
    e = np.zeros((H, 1)); e[j] = eps
    J[:, j] = ((cell(x1, h0, C0 + e, P)['C'] - cell(x1, h0, C0 - e, P)['C']) / (2 * eps)).ravel()
rep(51, "dC_t/dC_{t-1} = f_t (diag)", np.diag(f.ravel()), J)
# 57 with a real two-step loss: C_1 reaches L through h_1 and C_2
s1 = s
def loss2(Cv1):
    h1 = o * np.tanh(Cv1); l1, _ = ce(P['W_hy'] @ h1 + P['b_y'], t1)
    s2 = cell(x2, h1, Cv1, P); l2, _ = ce(s2['y'], t2); return l1 + l2
Cv1 = C.copy(); gC1 = num_grad(lambda: loss2(Cv1), Cv1)
s2 = cell(x2, h, C, P); _, p2 = ce(s2['y'], t2); dy2 = p2.copy(); dy2[t2] -= 1
dh2 = P['W_hy'].T @ dy2; dC2 = dh2 * s2['o'] * (1 - np.tanh(s2['C'])**2)
# total dL/dh_1 (through y_1 and through all gates of step 2), by FD
def lossh(hv1):
    l1, _ = ce(P['W_hy'] @ hv1 + P['b_y'], t1); s2_ = cell(x2, hv1, C, P); l2, _ = ce(s2_['y'], t2); return l1 + l2
hv1 = h.copy(); dLdh1 = num_grad(lambda: lossh(hv1), hv1)
rep(57, "same, two-step loss (dL/dh_t total, dL/dC_{t+1})", dLdh1 * o * (1 - np.tanh(C)**2) + dC2 * s2['f'], gC1)
# 68: plain RNN h_t = tanh(W_hh h_{t-1} + W_xh x_t + b)
Whh, Wxh, b = rng.normal(size=(H, H)), rng.normal(size=(H, D)), rng.normal(size=(H, 1))
hp = rng.normal(size=(H, 1)); rnn = lambda hv: np.tanh(Whh @ hv + Wxh @ x1 + b)
Jr = np.zeros((H, H))
for j in range(H):
    e = np.zeros((H, 1)); e[j] = eps; Jr[:, j] = ((rnn(hp + e) - rnn(hp - e)) / (2 * eps)).ravel()
rep(68, "RNN dh_t/dh_{t-1} = diag(1-tanh^2) W_hh", np.diag((1 - rnn(hp)**2).ravel()) @ Whh, Jr)
print("\nfails confirmed:", [l for l, ok in res if not ok])
