"""Finite-difference check of greff_peephole_hochreiter_ja.md (numpy only).

Part A: Hochreiter error flow (md lines 14 and 24) in a fully recurrent net
        net_i(t) = sum_j w_ij y_j(t-1), y_i = f_i(net_i), W[i, j] = w_ij = weight from unit j to unit i
        (Hochreiter's convention; the note's q=1 case f'_v w_uv and the q>1 factor w_lv use it).
        With a loss that is linear in net(t) with coefficients theta(t), theta_v(t-q) = dE/dnet_v(t-q),
        so d theta_v(t-q)/d theta_u(t) = d net_u(t) / d net_v(t-q): measured by finite differences.
Part B: Greff-notation peephole LSTM (md lines 50-78), deltas = dL/d pre-activation (bar quantities).
"""
import numpy as np
from itertools import product

rng = np.random.default_rng(0)
ok = lambda a, b: np.allclose(a, b, rtol=1e-5, atol=1e-7)

# ---------------- Part A ----------------
n, T = 3, 6
W = rng.normal(0, 0.8, (n, n))
y0 = rng.normal(size=n)
f = np.tanh
fp = lambda a: 1 - np.tanh(a) ** 2

def run(pert=None):
    """pert=(time, unit, eps): add eps to net_unit(time). returns nets[0..T]"""
    nets = [None]
    y = y0
    for t in range(1, T + 1):
        net = W @ y
        if pert is not None and pert[0] == t:
            net = net.copy(); net[pert[1]] += pert[2]
        nets.append(net)
        y = f(net)
    return nets

nets = run()
t = T
def true_D(q):  # true_D(q)[v, u] = d net_u(t) / d net_v(t-q)
    D = np.zeros((n, n)); eps = 1e-6
    for v in range(n):
        dp = run((t - q, v, eps))[t]; dm = run((t - q, v, -eps))[t]
        D[v] = (dp - dm) / (2 * eps)
    return D

fpt = lambda tt: fp(nets[tt])

def D_recursion_as_written(q):  # line 14: q>1 uses d v_v(t-q+1)/d v_u(t) inside sum over l
    if q == 1:
        return np.array([[fpt(t - 1)[v] * W[u, v] for u in range(n)] for v in range(n)])
    P = D_recursion_as_written(q - 1)
    return np.array([[fpt(t - q)[v] * sum(P[v, u] * W[l, v] for l in range(n)) for u in range(n)] for v in range(n)])

def D_recursion_hochreiter(q):  # Hochreiter 1997: d theta_l(t-q+1)/d theta_u(t) inside the sum
    if q == 1:
        return np.array([[fpt(t - 1)[v] * W[u, v] for u in range(n)] for v in range(n)])
    P = D_recursion_hochreiter(q - 1)
    return np.array([[fpt(t - q)[v] * sum(P[l, u] * W[l, v] for l in range(n)) for u in range(n)] for v in range(n)])

def D_product(q, transpose_w):  # line 24: prod_m f'_{l_m}(net(t-m)) w_{l_m l_{m-1}}, l_0=u, l_q=v
    D = np.zeros((n, n))
    for u in range(n):
        for v in range(n):
            s = 0.0
            for mid in product(range(n), repeat=q - 1):
                ls = (u,) + mid + (v,)
                p = 1.0
                for m in range(1, q + 1):
                    w = W[ls[m - 1], ls[m]] if transpose_w else W[ls[m], ls[m - 1]]
                    p *= fpt(t - m)[ls[m]] * w
                s += p
            D[v, u] = s
    return D

print("Part A: Hochreiter error flow, compare with finite differences")
for q in (1, 2, 3):
    Dt = true_D(q)
    print(f" q={q}: line14 as written: {ok(D_recursion_as_written(q), Dt)} | "
          f"line14 with v_l in the sum: {ok(D_recursion_hochreiter(q), Dt)} | "
          f"line24 as written w_(l_m l_m-1): {ok(D_product(q, False), Dt)} | "
          f"line24 with w_(l_m-1 l_m): {ok(D_product(q, True), Dt)}")

# ---------------- Part B ----------------
N, M, TT = 4, 3, 5
sig = lambda a: 1 / (1 + np.exp(-a))
dsig = lambda a: sig(a) * (1 - sig(a))
g = h = np.tanh
dg = dh = lambda a: 1 - np.tanh(a) ** 2
P = {k: rng.normal(0, 0.5, s) for k, s in
     dict(Wz=(N, M), Wi=(N, M), Wf=(N, M), Wo=(N, M), Rz=(N, N), Ri=(N, N), Rf=(N, N), Ro=(N, N),
          pi=(N,), pf=(N,), po=(N,), bz=(N,), bi=(N,), bf=(N,), bo=(N,)).items()}
X = rng.normal(size=(TT, M))
Tgt = rng.normal(size=(TT, N))

def forward(P, literal_o, hook=None):
    """literal_o=True: line 58 as written, o-bar = sigma(W x + R y + p c + b), o = sigma(o-bar).
       hook(t, name, value) may perturb a named intermediate (for FD of deltas)."""
    y = np.zeros(N); c = np.zeros(N); S = []
    for t in range(TT):
        x = X[t]
        zb = P['Wz'] @ x + P['Rz'] @ y + P['bz']; zb = hook(t, 'z', zb) if hook else zb
        ib = P['Wi'] @ x + P['Ri'] @ y + P['pi'] * c + P['bi']; ib = hook(t, 'i', ib) if hook else ib
        fb = P['Wf'] @ x + P['Rf'] @ y + P['pf'] * c + P['bf']; fb = hook(t, 'f', fb) if hook else fb
        cprev = c
        c = sig(ib) * g(zb) + sig(fb) * cprev; c = hook(t, 'c', c) if hook else c
        ao = P['Wo'] @ x + P['Ro'] @ y + P['po'] * c + P['bo']
        ob = sig(ao) if literal_o else ao
        ob = hook(t, 'o', ob) if hook else ob
        y = sig(ob) * h(c); y = hook(t, 'y', y) if hook else y
        S.append(dict(zb=zb, ib=ib, fb=fb, ob=ob, ao=ao, c=c, cprev=cprev, y=y))
    L = 0.5 * sum(np.sum((s['y'] - Tgt[t]) ** 2) for t, s in enumerate(S))
    return L, S

def backward_as_written(S):
    dz1 = di1 = df1 = do1 = dc1 = np.zeros(N); f1 = np.zeros(N)
    D = [None] * TT
    for t in reversed(range(TT)):
        s = S[t]
        Delta = s['y'] - Tgt[t]
        dy = Delta + P['Rz'].T @ dz1 + P['Ri'].T @ di1 + P['Rf'].T @ df1 + P['Ro'].T @ do1   # line 68
        do = dy * h(s['c']) * dsig(s['ob'])                                               # line 70
        dc = dy * sig(s['ob']) * dh(s['c']) + P['po'] * do + P['pi'] * di1 + P['pf'] * df1 + dc1 * f1  # line 72
        df = dc * s['cprev'] * dsig(s['fb'])                                              # line 74
        di = dc * g(s['zb']) * dsig(s['ib'])                                              # line 76
        dz = dc * sig(s['ib']) * dg(s['zb'])                                              # line 78
        D[t] = dict(y=dy, o=do, c=dc, f=df, i=di, z=dz)
        dz1, di1, df1, do1, dc1, f1 = dz, di, df, do, dc, sig(s['fb'])
    return D

def fd_delta(literal_o, t, name, eps=1e-6):
    out = np.zeros(N)
    for k in range(N):
        def hk(tt, nm, v, sgn):
            if tt == t and nm == name:
                v = v.copy(); v[k] += sgn * eps
            return v
        Lp, _ = forward(P, literal_o, lambda tt, nm, v: hk(tt, nm, v, 1))
        Lm, _ = forward(P, literal_o, lambda tt, nm, v: hk(tt, nm, v, -1))
        out[k] = (Lp - Lm) / (2 * eps)
    return out
# note: the FD of 'y' and 'c' gives the TOTAL derivative (all later uses), which is what delta y^t and delta c^t mean.

rows = [('y', 68), ('o', 70), ('c', 72), ('f', 74), ('i', 76), ('z', 78)]
for literal_o, label in ((False, "intended forward (o-bar = linear pre-activation, as in Greff)"),
                         (True, "literal line 58 (o-bar = sigma(...), o = sigma(o-bar))")):
    _, S = forward(P, literal_o)
    D = backward_as_written(S)
    print(f"Part B: {label}")
    for name, line in rows:
        res = all(ok(D[t][name], fd_delta(literal_o, t, name)) for t in range(TT))
        print(f"  line {line} delta {name}: {'agree' if res else 'DISAGREE'}")

# weight gradients implied by the deltas (Greff: dW = sum_t delta^t x^t^T, dR = sum_t delta^{t+1} y^t^T, dp_in = sum c^t delta i^{t+1}, dp_out = sum c^t delta o^t)
_, S = forward(P, False); D = backward_as_written(S)
def fd_param(key, eps=1e-6):
    G = np.zeros_like(P[key])
    for idx in np.ndindex(P[key].shape):
        old = P[key][idx]
        P[key][idx] = old + eps; Lp, _ = forward(P, False)
        P[key][idx] = old - eps; Lm, _ = forward(P, False)
        P[key][idx] = old
        G[idx] = (Lp - Lm) / (2 * eps)
    return G
gRo = sum(np.outer(D[t + 1]['o'], S[t]['y']) for t in range(TT - 1))
gpi = sum(S[t]['c'] * D[t + 1]['i'] for t in range(TT - 1))
gpo = sum(S[t]['c'] * D[t]['o'] for t in range(TT))
print("  check via deltas (intended forward): dR_out", ok(gRo, fd_param('Ro')), " dp_in", ok(gpi, fd_param('pi')), " dp_out", ok(gpo, fd_param('po')))
print("  helper line 62: sigma(x)=1/(1+e^-x), g=h=tanh used as defined")
