import numpy as np

def sig(a):
    return 1.0 / (1.0 + np.exp(-a))

class GRUModel:
    """Column-vector GRU, reset applied before U_h: a_h = W_h x + U_h (r*h_prev) + b_h.
    zprev=True : h = z*h_prev + (1-z)*hc ; zprev=False: h = (1-z)*h_prev + z*hc.
    loss='mean' : L = mean((y-target)^2) ; loss='half_sum': L = 0.5*sum((y-target)^2).
    Output only at the final step (many-to-one)."""
    def __init__(self, D, H, O, T, zprev, loss, seed=0):
        rng = np.random.RandomState(seed)
        self.D, self.H, self.O, self.T = D, H, O, T
        self.zprev, self.loss = zprev, loss
        s = 0.7
        self.P = {k: rng.randn(H, D) * s for k in ['Wz', 'Wr', 'Wh']}
        self.P.update({k: rng.randn(H, H) * s for k in ['Uz', 'Ur', 'Uh']})
        self.P.update({k: rng.randn(H, 1) * 0.3 for k in ['bz', 'br', 'bh']})
        self.P['Wy'] = rng.randn(O, H) * s
        self.P['by'] = rng.randn(O, 1) * 0.3
        self.xs = [rng.randn(D, 1) for _ in range(T)]
        self.h0 = rng.randn(H, 1) * 0.5
        self.target = rng.randn(O, 1)

    def run(self, hooks=None, P=None):
        hooks = hooks or {}
        P = P or self.P
        g = lambda name, t, v: v + hooks[(name, t)] if (name, t) in hooks else v
        pw = lambda name, t: g(name, t, P[name])  # per-step parameter copy
        h_prev = g('h0', -1, self.h0)
        cache = []
        for t in range(self.T):
            x = self.xs[t]
            az = g('az', t, pw('Wz', t) @ g('x_z', t, x) + pw('Uz', t) @ g('hp_z', t, h_prev) + pw('bz', t))
            z = g('z', t, sig(az))
            ar = g('ar', t, pw('Wr', t) @ g('x_r', t, x) + pw('Ur', t) @ g('hp_r', t, h_prev) + pw('br', t))
            r = g('r', t, sig(ar))
            ah = g('ah', t, pw('Wh', t) @ g('x_h', t, x) + pw('Uh', t) @ (r * g('hp_h', t, h_prev)) + pw('bh', t))
            hc = g('hc', t, np.tanh(ah))
            hl = g('hp_lin', t, h_prev)
            if self.zprev:
                h = z * hl + (1 - z) * hc
            else:
                h = (1 - z) * hl + z * hc
            h = g('h', t, h)
            cache.append(dict(x=x, h_prev=h_prev, az=az, z=z, ar=ar, r=r, ah=ah, hc=hc, h=h))
            h_prev = h
        y = g('y', -1, P['Wy'] @ h_prev + P['by'])
        e = y - self.target
        L = np.mean(e ** 2) if self.loss == 'mean' else 0.5 * np.sum(e ** 2)
        return L, cache, y

    def shape_of(self, name, t):
        if name in self.P:
            return self.P[name].shape
        if name == 'y':
            return (self.O, 1)
        if name.startswith('x_'):
            return (self.D, 1)
        return (self.H, 1)

    def fd(self, name, t, eps=1e-6):
        shp = self.shape_of(name, t)
        G = np.zeros(shp)
        for idx in np.ndindex(*shp):
            d = np.zeros(shp); d[idx] = eps
            lp = self.run({(name, t): d})[0]
            lm = self.run({(name, t): -d})[0]
            G[idx] = (lp - lm) / (2 * eps)
        return G

    def fd_param_total(self, name, eps=1e-6):
        shp = self.P[name].shape
        G = np.zeros(shp)
        for idx in np.ndindex(*shp):
            P1 = dict(self.P); P2 = dict(self.P)
            P1[name] = self.P[name].copy(); P1[name][idx] += eps
            P2[name] = self.P[name].copy(); P2[name][idx] -= eps
            G[idx] = (self.run(P=P1)[0] - self.run(P=P2)[0]) / (2 * eps)
        return G

RESULTS = {}

def check(line, got, want, expect, tol=1e-6):
    got = np.asarray(got, dtype=float); want = np.asarray(want, dtype=float)
    ok = got.shape == want.shape and np.allclose(got, want, rtol=1e-5, atol=tol)
    verdict = 'pass' if ok else 'fail'
    RESULTS[line] = verdict
    assert verdict == expect, f'line {line}: computed {verdict}, expected {expect}; max diff ' + \
        (str(np.max(np.abs(got - want))) if got.shape == want.shape else f'shape {got.shape} vs {want.shape}')
    return verdict

# ---------------- note-specific checks: madmax_gru_cpp.md ----------------
# Author's model: z = sig(W_z x + U_z h_prev + b_z), r = sig(W_r x + U_r h_prev + b_r),
# hc = tanh(W_h x + U_h (r*h_prev) + b_h), h = z*h_prev + (1-z)*hc ; y = W_out h_T + b_out,
# L = mean((y - target)^2)  (output_gradient = error * 2/(rows*cols)).
M = GRUModel(D=3, H=4, O=2, T=3, zprev=True, loss='mean', seed=1)
L, C, y = M.run()
T = M.T
P = M.P
sigmoid = sig
def sigmoid_derivative(a):           # author's helper, lines 11-13
    s = sigmoid(a)
    return s * (1.0 - s)

# line 8: sigmoid definition vs np-free reference
a = np.linspace(-3, 3, 7)
check(8, sigmoid(a), np.exp(a) / (1 + np.exp(a)), 'pass')
# line 13: sigmoid_derivative(x) = s(1-s) is d sigma/dx at the pre-activation x
num = (sigmoid(a + 1e-6) - sigmoid(a - 1e-6)) / 2e-6
check(13, sigmoid_derivative(a), num, 'pass')

# forward rows: compare the author's formulas with an independent reference (PyTorch-style
# GRUCell with b_hn=0 is NOT the same model, so the reference is the textbook reset-before GRU
# with h = z*h_prev + (1-z)*hc, coded separately below)
def ref_step(x, hp):
    z = 1 / (1 + np.exp(-(P['Wz'] @ x + P['Uz'] @ hp + P['bz'])))
    r = 1 / (1 + np.exp(-(P['Wr'] @ x + P['Ur'] @ hp + P['br'])))
    hc = np.tanh(P['Wh'] @ x + P['Uh'] @ (hp * r) + P['bh'])
    return z, r, hc, hp + (1 - z) * (hc - hp)
for t in range(T):
    c = C[t]
    z, r, hc, h = ref_step(c['x'], c['h_prev'])
    check(87, sigmoid(P['Wz'] @ c['x'] + P['Uz'] @ c['h_prev'] + P['bz']), z, 'pass')
    check(90, sigmoid(P['Wr'] @ c['x'] + P['Ur'] @ c['h_prev'] + P['br']), r, 'pass')
    check(93, np.tanh(P['Wh'] @ c['x'] + P['Uh'] @ (c['r'] * c['h_prev']) + P['bh']), hc, 'pass')
    check(96, c['z'] * c['h_prev'] + (1 - c['z']) * c['hc'], h, 'pass')
check(145, P['Wy'] @ C[-1]['h'] + P['by'], y, 'pass')

# output layer (lines 159-164)
error = y - M.target
check(156, error, (y - M.target), 'pass')
output_gradient = error * (2.0 / (error.shape[0] * error.shape[1]))
check(159, output_gradient, M.fd('y', -1), 'pass')
hidden_gradient = P['Wy'].T @ output_gradient
check(160, hidden_gradient, M.fd('h', T - 1), 'pass')
check(163, output_gradient @ C[-1]['h'].T, M.fd_param_total('Wy'), 'pass')
check(164, output_gradient, M.fd_param_total('by'), 'pass')
# line 103: dh_next = final_gradient (= hidden_gradient = dL/dh_T)
check(103, hidden_gradient, M.fd('h', T - 1), 'pass')

# per-step backward rows, each evaluated with TRUE (finite-difference) inputs
for t in range(T):
    c = C[t]
    x, hp, z, r, hc = c['x'], c['h_prev'], c['z'], c['r'], c['hc']
    delta_h_t = M.fd('h', t)                  # dL/dh_t (total, incl. future)
    t_dhc, t_dz, t_dah = M.fd('hc', t), M.fd('z', t), M.fd('ah', t)
    t_dr, t_dar, t_daz = M.fd('r', t), M.fd('ar', t), M.fd('az', t)
    t_xh, t_xr, t_xz = M.fd('x_h', t), M.fd('x_r', t), M.fd('x_z', t)
    t_hph, t_hpr, t_hpz, t_hpl = M.fd('hp_h', t), M.fd('hp_r', t), M.fd('hp_z', t), M.fd('hp_lin', t)
    gW = {k: M.fd(k, t) for k in ['Wz', 'Uz', 'bz', 'Wr', 'Ur', 'br', 'Wh', 'Uh', 'bh']}

    check(38, delta_h_t * (1 - z), t_dhc, 'pass')
    check(39, delta_h_t * (hp - hc), t_dz, 'pass')
    dg = t_dhc * (1.0 - hc * hc)
    check(42, dg, t_dah, 'pass')
    dg = t_dah
    dW_h = dg @ x.T; dU_h = dg @ (r * hp).T; db_h = dg
    check(45, dW_h, gW['Wh'], 'pass')
    check(46, dU_h, gW['Uh'], 'pass')
    check(47, db_h, gW['bh'], 'pass')
    dW_h, dU_h = gW['Wh'], gW['Uh']           # true values of what the next rows use
    check(49, dW_h.T @ dg, t_xh, 'fail')      # uses gradient dW_h instead of weight W_h
    check(50, (dU_h.T @ dg) * hp, t_dr, 'fail')
    check(51, (dU_h.T @ dg) * r, t_hph, 'fail')
    check(54, t_dr * sigmoid_derivative(r), t_dar, 'fail')  # sigma'(sigma(a)) instead of r(1-r)
    dr_total = t_dar
    check(56, dr_total @ x.T, gW['Wr'], 'pass')
    check(57, dr_total @ hp.T, gW['Ur'], 'pass')
    check(58, dr_total, gW['br'], 'pass')
    check(60, t_xh + gW['Wr'].T @ dr_total, t_xh + t_xr, 'fail')
    check(61, t_hph + gW['Ur'].T @ dr_total, t_hph + t_hpr, 'fail')
    check(64, t_dz * sigmoid_derivative(z), t_daz, 'fail')
    dz_total = t_daz
    check(66, dz_total @ x.T, gW['Wz'], 'pass')
    check(67, dz_total @ hp.T, gW['Uz'], 'pass')
    check(68, dz_total, gW['bz'], 'pass')
    check(70, (t_xh + t_xr) + gW['Wz'].T @ dz_total, t_xh + t_xr + t_xz, 'fail')
    check(71, (t_hph + t_hpr) + gW['Uz'].T @ dz_total, t_hph + t_hpr + t_hpz, 'fail')
    check(74, (t_hph + t_hpr + t_hpz) + delta_h_t * z, t_hph + t_hpr + t_hpz + t_hpl, 'pass')
    # line 110: dh_next = result.dh_prev  (true dh_prev is dL/dh_{t-1})
    true_prev = M.fd('h', t - 1) if t > 0 else M.fd('h0', -1)
    check(110, t_hph + t_hpr + t_hpz + t_hpl, true_prev, 'pass')

# lines 113-125: accumulation over t of per-step contributions = full gradient
acc_lines = {'Wz': 113, 'Uz': 114, 'bz': 115, 'Wr': 118, 'Ur': 119, 'br': 120,
             'Wh': 123, 'Uh': 124, 'bh': 125}
for k, ln in acc_lines.items():
    acc = np.zeros_like(P[k])
    for t in range(T):
        acc = acc + M.fd(k, t)
    check(ln, acc, M.fd_param_total(k), 'pass')

print('all verdicts confirmed:', len(RESULTS), 'rows;',
      sum(v == 'fail' for v in RESULTS.values()), 'fail')
