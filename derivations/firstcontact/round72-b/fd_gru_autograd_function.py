# Finite-difference check of gru_autograd_function.py (GRUCellFunction), numpy only.
# Row layout as in the source: input [B, D], hidden_state [B, H], w_ih [3H, D], w_hh [3H, H] (chunks r, z, n).
import numpy as np
rng = np.random.default_rng(0)
B, D, H = 3, 4, 5
sig = lambda a: 1 / (1 + np.exp(-a))

P = dict(x=rng.normal(size=(B, D)), h=rng.normal(size=(B, H)),
         w_ih=rng.normal(size=(3 * H, D)) * 0.7, w_hh=rng.normal(size=(3 * H, H)) * 0.7,
         b_ih=rng.normal(size=3 * H) * 0.5, b_hh=rng.normal(size=3 * H) * 0.5)
G = rng.normal(size=(B, H))   # L = sum(G * hy), so grad_hy = G

def fwd(p, pert=None):
    pert = pert or {}
    x, h = p['x'], p['h']
    w_ir, w_iz, w_in = np.split(p['w_ih'], 3, 0); w_hr, w_hz, w_hn = np.split(p['w_hh'], 3, 0)
    b_ir, b_iz, b_in = np.split(p['b_ih'], 3); b_hr, b_hz, b_hn = np.split(p['b_hh'], 3)
    ar = x @ w_ir.T + b_ir + h @ w_hr.T + b_hr + pert.get('ar', 0)
    r = sig(ar) + pert.get('r', 0)                                   # line 45
    az = x @ w_iz.T + b_iz + h @ w_hz.T + b_hz + pert.get('az', 0)
    z = sig(az) + pert.get('z', 0)                                   # line 50
    an = x @ w_in.T + b_in + r * (h @ w_hn.T + b_hn) + pert.get('an', 0)
    n = np.tanh(an) + pert.get('n', 0)                               # line 55
    hy = (1 - z) * n + z * h                                          # line 60
    return hy, dict(r=r, z=z, n=n)

def loss(p, pert=None): return np.sum(G * fwd(p, pert)[0])

def fd_param(name, eps=1e-6):
    g = np.zeros_like(P[name])
    for idx in np.ndindex(P[name].shape):
        q = {k: v.copy() for k, v in P.items()}; q[name][idx] += eps; lp = loss(q)
        q[name][idx] -= 2 * eps; lm = loss(q); g[idx] = (lp - lm) / (2 * eps)
    return g

def fd_inter(key, eps=1e-6):
    g = np.zeros((B, H))
    for idx in np.ndindex(B, H):
        e = np.zeros((B, H)); e[idx] = eps
        g[idx] = (loss(P, {key: e}) - loss(P, {key: -e})) / (2 * eps)
    return g

# ---- author's backward, as written (lines 75-130) ----
x, h = P['x'], P['h']
w_ir, w_iz, w_in = np.split(P['w_ih'], 3, 0); w_hr, w_hz, w_hn = np.split(P['w_hh'], 3, 0)
b_hn = np.split(P['b_hh'], 3)[2]
_, c = fwd(P); reset_gate, update_gate, n = c['r'], c['z'], c['n']
grad_hy = G
d_update_gate_75 = (h - n) * grad_hy
d_update_gate = d_update_gate_75 * update_gate * (1 - update_gate)
d_n = (1 - update_gate) * grad_hy
d_n_tanh = d_n * (1 - n ** 2)
hidden_w_hn = h @ w_hn.T + b_hn
d_reset_gate_84 = d_n_tanh * hidden_w_hn
d_reset_gate = d_reset_gate_84 * reset_gate * (1 - reset_gate)
d_input = d_reset_gate @ w_ir + d_update_gate @ w_iz + d_n_tanh @ w_in
d_hidden_state = grad_hy * update_gate + d_reset_gate @ w_hr + d_update_gate @ w_hz + reset_gate * (d_n_tanh @ w_hn)
grad_w_ih = np.concatenate([d_reset_gate.T @ x, d_update_gate.T @ x, d_n_tanh.T @ x], 0)
grad_w_hh = np.concatenate([d_reset_gate.T @ h, d_update_gate.T @ h, (d_n_tanh * reset_gate).T @ h], 0)
grad_b_ih = np.concatenate([d_reset_gate.sum(0), d_update_gate.sum(0), d_n_tanh.sum(0)])
grad_b_hh = np.concatenate([d_reset_gate.sum(0), d_update_gate.sum(0), (d_n_tanh * reset_gate).sum(0)])

fdw_ih, fdw_hh, fdb_ih, fdb_hh = fd_param('w_ih'), fd_param('w_hh'), fd_param('b_ih'), fd_param('b_hh')
rows = [
    (75, 'dL/dz = (h - n)*grad_hy', d_update_gate_75, fd_inter('z')),
    (76, 'dL/d(pre-z)', d_update_gate, fd_inter('az')),
    (79, 'dL/dn = (1-z)*grad_hy', d_n, fd_inter('n')),
    (80, 'dL/d(pre-n)', d_n_tanh, fd_inter('an')),
    (84, 'dL/dr = d_n_tanh*(h W_hn^T + b_hn)', d_reset_gate_84, fd_inter('r')),
    (85, 'dL/d(pre-r)', d_reset_gate, fd_inter('ar')),
    (88, 'd_input', d_input, fd_param('x')),
    (95, 'd_hidden_state (r applied after the matmul)', d_hidden_state, fd_param('h')),
    (106, 'grad_w_ir', grad_w_ih[:H], fdw_ih[:H]), (107, 'grad_w_iz', grad_w_ih[H:2*H], fdw_ih[H:2*H]),
    (108, 'grad_w_in', grad_w_ih[2*H:], fdw_ih[2*H:]), (109, 'grad_w_ih (cat)', grad_w_ih, fdw_ih),
    (112, 'grad_w_hr', grad_w_hh[:H], fdw_hh[:H]), (113, 'grad_w_hz', grad_w_hh[H:2*H], fdw_hh[H:2*H]),
    (114, 'grad_w_hn', grad_w_hh[2*H:], fdw_hh[2*H:]), (115, 'grad_w_hh (cat)', grad_w_hh, fdw_hh),
    (121, 'grad_b_ir', grad_b_ih[:H], fdb_ih[:H]), (122, 'grad_b_iz', grad_b_ih[H:2*H], fdb_ih[H:2*H]),
    (123, 'grad_b_in', grad_b_ih[2*H:], fdb_ih[2*H:]), (124, 'grad_b_ih (cat)', grad_b_ih, fdb_ih),
    (127, 'grad_b_hr', grad_b_hh[:H], fdb_hh[:H]), (128, 'grad_b_hz', grad_b_hh[H:2*H], fdb_hh[H:2*H]),
    (129, 'grad_b_hn', grad_b_hh[2*H:], fdb_hh[2*H:]), (130, 'grad_b_hh (cat)', grad_b_hh, fdb_hh),
]
for line, name, a, f in rows:
    err = np.max(np.abs(a - f)) / (np.max(np.abs(f)) + 1e-12)
    print(f"line {line:4d} {name:48s} rel.err {err:.2e}  {'AGREES' if err < 1e-6 else 'DISAGREES'}")
# corrected form of line 95 for comparison
fixed = grad_hy * update_gate + d_reset_gate @ w_hr + d_update_gate @ w_hz + (reset_gate * d_n_tanh) @ w_hn
err = np.max(np.abs(fixed - fd_param('h'))) / np.max(np.abs(fd_param('h')))
print(f"(line 95 with (reset_gate * d_n_tanh) @ w_hn instead: rel.err {err:.2e})")
