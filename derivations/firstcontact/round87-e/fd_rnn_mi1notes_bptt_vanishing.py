# Numerical check of rnn_mi1notes_bptt_vanishing.tex (kashefy/mi1notes, tutorial 07).
# Forward (lines 152-165): s^(t) = tanh(U x^(t) + W s^(t-1) + b^s), y^(t) = softmax(V s^(t) + b^y);
# cost (194): E^T = 1/p sum_alpha 1/n_alpha sum_t e^(alpha,t), here e = cross-entropy, one sequence (p = 1).
import numpy as np
rng = np.random.default_rng(2)
N, H, M, n = 3, 4, 3, 6
U = rng.normal(size=(H, N))*0.7; W = rng.normal(size=(H, H))*0.7; V = rng.normal(size=(M, H))*0.7
bs = rng.normal(size=H)*0.2; by = rng.normal(size=M)*0.2
X = rng.normal(size=(n, N)); lab = rng.integers(0, M, size=n); s0 = np.zeros(H)
def softmax(a): e = np.exp(a - a.max()); return e/e.sum()

def run(Wlist):   # Wlist[t] = the copy W^(tau) used at step tau (untied, line 243-244)
    s = s0; es = []; S = [s0]
    for t in range(n):
        s = np.tanh(U @ X[t] + Wlist[t] @ s + bs)                    # line 161 (componentwise 152)
        y = softmax(V @ s + by)                                      # line 165 (componentwise 156)
        es.append(-np.log(y[lab[t]])); S.append(s)
    return es, S
def ET(Wm): es, _ = run([Wm]*n); return np.mean(es)                 # line 194 with p = 1

def fd(fun, A, eps=1e-6):
    G = np.zeros_like(A)
    for i in np.ndindex(A.shape):
        o = A[i]; A[i] = o+eps; a = fun(); A[i] = o-eps; b = fun(); A[i] = o; G[i] = (a-b)/(2*eps)
    return G

# exact dE^T/dW (first equalities of line 255-259)
g_exact = fd(lambda: ET(W), W)
# d e^(t) / d W^(tau) for the untied copies, by finite differences
Wc = [W.copy() for _ in range(n)]
D = np.zeros((n, n, H, H))           # D[t, tau] = d e^(t) / d W^(tau)
for tau in range(n):
    for i in np.ndindex(W.shape):
        o = Wc[tau][i]
        Wc[tau][i] = o+1e-6; ep, _ = run(Wc)
        Wc[tau][i] = o-1e-6; em, _ = run(Wc)
        Wc[tau][i] = o
        for t in range(n): D[t, tau][i] = (ep[t]-em[t])/2e-6
summed = sum(D[t, :t+1].sum(0) for t in range(n)) / n                     # 1/n sum_t sum_{tau<=t}
averaged = sum(D[t, :t+1].sum(0)/(t+1) for t in range(n)) / n             # 1/n sum_t 1/t sum_{tau<=t}  (line 260/279)
rel = lambda a, b: np.max(np.abs(a-b))/np.max(np.abs(b))
print(f"lines 255-259 exact part: 1/n sum_t sum_tau de(t)/dW(tau) vs FD dE/dW: rel err {rel(summed, g_exact):.2e} "
      f"{'AGREE' if rel(summed, g_exact) < 1e-5 else 'DISAGREE'}")
r = rel(averaged, g_exact)
cos = np.sum(averaged*g_exact)/np.linalg.norm(averaged)/np.linalg.norm(g_exact)
print(f"lines 255 (its part 260-263) and 279 with the 1/t average: rel err {r:.2e}, cosine to true gradient {cos:.3f} -> "
      f"{'AGREE' if r < 1e-5 else 'DISAGREE'}")

# Exponential forgetting (line 373): linear, no inputs, no bias
s = rng.normal(size=H); st = s.copy()
for t in range(7): st = W @ st
print(f"line 372 s^(t) = W s^(t-1) = W^t s^(0): err {np.max(np.abs(st - np.linalg.matrix_power(W, 7) @ s)):.1e} AGREE")
# line 378 / 381: eigen decomposition written as W = U Lambda U^T
lam, Ue = np.linalg.eig(W)
print("W symmetric?", np.allclose(W, W.T), "| eigenvalues:", np.round(lam, 3))
e378 = np.max(np.abs(Ue @ np.diag(lam) @ Ue.T - W)); e378b = np.max(np.abs(Ue @ np.diag(lam) @ np.linalg.inv(Ue) - W))
print(f"line 378 W = U Lambda U^T: max err {e378:.3f} -> {'AGREE' if e378 < 1e-8 else 'DISAGREE'} (with U^-1 instead: {e378b:.1e})")
e381 = np.max(np.abs((Ue @ np.diag(lam**7) @ Ue.T @ s).real - st))
print(f"line 381 s^(t) = U Lambda^t U^T s^(0): max err {e381:.3f} -> {'AGREE' if e381 < 1e-8 else 'DISAGREE'}")
Ws = (W + W.T)/2; lam_s, Us = np.linalg.eigh(Ws)
print(f"   (for a symmetric W both hold: err {np.max(np.abs(Us @ np.diag(lam_s) @ Us.T - Ws)):.1e})")
# lines 394/399: dominant |lambda_1|
Wbig = W / np.max(np.abs(lam)) * 1.2; Wsmall = W / np.max(np.abs(lam)) * 0.8
sb = s.copy(); ss = s.copy()
for t in range(200): sb = Wbig @ sb; ss = Wsmall @ ss
print(f"line 393 |lambda_1|=1.2 after 200 steps: min_i |s_i| = {np.min(np.abs(sb)):.2e} (grows) ; "
      f"line 398 |lambda_1|=0.8: max_i |s_i| = {np.max(np.abs(ss)):.2e} (-> 0)")
