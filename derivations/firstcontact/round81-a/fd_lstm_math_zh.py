# FD check for lstm_math_zh.md (author's column-vector LSTM, y_t = W_hy h_t + b_y,
# loss L = sum_t 0.5*||y_t - d_t||^2 so that dy_t = y_t - d_t).
import numpy as np
rng = np.random.default_rng(0)
D, H, O, T = 3, 4, 2, 4
P = {k: rng.normal(0, 0.6, s) for k, s in dict(
    W_xf=(H, D), W_hf=(H, H), b_f=(H, 1), W_xi=(H, D), W_hi=(H, H), b_i=(H, 1),
    W_xC=(H, D), W_hC=(H, H), b_C=(H, 1), W_xo=(H, D), W_ho=(H, H), b_o=(H, 1),
    W_hy=(O, H), b_y=(O, 1)).items()}
X = rng.normal(size=(T, D, 1)); Dt = rng.normal(size=(T, O, 1))
sig = lambda a: 1 / (1 + np.exp(-a))

def run(pert=None):
    """pert = (name, t, vec): add vec to intermediate `name` at step t right after it is computed."""
    h = np.zeros((H, 1)); C = np.zeros((H, 1)); L = 0; S = []
    def p(name, t, v):
        return v + pert[2] if pert and pert[0] == name and pert[1] == t else v
    for t in range(T):
        x = X[t]; hp, Cp = h, C
        af = P['W_xf'] @ x + P['W_hf'] @ hp + P['b_f']; af = p('af', t, af)
        f = p('f', t, sig(af))
        i = p('i', t, sig(P['W_xi'] @ x + P['W_hi'] @ hp + P['b_i']))
        Ct = p('Ct', t, np.tanh(P['W_xC'] @ x + P['W_hC'] @ hp + P['b_C']))
        C = p('C', t, f * Cp + i * Ct)
        o = p('o', t, sig(P['W_xo'] @ x + P['W_ho'] @ hp + P['b_o']))
        h = p('h', t, o * np.tanh(C))
        y = P['W_hy'] @ h + P['b_y']
        L += 0.5 * np.sum((y - Dt[t]) ** 2)
        S.append(dict(f=f, i=i, Ct=Ct, C=C, Cp=Cp, o=o, h=h, hp=hp, y=y))
    return L, S

def fdnode(name, t, n=H, eps=1e-6):
    g = np.zeros((n, 1))
    for k in range(n):
        e = np.zeros((n, 1)); e[k] = eps
        g[k] = (run((name, t, e))[0] - run((name, t, -e))[0]) / (2 * eps)
    return g

L0, S = run()
ok = lambda a, b: np.allclose(a, b, atol=1e-6)
res = []
for t in [0, 1, 2]:
    s = S[t]
    dy = s['y'] - Dt[t]
    dh_tot = fdnode('h', t); dC_tot = fdnode('C', t)
    dh_next = dh_tot - P['W_hy'].T @ dy                         # part of dL/dh_t coming from step t+1
    dC_next = dC_tot - dh_tot * s['o'] * (1 - np.tanh(s['C']) ** 2)  # part of dL/dC_t coming from step t+1
    # --- LaTeX rows ---
    dC_next_true = fdnode('C', t + 1) * S[t + 1]['f'] if t + 1 < T else 0
    res.append((t, 'L59 dL/dC_t = dL/dh_t o (1-tanh^2 C_t) + dL/dC_{t+1} f_{t+1}',
                ok(dh_tot * s['o'] * (1 - np.tanh(s['C']) ** 2) + dC_next_true, dC_tot)))
    res.append((t, 'L78 dL/df_t = dL/dC_t * C_{t-1}', ok(dC_tot * s['Cp'], fdnode('f', t))))
    res.append((t, 'L84 dL/di_t = dL/dC_t * C~_t', ok(dC_tot * s['Ct'], fdnode('i', t))))
    # direct partial dC_t/dC_{t-1} (other inputs held fixed) = diag(f_t): perturb C at t-1 only through C_t's formula
    # --- code rows (author's backward, one step, fed with the true dh_next / dC_next) ---
    dW_hy = dy @ s['hp'].T
    res.append((t, 'L152 dW_hy = dy @ h_prev.T (step-t part of dL/dW_hy = dy h_t^T)', ok(dW_hy, dy @ s['h'].T)))
    dh = P['W_hy'].T @ dy + dh_next
    res.append((t, 'L154 dh = W_hy.T dy + dh_next', ok(dh, dh_tot)))
    do = dh * np.tanh(s['Cp'])
    res.append((t, 'L157 do = dh * tanh(C_prev)  vs dL/do_t', ok(do, fdnode('o', t))))
    dC = dh * s['o'] * (1 - np.tanh(s['Cp']) ** 2) + dC_next
    res.append((t, 'L160 dC = dh*o*(1-tanh(C_prev)^2) + dC_next  vs dL/dC_t', ok(dC, dC_tot)))
    dC_fixed = dh * s['o'] * (1 - np.tanh(s['C']) ** 2) + dC_next
    res.append((t, '   (same row with C instead of C_prev)', ok(dC_fixed, dC_tot)))
    res.append((t, 'L163 df = dC * C_prev (with a correct dC)', ok(dC_fixed * s['Cp'], fdnode('f', t))))
    res.append((t, 'L164 di = dC * C_tilde (with a correct dC)', ok(dC_fixed * s['Ct'], fdnode('i', t))))
    res.append((t, 'L165 dC_tilde = dC * i (with a correct dC)', ok(dC_fixed * s['i'], fdnode('Ct', t))))
# RNN Jacobian row L70: h = tanh(W_hh h_prev + W_xh x + b)
W = rng.normal(size=(H, H)); Wx = rng.normal(size=(H, D)); x = rng.normal(size=(D, 1)); hp = rng.normal(size=(H, 1))
F = lambda hp: np.tanh(W @ hp + Wx @ x)
J = np.zeros((H, H))
for k in range(H):
    e = np.zeros((H, 1)); e[k] = 1e-6
    J[:, k] = ((F(hp + e) - F(hp - e)) / 2e-6).ravel()
res.append(('-', 'L70 dh_t/dh_{t-1} = diag(1-tanh^2) W_hh', ok(np.diag((1 - F(hp) ** 2).ravel()) @ W, J)))
# direct partial dC_t/dC_{t-1} = f_t (L53/L66/L71): C_t = f*Cp + i*Ct with f,i,Ct held fixed
s = S[2]; Fc = lambda Cp: s['f'] * Cp + s['i'] * s['Ct']
Jc = np.zeros((H, H))
for k in range(H):
    e = np.zeros((H, 1)); e[k] = 1e-6
    Jc[:, k] = ((Fc(s['Cp'] + e) - Fc(s['Cp'] - e)) / 2e-6).ravel()
res.append(('-', 'L53/L66/L71 dC_t/dC_{t-1} (direct) = diag(f_t)', ok(np.diag(s['f'].ravel()), Jc)))
for r in res:
    print(('AGREE   ' if r[2] else 'DISAGREE'), 't=%s' % r[0], r[1])
