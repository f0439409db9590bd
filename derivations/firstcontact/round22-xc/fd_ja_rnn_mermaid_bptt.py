"""FD check of ja_rnn_mermaid_bptt.md (standalone numpy, float64, no symlstm).
Forward read off the Mermaid graph: a_t = W h_{t-1} + U x_t, h_t = sigma(a_t) (the node is drawn
'σ'; sigmoid used), y_t = V h_t, L = sum_t sum_components (y_t - t_t)^2 ('square' then 'scan', then 'sum').
Notation of the LaTeX block: ⊗ outer product, * Hadamard, ⊛ matrix product applied left to right to a
row gradient (g ⊛ V = g V). T = 3 steps (the '+ ⋯' are empty), h_0 random."""
import numpy as np

rng = np.random.default_rng(5)
D, H, K, T = 2, 3, 2, 3
W = rng.normal(0, .8, (H, H)); U = rng.normal(0, .8, (H, D)); V = rng.normal(0, .8, (K, H))
X = rng.normal(0, 1, (T + 1, D)); Tg = rng.normal(0, 1, (T + 1, K)); h0 = rng.normal(0, .5, H)
sig = lambda a: 1 / (1 + np.exp(-a))
eps = 1e-6

def fwd(W=W, U=U, V=V, shift=None):
    h = h0.copy(); hs = [h]; As = [None]; L = 0.0
    for t in range(1, T + 1):
        a = W @ h + U @ X[t]
        if shift is not None and shift[0] == t: a = a + shift[1]
        h = sig(a); hs.append(h); As.append(a)
        L += np.sum((V @ h - Tg[t]) ** 2)
    return L, hs, As

L0, hs, As = fwd()
def gradM(fun, M):
    G = np.zeros_like(M)
    for idx in np.ndindex(M.shape):
        E = np.zeros_like(M); E[idx] = eps
        G[idx] = (fun(M + E) - fun(M - E)) / (2 * eps)
    return G
gV = gradM(lambda M: fwd(V=M)[0], V)
gW = gradM(lambda M: fwd(W=M)[0], W)
gU = gradM(lambda M: fwd(U=M)[0], U)
ga = {t: np.array([(fwd(shift=(t, np.eye(H)[k] * eps))[0] - fwd(shift=(t, -np.eye(H)[k] * eps))[0]) / (2 * eps)
                   for k in range(H)]) for t in range(1, T + 1)}
y = {t: V @ hs[t] for t in range(1, T + 1)}
sp = {t: hs[t] * (1 - hs[t]) for t in range(1, T + 1)}   # sigma'_t
out = []
def rep(line, err, tol=1e-6):
    out.append(f"line {line}: OK" if err < tol else f"line {line}: MISMATCH (max err {err:.3g})")

rep(141, np.max(abs(sum(np.outer(2 * (y[t] - Tg[t]), hs[t]) for t in range(1, T + 1)) - gV)))
g1 = (2 * (y[1] - Tg[1])) @ V * sp[1] \
   + (2 * (y[2] - Tg[2])) @ V * sp[2] @ W * sp[1] \
   + (2 * (y[3] - Tg[3])) @ V * sp[3] @ W * sp[2] @ W * sp[1]
rep(142, np.max(abs(g1 - ga[1])))
rep(143, np.max(abs(sum(np.outer(ga[t], hs[t - 1]) for t in range(1, T + 1)) - gW)))
rep(144, np.max(abs(sum(np.outer(ga[t], X[t]) for t in range(1, T + 1)) - gU)))
print("\n".join(out))
