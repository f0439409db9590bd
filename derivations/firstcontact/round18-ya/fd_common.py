"""Shared numpy helpers for the fd_*.py checks of this batch (float64, central differences)."""
import numpy as np

def sig(z):
    return 1.0 / (1.0 + np.exp(-z))

def num_grad(f, X, eps=1e-6):
    """Central-difference gradient of scalar f() w.r.t. array X (modified in place, restored)."""
    G = np.zeros_like(X)
    it = np.nditer(X, flags=["multi_index"])
    for _ in it:
        i = it.multi_index
        old = X[i]
        X[i] = old + eps; fp = f()
        X[i] = old - eps; fm = f()
        X[i] = old
        G[i] = (fp - fm) / (2 * eps)
    return G

def check(name, author, truth, tol=1e-6):
    """Print PASS/FAIL for the author's formula against the finite-difference truth."""
    a = np.asarray(author, dtype=float)
    t = np.asarray(truth, dtype=float)
    if a.shape != t.shape:
        print(f"FAIL  {name}: shape {a.shape} vs {t.shape}")
        return False
    err = np.max(np.abs(a - t)) / (1.0 + np.max(np.abs(t)))
    ok = err < tol
    print(f"{'PASS' if ok else 'FAIL'}  {name}: rel.err {err:.2e}")
    return ok

def illtyped(name, why):
    print(f"FAIL  {name}: ill-typed as written ({why})")
    return False
