# Finite-difference check of gru_trace_zh.md (GRU, column vectors, softmax + cross-entropy at every step).
# Forward (lines 6-16): r=σ(U_r h+W_r x+b_r), z=σ(U_z h+W_z x+b_z), h~=tanh(U_h(r⊙h)+W_h x+b_h),
# h_t=(1-z)⊙h~+z⊙h_{t-1}, c=V h+b_c, ŷ=softmax(c); L=Σ_t -log ŷ_t[y_t]  (so ∂L/∂c_t = ŷ_t - y_t).
import numpy as np
rng = np.random.default_rng(0)
D, H, K, T = 3, 4, 5, 5
P = {n: rng.normal(0, 0.6, s) for n, s in
     dict(U_r=(H, H), W_r=(H, D), b_r=(H,), U_z=(H, H), W_z=(H, D), b_z=(H,),
          U_h=(H, H), W_h=(H, D), b_h=(H,), V=(K, H), b_c=(K,)).items()}
X = rng.normal(size=(T, D)); Y = rng.integers(0, K, T); h0 = rng.normal(0, .5, H)
sig = lambda a: 1 / (1 + np.exp(-a))

def forward(P):
    hs, rs, zs, hts, ps = [h0], [], [], [], []
    L = 0.0
    for t in range(T):
        h = hs[-1]; x = X[t]
        r = sig(P['U_r'] @ h + P['W_r'] @ x + P['b_r'])
        z = sig(P['U_z'] @ h + P['W_z'] @ x + P['b_z'])
        ht = np.tanh(P['U_h'] @ (r * h) + P['W_h'] @ x + P['b_h'])
        hn = (1 - z) * ht + z * h
        c = P['V'] @ hn + P['b_c']; p = np.exp(c - c.max()); p /= p.sum()
        L -= np.log(p[Y[t]])
        hs.append(hn); rs.append(r); zs.append(z); hts.append(ht); ps.append(p)
    return L, dict(hs=hs, rs=rs, zs=zs, hts=hts, ps=ps)

def fd(P, eps=1e-6):
    G = {}
    for n, v in P.items():
        g = np.zeros_like(v)
        for i in np.ndindex(v.shape):
            old = v[i]; v[i] = old + eps; lp = forward(P)[0]; v[i] = old - eps; lm = forward(P)[0]; v[i] = old
            g[i] = (lp - lm) / (2 * eps)
        G[n] = g
    return G

L, C = forward(P); G = fd(P)
hs, rs, zs, hts, ps = C['hs'], C['rs'], C['zs'], C['hts'], C['ps']
e = [ps[t] - np.eye(K)[Y[t]] for t in range(T)]          # ŷ_t - y_t
sr = [r * (1 - r) for r in rs]; sz = [z * (1 - z) for z in zs]   # σ'_r, σ'_z

# correct total δ_t = ∂L/∂h_t (reference BPTT, includes the reset-gate path)
dref = [None] * (T + 1); dnext = np.zeros(H)
for t in reversed(range(T)):
    d = P['V'].T @ e[t] + dnext; dref[t + 1] = d
    h = hs[t]; ah = d * (1 - zs[t]) * (1 - hts[t] ** 2); az = d * (h - hts[t]) * sz[t]
    ar = (P['U_h'].T @ ah) * h * sr[t]
    dnext = d * zs[t] + rs[t] * (P['U_h'].T @ ah) + P['U_z'].T @ az + P['U_r'].T @ ar

def author_params(delta):
    """lines 98-118 (summary), same as 30-72 with ∂L/∂h_t=δ_t; index t (1..T) -> python t-1"""
    out = {k: np.zeros_like(v) for k, v in P.items()}
    for t in range(T):
        d = delta[t + 1]; h = hs[t]; x = X[t]
        ah = d * (1 - zs[t]) * (1 - hts[t] ** 2)
        ar = (P['U_h'].T @ ah) * h * sr[t]
        az = d * sz[t] * (h - hts[t])
        out['U_r'] += np.outer(ar, h); out['W_r'] += np.outer(ar, x); out['b_r'] += ar     # 30/98, 34/100, 36
        out['U_z'] += np.outer(az, h); out['W_z'] += np.outer(az, x); out['b_z'] += az     # 46/104, 50/106, 52/108
        out['U_h'] += np.outer(ah, rs[t] * h); out['W_h'] += np.outer(ah, x); out['b_h'] += ah  # 60/110, 68/112, 72/114
        out['V'] += np.outer(e[t], hs[t + 1]); out['b_c'] += e[t]                            # 116, 118
    return out

def report(tag, A):
    for n in P:
        err = np.abs(A[n] - G[n]).max() / (np.abs(G[n]).max() + 1e-12)
        print(f"  {tag:38s} dL/d{n:4s} rel.err {err:.2e} -> {'AGREE' if err < 1e-5 else 'DIFFER'}")

print("reference BPTT (with reset path) vs FD:"); report("reference", author_params(dref))
print("lines 30-72 / 98-118 (parameter formulas, with the true delta_t): PASS if AGREE")

# author's delta recursion, line 94 (and 84), literal reading:
#   δ_t = V^T(ŷ_t-y_t) + δ_{t+1}⊙(1-z_{t+1})⊙(1-h~_{t+1}²)⊙(U_h r_{t+1}) + δ_{t+1}⊙z_{t+1} + (U_z^T δ_{t+1})⊙(h_t-h~_{t+1})⊙σ'_{z,t+1}
# charitable reading (transposes put where they belong) still has no reset-gate (U_r) path:
#   δ_t = V^T(ŷ_t-y_t) + r_{t+1}⊙U_h^T(δ_{t+1}⊙(1-z)⊙(1-h~²)) + δ_{t+1}⊙z_{t+1} + U_z^T(δ_{t+1}⊙(h_t-h~_{t+1})⊙σ'_z)
def author_delta(literal):
    dl = [None] * (T + 1); dl[T] = P['V'].T @ e[T - 1]                # line 92 / 88
    for t in range(T - 1, 0, -1):                                       # math t = 1..T-1 ; step t+1 uses python index t
        d1 = dl[t + 1]; z1, ht1, r1 = zs[t], hts[t], rs[t]; h = hs[t]
        if literal:
            cand = d1 * (1 - z1) * (1 - ht1 ** 2) * (P['U_h'] @ r1)
            upd = (P['U_z'].T @ d1) * (h - ht1) * sz[t]
        else:
            cand = r1 * (P['U_h'].T @ (d1 * (1 - z1) * (1 - ht1 ** 2)))
            upd = P['U_z'].T @ (d1 * (h - ht1) * sz[t])
        dl[t] = P['V'].T @ e[t - 1] + cand + d1 * z1 + upd
    return dl

for lit in (True, False):
    dl = author_delta(lit)
    print(f"line 94 delta recursion ({'literal' if lit else 'charitable'} reading): max |delta - true| over t<T =",
          f"{max(np.abs(dl[t] - dref[t]).max() for t in range(1, T)):.3e}",
          f"; at T: {np.abs(dl[T] - dref[T]).max():.1e} (line 88/92)")
    report("params from author's delta (" + ('literal' if lit else 'charitable') + ")", author_params(dl))

# line 80: differential dh_{t+1} w.r.t. dh_t (one step), compared with the true Jacobian (finite differences on h_t)
t = 2; h = hs[t].copy(); x = X[t]
def step(h):
    r = sig(P['U_r'] @ h + P['W_r'] @ x + P['b_r']); z = sig(P['U_z'] @ h + P['W_z'] @ x + P['b_z'])
    ht = np.tanh(P['U_h'] @ (r * h) + P['W_h'] @ x + P['b_h']); return (1 - z) * ht + z * h
J = np.column_stack([(step(h + 1e-6 * np.eye(H)[k]) - step(h - 1e-6 * np.eye(H)[k])) / 2e-6 for k in range(H)])
z1, ht1, r1 = zs[t], hts[t], rs[t]
Ja = (np.diag((1 - z1) * (1 - ht1 ** 2)) @ P['U_h'] @ np.diag(r1) + np.diag(z1)
      + np.diag((h - ht1) * sz[t]) @ P['U_z'])                       # line 80 read as U_h(r⊙dh_t)
print(f"line 80 dh_(t+1) Jacobian (no reset path) vs FD: max err {np.abs(Ja - J).max():.3e} -> "
      f"{'AGREE' if np.abs(Ja - J).max() < 1e-6 else 'DIFFER'}")
Jr = Ja + np.diag((1 - z1) * (1 - ht1 ** 2)) @ P['U_h'] @ np.diag(h * sr[t]) @ P['U_r']
print(f"   same + reset-gate term (1-z)(1-h~^2)U_h(h⊙σ'_r⊙U_r dh): max err {np.abs(Jr - J).max():.3e}")
