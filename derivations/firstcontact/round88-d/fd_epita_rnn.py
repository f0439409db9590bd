# Finite-difference check of the EPITA Hugo post (epita_rnn.md): scalar derivation (lines 71-115)
# and the TP train() backward pass (lines 161-189). numpy only.
import numpy as np
rng = np.random.default_rng(0)
sig = lambda z: 1/(1+np.exp(-z))

def report(name, a, b, tol=1e-6):
    err = np.max(np.abs(np.asarray(a)-np.asarray(b)))
    print(f"{name:55s} {'AGREE' if err < tol else 'DISAGREE'}  (max abs diff {err:.2e})")

# ---------- part 1: scalar model of the derivation, lines 16-19, 33-39, 71-115 ----------
T = 6
xs = rng.normal(size=T); ys = rng.uniform(size=T)
wo, wh, wi = 0.7, -0.9, 1.3
def fwd_scalar(wo, wh, wi):
    h = [0.0]; yh = []
    for t in range(T):
        a = wh*h[-1] + wi*xs[t]; h.append(sig(a)); yh.append(sig(wo*h[-1]))
    return np.array(h), np.array(yh)
def L_scalar(wo, wh, wi):
    _, yh = fwd_scalar(wo, wh, wi); return np.sum((yh-ys)**2)
h, yh = fwd_scalar(wo, wh, wi)
dLdo = 2*(yh-ys)*yh*(1-yh)                                  # line 71
dLdh = np.zeros(T+2)                                        # dLdh[t+1] for h_{t}, t=0..T-1 ; dLdh[T+1]=0
for t in range(T-1, -1, -1):                                # line 81
    nxt = wh*h[t+2]*(1-h[t+2])*dLdh[t+2] if t+1 < T else 0.0
    dLdh[t+1] = wo*dLdo[t] + nxt
eps = 1e-6
# FD of dL/dh_t: perturb h_t inside the forward
def L_pert_h(k, e):
    hh = [0.0]; out = []
    for t in range(T):
        a = wh*hh[-1] + wi*xs[t]; ht = sig(a) + (e if t == k else 0.0)
        hh.append(ht); out.append(sig(wo*ht))
    return np.sum((np.array(out)-ys)**2)
fd_h = [(L_pert_h(k, eps)-L_pert_h(k, -eps))/(2*eps) for k in range(T)]
report("line 81  dL/dh_t recursion (total gradient)", dLdh[1:T+1], fd_h)
fd_o = []
for k in range(T):
    def Lo(e):
        hh = [0.0]; out = []
        for t in range(T):
            a = wh*hh[-1] + wi*xs[t]; hh.append(sig(a)); out.append(sig(wo*hh[-1] + (e if t == k else 0)))
        return np.sum((np.array(out)-ys)**2)
    fd_o.append((Lo(eps)-Lo(-eps))/(2*eps))
report("line 71  dL/do_t", dLdo, fd_o)
g_wo = np.sum(dLdo*h[1:])                                    # line 95 summed over t
g_wi = np.sum(dLdh[1:T+1]*h[1:]*(1-h[1:])*xs)               # line 105 summed over t
g_wh = np.sum(h[:-1]*h[1:]*(1-h[1:])*dLdh[1:T+1])           # line 115 summed over t
report("line 95  sum_t dL/do_t h_t  vs dL/dw_o", g_wo, (L_scalar(wo+eps,wh,wi)-L_scalar(wo-eps,wh,wi))/(2*eps))
report("line 105 sum_t dL/dh_t h(1-h) x_t vs dL/dw_i", g_wi, (L_scalar(wo,wh,wi+eps)-L_scalar(wo,wh,wi-eps))/(2*eps))
report("line 115 sum_t h_{t-1} h(1-h) dL/dh_t vs dL/dw_h", g_wh, (L_scalar(wo,wh+eps,wi)-L_scalar(wo,wh-eps,wi))/(2*eps))

# ---------- part 2: the TP code, lines 155-189 (row vectors, H hidden units) ----------
H, nb = 4, 7
A = rng.integers(0, 2, nb); B = rng.integers(0, 2, nb); C = rng.integers(0, 2, nb)   # targets need not be a+b for a gradient test
WI = rng.uniform(-1, 1, (2, H)); WH = rng.uniform(-1, 1, (H, H)); WO = rng.uniform(-1, 1, (H, 1))
def loss_code(WI, WH, WO):
    hv = [np.zeros((1, H))]; L = 0.0
    for pos in range(nb):
        index = nb - pos - 1
        x = np.array([[A[index], B[index]]]); y = np.array([[C[index]]])
        ht = sig(x @ WI + hv[-1] @ WH); yt = sig(ht @ WO)
        L += np.sum((yt - y)**2); hv.append(ht)
    return L
# author's backward, verbatim arithmetic
hv = [np.zeros((1, H))]; o_deltas = []
for pos in range(nb):
    index = nb - pos - 1
    x = np.array([[A[index], B[index]]]); y = np.array([[C[index]]])
    at = x @ WI + hv[-1] @ WH; ht = sig(at); ot = ht @ WO; yt = sig(ot)
    pe = 2*(yt - y); o_deltas.append(pe*yt*(1-yt)); hv.append(ht.copy())
wi_u = np.zeros_like(WI); wh_u = np.zeros_like(WH); wo_u = np.zeros_like(WO)
wh_fix = np.zeros_like(WH); wi_fix = np.zeros_like(WI)
fut = np.zeros_like(hv[-1]); clipped = False; a_deltas = []
for i in range(nb):
    x = np.array([[A[i], B[i]]]); ht = hv[-i-1]; prev = hv[-i-2]; od = o_deltas[-i-1]
    raw = (od @ WO.T + fut @ WH.T) * (ht*(1-ht))
    hd = np.clip(raw, -5, 5); clipped |= np.any(raw != hd); a_deltas.append(hd)
    wo_u += (od @ ht).T
    wh_u += prev * ht*(1-ht) * hd          # line 186 as written (broadcast into (H,H))
    wi_u += x.T @ (ht*(1-ht)*hd)           # line 187 as written
    wh_fix += prev.T @ hd                  # what a correct line would be
    wi_fix += x.T @ hd
    fut = hd.copy()
print("clipping active:", clipped)
def fd(fun, W, idx_list=None):
    g = np.zeros_like(W)
    for idx in np.ndindex(W.shape):
        Wp = W.copy(); Wp[idx] += eps; Wm = W.copy(); Wm[idx] -= eps
        g[idx] = (fun(Wp) - fun(Wm))/(2*eps)
    return g
g_wo_fd = fd(lambda W: loss_code(WI, WH, W), WO)
g_wh_fd = fd(lambda W: loss_code(WI, W, WO), WH)
g_wi_fd = fd(lambda W: loss_code(W, WH, WO), WI)
# check ht_delta (line 180) = dL/da_t by perturbing a_t
def loss_pert_a(k, e):
    hv2 = [np.zeros((1, H))]; L = 0.0
    for pos in range(nb):
        index = nb - pos - 1
        x = np.array([[A[index], B[index]]]); y = np.array([[C[index]]])
        a = x @ WI + hv2[-1] @ WH
        if pos == k[0]: a = a.copy(); a[0, k[1]] += e
        ht = sig(a); yt = sig(ht @ WO); L += np.sum((yt-y)**2); hv2.append(ht)
    return L
fd_a = np.array([[ (loss_pert_a((pos, j), eps)-loss_pert_a((pos, j), -eps))/(2*eps) for j in range(H)] for pos in range(nb)])
auth_a = np.vstack(a_deltas[::-1])          # a_deltas[i] belongs to forward position nb-1-i
def loss_pert_o(k, e):
    hv2 = [np.zeros((1, H))]; L = 0.0
    for pos in range(nb):
        index = nb - pos - 1
        x = np.array([[A[index], B[index]]]); y = np.array([[C[index]]])
        ht = sig(x @ WI + hv2[-1] @ WH); o = ht @ WO + (e if pos == k else 0.0)
        yt = sig(o); L += np.sum((yt-y)**2); hv2.append(ht)
    return L
report("line 167 o_delta = dL/do_t (per step)", np.vstack(o_deltas).ravel(),
       [(loss_pert_o(k, eps)-loss_pert_o(k, -eps))/(2*eps) for k in range(nb)])
report("line 180 ht_delta = dL/da_t (clip inactive)", auth_a, fd_a)
report("line 185 wo_update = sum ht^T o_delta", wo_u, g_wo_fd)
report("line 186 wh_update as written", wh_u, g_wh_fd)
report("line 187 wi_update as written", wi_u, g_wi_fd)
report("  (reference) sum prev_ht^T ht_delta", wh_fix, g_wh_fd)
report("  (reference) sum x^T ht_delta", wi_fix, g_wi_fd)
