# FD check for sgn_lstm_bptt.md. Model: one LSTM branch (column vectors, [h_{t-1}; x_t] concatenation),
# per frame t: y_t = W_1 h_t + b_1 (FC), m_t = W_mask y_t + b_mask, M_t = sigmoid(m_t), S^_t = M_t * X_t,
# L = sum_t 0.5*||S^_t - S_t||^2 (a real-valued stand-in for the MSE losses of the source).
import numpy as np
rng = np.random.default_rng(2)
Dx, H, Dy, F, T = 3, 4, 5, 6, 5
P = {k: rng.normal(0, .6, s) for k, s in dict(Wf=(H, H + Dx), bf=(H, 1), Wi=(H, H + Dx), bi=(H, 1),
     Wc=(H, H + Dx), bc=(H, 1), Wo=(H, H + Dx), bo=(H, 1), W1=(Dy, H), b1=(Dy, 1), Wm=(F, Dy), bm=(F, 1)).items()}
Xin = rng.normal(size=(T, Dx, 1)); Xn = rng.normal(size=(T, F, 1)); St = rng.normal(size=(T, F, 1))
sig = lambda a: 1 / (1 + np.exp(-a))
def run(pert=None, P=P):
    def p(n, t, v): return v + pert[2] if pert and pert[0] == n and pert[1] == t else v
    h = np.zeros((H, 1)); c = np.zeros((H, 1)); L = 0; S = []
    for t in range(T):
        hx = np.vstack([h, Xin[t]]); cp = c
        af = p('af', t, P['Wf'] @ hx + P['bf']); f = p('f', t, sig(af))
        i = sig(P['Wi'] @ hx + P['bi']); ct = np.tanh(P['Wc'] @ hx + P['bc'])
        c = p('c', t, f * cp + i * ct); o = sig(P['Wo'] @ hx + P['bo'])
        h = p('h', t, o * np.tanh(c))
        y = p('y', t, P['W1'] @ h + P['b1']); m = p('m', t, P['Wm'] @ y + P['bm'])
        M = p('M', t, sig(m)); Sh = p('Sh', t, M * Xn[t])
        L += 0.5 * np.sum((Sh - St[t]) ** 2)
        S.append(dict(f=f, c=c, cp=cp, o=o, h=h, y=y, m=m, M=M, Sh=Sh))
    return L, S
def fd(n, t, size, eps=1e-6):
    g = np.zeros((size, 1))
    for k in range(size):
        e = np.zeros((size, 1)); e[k] = eps
        g[k] = (run((n, t, e))[0] - run((n, t, -e))[0]) / (2 * eps)
    return g
ok = lambda a, b: np.allclose(a, b, atol=1e-6)
L0, S = run(); out = []
t = 2; s = S[t]
dSh = fd('Sh', t, F); dM = fd('M', t, F); dm = fd('m', t, F); dy = fd('y', t, Dy)
out.append(('L38 dL/dM = dL/dS^ * X_noisy', ok(dSh * Xn[t], dM)))
out.append(('L41 dL/dm_logits = dL/dM * M(1-M)', ok(dM * s['M'] * (1 - s['M']), dm)))
# L44: per-frame contribution of dL/dW_1 = dL/dy_t h_t^T  (summed over frames)
g = np.zeros_like(P['W1']); eps = 1e-6
for idx in np.ndindex(g.shape):
    Pp = {k: v.copy() for k, v in P.items()}; Pm = {k: v.copy() for k, v in P.items()}
    Pp['W1'][idx] += eps; Pm['W1'][idx] -= eps
    g[idx] = (run(None, Pp)[0] - run(None, Pm)[0]) / (2 * eps)
out.append(('L44 dL/dW_i = dL/dy_i h^T (summed over frames)', ok(sum(fd('y', u, Dy) @ S[u]['h'].T for u in range(T)), g)))
# LSTM rows
dh = {u: fd('h', u, H) for u in range(T)}; dc = {u: fd('c', u, H) for u in range(T)}
# L52
out.append(('L52 dL/dc_t = dL/dh_t o (1-tanh^2 c_t) + dL/dc_{t+1} f_{t+1}',
            ok(dh[t] * s['o'] * (1 - np.tanh(s['c']) ** 2) + dc[t + 1] * S[t + 1]['f'], dc[t])))
# L55
df = fd('f', t, H); daf = fd('af', t, H)
rhs = dc[t] * s['cp'] * s['f'] * (1 - s['f'])
out.append(('L55 dL/df_t = dL/dc_t c_{t-1} f(1-f)  vs FD dL/df_t', ok(rhs, df)))
out.append(('   (the same RHS vs FD wrt the forget pre-activation W_f[h;x]+b_f)', ok(rhs, daf)))
# L49: direct term = gradient reaching h_t from the frame-t output path (W_1^T dL/dy_t), plus
# dL/dh_{t+1} (total) times the total Jacobian dh_{t+1}/dh_t (h_{t+1} recomputed through c_{t+1}).
def jac_h_next(t, eps=1e-6):
    J = np.zeros((H, H))
    for k in range(H):
        e = np.zeros((H, 1)); e[k] = eps
        J[:, k] = ((run(('h', t, e))[1][t + 1]['h'] - run(('h', t, -e))[1][t + 1]['h']) / (2 * eps)).ravel()
    return J
for u in [1, 2, 3]:
    direct = P['W1'].T @ fd('y', u, Dy)
    rhs = direct + (dh[u + 1].T @ jac_h_next(u)).T
    out.append(('L49 t=%d dL/dh_t = direct + dL/dh_{t+1} dh_{t+1}/dh_t' % u, ok(rhs, dh[u])))
    # missing route h_t -> c_{t+1} -> c_{t+2} (bypassing h_{t+1})
    Jc = np.zeros((H, H))
    for k in range(H):
        e = np.zeros((H, 1)); e[k] = 1e-6
        Jc[:, k] = ((run(('h', u, e))[1][u + 1]['c'] - run(('h', u, -e))[1][u + 1]['c']) / 2e-6).ravel()
    miss = (Jc.T @ (dc[u + 1] - dh[u + 1] * S[u + 1]['o'] * (1 - np.tanh(S[u + 1]['c']) ** 2)))
    out.append(('   t=%d same RHS + the c_{t+1}->c_{t+2} route' % u, ok(rhs + miss, dh[u])))
t = T - 2
direct = P['W1'].T @ fd('y', t, Dy)
out.append(('L49 at t=T-1 (last step with a successor: no c_{t+2})', ok(direct + (dh[t + 1].T @ jac_h_next(t)).T, dh[t])))
for n, v in out: print('AGREE   ' if v else 'DISAGREE', n)
