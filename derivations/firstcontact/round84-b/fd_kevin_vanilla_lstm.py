"""Finite-difference check of kevin-bruhwiler/Simple-Vanilla-LSTM VanillaLSTM.py (note kevin_vanilla_lstm.py).

Author's model (no biases), x_t = [h_{t-1}, input_t]:
  f = sig(Wf x), i = sig(Wi x), c = tanh(Wc x), o = sig(Wo x)
  cs_t = f*cs_{t-1} + i*c,  h_t = o*tanh(cs_t),  oa_t = sig(w h_t)
Loss assumed: L = 1/2 sum_t ||oa_t - eo_t||^2  (error = oa - eo is dL/doa).
Each author row is evaluated with the TRUE upstream quantities (from a reference BPTT that is
itself checked against finite differences) and compared with the true value of the quantity.
"""
import numpy as np

rng = np.random.default_rng(0)
V = 4          # xs = ys = V (vocabulary), as in the driver
H = V
T = 4          # rl
sig = lambda z: 1 / (1 + np.exp(-z))
dsig_author = lambda x: sig(x) * (1 - sig(x))       # author's dsigmoid(x)
dtan_author = lambda x: 1 - np.tanh(x) ** 2          # author's dtangent(x)

Wf, Wi, Wc, Wo = [rng.normal(0, 0.4, (H, H + V)) for _ in range(4)]
w = rng.normal(0, 0.6, (V, H))
inputs = [np.eye(V)[k] for k in rng.integers(0, V, T + 1)]   # one-hot inputs (ia[i] == input actually used)
targets = [np.eye(V)[k] for k in rng.integers(0, V, T + 1)]


def forward(Wf, Wi, Wc, Wo, w):
    h = {0: np.zeros(H)}; cs = {0: np.zeros(H)}
    st = {}
    L = 0.0
    for t in range(1, T + 1):
        x = np.hstack((h[t - 1], inputs[t]))
        f = sig(Wf @ x); i = sig(Wi @ x); c = np.tanh(Wc @ x); o = sig(Wo @ x)
        cs[t] = f * cs[t - 1] + i * c
        h[t] = o * np.tanh(cs[t])
        oa = sig(w @ h[t])
        st[t] = dict(x=x, f=f, i=i, c=c, o=o, oa=oa)
        L += 0.5 * np.sum((oa - targets[t]) ** 2)
    return L, h, cs, st


def ref_backward(Wf, Wi, Wc, Wo, w):
    L, h, cs, st = forward(Wf, Wi, Wc, Wo, w)
    g = {k: np.zeros_like(v) for k, v in dict(Wf=Wf, Wi=Wi, Wc=Wc, Wo=Wo, w=w).items()}
    dh_next = np.zeros(H); dc_next = np.zeros(H)
    R = {}
    for t in range(T, 0, -1):
        s = st[t]
        err = s['oa'] - targets[t]
        dz = err * s['oa'] * (1 - s['oa'])
        g['w'] += np.outer(dz, h[t])
        dh_out = w.T @ dz
        dh = dh_out + dh_next
        do = np.tanh(cs[t]) * dh
        dcs = dh * s['o'] * (1 - np.tanh(cs[t]) ** 2) + dc_next
        dc = dcs * s['i']; di = dcs * s['c']; df = dcs * cs[t - 1]
        ao = do * s['o'] * (1 - s['o']); ac = dc * (1 - s['c'] ** 2)
        ai = di * s['i'] * (1 - s['i']); af = df * s['f'] * (1 - s['f'])
        g['Wo'] += np.outer(ao, s['x']); g['Wc'] += np.outer(ac, s['x'])
        g['Wi'] += np.outer(ai, s['x']); g['Wf'] += np.outer(af, s['x'])
        dx = Wo.T @ ao + Wc.T @ ac + Wi.T @ ai + Wf.T @ af
        R[t] = dict(err=err, dz=dz, dh_out=dh_out, dh_next_in=dh_next, dc_next_in=dc_next, dh=dh, do=do,
                    dcs=dcs, dc=dc, di=di, df=df, ou=np.outer(ao, s['x']), cu=np.outer(ac, s['x']),
                    iu=np.outer(ai, s['x']), fu=np.outer(af, s['x']), dpcs=dcs * s['f'], dphs=dx[:H],
                    tu=np.outer(dz, h[t]))
        dh_next = dx[:H]; dc_next = dcs * s['f']
    return L, g, R, h, cs, st


def fd_grad(name):
    P = dict(Wf=Wf, Wi=Wi, Wc=Wc, Wo=Wo, w=w)
    G = np.zeros_like(P[name]); eps = 1e-6
    for idx in np.ndindex(P[name].shape):
        Pp = {k: v.copy() for k, v in P.items()}; Pm = {k: v.copy() for k, v in P.items()}
        Pp[name][idx] += eps; Pm[name][idx] -= eps
        G[idx] = (forward(**Pp)[0] - forward(**Pm)[0]) / (2 * eps)
    return G


L, g, R, h, cs, st = ref_backward(Wf, Wi, Wc, Wo, w)
print("reference BPTT vs finite differences:")
for k in g:
    print(f"  d{k}: max abs diff {np.max(np.abs(g[k] - fd_grad(k))):.2e}")

ok = lambda a, b: np.allclose(a, b, rtol=1e-6, atol=1e-9)
rows = {}
for t in range(T, 0, -1):
    s = st[t]; r = R[t]; x = s['x']; oa = s['oa']
    err = oa - targets[t]                                           # line 85
    rows.setdefault(85, []).append(ok(err, r['err']))
    tu = np.dot(np.atleast_2d(err * dsig_author(oa)), np.atleast_2d(h[t]).T)   # line 87
    rows.setdefault(87, []).append(ok(np.broadcast_to(tu, (V, H)), r['tu']))
    e_out = np.dot(err, w)                                          # line 89
    rows.setdefault(89, []).append(ok(e_out, r['dh_out']))
    # LSTM.backProp with TRUE upstream values: e = true dL/dh_t (output part), dfhs/dfcs = true future parts
    e = r['dh_out'] + r['dh_next_in']                              # line 151 (clip inactive here)
    assert np.all(np.abs(e) < 6)
    rows.setdefault(151, []).append(ok(e, r['dh']))
    do = np.tanh(cs[t]) * e                                         # line 152
    rows.setdefault(152, []).append(ok(do, r['do']))
    ou = np.dot(np.atleast_2d(do * dtan_author(s['o'])).T, np.atleast_2d(x))    # line 153
    rows.setdefault(153, []).append(ok(ou, r['ou']))
    dcs = e * s['o'] * dtan_author(cs[t]) + r['dc_next_in']        # line 154
    rows.setdefault(154, []).append(ok(dcs, r['dcs']))
    dc = dcs * s['i']                                               # line 155
    rows.setdefault(155, []).append(ok(dc, r['dc']))
    cu = np.dot(np.atleast_2d(dc * dtan_author(s['c'])).T, np.atleast_2d(x))    # line 156
    rows.setdefault(156, []).append(ok(cu, r['cu']))
    di = dcs * s['c']                                               # line 157
    rows.setdefault(157, []).append(ok(di, r['di']))
    iu = np.dot(np.atleast_2d(di * dsig_author(s['i'])).T, np.atleast_2d(x))    # line 158
    rows.setdefault(158, []).append(ok(iu, r['iu']))
    df = dcs * cs[t - 1]                                            # line 159
    rows.setdefault(159, []).append(ok(df, r['df']))
    fu = np.dot(np.atleast_2d(df * dsig_author(s['f'])).T, np.atleast_2d(x))    # line 160
    rows.setdefault(160, []).append(ok(fu, r['fu']))
    dpcs = dcs * s['f']                                             # line 161
    rows.setdefault(161, []).append(ok(dpcs, r['dpcs']))
    dphs = (np.dot(dc, Wc)[:H] + np.dot(do, Wo)[:H] + np.dot(di, Wi)[:H] + np.dot(df, Wf)[:H])  # line 162
    rows.setdefault(162, []).append(ok(dphs, r['dphs']))
    # what line 162 would need: pre-activation gradients
    fixed = (Wc.T @ (dc * (1 - s['c'] ** 2)) + Wo.T @ (do * s['o'] * (1 - s['o']))
             + Wi.T @ (di * s['i'] * (1 - s['i'])) + Wf.T @ (df * s['f'] * (1 - s['f'])))[:H]
    assert ok(fixed, r['dphs'])

print("\nauthor's rows (line in kevin_vanilla_lstm.py): agrees with the true quantity at every step?")
for ln in sorted(rows):
    print(f"  line {ln}: {'AGREE' if all(rows[ln]) else 'DISAGREE'}")

# Whole author pipeline (as written) vs finite differences, accumulated over t = T..1
tfu = np.zeros_like(Wf); dfcs = np.zeros(H); dfhs = np.zeros(H); tu = np.zeros((V, H))
for t in range(T, 0, -1):
    s = st[t]; x = s['x']
    error = s['oa'] - targets[t]
    tu += np.dot(np.atleast_2d(error * dsig_author(s['oa'])), np.atleast_2d(h[t]).T)
    error = np.dot(error, w)
    e = np.clip(error + dfhs, -6, 6)
    do = np.tanh(cs[t]) * e
    dcs = np.clip(e * s['o'] * dtan_author(cs[t]) + dfcs, -6, 6)
    dc = dcs * s['i']; di = dcs * s['c']; df = dcs * cs[t - 1]
    tfu += np.dot(np.atleast_2d(df * dsig_author(s['f'])).T, np.atleast_2d(x))
    dfcs = dcs * s['f']
    dfhs = np.dot(dc, Wc)[:H] + np.dot(do, Wo)[:H] + np.dot(di, Wi)[:H] + np.dot(df, Wf)[:H]
print("\nfull author pipeline: tfu vs FD dL/dWf:", "AGREE" if ok(tfu, g['Wf']) else "DISAGREE",
      f"(max abs diff {np.max(np.abs(tfu - g['Wf'])):.3e})")
print("full author pipeline: tu vs FD dL/dw:", "AGREE" if ok(tu, g['w']) else "DISAGREE")

# Extra step i = 0 of the author's loop (range(self.rl, -1, -1)): stored activations are zeros, pcs = ca[-1] = ca[rl]
f0 = np.zeros(H)
extra = np.dot(np.atleast_2d((dfcs * cs[T]) * dsig_author(f0)).T, np.atleast_2d(np.hstack((h[T], np.zeros(V)))))
print("\nextra i=0 pass adds to tfu (nonzero only because dsigmoid is applied to the stored activation 0):",
      f"max |term| = {np.max(np.abs(extra)):.3e}; with the correct f*(1-f) it would be",
      np.max(np.abs(np.outer((dfcs * cs[T]) * f0 * (1 - f0), np.hstack((h[T], np.zeros(V)))))))
