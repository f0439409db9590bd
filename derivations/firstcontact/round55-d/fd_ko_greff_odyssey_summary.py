"""Finite-difference check of ko_greff_odyssey_summary.md (Greff peephole 'vanilla' LSTM, column vectors).
numpy only, float64. Loss E = sum_t 0.5*||y_t - d_t||^2, so Delta_t = dE/dy_t (direct) = y_t - d_t.
Greff's deltas delta_*^t are total derivatives of E w.r.t. the PRE-activations z_t, i_t, f_t, o_t (bold, no tilde).
Exit 0 only if every checked line agrees with expected.json."""
import json, os, sys
import numpy as np

rng = np.random.default_rng(55)
M, N, T = 3, 4, 5
P = {k: rng.normal(0, 0.6, (N, M)) for k in ['Wz', 'Wi', 'Wf', 'Wo']}
P.update({k: rng.normal(0, 0.6, (N, N)) for k in ['Rz', 'Ri', 'Rf', 'Ro']})
P.update({k: rng.normal(0, 0.6, N) for k in ['pi', 'pf', 'po', 'bz', 'bi', 'bf', 'bo']})
X = rng.normal(0, 1, (T, M)); D = rng.normal(0, 1, (T, N))
y0 = rng.normal(0, 0.5, N); c0 = rng.normal(0, 0.5, N)
sig = lambda a: 1 / (1 + np.exp(-a))

def forward(P, hook=None):
    """hook: dict (name, t) -> additive perturbation vector; names: z,i,f,o (pre-activations), c, y"""
    hook = hook or {}
    H = lambda n, t: hook.get((n, t), 0.0)
    y, c = y0.copy(), c0.copy(); E = 0.0; S = []
    for t in range(T):
        x = X[t]
        zb = P['Wz'] @ x + P['Rz'] @ y + P['bz'] + H('z', t); zt = np.tanh(zb)
        ib = P['Wi'] @ x + P['Ri'] @ y + P['pi'] * c + P['bi'] + H('i', t); it = sig(ib)
        fb = P['Wf'] @ x + P['Rf'] @ y + P['pf'] * c + P['bf'] + H('f', t); ft = sig(fb)
        cn = zt * it + c * ft + H('c', t)
        ob = P['Wo'] @ x + P['Ro'] @ y + P['po'] * cn + P['bo'] + H('o', t); ot = sig(ob)
        yn = np.tanh(cn) * ot + H('y', t)
        S.append(dict(x=x, zt=zt, it=it, ft=ft, ot=ot, c=cn, y=yn, cprev=c, yprev=y))
        E += 0.5 * np.sum((yn - D[t]) ** 2)
        y, c = yn, cn
    return E, S

def grad_hook(name, t, eps=1e-6):
    g = np.zeros(N)
    for k in range(N):
        e = np.zeros(N); e[k] = eps
        g[k] = (forward(P, {(name, t): e})[0] - forward(P, {(name, t): -e})[0]) / (2 * eps)
    return g

def grad_param(key, eps=1e-6):
    g = np.zeros_like(P[key])
    for idx in np.ndindex(P[key].shape):
        old = P[key][idx]
        P[key][idx] = old + eps; Ep = forward(P)[0]
        P[key][idx] = old - eps; Em = forward(P)[0]
        P[key][idx] = old; g[idx] = (Ep - Em) / (2 * eps)
    return g

E, S = forward(P)
# true (numerical) deltas at every step
dl = {(n, t): grad_hook(n, t) for n in ['z', 'i', 'f', 'o', 'c', 'y'] for t in range(T)}
zero = np.zeros(N)
def d(n, t):
    return dl[(n, t)] if t < T else zero

def rel(a, b):
    return float(np.max(np.abs(a - b)) / (np.max(np.abs(b)) + 1e-12))

exp = json.load(open(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'expected.json')))['ko_greff_odyssey_summary.md']
results = {}
TOL = 1e-5

# line 34: delta_y^t = delta_t^+ R_z^T delta_z^{t+1} + R_i^T ... + R_o^T delta_o^{t+1} + nabla_y h(c_t) (.) o~_t
# reading: "delta_t^+" = garbled "Delta_t +", nabla_y h(c_t) = h'(c_t)
errs, errs_b, errs_wo = [], [], []
for t in range(T):
    s = S[t]
    Delta = s['y'] - D[t]
    rec = sum(P['R' + g].T @ d(g, t + 1) for g in ['z', 'i', 'f', 'o'])
    extra = (1 - np.tanh(s['c']) ** 2) * s['ot']
    errs.append(rel(Delta + rec + extra, d('y', t)))
    errs_wo.append(rel(Delta + rec, d('y', t)))
    # alternative reading: delta_t^+ as a multiplicative factor Delta_t (.) (R_z^T delta_z^{t+1})
    errs_b.append(rel(Delta * (P['Rz'].T @ d('z', t + 1)) + sum(P['R' + g].T @ d(g, t + 1) for g in ['i', 'f', 'o']) + extra, d('y', t)))
e34 = min(max(errs), max(errs_b))  # best of the two readings of delta_t^+
results[34] = ('pass' if e34 < TOL else 'fail', e34)
print(f"  (line 34 sanity: the same sum without the trailing h'(c_t)*o~_t term has rel err {max(errs_wo):.2e})")

# line 38: delta_c^t = delta_y^t (.) h'(c_t) + p_o (.) delta_o^t + p_i (.) delta_i^{t+1} + p_f (.) delta_f^{t+1} + delta_c^{t+1} (.) f~_{t+1}
errs, errs_fix = [], []
for t in range(T):
    s = S[t]
    fnext = S[t + 1]['ft'] if t + 1 < T else zero
    rest = P['po'] * d('o', t) + P['pi'] * d('i', t + 1) + P['pf'] * d('f', t + 1) + d('c', t + 1) * fnext
    hp = 1 - np.tanh(s['c']) ** 2
    errs.append(rel(d('y', t) * hp + rest, d('c', t)))
    errs_fix.append(rel(d('y', t) * s['ot'] * hp + rest, d('c', t)))
results[38] = ('pass' if max(errs) < TOL else 'fail', max(errs))
print(f"  (line 38 sanity: with the missing factor o~_t inserted the rel err is {max(errs_fix):.2e})")

# line 43: nabla_{W_*} = sum_t delta_*^t (x) x_t, * in {z,i,f,o}
errs = []
for g in ['z', 'i', 'f', 'o']:
    an = sum(np.outer(d(g, t), S[t]['x']) for t in range(T))
    errs.append(rel(an, grad_param('W' + g)))
results[43] = ('pass' if max(errs) < TOL else 'fail', max(errs))

ok = True
for ln in sorted(int(k) for k in exp if not k.startswith('_')):
    e = exp[str(ln)]['expected']
    if ln in results:
        got, err = results[ln]
        print(f"line {ln}: expected {e}, numeric {got} (max rel err {err:.2e})")
        ok &= (got == e)
    else:
        print(f"line {ln}: expected {e}, definition (forward equation; not checked numerically)")
sys.exit(0 if ok else 1)
