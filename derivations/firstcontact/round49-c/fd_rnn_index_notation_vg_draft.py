"""Finite-difference check of rnn_index_notation_vg_draft.md (numpy only).
Model (the author's): h_t = sigma_h(W x_t + U h_{t-1} + b_h), y_t = sigma_y(V h_t + b_y), with sigma_h = tanh,
sigma_y = logistic sigmoid (the author leaves both generic; theta in the Graves-notation lines is the same
activation of the layer in question). Component form: w_{hi} = W[h,i], u_{ij} = U[i,j], v_{kh} = V[k,h],
w_{kh} (Graves, hidden->output) = V[k,h], w_{hh'} (Graves, hidden->hidden) = U[h,h'].  The Graves component lines
have no bias, so they are compared with the matrix forward at b_h = b_y = 0.  h_0 is a fixed random vector (the
author uses 0; every formula is stated for a constant h_0, and 0 would make the u-lines trivially 0 = 0).
The generic loss L (author leaves it open) is L = sum_t sum_k 0.5 (y_k^t - z_k^t)^2.  sigma_y', sigma_h', h' are
evaluated at the pre-activation of the node named in the same term (sigma_y' at a^t_k of the y^k_t being
differentiated, sigma_h' at a^t_alpha of the h^alpha_t it multiplies).  Every line is transcribed as written and
compared with central differences of the independent forward below."""
import json, os, sys
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
NAME = 'rnn_index_notation_vg_draft.md'
lines = open(os.path.join(HERE, NAME)).read().split('\n')
expected = json.load(open(os.path.join(HERE, 'expected.json')))[NAME]
rng = np.random.default_rng(49)
I, K, H, T = 7, 7, 4, 4                      # the author's example sizes, four steps
P0 = dict(W=rng.normal(size=(H, I)) * 0.6, U=rng.normal(size=(H, H)) * 0.6, V=rng.normal(size=(K, H)) * 0.6,
          bh=rng.normal(size=H) * 0.3, by=rng.normal(size=K) * 0.3)
X = rng.normal(size=(T + 1, I)); X[0] = 0.0  # x_1..x_T in rows 1..T
Z = rng.uniform(size=(T + 1, K))
h0 = rng.normal(size=H) * 0.5
sig = lambda a: 1 / (1 + np.exp(-a))
dsig = lambda a: sig(a) * (1 - sig(a))
dtanh = lambda a: 1 - np.tanh(a) ** 2
EPS = 1e-6

def forward(P, inj=None):
    """returns dict of lists indexed 0..T: a (hidden pre-act), h, ao (output pre-act), y; and the loss"""
    a = [None] * (T + 1); h = [h0.copy()] + [None] * T; ao = [None] * (T + 1); y = [None] * (T + 1); L = 0.0
    for t in range(1, T + 1):
        a[t] = P['W'] @ X[t] + P['U'] @ h[t - 1] + P['bh']
        if inj is not None and inj[0] == 'a' and inj[1] == t: a[t] = a[t] + inj[2]
        h[t] = np.tanh(a[t])
        ao[t] = P['V'] @ h[t] + P['by']
        if inj is not None and inj[0] == 'ao' and inj[1] == t: ao[t] = ao[t] + inj[2]
        y[t] = sig(ao[t])
        L += 0.5 * np.sum((y[t] - Z[t]) ** 2)
    return dict(a=a, h=h, ao=ao, y=y), L

def fd_param(fun, P, key):
    g = np.zeros_like(P[key])
    for idx in np.ndindex(*P[key].shape):
        Pp = {k: v.copy() for k, v in P.items()}; Pm = {k: v.copy() for k, v in P.items()}
        Pp[key][idx] += EPS; Pm[key][idx] -= EPS
        g[idx] = (fun(Pp) - fun(Pm)) / (2 * EPS)
    return g

def fd_delta(kind, t, n):
    g = np.zeros(n)
    for q in range(n):
        e = np.zeros(n); e[q] = EPS
        g[q] = (forward(P0, (kind, t, e))[1] - forward(P0, (kind, t, -e))[1]) / (2 * EPS)
    return g

S, L0 = forward(P0)
a, h, ao, y = S['a'], S['h'], S['ao'], S['y']
dL = {k: fd_param(lambda P: forward(P)[1], P0, k) for k in ['W', 'U', 'V']}
delta = [None] + [fd_delta('a', t, H) for t in range(1, T + 1)] + [np.zeros(H)]      # delta_h^t, delta^{T+1} = 0
delta_o = [None] + [fd_delta('ao', t, K) for t in range(1, T + 1)]
# Jacobians d y_t^k / d param and d h_t^alpha / d param (FD of the independent forward)
def dy(t, k, key): return fd_param(lambda P: forward(P)[0]['y'][t][k], P0, key)
def dh(t, al, key): return fd_param(lambda P: forward(P)[0]['h'][t][al], P0, key)
DH = {(t, al, key): dh(t, al, key) for t in range(1, T + 1) for al in range(H) for key in ['W', 'U']}

results = {}
def record(ln, ok): results.setdefault(ln, []).append(bool(ok))
def close(p, q, tol=1e-5): return np.allclose(np.asarray(p, float), np.asarray(q, float), rtol=tol, atol=tol)
def L_(snippet, start=1):
    for n in range(start - 1, len(lines)):
        if snippet in lines[n]: return n + 1
    raise KeyError(snippet)
W, U, V = P0['W'], P0['U'], P0['V']

# ---- forward definitions
t = 2
record(L_(r'h_t &= \sigma_h(Wx_t + Uh_{t-1} + b_h)'), close(h[t], np.tanh(W @ X[t] + U @ h[t - 1] + P0['bh'])))
record(L_(r'y_t &= \sigma_y(Vh_t + b_y)'), close(y[t], sig(V @ h[t] + P0['by'])))
P00 = dict(P0, bh=np.zeros(H), by=np.zeros(K)); S00, _ = forward(P00)
a00, h00, ao00 = S00['a'], S00['h'], S00['ao']
# literal reading of line 34: the second sum runs over h (shadowing the free h); h' is the only other index, read as h
lit = np.array([sum(W[hh, i] * X[t][i] for i in range(I)) + sum(U[hs, hh] * h00[t - 1][hh] for hs in range(H)) for hh in range(H)])
record(L_(r'a_h^{t} &= \sum_{i = 1}^{I}w_{hi}x_i^t'), close(lit, a00[t]))
record(L_(r'b_h^{t} &= \theta(a_h^{t})'), close(np.tanh(a00[t]), h00[t]))
record(L_(r'a_k^{t} &= \sum_{h = 1}^{H} w_{kh}b_h^{t}'), close(np.array([sum(V[k, hh] * h00[t][hh] for hh in range(H)) for k in range(K)]), ao00[t]))
record(L_(r'y_k^{t} &= \theta(a_k^{t})'), close(sig(ao00[t]), S00['y'][t]))
record(L_(r'y_k^{1} &= \theta\left(\sum_{h = 1}^{H} w_{kh}b_h^{1}'), close(sig(V @ h00[1]), S00['y'][1]))
record(L_(r'b_h^{1} &= \theta\left(\sum_{i = 1}^{I} w_{hi}x_i^{1}'), close(np.tanh(W @ X[1] + U @ h0), h00[1]))
record(L_(r'y^k_t &= \sigma_y\left( \sum_{\alpha}v_{k\alpha}h^{\alpha}_t + b^k_y'), all(close(sig(V @ h[s] + P0['by']), y[s]) for s in range(1, T + 1)))
record(L_(r'h^\alpha_t &= \sigma_h\left( \sum_{\beta}w_{\alpha\beta}x_t^{\beta}'), all(close(np.tanh(W @ X[s] + U @ h[s - 1] + P0['bh']), h[s]) for s in range(1, T + 1)))

# ---- loss-gradient lines (delta notation)
LW = L_(r'\frac{\partial \mathcal{L}}{\partial w_{ij}} ', 90)
record(LW, close(sum(np.outer(delta[s], X[s]) for s in range(1, T + 1)), dL['W']))            # da_i/dw_ij = x_j
record(LW, close(sum(np.outer(delta[s], h[s - 1]) for s in range(1, T + 1)), dL['U']))        # da_i/du_ij = b_j^{t-1}
record(LW, close(sum(np.outer(delta_o[s], h[s]) for s in range(1, T + 1)), dL['V']))          # da_k/dw_kh = b_h^t
ld = L_(r'\delta_i^{t} =  \frac{\partial \mathcal{L}}{\partial a_{i}^{t}}')
# definition: check the FD deltas against an independent backward recursion (tooling check)
dd = [None] * (T + 2); dd[T + 1] = np.zeros(H)
for s in range(T, 0, -1):
    do = (y[s] - Z[s]) * dsig(ao[s])
    dd[s] = dtanh(a[s]) * (V.T @ do + U.T @ dd[s + 1])
    record(ld, close(do, delta_o[s]) and close(dd[s], delta[s]))
lx = L_(r'\frac{\partial a_{i}^{t}}{\partial w_{ij}} ', 110)
record(lx, close(sum(np.outer(delta[s], X[s]) for s in range(1, T + 1)), dL['W']))
lb = L_(r'\frac{\partial a_{i}^{t}}{\partial w_{ij}} ', lx + 1)
record(lb, close(sum(np.outer(delta[s], h[s]) for s in range(1, T + 1)), dL['U']))            # hidden i: written b_j^t
record(lb, close(sum(np.outer(delta_o[s], h[s]) for s in range(1, T + 1)), dL['V']))          # output i: fine
print('line %d: hidden->hidden with b_j^t: %s, hidden->output: %s (informative)' % (lb, results[lb][0], results[lb][1]))
lr = L_(r'\delta_i^{t} = \sum_{k = 1}^{K} \delta_k^{t} w_{ki}')
for s in range(1, T + 1):
    record(lr, close(V.T @ delta_o[s] + U.T @ delta[s + 1], delta[s]))

# ---- step 1 and step 2 partial derivatives of outputs
sy = lambda s, k: dsig(ao[s][k]); sh = lambda s, al: dtanh(a[s][al])
ok185 = ok192 = ok200 = ok221 = ok227 = ok236 = ok248 = ok259 = ok271 = ok279 = ok294 = ok308 = True
for k in range(K):
    DyV1 = dy(1, k, 'V'); DyW1 = dy(1, k, 'W'); DyU1 = dy(1, k, 'U')
    DyV2 = dy(2, k, 'V'); DyW2 = dy(2, k, 'W'); DyU2 = dy(2, k, 'U')
    for j in range(H):                                   # d y_1^i / d v_ij = h_1^j with i = k (output), j hidden
        ok185 &= close(DyV1[k, j], h[1][j])
        ok221 &= close(DyV2[k, j], h[2][j])
    for i in range(H):
        for j in range(I):
            ok192 &= close(DyV1[i, j] if j < H else 0.0, sy(1, k) * V[k, i] * sh(1, i) * X[1][j])
            ok259 &= close(DyW2[i, j], sy(2, k) * sum(V[k, al] * sh(2, al) * ((al == i) * X[2][j] + U[al, i] * DH[(1, i, 'W')][i, j]) for al in range(H)))
            ok227 &= close(DyW2[i, j], sy(2, k) * sum(V[k, al] * DH[(2, al, 'W')][i, j] for al in range(H)))
        for j in range(H):
            ok200 &= close(DyU1[i, j], sy(1, k) * V[k, i] * sh(1, i) * h0[j])
            ok271 &= close(DyW2[i, j], sy(2, k) * sum(V[k, al] * DH[(2, al, 'U')][i, j] for al in range(H)))
            ok308 &= close(DyU2[i, j], sy(2, k) * sum(V[k, al] * sh(2, al) * ((al == i) * h[1][j] + U[al, i] * DH[(1, i, 'U')][i, j]) for al in range(H)))
for al in range(H):
    for i in range(H):
        for j in range(I):
            ok236 &= close(DH[(2, al, 'W')][i, j], sh(2, al) * ((al == i) * X[2][j]) + sh(2, al) * sum(U[al, g] * DH[(1, g, 'W')][i, j] for g in range(H)))
            ok248 &= close(DH[(2, al, 'W')][i, j], sh(2, al) * ((al == i) * X[2][j] + U[al, i] * DH[(1, i, 'W')][i, j]))
        for j in range(H):
            ok279 &= close(DH[(2, al, 'U')][i, j], sh(2, al) * sum((al == i and g == j) * h[1][g] + U[al, g] * DH[(1, g, 'U')][i, j] for g in range(H)))
            ok294 &= close(DH[(2, al, 'U')][i, j], sh(2, al) * ((al == i) * h[1][j] + U[al, i] * DH[(1, i, 'U')][i, j]))
for ln, ok in [(L_(r'\frac{\partial y_1^i}{\partial v_{ij}} = h^j_1'), ok185), (L_(r'\frac{\partial y_1^k}{\partial v_{ij}} = '), ok192),
               (L_(r'\frac{\partial y_1^k}{\partial u_{ij}} = '), ok200), (L_(r'\frac{\partial y_2^i}{\partial v_{ij}} = h^j_2'), ok221)]:
    record(ln, ok)
l227 = L_(r'\frac{\partial y_2^k}{\partial w_{ij}} = ', 220); record(l227, ok227)
record(L_(r'\frac{\partial h_2^{\alpha}}{\partial w_{ij}} ', 230), ok236)
record(L_(r'\frac{\partial h_2^{\alpha}}{\partial w_{ij}} ', 246), ok248)
record(L_(r'\frac{\partial y_2^k}{\partial w_{ij}} = ', l227 + 1), ok259)
l271 = L_(r'\frac{\partial y_2^k}{\partial w_{ij}} = ', L_(r'\frac{\partial y_2^k}{\partial w_{ij}} = ', l227 + 1) + 1); record(l271, ok271)
record(L_(r'\frac{\partial h_2^{\alpha}}{\partial u_{ij}} ', 270), ok279)
record(L_(r'\frac{\partial h_2^{\alpha}}{\partial u_{ij}} ', L_(r'\frac{\partial h_2^{\alpha}}{\partial u_{ij}} ', 270) + 1), ok294)
record(L_(r'\frac{\partial y_2^k}{\partial u_{ij}} = '), ok308)

# ---- general t (t = T = 4)
t = T
def Avec(s, key, i, j):
    """A(., s) as a vector over alpha: sigma_h'(a_s^alpha) delta(alpha,i) x_s^j  (or h_{s-1}^j for u)"""
    v = np.zeros(H); v[i] = dtanh(a[s][i]) * (X[s][j] if key == 'W' else h[s - 1][j]); return v
def Bmat(s): return dtanh(a[s])[:, None] * U                # B(alpha, gamma, s) = sigma_h'(a_s^alpha) u_{alpha gamma}
def dhvec(s, key, i, j): return np.array([DH[(s, al, key)][i, j] for al in range(H)]) if s >= 1 else np.zeros(H)
ok = dict(l338=True, l346=True, l353=True, l373=True, l375=True, l379=True, l391=True, l404=True, l422=True, l440=True, l365=True, l432=True)
for key, nj in [('W', I), ('U', H)]:
    for i in range(H):
        for j in range(nj):
            d = [dhvec(s, key, i, j) for s in range(0, T + 1)]
            A = {s: Avec(s, key, i, j) for s in range(1, T + 1)}; B = {s: Bmat(s) for s in range(1, T + 1)}
            general = sum(np.linalg.multi_dot([np.eye(H)] + [B[t - l] for l in range(kk)] + [A[t - kk][:, None]]).ravel() for kk in range(0, t))
            if key == 'W':
                for k in range(K):
                    ok['l338'] &= close(dy(t, k, 'W')[i, j], dsig(ao[t][k]) * V[k] @ d[t]) if (i, j) == (1, 2) else True
                ok['l346'] &= close(d[t], dtanh(a[t]) * (np.eye(H)[i] * X[t][j]) + dtanh(a[t]) * (U @ d[t - 1]))
                ok['l353'] &= close(d[t], dtanh(a[t]) * (np.arange(H) == i) * X[t][j] + dtanh(a[t]) * (U @ d[t - 1]))
                ok['l365'] &= close(A[t] + B[t] @ d[t - 1], d[t])                                   # A, B make the recurrence
                ok['l373'] &= close(d[t], A[t] + B[t] @ d[t - 1])
                ok['l375'] &= close(d[t], A[t] + B[t] @ (A[t] + B[t - 1] @ d[t - 2]))               # as written: A(gamma_1, t)
                ok['l379'] &= close(d[t], A[t] + B[t] @ (A[t] + B[t - 1] @ (A[t] + B[t - 2] @ d[t - 3])))
                # line 391 as written (third sum read over gamma_3): ... + B B B (A(gamma_3,t-3) * dh^{gamma_3}_{t-3})
                ok['l391'] &= close(d[t], A[t] + B[t] @ A[t - 1] + B[t] @ B[t - 1] @ A[t - 2] + B[t] @ B[t - 1] @ B[t - 2] @ (A[t - 3] * d[t - 3]))
                ok['l404'] &= close(general, d[t])
            else:
                for k in range(K):
                    ok['l422'] &= close(dy(t, k, 'U')[i, j], dsig(ao[t][k]) * V[k] @ d[t]) if (i, j) == (2, 1) else True
                ok['l432'] &= close(A[t] + B[t] @ d[t - 1], d[t])
                ok['l440'] &= close(general, d[t])
record(L_(r'\frac{\partial y^k_t}{\partial w_{ij}} =', 330), ok['l338'])
l346 = L_(r'    \frac{\partial h^\alpha_t}{\partial w_{ij}}', 340); record(l346, ok['l346'])
record(L_('    &=', l346 + 2), ok['l353'])
record(L_(r'A(\alpha, t) &= \sigma_h'), ok['l365']); record(L_(r'B(\alpha,\gamma,t) &= \sigma_h'), ok['l365'])
l373 = L_(r'    \frac{\partial h^\alpha_t}{\partial w_{ij}}', l346 + 1); record(l373, ok['l373'])
l375 = L_(r'    &= A(\alpha, t) + \sum_{\gamma_1} B(\alpha, \gamma_1, t) ', l373 + 2); record(l375, ok['l375'])
record(L_(r'    &= A(\alpha, t) + \sum_{\gamma_1} B(\alpha, \gamma_1, t) ', l375 + 1), ok['l379'])
record(L_(r'\frac{\partial h^{\alpha}_{t}}{\partial w_{ij}}', 385), ok['l391'])
record(L_(r'\frac{\partial h^{\alpha}_{t}}{\partial w_{ij}}', L_(r'\frac{\partial h^{\alpha}_{t}}{\partial w_{ij}}', 385) + 1), ok['l404'])
record(L_(r'\frac{\partial y^k_t}{\partial u_{ij}} = ', 415), ok['l422'])
record(L_(r'A(\alpha, t) &= ', 425), ok['l432']); record(L_(r'B(\alpha, \gamma, t) &= \sigma_h'), ok['l432'])
record(L_(r'\frac{\partial h^{\alpha}_{t}}{\partial u_{ij}}', 425), ok['l440'])
print('informative: RHS of line 192 equals d y_1^k / d w_ij:',
      all(close(dy(1, k, 'W')[i, j], sy(1, k) * V[k, i] * sh(1, i) * X[1][j]) for k in range(K) for i in range(H) for j in range(I)))

bad = 0
for ln in sorted(set(list(results) + [int(k) for k in expected])):
    exp = expected.get(str(ln)); got = results.get(ln)
    if exp is None or got is None:
        print('line %d: MISMATCH (annotation/check missing)' % ln); bad += 1; continue
    num = 'pass' if all(got) else 'fail'; agree = num == exp['expected']; bad += not agree
    print('line %d: expected %s, numeric %s%s' % (ln, exp['expected'], num, '' if agree else '  <-- MISMATCH'))
print('all verdicts agree' if bad == 0 else '%d disagreements' % bad)
sys.exit(0 if bad == 0 else 1)
