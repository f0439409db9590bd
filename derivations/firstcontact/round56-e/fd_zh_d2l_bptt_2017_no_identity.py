"""Finite-difference check of zh_d2l_bptt_2017_no_identity.md (d2l-zh bptt.md, 2017-12-22 version).
numpy only, float64. Model of the document: h_t = phi(W_hx x_t + W_hh h_{t-1}), o_t = W_yh h_t,
L = 1/T sum_t l(o_t, y_t); here phi = tanh (the document keeps phi general) and l = 0.5||o-y||^2.
dL/dh_t is the total derivative of L w.r.t. h_t (perturb h_t in the unrolled forward pass)."""
import json, os, sys
import numpy as np

rng = np.random.default_rng(56)
dx, dh, dy, T = 3, 4, 2, 4
X = rng.normal(size=(T + 1, dx))          # index 1..T used
Y = rng.normal(size=(T + 1, dy))
P0 = {"Whx": rng.normal(scale=0.7, size=(dh, dx)),
      "Whh": rng.normal(scale=0.7, size=(dh, dh)),
      "Wyh": rng.normal(scale=0.7, size=(dy, dh))}
h0 = rng.normal(scale=0.5, size=dh)


def forward(P, phi, hpert=None, opert=None):
    hpert = hpert or {}
    opert = opert or {}
    h = {0: h0.copy()}
    o = {}
    L = 0.0
    for t in range(1, T + 1):
        h[t] = phi(P["Whx"] @ X[t] + P["Whh"] @ h[t - 1]) + hpert.get(t, 0.0)
        o[t] = P["Wyh"] @ h[t] + opert.get(t, 0.0)
        L += 0.5 * np.sum((o[t] - Y[t]) ** 2) / T
    return L, h, o


def fd(f, shape, eps=1e-6):
    g = np.zeros(shape)
    for idx in np.ndindex(*shape):
        e = np.zeros(shape); e[idx] = eps
        g[idx] = (f(e) - f(-e)) / (2 * eps)
    return g


def grads(phi):
    P = P0
    _, h, o = forward(P, phi)
    dLdh = {t: fd(lambda e, t=t: forward(P, phi, hpert={t: e})[0], (dh,)) for t in range(1, T + 1)}
    dLdo = {t: fd(lambda e, t=t: forward(P, phi, opert={t: e})[0], (dy,)) for t in range(1, T + 1)}
    dW = {k: fd(lambda e, k=k: forward({**P, k: P[k] + e}, phi)[0], P[k].shape) for k in P}
    return h, o, dLdh, dLdo, dW


def rel(a, b):
    return float(np.max(np.abs(a - b)) / (np.max(np.abs(b)) + 1e-12))


def run(phi):
    h, o, dLdh, dLdo, dW = grads(phi)
    P = P0
    res = {}
    # line 55: dL/do_t = dl(o_t,y_t)/(T do_t)
    res[55] = max(rel((o[t] - Y[t]) / T, dLdo[t]) for t in range(1, T + 1))
    # line 60: dL/dW_yh = sum_t dL/do_t h_t^T
    res[60] = rel(sum(np.outer(dLdo[t], h[t]) for t in range(1, T + 1)), dW["Wyh"])
    # line 71: dL/dh_T = W_yh^T dL/do_T
    res[71] = rel(P["Wyh"].T @ dLdo[T], dLdh[T])
    # line 80: dL/dh_t = W_hh^T dL/dh_{t+1} + W_yh^T dL/do_t   (t < T)
    res[80] = max(rel(P["Whh"].T @ dLdh[t + 1] + P["Wyh"].T @ dLdo[t], dLdh[t]) for t in range(1, T))
    # line 88: dL/dh_t = sum_{i=t}^T (W_hh^T)^{T-i} W_yh^T dL/do_{T+t-i}
    def closed(t):
        return sum(np.linalg.matrix_power(P["Whh"].T, T - i) @ P["Wyh"].T @ dLdo[T + t - i] for i in range(t, T + 1))
    res[88] = max(rel(closed(t), dLdh[t]) for t in range(1, T + 1))
    # line 97: dL/dW_hx = sum_t dL/dh_t x_t^T
    res[97] = rel(sum(np.outer(dLdh[t], X[t]) for t in range(1, T + 1)), dW["Whx"])
    # line 102: dL/dW_hh = sum_t dL/dh_t h_{t-1}^T
    res[102] = rel(sum(np.outer(dLdh[t], h[t - 1]) for t in range(1, T + 1)), dW["Whh"])
    # lines 38/40/42: SGD update W <- W - eta dL/dW decreases L for a small eta (update rule, consistent)
    L0 = forward(P, phi)[0]
    for line, k in ((38, "Whx"), (40, "Whh"), (42, "Wyh")):
        Lnew = forward({**P, k: P[k] - 1e-3 * dW[k]}, phi)[0]
        res[line] = 0.0 if Lnew < L0 else 1.0
    return res


here = os.path.dirname(os.path.abspath(__file__))
exp = json.load(open(os.path.join(here, "expected.json")))["zh_d2l_bptt_2017_no_identity.md"]
res = run(np.tanh)
ident = run(lambda z: z)
ok = True
for line in sorted(int(k) for k in exp):
    e = exp[str(line)]["expected"]
    if line in res:
        num = "pass" if res[line] < 1e-6 else "fail"
        extra = f" (rel.err {res[line]:.2e}; with phi=identity rel.err {ident[line]:.2e})"
    else:
        num = "pass"
        extra = " (definition / notation line: used as given, not a derived identity)"
    print(f"line {line}: expected {e}, numeric {num}{extra}")
    ok &= (num == e)
sys.exit(0 if ok else 1)
