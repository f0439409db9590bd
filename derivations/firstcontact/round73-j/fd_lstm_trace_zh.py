# Finite-difference check of lstm_trace_zh.md (LSTM, column vectors, softmax + cross-entropy at every step).
# Forward (lines 8-22): i,f,o = σ(U h_{t-1} + W x_t + b), c~ = tanh(U_c h + W_c x + b_c), c = i⊙c~ + f⊙c_{t-1},
# h = o⊙tanh(c), z = V h + b_z, ŷ = softmax(z);  L = Σ_t -log ŷ_t[y_t]  (∂L/∂z_t = ŷ_t - y_t).
import numpy as np
rng = np.random.default_rng(1)
D, H, K, T = 3, 4, 5, 5
shapes = {}
for g in 'ifoc':
    shapes['U_' + g] = (H, H); shapes['W_' + g] = (H, D); shapes['b_' + g] = (H,)
shapes['V'] = (K, H); shapes['b_z'] = (K,)
P = {n: rng.normal(0, 0.6, s) for n, s in shapes.items()}
X = rng.normal(size=(T, D)); Y = rng.integers(0, K, T); h0 = rng.normal(0, .5, H); c0 = rng.normal(0, .5, H)
sig = lambda a: 1 / (1 + np.exp(-a))

def cell(P, h, c, x):
    i = sig(P['U_i'] @ h + P['W_i'] @ x + P['b_i']); f = sig(P['U_f'] @ h + P['W_f'] @ x + P['b_f'])
    o = sig(P['U_o'] @ h + P['W_o'] @ x + P['b_o']); ct = np.tanh(P['U_c'] @ h + P['W_c'] @ x + P['b_c'])
    cn = i * ct + f * c; return i, f, o, ct, cn, o * np.tanh(cn)

def forward(P, c_override=None):
    hs, cs, S, ps = [h0], [c0], [], []; L = 0.0
    for t in range(T):
        i, f, o, ct, cn, hn = cell(P, hs[-1], cs[-1], X[t])
        if c_override is not None and c_override[0] == t:    # perturb c_t after it is computed (for line 92/98 checks)
            cn = cn + c_override[1]; hn = o * np.tanh(cn)
        zz = P['V'] @ hn + P['b_z']; p = np.exp(zz - zz.max()); p /= p.sum(); L -= np.log(p[Y[t]])
        hs.append(hn); cs.append(cn); S.append((i, f, o, ct)); ps.append(p)
    return L, hs, cs, S, ps

def fd(P, eps=1e-6):
    G = {}
    for n, v in P.items():
        g = np.zeros_like(v)
        for k in np.ndindex(v.shape):
            old = v[k]; v[k] = old + eps; lp = forward(P)[0]; v[k] = old - eps; lm = forward(P)[0]; v[k] = old
            g[k] = (lp - lm) / (2 * eps)
        G[n] = g
    return G

L, hs, cs, S, ps = forward(P); G = fd(P)
e = [ps[t] - np.eye(K)[Y[t]] for t in range(T)]
# python index t=0..T-1 is the author's time t+1; hs[t+1]=h_{t+1}, cs[t+1]=c_{t+1}

# reference BPTT: dh[t+1] = ∂L/∂h_{t+1}, dc[t+1] = ∂L/∂c_{t+1} (totals)
dh = [None] * (T + 1); dc = [None] * (T + 1); dh_next = np.zeros(H); dc_next = np.zeros(H); f_next = np.zeros(H)
for t in reversed(range(T)):
    i, f, o, ct = S[t]; tc = np.tanh(cs[t + 1])
    dh[t + 1] = P['V'].T @ e[t] + dh_next
    dc[t + 1] = dh[t + 1] * o * (1 - tc ** 2) + dc_next * f_next
    ai = dc[t + 1] * ct * i * (1 - i); af = dc[t + 1] * cs[t] * f * (1 - f)
    ao = dh[t + 1] * tc * o * (1 - o); ac = dc[t + 1] * i * (1 - ct ** 2)
    dh_next = P['U_i'].T @ ai + P['U_f'].T @ af + P['U_o'].T @ ao + P['U_c'].T @ ac
    dc_next = dc[t + 1]; f_next = f

def params(dh, dc):
    """author's parameter formulas (lines 36-66, 138-160, summary 172-200) written with δ_h^t, δ_c^t"""
    A = {k: np.zeros_like(v) for k, v in P.items()}
    for t in range(T):
        i, f, o, ct = S[t]; tc = np.tanh(cs[t + 1]); hp = hs[t]; x = X[t]
        gi = dc[t + 1] * ct * i * (1 - i); gf = dc[t + 1] * cs[t] * f * (1 - f)
        gc = dc[t + 1] * i * (1 - ct ** 2); go = dh[t + 1] * tc * o * (1 - o)
        for g, a in (('i', gi), ('f', gf), ('c', gc), ('o', go)):
            A['U_' + g] += np.outer(a, hp); A['W_' + g] += np.outer(a, x); A['b_' + g] += a
        A['V'] += np.outer(e[t], hs[t + 1]); A['b_z'] += e[t]
    return A

def report(tag, A):
    for n in P:
        err = np.abs(A[n] - G[n]).max() / (np.abs(G[n]).max() + 1e-12)
        print(f"  {tag:30s} dL/d{n:4s} rel.err {err:.2e} -> {'AGREE' if err < 1e-5 else 'DIFFER'}")

print("parameter formulas with the true deltas (lines 36-66, 138-160, 172-200):"); report("true deltas", params(dh, dc))

# line 92: dc_{t+1} = f_t ⊙ dc_t (direct path, h_t held fixed; the path through h_t is the separate line 94)
# true direct partial: c_{t+1} = i_{t+1}⊙c~_{t+1} + f_{t+1}⊙c_t  ->  diag(f_{t+1})
t = 1; eps = 1e-6
def c_next(c):
    return cell(P, hs[t + 1], c, X[t + 1])[4]
Jc = np.column_stack([(c_next(cs[t + 1] + eps * np.eye(H)[k]) - c_next(cs[t + 1] - eps * np.eye(H)[k])) / (2 * eps) for k in range(H)])
print(f"line 92: ∂c_(t+1)/∂c_t (h_t fixed) FD diag = {np.round(np.diag(Jc), 6)}, off-diag max {np.abs(Jc - np.diag(np.diag(Jc))).max():.1e}")
print(f"         author f_t        = {np.round(S[t][1], 6)}  -> {'AGREE' if np.allclose(np.diag(Jc), S[t][1], atol=1e-7) else 'DIFFER'}")
print(f"         f_(t+1)           = {np.round(S[t + 1][1], 6)}  -> {'AGREE' if np.allclose(np.diag(Jc), S[t + 1][1], atol=1e-7) else 'DIFFER'}")

# line 98 / 164: δ_c^t = δ_h^t⊙o_t⊙(1-tanh²c_t) + δ_c^{t+1}⊙f_t  (author)  vs FD ∂L/∂c_t
gc_fd = np.array([(forward(P, (t, eps * np.eye(H)[k]))[0] - forward(P, (t, -eps * np.eye(H)[k]))[0]) / (2 * eps) for k in range(H)])
i, f, o, ct = S[t]; tc = np.tanh(cs[t + 1])
auth = dh[t + 1] * o * (1 - tc ** 2) + dc[t + 2] * f
print(f"line 98/164 δ_c^t with f_t: err {np.abs(auth - gc_fd).max():.3e};  with f_(t+1): err "
      f"{np.abs(dh[t + 1] * o * (1 - tc ** 2) + dc[t + 2] * S[t + 1][1] - gc_fd).max():.3e}")
# line 104: ∂L/∂c_T = ∂L/∂h_T⊙o_t⊙(1-tanh²(c_t)) with t≠T (here t=T-1) vs with o_T, c_T (line 166)
iT, fT, oT, ctT = S[T - 1]
l104 = dh[T] * S[T - 2][2] * (1 - np.tanh(cs[T - 1]) ** 2); l166 = dh[T] * oT * (1 - np.tanh(cs[T]) ** 2)
print(f"line 104 (o_t, c_t at t=T-1): err {np.abs(l104 - dc[T]).max():.3e};  line 166 (o_T, c_T): err {np.abs(l166 - dc[T]).max():.3e}")

# line 168 (= line 126): author's δ_h recursion; literal reading (U^T δ)⊙... and charitable U^T(δ⊙...)
def author_dh(literal, use_true_dc_inside=False):
    d = [None] * (T + 1); d[T] = P['V'].T @ e[T - 1]                 # line 76
    for t in range(T - 1, 0, -1):                                    # compute δ_h^{t} (math) from δ_h^{t+1}
        i, f, o, ct = S[t]; tc = np.tanh(cs[t + 1]); dn = d[t + 1]; cp = cs[t]
        A = o * (1 - tc ** 2)
        terms = [(P['U_i'], A * ct * i * (1 - i)), (P['U_c'], A * i * (1 - ct ** 2)),
                 (P['U_f'], A * cp * f * (1 - f)), (P['U_o'], tc * o * (1 - o))]
        s = P['V'].T @ e[t - 1]
        for U, m in terms:
            s = s + ((U.T @ dn) * m if literal else U.T @ (dn * m))
        d[t] = s
    return d

for lit in (True, False):
    d = author_dh(lit)
    print(f"line 168 δ_h recursion ({'literal' if lit else 'charitable'}): max |δ_h - true| = "
          f"{max(np.abs(d[t] - dh[t]).max() for t in range(1, T)):.3e}")
    # δ_c from author's line 164 (with f_t) and 166
    dcA = [None] * (T + 1); dcA[T] = d[T] * S[T - 1][2] * (1 - np.tanh(cs[T]) ** 2)
    for t in range(T - 1, 0, -1):
        i, f, o, ct = S[t - 1]; dcA[t] = d[t] * o * (1 - np.tanh(cs[t]) ** 2) + dcA[t + 1] * f
    report("author deltas (" + ('literal' if lit else 'charit.') + ")", params(d, dcA))
