# Finite-difference check of the GRU backward formulas in gru_go1denjian_zh.md
# (column vectors, forward of section 2.1 / code lines 97-109, output y = W_hy h + b_y).
import numpy as np
rng = np.random.default_rng(0)
D, H, O = 3, 4, 5
P = {k: rng.normal(size=s) * 0.7 for k, s in dict(
    W_xr=(H, D), W_hr=(H, H), b_r=(H, 1), W_xz=(H, D), W_hz=(H, H), b_z=(H, 1),
    W_xh=(H, D), W_hh=(H, H), b_h=(H, 1), W_hy=(O, H), b_y=(O, 1)).items()}
sig = lambda a: 1 / (1 + np.exp(-a))
x1, x2 = rng.normal(size=(D, 1)), rng.normal(size=(D, 1))
h0 = rng.normal(size=(H, 1)) * 0.5
tgt1, tgt2 = 1, 3
c = rng.normal(size=(H, 1))          # stands for dh_next coming from the future

def cell(x, hp, P, ov=None):
    ov = ov or {}
    r = ov.get('r', sig(P['W_xr'] @ x + P['W_hr'] @ hp + P['b_r']))
    z = ov.get('z', sig(P['W_xz'] @ x + P['W_hz'] @ hp + P['b_z']))
    a = P['W_xh'] @ x + P['W_hh'] @ (r * hp) + P['b_h'] + ov.get('da', 0)
    ht = ov.get('ht', np.tanh(a))
    h = (1 - z) * hp + z * ht
    y = P['W_hy'] @ h + P['b_y']
    return dict(r=r, z=z, ht=ht, h=h, y=y, a=a)

def ce(y, t):
    p = np.exp(y - y.max()); p /= p.sum(); return -np.log(p[t, 0]).item(), p

def loss1(P, ov=None, hp=h0):        # one step, L = CE(y_t) + c^T h_t
    s = cell(x1, hp, P, ov); l, _ = ce(s['y'], tgt1)
    return l + (c.T @ s["h"]).item()

def num_grad(f, X, eps=1e-6):
    g = np.zeros_like(X)
    for i in np.ndindex(X.shape):
        old = X[i]; X[i] = old + eps; fp = f(); X[i] = old - eps; fm = f(); X[i] = old
        g[i] = (fp - fm) / (2 * eps)
    return g

res = []
def rep(line, name, a, b):
    ok = np.allclose(a, b, atol=1e-6, rtol=1e-5)
    res.append((line, name, ok)); print(f"line {line:3d} {name:45s} {'AGREE' if ok else 'DIFFER'}  max|diff|={np.max(np.abs(a-b)):.2e}")

s = cell(x1, h0, P); _, p = ce(s['y'], tgt1)
r, z, ht, h = s['r'], s['z'], s['ht'], s['h']
dy = p.copy(); dy[tgt1] -= 1          # dL/dy for softmax + CE
dh_next = c
# --- author's code, as written ---
dW_hy = dy @ h0.T                     # line 118 (uses h_prev)
db_y = dy                             # line 119
dh = P['W_hy'].T @ dy + dh_next       # line 120
dz = dh * (ht - h0)                   # line 123
dh_tilde = dh * z                     # line 124
dh_prev = dh * (1 - z)                # line 125
dh_tilde_raw = dh_tilde * (1 - ht ** 2)   # line 128
dW_xh = dh_tilde_raw @ x1.T           # line 129
dW_hh = dh_tilde_raw @ (r * h0).T     # line 130

f = lambda: loss1(P)
rep(33, "dL_t/dW_hy = (yhat-y) h_t^T (markdown)", dy @ h.T, num_grad(f, P['W_hy']))
rep(118, "dW_hy = dy @ h_prev.T", dW_hy, num_grad(f, P['W_hy']))
rep(119, "db_y = dy", db_y, num_grad(f, P['b_y']))
hv = h.copy()
def f_h():
    l, _ = ce(P['W_hy'] @ hv + P['b_y'], tgt1); return l + (c.T @ hv).item()
rep(120, "dh = W_hy^T dy + dh_next", dh, num_grad(f_h, hv))
zv = z.copy(); rep(123, "dz = dh*(h_tilde-h_prev)  (dL/dz)", dz, num_grad(lambda: loss1(P, {'z': zv}), zv))
rep(55, "dL/dz_t = dL/dh_t (.) (h~ - h_{t-1}) (md)", dh * (ht - h0), num_grad(lambda: loss1(P, {'z': zv}), zv))
htv = ht.copy(); rep(124, "dh_tilde = dh*z  (dL/dh~)", dh_tilde, num_grad(lambda: loss1(P, {'ht': htv}), htv))
# direct path of h_prev only: hold r, z, h~ fixed
hpv = h0.copy()
rep(125, "dh_prev = dh*(1-z) (direct path, r,z,h~ fixed)", dh_prev,
    num_grad(lambda: loss1(P, {'r': r, 'z': z, 'ht': ht}, hp=hpv), hpv))
tot = num_grad(lambda: loss1(P, hp=hpv), hpv)
print(f"      (info) total dL/dh_prev vs dh*(1-z): max|diff|={np.max(np.abs(tot-dh_prev)):.2e} (other paths never added by the code)")
da = np.zeros((H, 1)); rep(128, "dh_tilde_raw = dh_tilde*(1-h~^2) (dL/da)", dh_tilde_raw, num_grad(lambda: loss1(P, {'da': da}), da))
rep(129, "dW_xh = dh_tilde_raw @ x.T", dW_xh, num_grad(f, P['W_xh']))
rep(130, "dW_hh = dh_tilde_raw @ (r*h_prev).T", dW_hh, num_grad(f, P['W_hh']))
# markdown eq 61: dL/dr_t
rv = r.copy(); g_r = num_grad(lambda: loss1(P, {'r': rv}), rv)
rep(61, "dL/dr = dL/dh~ (.) (W_hh^T h_{t-1}) (.) (1-tanh^2)", dh_tilde * (P['W_hh'].T @ h0) * (1 - ht**2), g_r)
print(f"      (info) correct form (W_hh^T dh_tilde_raw) (.) h_prev agrees: {np.allclose((P['W_hh'].T @ dh_tilde_raw) * h0, g_r, atol=1e-6)}")
# markdown eq 47: Jacobian dh_{t+1}/dh_t
def h_next_of(hv): return cell(x2, hv, P)['h']
J = np.zeros((H, H)); eps = 1e-6
for j in range(H):
    e = np.zeros((H, 1)); e[j] = eps
    J[:, j] = ((h_next_of(h + e) - h_next_of(h - e)) / (2 * eps)).ravel()
s2 = cell(x2, h, P)
Jht = np.zeros((H, H))
for j in range(H):
    e = np.zeros((H, 1)); e[j] = eps
    Jht[:, j] = ((cell(x2, h + e, P)['ht'] - cell(x2, h - e, P)['ht']) / (2 * eps)).ravel()
J_author = np.diag((1 - s2['z']).ravel()) + np.diag(s2['z'].ravel()) @ Jht
rep(47, "dh_{t+1}/dh_t = (1-z_{t+1}) + dh~_{t+1}/dh_t z_{t+1}", J_author, J)
Jz = np.zeros((H, H))
for j in range(H):
    e = np.zeros((H, 1)); e[j] = eps
    Jz[:, j] = ((cell(x2, h + e, P)['z'] - cell(x2, h - e, P)['z']) / (2 * eps)).ravel()
print(f"      (info) adding diag(h~_{{t+1}}-h_t) dz_{{t+1}}/dh_t fixes it: {np.allclose(J_author + np.diag((s2['ht']-h).ravel()) @ Jz, J, atol=1e-6)}")
# markdown eq 41: two-step loss L = CE(y1) + CE(y2); total dL/dh_1
def loss2(hv):
    l1, _ = ce(P['W_hy'] @ hv + P['b_y'], tgt1); s2_ = cell(x2, hv, P); l2, _ = ce(s2_['y'], tgt2); return l1 + l2
hv2 = h.copy(); g_h1 = num_grad(lambda: loss2(hv2), hv2)
_, p2 = ce(s2['y'], tgt2); dy2 = p2.copy(); dy2[tgt2] -= 1
dLdh2 = P['W_hy'].T @ dy2
rep(41, "dL/dh_t = W_hy^T(yhat-y) + J^T dL/dh_{t+1}", P['W_hy'].T @ dy + J.T @ dLdh2, g_h1)
# forward lines 10-25 / 97-109 are definitions: checked implicitly (cell() follows them)
print("\nfails confirmed:", [l for l, n, ok in res if not ok])
