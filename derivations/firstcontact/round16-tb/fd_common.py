"""Small finite-difference helpers shared by the fd_*.py scripts (numpy only, float64)."""
import numpy as np

EPS = 1e-6


def num_grad(f, x):
    """Central-difference gradient of scalar f() w.r.t. array x (x is perturbed in place)."""
    g = np.zeros_like(x)
    it = np.nditer(x, flags=["multi_index"])
    for _ in it:
        i = it.multi_index
        old = x[i]
        x[i] = old + EPS
        fp = f()
        x[i] = old - EPS
        fm = f()
        x[i] = old
        g[i] = (fp - fm) / (2 * EPS)
    return g


def num_jac(f, x):
    """Jacobian d f()/d x for vector-valued f (numerator layout: rows = outputs)."""
    y0 = np.asarray(f()).ravel()
    J = np.zeros((y0.size, x.size))
    flat = x.reshape(-1)
    for j in range(x.size):
        old = flat[j]
        flat[j] = old + EPS
        fp = np.asarray(f()).ravel().copy()
        flat[j] = old - EPS
        fm = np.asarray(f()).ravel().copy()
        flat[j] = old
        J[:, j] = (fp - fm) / (2 * EPS)
    return J


def softmax(z):
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


RESULTS = []


def check(label, lhs, rhs, expect):
    """Record whether lhs == rhs (same shape, rel. tol 1e-6) and whether that matches the expected verdict."""
    lhs = np.asarray(lhs, dtype=float)
    rhs = np.asarray(rhs, dtype=float)
    if lhs.shape != rhs.shape:
        ok = False
        info = f"shape {lhs.shape} vs {rhs.shape}"
    else:
        d = np.max(np.abs(lhs - rhs)) if lhs.size else 0.0
        scale = max(1.0, np.max(np.abs(lhs)) if lhs.size else 1.0)
        ok = d <= 1e-6 * scale
        info = f"max|diff|={d:.2e}"
    verdict = "pass" if ok else "fail"
    agree = verdict == expect
    RESULTS.append(agree)
    print(f"{'OK ' if agree else 'BAD'} {label:60s} {verdict:4s} (expected {expect}) {info}")


def summary():
    n = len(RESULTS)
    bad = n - sum(RESULTS)
    print(f"{n} checks, {bad} disagree with the expected verdicts")
    raise SystemExit(1 if bad else 0)
