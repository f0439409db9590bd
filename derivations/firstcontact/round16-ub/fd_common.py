"""Shared helpers for the finite-difference checks of this batch (numpy only, float64)."""
import numpy as np

def sig(z):
    return 1.0 / (1.0 + np.exp(-z))

def softmax_cols(z):
    e = np.exp(z - z.max(axis=0, keepdims=True))
    return e / e.sum(axis=0, keepdims=True)

def fd_hook(loss_of_hooks, key, shape, h=1e-6):
    """Central differences of loss w.r.t. an additive perturbation `key` of the given shape."""
    g = np.zeros(shape)
    it = np.nditer(g, flags=["multi_index"])
    for _ in it:
        idx = it.multi_index
        e = np.zeros(shape); e[idx] = h
        lp = loss_of_hooks({key: e}); lm = loss_of_hooks({key: -e})
        g[idx] = (lp - lm) / (2 * h)
    return g

def check(name, formula, truth, tol=1e-6):
    if formula is None:
        print(f"{name:60s} FAIL (ill-typed as written)")
        return False
    if np.shape(formula) != np.shape(truth):
        print(f"{name:60s} FAIL (shape {np.shape(formula)} vs {np.shape(truth)})")
        return False
    err = np.max(np.abs(formula - truth)) / (1e-12 + np.max(np.abs(truth)))
    ok = err < tol
    print(f"{name:60s} {'pass' if ok else 'FAIL'} (rel err {err:.2e})")
    return ok
