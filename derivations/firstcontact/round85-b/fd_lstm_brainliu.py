# Finite-difference check of lstm_brainliu.py (brainliu, re-typed learn_dl LstmLayer), numpy only.
# Column vectors, net_g,k = W_gh h_{k-1} + W_gx x_k + b_g ; E = sum(w * h_T) so delta_h_T = w.
# Each backward line is evaluated with TRUE inputs (true dE/dh_k, true gate deltas from FD), so a
# DISAGREE row points at that line's own formula.
import numpy as np
np.random.seed(1)
D, H, T = 3, 4, 4
W = {g: (np.random.randn(H, H) * 0.6, np.random.randn(H, D) * 0.6, np.random.randn(H, 1) * 0.3) for g in "fioc"}
xs = [np.random.randn(D, 1) for _ in range(T)]
w = np.random.randn(H, 1)
sig = lambda z: 1.0 / (1.0 + np.exp(-z))
tanh_src = lambda z: 2.0 / (1.0 + np.exp(-2 * z)) - 1.0            # l.28

def run(off=None, hoff=None, as_written=False, Wd=W):
    """forward; off[(g,k)] adds to net_g at step k; hoff[k] adds to h_k. k = 1..T as in the source"""
    off = off or {}; hoff = hoff or {}
    h = [np.zeros((H, 1))]; c = [np.zeros((H, 1))]; ct_l = [np.zeros((H, 1))]
    S = {"f": [None], "i": [None], "o": [None], "c": [None]}
    for k in range(1, T + 1):
        x = xs[k - 1]
        def gate(g, act):
            net = Wd[g][0] @ h[k - 1] + Wd[g][1] @ x + Wd[g][2] + off.get((g, k), 0)   # l.121-123
            return act(net)
        fg, ig, og = gate("f", sig), gate("i", sig), gate("o", sig)                   # l.96,99,102
        ct = gate("c", tanh_src)                                                       # l.108
        if as_written:
            cc = fg * ct_l[k - 1] + ig * ct                                            # l.112 as written
        else:
            cc = fg * c[k - 1] + ig * ct                                               # intended c_k = f c_{k-1} + i ct
        hh = og * tanh_src(cc) + hoff.get(k, 0)                                        # l.115
        ct_l.append(ct); c.append(cc); h.append(hh)
        S["f"].append(fg); S["i"].append(ig); S["o"].append(og); S["c"].append(ct)
    return float(np.sum(w * h[T])), h, c, S

def fdvec(fun, eps=1e-6):
    g = np.zeros((H, 1))
    for j in range(H):
        e = np.zeros((H, 1)); e[j] = eps; g[j] = (fun(e) - fun(-e)) / (2 * eps)
    return g

def truth(as_written=False):
    dnet = {(g, k): fdvec(lambda e: run({(g, k): e}, as_written=as_written)[0]) for g in "fioc" for k in range(1, T + 1)}
    dh = {k: fdvec(lambda e: run(hoff={k: e}, as_written=as_written)[0]) for k in range(0, T + 1) if k >= 1}
    return dnet, dh

E, h, c, S = run()
dnet, dh = truth()
def rel(a, b): return np.max(np.abs(a - b)) / (np.max(np.abs(b)) + 1e-12)
def tag(r): return "AGREE" if r < 1e-6 else "DISAGREE"
res = {}
print("step k | line formula evaluated with true dE/dh_k | rel.err vs FD")
for k in range(T, 0, -1):
    ig, og, fg, ct, cc = S["i"][k], S["o"][k], S["f"][k], S["c"][k], c[k]
    tanh_c = tanh_src(cc); dk = dh[k]
    delta_o = dk * tanh_c * (og * (1 - og))                                  # l.164
    delta_f = dk * og * (1 - tanh_c * tanh_c) * ct * (ig * (1 - ig))         # l.166
    delta_i = dk * og * (1 - tanh_c * tanh_c) * ct * (ig * (1 - ig))         # l.168
    delta_ct = dk * og * (1 - tanh_c * tanh_c) * ig * (1 - ct * ct)          # l.170
    for name, val, g in [("l.164 delta_o", delta_o, "o"), ("l.166 delta_f", delta_f, "f"),
                         ("l.168 delta_i", delta_i, "i"), ("l.170 delta_ct", delta_ct, "c")]:
        r = rel(val, dnet[(g, k)]); print(f"  k={k} {name:16s} {r:9.2e} {tag(r)}"); res.setdefault(name, []).append(r)
    # l.172-177 with TRUE gate deltas -> dE/dh_{k-1}
    if k > 1:
        d = dnet
        dhp = (d[("o", k)].T @ W["o"][0] + d[("i", k)].T @ W["i"][0] + d[("f", k)].T @ W["f"][0] + d[("c", k)].T @ W["c"][0]).T
        r = rel(dhp, dh[k - 1]); print(f"  k={k} {'l.172 delta_h_prev':16s} {r:9.2e} {tag(r)}  (true gate deltas in)"); res.setdefault("l.172", []).append(r)
    # the missing term: true dE/dc_k = dk*o*(1-tanh^2) + dE/dc_{k+1} * f_{k+1}
    if k < T:
        carry_true = dnet[("i", k)] / (ct * ig * (1 - ig)) - dk * og * (1 - tanh_c ** 2)
        print(f"  k={k} size of the omitted dE/dc_(k+1)*f_(k+1) term: max|.| = {np.max(np.abs(carry_true)):.3e}")
# correct forget-gate delta, for contrast (with the cell-state carry and c_{k-1}, f'(.))
print("correct forms, for contrast:")
dc_next = np.zeros((H, 1))
for k in range(T, 0, -1):
    ig, og, fg, ct, cc = S["i"][k], S["o"][k], S["f"][k], S["c"][k], c[k]; tc = tanh_src(cc)
    dck = dh[k] * og * (1 - tc ** 2) + dc_next
    r = rel(dck * c[k - 1] * fg * (1 - fg), dnet[("f", k)]); print(f"  k={k} delta_f = dc_k*c_(k-1)*f(1-f) with carry {r:9.2e} {tag(r)}")
    dc_next = dck * fg

# calc_gradient_t (l.206-214) with TRUE deltas, summed over t, against FD of the weights
def fdW(g, which, eps=1e-6):
    M = W[g][which]; G = np.zeros_like(M)
    for idx in np.ndindex(M.shape):
        Wp = {a: [m.copy() for m in b] for a, b in W.items()}; Wp[g][which][idx] += eps; ep = run(Wd=Wp)[0]
        Wp[g][which][idx] -= 2 * eps; em = run(Wd=Wp)[0]; G[idx] = (ep - em) / (2 * eps)
    return G
S_ = lambda f: sum(f(t) for t in range(1, T + 1))
hp = lambda t: h[t - 1].T                                                  # l.206
rows = [("l.207 wfh_grad = delta_f h_prev^T", S_(lambda t: dnet[("f", t)] @ hp(t)), fdW("f", 0)),
        ("l.208 bf_grad = delta_f", S_(lambda t: dnet[("f", t)]), fdW("f", 2)),
        ("l.209 wih_grad = delta_i h_prev^T", S_(lambda t: dnet[("i", t)] @ hp(t)), fdW("i", 0)),
        ("l.210 bi_grad = delta_f (as written)", S_(lambda t: dnet[("f", t)]), fdW("i", 2)),
        ("l.211 Woh_grad = delta_o h_prev^T", S_(lambda t: dnet[("o", t)] @ hp(t)), fdW("o", 0)),
        ("l.212 bo_grad = delta_f (as written)", S_(lambda t: dnet[("f", t)]), fdW("o", 2)),
        ("l.213 wch_grad = delta_Ct h_prev^T", S_(lambda t: dnet[("c", t)] @ hp(t)), fdW("c", 0)),
        ("l.214 bc_grad = delta_Ct", S_(lambda t: dnet[("c", t)]), fdW("c", 2))]
print("per-step weight gradients (l.206-214), true deltas in, summed over t:")
for name, a, b in rows:
    r = rel(a, b); print(f"  {name:40s} {r:9.2e} {tag(r)}")

# forward l.112 as written vs intended cell update
Ew, hw, cw, _ = run(as_written=True)
print(f"l.112 as written (c_k = f*ct_(k-1) + i*ct_k) vs intended (f*c_(k-1)+i*ct): max|c diff| = {max(np.max(np.abs(cw[k]-c[k])) for k in range(1,T+1)):.3e}")
# even under the as-written forward, l.166 is not dE/dnet_f
dnet_w, dh_w = truth(as_written=True)
_, _, cw_, Sw = run(as_written=True)
k = T; tc = tanh_src(cw_[k])
df_w = dh_w[k] * Sw["o"][k] * (1 - tc * tc) * Sw["c"][k] * (Sw["i"][k] * (1 - Sw["i"][k]))
r = rel(df_w, dnet_w[("f", k)]); print(f"l.166 delta_f under the as-written forward, k=T: {r:9.2e} {tag(r)}")
# activators
z = np.random.randn(5, 1); e = 1e-6
s = sig(z); r = rel(s * (1 - s), (sig(z + e) - sig(z - e)) / (2 * e)); print(f"l.24 sigmoid backward(output)=o(1-o): {r:9.2e} {tag(r)}")
r = rel(tanh_src(z), np.tanh(z)); print(f"l.28 2/(1+exp(-2z))-1 == tanh: {r:9.2e} {tag(r)}")
t_ = tanh_src(z); r = rel(1 - t_ * t_, (np.tanh(z + e) - np.tanh(z - e)) / (2 * e)); print(f"l.30 tanh backward(output)=1-o^2: {r:9.2e} {tag(r)}")
print("l.10/12 identity forward/backward: trivially f(x)=x, f'=1")
print(f"l.15/17 relu forward max(0,x)/backward 1[x>0] (scalar): f'(0.7)={(max(0,0.7+e)-max(0,0.7-e))/(2*e):.3f}, f'(-0.7)={(max(0,-0.7+e)-max(0,-0.7-e))/(2*e):.3f}")
