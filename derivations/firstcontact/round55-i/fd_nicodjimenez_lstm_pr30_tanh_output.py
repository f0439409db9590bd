"""FD check of nicodjimenez_lstm_pr30_tanh_output.md (numpy only, float64). Exit 0 iff all verdicts agree."""
import json, os, sys
import numpy as np
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fd_nicodjimenez_common import Model, truth, close, sigmoid

NAME = 'nicodjimenez_lstm_pr30_tanh_output.md'
sig_der = lambda v: v * (1 - v)          # line 15
tanh_der = lambda v: 1. - v ** 2         # line 18

m = Model('tanh')
st, tr = truth(m)
T, X = m.T, m.X
res = {}

def rec(line, ok):
    res[line] = res.get(line, True) and bool(ok)

# helpers (lines 12, 15, 18)
z = np.linspace(-2, 2, 7); e = 1e-6
rec(12, close(sigmoid(z), 1 / (1 + np.exp(-z))))
rec(15, close(sig_der(sigmoid(z)), (sigmoid(z + e) - sigmoid(z - e)) / (2 * e)))
rec(18, close(tanh_der(np.tanh(z)), (np.tanh(z + e) - np.tanh(z - e)) / (2 * e)))

for t in range(T):
    S, D = st[t], tr[t]
    top_h = D['h']                                   # total dL/dh_t (diff_h after line 111)
    top_s = tr[t + 1]['sprev'] if t < T - 1 else np.zeros(m.H)
    rec(49, close(S['o'] * top_h * tanh_der(S['s']) + top_s, D['s']))
    rec(50, close(S['s'] * top_h, D['o']))
    rec(51, close(S['g'] * D['s'], D['i']))
    rec(52, close(S['i'] * D['s'], D['g']))
    rec(53, close(S['sp'] * D['s'], D['f']))
    rec(56, close(sig_der(S['i']) * D['i'], D['pre_i']))
    rec(57, close(sig_der(S['f']) * D['f'], D['pre_f']))
    rec(58, close(sig_der(S['o']) * D['o'], D['pre_o']))
    rec(59, close(tanh_der(S['g']) * D['g'], D['pre_g']))
    for ln, k in zip((62, 63, 64, 65), 'ifog'):
        rec(ln, close(np.outer(D['pre_' + k], S['xc']), D['W' + k]))
    for ln, k in zip((66, 67, 68, 69), 'ifog'):
        rec(ln, close(D['pre_' + k], D['b' + k]))
    dxc = sum(m.W[k].T @ D['pre_' + k] for k in 'ifog')
    for ln in (73, 74, 75, 76):
        rec(ln, close(dxc, D['xc']))
    rec(79, close(D['s'] * S['f'], D['sprev']))
    if t > 0:
        rec(80, close(dxc[X:], tr[t - 1]['h'] - tr[t - 1]['hloss']))
    local = np.zeros(m.H); local[0] = 2 * (S['h'][0] - m.ys[t])   # lines 152-153
    rec(153, close(local, D['hloss']))
    if t == T - 1:
        rec(100, close(local, D['h']))
        rec(102, close(np.zeros(m.H), np.zeros(m.H)))            # no step T: nothing carried
    else:
        rec(110, close(local, D['hloss']))
        rec(111, close(local + tr[t + 1]['xc'][X:], D['h']))
        rec(112, close(tr[t + 1]['s'] * st[t + 1]['f'], tr[t + 1]['sprev']))
# loss lines 99, 109, 148
Ltot = m.run()[0]
rec(148, close(sum((st[t]['h'][0] - m.ys[t]) ** 2 for t in range(T)), Ltot))
rec(99, res[148]); rec(109, res[148])

exp = json.load(open(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'expected.json')))[NAME]
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
