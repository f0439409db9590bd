"""Finite-difference check of gru_vanilla_copytask_ch60.py (search-index file id 59293025318). numpy only.
Conventions of the source: row-vector batches (B, d); GRU: hx=[h,x], [z,r]=sigmoid(hx@Wzr+bzr),
cand=tanh([r*h,x]@Wh+bh), h_new=(1-z)*h+z*cand; logits=h_T@Wo+bo; loss = mean softmax cross-entropy,
so dlogits = (softmax - onehot)/B (train(), lines 155-158).  Vanilla: h=tanh(h@Whh+x@Wxh+bh)."""
import importlib.util, sys, os
import numpy as np

spec = importlib.util.spec_from_file_location("src", os.path.join(os.path.dirname(__file__) or ".", "gru_vanilla_copytask_ch60.py"))
src = importlib.util.module_from_spec(spec); spec.loader.exec_module(src)   # defines classes only (runs no training)

B, T, n_in, d = 3, 5, 4, 3
X, y = src.make_copy_task(B, T, 7)
ok = lambda a, b: np.allclose(a, b, rtol=1e-5, atol=1e-8)
rows = []


def ce(logits):
    e = np.exp(logits - logits.max(axis=1, keepdims=True)); p = e / e.sum(axis=1, keepdims=True)
    return -np.mean(np.log(p[np.arange(B), y]))


def dlogits_of(logits):                                   # lines 155-158 of the source
    e = np.exp(logits - logits.max(axis=1, keepdims=True))
    p = e / e.sum(axis=1, keepdims=True)
    p[np.arange(len(y)), y] -= 1.0
    return p / len(y)


# ---------- GRU with perturbation hooks (same arithmetic as GRUNet.forward) ----------
net = src.GRUNet(n_in, d, seed=1, z_bias=-1.0)
net.Wzr *= 3; net.Wh *= 3                                   # make gates non-trivial


def gru_loss(pert=None):
    pert = pert or {}
    g = lambda k, t, sh: pert.get((k, t), np.zeros(sh))
    h = np.zeros((B, d))
    for t in range(T):
        hx = np.concatenate([h, X[:, t]], axis=1)
        pre = hx @ net.Wzr + net.bzr + g("pre_zr", t, (B, 2 * d))
        zr = src.sigmoid(pre)
        z, r = zr[:, :d] + g("z", t, (B, d)), zr[:, d:] + g("r", t, (B, d))
        rh = r * h + g("rh", t, (B, d))
        hx2 = np.concatenate([rh, X[:, t]], axis=1)
        cpre = hx2 @ net.Wh + net.bh + g("cpre", t, (B, d))
        cand = np.tanh(cpre) + g("cand", t, (B, d))
        h = (1 - z) * h + z * cand + g("h", t, (B, d))
    return ce(h @ net.Wo + net.bo)


def fdp(fun, k, t, sh, eps=1e-6):
    out = np.zeros(sh)
    for idx in np.ndindex(sh):
        e = np.zeros(sh); e[idx] = eps
        out[idx] = (fun({(k, t): e}) - fun({(k, t): -e})) / (2 * eps)
    return out


def fdw(fun, obj, name, eps=1e-6):
    W = getattr(obj, name); out = np.zeros_like(W)
    for idx in np.ndindex(W.shape):
        old = W[idx]; W[idx] = old + eps; a = fun(); W[idx] = old - eps; b = fun(); W[idx] = old
        out[idx] = (a - b) / (2 * eps)
    return out


logits = net.forward(X)
rows.append(("GRU forward (lines 58-63) reproduced by the hooked copy", np.isclose(ce(logits), gru_loss())))
gh = {t: fdp(gru_loss, "h", t, (B, d)) for t in range(T)}          # dL/dh_t (h after step t)
for t in reversed(range(T)):
    hx, z, r, hx2, cand, h_prev = net.cache[t]
    dh = gh[t]                                                        # total dL/d h_new at step t
    dz = dh * (cand - h_prev)                                         # line 83
    rows.append((f"83 dz = dL/dz (t={t})", ok(dz, fdp(gru_loss, "z", t, (B, d)))))
    dcand = dh * z                                                    # line 84
    rows.append((f"84 dcand = dL/dcand (t={t})", ok(dcand, fdp(gru_loss, "cand", t, (B, d)))))
    dc_pre = dcand * (1 - cand ** 2)                                  # line 86
    rows.append((f"86 dc_pre = dL/d(cand pre-activation) (t={t})", ok(dc_pre, fdp(gru_loss, "cpre", t, (B, d)))))
    dhx2 = dc_pre @ net.Wh.T; dr_h = dhx2[:, :d]                      # lines 89-90
    rows.append((f"89-90 dr_h = dL/d(r*h) (t={t})", ok(dr_h, fdp(gru_loss, "rh", t, (B, d)))))
    dr = dr_h * h_prev                                                # line 91
    rows.append((f"91 dr = dL/dr (t={t})", ok(dr, fdp(gru_loss, "r", t, (B, d)))))
    dzr_pre = np.concatenate([dz * z * (1 - z), dr * r * (1 - r)], axis=1)   # lines 93-94
    rows.append((f"93-94 dzr_pre = dL/d(gate pre-activations) (t={t})", ok(dzr_pre, fdp(gru_loss, "pre_zr", t, (B, 2 * d)))))
    dh_prev = dh * (1 - z) + dr_h * r                                 # lines 85 + 92
    dhx = dzr_pre @ net.Wzr.T
    dh_new = dh_prev + dhx[:, :d]                                     # line 98
    if t > 0:
        rows.append((f"85/92/97/98 dh -> dL/dh_(t-1) (t={t})", ok(dh_new, gh[t - 1])))

grads, carry = net.backward(dlogits_of(logits))
names = ["Wzr", "bzr", "Wh", "bh", "Wo", "bo"]
for gv, nm in zip(grads, names):
    rows.append((f"GRUNet.backward {nm} (lines 72-98, summed over t) vs FD", ok(gv, fdw(gru_loss, net, nm))))
# carry[t] is the RMS of dL/dh_t (diagnostic, lines 82/137)
rows.append(("GRU carry list = RMS of dL/dh_t", ok(np.array(carry), np.array([np.sqrt(np.mean(gh[t] ** 2)) for t in range(T)]))))

# ---------- Vanilla RNN ----------
van = src.VanillaNet(n_in, d, seed=2)


def van_loss(pert=None):
    pert = pert or {}
    h = np.zeros((B, d))
    for t in range(T):
        a = h @ van.Whh + X[:, t] @ van.Wxh + van.bh + pert.get(("a", t), np.zeros((B, d)))
        h = np.tanh(a) + pert.get(("h", t), np.zeros((B, d)))
    return ce(h @ van.Wo + van.bo)


lg = van.forward(X)
rows.append(("Vanilla forward (line 124) reproduced", np.isclose(ce(lg), van_loss())))
vh = {t: fdp(van_loss, "h", t, (B, d)) for t in range(T)}
for t in reversed(range(T)):
    dz = vh[t] * (1 - van.H[t + 1] ** 2)                               # line 139
    rows.append((f"139 dz = dL/da_t (t={t})", ok(dz, fdp(van_loss, "a", t, (B, d)))))
    if t > 0:
        rows.append((f"143 dh = dz @ Whh.T = dL/dh_(t-1) (t={t})", ok(dz @ van.Whh.T, vh[t - 1])))
vg, vcarry = van.backward(dlogits_of(lg))
for gv, nm in zip(vg, ["Whh", "Wxh", "bh", "Wo", "bo"]):
    rows.append((f"VanillaNet.backward {nm} (lines 130-143) vs FD", ok(gv, fdw(van_loss, van, nm))))

# dlogits (lines 155-158) vs FD of the mean cross-entropy
L0 = lambda: ce(lg)
fd_logits = np.zeros_like(lg)
for idx in np.ndindex(lg.shape):
    e = np.zeros_like(lg); e[idx] = 1e-6
    fd_logits[idx] = (ce(lg + e) - ce(lg - e)) / 2e-6
rows.append(("155-158 (softmax - onehot)/B = dL/dlogits", ok(dlogits_of(lg), fd_logits)))

# how the error signal decays: ratio of carry at first vs last step (the chapter's point), informational
print(f"info: vanilla RMS dL/dh_t over t = {np.array(vcarry)}")
for name, good in rows:
    print(("AGREE   " if good else "DIFFER  ") + name)
