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

# ---------------- note-specific checks: christianlin_gru_scratch.md ----------------
# Author's model (column vectors): z = sig(W_z x + U_z h_prev + b_z), r = sig(W_r x + U_r h_prev + b_r),
# h_tilde = tanh(W_h x + U_h (r*h_prev) + b_h), h = (1-z)*h_prev + z*h_tilde, y = W_y h_T + b_y,
# L = 0.5*sum((y - y_true)^2).  backward() only handles the LAST timestep.
M = GRUModel(D=2, H=4, O=2, T=3, zprev=False, loss='half_sum', seed=7)
L, C, y = M.run()
T = M.T
P = M.P

def sigmoid(x):                               # note line 15-17
    x_clip = np.clip(x, -50, 50)
    return 1.0 / (1.0 + np.exp(-x_clip))
a = np.linspace(-4, 4, 9)
check(17, sigmoid(a), np.exp(a) / (1 + np.exp(a)), 'pass')

def ref_step(x, hp):
    z = 1 / (1 + np.exp(-(P['Wz'] @ x + P['Uz'] @ hp + P['bz'])))
    r = 1 / (1 + np.exp(-(P['Wr'] @ x + P['Ur'] @ hp + P['br'])))
    hc = np.tanh(P['Wh'] @ x + P['Uh'] @ (hp * r) + P['bh'])
    return z, r, hc, hp + z * (hc - hp)
for t in range(T):
    c = C[t]
    z, r, hc, h = ref_step(c['x'], c['h_prev'])
    check(32, sigmoid(P['Wz'] @ c['x'] + P['Uz'] @ c['h_prev'] + P['bz']), z, 'pass')
    check(33, sigmoid(P['Wr'] @ c['x'] + P['Ur'] @ c['h_prev'] + P['br']), r, 'pass')
    check(34, np.tanh(P['Wh'] @ c['x'] + P['Uh'] @ (c['r'] * c['h_prev']) + P['bh']), hc, 'pass')
    check(35, (1 - c['z']) * c['h_prev'] + c['z'] * c['hc'], h, 'pass')
check(36, P['Wy'] @ C[-1]['h'] + P['by'], y, 'pass')
diff = y - M.target
check(48, diff, M.fd('y', -1) * 1.0, 'pass')   # 0.5*sum loss: dL/dy = diff
for t in range(1, T):
    check(43, C[t]['h_prev'], C[t - 1]['h'], 'pass')   # h_prev = h_t carried to next step
check(49, 0.5 * np.sum(diff * diff), L, 'pass')

y_grad = y - M.target                         # line 102
check(102, y_grad, M.fd('y', -1), 'pass')
y_grad = M.fd('y', -1)
dh_next = P['Wy'].T @ y_grad
check(53, dh_next, M.fd('h', T - 1), 'pass')
check(64, y_grad @ C[-1]['h'].T, M.fd_param_total('Wy'), 'pass')
check(65, y_grad, M.fd_param_total('by'), 'pass')

t = T - 1                                      # backward() handles only the last step
c = C[t]
x_t, h_prev, z_t, r_t, h_tilde_t = c['x'], c['h_prev'], c['z'], c['r'], c['hc']
dh = M.fd('h', t)
check(68, dh_next, dh, 'pass')                 # dh = dh_next
check(69, dh * (h_tilde_t - h_prev), M.fd('z', t), 'pass')
check(70, dh * z_t, M.fd('hc', t), 'pass')
check(71, dh * (1 - z_t), M.fd('hp_lin', t), 'pass')
dh_tilde = M.fd('hc', t)
check(74, (1 - h_tilde_t ** 2) * dh_tilde, M.fd('ah', t), 'pass')
dh_tilde_pre = M.fd('ah', t)
check(75, dh_tilde_pre @ x_t.T, M.fd('Wh', t), 'pass')
check(76, dh_tilde_pre @ (r_t * h_prev).T, M.fd('Uh', t), 'pass')
check(77, dh_tilde_pre, M.fd('bh', t), 'pass')
check(78, (P['Uh'].T @ dh_tilde_pre) * h_prev, M.fd('r', t), 'pass')
dz = M.fd('z', t)
check(81, z_t * (1 - z_t) * dz, M.fd('az', t), 'pass')
dz_pre = M.fd('az', t)
check(82, dz_pre @ x_t.T, M.fd('Wz', t), 'pass')
check(83, dz_pre @ h_prev.T, M.fd('Uz', t), 'pass')
check(84, dz_pre, M.fd('bz', t), 'pass')
p_lin, p_z, p_r, p_h = M.fd('hp_lin', t), M.fd('hp_z', t), M.fd('hp_r', t), M.fd('hp_h', t)
check(85, p_lin + P['Uz'].T @ dz_pre, p_lin + p_z, 'pass')
dr = M.fd('r', t)
check(88, r_t * (1 - r_t) * dr, M.fd('ar', t), 'pass')
dr_pre = M.fd('ar', t)
check(89, dr_pre @ x_t.T, M.fd('Wr', t), 'pass')
check(90, dr_pre @ h_prev.T, M.fd('Ur', t), 'pass')
check(91, dr_pre, M.fd('br', t), 'pass')
check(92, p_lin + p_z + P['Ur'].T @ dr_pre, p_lin + p_z + p_r, 'pass')
check(95, p_lin + p_z + p_r + (P['Uh'].T @ dh_tilde_pre) * r_t, M.fd('h', t - 1), 'pass')

# Informative (not a row verdict): the returned grads are only the step-T contributions,
# so they differ from the full BPTT gradient when T > 1.
full = M.fd_param_total('Wh')
assert not np.allclose(M.fd('Wh', T - 1), full, atol=1e-6)

print('all verdicts confirmed:', len(RESULTS), 'rows;',
      sum(v == 'fail' for v in RESULTS.values()), 'fail')
