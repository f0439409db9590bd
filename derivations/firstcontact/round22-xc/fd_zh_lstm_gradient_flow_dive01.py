"""FD check of zh_lstm_gradient_flow_dive01.md (standalone numpy, float64, no symlstm).
Column vectors, gates f,i,c~,o from W x_t + U h_{t-1} + b. Loss L = sum_t w_t . h_t (random
linear read-out, a stand-in for the unspecified loss L = sum_t L_t). dL/dh_t, dL/dc_t are
total (BPTT) gradients, obtained by perturbing the state at step t and re-running the rest."""
import numpy as np

rng = np.random.default_rng(22)
D, H, T = 2, 3, 5
P = {g: (rng.normal(0, .6, (H, D)), rng.normal(0, .6, (H, H)), rng.normal(0, .3, H)) for g in 'fico'}
X = rng.normal(0, 1, (T + 1, D))          # x_1..x_T (index 0 unused)
Wout = rng.normal(0, 1, (T + 1, H))       # loss weights w_t
sig = lambda a: 1 / (1 + np.exp(-a))

def gates(x, hp):
    pre = {g: P[g][0] @ x + P[g][1] @ hp + P[g][2] for g in 'fico'}
    return pre, sig(pre['f']), sig(pre['i']), np.tanh(pre['c']), sig(pre['o'])

def run(h0=None, c0=None, start=1, hs=None, cs=None, override=None):
    """forward from step `start` with states (h,c) at start-1; override(t, dict) may edit gates."""
    h = np.zeros(H) if h0 is None else h0.copy(); c = np.zeros(H) if c0 is None else c0.copy()
    L = 0.0; rec = {}
    for t in range(start, T + 1):
        pre, f, i, g, o = gates(X[t], h)
        d = dict(pre=pre, f=f, i=i, g=g, o=o, cprev=c.copy(), hprev=h.copy())
        if override: override(t, d)
        c = d['f'] * d['cprev'] + d['i'] * d['g']
        h = d['o'] * np.tanh(c)
        d.update(c=c.copy(), h=h.copy()); rec[t] = d
        L += Wout[t] @ h
    return L, rec

L0, R = run()
eps = 1e-6
def fdvec(fun, v):
    g = np.zeros_like(v)
    for k in range(v.size):
        e = np.zeros_like(v); e[k] = eps
        g[k] = (fun(v + e) - fun(v - e)) / (2 * eps)
    return g

def loss_after(t, h, c):  # L with state (h_t, c_t) replaced, steps <= t unchanged
    Lpre = sum(Wout[s] @ R[s]['h'] for s in range(1, t))
    Lrest, _ = run(h, c, start=t + 1)
    return Lpre + Wout[t] @ h + Lrest

dLdh = {t: fdvec(lambda v: loss_after(t, v, R[t]['c']), R[t]['h']) for t in range(1, T + 1)}
# total dL/dc_t: c_t enters h_t = o_t tanh(c_t) and step t+1
def loss_c(t, c):
    h = R[t]['o'] * np.tanh(c)
    return loss_after(t, h, c)
dLdc = {t: fdvec(lambda v: loss_c(t, v), R[t]['c']) for t in range(1, T + 1)}
dLdc[T + 1] = np.zeros(H)

out = []
def report(line, err, tol=1e-6):
    out.append(f"line {line}: OK" if err < tol else f"line {line}: MISMATCH (max err {err:.3g})")

t = 3
r = R[t]; rn = R[t + 1]
# line 91: dL/dc_t = dL/dh_t o_t (1-tanh^2 c_t) + dL/dc_{t+1} f_{t+1}
rhs = dLdh[t] * r['o'] * (1 - np.tanh(r['c']) ** 2) + dLdc[t + 1] * rn['f']
report(91, np.max(abs(rhs - dLdc[t])))
# line 97: dL/dc_{t-1} = dL/dc_t f_t  (step-local: c_{t-1} fed to step t only, h_{t-1} fixed)
def loss_cprev_local(v):
    Lpre = sum(Wout[s] @ R[s]['h'] for s in range(1, t))
    Lrest, _ = run(R[t - 1]['h'], v, start=t)
    return Lpre + Lrest
g_local = fdvec(loss_cprev_local, R[t - 1]['c'])
report(97, np.max(abs(dLdc[t] * r['f'] - g_local)))
# gate-value gradients (perturb the gate value inside step t)
def loss_gate(name, v):
    def ov(s, d):
        if s == t: d[name] = v
    Lpre = sum(Wout[s] @ R[s]['h'] for s in range(1, t))
    Lrest, _ = run(R[t - 1]['h'], R[t - 1]['c'], start=t, override=ov)
    return Lpre + Lrest
dLdf = fdvec(lambda v: loss_gate('f', v), r['f'])
dLdi = fdvec(lambda v: loss_gate('i', v), r['i'])
dLdo = fdvec(lambda v: loss_gate('o', v), r['o'])
report(103, np.max(abs(dLdc[t] * r['cprev'] * r['f'] * (1 - r['f']) - dLdf)))
report(104, np.max(abs(dLdc[t] * r['g'] * r['i'] * (1 - r['i']) - dLdi)))
report(105, np.max(abs(dLdh[t] * np.tanh(r['c']) * r['o'] * (1 - r['o']) - dLdo)))
# line 115: dc_t/df_t = diag(c_{t-1})
J = np.zeros((H, H))
for k in range(H):
    e = np.zeros(H); e[k] = eps
    J[:, k] = ((r['f'] + e) * r['cprev'] - (r['f'] - e) * r['cprev']) / (2 * eps)
report(115, np.max(abs(J - np.diag(r['cprev']))))
# line 119: dL/df_t = dL/dc_t c_{t-1}
report(119, np.max(abs(dLdc[t] * r['cprev'] - dLdf)))
# line 123: dL/d(pre_f) = dL/dc_t c_{t-1} f (1-f)
def loss_pref(v):
    def ov(s, d):
        if s == t: d['f'] = sig(v)
    Lpre = sum(Wout[s] @ R[s]['h'] for s in range(1, t))
    Lrest, _ = run(R[t - 1]['h'], R[t - 1]['c'], start=t, override=ov)
    return Lpre + Lrest
g_pref = fdvec(loss_pref, r['pre']['f'])
rhs123 = dLdf * r['f'] * (1 - r['f'])
report(123, max(np.max(abs(rhs123 - g_pref)), np.max(abs(dLdc[t] * r['cprev'] * r['f'] * (1 - r['f']) - g_pref))))
# line 44: explicit partial dc_t/dc_{t-1} (h_{t-1} held fixed) = diag(f_t)
def c_of_cprev(v):
    pre, f, i, g, o = gates(X[t], R[t - 1]['h'])
    return f * v + i * g
J = np.zeros((H, H))
for k in range(H):
    e = np.zeros(H); e[k] = eps
    J[:, k] = (c_of_cprev(R[t - 1]['c'] + e) - c_of_cprev(R[t - 1]['c'] - e)) / (2 * eps)
report(44, np.max(abs(J - np.diag(r['f']))))
# lines 36 / 50: cell-path dc_t/dc_k (all h's, hence all gates, held at their forward values)
k0, t1 = 1, 4
def c_path(v):
    c = v
    for s in range(k0 + 1, t1 + 1):
        c = R[s]['f'] * c + R[s]['i'] * R[s]['g']
    return c
J = np.zeros((H, H))
for k in range(H):
    e = np.zeros(H); e[k] = eps
    J[:, k] = (c_path(R[k0]['c'] + e) - c_path(R[k0]['c'] - e)) / (2 * eps)
prodf = np.diag(np.prod([R[s]['f'] for s in range(k0 + 1, t1 + 1)], axis=0))
report(36, np.max(abs(J - prodf)))
report(50, np.max(abs(J - prodf)))
# (for the record: the total Jacobian, through h, differs)
def c_total(v):
    h = R[k0]['o'] * np.tanh(v)
    _, rec = run(h, v, start=k0 + 1)
    return rec[t1]['c']
Jt = np.zeros((H, H))
for k in range(H):
    e = np.zeros(H); e[k] = eps
    Jt[:, k] = (c_total(R[k0]['c'] + e) - c_total(R[k0]['c'] - e)) / (2 * eps)
print(f"# note: total dc_{t1}/dc_{k0} differs from prod diag(f) by {np.max(abs(Jt - prodf)):.3g} (cell-path reading used)")
# line 133: f_low^(t-k) <= ||prod diag f||_inf <= f_high^(t-k)
fs = np.array([R[s]['f'] for s in range(k0 + 1, t1 + 1)])
nrm = np.max(np.abs(np.diag(prodf)))
ok = fs.min() ** (t1 - k0) - 1e-12 <= nrm <= fs.max() ** (t1 - k0) + 1e-12
out.append("line 133: OK" if ok else "line 133: MISMATCH (bound violated)")
# line 155: RNN dL/dtheta = sum_t dL_t/dh_t (prod J_i) dh_k/dtheta, fixed k, theta = W_hh
Whh = rng.normal(0, .7, (H, H)); Wxh = rng.normal(0, .7, (H, D)); bh = rng.normal(0, .2, H)
def rnn(Wh):
    h = np.zeros(H); hs = [h]; L = 0.0
    for s in range(1, T + 1):
        h = np.tanh(Wh @ h + Wxh @ X[s] + bh); hs.append(h); L += Wout[s] @ h
    return L, hs
_, hs = rnn(Whh)
G = np.zeros((H, H))
for a in range(H):
    for b in range(H):
        E = np.zeros((H, H)); E[a, b] = eps
        G[a, b] = (rnn(Whh + E)[0] - rnn(Whh - E)[0]) / (2 * eps)
kk = 2
Jac = lambda i: np.diag(1 - hs[i] ** 2) @ Whh
rhs = np.zeros((H, H))
for tt in range(kk, T + 1):
    M = np.eye(H)
    for i in range(kk + 1, tt + 1):
        M = Jac(i) @ M
    v = M.T @ Wout[tt]                      # dL_t/dh_t (prod J) as a row -> column
    rhs += np.outer(v * (1 - hs[kk] ** 2), hs[kk - 1])   # times explicit dh_k/dW_hh
report(155, np.max(abs(rhs - G)))
# line 158: LSTM, cell path, fixed k, theta = b_f (explicit dc_k/db_f = diag(c_{k-1} f_k(1-f_k)))
def lstm_L_bf(bf):
    old = P['f']; P['f'] = (old[0], old[1], bf)
    L, _ = run(); P['f'] = old
    return L
gbf = fdvec(lstm_L_bf, P['f'][2].copy())
rhs = np.zeros(H)
for tt in range(kk, T + 1):
    dLt_dct = Wout[tt] * R[tt]['o'] * (1 - np.tanh(R[tt]['c']) ** 2)
    pf = np.prod([R[s]['f'] for s in range(kk + 1, tt + 1)], axis=0) if tt > kk else np.ones(H)
    rhs += dLt_dct * pf * R[kk]['cprev'] * R[kk]['f'] * (1 - R[kk]['f'])
report(158, np.max(abs(rhs - gbf)))
print("\n".join(sorted(out, key=lambda s: int(s.split()[1].rstrip(':')))))
