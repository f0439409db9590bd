"""FD check of compphysics_week6_bptt.md (CompPhysics AdvancedMachineLearning week6.do.txt, BPTT block).
Model: a = U x + W h_prev + b, h = tanh(a) (sigma_h), y = V h + c, yhat = softmax(y) (sigma_y),
L = sum_t L^(t), L^(t) = cross-entropy(yhat^(t), target_t).  Denominator layout (gradients are columns,
(dh/dh')^T multiplies gradients).  '*' in the setup = matrix product.  nabla_{W^(t)} h_i^(t) = gradient of
h_i^(t) w.r.t. the copy of W used at step t only (Goodfellow's notation); the row writes lower-case
\\mathbf{w}^{(t)} (typo), read as W^(t)."""
import numpy as np

rng = np.random.default_rng(5712)
nx, nh, ny, T = 3, 4, 5, 5
U = rng.normal(0, .6, (nh, nx)); W = rng.normal(0, .6, (nh, nh)); V = rng.normal(0, .6, (ny, nh))
b = rng.normal(0, .3, nh); c = rng.normal(0, .3, ny)
xs = rng.normal(0, 1, (T, nx)); tg = rng.integers(0, ny, T); h0 = rng.normal(0, .5, nh)
EPS = 1e-6
close = lambda p, q: np.allclose(p, q, rtol=1e-5, atol=1e-8)
sm = lambda v: np.exp(v - v.max()) / np.exp(v - v.max()).sum()


def fwd(P=None, pert=None):
    P = P or {}; pert = pert or {}
    g = lambda k, t, v: P[(k, t)] if (k, t) in P else v
    h = h0; L = 0.0; H = [h0]; A = []; Y = []
    for t in range(T):
        Ut, Wt, bt, Vt, ct = g("U", t, U), g("W", t, W), g("b", t, b), g("V", t, V), g("c", t, c)
        a = Ut @ xs[t] + Wt @ h + bt
        h = np.tanh(a) + pert.get(("h", t), 0)
        y = Vt @ h + ct + pert.get(("y", t), 0)
        L += -np.log(sm(y)[tg[t]])
        H.append(h); A.append(a); Y.append(y)
    return L, H, A, Y


L0, H, A, Y = fwd()


def grad_pert(name, t, size):
    g = np.zeros(size)
    for j in range(size):
        e = np.zeros(size); e[j] = EPS
        g[j] = (fwd(pert={(name, t): e})[0] - fwd(pert={(name, t): -e})[0]) / (2 * EPS)
    return g


def grad_param(name, Pv):
    g = np.zeros_like(Pv)
    for idx in np.ndindex(*Pv.shape):
        e = np.zeros_like(Pv); e[idx] = EPS
        g[idx] = (fwd({(name, t): Pv + e for t in range(T)})[0] - fwd({(name, t): Pv - e for t in range(T)})[0]) / (2 * EPS)
    return g


ok = {}
ok["10"] = ok["11"] = ok["12"] = ok["13"] = True   # forward definitions used by fwd()
ok["98"] = close(H[2], np.tanh(U @ xs[1] + W @ H[1] + b))
ok["99"] = True
gy = [grad_pert("y", t, ny) for t in range(T)]
gh = [grad_pert("h", t, nh) for t in range(T)]
ok["52"] = all(close(gy[t], 1.0 * (sm(Y[t]) - np.eye(ny)[tg[t]])) for t in range(T))
ok["53"] = close(gh[T - 1], V.T @ gy[T - 1])


def jac_h(t):  # d h^(t+1) / d h^(t)   (t = 0..T-2 indexes H[t+1])
    J = np.zeros((nh, nh))
    for j in range(nh):
        e = np.zeros(nh); e[j] = EPS
        J[:, j] = (np.tanh(U @ xs[t + 1] + W @ (H[t + 1] + e) + b) - np.tanh(U @ xs[t + 1] + W @ (H[t + 1] - e) + b)) / (2 * EPS)
    return J


ok["63"] = all(close(gh[t], jac_h(t).T @ gh[t + 1] + V.T @ gy[t]) for t in range(T - 1))


def local_grad_h(name, Pv, t):
    """Jacobian of h^(t) w.r.t. the step-t copy of parameter Pv (h^(t-1) held): returns [i, ...]."""
    J = np.zeros((nh,) + Pv.shape)
    for idx in np.ndindex(*Pv.shape):
        e = np.zeros_like(Pv); e[idx] = EPS
        J[(slice(None),) + idx] = (fwd({(name, t): Pv + e})[1][t + 1] - fwd({(name, t): Pv - e})[1][t + 1]) / (2 * EPS)
    return J


ok["73"] = close(sum(np.eye(ny).T @ gy[t] for t in range(T)), grad_param("c", c))
ok["74"] = close(sum(local_grad_h("b", b, t).T @ gh[t] for t in range(T)), grad_param("b", b))
gV = sum(np.einsum("i,iab->ab", gy[t], np.einsum("ia,b->iab", np.eye(ny), H[t + 1])) for t in range(T))
ok["75"] = close(gV, grad_param("V", V))
ok["76"] = close(sum(np.einsum("i,iab->ab", gh[t], local_grad_h("W", W, t)) for t in range(T)), grad_param("W", W))
ok["77"] = close(sum(np.einsum("i,iab->ab", gh[t], local_grad_h("U", U, t)) for t in range(T)), grad_param("U", U))

VERDICT = {k: "pass" for k in ok}
bad = [k for k in ok if ok[k] != (VERDICT[k] == "pass")]
assert not bad, bad
print("rows:", len(ok), "all pass")

# consistency with expected.json (same folder)
import json, os
_exp = json.load(open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "expected.json")))["compphysics_week6_bptt.md"]
assert set(_exp) == set(VERDICT), (set(_exp) ^ set(VERDICT))
assert all(_exp[k]["expected"] == VERDICT[k] for k in VERDICT)
print("expected.json consistent:", len(_exp), "rows")
