"""Finite-difference check of luong_see_lstm_backprop_draft.tex (numpy only).

Part 1 (lines 81-118): vanilla RNN h_t = sigma(W_xh x_t + W_hh h_{t-1}) = sigma(T [x_t; h_{t-1}]) with the
logistic sigma (so gamma = sup sigma' = 1/4), column vectors; lambda_1 read as the largest singular value of W_hh.
Line 118 (dc_t/dc_{t-1} = I) is checked on the LSTM of part 2.

Part 2 (lines 126-533): the author's L-layer LSTM (Zaremba formulation, no biases), column vectors,
  [i; f; o; hhat]^l_t = [sigm; sigm; sigm; tanh]( T^l [h^{l-1}_t; h^l_{t-1}] ),  T^l = [[U_i V_i];[U_f V_f];[U_o V_o];[U_h V_h]],
  c^l_t = f o c^l_{t-1} + i o hhat,  h^l_t = o o tanh(c^l_t),  h^0_t = x_t,  h^l_0 = c^l_0 = 0.
Here L = 2 layers, n = 3, T = 4 steps, and the loss (not specified by the author, who only uses L as "the loss")
is taken on the top layer: Loss = sum_t 1/2 ||h^2_t - y_t||^2.  All delta's are obtained by central differences
on hooks that add a perturbation to z^l_g(t), h^l_t or c^l_t inside the forward pass.
"""
import json, os
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
FNAME = "luong_see_lstm_backprop_draft.tex"
EXP = json.load(open(os.path.join(HERE, "expected.json")))[FNAME]
rng = np.random.default_rng(44)
EPS = 1e-6
results = {}
sig = lambda z: 1.0 / (1.0 + np.exp(-z))
dsig = lambda z: sig(z) * (1 - sig(z))
dtanh = lambda z: 1 - np.tanh(z) ** 2


def close(a, b, tol=1e-6):
    a = np.asarray(a, float); b = np.asarray(b, float)
    return a.shape == b.shape and np.max(np.abs(a - b)) <= tol * (1 + np.max(np.abs(b)))


def report(line, ok):
    results[line] = "OK" if ok else "MISMATCH"


# ---------------------------------------------------------------- part 1: vanilla RNN
d = 3
Wxh = rng.normal(size=(d, d)); Whh = rng.normal(size=(d, d)) * 0.9
Trnn = np.hstack([Wxh, Whh])
xs = [rng.normal(size=d) for _ in range(6)]


def rnn_step(x, h):
    return sig(Wxh @ x + Whh @ h)


# lines 81 / 92 / 97: sigma(T [x; h]) with T = [W_xh W_hh] is the same map as sigma(W_xh x + W_hh h)
h = rng.normal(size=d)
ok = close(sig(Trnn @ np.concatenate([xs[0], h])), rnn_step(xs[0], h))
report(81, ok); report(92, ok); report(97, ok)


def jac_fd(f, v):
    cols = []
    for j in range(v.size):
        e = np.zeros_like(v); e[j] = EPS
        cols.append((f(v + e) - f(v - e)) / (2 * EPS))
    return np.stack(cols, axis=1)          # J[i, j] = d f_i / d v_j


hp = rng.normal(size=d)
J = jac_fd(lambda hh: rnn_step(xs[1], hh), hp)
a = Wxh @ xs[1] + Whh @ hp
author = np.diag(dsig(a)) @ Whh.T
report(103, close(author, J) or close(author.T, J))      # neither layout matches
assert close(np.diag(dsig(a)) @ Whh, J)
spec = lambda M: np.linalg.norm(M, 2)
gamma, lam1 = 0.25, spec(Whh)
ok107 = ok109 = ok113 = True
for trial in range(200):
    hp = rng.normal(size=d) * 2
    x = rng.normal(size=d)
    a = Wxh @ x + Whh @ hp
    Jt = jac_fd(lambda hh: rnn_step(x, hh), hp)
    ok107 &= spec(Jt) <= spec(np.diag(dsig(a))) * spec(Whh.T) + 1e-8
    ok109 &= spec(np.diag(dsig(a))) * spec(Whh.T) <= gamma * lam1 + 1e-12
for k in range(1, 6):
    h0 = rng.normal(size=d)

    def roll(hh, k=k):
        for t in range(k):
            hh = rnn_step(xs[t], hh)
        return hh
    ok113 &= spec(jac_fd(roll, h0)) <= (gamma * lam1) ** k + 1e-8
report(107, ok107); report(109, ok109); report(113, ok113)

# ---------------------------------------------------------------- part 2: 2-layer LSTM
n, Lyr, T = 3, 2, 4
G = ["i", "f", "o", "g"]          # g = hat h (input modulation gate)
U = {(l, g): rng.normal(size=(n, n)) * 0.8 for l in (1, 2) for g in G}
V = {(l, g): rng.normal(size=(n, n)) * 0.8 for l in (1, 2) for g in G}
X = [None] + [rng.normal(size=n) for _ in range(T)]
Y = [None] + [rng.normal(size=n) * 0.5 for _ in range(T)]
act = {"i": sig, "f": sig, "o": sig, "g": np.tanh}
dact = {"i": dsig, "f": dsig, "o": dsig, "g": dtanh}


def forward(pz=None, ph=None, pc=None, Uo=None, Vo=None):
    """pz[(l,g,t)], ph[(l,t)], pc[(l,t)]: vectors added to z, h, c;  Uo/Vo: overriding weights."""
    pz, ph, pc = pz or {}, ph or {}, pc or {}
    Uu = dict(U); Uu.update(Uo or {})
    Vv = dict(V); Vv.update(Vo or {})
    h = {(l, 0): np.zeros(n) for l in (1, 2)}
    c = {(l, 0): np.zeros(n) for l in (1, 2)}
    z, gate = {}, {}
    for t in range(1, T + 1):
        h[(0, t)] = X[t]
        for l in (1, 2):
            for g in G:
                z[(l, g, t)] = Uu[(l, g)] @ h[(l - 1, t)] + Vv[(l, g)] @ h[(l, t - 1)] + pz.get((l, g, t), 0)
                gate[(l, g, t)] = act[g](z[(l, g, t)])
            c[(l, t)] = gate[(l, "f", t)] * c[(l, t - 1)] + gate[(l, "i", t)] * gate[(l, "g", t)] + pc.get((l, t), 0)
            h[(l, t)] = gate[(l, "o", t)] * np.tanh(c[(l, t)]) + ph.get((l, t), 0)
    loss = sum(0.5 * np.sum((h[(2, t)] - Y[t]) ** 2) for t in range(1, T + 1))
    return loss, h, c, z, gate


L0, H, C, Z, GT = forward()


def grad_vec(kind, key):
    out = np.zeros(n)
    for j in range(n):
        e = np.zeros(n); e[j] = EPS
        Lp = forward(**{kind: {key: e}})[0]
        Lm = forward(**{kind: {key: -e}})[0]
        out[j] = (Lp - Lm) / (2 * EPS)
    return out


dz = {(l, g, t): grad_vec("pz", (l, g, t)) for l in (1, 2) for g in G for t in range(1, T + 1)}
dh = {(l, t): grad_vec("ph", (l, t)) for l in (1, 2) for t in range(1, T + 1)}
dc = {(l, t): grad_vec("pc", (l, t)) for l in (1, 2) for t in range(1, T + 1)}
zero = np.zeros(n)
DZ = lambda l, g, t: dz[(l, g, t)] if 1 <= t <= T and 1 <= l <= Lyr else zero
DC = lambda l, t: dc[(l, t)] if 1 <= t <= T else zero
F = lambda l, t: GT[(l, "f", t)] if 1 <= t <= T else zero


def grad_W(which, l, g):
    base = U if which == "U" else V
    M = np.zeros((n, n))
    for a_ in range(n):
        for b_ in range(n):
            E = np.zeros((n, n)); E[a_, b_] = EPS
            kw = {"Uo" if which == "U" else "Vo": {(l, g): base[(l, g)] + E}}
            kwm = {"Uo" if which == "U" else "Vo": {(l, g): base[(l, g)] - E}}
            M[a_, b_] = (forward(**kw)[0] - forward(**kwm)[0]) / (2 * EPS)
    return M


dU = {(l, g): grad_W("U", l, g) for l in (1, 2) for g in G}
dV = {(l, g): grad_W("V", l, g) for l in (1, 2) for g in G}

# forward / definition lines: T^l split into U, V blocks reproduces the forward pass (126, 144, 145, 186, 201, 203, 208)
ok = True
for l in (1, 2):
    Tl = np.vstack([np.hstack([U[(l, g)], V[(l, g)]]) for g in G])
    for t in range(1, T + 1):
        zz = Tl @ np.concatenate([H[(l - 1, t)], H[(l, t - 1)]])
        for k, g in enumerate(G):
            ok &= close(zz[k * n:(k + 1) * n], Z[(l, g, t)])
        ok &= close(C[(l, t)], GT[(l, "f", t)] * C[(l, t - 1)] + GT[(l, "i", t)] * GT[(l, "g", t)])
        ok &= close(H[(l, t)], GT[(l, "o", t)] * np.tanh(C[(l, t)]))
for line in (126, 144, 145, 186, 201, 203, 208):
    report(line, ok)
# definitions of the deltas (235, 237, 246, 279, 303, 340, 379, 396, 414, 432, 460): FD computes exactly these quantities
for line in (235, 237, 246, 279, 303, 340, 379, 396, 414, 432, 460):
    report(line, True)

# line 118: dc_t/dc_{t-1} = I  (direct partial with h_{t-1} held fixed is diag(f_t); the total one differs as well)
l, t = 1, 3
Jpart = np.zeros((n, n)); Jtot = np.zeros((n, n))
for j in range(n):
    e = np.zeros(n); e[j] = EPS
    Jpart[:, j] = ((GT[(l, "f", t)] * (C[(l, t - 1)] + e) + GT[(l, "i", t)] * GT[(l, "g", t)])
                   - (GT[(l, "f", t)] * (C[(l, t - 1)] - e) + GT[(l, "i", t)] * GT[(l, "g", t)])) / (2 * EPS)
    Jtot[:, j] = (forward(pc={(l, t - 1): e})[2][(l, t)] - forward(pc={(l, t - 1): -e})[2][(l, t)]) / (2 * EPS)
assert close(Jpart, np.diag(GT[(l, "f", t)]))
report(118, close(np.eye(n), Jpart) or close(np.eye(n), Jtot))


def author_dh(l, t):   # lines 258, 319, 508: U^l with delta^l(t+1), V^l with delta^{l+1}(t)
    return sum(U[(l, g)].T @ DZ(l, g, t + 1) + V[(l, g)].T @ DZ(l + 1, g, t) for g in G)


def correct_dh(l, t):
    return sum(V[(l, g)].T @ DZ(l, g, t + 1) + U[(l + 1, g)].T @ DZ(l + 1, g, t) for g in G)


assert all(close(correct_dh(1, t), dh[(1, t)]) for t in range(1, T + 1))
ok = all(close(author_dh(1, t), dh[(1, t)]) for t in range(1, T + 1))
report(258, ok); report(319, ok); report(508, ok)


# line 283: chain rule over the eight weighted inputs, with FD partials dz/dh
def dz_dh(l_z, g, t_z, l_h, t_h):
    Jm = np.zeros((n, n))
    for j in range(n):
        e = np.zeros(n); e[j] = EPS
        Jm[:, j] = (forward(ph={(l_h, t_h): e})[3][(l_z, g, t_z)] - forward(ph={(l_h, t_h): -e})[3][(l_z, g, t_z)]) / (2 * EPS)
    return Jm


ok283 = ok308 = ok313 = True
for t in range(1, T):
    tot = np.zeros(n)
    for g in G:
        Ja = dz_dh(1, g, t + 1, 1, t)          # z^l(t+1) wrt h^l_t
        Jb = dz_dh(2, g, t, 1, t)              # z^{l+1}(t) wrt h^l_t
        tot += Ja.T @ DZ(1, g, t + 1) + Jb.T @ DZ(2, g, t)
        ok308 &= close(Ja, V[(1, g)])          # lines 308-309: d z_i^l(t+1)_k / d (h^l_t)_j = (V^l)_kj
        if g == "i":
            ok313 &= close(Ja.T @ DZ(1, g, t + 1), V[(1, g)].T @ DZ(1, g, t + 1))
    ok283 &= close(tot, dh[(1, t)])
report(283, ok283); report(308, ok308); report(309, ok308); report(313, ok313)

# line 307: substitutes U_i^l h^l_{t+1} (instead of U_i^l h^{l-1}_{t+1}) into the definition of z_i^l(t+1)
t = 2
lit = U[(1, "i")] @ H[(1, t + 1)] + V[(1, "i")] @ H[(1, t)]
Jlit = np.zeros((n, n))
for j in range(n):
    e = np.zeros(n); e[j] = EPS
    Hp = forward(ph={(1, t): e})[1]; Hm = forward(ph={(1, t): -e})[1]
    Jlit[:, j] = ((U[(1, "i")] @ Hp[(1, t + 1)] + V[(1, "i")] @ Hp[(1, t)])
                  - (U[(1, "i")] @ Hm[(1, t + 1)] + V[(1, "i")] @ Hm[(1, t)])) / (2 * EPS)
report(307, close(lit, Z[(1, "i", t + 1)]) and close(Jlit, V[(1, "i")]))

# delta_c lemma (334, 366, 522) and the sketch lines 172 / 174
ok_c = all(close(DC(l, t + 1) * F(l, t + 1) + dh[(l, t)] * GT[(l, "o", t)] * dtanh(C[(l, t)]), dc[(l, t)])
           for l in (1, 2) for t in range(1, T + 1))
for line in (334, 366, 522, 172):
    report(line, ok_c)
report(174, all(close(dc[(l, t - 1)] - dh[(l, t - 1)] * GT[(l, "o", t - 1)] * dtanh(C[(l, t - 1)]),
                      dc[(l, t)] * GT[(l, "f", t)])
                for l in (1, 2) for t in range(2, T + 1)))


# line 341: chain rule split with local partials; 346/348: dc_{t+1}/dc_t (local) = f_{t+1}; 356/358: dh/dc (local)
ok341 = ok346 = ok356 = True
for l in (1, 2):
    for t in range(1, T + 1):
        loc_cc = np.diag(F(l, t + 1))
        loc_hc = np.diag(GT[(l, "o", t)] * dtanh(C[(l, t)]))
        ok341 &= close(loc_cc.T @ DC(l, t + 1) + loc_hc.T @ dh[(l, t)], dc[(l, t)])
        if t < T:
            Jm = np.zeros((n, n))
            for j in range(n):
                e = np.zeros(n); e[j] = EPS
                f_, i_, g_ = GT[(l, "f", t + 1)], GT[(l, "i", t + 1)], GT[(l, "g", t + 1)]
                Jm[:, j] = ((f_ * (C[(l, t)] + e) + i_ * g_) - (f_ * (C[(l, t)] - e) + i_ * g_)) / (2 * EPS)
            ok346 &= close(Jm, loc_cc)
        Jh = np.zeros((n, n))
        for j in range(n):
            e = np.zeros(n); e[j] = EPS
            o_ = GT[(l, "o", t)]
            Jh[:, j] = (o_ * np.tanh(C[(l, t)] + e) - o_ * np.tanh(C[(l, t)] - e)) / (2 * EPS)
        ok356 &= close(Jh, loc_hc)
report(341, ok341); report(346, ok346); report(348, ok346); report(356, ok356); report(358, ok356)

# gate lemmas and their element-wise proofs
ok_i = ok_f = ok_o = ok_g = True
for l in (1, 2):
    for t in range(1, T + 1):
        cprev = C[(l, t - 1)]
        ok_i &= close(dc[(l, t)] * dsig(Z[(l, "i", t)]) * GT[(l, "g", t)], dz[(l, "i", t)])
        ok_f &= close(dc[(l, t)] * dsig(Z[(l, "f", t)]) * cprev, dz[(l, "f", t)])
        ok_o &= close(dh[(l, t)] * dsig(Z[(l, "o", t)]) * np.tanh(C[(l, t)]), dz[(l, "o", t)])
        ok_g &= close(dc[(l, t)] * GT[(l, "i", t)] * dtanh(Z[(l, "g", t)]), dz[(l, "g", t)])
for line in (373, 380, 381, 382, 383, 523):
    report(line, ok_i)
for line in (390, 397, 398, 399, 400, 525):
    report(line, ok_f)
for line in (408, 415, 416, 417, 418, 524):
    report(line, ok_o)
for line in (426, 433, 434, 435, 436, 526):
    report(line, ok_g)

# weight-gradient lemma (446-452, 469): sum_t h (delta)^T;  proof lines 464-465 and corollary 477 / 533: delta h^T
hdT_U = lambda l, g: sum(np.outer(H[(l - 1, t)], dz[(l, g, t)]) for t in range(1, T + 1))
hdT_V = lambda l, g: sum(np.outer(H[(l, t - 1)], dz[(l, g, t)]) for t in range(1, T + 1))
dhT_U = lambda l, g: sum(np.outer(dz[(l, g, t)], H[(l - 1, t)]) for t in range(1, T + 1))
dhT_V = lambda l, g: sum(np.outer(dz[(l, g, t)], H[(l, t - 1)]) for t in range(1, T + 1))
for line, g in ((446, "i"), (448, "f"), (450, "o"), (452, "g")):
    report(line, all(close(hdT_U(l, g), dU[(l, g)]) and close(hdT_V(l, g), dV[(l, g)]) for l in (1, 2)))
report(469, all(close(hdT_U(l, "i"), dU[(l, "i")]) for l in (1, 2)))
ok464 = all(close(dhT_U(l, "i"), dU[(l, "i")]) for l in (1, 2))
report(464, ok464); report(465, ok464)
okcor = all(close(dhT_U(l, g), dU[(l, g)]) and close(dhT_V(l, g), dV[(l, g)]) for l in (1, 2) for g in G)
report(477, okcor); report(533, okcor)

agree = 0
for line in sorted(results):
    exp = EXP[str(line)]["expected"]
    want = "OK" if exp == "pass" else "MISMATCH"
    a = results[line] == want
    agree += a
    print(f"line {line:4d}: {results[line]:8s} expected {exp:4s} -> {'agrees' if a else 'DISAGREES'}")
missing = sorted(set(map(int, EXP)) - set(results))
print(f"{agree}/{len(results)} agree; annotated but unchecked: {missing}")
