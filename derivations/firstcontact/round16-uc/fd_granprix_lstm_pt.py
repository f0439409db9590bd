# Finite-difference check of granprix_lstm_pt.md (Portuguese LSTM breakdown, sections 5, 6, 11, 12).
# Column vectors, z_t = [h_{t-1}; x_t]; f,i,o = sigma(W z + b), C~ = tanh(W_C z + b_C);
# C_t = f*C_{t-1} + i*C~, h_t = o*tanh(C_t); y^_t = W_y h_t + b_y (section 13 of the note), L = sum_t L_t, L_t = 0.5||y^_t - y_t||^2 (MSE).
import numpy as np
rng = np.random.default_rng(1)
D, H, K, T = 3, 4, 2, 5
P = {g: rng.normal(size=(H, H + D)) * 0.6 for g in 'fiCo'}
bP = {g: rng.normal(size=H) * 0.2 for g in 'fiCo'}
Wy = rng.normal(size=(K, H)); by = rng.normal(size=K)
X = rng.normal(size=(T + 1, D)); Y = rng.normal(size=(T + 1, K))
sg = lambda a: 1 / (1 + np.exp(-a))

def fwd(P, eh=None, ec=None):
    h = np.zeros(H); C = np.zeros(H); cache = {'h': [h], 'C': [C]}; L = 0.0
    for t in range(1, T + 1):
        z = np.concatenate([h, X[t]])
        f = sg(P['f'] @ z + bP['f']); i = sg(P['i'] @ z + bP['i'])
        Ct = np.tanh(P['C'] @ z + bP['C']); o = sg(P['o'] @ z + bP['o'])
        C = f * C + i * Ct
        if ec is not None: C = C + ec[t]
        h = o * np.tanh(C)
        if eh is not None: h = h + eh[t]
        L += 0.5 * np.sum((Wy @ h + by - Y[t]) ** 2)
        for k, v in dict(z=z, f=f, i=i, Ct=Ct, o=o).items(): cache.setdefault(k, [None]).append(v)
        cache['h'].append(h); cache['C'].append(C)
    return L, cache

L0, c = fwd(P)
eps = 1e-6
def rel(a, b): return np.max(np.abs(a - b)) / max(1e-12, np.max(np.abs(b)))
# total gradients dL/dh_t and dL/dC_t via additive perturbations
dLdh = np.zeros((T + 1, H)); dLdC = np.zeros((T + 1, H))
for t in range(1, T + 1):
    for k in range(H):
        for arr, name in ((dLdh, 'h'), (dLdC, 'C')):
            e = np.zeros((T + 1, H)); e[t, k] = eps
            Lp = fwd(P, **({'eh': e} if name == 'h' else {'ec': e}))[0]
            Lm = fwd(P, **({'eh': -e} if name == 'h' else {'ec': -e}))[0]
            arr[t, k] = (Lp - Lm) / (2 * eps)
# line 110 (and 102/105/107): dL/dC_t = dL/dh_t o_t (1-tanh^2 C_t) + dL/dC_{t+1} f_{t+1}
for t in range(1, T + 1):
    nxt = dLdC[t + 1] * c['f'][t + 1] if t < T else 0
    pred = dLdh[t] * c['o'][t] * (1 - np.tanh(c['C'][t]) ** 2) + nxt
    if t in (2, T): print(f'L110 dL/dC_{t} formula vs FD:', rel(pred, dLdC[t]))
# lines 105, 107, 119 are local partial Jacobians (diagonal); check one step numerically
t = 3
def cell(Cprev, hprev, x, P):
    z = np.concatenate([hprev, x]); f = sg(P['f'] @ z + bP['f']); i = sg(P['i'] @ z + bP['i'])
    Ct = np.tanh(P['C'] @ z + bP['C']); o = sg(P['o'] @ z + bP['o']); C = f * Cprev + i * Ct
    return C, o * np.tanh(C), f
J = np.zeros((H, H))
for k in range(H):
    e = np.zeros(H); e[k] = eps
    J[:, k] = (cell(c['C'][t - 1] + e, c['h'][t - 1], X[t], P)[0] - cell(c['C'][t - 1] - e, c['h'][t - 1], X[t], P)[0]) / (2 * eps)
print('L107 dC_{t+1}/dC_t (partial) = diag(f_{t+1}):', rel(J, np.diag(c['f'][t])))
# line 105: dh_t/dC_t = diag(o_t (1 - tanh^2 C_t)) (h_t = o tanh C with o fixed)
print('L105 dh/dC = o(1-tanh^2 C): analytic identity, holds (o does not depend on C_t)')
# line 119 dC_t/df_t = diag(C_{t-1}): C = f*Cprev + ... linear in f -> holds.
# lines 117/121/124/127/130: dL/dW_g with the outer product [h_{t-1}, x_t]^T
gFD = {}
for g in 'fiCo':
    G = np.zeros_like(P[g])
    for idx in np.ndindex(G.shape):
        Pp = {k: v.copy() for k, v in P.items()}; Pp[g][idx] += eps
        Pm = {k: v.copy() for k, v in P.items()}; Pm[g][idx] -= eps
        G[idx] = (fwd(Pp)[0] - fwd(Pm)[0]) / (2 * eps)
    gFD[g] = G
outer = {
 'f': sum(np.outer(dLdC[t] * c['C'][t - 1] * c['f'][t] * (1 - c['f'][t]), c['z'][t]) for t in range(1, T + 1)),
 'i': sum(np.outer(dLdC[t] * c['Ct'][t] * c['i'][t] * (1 - c['i'][t]), c['z'][t]) for t in range(1, T + 1)),
 'C': sum(np.outer(dLdC[t] * c['i'][t] * (1 - c['Ct'][t] ** 2), c['z'][t]) for t in range(1, T + 1)),
 'o': sum(np.outer(dLdh[t] * np.tanh(c['C'][t]) * c['o'][t] * (1 - c['o'][t]), c['z'][t]) for t in range(1, T + 1)),
}
for g, line in zip('fiCo', (121, 124, 127, 130)):
    print(f'L{line} dL/dW_{g} with OUTER product delta [h,x]^T vs FD:', rel(outer[g], gFD[g]))
    try:
        v = (dLdC[1] * c['f'][1] * (1 - c['f'][1])) * c['z'][1]   # as written: column (H) times column (H+D)
        print('   as written (column * column):', v.shape)
    except ValueError as err:
        print('   as written (column times column) is ill-typed:', err)
print('L117 schematic chain (sum over t of dL/dC_t dC_t/df_t df_t/dW_f) = outer form above: same numbers')

# Section 5 (vanilla RNN h_t = tanh(W_h h_{t-1} + W_x x_t + b), from sections 2/4 of the note)
Wh = rng.normal(size=(H, H)) * 0.6; Wx = rng.normal(size=(H, D)); bh = rng.normal(size=H) * 0.1; V = rng.normal(size=(K, H))
def rnn(Wh, h0=None, upto=T):
    h = np.zeros(H) if h0 is None else h0; hs = [h]; a = [None]
    for t in range(1, upto + 1):
        a.append(Wh @ h + Wx @ X[t] + bh); h = np.tanh(a[-1]); hs.append(h)
    return hs, a
hs, a = rnn(Wh)
# line 10: prod_k dh_k/dh_{k-1} = prod_k diag(tanh'(a_k)) W_h  (ordered J_T ... J_{t+1})
t0 = 2
def hT_from(ht):
    h = ht
    for t in range(t0 + 1, T + 1): h = np.tanh(Wh @ h + Wx @ X[t] + bh)
    return h
Jfd = np.zeros((H, H))
for k in range(H):
    e = np.zeros(H); e[k] = eps
    Jfd[:, k] = (hT_from(hs[t0] + e) - hT_from(hs[t0] - e)) / (2 * eps)
prod = np.eye(H)
for k in range(t0 + 1, T + 1): prod = np.diag(1 - np.tanh(a[k]) ** 2) @ Wh @ prod
print('L10 product of diag(tanh\'(a_k)) W_h vs FD dh_T/dh_t:', rel(prod, Jfd))
# line 7: dL/dW = sum_t dL/dh_T prod dh_k/dh_{k-1}: a vector (H), while dL/dW is H x H -> ill-typed / missing dh_t/dW
LossT = lambda Wh: 0.5 * np.sum((V @ rnn(Wh)[0][T]) ** 2)
gWh = np.zeros_like(Wh)
for idx in np.ndindex(Wh.shape):
    Wp = Wh.copy(); Wp[idx] += eps; Wm = Wh.copy(); Wm[idx] -= eps
    gWh[idx] = (LossT(Wp) - LossT(Wm)) / (2 * eps)
dLdhT = V.T @ (V @ hs[T])
from functools import reduce
Jprod = lambda t: reduce(np.matmul, [np.diag(1 - np.tanh(a[k]) ** 2) @ Wh for k in range(T, t, -1)], np.eye(H))  # J_T ... J_{t+1}
author = sum(dLdhT @ Jprod(t) for t in range(1, T + 1))
print('L7 author expression shape', author.shape, 'vs dL/dW shape', gWh.shape, '-> fail (missing dh_t/dW factor)')
correct = sum(np.outer((dLdhT @ Jprod(t)) * (1 - np.tanh(a[t]) ** 2), hs[t - 1]) for t in range(1, T + 1))
print('   with the missing factor dh_t/dW (outer with h_{t-1}):', rel(correct, gWh))
