# Standalone finite-difference check of the numpy-nn-model GRU layer (transcribed in
# akirusprod_gru_layer_code.md; md line = file line + 7).
# Row layout: X (B, T, D); weight_z/r/h (D, H); weight_hz/hr/hh (H, H); biases (H,).
# Forward (author):  z = sig(x Wz + h_prev Whz + bz); r = sig(x Wr + h_prev Whr + br);
#                    c = tanh(x Wh + (r*h_prev) Whh + bh); h = z*h_prev + (1-z)*c.
# hidden_states has T+1 rows, row -1 holds h_0 (so index t-1 at t=0 is h_0).
# Loss used for the FD reference: L = sum_{b,t} G[b,t,:] . h_t  (return_sequences="all", grad = G).
# Verdicts are LOCAL: every backward quantity is compared with the true gradient it stands for
# (partial gradient through step t for the += lines and for next_hidden_delta).
import numpy as np

rng = np.random.default_rng(7)
B, T, D, H = 2, 4, 3, 5
P = {k: rng.normal(size=s) * 0.7 for k, s in
     [('Wz', (D, H)), ('Wr', (D, H)), ('Wh', (D, H)),
      ('Whz', (H, H)), ('Whr', (H, H)), ('Whh', (H, H)),
      ('bz', (H,)), ('br', (H,)), ('bh', (H,))]}
X0 = rng.normal(size=(B, T, D))
h00 = rng.normal(size=(B, H)) * 0.5          # non-zero initial state (hprev)
G = rng.normal(size=(B, T, H))
sig = lambda a: 1.0 / (1.0 + np.exp(-a))
dsig = lambda a: sig(a) * (1 - sig(a))
dtanh = lambda a: 1.0 - np.tanh(a) ** 2


def forward(P, X, h0, pert=None, wpert=None):
    """Independent GRU forward with hooks.
    pert[(name, t)]  : additive perturbation of a per-step quantity
       'hp' = h_{t-1} as used inside step t, 'az','ar','ac' = pre-activations, 'h' = h_t.
    wpert[(name, t)] : additive perturbation of a weight used at step t only."""
    pert = pert or {}
    wpert = wpert or {}
    d = lambda k, t: pert.get((k, t), 0.0)
    W = lambda k, t: P[k] + wpert.get((k, t), 0.0)
    c = {k: np.zeros((B, T, H)) for k in ['az', 'ar', 'ac', 'z', 'r', 'c', 'h', 'hp']}
    h = h0.copy()
    for t in range(T):
        hp = h + d('hp', t)
        c['hp'][:, t] = hp
        x = X[:, t]
        az = x @ W('Wz', t) + hp @ W('Whz', t) + W('bz', t) + d('az', t)
        ar = x @ W('Wr', t) + hp @ W('Whr', t) + W('br', t) + d('ar', t)
        z, r = sig(az), sig(ar)
        ac = x @ W('Wh', t) + (r * hp) @ W('Whh', t) + W('bh', t) + d('ac', t)
        cc = np.tanh(ac)
        h = z * hp + (1 - z) * cc + d('h', t)
        for k, v in [('az', az), ('ar', ar), ('ac', ac), ('z', z), ('r', r), ('c', cc), ('h', h)]:
            c[k][:, t] = v
    return c


def loss(P, X, h0, pert=None, wpert=None):
    return np.sum(G * forward(P, X, h0, pert, wpert)['h'])


eps = 1e-6


def fd_state(name):
    out = np.zeros((B, T, H))
    for t in range(T):
        for b in range(B):
            for j in range(H):
                e = np.zeros((B, H)); e[b, j] = eps
                out[b, t, j] = (loss(P, X0, h00, {(name, t): e}) - loss(P, X0, h00, {(name, t): -e})) / (2 * eps)
    return out


def fd_weight_step(k, t):
    g = np.zeros_like(P[k])
    for idx in np.ndindex(P[k].shape):
        e = np.zeros_like(P[k]); e[idx] = eps
        g[idx] = (loss(P, X0, h00, None, {(k, t): e}) - loss(P, X0, h00, None, {(k, t): -e})) / (2 * eps)
    return g


def fd_X():
    g = np.zeros_like(X0)
    for idx in np.ndindex(X0.shape):
        e = np.zeros_like(X0); e[idx] = eps
        g[idx] = (loss(P, X0 + e, h00) - loss(P, X0 - e, h00)) / (2 * eps)
    return g


res = {}
close = lambda a, b: np.allclose(a, b, rtol=1e-5, atol=1e-7)
c = forward(P, X0, h00)

# ---------------- forward lines (author's expressions, file layout) ----------------
hs = np.zeros((B, T + 1, H)); hs[:, -1, :] = h00
uz = np.zeros((B, T, H)); ur = np.zeros((B, T, H)); uc = np.zeros((B, T + 1, H))
zg = np.zeros((B, T, H)); rg = np.zeros((B, T, H)); cs = np.zeros((B, T + 1, H))
bias_z, bias_r, bias_h = P['bz'], P['br'], P['bh']
for t in range(T):
    uz[:, t, :] = np.dot(X0[:, t, :], P['Wz']) + np.dot(hs[:, t-1, :], P['Whz']) + bias_z if bias_z is not None else 0
    zg[:, t, :] = sig(uz[:, t, :])
    ur[:, t, :] = np.dot(X0[:, t, :], P['Wr']) + np.dot(hs[:, t-1, :], P['Whr']) + bias_r if bias_r is not None else 0
    rg[:, t, :] = sig(ur[:, t, :])
    uc[:, t, :] = np.dot(X0[:, t, :], P['Wh']) + np.dot(rg[:, t, :] * hs[:, t - 1, :], P['Whh']) + bias_h if bias_h is not None else 0
    cs[:, t, :] = np.tanh(uc[:, t, :])
    hs[:, t, :] = zg[:, t, :] * hs[:, t - 1, :] + (1 - zg[:, t, :]) * cs[:, t, :]
# independent column-layout reference of the intended GRU
hcol = h00.T.copy(); ref = {k: [] for k in ['az', 'ar', 'ac', 'h']}
for t in range(T):
    xc = X0[:, t].T
    az = P['Wz'].T @ xc + P['Whz'].T @ hcol + P['bz'][:, None]
    ar = P['Wr'].T @ xc + P['Whr'].T @ hcol + P['br'][:, None]
    ac = P['Wh'].T @ xc + P['Whh'].T @ (sig(ar) * hcol) + P['bh'][:, None]
    hcol = sig(az) * hcol + (1 - sig(az)) * np.tanh(ac)
    for k, v in [('az', az), ('ar', ar), ('ac', ac), ('h', hcol)]:
        ref[k].append(v.T)
ref = {k: np.stack(v, 1) for k, v in ref.items()}
ok_bias = close(uz, ref['az']) and close(ur, ref['ar']) and close(uc[:, :T], ref['ac'])
# same lines with bias=False (bias tensors None): intended pre-activation is x W + h U
hsn = np.zeros((B, T + 1, H)); hsn[:, -1, :] = h00
uzn = np.zeros((B, T, H)); urn = np.zeros((B, T, H)); ucn = np.zeros((B, T + 1, H))
ok_nobias = True
for t in range(T):
    bz_ = br_ = bh_ = None
    uzn[:, t, :] = np.dot(X0[:, t, :], P['Wz']) + np.dot(hsn[:, t-1, :], P['Whz']) + bz_.data if bz_ is not None else 0
    intended_z = np.dot(X0[:, t, :], P['Wz']) + np.dot(hsn[:, t-1, :], P['Whz'])
    urn[:, t, :] = np.dot(X0[:, t, :], P['Wr']) + np.dot(hsn[:, t-1, :], P['Whr']) + br_.data if br_ is not None else 0
    intended_r = np.dot(X0[:, t, :], P['Wr']) + np.dot(hsn[:, t-1, :], P['Whr'])
    ok_nobias = ok_nobias and close(uzn[:, t], intended_z) and close(urn[:, t], intended_r)
    zz, rr = sig(uzn[:, t]), sig(urn[:, t])
    ucn[:, t, :] = np.dot(X0[:, t, :], P['Wh']) + np.dot(rr * hsn[:, t - 1, :], P['Whh']) + bh_.data if bh_ is not None else 0
    intended_c = np.dot(X0[:, t, :], P['Wh']) + np.dot(rr * hsn[:, t - 1, :], P['Whh'])
    ok_nobias = ok_nobias and close(ucn[:, t], intended_c)
    hsn[:, t, :] = zz * hsn[:, t - 1, :] + (1 - zz) * np.tanh(ucn[:, t])
# lines 207/210/213: correct only when biases exist; with bias=False the whole sum collapses to 0
res[207] = ok_bias and ok_nobias
res[210] = ok_bias and ok_nobias
res[213] = ok_bias and ok_nobias
res[208] = close(zg, sig(ref['az']))
res[211] = close(rg, sig(ref['ar']))
res[214] = close(cs[:, :T], np.tanh(ref['ac']))
res[216] = close(hs[:, :T], ref['h'])
# comment equations 200-203 describe exactly the intended forward checked above
res[200] = close(sig(ref['az']), c['z'])
res[201] = close(sig(ref['ar']), c['r'])
res[202] = close(np.tanh(ref['ac']), c['c'])
res[203] = close(ref['h'], c['h'])
# activation helpers (lines 247, 250, 254, 257-258, 262, 265)
a = rng.normal(size=7) * 2
num = lambda f: (f(a + eps) - f(a - eps)) / (2 * eps)
res[247] = close(np.tanh(a), (np.exp(a) - np.exp(-a)) / (np.exp(a) + np.exp(-a)))
res[250] = close(1.0 - np.power(np.tanh(a), 2), num(np.tanh))
res[254] = close(1 / (1 + np.exp(-a)), 0.5 * (1 + np.tanh(a / 2)))
f_x = 1 / (1 + np.exp(-a))
res[258] = close(f_x * (1.0 - f_x), num(lambda v: 1 / (1 + np.exp(-v))))
res[257] = res[258]
res[262] = close(np.maximum(0, a), a * (a > 0))
res[265] = close(np.where(a <= 0, 0, 1), num(lambda v: np.maximum(0, v)))

# ---------------- author's backward (lines 49-70), copied, bias=True ----------------
update_gates, reset_gates = zg, rg
cell_states, hidden_states = cs, hs
unactivated_update_gates, unactivated_reset_gates, unactivated_cell_states = uz, ur, uc
weight_z, weight_r, weight_h = P['Wz'], P['Wr'], P['Wh']
weight_hz, weight_hr, weight_hh = P['Whz'], P['Whr'], P['Whh']
X_data = X0
grad = G
next_hidden_delta = np.zeros((H))
store = {k: np.zeros((B, T, H)) for k in ['hd', 'cd', 'rd', 'ud', 'nhd']}
store['gX'] = np.zeros((B, T, D))
step = {}
for t in reversed(range(T)):
    hidden_delta = grad[:, t, :] + next_hidden_delta
    cell_gates_delta = hidden_delta * (1 - update_gates[:, t, :]) * dtanh(unactivated_cell_states[:, t, :])
    step[('Wh', t)] = np.dot(X_data[:, t, :].T, cell_gates_delta)
    step[('Whh', t)] = np.dot(hidden_states[:, t - 1, :].T * reset_gates[:, t, :].T, cell_gates_delta)
    step[('bh', t)] = cell_gates_delta.sum(axis=0)
    reset_gates_delta = np.dot(cell_gates_delta, weight_hh.T) * hidden_states[:, t - 1, :] * dsig(unactivated_reset_gates[:, t, :])
    step[('Wr', t)] = np.dot(X_data[:, t, :].T, reset_gates_delta)
    step[('Whr', t)] = np.dot(hidden_states[:, t - 1, :].T, reset_gates_delta)
    step[('br', t)] = reset_gates_delta.sum(axis=0)
    update_gates_delta = hidden_delta * (hidden_states[:, t - 1, :] - cell_states[:, t, :]) * dsig(unactivated_update_gates[:, t, :])
    step[('Wz', t)] = np.dot(X_data[:, t, :].T, update_gates_delta)
    step[('Whz', t)] = np.dot(hidden_states[:, t - 1, :].T, update_gates_delta)
    step[('bz', t)] = update_gates_delta.sum(axis=0)
    next_hidden_delta = np.dot(update_gates_delta, weight_hz.T) + np.dot(reset_gates_delta, weight_hr.T) + np.dot(cell_gates_delta, weight_hh.T) * reset_gates[:, t, :] + hidden_delta * update_gates[:, t, :]
    store['gX'][:, t, :] = np.dot(cell_gates_delta, weight_h.T) + np.dot(update_gates_delta, weight_z.T) + np.dot(reset_gates_delta, weight_r.T)
    for k, v in [('hd', hidden_delta), ('cd', cell_gates_delta), ('rd', reset_gates_delta),
                 ('ud', update_gates_delta), ('nhd', next_hidden_delta)]:
        store[k][:, t] = v

res[49] = close(store['hd'], fd_state('h'))
res[51] = close(store['cd'], fd_state('ac'))
res[56] = close(store['rd'], fd_state('ar'))
res[62] = close(store['ud'], fd_state('az'))
res[68] = close(store['nhd'], fd_state('hp'))
res[70] = close(store['gX'], fd_X())
for line, k in [(52, 'Wh'), (53, 'Whh'), (54, 'bh'), (58, 'Wr'), (59, 'Whr'), (60, 'br'),
                (63, 'Wz'), (64, 'Whz'), (65, 'bz')]:
    res[line] = all(close(step[(k, t)], fd_weight_step(k, t)) for t in range(T))

for line in sorted(res):
    print(f"line {line}: {'OK' if res[line] else 'MISMATCH'}")
