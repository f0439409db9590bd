"""Numerical check of gru_gates_chapter_gradient_flow.md (numpy only; torch is not used).
Chapter convention (lines 32-34, 111-113): z = sig(W_z [h_prev, x] + b_z), r = sig(W_r [h_prev, x] + b_r),
h~ = tanh(W_h [r*h_prev, x] + b_h), h = (1 - z)*h_prev + z*h~ ; W_h^{(h)} is the block of W_h acting on
r*h_prev.  The code cells are transcribed to numpy (torch.sigmoid -> sig, @ -> @, .T -> .T).
For the cells that read the weights of a PyTorch nn.GRU / nn.GRUCell (lines 321-330, 604-608) the
reference is PyTorch's documented GRU cell:
  r = sig(W_ir x + b_ir + W_hr h + b_hr), z = sig(W_iz x + b_iz + W_hz h + b_hz),
  n = tanh(W_in x + b_in + r*(W_hn h + b_hn)), h' = (1 - z)*n + z*h,
with weight_ih = [W_ir; W_iz; W_in] and weight_hh = [W_hr; W_hz; W_hn] stacked along rows.
Jacobian lines (410, 418) are compared with central-difference Jacobians.
Prints OK when the line is mathematically right, MISMATCH when it is wrong."""
import json, os
import numpy as np
here = os.path.dirname(os.path.abspath(__file__)); F = "gru_gates_chapter_gradient_flow.md"
exp = json.load(open(os.path.join(here, "expected.json")))[F]
res = {}
def rep(line, ok, note=""):
    res[str(line)] = bool(ok); print(f"line {line}: {'OK' if ok else 'MISMATCH'} {note}")
rng = np.random.default_rng(2902); EPS = 1e-6
sig = lambda a: 1 / (1 + np.exp(-a))
close = lambda a, b: np.allclose(a, b, atol=1e-7, rtol=1e-6)
H, D = 4, 3
Wz = rng.normal(0, .7, (H, H + D)); Wr = rng.normal(0, .7, (H, H + D)); Wh = rng.normal(0, .7, (H, H + D))
bz, br, bh = rng.normal(0, .3, H), rng.normal(0, .3, H), rng.normal(0, .3, H)
x = rng.normal(size=D); hp = rng.normal(0, .8, H)
def cell(hp, x):
    z = sig(Wz @ np.concatenate([hp, x]) + bz)
    r = sig(Wr @ np.concatenate([hp, x]) + br)
    ht = np.tanh(Wh @ np.concatenate([r * hp, x]) + bh)
    return (1 - z) * hp + z * ht, z, r, ht
h, z, r, ht = cell(hp, x)
rep(32, close(z, sig(Wz[:, :H] @ hp + Wz[:, H:] @ x + bz)), "definition z_t")
rep(34, close(h, (1 - z) * hp + z * ht), "definition h_t (chapter convention: z weights the candidate)")
rep(79, True, "h_t = (1 - z_t)*h_prev + z_t*h_tilde, same interpolation as line 34")
rep(111, close(r, sig(Wr[:, :H] @ hp + Wr[:, H:] @ x + br)), "definition r_t")
rep(113, close(ht, np.tanh(Wh[:, :H] @ (r * hp) + Wh[:, H:] @ x + bh)), "definition h~_t")
# gru_step_detailed (190-200): split form W_* x + U_* h equals the concatenated form
U_z, W_z = Wz[:, :H], Wz[:, H:]; U_r, W_r = Wr[:, :H], Wr[:, H:]; U_h, W_h = Wh[:, :H], Wh[:, H:]
z_t = sig(W_z @ x + U_z @ hp + bz); r_t = sig(W_r @ x + U_r @ hp + br)
h_tilde = np.tanh(W_h @ x + U_h @ (r_t * hp) + bh); h_t = (1 - z_t) * hp + z_t * h_tilde
rep(190, close(z_t, z), "z_t split form"); rep(193, close(r_t, r), "r_t split form")
rep(197, close(h_tilde, ht), "h_tilde: U_h @ (r_t * h_prev)"); rep(200, close(h_t, h), "h_t")
# compute_gru_step (236-239): bias-free candidate with given r, z
rr = sig(rng.normal(size=H)); zz = sig(rng.normal(size=H)); Wd = rng.normal(0, .1, (H, H + D))
h_reset = rr * hp; combined_reset = np.concatenate([h_reset, x])
h_til2 = np.tanh(Wd @ combined_reset); h_new = (1 - zz) * hp + zz * h_til2
rep(236, close(h_reset, rr * hp), "r*h_prev"); rep(237, combined_reset.shape == (H + D,), "[r*h_prev, x] (line 113 order)")
rep(238, close(h_til2, np.tanh(Wd[:, :H] @ (rr * hp) + Wd[:, H:] @ x)), "candidate, bias-free demo")
rep(239, close(h_new, (1 - zz) * hp + zz * h_til2), "interpolation")

# ---- PyTorch-weight cells ----
N = 2
W_ih = rng.normal(0, .6, (3 * H, D)); W_hh = rng.normal(0, .6, (3 * H, H))
b_ih = rng.normal(0, .3, 3 * H); b_hh = rng.normal(0, .3, 3 * H)
W_ir, W_iz, W_in = np.split(W_ih, 3, 0); W_hr, W_hz, W_hn = np.split(W_hh, 3, 0)
b_ir, b_iz, b_in = np.split(b_ih, 3); b_hr, b_hz, b_hn = np.split(b_hh, 3)
X = rng.normal(size=(N, D)); Hb = rng.normal(0, .8, (N, H))
def torch_ref(x, h):  # PyTorch nn.GRUCell documented equations, batch rows
    r = sig(x @ W_ir.T + b_ir + h @ W_hr.T + b_hr); z = sig(x @ W_iz.T + b_iz + h @ W_hz.T + b_hz)
    n = np.tanh(x @ W_in.T + b_in + r * (h @ W_hn.T + b_hn)); return r, z, n, (1 - z) * n + z * h
R, Z, Nn, Hn = torch_ref(X, Hb)
a_r = sig(X @ W_ir.T + Hb @ W_hr.T + b_ir + b_hr)
a_z = sig(X @ W_iz.T + Hb @ W_hz.T + b_iz + b_hz)
a_n = np.tanh(X @ W_in.T + (a_r * Hb) @ W_hn.T + b_in + b_hn)
a_h = (1 - a_z) * Hb + a_z * a_n
rep(321, close(a_r, R), "reset gate from nn.GRU weights")
rep(324, close(a_z, Z), "update gate from nn.GRU weights")
rep(327, close(a_n, Nn), f"candidate: max |author - torch| = {np.abs(a_n - Nn).max():.3f} (r must multiply W_hn h + b_hn)")
rep(330, close(a_h, Hn), f"new state: max |author - torch| = {np.abs(a_h - Hn).max():.3f} (torch: (1-z)*n + z*h)")
gi = X @ W_ih.T + b_ih; gh = Hb @ W_hh.T + b_hh; n_ = H
rep(604, close(gi, np.concatenate([X @ W_ir.T + b_ir, X @ W_iz.T + b_iz, X @ W_in.T + b_in], 1)), "gi = x W_ih^T + b_ih")
rep(605, close(gh, np.concatenate([Hb @ W_hr.T + b_hr, Hb @ W_hz.T + b_hz, Hb @ W_hn.T + b_hn], 1)), "gh = h W_hh^T + b_hh")
rep(607, close(sig(gi[:, :n_] + gh[:, :n_]), R), "r from the first block (PyTorch order r, z, n)")
rep(608, close(sig(gi[:, n_:2 * n_] + gh[:, n_:2 * n_]), Z), "z from the second block")

# ---- Jacobians ----
def jac(f, v):
    J = np.zeros((f(v).size, v.size))
    for j in range(v.size):
        e = np.zeros_like(v); e[j] = EPS; J[:, j] = (f(v + e) - f(v - e)) / (2 * EPS)
    return J
J_h = jac(lambda q: cell(q, x)[0], hp)
J_ht = jac(lambda q: cell(q, x)[3], hp)
author410 = np.diag(1 - z) + z[:, None] * J_ht          # uses the TRUE dh~/dh_prev (local judgement)
rep(410, close(author410, J_h), f"max |author - FD| = {np.abs(author410 - J_h).max():.3f} (missing path through z_t)")
hder = 1 - ht ** 2
author418 = np.diag(hder) @ Wh[:, :H] @ np.diag(r)
rep(418, close(author418, J_ht), f"max |author - FD| = {np.abs(author418 - J_ht).max():.3f} (missing path through r_t)")
a = Wh @ np.concatenate([r * hp, x]) + bh
rep(420, close((np.tanh(a + EPS) - np.tanh(a - EPS)) / (2 * EPS), 1 - ht ** 2), "tanh' = 1 - h~^2")
# line 442: product of the direct-path factors (1 - z) equals the product of the diag(1 - z) terms
zs = np.clip(0.2 + 0.1 * rng.normal(size=6), .05, .95); g = 1.0
for zz_ in zs: g *= (1 - zz_)
Jd = np.eye(1)
for zz_ in zs: Jd = Jd @ np.diag([1 - zz_])
rep(442, close(g, Jd[0, 0]), "direct-path product prod (1 - z)")
rep(534, close((1 - .3) * 1.0 + .3 * 2.0, 1.3), "convex combination with the chapter's z convention")
rep(706, True, "summary row r_t = sig(W_r[h_{t-1}, x_t] + b_r), same as line 111")
rep(707, True, "summary row z_t = sig(W_z[h_{t-1}, x_t] + b_z), same as line 32")
agree = all(res[k] == (exp[k]["expected"] == "pass") for k in exp) and set(res) == set(exp)
print("ALL VERDICTS AGREE WITH expected.json" if agree else "DISAGREEMENT WITH expected.json")
