"""Finite-difference check of fr_lstm_numpy.py (French numpy LSTM, index file id 57682652822).

Forward (author): z_t=[h_{t-1};x_t] (column vectors), f,i,o = sigmoid(W@z+b), g = tanh(Wc@z+bc),
c_t = f*c_{t-1} + i*g, h_t = o*tanh(c_t), y_t = Why@h_t+by, p_t = softmax(y_t),
L = sum_t -log p_t[target_t].
Each backward row of the author is recomputed exactly as written and compared with a central
difference of L with respect to an additive perturbation of the matching forward quantity.
"""
import numpy as np

rng = np.random.default_rng(0)
H, D, O, T = 3, 4, 4, 4
S = 0.6
P = {k: rng.standard_normal((H, H + D)) * S for k in ("Wf", "Wi", "Wo", "Wc")}
P.update({k: rng.standard_normal((H, 1)) * S for k in ("bf", "bi", "bo", "bc")})
P["Why"] = rng.standard_normal((O, H)) * S
P["by"] = rng.standard_normal((O, 1)) * S
xs = [np.eye(D)[:, [k]] for k in rng.integers(0, D, T)]
targets = list(rng.integers(0, O, T))
h0 = rng.standard_normal((H, 1)) * 0.5
c0 = rng.standard_normal((H, 1)) * 0.5


def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


def forward(P, pert=None):
    """Author's forward; pert[(name, t)] is added to the named quantity right after it is computed.
    names: zh (h_{t-1} slot of z_t), cprev (c_{t-1} as used in c_t), af/ai/ao/ag (pre-activations),
    f/i/o/g (gate values), c, h, y."""
    pert = pert or {}
    e = lambda n, t: pert.get((n, t), 0.0)
    h, c = h0.copy(), c0.copy()
    L = 0.0
    cache = []
    for t in range(T):
        z = np.vstack((h + e("zh", t), xs[t]))
        cp = c + e("cprev", t)
        af = P["Wf"] @ z + P["bf"] + e("af", t)
        ai = P["Wi"] @ z + P["bi"] + e("ai", t)
        ao = P["Wo"] @ z + P["bo"] + e("ao", t)
        ag = P["Wc"] @ z + P["bc"] + e("ag", t)
        f = sigmoid(af) + e("f", t)
        i = sigmoid(ai) + e("i", t)
        o = sigmoid(ao) + e("o", t)
        g = np.tanh(ag) + e("g", t)
        c = f * cp + i * g + e("c", t)
        h = o * np.tanh(c) + e("h", t)
        y = P["Why"] @ h + P["by"] + e("y", t)
        ey = np.exp(y - np.max(y))
        p = ey / np.sum(ey)
        L += -np.log(p[targets[t], 0])
        cache.append(dict(z=z, f=f, i=i, o=o, g=g, c=c, cp=cp, h=h, p=p))
    return L, cache


def author_backward(P, cache):
    """The author's backward rows, transcribed as written (without the final np.clip)."""
    G = {k: np.zeros_like(v) for k, v in P.items()}
    rows = {}
    dh_next = np.zeros((H, 1))
    dc_next = np.zeros((H, 1))
    for t in reversed(range(T)):
        C = cache[t]
        f_t, i_t, o_t, g_t = C["f"], C["i"], C["o"], C["g"]
        c_t, c_prev_t, h_t, z_t, p_t = C["c"], C["cp"], C["h"], C["z"], C["p"]
        dy = np.copy(p_t)
        dy[targets[t]] -= 1
        G["Why"] += dy @ h_t.T
        G["by"] += dy
        dh = P["Why"].T @ dy + dh_next
        do = dh * np.tanh(c_t)
        do_raw = do * o_t * (1 - o_t)
        dc = dh * o_t * (1 - np.tanh(c_t) ** 2) + dc_next
        dg = dc * i_t
        dg_raw = dg * (1 - g_t ** 2)
        di = dc * g_t
        di_raw = di * i_t * (1 - i_t)
        df = dc * c_prev_t
        df_raw = df * f_t * (1 - f_t)
        G["Wf"] += df_raw @ z_t.T
        G["Wi"] += di_raw @ z_t.T
        G["Wo"] += do_raw @ z_t.T
        G["Wc"] += dg_raw @ z_t.T
        G["bf"] += df_raw
        G["bi"] += di_raw
        G["bo"] += do_raw
        G["bc"] += dg_raw
        dz = (P["Wf"].T @ df_raw + P["Wi"].T @ di_raw + P["Wo"].T @ do_raw + P["Wc"].T @ dg_raw)
        dh_next = dz[:H, :]
        dc_next = dc * f_t
        rows[t] = dict(dy=dy, dh=dh, do=do, do_raw=do_raw, dc=dc, dg=dg, dg_raw=dg_raw, di=di,
                       di_raw=di_raw, df=df, df_raw=df_raw, dz_h=dz[:H, :], dh_next=dh_next,
                       dc_next=dc_next)
    return G, rows


def fd_quantity(name, t, shape, eps=1e-6):
    out = np.zeros(shape)
    for idx in np.ndindex(*shape):
        d = np.zeros(shape)
        d[idx] = eps
        out[idx] = (forward(P, {(name, t): d})[0] - forward(P, {(name, t): -d})[0]) / (2 * eps)
    return out


def fd_param(k, eps=1e-6):
    out = np.zeros_like(P[k])
    for idx in np.ndindex(*P[k].shape):
        old = P[k][idx]
        P[k][idx] = old + eps
        lp = forward(P)[0]
        P[k][idx] = old - eps
        lm = forward(P)[0]
        P[k][idx] = old
        out[idx] = (lp - lm) / (2 * eps)
    return out


def report(label, a, b, tol=1e-6):
    err = np.max(np.abs(a - b)) / max(1e-12, np.max(np.abs(b)))
    print(f"{'AGREE' if err < tol else 'DIFFER'}  {label:55s} rel.err={err:.2e}")
    return err < tol


L, cache = forward(P)
G, rows = author_backward(P, cache)
print(f"loss = {L:.6f}")

# helper definitions (lines 76, 250/261/266/271 derivative factors)
x = np.linspace(-3, 3, 7)
report("L76 sigmoid", sigmoid(x), 1 / (1 + np.exp(-x)))
report("sigmoid' = s(1-s) used in L250/266/271", sigmoid(x) * (1 - sigmoid(x)),
       (sigmoid(x + 1e-6) - sigmoid(x - 1e-6)) / 2e-6)
report("tanh' = 1-tanh^2 used in L256/261", 1 - np.tanh(x) ** 2, (np.tanh(x + 1e-6) - np.tanh(x - 1e-6)) / 2e-6)

# per-step rows: which forward quantity each author name is dL/d of
mapping = [
    ("L233-234 dy = dL/dy_t", "dy", "y", (O, 1)),
    ("L245 dh = dL/dh_t (total)", "dh", "h", (H, 1)),
    ("L249 do = dL/do_t (gate value)", "do", "o", (H, 1)),
    ("L250 do_raw = dL/d(pre-activation of o_t)", "do_raw", "ao", (H, 1)),
    ("L256 dc = dL/dc_t (total)", "dc", "c", (H, 1)),
    ("L260 dg = dL/dg_t", "dg", "g", (H, 1)),
    ("L261 dg_raw = dL/d(pre-activation of g_t)", "dg_raw", "ag", (H, 1)),
    ("L265 di = dL/di_t", "di", "i", (H, 1)),
    ("L266 di_raw = dL/d(pre-activation of i_t)", "di_raw", "ai", (H, 1)),
    ("L270 df = dL/df_t", "df", "f", (H, 1)),
    ("L271 df_raw = dL/d(pre-activation of f_t)", "df_raw", "af", (H, 1)),
    ("L288/295 dz[:H] = dh_next = dL/dh_{t-1} via z_t", "dh_next", "zh", (H, 1)),
    ("L303 dc_next = dL/dc_{t-1} via c_t", "dc_next", "cprev", (H, 1)),
]
allok = True
for label, key, fname, shape in mapping:
    ok = all(report(f"{label} [t={t}]", rows[t][key], fd_quantity(fname, t, shape)) for t in range(T))
    allok &= ok

for k, line in [("Why", "L237"), ("by", "L238"), ("Wf", "L276"), ("Wi", "L277"), ("Wo", "L278"),
                ("Wc", "L279"), ("bf", "L280"), ("bi", "L281"), ("bo", "L282"), ("bc", "L283")]:
    allok &= report(f"{line} d{k} summed over t = dL/d{k}", G[k], fd_param(k))

# sanity: the file itself gives the same totals (clip is inactive at this scale)
import importlib.util, os
spec = importlib.util.spec_from_file_location("src", os.path.join(os.path.dirname(__file__), "fr_lstm_numpy.py"))
src = importlib.util.module_from_spec(spec)
spec.loader.exec_module(src)
net = src.LSTM(D, H, O)
for k in P:
    setattr(net, k, P[k].copy())
cache_src = net.forward(xs, h0, c0)
loss_src, grads_src, _, _ = net.backward(cache_src, targets)
print("source file loss matches:", np.isclose(loss_src, L, atol=1e-9),
      "| source grads match transcription:", all(np.allclose(grads_src[k], G[k]) for k in G),
      "| max |grad| (clip at 5 inactive):", max(np.max(np.abs(G[k])) for k in G))
print("ALL ROWS AGREE" if allok else "SOME ROWS DIFFER")
