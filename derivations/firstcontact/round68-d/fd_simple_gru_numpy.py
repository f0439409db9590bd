# Finite-difference check of simple_gru_numpy.py (numpy only).
# Loss used for the check: L = 1/2 sum_t ||y_t - target_t||^2 (the loss whose dL/dy_t is the author's dy = y - target).
import numpy as np
rng = np.random.default_rng(1)
I, H, O, T = 4, 3, 2, 5
P = {k: rng.normal(size=s) * 0.7 for k, s in dict(W_z=(H, I), U_z=(H, H), b_z=(H, 1), W_r=(H, I), U_r=(H, H), b_r=(H, 1),
                                                W_h=(H, I), U_h=(H, H), b_h=(H, 1), W_y=(O, H), b_y=(O, 1)).items()}
xs = [rng.normal(size=I) for _ in range(T)]; tg = [rng.normal(size=O) for _ in range(T)]
sig = lambda a: 1 / (1 + np.exp(-a))

def forward(P):  # author's forward, lines 50-70
    h_prev = np.zeros((H, 1)); hl, zl, rl, htl, yl, hs = [], [], [], [], [], []
    for t in range(T):
        x = xs[t].reshape(-1, 1)
        z = sig(P['W_z'] @ x + P['U_z'] @ h_prev + P['b_z'])
        r = sig(P['W_r'] @ x + P['U_r'] @ h_prev + P['b_r'])
        ht = np.tanh(P['W_h'] @ x + P['U_h'] @ (r * h_prev) + P['b_h'])
        h = (1 - z) * h_prev + z * ht
        y = P['W_y'] @ h + P['b_y']
        hl.append(h_prev); zl.append(z); rl.append(r); htl.append(ht); yl.append(y); hs.append(h); h_prev = h
    return yl, hl, zl, rl, htl, hs

def loss(P):
    yl = forward(P)[0]
    return 0.5 * sum(np.sum((yl[t] - tg[t].reshape(-1, 1)) ** 2) for t in range(T))

def author_backward(P, fix_Wy=False, fix_dhnext=False):  # lines 103-135 as written (optionally with one fix)
    yl, hl, zl, rl, htl, hs = forward(P)
    G = {k: np.zeros_like(v) for k, v in P.items()}; dh_next = np.zeros((H, 1)); rec = {}
    for t in reversed(range(T)):
        x = xs[t].reshape(-1, 1); y = yl[t]; h_prev = hl[t]; z = zl[t]; r = rl[t]; ht = htl[t]
        dy = y - tg[t].reshape(-1, 1)
        G['W_y'] += dy @ (hs[t] if fix_Wy else h_prev).T
        G['b_y'] += dy
        dh = P['W_y'].T @ dy + dh_next
        dh_prev = dh * (1 - z); dh_tilde = dh * z
        dh_tanh = dh_tilde * (1 - ht ** 2)
        G['W_h'] += dh_tanh @ x.T; G['U_h'] += dh_tanh @ (r * h_prev).T; G['b_h'] += dh_tanh
        dr = (P['U_h'].T @ dh_tanh) * h_prev; dr_s = dr * r * (1 - r)
        G['W_r'] += dr_s @ x.T; G['U_r'] += dr_s @ h_prev.T; G['b_r'] += dr_s
        dz = dh * (ht - h_prev); dz_s = dz * z * (1 - z)
        G['W_z'] += dz_s @ x.T; G['U_z'] += dz_s @ h_prev.T; G['b_z'] += dz_s
        dh_next = dh_prev + P['U_z'].T @ dz_s + P['U_r'].T @ dr_s
        if fix_dhnext: dh_next = dh_next + (P['U_h'].T @ dh_tanh) * r
        rec[t] = dict(dh=dh, dh_next=dh_next)
    return G, rec

def num_grad(P):
    G = {}
    for k, v in P.items():
        g = np.zeros_like(v)
        for idx in np.ndindex(v.shape):
            Pp = {kk: vv.copy() for kk, vv in P.items()}; Pm = {kk: vv.copy() for kk, vv in P.items()}
            Pp[k][idx] += 1e-6; Pm[k][idx] -= 1e-6
            g[idx] = (loss(Pp) - loss(Pm)) / 2e-6
        G[k] = g
    return G

N = num_grad(P)
def report(tag, G):
    for k in P:
        err = np.abs(G[k] - N[k]).max()
        print(f"  {tag:32s} {k:4s} max err {err:.2e} ->", "AGREE" if err < 1e-6 else "DISAGREE")

print("author's backward as written:"); report("as written", author_backward(P)[0])
print("with only line 104 fixed (h_t instead of h_prev):"); report("fix 104", author_backward(P, fix_Wy=True)[0])
print("with lines 104 and 135 fixed (add (U_h^T dh_tanh) * r to dh_next):"); report("fix 104+135", author_backward(P, fix_Wy=True, fix_dhnext=True)[0])

# Per-step check of line 135: author's dh_next vs the true dL/dh_{t-1} through step t only (FD on h_{t-1} feeding step t)
yl, hl, zl, rl, htl, hs = forward(P)
_, rec = author_backward(P, fix_Wy=True, fix_dhnext=True)
t = 3
def step(hp):  # h_t as a function of h_{t-1}
    x = xs[t].reshape(-1, 1)
    z = sig(P['W_z'] @ x + P['U_z'] @ hp + P['b_z']); r = sig(P['W_r'] @ x + P['U_r'] @ hp + P['b_r'])
    ht = np.tanh(P['W_h'] @ x + P['U_h'] @ (r * hp) + P['b_h'])
    return (1 - z) * hp + z * ht
dh_t = rec[t]['dh']
Jn = np.zeros((H, H))
for j in range(H):
    e = np.zeros((H, 1)); e[j] = 1e-6
    Jn[:, j] = ((step(hl[t] + e) - step(hl[t] - e)) / 2e-6).ravel()
true_dhprev = Jn.T @ dh_t
z, r, ht, hp = zl[t], rl[t], htl[t], hl[t]
dh_tanh = dh_t * z * (1 - ht ** 2); dr_s = ((P['U_h'].T @ dh_tanh) * hp) * r * (1 - r); dz_s = dh_t * (ht - hp) * z * (1 - z)
line135 = dh_t * (1 - z) + P['U_z'].T @ dz_s + P['U_r'].T @ dr_s
print(f"line 135 dh_next (one step, given the right dh): max err {np.abs(line135 - true_dhprev).max():.2e} ->", "AGREE" if np.allclose(line135, true_dhprev, atol=1e-7) else "DISAGREE")
print(f"line 135 + missing (U_h^T dh_tanh)*r term:       max err {np.abs(line135 + (P['U_h'].T @ dh_tanh) * r - true_dhprev).max():.2e}")
# line 111 / 112 / 128 / 121 are partials; check via the completed one-step Jacobian above (AGREE after the missing term is added)
