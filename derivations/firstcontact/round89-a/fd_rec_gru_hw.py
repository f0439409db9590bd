"""Finite-difference check of rec_gru_hw.py (the note file itself is imported: its functions are run as published)."""
import numpy as np
import rec_gru_hw as S

rng = np.random.default_rng(1)
N, T, D_in, D_h = 3, 5, 3, 4
data = rng.normal(size=(N, T, D_in))
labels = np.eye(3)[rng.integers(0, 3, size=N)]
Wb = {'W0': rng.normal(scale=0.5, size=(D_h, 5)), 'b0': rng.normal(scale=0.1, size=(1, 5)),
      'W1': rng.normal(scale=0.5, size=(5, 3)), 'b1': rng.normal(scale=0.1, size=(1, 3))}
WbRec = {'W_ih': rng.normal(scale=0.5, size=(D_in, D_h)), 'W_hh': rng.normal(scale=0.5, size=(D_h, D_h)),
         'b_ih': rng.normal(scale=0.1, size=(1, D_h))}
WbGRU = {k: rng.normal(scale=0.5, size=(D_in, D_h)) for k in ['W_z', 'W_r', 'W_h']}
WbGRU.update({k: rng.normal(scale=0.5, size=(D_h, D_h)) for k in ['U_z', 'U_r', 'U_h']})
WbGRU.update({k: rng.normal(scale=0.1, size=(1, D_h)) for k in ['b_z', 'b_r', 'b_h']})


def J_of(fwd, P, Wb):
    h, _ = fwd(P, data)
    A, cache = S.sequantialForward(Wb, h)
    return S.sequentialBackward(Wb, labels, cache)[0]


def fd(fun, P, eps=1e-6):
    G = {}
    for k, v in P.items():
        g = np.zeros_like(v)
        for idx in np.ndindex(v.shape):
            old = v[idx]
            v[idx] = old + eps; jp = fun()
            v[idx] = old - eps; jm = fun()
            v[idx] = old
            g[idx] = (jp - jm) / (2 * eps)
        G[k] = g
    return G


def close(a, b, tol=1e-6):
    return np.max(np.abs(a - b)) <= tol * max(1.0, np.max(np.abs(b)))


def report(title, G, Gfd):
    print(title)
    for k in G:
        print(f"  {k}: {'agree' if close(G[k], Gfd[k]) else 'DISAGREE'}  max|diff|={np.max(np.abs(G[k]-Gfd[k])):.3e}")


# ---------------- MLP head (sequentialBackward) ----------------
h_rnn, rc = S.reccurentForward(WbRec, data)
A, cache = S.sequantialForward(Wb, h_rnn)
J, grads, last_dA = S.sequentialBackward(Wb, labels, cache)
Gfd_head = fd(lambda: J_of(S.reccurentForward, WbRec, Wb), Wb)
report("== head: sequentialBackward grads (lines 73-81) vs FD", {k: grads['d' + k] for k in Wb}, Gfd_head)
# dJ/dh_T by FD on the head alone
def J_head(h):
    A, cache = S.sequantialForward(Wb, h)
    return S.sequentialBackward(Wb, labels, cache)[0]
g_h = np.zeros_like(h_rnn)
for idx in np.ndindex(h_rnn.shape):
    hp = h_rnn.copy(); hp[idx] += 1e-6
    hm = h_rnn.copy(); hm[idx] -= 1e-6
    g_h[idx] = (J_head(hp) - J_head(hm)) / 2e-6
print(f"  returned dA_prev (line 80, layer 0) == N * dJ/dh_T: {'agree' if close(last_dA, N * g_h) else 'DISAGREE'}")

# ---------------- simple RNN ----------------
G_rnn = S.recBackward(WbRec, data, last_dA, rc)
Gfd_rnn = fd(lambda: J_of(S.reccurentForward, WbRec, Wb), WbRec)
report("== RNN: published recBackward vs FD", {k: G_rnn['d' + k] for k in WbRec}, Gfd_rnn)

# the t = 0 term the loop (line 140) never visits
Z0 = rc['Zrec_0']
# correct dH at t=0: propagate last_dA back through steps T-1..1
dH = last_dA.copy()
for t in range(T - 1, 0, -1):
    dH = (dH * S.tanh_backward(rc[f'Zrec_{t}'])) @ WbRec['W_hh'].T
dZ0 = dH * S.tanh_backward(Z0)
fixed = {'W_ih': G_rnn['dW_ih'] + data[:, 0, :].T @ dZ0 / N,
         'W_hh': G_rnn['dW_hh'] + np.zeros((D_h, D_h)),   # h_{-1} = 0, the t=0 term of dW_hh vanishes
         'b_ih': G_rnn['db_ih'] + dZ0.sum(axis=0) / N}
report("== RNN: published sums + the missing t=0 term vs FD (confirms lines 156-170 as per-step formulas)", fixed, Gfd_rnn)

# ---------------- GRU ----------------
h_gru, gc = S.gruForward(WbGRU, data)
A, cache = S.sequantialForward(Wb, h_gru)
J, grads, last_dA_g = S.sequentialBackward(Wb, labels, cache)
G_gru = S.gruBackward(WbGRU, data, last_dA_g, gc)
Gfd_gru = fd(lambda: J_of(S.gruForward, WbGRU, Wb), WbGRU)
report("== GRU: published gruBackward vs FD", {k: G_gru['d' + k] for k in WbGRU}, Gfd_gru)


def gru_backward_fixed(fix_dR, fix_dH):
    P = WbGRU
    G = {k: np.zeros_like(v) for k, v in P.items()}
    dH_next = last_dA_g
    steps = []
    for t in range(T - 1, -1, -1):
        z, r, hh = gc[f'z_t_{t}'], gc[f'r_t_{t}'], gc[f'h_hat_t_{t}']
        hp = gc[f'h_t_{t-1}'] if t > 0 else np.zeros_like(z)
        x = data[:, t, :]
        dZ = dH_next * (hp - hh)
        dHh = dH_next * (1 - z)
        dHp = dH_next * z
        dZ = dZ * z * (1 - z)
        dHh_pre = dHh * (1 - hh ** 2)
        dR_author = (dHh @ P['U_h'].T) * hp * r * (1 - r)
        dR_correct = (dHh_pre @ P['U_h'].T) * hp * r * (1 - r)
        dR = dR_correct if fix_dR else dR_author
        G['W_z'] += x.T @ dZ / N; G['W_r'] += x.T @ dR / N; G['W_h'] += x.T @ dHh_pre / N
        G['U_z'] += hp.T @ dZ / N; G['U_r'] += hp.T @ dR / N; G['U_h'] += (r * hp).T @ dHh_pre / N
        G['b_z'] += dZ.sum(0) / N; G['b_r'] += dR.sum(0) / N; G['b_h'] += dHh_pre.sum(0) / N
        dH_author = dHp + dZ @ P['U_z'].T + dR @ P['U_r'].T
        dH_correct = dH_author + (dHh_pre @ P['U_h'].T) * r
        steps.append((t, dR_author, dR_correct, dH_author, dH_correct))
        dH_next = dH_correct if fix_dH else dH_author
    return G, steps


Gfix, steps = gru_backward_fixed(True, True)
report("== GRU: same code with line 296 given the tanh' factor and line 314 given the candidate path ((dH_hat_pre @ U_h.T) * r) vs FD", Gfix, Gfd_gru)
print("== GRU line-by-line on correct inputs")
print(f"  296-297 dR_t (uses dH_hat_t before tanh'): {'agree' if all(close(a, c) for _, a, c, _, _ in steps) else 'DISAGREE'}")
print(f"  314 dH_next (no U_h path): {'agree' if all(close(a, c) for _, _, _, a, c in steps) else 'DISAGREE'}")
G_only_dR, _ = gru_backward_fixed(True, False)
G_only_dH, _ = gru_backward_fixed(False, True)
print(f"  fixing only line 296: W_z agrees with FD? {close(G_only_dR['W_z'], Gfd_gru['W_z'])} (line 314 still needed); fixing only line 314: W_r agrees? {close(G_only_dH['W_r'], Gfd_gru['W_r'])} (line 296 still needed)")
