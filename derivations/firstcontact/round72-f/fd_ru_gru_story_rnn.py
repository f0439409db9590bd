"""Finite-difference check of ru_gru_story_rnn.py (Russian numpy GRU / tanh-RNN word model, index file id 63509089472).

Author's forward (column vectors): x_t = E[:, idx_t]; GRU: z = σ(Wz x + Uz h + bz), r = σ(Wr x + Ur h + br),
rh = r*h, c = tanh(Wc x + Uc rh + bc), h' = (1-z)*h + z*c; (or tanh cell h' = tanh(Wx x + Wh h + b));
y = Why h' + by, p = softmax(y), loss = sum_t -log p_t[target_t]; returned loss and grads are divided by n = T.
Each backward row is recomputed as written and compared with central differences of the sum loss with respect
to an additive perturbation of the matching forward quantity (at the matching use site).
"""
import importlib.util
import os

import numpy as np

rng = np.random.default_rng(1)
V, EMB, H, T = 5, 3, 4, 4
inputs = [int(k) for k in rng.integers(0, V, T)]
targets = [int(k) for k in rng.integers(0, V, T)]
h0 = rng.standard_normal((H, 1)) * 0.5


def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-np.clip(x, -60, 60)))


def make_params(cell):
    s = 0.7
    P = {"E": rng.standard_normal((EMB, V)) * s, "Why": rng.standard_normal((V, H)) * s,
         "by": rng.standard_normal((V, 1)) * s}
    if cell == "gru":
        for gname in "zrc":
            P[f"c_W{gname}"] = rng.standard_normal((H, EMB)) * s
            P[f"c_U{gname}"] = rng.standard_normal((H, H)) * s
            P[f"c_b{gname}"] = rng.standard_normal((H, 1)) * s
    else:
        P["c_Wx"] = rng.standard_normal((H, EMB)) * s
        P["c_Wh"] = rng.standard_normal((H, H)) * s
        P["c_b"] = rng.standard_normal((H, 1)) * s
    return P


def forward(P, cell, pert=None):
    """Sum loss; pert[(name,t)] is added at a named site.  Sites: x (embedding column, all uses),
    GRU: hz/hr/hrh/hdir (h_{t-1} as used in z-gate, r-gate, r*h, (1-z)*h), az/ar/ac (pre-activations),
    z, r, rh, c (values); RNN: a (pre-activation), hx (h_{t-1} in the cell); both: hnew, y."""
    pert = pert or {}
    e = lambda n, t: pert.get((n, t), 0.0)
    h = h0.copy()
    L = 0.0
    caches = []
    for t, idx in enumerate(inputs):
        x = P["E"][:, idx:idx + 1] + e("x", t)
        if cell == "gru":
            az = P["c_Wz"] @ x + P["c_Uz"] @ (h + e("hz", t)) + P["c_bz"] + e("az", t)
            ar = P["c_Wr"] @ x + P["c_Ur"] @ (h + e("hr", t)) + P["c_br"] + e("ar", t)
            z = sigmoid(az) + e("z", t)
            r = sigmoid(ar) + e("r", t)
            rh = r * (h + e("hrh", t)) + e("rh", t)
            ac = P["c_Wc"] @ x + P["c_Uc"] @ rh + P["c_bc"] + e("ac", t)
            c = np.tanh(ac) + e("c", t)
            hn = (1.0 - z) * (h + e("hdir", t)) + z * c + e("hnew", t)
            caches.append((x, h, z, r, rh, c))
        else:
            a = P["c_Wx"] @ x + P["c_Wh"] @ (h + e("hx", t)) + P["c_b"] + e("a", t)
            hn = np.tanh(a) + e("hnew", t)
            caches.append((x, h, hn))
        y = P["Why"] @ hn + P["by"] + e("y", t)
        y = y - y.max()
        p = np.exp(y) / np.exp(y).sum()
        L += -np.log(p[targets[t], 0])
        caches[-1] = (caches[-1], hn, p)
        h = hn
    return L, caches


def author_backward(P, cell, caches):
    """Author's rows as written (cell.backward + loss_and_grads loop), without the final /n and clip."""
    g = {k: np.zeros_like(v) for k, v in P.items()}
    rows = {}
    dh_next = np.zeros((H, 1))
    for t in reversed(range(T)):
        cc, hn, p = caches[t]
        dy = p.copy()
        dy[targets[t], 0] -= 1.0
        g["Why"] += dy @ hn.T
        g["by"] += dy
        dh = P["Why"].T @ dy + dh_next
        R = dict(dy=dy, dh=dh)
        if cell == "gru":
            x, h, z, r, rh, c = cc
            dz = dh * (c - h)
            dc = dh * z
            dh_prev = dh * (1.0 - z)
            R["dh_prev_direct"] = dh_prev.copy()
            dc_raw = dc * (1.0 - c ** 2)
            g["c_Wc"] += dc_raw @ x.T
            g["c_Uc"] += dc_raw @ rh.T
            g["c_bc"] += dc_raw
            drh = P["c_Uc"].T @ dc_raw
            dr = drh * h
            dh_prev += drh * r
            R["term_rh"] = drh * r
            dz_raw = dz * z * (1.0 - z)
            g["c_Wz"] += dz_raw @ x.T
            g["c_Uz"] += dz_raw @ h.T
            g["c_bz"] += dz_raw
            dh_prev += P["c_Uz"].T @ dz_raw
            R["term_z"] = P["c_Uz"].T @ dz_raw
            dr_raw = dr * r * (1.0 - r)
            g["c_Wr"] += dr_raw @ x.T
            g["c_Ur"] += dr_raw @ h.T
            g["c_br"] += dr_raw
            dh_prev += P["c_Ur"].T @ dr_raw
            R["term_r"] = P["c_Ur"].T @ dr_raw
            dx = (P["c_Wz"].T @ dz_raw + P["c_Wr"].T @ dr_raw + P["c_Wc"].T @ dc_raw)
            R.update(dz=dz, dc=dc, dc_raw=dc_raw, drh=drh, dr=dr, dz_raw=dz_raw, dr_raw=dr_raw,
                     dx=dx, dh_prev=dh_prev)
        else:
            x, h, hn_ = cc
            da = (1.0 - hn_ ** 2) * dh
            g["c_Wx"] += da @ x.T
            g["c_Wh"] += da @ h.T
            g["c_b"] += da
            dx, dh_prev = P["c_Wx"].T @ da, P["c_Wh"].T @ da
            R.update(da=da, dx=dx, dh_prev=dh_prev)
        dh_next = dh_prev
        g["E"][:, inputs[t]] += dx.ravel()
        rows[t] = R
    return g, rows


def fd_site(P, cell, name, t, shape, eps=1e-6):
    out = np.zeros(shape)
    for idx in np.ndindex(*shape):
        d = np.zeros(shape)
        d[idx] = eps
        out[idx] = (forward(P, cell, {(name, t): d})[0] - forward(P, cell, {(name, t): -d})[0]) / (2 * eps)
    return out


def fd_param(P, cell, k, eps=1e-6):
    out = np.zeros_like(P[k])
    for idx in np.ndindex(*P[k].shape):
        old = P[k][idx]
        P[k][idx] = old + eps
        lp = forward(P, cell)[0]
        P[k][idx] = old - eps
        lm = forward(P, cell)[0]
        P[k][idx] = old
        out[idx] = (lp - lm) / (2 * eps)
    return out


def report(label, a, b, tol=1e-6):
    err = np.max(np.abs(a - b)) / max(1e-12, np.max(np.abs(b)))
    print(f"{'AGREE' if err < tol else 'DIFFER'}  {label:58s} rel.err={err:.2e}")
    return err < tol


spec = importlib.util.spec_from_file_location("src", os.path.join(os.path.dirname(__file__), "ru_gru_story_rnn.py"))
src = importlib.util.module_from_spec(spec)
spec.loader.exec_module(src)

allok = True
xx = np.linspace(-3, 3, 7)
allok &= report("L11 sigmoid (clipped argument) = logistic", sigmoid(xx), 1 / (1 + np.exp(-xx)))
allok &= report("z(1-z), r(1-r) = sigmoid' (L92, L98)", sigmoid(xx) * (1 - sigmoid(xx)),
                (sigmoid(xx + 1e-6) - sigmoid(xx - 1e-6)) / 2e-6)

for cell in ("gru", "rnn"):
    print(f"--- cell = {cell} ---")
    P = make_params(cell)
    L, caches = forward(P, cell)
    g, rows = author_backward(P, cell, caches)
    common = [("L155-156 dy = dL/dy_t", "dy", "y", (V, 1)),
              ("L160 dh = dL/dh_t (total)", "dh", "hnew", (H, 1))]
    if cell == "gru":
        specific = [("L80 dz = dL/dz (gate value)", "dz", "z", (H, 1)),
                    ("L81 dc = dL/dc (candidate value)", "dc", "c", (H, 1)),
                    ("L82 dh*(1-z) = part of dL/dh_{t-1} via (1-z)*h", "dh_prev_direct", "hdir", (H, 1)),
                    ("L84 dc_raw = dL/d(pre-activation of c)", "dc_raw", "ac", (H, 1)),
                    ("L88 drh = dL/d(r*h)", "drh", "rh", (H, 1)),
                    ("L89 dr = dL/dr (gate value)", "dr", "r", (H, 1)),
                    ("L90 drh*r = part of dL/dh_{t-1} via r*h", "term_rh", "hrh", (H, 1)),
                    ("L92 dz_raw = dL/d(pre-activation of z)", "dz_raw", "az", (H, 1)),
                    ("L96 Uz^T dz_raw = part of dL/dh_{t-1} via z-gate", "term_z", "hz", (H, 1)),
                    ("L98 dr_raw = dL/d(pre-activation of r)", "dr_raw", "ar", (H, 1)),
                    ("L102 Ur^T dr_raw = part of dL/dh_{t-1} via r-gate", "term_r", "hr", (H, 1)),
                    ("L104 dx = dL/dx_t (embedding column)", "dx", "x", (EMB, 1))]
    else:
        specific = [("L32 da = dL/d(pre-activation a_t)", "da", "a", (H, 1)),
                    ("L36 (first) Wx^T da = dL/dx_t", "dx", "x", (EMB, 1)),
                    ("L36 (second) Wh^T da = dL/dh_{t-1} via cell t", "dh_prev", "hx", (H, 1))]
    for label, key, site, shape in common + specific:
        ok = all(report(f"{label} [t={t}]", rows[t][key], fd_site(P, cell, site, t, shape)) for t in range(T))
        allok &= ok
    if cell == "gru":
        # total dL/dh_{t-1} through step t = sum of the four partial sums (L82+L90+L96+L102)
        for t in range(T):
            fd_tot = sum(fd_site(P, cell, s, t, (H, 1)) for s in ("hdir", "hrh", "hz", "hr"))
            allok &= report(f"L82..L102 dh_prev (final) = dL/dh_{{t-1}} via step t [t={t}]", rows[t]["dh_prev"], fd_tot)
    n = T
    for k in P:
        allok &= report(f"d{k} summed over t / n = d(loss/n)/d{k}", g[k] / n, fd_param(P, cell, k) / n)
    # the source file itself, with the same parameters, must give the same (clip inactive)
    model = src.StoryRNN(V, hidden_size=H, embed_size=EMB, cell=cell, seed=0)
    model.E, model.Why, model.by = P["E"].copy(), P["Why"].copy(), P["by"].copy()
    for k in model.cell.p:
        model.cell.p[k] = P[k].copy()
    loss_src, grads_src, _ = model.loss_and_grads(inputs, targets, h0)
    print("source file: loss/n matches", np.isclose(loss_src, L / n, atol=1e-9),
          "| grads match transcription", all(np.allclose(grads_src[k], g[k] / n) for k in g),
          "| max |grad/n| =", round(max(np.max(np.abs(g[k] / n)) for k in g), 3))

print("ALL ROWS AGREE" if allok else "SOME ROWS DIFFER")
