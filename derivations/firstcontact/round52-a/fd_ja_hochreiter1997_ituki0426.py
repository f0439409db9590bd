"""Finite-difference check of ja_hochreiter1997_ituki0426.md (numpy only, float64).

Conventions (from the note / Hochreiter & Schmidhuber 1997):
  net_i(t) = sum_j w_ij y_j(t-1)   (w_ij: connection from unit j to unit i)
  y_i(t) = f_i(net_i(t)),  E = 1/2 sum_k (d_k(T) - y_k(T))^2 over output units at the last step
  delta_j(t) := -dE/dnet_j(t)   (error signal; gradient descent step = +eta*delta*y)
  d delta_v(t-q) / d delta_u(t) = d net_u(t) / d net_v(t-q)  (linear error transport, computed here by
  perturbing net_v(t-q) in the forward pass, independently of the note's recursion).
"""
import json, os, sys
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
EXP = json.load(open(os.path.join(HERE, "expected.json")))["ja_hochreiter1997_ituki0426.md"]
rng = np.random.default_rng(52)
EPS = 1e-6
TOL = 1e-6
results = {}

def record(line, ok, detail=""):
    verdict = "pass" if ok else "fail"
    prev = results.get(line)
    if prev is not None and prev[0] != verdict:
        verdict = "fail"  # any failing sub-check fails the line
    results[line] = (verdict, detail)

def close(a, b, tol=TOL):
    a = np.asarray(a, float); b = np.asarray(b, float)
    return np.max(np.abs(a - b)) <= tol * max(1.0, np.max(np.abs(b)))

# ---------------- fully connected RNN of section 3.3 / 3.4 ----------------
n, T = 4, 5
W = rng.normal(scale=0.9, size=(n, n))          # deliberately non-symmetric
y0 = rng.normal(size=n)
K = [0, 1]                                      # output units
d = rng.normal(size=len(K))
f = np.tanh
fp = lambda z: 1.0 - np.tanh(z) ** 2

def forward(W, bump=None):
    """bump = (t, v, eps): add eps to net_v(t) during the forward pass."""
    ys = [y0.copy()]; nets = [None]
    for t in range(1, T + 1):
        net = W @ ys[-1]
        if bump is not None and bump[0] == t:
            net = net.copy(); net[bump[1]] += bump[2]
        nets.append(net); ys.append(f(net))
    return nets, ys

def loss(ys):
    return 0.5 * np.sum((d - ys[T][K]) ** 2)

nets, ys = forward(W)

def fd_minus_dE_dnet(t, j):
    _, yp = forward(W, (t, j, EPS)); _, ym = forward(W, (t, j, -EPS))
    return -(loss(yp) - loss(ym)) / (2 * EPS)

# line 102: delta_k(T) = f'(net_k(T)) (d_k - y_k(T))
delta_T = np.zeros(n)
for a, k in enumerate(K):
    delta_T[k] = fp(nets[T][k]) * (d[a] - ys[T][k])
num = [fd_minus_dE_dnet(T, k) for k in range(n)]   # non-output units have 0
record(102, close(delta_T, num), "delta_k(T) vs -dE/dnet_k(T)")

# line 114: delta_j(t) = f'_j(net_j(t)) sum_i w_ij delta_i(t+1)
deltas = {T: delta_T}
for t in range(T - 1, 0, -1):
    deltas[t] = fp(nets[t]) * (W.T @ deltas[t + 1])
for t in range(T - 1, 0, -1):
    num = [fd_minus_dE_dnet(t, j) for j in range(n)]
    record(114, close(deltas[t], num), "recursion vs FD at t=%d" % t)

# line 96: weight-update contribution eta*delta_j(t)*y_l(t-1); summed over t (eta=1) = -dE/dw_jl
G = sum(np.outer(deltas[t], ys[t - 1]) for t in range(1, T + 1))
numG = np.zeros_like(W)
for j in range(n):
    for l in range(n):
        Wp = W.copy(); Wp[j, l] += EPS; Wm = W.copy(); Wm[j, l] -= EPS
        numG[j, l] = -(loss(forward(Wp)[1]) - loss(forward(Wm)[1])) / (2 * EPS)
record(96, close(G, numG), "sum_t delta_j(t) y_l(t-1) vs -dE/dw_jl")

# error-transport coefficients by FD: C[q][u, v] = d net_u(t) / d net_v(t-q)
t0 = T
def fd_transport(q):
    C = np.zeros((n, n))
    for v in range(n):
        np_, _ = forward(W, (t0 - q, v, EPS)); nm_, _ = forward(W, (t0 - q, v, -EPS))
        C[:, v] = (np_[t0] - nm_[t0]) / (2 * EPS)
    return C
C = {q: fd_transport(q) for q in (1, 2, 3)}

# line 127: q = 1 branch: f'_v(net_v(t-1)) w_uv
pred1 = np.array([[fp(nets[t0 - 1][v]) * W[u, v] for v in range(n)] for u in range(n)])
record(127, close(pred1, C[1]), "q=1 branch vs FD")

# line 128: q > 1 branch: f'_v(net_v(t-q)) sum_l [d delta_l(t-q+1)/d delta_u(t)] w_lv
for q in (2, 3):
    pred = np.array([[fp(nets[t0 - q][v]) * sum(C[q - 1][u, l] * W[l, v] for l in range(n))
                      for v in range(n)] for u in range(n)])
    record(128, close(pred, C[q]), "q=%d recursion vs FD" % q)

# line 134: path sum with w_{l_m l_{m-1}} as printed (l_0 = u, l_q = v)
import itertools
def path_sum(q, u, v, transpose_as_printed=True):
    tot = 0.0
    for mids in itertools.product(range(n), repeat=q - 1):
        ls = [u] + list(mids) + [v]
        p = 1.0
        for m in range(1, q + 1):
            w = W[ls[m], ls[m - 1]] if transpose_as_printed else W[ls[m - 1], ls[m]]
            p *= fp(nets[t0 - m][ls[m]]) * w
        tot += p
    return tot
for q in (1, 2, 3):
    printed = np.array([[path_sum(q, u, v, True) for v in range(n)] for u in range(n)])
    fixed = np.array([[path_sum(q, u, v, False) for v in range(n)] for u in range(n)])
    record(134, close(printed, C[q]), "q=%d printed w_{l_m l_{m-1}}: max err %.3g; with w_{l_{m-1} l_m}: max err %.3g"
           % (q, np.max(np.abs(printed - C[q])), np.max(np.abs(fixed - C[q]))))

# ---------------- 1997 memory cell (section 3.1/3.2) ----------------
m = 5
yprev = rng.normal(size=m)
w_in, w_out, w_c = rng.normal(size=(3, m))
sc_prev = rng.normal()
sig = lambda z: 1 / (1 + np.exp(-z)); sigp = lambda z: sig(z) * (1 - sig(z))
g = lambda z: 4 * sig(z) - 2; gp = lambda z: 4 * sigp(z)
h = lambda z: 2 * sig(z) - 1; hp = lambda z: 2 * sigp(z)

def cell(y):
    net_in, net_out, net_c = w_in @ y, w_out @ y, w_c @ y
    y_in, y_out = sig(net_in), sig(net_out)
    sc = sc_prev + y_in * g(net_c)
    return dict(net_in=net_in, net_out=net_out, net_c=net_c, y_in=y_in, y_out=y_out, sc=sc, y_c=y_out * h(sc))

def fd_cell(key):
    out = np.zeros(m)
    for u in range(m):
        e = np.zeros(m); e[u] = EPS
        out[u] = (cell(yprev + e)[key] - cell(yprev - e)[key]) / (2 * EPS)
    return out
s = cell(yprev)
# line 82: dy_in/dy_u = f'_in(net_in) dnet_in/dy_u (exact chain rule; the '~_tr 0' is the truncation definition)
record(82, close(sigp(s["net_in"]) * w_in, fd_cell("y_in")), "chain rule for input gate (untruncated)")
# line 85: same for output gate
record(85, close(sigp(s["net_out"]) * w_out, fd_cell("y_out")), "chain rule for output gate (untruncated)")
# line 90: three-term chain rule for y_c
d_out = sigp(s["net_out"]) * h(s["sc"])
d_in = s["y_out"] * hp(s["sc"]) * sigp(s["net_in"]) * g(s["net_c"])
d_c = s["y_out"] * hp(s["sc"]) * s["y_in"] * gp(s["net_c"])
record(90, close(d_out * w_out + d_in * w_in + d_c * w_c, fd_cell("y_c")), "three-term chain rule (untruncated)")
# line 32: net_c written with one weight w_{cvj} (no source index u) vs per-connection net input of (6)-(8)
written = w_c[0] * np.sum(yprev)
record(32, close(written, w_c @ yprev), "single-weight form %.4f vs per-connection %.4f" % (written, w_c @ yprev))

# ---------------- report ----------------
ok = True
for line in sorted(EXP, key=int):
    exp = EXP[line]["expected"]
    if int(line) in results:
        got, det = results[int(line)]
        flag = "OK" if got == exp else "MISMATCH"
        ok &= got == exp
        print("line %s: expected %s, numeric %s  [%s] %s" % (line, exp, got, flag, det))
    else:
        print("line %s: expected %s, numeric n/a (definition / not numerically checkable)" % (line, exp))
for line in results:
    if str(line) not in EXP:
        print("line %d checked but not in expected.json" % line); ok = False
sys.exit(0 if ok else 1)
