#!/usr/bin/env python3
"""Finite-difference check of gru_csdn_m0_72427326.md (CSDN GRU gradient / vanishing-gradient post).
numpy only, float64, central differences. Column vectors, no biases:
z = sig(W_z [h;x]), r = sig(W_r [h;x]), h~ = tanh(W_h [r*h; x]), h_t = (1-z)*h + z*h~.
Lines whose explicit matrix product is ill-typed are evaluated as written with numpy and
count as numeric 'fail' when numpy raises. Exits 0 iff all checked lines agree with expected.json."""
import json, os, sys
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
MD = "gru_csdn_m0_72427326.md"
EXP = json.load(open(os.path.join(HERE, "expected.json")))[MD]
rng = np.random.default_rng(2025)
n, d, T = 3, 2, 4
Wz, Wr, Wh = (rng.normal(size=(n, n + d)) * 0.7 for _ in range(3))
X = [rng.normal(size=(d, 1)) for _ in range(T + 1)]
h0 = rng.normal(size=(n, 1)) * 0.5
g = rng.normal(size=(n, 1))            # L = g^T h_T  -> delta_T = g
sig = lambda a: 1 / (1 + np.exp(-a))
EPS = 1e-6


def step(h, x, Wh_=None, e_htil=None):
    Wh_ = Wh if Wh_ is None else Wh_
    hx = np.vstack([h, x])
    z = sig(Wz @ hx); r = sig(Wr @ hx)
    inp = np.vstack([r * h, x]); net = Wh_ @ inp
    ht = np.tanh(net) + (0 if e_htil is None else e_htil)
    return (1 - z) * h + z * ht, dict(z=z, r=r, inp=inp, net=net, ht=ht)


def run_from(k, hk, upto):
    h = hk
    for i in range(k + 1, upto + 1):
        h, _ = step(h, X[i])
    return h


H = [h0]
C = [None]
for i in range(1, T + 1):
    h, c = step(H[-1], X[i]); H.append(h); C.append(c)

close = lambda a, b: np.shape(a) == np.shape(b) and np.allclose(a, b, rtol=1e-5, atol=1e-7)
checks = {}
for ln in (5, 6, 7, 8, 20, 28, 31, 45, 46):
    checks[ln] = (True, "definition / restatement of the forward")

t = T
hp, c = H[t - 1], C[t]
z, r, inp, net, ht = c["z"], c["r"], c["inp"], c["net"], c["ht"]
tp = 1 - np.tanh(net) ** 2
delta = g

# line 24: dh_t/dh~_t with z, h_{t-1} fixed
J24 = np.zeros((n, n))
for j in range(n):
    e = np.zeros((n, 1)); e[j] = EPS
    J24[:, j] = ((step(hp, X[t], e_htil=e)[0] - step(hp, X[t], e_htil=-e)[0]) / (2 * EPS)).ravel()
checks[24] = (close(J24, np.diagflat(z)), "FD with h~ perturbed")

# FD tensor dh~/dW_h (h_{t-1} fixed) and dL/dW_h step-local
m = n + d
Tfd = np.zeros((n, n, m)); Gfd = np.zeros((n, m))
for a in range(n):
    for b in range(m):
        Wp = Wh.copy(); Wp[a, b] += EPS; Wm = Wh.copy(); Wm[a, b] -= EPS
        sp, cp = step(hp, X[t], Wh_=Wp); sm, cm = step(hp, X[t], Wh_=Wm)
        Tfd[:, a, b] = ((cp["ht"] - cm["ht"]) / (2 * EPS)).ravel()
        Gfd[a, b] = (delta.T @ (sp - sm)).item() / (2 * EPS)
dnet_dW = np.zeros((n, n, m))
for a in range(n): dnet_dW[a, a, :] = inp.ravel()
checks[29] = (close(np.einsum("ak,kbc->abc", np.diagflat(tp), dnet_dW), Tfd), "tensor contraction of the two factors")


def try_eval(f, truth):
    try:
        v = f(); return close(v, truth), ""
    except Exception as e:
        return False, f"ill-typed as written [{e}]"


ok, note = try_eval(lambda: np.diagflat(tp) @ inp.T, Tfd)
checks[30] = (ok, note or "value differs from FD tensor")
checks[35] = (close(np.einsum("k,kc,cab->ab", delta.ravel(), np.diagflat(z), Tfd), Gfd), "step-local chain vs FD (h_{t-1} fixed)")
ok, note = try_eval(lambda: delta.T @ np.diagflat(z) @ np.diagflat(tp) @ inp.T, Gfd)
checks[36] = (ok, note or "value differs from FD")
checks[37] = (close((delta * z * tp) @ inp.T, Gfd), "outer product vs FD")
# sanity: step-local gradient is not the full BPTT gradient (informative only)

# multi-step Jacobians
def jac_multi(k, upto):
    Jm = np.zeros((n, n))
    for j in range(n):
        e = np.zeros((n, 1)); e[j] = EPS
        Jm[:, j] = ((run_from(k, H[k] + e, upto) - run_from(k, H[k] - e, upto)) / (2 * EPS)).ravel()
    return Jm
k = 1
Jtk = jac_multi(k, t)
# line 42: dL/dh_k = dL/dh_t . dh_t/dh_k, L = g^T h_t
dLdhk = np.array([(g.T @ (run_from(k, H[k] + e, t) - run_from(k, H[k] - e, t))).item() / (2 * EPS)
                  for e in (np.eye(n)[:, [j]] * EPS for j in range(n))])
checks[42] = (close(dLdhk, (g.T @ Jtk).ravel()), "k=1, t=4")
# line 48: ordered product of one-step Jacobians
one = {i: jac_multi(i - 1, i) for i in range(k + 1, t + 1)}
prod = np.eye(n)
for i in range(t, k, -1):
    prod = prod @ one[i]
checks[48] = (close(prod, Jtk), "prod_{i=k+1}^t dh_i/dh_{i-1}, later factors on the left")
# line 51: the four-path one-step Jacobian at step i
i = 3
ci, hpi = C[i], H[i - 1]
zi, ri, neti, hti = ci["z"], ci["r"], ci["net"], ci["ht"]
tpi = 1 - np.tanh(neti) ** 2
Whh = Wh[:, :n]; Wzh = Wz[:, :n]; Wrh = Wr[:, :n]
direct = np.diagflat(1 - zi)
cand = np.diagflat(zi * tpi) @ Whh @ np.diagflat(ri)
upd = np.diagflat(hti - hpi) @ (np.diagflat(zi * (1 - zi)) @ Wzh)
rst = (np.diagflat(zi * tpi) @ Whh @ np.diagflat(hpi)) @ (np.diagflat(ri * (1 - ri)) @ Wrh)
checks[51] = (close(direct + cand + upd + rst, one[i]), "sum of the four paths vs FD one-step Jacobian")

bad = 0
for ln in sorted(set(map(int, EXP)) | set(checks)):
    exp = EXP.get(str(ln), {}).get("expected", "MISSING")
    if ln not in checks:
        print(f"line {ln}: expected {exp}, numeric NOT CHECKED"); bad += 1; continue
    ok, note = checks[ln]
    num = "pass" if ok else "fail"
    flag = "" if num == exp else "   <-- MISMATCH"
    bad += num != exp
    print(f"line {ln}: expected {exp}, numeric {num}  {note}{flag}")
print("ALL AGREE" if not bad else f"{bad} DISAGREEMENTS")
sys.exit(1 if bad else 0)
