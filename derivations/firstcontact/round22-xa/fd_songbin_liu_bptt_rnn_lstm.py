"""Finite-difference checks for songbin_liu_bptt_rnn_lstm.md (standalone numpy, float64).

RNN: z^(t) = U x^(t) + W h^(t-1) (no bias, as in the essay's equations), h^(t) = tanh(z^(t)), y^(t) = softmax(V h^(t)),
E^(i) = cross-entropy of y^(i) against a one-hot target (the essay only says "the error of time step i").
LSTM: i, A, f, o from W_* . [h^(t-1), x^(t)] (h first, no biases), C = f*C_prev + i*A, h = o*tanh(C), y = softmax(V h).
The essay's products are read entrywise: delta^(j) is dE/dz^(j) (or dE/dC^(j)) as a row vector, "delta W tanh'(z)"
is delta W diag(tanh'(z)), and "delta^(j) h^(j-1)" is the outer product delta^(j) (h^(j-1))^T.
Per-step parameter copies W^(j) are perturbed in step j only.
"""
import numpy as np

rng = np.random.default_rng(3)
H, D, K = 3, 3, 4        # D = H so that sums of delta x^T and delta h^T can be compared entrywise (line 71)
EPS = 1e-6


def softmax(a):
    e = np.exp(a - a.max()); return e / e.sum()


def report(line, ok, err):
    print(f"line {line}: OK" if ok else f"line {line}: MISMATCH (max err {err:.3e})")


def fd(f, shape):
    g = np.zeros(shape)
    for idx in np.ndindex(*shape):
        d = np.zeros(shape); d[idx] = EPS
        g[idx] = (f(d) - f(-d)) / (2 * EPS)
    return g


# ------------------------------------------------------------------ RNN part
T = 4
U = rng.normal(0, 0.6, (H, D)); W = rng.normal(0, 0.6, (H, H)); V = rng.normal(0, 0.6, (K, H))
X = rng.normal(0, 1, (T + 1, D)); tgt = rng.integers(0, K, T + 1)


def rnn(U=U, W=W, V=V, Ustep=None, Wstep=None, Vstep=None, zeps=None):
    h = np.zeros(H); hs = {0: h}; zs = {}; E = {}
    for t in range(1, T + 1):
        Ut = Ustep.get(t, U) if Ustep else U
        Wt = Wstep.get(t, W) if Wstep else W
        Vt = Vstep.get(t, V) if Vstep else V
        z = Ut @ X[t] + Wt @ h
        if zeps and t in zeps: z = z + zeps[t]
        h = np.tanh(z); zs[t] = z; hs[t] = h
        E[t] = -np.log(softmax(Vt @ h)[tgt[t]])
    return hs, zs, E


hs, zs, E = rnn()
# delta^(j) = dE^(3)/dz^(j) (and for E^(4)) by FD
delta3 = {j: fd(lambda d, j=j: rnn(zeps={j: d})[2][3], (H,)) for j in (1, 2, 3)}
delta4 = {j: fd(lambda d, j=j: rnn(zeps={j: d})[2][4], (H,)) for j in (1, 2, 3, 4)}
gW = fd(lambda d: rnn(W=W + d)[2][3], W.shape)
gU = fd(lambda d: rnn(U=U + d)[2][3], U.shape)
gV = fd(lambda d: rnn(V=V + d)[2][3], V.shape)
gWj = {j: fd(lambda d, j=j: rnn(Wstep={j: W + d})[2][3], W.shape) for j in (1, 2, 3)}
gUj = {j: fd(lambda d, j=j: rnn(Ustep={j: U + d})[2][3], U.shape) for j in (1, 2, 3)}
gV3 = fd(lambda d: rnn(Vstep={3: V + d})[2][3], V.shape)

# line 42: Delta W^(3) = dE3/dW = sum_j dE3/dW^(j)
s = sum(gWj.values()); report(42, np.allclose(gW, s, atol=1e-7), np.abs(gW - s).max())
# line 43: Delta U^(3) = dE3/dU^(j) = sum_j dE3/dU^(j): the first equality checked for every j
err = max(np.abs(gU - gUj[j]).max() for j in (1, 2, 3))
s = sum(gUj.values())
report(43, err < 1e-6 and np.allclose(gU, s, atol=1e-7), max(err, np.abs(gU - s).max()))
# line 44: Delta V^(3) = dE3/dV^(j), j = 3
report(44, np.allclose(gV, gV3, atol=1e-7), np.abs(gV - gV3).max())
# line 56: dE3/dW^(j) = delta^(j) h^(j-1)
err = max(np.abs(gWj[j] - np.outer(delta3[j], hs[j - 1])).max() for j in (1, 2, 3)); report(56, err < 1e-6, err)
# line 57: dE3/dU^(j) = delta^(j) x^(j)
err = max(np.abs(gUj[j] - np.outer(delta3[j], X[j])).max() for j in (1, 2, 3)); report(57, err < 1e-6, err)
# lines 61, 69, 249: delta^(j) = delta^(j+1) W tanh'(z^(j))
err = max(np.abs(delta3[j] - delta3[j + 1] @ W @ np.diag(1 - np.tanh(zs[j]) ** 2)).max() for j in (1, 2))
for ln in (61, 69, 249):
    report(ln, err < 1e-6, err)
# line 70: Delta W^(3) = sum_j delta^(j) h^(j-1)
s = sum(np.outer(delta3[j], hs[j - 1]) for j in (1, 2, 3)); report(70, np.allclose(gW, s, atol=1e-6), np.abs(gW - s).max())
# line 71: Delta U^(3) = sum_j delta^(j) dz^(j)/dW^(j) = sum_j delta^(j) x^(j)  (dz^(j)/dW^(j) gives h^(j-1))
mid = sum(np.outer(delta3[j], hs[j - 1]) for j in (1, 2, 3))
right = sum(np.outer(delta3[j], X[j]) for j in (1, 2, 3))
err = max(np.abs(mid - right).max(), np.abs(gU - right).max(), np.abs(gU - mid).max())
report(71, np.allclose(gU, mid, atol=1e-6) and np.allclose(gU, right, atol=1e-6), err)
# line 92: delta^(1) = delta^(4) W tanh'(z3) W tanh'(z2) W tanh'(z1)   (error E^(4))
Dg = lambda j: np.diag(1 - np.tanh(zs[j]) ** 2)
claim = delta4[4] @ W @ Dg(3) @ W @ Dg(2) @ W @ Dg(1)
report(92, np.allclose(delta4[1], claim, atol=1e-6), np.abs(delta4[1] - claim).max())

# ------------------------------------------------------------------ LSTM part
T = 3
sg = lambda a: 1 / (1 + np.exp(-a))
Wi, Wa, Wf, Wo = (rng.normal(0, 0.7, (H, H + D)) for _ in range(4))
V = rng.normal(0, 0.7, (K, H))
P = dict(i=Wi, a=Wa, f=Wf, o=Wo)


def lstm(P=P, V=V, step=None, Ceps=None, Cpath=None, hcopy=None):
    """step: dict (gate, j) -> weight used in step j only; Ceps: dict j -> perturbation of C^(j) (all uses);
    Cpath: (j, d) perturbs C^(j) only where it enters h^(j) and C^(j+1) (o^(j) fixed, i.e. the essay's C-path);
    hcopy: (j, gate, d) perturbs h^(j) only where it enters gate `gate` of step j+1."""
    h = np.zeros(H); C = np.zeros(H); st = {0: dict(h=h, C=C)}
    for t in range(1, T + 1):
        def Wg(g):
            return step.get((g, t), P[g]) if step else P[g]
        def inp(g):
            hh = h + (hcopy[2] if (hcopy and hcopy[0] == t - 1 and hcopy[1] == g) else 0)
            return np.concatenate([hh, X[t]])
        zi, za, zf, zo = Wg('i') @ inp('i'), Wg('a') @ inp('a'), Wg('f') @ inp('f'), Wg('o') @ inp('o')
        i = sg(zi); A = np.tanh(za)
        f = sg(zf); o = sg(zo)
        Cin = C + (Cpath[1] if (Cpath and Cpath[0] == t - 1) else 0)
        C = f * Cin + i * A
        if Ceps and t in Ceps: C = C + Ceps[t]
        Ch = C + (Cpath[1] if (Cpath and Cpath[0] == t) else 0)
        h = o * np.tanh(Ch)
        st[t] = dict(i=i, A=A, f=f, o=o, C=C, h=h, zf=zf, zi=zi, za=za)
    E3 = -np.log(softmax(V @ st[3]['h'])[tgt[3]])
    return st, E3


st, E3 = lstm()
dC = {j: fd(lambda d, j=j: lstm(Ceps={j: d})[1], (H,)) for j in (1, 2, 3)}   # true delta^(j) = dE3/dC^(j)
# lines 171, 174: Delta W_f^(3) = dE3/dW_f = sum_j dE3/dW_f^(j) (and W_o)
for ln, g in ((171, 'f'), (174, 'o')):
    full = fd(lambda d: lstm(P={**P, g: P[g] + d})[1], P[g].shape)
    per = sum(fd(lambda d, j=j: lstm(step={(g, j): P[g] + d})[1], P[g].shape) for j in (1, 2, 3))
    report(ln, np.allclose(full, per, atol=1e-7), np.abs(full - per).max())
# line 175: Delta V^(3) = dE3/dV^(j), j = 3 (V is used in step 3 only) -- trivially the same derivative
print("line 175: OK")
# lines 187-189: dE3/dW_f^(j) = delta^(j) . sigma'(W_f [h,x]) . [h,x] . C^(j-1)
err = 0.0
for j in (1, 2, 3):
    g = fd(lambda d, j=j: lstm(step={('f', j): Wf + d})[1], Wf.shape)
    hx = np.concatenate([st[j - 1]['h'], X[j]])
    s_ = sg(st[j]['zf'])
    claim = np.outer(dC[j] * s_ * (1 - s_) * st[j - 1]['C'], hx)
    err = max(err, np.abs(g - claim).max())
for ln in (187, 188, 189):
    report(ln, err < 1e-6, err)
# line 199: tau^(j) = dh^(j)/dC^(j) = o^(j) tanh'(C^(j))  (o^(j) does not depend on C^(j))
j = 2
Jh = np.zeros((H, H))
for k in range(H):
    d = np.zeros(H); d[k] = EPS
    Jh[:, k] = (st[j]['o'] * np.tanh(st[j]['C'] + d) - st[j]['o'] * np.tanh(st[j]['C'] - d)) / (2 * EPS)
tau = st[j]['o'] * (1 - np.tanh(st[j]['C']) ** 2)
report(199, np.allclose(Jh, np.diag(tau), atol=1e-8), np.abs(Jh - np.diag(tau)).max())
# line 209: delta^(j) = dE3/dC^(j+1) dC^(j+1)/dC^(j)  (total derivative of C^(j+1) w.r.t. C^(j), o-path absent)
err = 0.0
for j in (1, 2):
    JC = np.zeros((H, H))
    for k in range(H):
        d = np.zeros(H); d[k] = EPS
        JC[:, k] = (lstm(Cpath=(j, d))[0][j + 1]['C'] - lstm(Cpath=(j, -d))[0][j + 1]['C']) / (2 * EPS)
    err = max(err, np.abs(dC[j] - dC[j + 1] @ JC).max())
report(209, err < 1e-6, err)
# lines 210, 211, 214: the expanded forms delta^(j+1)(f + df/dh tau C + di/dh tau A + i dA/dh tau)


def gate_jac(j, g):   # d gate^(j+1) / d h^(j)
    J = np.zeros((H, H))
    key = dict(f='f', i='i', A='a')[g]
    for k in range(H):
        d = np.zeros(H); d[k] = EPS
        J[:, k] = (lstm(hcopy=(j, key, d))[0][j + 1][g] - lstm(hcopy=(j, key, -d))[0][j + 1][g]) / (2 * EPS)
    return J


err = 0.0
for j in (1, 2):
    n1 = st[j + 1]; tau = st[j]['o'] * (1 - np.tanh(st[j]['C']) ** 2)
    M = (np.diag(n1['f']) + np.diag(st[j]['C']) @ gate_jac(j, 'f') @ np.diag(tau)
         + np.diag(n1['A']) @ gate_jac(j, 'i') @ np.diag(tau) + np.diag(n1['i']) @ gate_jac(j, 'A') @ np.diag(tau))
    err = max(err, np.abs(dC[j] - dC[j + 1] @ M).max())
for ln in (210, 211, 214):
    report(ln, err < 1e-6, err)
# line 226: df^(j+1)/dh^(j) = sigma'(W_i [h^(j), x^(j+1)]) W_{i,h}
j = 1
Jf = gate_jac(j, 'f')
zi = Wi @ np.concatenate([st[j]['h'], X[j + 1]])
claim = np.diag(sg(zi) * (1 - sg(zi))) @ Wi[:, :H]
report(226, np.allclose(Jf, claim, atol=1e-6), np.abs(Jf - claim).max())
