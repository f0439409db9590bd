# Finite-difference check of the annotated lines of ratsgo_lstm_numpy.md (numpy only).
# Each annotated line is executed verbatim (text taken from the .md) with the true upstream values
# (obtained by central differences on an independent reference LSTM) and compared with the truth.
import json, os, re
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
MD = os.path.join(HERE, 'ratsgo_lstm_numpy.md')
lines = open(MD, encoding='utf-8').read().split('\n')
L = lambda n: lines[n - 1].strip()
exp = json.load(open(os.path.join(HERE, 'expected.json')))['ratsgo_lstm_numpy.md']

rng = np.random.RandomState(0)
vocab_size, H, T = 5, 3, 4
# exec the author's fence (gives sigmoid, lossFun, parameter shapes)
src = '\n'.join(lines)
fence = src.split('```python\n', 1)[1].split('\n```', 1)[0]
ns = {'vocab_size': vocab_size}
exec(fence.replace('hidden_size = 100', 'hidden_size = %d' % H), ns)
P = {'Wxh': rng.randn(4 * H, vocab_size) * 0.7, 'Whh': rng.randn(4 * H, H) * 0.7,
     'Why': rng.randn(vocab_size, H) * 0.7, 'bh': rng.randn(4 * H, 1) * 0.3, 'by': rng.randn(vocab_size, 1) * 0.3}
inputs = list(rng.randint(0, vocab_size, T)); targets = list(rng.randint(0, vocab_size, T))
hprev = rng.randn(H, 1) * 0.5; cprev = rng.randn(H, 1) * 0.5

sig = lambda z: 1.0 / (1.0 + np.exp(-z))

def fwd(P, inj={}):
    g = lambda k, shape: inj.get(k, np.zeros(shape))
    hs, cs = {-1: hprev.copy()}, {-1: cprev.copy()}
    C = {'xs': {}, 'hs': hs, 'cs': cs, 'is_': {}, 'fs': {}, 'os': {}, 'gs': {}, 'ys': {}, 'ps': {}, 'a': {}}
    loss = 0.0
    for t in range(T):
        x = np.zeros((vocab_size, 1)); x[inputs[t]] = 1; C['xs'][t] = x
        a = P['Wxh'] @ x + P['Whh'] @ (hs[t - 1] + g(('hprev', t), (H, 1))) + P['bh'] + g(('a', t), (4 * H, 1))
        C['a'][t] = a
        i = sig(a[:H]) + g(('i', t), (H, 1)); f = sig(a[H:2 * H]) + g(('f', t), (H, 1))
        o = sig(a[2 * H:3 * H]) + g(('o', t), (H, 1)); gg = np.tanh(a[3 * H:]) + g(('g', t), (H, 1))
        c = f * (cs[t - 1] + g(('cprev', t), (H, 1))) + i * gg + g(('c', t), (H, 1))
        h = o * np.tanh(c) + g(('h', t), (H, 1))
        y = P['Why'] @ h + P['by'] + g(('y', t), (vocab_size, 1))
        p = np.exp(y) / np.sum(np.exp(y))
        C['is_'][t], C['fs'][t], C['os'][t], C['gs'][t], cs[t], hs[t], C['ys'][t], C['ps'][t] = i, f, o, gg, c, h, y, p
        loss += -np.log(p[targets[t], 0])
    return loss, C

EPS = 1e-6
def fd_node(key, shape):
    out = np.zeros(shape)
    for idx in np.ndindex(*shape):
        e = np.zeros(shape); e[idx] = EPS
        out[idx] = (fwd(P, {key: e})[0] - fwd(P, {key: -e})[0]) / (2 * EPS)
    return out
def fd_param(name):
    out = np.zeros_like(P[name])
    for idx in np.ndindex(*P[name].shape):
        Pp = {k: v.copy() for k, v in P.items()}; Pm = {k: v.copy() for k, v in P.items()}
        Pp[name][idx] += EPS; Pm[name][idx] -= EPS
        out[idx] = (fwd(Pp)[0] - fwd(Pm)[0]) / (2 * EPS)
    return out

loss0, C = fwd(P)
TR = {}
for t in range(T):
    TR['y', t] = fd_node(('y', t), (vocab_size, 1)); TR['h', t] = fd_node(('h', t), (H, 1))
    TR['c', t] = fd_node(('c', t), (H, 1)); TR['cprev', t] = fd_node(('cprev', t), (H, 1))
    TR['hprev', t] = fd_node(('hprev', t), (H, 1)); TR['a', t] = fd_node(('a', t), (4 * H, 1))
    for k in 'ifog': TR[k, t] = fd_node((k, t), (H, 1))
TR['cprev', T] = np.zeros((H, 1)); TR['hprev', T] = np.zeros((H, 1))
TRP = {k: fd_param(k) for k in P}

results = {}
def close(a, b): return np.allclose(np.asarray(a, float).ravel(), np.asarray(b, float).ravel(), rtol=1e-4, atol=1e-6)
def record(ln, ok):
    results[ln] = results.get(ln, True) and ok

def base_ns(t):
    d = dict(np=np, sigmoid=ns['sigmoid'], t=t, H=H, vocab_size=vocab_size, inputs=inputs, targets=targets, **P)
    for k in ['xs', 'hs', 'cs', 'is_', 'fs', 'os', 'gs', 'ys', 'ps']: d[k] = dict(C[k])
    return d

# line 26: sigmoid helper
z = rng.randn(7, 1) * 3
record(26, close(ns['sigmoid'](z), 1 / (1 + np.exp(-z))))

# forward lines: execute each with true earlier values, compare with the reference forward
fwd_lines = {43: ('tmp', lambda t: C['a'][t]), 44: ('is_', None), 45: ('fs', None), 46: ('os', None), 47: ('gs', None),
             48: ('cs', None), 49: ('hs', None), 50: ('ys', None), 51: ('ps', None)}
for t in range(T):
    for ln, (name, ref) in fwd_lines.items():
        d = base_ns(t); d['tmp'] = C['a'][t]
        if name != 'tmp': d[name] = {k: v for k, v in d[name].items() if k != t}
        exec(L(ln), d)
        val = d[name] if name == 'tmp' else d[name][t]
        truth = ref(t) if ref else C[name][t]
        record(ln, close(val, truth))
    d = base_ns(t); d['loss'] = 0.0; exec(L(52).split('#')[0], d)
    record(52, close(d['loss'], -np.log(C['ps'][t][targets[t], 0])))

# backward lines with true upstream values
acc = {60: np.zeros_like(P['Why']), 61: np.zeros_like(P['by']), 74: np.zeros_like(P['Wxh']),
       75: np.zeros_like(P['Whh']), 76: np.zeros_like(P['bh'])}
accname = {60: 'dWhy', 61: 'dby', 74: 'dWxh', 75: 'dWhh', 76: 'dbh'}
acctruth = {60: 'Why', 61: 'by', 74: 'Wxh', 75: 'Whh', 76: 'bh'}
for t in reversed(range(T)):
    a_true = TR['a', t]
    up = dict(dy=TR['y', t], dh=TR['h', t], dc=TR['c', t], dhnext=TR['hprev', t + 1], dcnext=TR['cprev', t + 1],
              di=TR['i', t], df=TR['f', t], do=TR['o', t], dg=TR['g', t],
              ddi=a_true[:H], ddf=a_true[H:2 * H], ddo=a_true[2 * H:3 * H], ddg=a_true[3 * H:], da=a_true.ravel())
    # lines 58+59 (dy) executed together
    d = base_ns(t); exec(L(58), d); exec(L(59).split('#')[0], d)
    record(58, close(d['dy'], up['dy'])); record(59, close(d['dy'], up['dy']))
    checks = {62: ('dh', up['dh']), 63: ('dc', up['dc']), 64: ('dcnext', TR['cprev', t]),
              65: ('di', up['di']), 66: ('df', up['df']), 67: ('do', up['do']), 68: ('dg', up['dg']),
              69: ('ddi', up['ddi']), 70: ('ddf', up['ddf']), 71: ('ddo', up['ddo']), 72: ('ddg', up['ddg']),
              73: ('da', up['da']), 77: ('dhnext', TR['hprev', t])}
    for ln, (name, truth) in checks.items():
        d = base_ns(t); d.update(up); exec(L(ln).split('  #')[0], d)
        record(ln, close(d[name], truth))
    for ln in acc:
        d = base_ns(t); d.update(up); d[accname[ln]] = np.zeros_like(acc[ln]); exec(L(ln), d)
        acc[ln] = acc[ln] + d[accname[ln]]
for ln in acc:
    record(ln, close(acc[ln], TRP[acctruth[ln]]))

bad = 0
for ln in sorted(exp, key=int):
    ok = results.get(int(ln))
    verdict = 'pass' if ok else 'fail'
    agree = verdict == exp[ln]['expected']
    bad += not agree
    print('line %3s: %-8s (expected %s) %s' % (ln, 'OK' if ok else 'MISMATCH', exp[ln]['expected'], 'agrees' if agree else 'DISAGREES'))
print('unannotated but checked:', sorted(set(results) - set(int(k) for k in exp)))
print('ALL VERDICTS AGREE' if bad == 0 else '%d DISAGREEMENTS' % bad)
