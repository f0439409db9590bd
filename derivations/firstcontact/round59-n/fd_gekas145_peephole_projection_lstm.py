"""FD check for gekas145_peephole_projection_lstm.md (numpy port of lstm.py, same indexing)."""
import numpy as np

rng = np.random.default_rng(59)
B, T, I, H, P = 2, 4, 3, 3, 2
sig = lambda z: 1.0 / (1.0 + np.exp(-z))
X = rng.normal(size=(B, T, I))
W = rng.normal(scale=0.5, size=(I, 4 * H))
R = rng.normal(scale=0.5, size=(P, 4 * H))
Wp = rng.normal(scale=0.5, size=(H, P))
p = rng.normal(scale=0.5, size=(3 * H,))
b = rng.normal(scale=0.3, size=(4 * H,))
h0 = rng.normal(scale=0.5, size=(B, P))
c0 = rng.normal(scale=0.5, size=(B, H))
G = rng.normal(size=(B, T, P))  # out_grad = dL/d(output); L = sum(G * output)


def forward(X, W, R, Wp, p, b, taps=None):
    taps = taps or {}
    tp = lambda k, shape: taps.get(k, np.zeros(shape))
    Hd = H
    gates = np.zeros((4, B, T, Hd)); h = np.zeros((B, T, Hd))
    hp = np.zeros((B, T + 1, P)); c = np.zeros((B, T + 1, Hd))
    hp[:, 0] = h0; c[:, 0] = c0
    A = [tp('a%d' % k, (B, T, Hd)) for k in range(4)]
    tc, th, thp = tp('c', (B, T + 1, Hd)), tp('h', (B, T, Hd)), tp('hp', (B, T + 1, P))
    for t in range(T):
        gates[0, :, t] = sig(X[:, t] @ W[:, :Hd] + hp[:, t] @ R[:, :Hd] + c[:, t] * p[:Hd] + b[:Hd] + A[0][:, t])
        gates[1, :, t] = sig(X[:, t] @ W[:, Hd:2*Hd] + hp[:, t] @ R[:, Hd:2*Hd] + c[:, t] * p[Hd:2*Hd] + b[Hd:2*Hd] + A[1][:, t])
        gates[2, :, t] = np.tanh(X[:, t] @ W[:, 2*Hd:3*Hd] + hp[:, t] @ R[:, 2*Hd:3*Hd] + b[2*Hd:3*Hd] + A[2][:, t])
        c[:, t + 1] = gates[1, :, t] * c[:, t] + gates[0, :, t] * gates[2, :, t] + tc[:, t + 1]
        gates[3, :, t] = sig(X[:, t] @ W[:, 3*Hd:] + hp[:, t] @ R[:, 3*Hd:] + c[:, t + 1] * p[2*Hd:] + b[3*Hd:] + A[3][:, t])
        h[:, t] = gates[3, :, t] * np.tanh(c[:, t + 1]) + th[:, t]
        hp[:, t + 1] = h[:, t] @ Wp + thp[:, t + 1]
    return gates, h, hp, c


def loss(**kw):
    args = dict(X=X, W=W, R=R, Wp=Wp, p=p, b=b)
    taps = kw.pop('taps', None)
    args.update(kw)
    return np.sum(G * forward(taps=taps, **args)[2][:, 1:])


def fd_param(name, eps=1e-6):
    base = dict(X=X, W=W, R=R, Wp=Wp, p=p, b=b)[name]
    g = np.zeros_like(base)
    for idx in np.ndindex(base.shape):
        e = np.zeros_like(base); e[idx] = eps
        g[idx] = (loss(**{name: base + e}) - loss(**{name: base - e})) / (2 * eps)
    return g


def fd_tap(key, shape, sl, eps=1e-6):
    """gradient wrt an additive tap; sl selects (time index) slice -> array (B, d)."""
    g = np.zeros(shape)
    for idx in np.ndindex(shape):
        e = np.zeros(shape); e[idx] = eps
        g[idx] = (loss(taps={key: e}) - loss(taps={key: -e})) / (2 * eps)
    return g[:, sl]


gates, h, h_proj, c = forward(X, W, R, Wp, p, b)
out_grad = G
results = {}
def chk(line, a, ref, tol=1e-6):
    ok = np.allclose(a, ref, atol=tol, rtol=1e-5)
    results.setdefault(line, []).append(bool(ok))

# ---- forward rows vs an independent Greff-style peephole+projection LSTM (positive indexing)
def ref_model():
    hh, cc = h0.copy(), c0.copy(); outs = []; cs = []; hs = []; gs = []
    Wi, Wf, Wz, Wo = np.split(W, 4, axis=1); Ri, Rf, Rz, Ro = np.split(R, 4, axis=1)
    bi, bf, bz, bo = np.split(b, 4); pi, pf, po = np.split(p, 3)
    for s in range(T):
        x = X[:, s]
        i = sig(x @ Wi + hh @ Ri + pi * cc + bi); f = sig(x @ Wf + hh @ Rf + pf * cc + bf)
        z = np.tanh(x @ Wz + hh @ Rz + bz); cn = f * cc + i * z
        o = sig(x @ Wo + hh @ Ro + po * cn + bo); hn = o * np.tanh(cn); r = hn @ Wp
        gs.append((i, f, z, o)); cs.append(cn); hs.append(hn); outs.append(r); hh, cc = r, cn
    return gs, cs, hs, outs
gs, cs, hs, outs = ref_model()
for s in range(T):
    chk(40, gates[0, :, s], gs[s][0]); chk(45, gates[1, :, s], gs[s][1]); chk(50, gates[2, :, s], gs[s][2])
    chk(54, c[:, s + 1], cs[s]); chk(56, gates[3, :, s], gs[s][3]); chk(61, h[:, s], hs[s]); chk(62, h_proj[:, s + 1], outs[s])

# ---- FD references for intermediate nodes (positive index arrays)
FD = {k: fd_tap(k, (B, T, H), slice(None)) for k in ['a0', 'a1', 'a2', 'a3', 'h']}
FD['c'] = fd_tap('c', (B, T + 1, H), slice(None))
FD['hp'] = fd_tap('hp', (B, T + 1, P), slice(None))

# ---- backward, transcribed row by row (negative indexing as in the source)
time, out_dim = T, H
gates_grad = np.zeros((4, B, out_dim))
W_grad = np.zeros_like(W); R_grad = np.zeros_like(R); W_proj_grad = np.zeros_like(Wp)
p_grad = np.zeros_like(p); b_grad = np.zeros_like(b); inputs_grad = np.zeros_like(X)
W_proj = Wp; inputs = X
h_proj_grad = out_grad[:, -1, :];                                  chk(87, h_proj_grad, FD['hp'][:, T])
h_grad = h_proj_grad @ W_proj.T;                                   chk(88, h_grad, FD['h'][:, T - 1])
c_tanh = np.tanh(c[:, -1, :]);                                     chk(89, c_tanh, np.tanh(cs[-1]))
gates_grad[3, ...] = h_grad * c_tanh * gates[3, :, -1, :] * (1 - gates[3, :, -1, :]); chk(90, gates_grad[3], FD['a3'][:, T - 1])
c_grad = gates_grad[3, ...] * p[2*out_dim:3*out_dim] + h_grad * (1 - c_tanh**2) * gates[3, :, -1, :]; chk(91, c_grad, FD['c'][:, T])
for t in range(-1, -time-1, -1):
    s = T + t
    gates_grad[0, ...] = c_grad * gates[2, :, t, :] * gates[0, :, t, :] * (1 - gates[0, :, t, :]); chk(95, gates_grad[0], FD['a0'][:, s])
    gates_grad[1, ...] = c_grad * c[:, t-1, :] * gates[1, :, t, :] * (1 - gates[1, :, t, :]);   chk(96, gates_grad[1], FD['a1'][:, s])
    gates_grad[2, ...] = c_grad * gates[0, :, t, :] * (1 - gates[2, :, t, :]**2);               chk(97, gates_grad[2], FD['a2'][:, s])
    for k in range(4):
        R_grad[:, k*out_dim:(k+1)*out_dim] += h_proj[:, t-1, :].T @ gates_grad[k, ...]
        W_grad[:, k*out_dim:(k+1)*out_dim] += inputs[:, t, :].T @ gates_grad[k, ...]
        b_grad[k*out_dim:(k+1)*out_dim] += np.sum(gates_grad[k, ...], axis=0)
        if k > 2:
            break
        step, p_gate_num = (t-1, k) if k <= 1 else (t, k+1)
        chk(107, np.array(step), np.array(t - 1 if k <= 1 else t))  # c_{s-1} for i/f, c_s for o
        p_grad[k*out_dim:(k+1)*out_dim] += np.sum(c[:, step, :] * gates_grad[p_gate_num, ...], axis=0)
    W_proj_grad += h[:, t, :].T @ h_proj_grad
    inputs_grad[:, t, :] = gates_grad[0, ...] @ W[:, :out_dim].T + gates_grad[1, ...] @ W[:, out_dim:2*out_dim].T + \
        gates_grad[2, ...] @ W[:, 2*out_dim:3*out_dim].T + gates_grad[3, ...] @ W[:, 3*out_dim:4*out_dim].T
    if t == -time:
        break
    h_proj_grad = gates_grad[0, ...] @ R[:, :out_dim].T + gates_grad[1, ...] @ R[:, out_dim:2*out_dim].T + \
        gates_grad[2, ...] @ R[:, 2*out_dim:3*out_dim].T + gates_grad[3, ...] @ R[:, 3*out_dim:4*out_dim].T + out_grad[:, t-1, :]
    chk(121, h_proj_grad, FD['hp'][:, s])
    h_grad = h_proj_grad @ W_proj.T;                 chk(127, h_grad, FD['h'][:, s - 1])
    c_tanh = np.tanh(c[:, t-1, :]);                  chk(129, c_tanh, np.tanh(cs[s - 1]))
    gates_grad[3, ...] = h_grad * c_tanh * gates[3, :, t-1, :] * (1 - gates[3, :, t-1, :]); chk(131, gates_grad[3], FD['a3'][:, s - 1])
    c_grad = gates_grad[0, ...] * p[:out_dim] + gates_grad[1, ...] * p[out_dim:2*out_dim] + c_grad * gates[1, :, t, :] + \
        gates_grad[3, ...] * p[2*out_dim:3*out_dim] + h_grad * gates[3, :, t-1, :] * (1 - c_tanh**2)
    chk(133, c_grad, FD['c'][:, s])

for line, name in [(100, 'R'), (101, 'W'), (102, 'b'), (108, 'p'), (110, 'Wp'), (113, 'X')]:
    chk(line, {'R': R_grad, 'W': W_grad, 'b': b_grad, 'p': p_grad, 'Wp': W_proj_grad, 'X': inputs_grad}[name], fd_param(name))

verdict = {k: all(v) for k, v in results.items()}
expected = {l: True for l in [40, 45, 50, 54, 56, 61, 62, 87, 88, 89, 90, 91, 95, 96, 97, 100, 101, 102, 107, 108, 110, 113, 121, 127, 129, 131, 133]}
for l in sorted(expected):
    print(l, 'pass' if verdict[l] else 'FAIL')
assert verdict == expected, (verdict, expected)
print('ok')

# cross-check against expected.json (same directory)
import json, os
_E = json.load(open(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'expected.json')))['gekas145_peephole_projection_lstm.md']
assert set(int(k) for k in _E) == set(verdict), (set(int(k) for k in _E) ^ set(verdict))
assert all((_E[str(k)]['expected'] == 'pass') == verdict[k] for k in verdict)
print('expected.json consistent')
