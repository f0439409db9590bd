# Finite-difference check of RNNCell.backward in yravan/ml_implementation recurrent_functional.py (commit 33864a5),
# numpy only. Forward as written on note line 75: pre_act = x @ W_ih + h @ W_hh + b_h, h_new = tanh(pre_act)
# (or relu). Loss L = sum(G * h_new), so grad_h_new = G. Lines 115/116 as written only have compatible shapes when
# the batch size equals the hidden size (and D == H for line 115), so N = D = H = 4 is used to evaluate them as written;
# a rectangular case (N, D, H) = (3, 5, 4) is run for the other rows.
import numpy as np
eps = 1e-6
def fd(f, X):
    G = np.zeros_like(X)
    for idx in np.ndindex(X.shape):
        Xp = X.copy(); Xp[idx] += eps; Xm = X.copy(); Xm[idx] -= eps
        G[idx] = (f(Xp) - f(Xm)) / (2*eps)
    return G
bad = []
def report(line, name, got, ref):
    if got is None:
        print(f"line {line:4d} {name:40s} NOT COMPUTABLE (shape mismatch) -> DISAGREES"); bad.append(line); return
    ok = got.shape == ref.shape and np.allclose(got, ref, atol=1e-6, rtol=1e-5)
    if not ok: bad.append(line)
    md = np.max(np.abs(got-ref)) if got.shape == ref.shape else float('nan')
    print(f"line {line:4d} {name:40s} {'AGREES' if ok else 'DISAGREES'}  maxdiff={md:.2e}")
def run(N, D, H, nonlinearity, seed):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(N, D)); h = rng.normal(size=(N, H))
    W_ih = rng.normal(size=(D, H))*.5; W_hh = rng.normal(size=(H, H))*.5; b_h = rng.normal(size=H)*.3
    G = rng.normal(size=(N, H))
    act = np.tanh if nonlinearity == 'tanh' else (lambda a: np.maximum(0, a))
    def L(x=x, h=h, W_ih=W_ih, W_hh=W_hh, b_h=b_h):
        pre_act = x @ W_ih + h @ W_hh + b_h            # 75
        return np.sum(G*act(pre_act))                  # 77 / 79
    pre_act = x @ W_ih + h @ W_hh + b_h
    h_new = act(pre_act)
    grad_h_new = G
    if nonlinearity == 'tanh':
        grad_pre_act = (1 - h_new ** 2) * grad_h_new                                 # 106
    if nonlinearity == 'relu':
        grad_pre_act = (h_new > 0).astype(grad_h_new.dtype) * grad_h_new             # 108
    grad_b_h = grad_pre_act.sum(axis=0)                                              # 110
    grad_W_ih = x.T @ grad_h_new                                                     # 112
    grad_W_hh = h.T @ grad_h_new                                                     # 113
    try: grad_x = (W_ih @ grad_h_new).T                                              # 115
    except ValueError: grad_x = None
    try: grad_h = (W_hh @ grad_h_new).T                                              # 116
    except ValueError: grad_h = None
    print(f"-- N={N} D={D} H={H} {nonlinearity}")
    report(106 if nonlinearity == 'tanh' else 108, "grad_pre_act = dL/dpre_act", grad_pre_act,
           fd(lambda P: np.sum(G*act(P)), pre_act))
    report(110, "grad_b_h", grad_b_h, fd(lambda B: L(b_h=B), b_h))
    report(112, "grad_W_ih", grad_W_ih, fd(lambda W: L(W_ih=W), W_ih))
    report(113, "grad_W_hh", grad_W_hh, fd(lambda W: L(W_hh=W), W_hh))
    report(115, "grad_x", grad_x, fd(lambda X: L(x=X), x))
    report(116, "grad_h", grad_h, fd(lambda X: L(h=X), h))
    # what the lines should be
    ok = (np.allclose(x.T @ grad_pre_act, fd(lambda W: L(W_ih=W), W_ih), atol=1e-6) and
          np.allclose(grad_pre_act @ W_ih.T, fd(lambda X: L(x=X), x), atol=1e-6) and
          np.allclose(grad_pre_act @ W_hh.T, fd(lambda X: L(h=X), h), atol=1e-6))
    print("   corrected forms x.T@grad_pre_act, grad_pre_act@W_ih.T, grad_pre_act@W_hh.T agree:", ok)
run(4, 4, 4, 'tanh', 0)
run(4, 4, 4, 'relu', 1)
run(3, 5, 4, 'tanh', 2)
print("\nDISAGREEING rows:", sorted(set(bad)))
