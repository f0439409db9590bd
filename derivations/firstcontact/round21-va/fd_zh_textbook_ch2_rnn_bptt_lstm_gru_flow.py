# FD checks for zh_textbook_ch2_rnn_bptt_lstm_gru_flow.md
# RNN (column vectors): z_t = W_hh h_{t-1} + W_xh x_t + b_h, h_t = tanh(z_t), y_t = softmax(W_hy h_t + b_y).
# The chapter names a per-step loss L_t but never writes it; here L_t = -log y_t[target_t] and L = sum_t L_t.
# LSTM: gates on [h_{t-1}, x_t] (W in R^{d_h x (d_h+d_x)}), C_t = f*C_{t-1} + i*C~, h_t = o*tanh(C_t).
import numpy as np

rng = np.random.default_rng(21)
dh, dx, K, T = 3, 2, 3, 5
eps = 1e-6
sig = lambda a: 1 / (1 + np.exp(-a))
close = lambda A, B, tol=1e-6: np.allclose(A, B, atol=tol, rtol=1e-5)


def rep(line, ok, note=""):
    print(f"line {line}: {'OK' if ok else 'MISMATCH'} {note}")


# ---------------- RNN ----------------
Whh = rng.normal(size=(dh, dh)) * 0.9; Wxh = rng.normal(size=(dh, dx)); bh = rng.normal(size=(dh, 1)) * 0.3
Why = rng.normal(size=(K, dh)); by = rng.normal(size=(K, 1)) * 0.3
X = [rng.normal(size=(dx, 1)) for _ in range(T)]
tg = [int(v) for v in rng.integers(0, K, size=T)]


def rnn(Whh=Whh, Wxh=Wxh, bh=bh, pert=None, X=X):
    pert = pert or {}
    h = np.zeros((dh, 1)); L = 0.0; S = []
    for t in range(T):
        hp = h
        z = Whh @ hp + Wxh @ X[t] + bh + pert.get(("z", t), 0)
        h = np.tanh(z) + pert.get(("h", t), 0)
        a = Why @ h + by; y = np.exp(a - a.max()); y /= y.sum()
        L += -np.log(y[tg[t], 0])
        S.append(dict(hp=hp, z=z, h=h, y=y))
    return L, S


L0, S = rnn()


def fdnode(kind, t, fn=rnn):
    g = np.zeros((dh, 1))
    for k in range(dh):
        e = np.zeros((dh, 1)); e[k] = eps
        g[k] = (fn(pert={(kind, t): e})[0] - fn(pert={(kind, t): -e})[0]) / (2 * eps)
    return g


delta = {t: fdnode("h", t) for t in range(T)}
dz = {t: fdnode("z", t) for t in range(T)}


def jac_step(t):   # dh_t/dh_{t-1} by FD at the recorded state
    J = np.zeros((dh, dh))
    for k in range(dh):
        e = np.zeros((dh, 1)); e[k] = eps
        f = lambda s: np.tanh(Whh @ (S[t]["hp"] + s * e) + Wxh @ X[t] + bh)
        J[:, k] = ((f(1) - f(-1)) / (2 * eps)).ravel()
    return J


Jt = {t: jac_step(t) for t in range(1, T)}
for l in (9, 18, 44, 65):
    rep(l, True, "(forward definition)")
rep(31, True, "(definition delta_t = dL/dh_t, total)")


def direct(t):   # dL_t/dh_t through y_t only
    e = np.zeros((K, 1)); e[tg[t]] = 1
    return Why.T @ (S[t]["y"] - e)


ok38 = all(close(direct(t) + (Jt[t + 1].T @ delta[t + 1] if t + 1 < T else 0), delta[t]) for t in range(T))
rep(38, ok38)
rep(46, all(close(delta[t] * (1 - np.tanh(S[t]["z"]) ** 2), dz[t]) for t in range(T)))


def fdW(name):
    base = {"Whh": Whh, "Wxh": Wxh, "bh": bh}[name]; G = np.zeros_like(base)
    for idx in np.ndindex(base.shape):
        Mp = base.copy(); Mp[idx] += eps; Mm = base.copy(); Mm[idx] -= eps
        G[idx] = (rnn(**{name: Mp})[0] - rnn(**{name: Mm})[0]) / (2 * eps)
    return G


d = {t: delta[t] * (1 - np.tanh(S[t]["z"]) ** 2) for t in range(T)}
ok51 = close(sum(d[t] @ S[t]["hp"].T for t in range(T)), fdW("Whh")) and \
    close(sum(d[t] @ X[t].T for t in range(T)), fdW("Wxh")) and close(sum(d[t] for t in range(T)), fdW("bh"))
rep(51, ok51, "(all three rows)")
rep(68, all(close(np.diag((1 - np.tanh(S[t]["z"]) ** 2).ravel()) @ Whh, Jt[t]) for t in range(1, T)))
# 22: same Jacobian with zero input
X0 = [np.zeros((dx, 1)) for _ in range(T)]
_, S0 = rnn(X=X0)
J0 = np.zeros((dh, dh)); t0 = 2
for k in range(dh):
    e = np.zeros((dh, 1)); e[k] = eps
    f = lambda s: np.tanh(Whh @ (S0[t0]["hp"] + s * e) + bh)
    J0[:, k] = ((f(1) - f(-1)) / (2 * eps)).ravel()
rep(22, close(np.diag((1 - np.tanh(S0[t0]["z"]) ** 2).ravel()) @ Whh, J0), "(x_t = 0)")
# 73: dh_t/dh_k = ordered product (j = t ... k+1 from left to right)
k0, t1 = 0, T - 1
Jfull = np.zeros((dh, dh))
for k in range(dh):
    e = np.zeros((dh, 1)); e[k] = eps
    def prop(s):
        h = S[k0]["h"] + s * e
        for t in range(k0 + 1, t1 + 1):
            h = np.tanh(Whh @ h + Wxh @ X[t] + bh)
        return h
    Jfull[:, k] = ((prop(1) - prop(-1)) / (2 * eps)).ravel()
prod = np.eye(dh)
for j in range(t1, k0, -1):
    prod = prod @ (np.diag((1 - np.tanh(S[j]["z"]) ** 2).ravel()) @ Whh)
rep(73, close(prod, Jfull), "(product ordered j=t..k+1 left to right)")

# ---------------- LSTM ----------------
P = {g: rng.normal(size=(dh, dh + dx)) * 0.8 for g in "fiCo"}
B = {g: rng.normal(size=(dh, 1)) * 0.3 for g in "fiCo"}
XL = [rng.normal(size=(dx, 1)) for _ in range(T)]


def lstm(B=B, pert=None, frozen=None, Cstart=None):
    """frozen: list of recorded gate dicts -> gates not recomputed (direct cell path only)."""
    pert = pert or {}
    h = np.zeros((dh, 1)); C = np.zeros((dh, 1)); S = []
    for t in range(T):
        if frozen is not None and t <= Cstart[0]:
            h, C = frozen[t]["h"], frozen[t]["C"]
            if t == Cstart[0]:
                C = C + Cstart[1]
            S.append(frozen[t]); continue
        zc = np.vstack([h, XL[t]])
        a = {g: P[g] @ zc + B[g] for g in "fiCo"}
        if frozen is not None:
            f, i, ct, o = (frozen[t][k] for k in ("f", "i", "ct", "o"))
        else:
            f, i, ct, o = sig(a["f"]), sig(a["i"]), np.tanh(a["C"]), sig(a["o"])
        Cp = C
        C = f * Cp + i * ct + pert.get(("C", t), 0)
        h = o * np.tanh(C)
        S.append(dict(a=a, f=f, i=i, ct=ct, o=o, Cp=Cp, C=C, h=h, zc=zc))
    return S


SL = lstm()
for l in (105, 109, 110, 112, 115, 116, 121):
    rep(l, True, "(forward definition)")
zc = SL[2]["zc"]
rep(107, close(sig(P["f"] @ zc + B["f"]), sig(np.hstack([P["f"][:, :dh], P["f"][:, dh:]]) @ np.vstack([zc[:dh], zc[dh:]]) + B["f"])),
    "(block form = concatenated form)")
# 88: with f_t ~ 1 the (partial) cell-to-cell derivative diag(f_t) is ~ I
Bf = dict(B); Bf["f"] = np.full((dh, 1), 14.0)
SLf = lstm(B=Bf)
rep(88, np.max(np.abs(SLf[3]["f"] - 1)) < 1e-5, "(d C_t / d C_{t-1} = diag(f_t) -> I when the forget gate saturates at 1)")
# 122: total Jacobian dC_t/dC_{t-1} (C_{t-1} also feeds h_{t-1} -> gates of step t)
t = 3
Jtot = np.zeros((dh, dh))
for k in range(dh):
    e = np.zeros((dh, 1)); e[k] = eps
    Jtot[:, k] = ((lstm(pert={("C", t - 1): e})[t]["C"] - lstm(pert={("C", t - 1): -e})[t]["C"]) / (2 * eps)).ravel()
s, sp = SL[t], SL[t - 1]
Dm = np.diag((sp["o"] * (1 - np.tanh(sp["C"]) ** 2)).ravel())          # dh_{t-1}/dC_{t-1}
Wh = {g: P[g][:, :dh] for g in "fiCo"}
dsig = lambda v: v * (1 - v)
term1 = np.diag((s["Cp"] * dsig(s["f"])).ravel()) @ Wh["f"] @ Dm
term2 = np.diag((s["i"] * (1 - s["ct"] ** 2)).ravel()) @ Wh["C"] @ Dm
rest = np.diag((s["ct"] * dsig(s["i"])).ravel()) @ Wh["i"] @ Dm
rep(122, close(np.diag(s["f"].ravel()) + term1 + term2 + rest, Jtot),
    "(total derivative via h_{t-1}; term_1 = forget-gate path, term_2 = candidate path, '+...' = input-gate path)")
# 125: along the direct cell path (gates frozen) dC_T/dC_k is exactly prod diag(f_t)
k0 = 1
Jd = np.zeros((dh, dh))
for k in range(dh):
    e = np.zeros((dh, 1)); e[k] = eps
    Jd[:, k] = ((lstm(frozen=SL, Cstart=(k0, e))[T - 1]["C"] - lstm(frozen=SL, Cstart=(k0, -e))[T - 1]["C"]) / (2 * eps)).ravel()
pf = np.eye(dh)
for tt in range(k0 + 1, T):
    pf = np.diag(SL[tt]["f"].ravel()) @ pf
rep(125, close(pf, Jd), "(approximation: exact on the direct cell path, indirect gate terms dropped)")
for l in (138, 139, 140, 141):
    rep(l, True, "(GRU forward definition, no biases)")
