# Finite-difference check of the peephole-LSTM BPTT deltas in lstm_peephole_bishop.md (numpy only).
# Column vectors; loss L = sum_t G[t] . y^t, so Delta^t = G[t]. sigma' is written o'(.) by the author.
import numpy as np
rng = np.random.default_rng(0)
M, N, T = 3, 4, 5
P = {k: rng.normal(scale=0.6, size=(N, M)) for k in ['Wz', 'Wi', 'Wf', 'Wo']}
P.update({k: rng.normal(scale=0.6, size=(N, N)) for k in ['Rz', 'Ri', 'Rf', 'Ro']})
P.update({k: rng.normal(scale=0.6, size=N) for k in ['pi', 'pf', 'po', 'bz', 'bi', 'bf', 'bo']})
X = rng.normal(size=(T, M)); G = rng.normal(size=(T, N))
sig = lambda a: 1 / (1 + np.exp(-a))

def forward(X, pert=None):
    # pert: (name, t, vec) additive perturbation of an intermediate, to get total dL/d(intermediate)
    def add(name, t, v):
        return v + pert[2] if pert is not None and pert[0] == name and pert[1] == t else v
    y = np.zeros(N); c = np.zeros(N); S = {k: [] for k in 'zb z ib i fb f c ob o y'.split()}
    for t in range(T):
        x = add('x', t, X[t])
        zb = add('zb', t, P['Wz'] @ x + P['Rz'] @ y + P['bz']); z = np.tanh(zb)          # line 19, 20
        ib = add('ib', t, P['Wi'] @ x + P['Ri'] @ y + P['pi'] * c + P['bi']); i = sig(ib)  # line 21, 22
        fb = add('fb', t, P['Wf'] @ x + P['Rf'] @ y + P['pf'] * c + P['bf']); f = sig(fb)  # line 23, 24
        c = add('c', t, z * i + c * f)                                                      # line 25
        ob = add('ob', t, P['Wo'] @ x + P['Ro'] @ y + P['po'] * c + P['bo']); o = sig(ob)  # line 26, 27
        y = add('y', t, np.tanh(c) * o)                                                     # line 28
        for k, v in zip('zb z ib i fb f c ob o y'.split(), [zb, z, ib, i, fb, f, c, ob, o, y]):
            S[k].append(v)
    return S

S = forward(X)
L = lambda S: sum(G[t] @ S['y'][t] for t in range(T))
dsig = lambda a: sig(a) * (1 - sig(a))          # author's o'(.)
dtanh = lambda a: 1 - np.tanh(a) ** 2
# author's backward, as written (lines 36-41, 44); deltas at T are zero
Z = np.zeros(N)
d = {k: [None] * (T + 1) for k in ['y', 'ob', 'c', 'fb', 'ib', 'zb', 'x']}
for k in ['ob', 'c', 'fb', 'ib', 'zb']:
    d[k][T] = Z
fT = lambda t: S['f'][t] if t < T else Z
for t in reversed(range(T)):
    cprev = S['c'][t - 1] if t > 0 else Z
    # line 36, reading delta z^{t+1} etc. as the only deltas the author defines (pre-activation deltas)
    d['y'][t] = G[t] + P['Rz'].T @ d['zb'][t + 1] + P['Ri'].T @ d['ib'][t + 1] + P['Rf'].T @ d['fb'][t + 1] + P['Ro'].T @ d['ob'][t + 1]
    d['ob'][t] = d['y'][t] * np.tanh(S['c'][t]) * dsig(S['ob'][t])                                   # line 37
    d['c'][t] = (d['y'][t] * S['o'][t] * dtanh(S['c'][t]) + P['po'] * d['ob'][t] + P['pi'] * d['ib'][t + 1]
                 + P['pf'] * d['fb'][t + 1] + d['c'][t + 1] * fT(t + 1))                             # line 38
    d['fb'][t] = d['c'][t] * cprev * dsig(S['fb'][t])                                                 # line 39
    d['ib'][t] = d['c'][t] * S['z'][t] * dsig(S['ib'][t])                                             # line 40
    d['zb'][t] = d['c'][t] * S['i'][t] * dtanh(S['zb'][t])                                            # line 41
    d['x'][t] = P['Wz'].T @ d['zb'][t] + P['Wi'].T @ d['ib'][t] + P['Wf'].T @ d['fb'][t] + P['Wo'].T @ d['ob'][t]  # line 44

def fd(name, t, eps=1e-6):
    g = np.zeros(N if name != 'x' else M)
    for j in range(g.size):
        e = np.zeros(g.size); e[j] = eps
        g[j] = (L(forward(X, (name, t, e))) - L(forward(X, (name, t, -e)))) / (2 * eps)
    return g

rows = [('36', 'y', 'delta y^t'), ('37', 'ob', 'delta obar^t'), ('38', 'c', 'delta c^t'),
        ('39', 'fb', 'delta fbar^t'), ('40', 'ib', 'delta ibar^t'), ('41', 'zb', 'delta zbar^t'), ('44', 'x', 'delta x^t')]
for line, k, lab in rows:
    err = max(np.max(np.abs(d[k][t] - fd(k, t))) for t in range(T))
    print(f"line {line:>3} {lab:14s} max|author-FD| = {err:.2e}  ->", "AGREES" if err < 1e-6 else "DISAGREES")

# alternative literal reading of line 36: delta z^{t+1} as dL/dz^{t+1} (post-activation, = delta c * i)
alt = []
for t in range(T - 1):
    dz_post = d['c'][t + 1] * S['i'][t + 1]; di_post = d['c'][t + 1] * S['z'][t + 1]
    df_post = d['c'][t + 1] * S['c'][t]; do_post = d['y'][t + 1] * np.tanh(S['c'][t + 1])
    v = G[t] + P['Rz'].T @ dz_post + P['Ri'].T @ di_post + P['Rf'].T @ df_post + P['Ro'].T @ do_post
    alt.append(np.max(np.abs(v - fd('y', t))))
print(f"line  36 read with post-activation deltas: max|.-FD| = {max(alt):.2e} (this reading would be wrong; the author's later lines define only barred deltas)")
# helper definitions (lines 31, 32) checked numerically
a = rng.normal(size=5)
print("line  31 sigma(x)=1/(1+e^-x):", np.allclose(sig(a), 0.5 * (1 + np.tanh(a / 2))), "| line 32 g=h=tanh used above")
