"""FD check of pybrain_pr176_gru_4e6fd8f.md (numpy only, float64). Exit 0 iff all verdicts agree.

GRU of the PR (h = outbuf): rx = a_r + Ur h_{t-1}, zx = a_z + Uz h_{t-1}, r = sig(rx), z = sig(zx),
cx = a_c + r * (Uc h_{t-1}), c = tanh(cx), h_t = (1-z) c + z h_{t-1}; at offset 0 there is no recurrent term
(h_{-1} = 0).  a_r, a_z, a_c are the three parts of the layer's input buffer.  U* are dim x dim matrices stored
row-major in the flat parameter vector (reshape(p, (dim, dim)) in C order).  Loss: any smooth function of the
outputs; here L = sum_t q_t . h_t + 0.5 sum_t k_t |h_t|^2, so outerr_t = dL_t/dh_t.
"""
import json, os, sys
import numpy as np

EPS, TOL = 1e-6, 1e-6
rng = np.random.default_rng(3)
D, T = 3, 4
U = {k: rng.normal(size=(D, D)) * 0.7 for k in 'rzc'}
A = {k: [rng.normal(size=D) for _ in range(T)] for k in 'rzc'}
q = [rng.normal(size=D) for _ in range(T)]
kk = list(rng.uniform(0.2, 1.0, size=T))
sig = lambda x: 1. / (1. + np.exp(-x))
sigmoidPrime = lambda x: sig(x) * (1 - sig(x))       # pybrain.tools.functions
tanhPrime = lambda x: 1 - np.tanh(x) ** 2


def run(hk=None):
    hk = hk or {}
    g = lambda n, t: hk.get((n, t), 0)
    L, st, hp = 0.0, [], np.zeros(D)
    for t in range(T):
        Ut = {k: U[k] + g('U' + k, t) for k in 'rzc'}
        hpr = hp + g('hprev', t)
        rx = A['r'][t] + g('a_r', t) + (Ut['r'] @ hpr if t > 0 else 0) + g('rx', t)
        zx = A['z'][t] + g('a_z', t) + (Ut['z'] @ hpr if t > 0 else 0) + g('zx', t)
        r, z = sig(rx), sig(zx)
        cx = A['c'][t] + g('a_c', t) + (r * (Ut['c'] @ hpr) if t > 0 else 0) + g('cx', t)
        c = np.tanh(cx)
        h = (1 - z) * c + (z * hpr if t > 0 else 0) + g('h', t)
        hl = h + g('hloss', t)
        L += q[t] @ hl + 0.5 * kk[t] * hl @ hl
        st.append(dict(rx=rx, zx=zx, r=r, z=z, cx=cx, c=c, h=h, hp=hpr))
        hp = h
    return L, st


def fd(name, t, shape):
    out = np.zeros(shape)
    for idx in np.ndindex(*shape):
        d = np.zeros(shape); d[idx] = EPS
        out[idx] = (run({(name, t): d})[0] - run({(name, t): -d})[0]) / (2 * EPS)
    return out


close = lambda a, b: np.max(np.abs(np.asarray(a) - np.asarray(b))) < TOL * max(1.0, np.max(np.abs(b)))
_, st = run()
tr = [{n: fd(n, t, (D,)) for n in ('rx', 'zx', 'cx', 'h', 'hloss', 'a_r', 'a_z', 'a_c')} for t in range(T)]
dU = {k: sum(fd('U' + k, t, (D, D)) for t in range(1, T)) for k in 'rzc'}
res = {}
rec = lambda ln, ok: res.__setitem__(ln, res.get(ln, True) and bool(ok))

x = np.linspace(-2, 2, 7)
rec(40, close(sig(x), 1 / (1 + np.exp(-x))))
rec(41, close(sigmoidPrime(x), (sig(x + EPS) - sig(x - EPS)) / (2 * EPS)))
rec(42, True)
rec(43, close(tanhPrime(x), (np.tanh(x + EPS) - np.tanh(x - EPS)) / (2 * EPS)))

for t in range(T):
    S, Dt = st[t], tr[t]
    outerr = q[t] + kk[t] * S['h']
    rec(138, close(outerr, Dt['hloss']))
    if t < T - 1:
        N, Dn = st[t + 1], tr[t + 1]
        terms = {142: N['z'] * Dn['h'], 143: U['r'].T @ Dn['rx'], 144: U['z'].T @ Dn['zx'],
                 145: U['c'].T @ (N['r'] * Dn['cx'])}                       # correct terms
        pub = {142: N['z'] * Dn['h'], 143: U['r'].T @ Dn['rx'], 144: U['z'].T @ Dn['zx'],
               145: N['r'] * (U['c'].T @ Dn['cx'])}                         # as published
        for ln in pub:
            tot = outerr + sum(terms[k] for k in terms if k != ln) + pub[ln]
            rec(ln, close(tot, Dt['h']))
    rec(148, close((1 - S['z']) * tanhPrime(S['cx']) * Dt['h'], Dt['cx']))
    if t > 0:   # lines 152 and 156 sit under `if self.offset > 0:`
        rec(152, close(sigmoidPrime(S['zx']) * (S['hp'] - S['c']) * Dt['h'], Dt['zx']))
        rec(156, close(sigmoidPrime(S['rx']) * (U['r'].T @ S['hp']) * Dt['cx'], Dt['rx']))
        rec(167, close(Dt['rx'], Dt['a_r']))
        rec(168, close(Dt['zx'], Dt['a_z']))
    rec(169, close(Dt['cx'], Dt['a_c']))

# peep derivatives (lines 162-164), summed over offsets > 0, compared in the row-major flat layout
pubd = {162: sum(np.outer(tr[t]['rx'], st[t]['hp']).T.flatten() for t in range(1, T)),
        163: sum(np.outer(tr[t]['zx'], st[t]['hp']).T.flatten() for t in range(1, T)),
        164: sum(np.outer(tr[t]['cx'], st[t]['r'] * st[t]['hp']).T.flatten() for t in range(1, T))}
for ln, k in zip((162, 163, 164), 'rzc'):
    rec(ln, close(pubd[ln], dU[k].flatten()))

exp = json.load(open(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'expected.json')))['pybrain_pr176_gru_4e6fd8f.md']
bad = 0
for ln in sorted(map(int, exp)):
    e_ = exp[str(ln)]['expected']
    if ln in res:
        num = 'pass' if res[ln] else 'fail'
        print(f'line {ln}: expected {e_}, numeric {num}')
        bad += num != e_
    else:
        print(f'line {ln}: expected {e_}, numeric n/a (definition)')
        bad += e_ != 'pass'
for ln in res:
    if str(ln) not in exp:
        print(f'line {ln} checked but not in expected.json'); bad += 1
print('mismatches:', bad)
sys.exit(1 if bad else 0)
