# Finite-difference check of taixiu_gru.py (numpy only).
# Loss implied by the code: L = (y - prob)^2, prob = sigmoid(h_T @ W_out + b_out).
# The author's backward rows are re-evaluated here exactly as written, but with the
# weights held fixed (the source applies an SGD step inside the time loop, so later
# rows would read already-updated Uh) and with d_out as a 1-element array (as written,
# d_out is a 0-d numpy scalar and `W_out @ d_out` in row 86 raises ValueError).
import sys, types, json
import numpy as np

np.random.seed(1)
ns = {}
exec(open(__file__.replace("fd_", "")).read(), ns)
AI = ns["TaiXiuEnsembleAI"]
ai = AI(model_file="/nonexistent/none.json")      # load_model fails -> defaults kept
for k in ai.gru:                                   # bigger weights so every term matters
    ai.gru[k] = np.random.randn(*ai.gru[k].shape) * 0.8
P = {k: v.copy() for k, v in ai.gru.items()}
seq = [1, 0, 0, 1, 1]; y = 1

def sigm(v): return 1 / (1 + np.exp(-np.clip(v, -500, 500)))

def forward(P, seq):
    h = np.zeros(8); cache = []
    for val in seq:
        x = np.array([val], dtype=float)
        z = sigm(x @ P['Wz'] + h @ P['Uz'] + P['bz'])
        r = sigm(x @ P['Wr'] + h @ P['Ur'] + P['br'])
        ht = np.tanh(x @ P['Wh'] + (r*h) @ P['Uh'] + P['bh'])
        hn = (1-z)*h + z*ht
        cache.append((x, h.copy(), z, r, ht, hn.copy())); h = hn
    return sigm(h @ P['W_out'] + P['b_out'])[0], cache

# the transcribed forward agrees with this one
ai.gru = {k: v.copy() for k, v in P.items()}
pa, _ = ai._gru_forward(seq); pb, _ = forward(P, seq)
print(f"rows 62-68 forward: author {pa:.12f} mine {pb:.12f}", "AGREE" if abs(pa-pb) < 1e-12 else "DISAGREE")

def L(P, seq=seq): return (y - forward(P, seq)[0])**2

def fdP(key, seq=seq, eps=1e-6):
    g = np.zeros_like(P[key])
    for idx in np.ndindex(P[key].shape):
        Q = {k: v.copy() for k, v in P.items()}; Q[key][idx] += eps; lp = L(Q, seq)
        Q[key][idx] -= 2*eps; lm = L(Q, seq); g[idx] = (lp-lm)/(2*eps)
    return g

def rel(a, b): return np.max(np.abs(a-b)) / max(1e-12, np.max(np.abs(a)) + np.max(np.abs(b)))
def rep(row, name, a, b, tol=1e-6):
    e = rel(np.asarray(a, float), np.asarray(b, float))
    print(f"row {row:4s} {name:44s} rel.err {e:9.2e}  {'AGREE' if e < tol else 'DISAGREE'}")

def author_grads(P, seq, fix_dh=False):
    prob, cache = forward(P, seq)
    error = y - prob
    d_out = np.array([-2 * error * prob * (1 - prob)])
    h_final = cache[-1][5]
    G = {k: np.zeros_like(v) for k, v in P.items()}
    G['W_out'] = np.outer(h_final, d_out); G['b_out'] = d_out.copy()
    d_h = P['W_out'] @ d_out
    for t in reversed(range(len(cache))):
        x, h_prev, z, r, h_tilde, h = cache[t]
        d_h_new = d_h
        d_z = d_h_new * (h_tilde - h_prev) * z * (1 - z)
        d_h_tilde = d_h_new * z * (1 - h_tilde**2)
        d_r = (d_h_new * z * (1 - h_tilde**2)) @ P['Uh'].T * h_prev * r * (1 - r)
        G['Wh'] += np.outer(x, d_h_tilde); G['Uh'] += np.outer(r * h_prev, d_h_tilde); G['bh'] += d_h_tilde
        G['Wz'] += np.outer(x, d_z); G['Uz'] += np.outer(h_prev, d_z); G['bz'] += d_z
        G['Wr'] += np.outer(x, d_r); G['Ur'] += np.outer(h_prev, d_r); G['br'] += d_r
        d_h = (d_h_new * (1 - z)) + (d_h_new * z * (1 - h_tilde**2)) @ P['Uh'].T * r
        if fix_dh:
            d_h = d_h + d_z @ P['Uz'].T + d_r @ P['Ur'].T
    return G

# --- one time step: every per-step row is exact when d_h is exact ---
print("\nT = 1 (no recursion; rows 82-101 as written):")
seq1 = [1]
G1 = author_grads(P, seq1)
for row, k in [("84", 'W_out'), ("85", 'b_out'), ("93", 'Wh'), ("94", 'Uh'), ("95", 'bh'),
               ("96", 'Wz'), ("97", 'Uz'), ("98", 'bz'), ("99", 'Wr'), ("100", 'Ur'), ("101", 'br')]:
    rep(row, f"d_{k} (rows 82,86,90-92 feed it)", G1[k], fdP(k, seq1))

# --- row 111: the recursion d_h -> dL/dh_{t-1}, checked on one step ---
x0 = np.array([1.0]); h0 = np.random.randn(8); gup = np.random.randn(8)
def step_out(hp):
    z = sigm(x0 @ P['Wz'] + hp @ P['Uz'] + P['bz']); r = sigm(x0 @ P['Wr'] + hp @ P['Ur'] + P['br'])
    ht = np.tanh(x0 @ P['Wh'] + (r*hp) @ P['Uh'] + P['bh']); return (1-z)*hp + z*ht, z, r, ht
hn, z, r, ht = step_out(h0)
true_dhprev = np.array([(np.sum(gup*step_out(h0+1e-6*e)[0]) - np.sum(gup*step_out(h0-1e-6*e)[0]))/2e-6 for e in np.eye(8)])
d_h_author = (gup*(1-z)) + (gup*z*(1-ht**2)) @ P['Uh'].T * r
rep("111", "d_h = dh(1-z) + (dh z tanh')Uh^T * r", d_h_author, true_dhprev)
d_z = gup*(ht-h0)*z*(1-z); d_r = (gup*z*(1-ht**2)) @ P['Uh'].T * h0 * r*(1-r)
rep("111", "  same + d_z Uz^T + d_r Ur^T (missing terms)", d_h_author + d_z @ P['Uz'].T + d_r @ P['Ur'].T, true_dhprev)

# --- whole sequence T = 5 ---
print("\nT = 5, gradients summed over time (what the in-loop SGD steps add up to):")
G5 = author_grads(P, seq); G5f = author_grads(P, seq, fix_dh=True)
for k in ['W_out', 'b_out', 'Wh', 'Uh', 'bh', 'Wz', 'Uz', 'bz', 'Wr', 'Ur', 'br']:
    F = fdP(k)
    rep("e2e", f"{k}: as written", G5[k], F)
    rep("e2e", f"{k}: with the two missing terms added to row 111", G5f[k], F)

# --- the published _train_gru itself ---
print("\nRunning the published _train_gru as written:")
ai.gru = {k: v.copy() for k, v in P.items()}
try:
    ai._train_gru(seq, y)
    print("ran")
except Exception as e:
    print("row 86 raises:", type(e).__name__, e)

# --- per-step weight rows 90-101 on one step with a NON-zero h_prev (the T=1 case above
#     has h_prev = 0, so its U-gradients are trivially zero) ---
print("\nOne step with random h_prev, upstream gup = dL/dh_new (rows 90-101):")
def Lstep(Q):
    z = sigm(x0 @ Q['Wz'] + h0 @ Q['Uz'] + Q['bz']); r = sigm(x0 @ Q['Wr'] + h0 @ Q['Ur'] + Q['br'])
    ht = np.tanh(x0 @ Q['Wh'] + (r*h0) @ Q['Uh'] + Q['bh']); return np.sum(gup*((1-z)*h0 + z*ht))
def fdS(key, eps=1e-6):
    g = np.zeros_like(P[key])
    for idx in np.ndindex(P[key].shape):
        Q = {k: v.copy() for k, v in P.items()}; Q[key][idx] += eps; lp = Lstep(Q)
        Q[key][idx] -= 2*eps; lm = Lstep(Q); g[idx] = (lp-lm)/(2*eps)
    return g
d_h_tilde = gup*z*(1-ht**2)
for row, k, g in [("93", 'Wh', np.outer(x0, d_h_tilde)), ("94", 'Uh', np.outer(r*h0, d_h_tilde)), ("95", 'bh', d_h_tilde),
                  ("96", 'Wz', np.outer(x0, d_z)), ("97", 'Uz', np.outer(h0, d_z)), ("98", 'bz', d_z),
                  ("99", 'Wr', np.outer(x0, d_r)), ("100", 'Ur', np.outer(h0, d_r)), ("101", 'br', d_r)]:
    rep(row, f"d_{k} one step", g, fdS(k))
