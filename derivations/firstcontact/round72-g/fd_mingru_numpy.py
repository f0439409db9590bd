# Finite-difference check of mingru_numpy.py (search-index file id 29703971906, class MinGRU).
# numpy only. Author's forward_step (column vectors, combined = [h_prev; x_t], h = (1-z) h_prev + z h_tilde,
# y = W_y h + b_y) and the author's backward_step formulas as written, driven by the usual caller loop
# (dh_next of step t = dh_prev returned by step t+1, zero after the last step). Loss L = sum_t 0.5*||y_t - tgt_t||^2,
# so dy_t = y_t - tgt_t. Variants correct one line at a time to localise each error.
import numpy as np

rng = np.random.default_rng(2)
D, H, O = 3, 4, 2

def sigmoid(x):                     # line 32
    return 1.0 / (1.0 + np.exp(-x))

def make_params():
    P = {k: rng.normal(0, 0.6, (H, H + D)) for k in ["W_z", "W_r", "W_h"]}
    P["W_y"] = rng.normal(0, 0.6, (O, H))
    P.update({k: rng.normal(0, 0.3, (H, 1)) for k in ["b_z", "b_r", "b_h"]})
    P["b_y"] = rng.normal(0, 0.3, (O, 1))
    return P

def forward(P, xs, h0):
    caches, ys, h_prev = [], [], h0
    for x_t in xs:
        combined = np.concatenate([h_prev, x_t], axis=0)                 # line 41
        z = sigmoid(P["W_z"] @ combined + P["b_z"])                      # line 42
        r = sigmoid(P["W_r"] @ combined + P["b_r"])                      # line 43
        combined_r = np.concatenate([r * h_prev, x_t], axis=0)           # line 44
        h_tilde = np.tanh(P["W_h"] @ combined_r + P["b_h"])              # line 45
        h = (1.0 - z) * h_prev + z * h_tilde                             # line 46
        y = P["W_y"] @ h + P["b_y"]                                      # line 47
        caches.append(dict(combined=combined, z=z, r=r, combined_r=combined_r, h_tilde=h_tilde, h_prev=h_prev, h=h))
        ys.append(y); h_prev = h
    return ys, caches

def loss(P, xs, h0, tgts):
    ys, _ = forward(P, xs, h0)
    return sum(np.sum((y - t) ** 2) / 2 for y, t in zip(ys, tgts))

def backward(P, xs, h0, tgts, fix72=False, fix_dx=False, fix_dh=False):
    ys, caches = forward(P, xs, h0)
    g = {k: np.zeros_like(v) for k, v in P.items()}
    dxs = [None] * len(xs)
    dh_next = np.zeros((H, 1))
    for t in reversed(range(len(xs))):
        c = caches[t]; dy = ys[t] - tgts[t]
        h_prev, h, z, r = c["h_prev"], c["h"], c["z"], c["r"]
        g["W_y"] += dy @ h.T                                             # line 68
        g["b_y"] += np.sum(dy, axis=1, keepdims=True)                    # line 69
        dh = P["W_y"].T @ dy + dh_next                                   # line 70
        dh_tilde = dh * z                                                # line 71
        dz = dh * (c["h_tilde"] - h_prev) if fix72 else dh * (h_prev - c["h_tilde"])   # line 72
        dz_sigmoid = z * (1.0 - z) * dz                                  # line 73
        g["W_z"] += dz_sigmoid @ c["combined"].T                         # line 74
        g["b_z"] += np.sum(dz_sigmoid, axis=1, keepdims=True)            # line 75
        dh_tilde_tanh = (1.0 - c["h_tilde"] ** 2) * dh_tilde             # line 76
        g["W_h"] += dh_tilde_tanh @ c["combined_r"].T                    # line 77
        g["b_h"] += np.sum(dh_tilde_tanh, axis=1, keepdims=True)         # line 78
        dr_combined = P["W_h"].T @ dh_tilde_tanh                         # line 79
        dr = dr_combined[:H] * h_prev                                    # line 80
        dr_sigmoid = r * (1.0 - r) * dr                                  # line 81
        g["W_r"] += dr_sigmoid @ c["combined"].T                         # line 82
        g["b_r"] += np.sum(dr_sigmoid, axis=1, keepdims=True)            # line 83
        dx_combined = P["W_z"].T @ dz_sigmoid + P["W_r"].T @ dr_sigmoid  # line 84
        dx = dx_combined[H:]                                             # line 85
        if fix_dx:
            dx = dx + dr_combined[H:]
        dh_prev = dx_combined[:H] + dh * (1.0 - z)                       # line 86
        if fix_dh:
            dh_prev = dh_prev + r * dr_combined[:H]
        dxs[t] = dx; dh_next = dh_prev
    return g, dxs, dh_next

def fd_param(P, name, xs, h0, tgts, eps=1e-6):
    G = np.zeros_like(P[name])
    for idx in np.ndindex(P[name].shape):
        old = P[name][idx]
        P[name][idx] = old + eps; lp = loss(P, xs, h0, tgts)
        P[name][idx] = old - eps; lm = loss(P, xs, h0, tgts)
        P[name][idx] = old
        G[idx] = (lp - lm) / (2 * eps)
    return G

def fd_vec(f, v, eps=1e-6):
    G = np.zeros_like(v)
    for idx in np.ndindex(v.shape):
        old = v[idx]
        v[idx] = old + eps; lp = f()
        v[idx] = old - eps; lm = f()
        v[idx] = old
        G[idx] = (lp - lm) / (2 * eps)
    return G

def agree(a, b, tol=1e-6):
    err = np.max(np.abs(a - b)) / max(1e-12, np.max(np.abs(b)))
    return err < tol, err

def report(P, xs, h0, tgts, title, **kw):
    g, dxs, dh0 = backward(P, xs, h0, tgts, **kw)
    print(title)
    rows = [("W_y", "line 68 dW_y"), ("b_y", "line 69 db_y"),
            ("W_h", "lines 71/76/77 dW_h"), ("b_h", "line 78 db_h"),
            ("W_r", "lines 79-82 dW_r"), ("b_r", "line 83 db_r"),
            ("W_z", "lines 72-74 dW_z"), ("b_z", "line 75 db_z")]
    for k, lab in rows:
        ok, err = agree(g[k], fd_param(P, k, xs, h0, tgts))
        print(f"  {lab:22s}: {'AGREE' if ok else 'DISAGREE'} (rel err {err:.1e})")
    f = lambda: loss(P, xs, h0, tgts)
    ok, err = agree(dxs[0], fd_vec(f, xs[0]))
    print(f"  {'line 85 dx (t=0)':22s}: {'AGREE' if ok else 'DISAGREE'} (rel err {err:.1e})")
    ok, err = agree(dh0, fd_vec(f, h0))
    print(f"  {'line 86 dh_prev (h0)':22s}: {'AGREE' if ok else 'DISAGREE'} (rel err {err:.1e})")

P = make_params()
# one step (T = 1, dh_next = 0): isolates each line
xs1 = [rng.normal(size=(D, 1))]; h01 = rng.normal(0, 0.5, (H, 1)); t1 = [rng.normal(size=(O, 1))]
report(P, xs1, h01, t1, "T=1, as written")
report(P, xs1, h01, t1, "T=1, line 72 corrected to dh * (h_tilde - h_prev)", fix72=True)
report(P, xs1, h01, t1, "T=1, line 72 corrected and dx += dr_combined[H:] (line 85)", fix72=True, fix_dx=True)
report(P, xs1, h01, t1, "T=1, line 72 corrected, dx and dh_prev (+ r * dr_combined[:H], line 86) completed",
       fix72=True, fix_dx=True, fix_dh=True)
# several steps
T = 4
xs = [rng.normal(size=(D, 1)) for _ in range(T)]; h0 = rng.normal(0, 0.5, (H, 1)); tg = [rng.normal(size=(O, 1)) for _ in range(T)]
report(P, xs, h0, tg, f"T={T}, as written")
report(P, xs, h0, tg, f"T={T}, line 72 corrected only", fix72=True)
report(P, xs, h0, tg, f"T={T}, line 72 corrected and lines 85, 86 completed (other lines unchanged)",
       fix72=True, fix_dx=True, fix_dh=True)
