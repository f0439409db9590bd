#!/usr/bin/env python3
"""FD check of vanilla_rnn_silseup_ko.md (numpy only).  Column vectors (H,1); loss L = sum_t -log ps[t][targets[t]].
Code lines are evaluated by taking the right-hand side text FROM THE NOTE (comment stripped) in a namespace whose
upstream variables hold the true values (local judgement), at a step t that is not the last one."""
import json, os, re
import numpy as np
HERE = os.path.dirname(os.path.abspath(__file__))
NAME = 'vanilla_rnn_silseup_ko.md'
L = open(os.path.join(HERE, NAME)).read().split('\n')
rng = np.random.default_rng(7)
V, H = 7, 4
Wxh, Whh, Why = rng.normal(size=(H, V)) * .7, rng.normal(size=(H, H)) * .7, rng.normal(size=(V, H)) * .7
bh, by = rng.normal(size=(H, 1)) * .3, rng.normal(size=(V, 1)) * .3
inputs = [0, 5, 3, 2, 6, 4]; targets = [5, 3, 2, 6, 4, 1]; T = len(inputs); vocab_size = V
hprev = np.zeros((H, 1))
def oh(i):
    v = np.zeros((V, 1)); v[i] = 1; return v
def fwd(P, e_y=None, e_h=None, e_hr=None, hprev_=None, hcopy=None):
    """P: per-step param dicts; e_*: additive perturbations {t: vec}; hcopy: {t: h_{t-1} used in hraw_t}"""
    hs = {-1: hprev if hprev_ is None else hprev_}; ys, ps, hr = {}, {}, {}; loss = 0; losses = []
    for t in range(T):
        p = P[t]; hp = hs[t - 1] if (hcopy is None or t not in hcopy) else hcopy[t]
        hr[t] = p['Wxh'] @ oh(inputs[t]) + p['Whh'] @ hp + p['bh'] + (e_hr or {}).get(t, 0)
        hs[t] = np.tanh(hr[t]) + (e_h or {}).get(t, 0)
        ys[t] = p['Why'] @ hs[t] + p['by'] + (e_y or {}).get(t, 0)
        ps[t] = np.exp(ys[t]) / np.exp(ys[t]).sum()
        losses.append(-np.log(ps[t][targets[t], 0])); loss += losses[-1]
    return loss, hs, ys, ps, hr, losses
P0 = dict(Wxh=Wxh, Whh=Whh, Why=Why, bh=bh, by=by)
PP = [P0] * T
def fd(f, shape, eps=1e-6):
    g = np.zeros(shape)
    for i in np.ndindex(*shape):
        e = np.zeros(shape); e[i] = eps; g[i] = (f(e) - f(-e)) / (2 * eps)
    return g
loss, hs, ys, ps, hr, losses = fwd(PP)
xs = {t: oh(inputs[t]) for t in range(T)}
t = 2
TR = {}
TR['dy'] = fd(lambda e: fwd(PP, e_y={t: e})[0], (V, 1))
TR['dh'] = fd(lambda e: fwd(PP, e_h={t: e})[0], (H, 1))
TR['dhraw'] = fd(lambda e: fwd(PP, e_hr={t: e})[0], (H, 1))
def stepgrad(name):
    def f(e):
        Q = [dict(P0) for _ in range(T)]; Q[t][name] = P0[name] + e; return fwd(Q)[0]
    return fd(f, P0[name].shape)
for n in ['Wxh', 'Whh', 'Why', 'bh', 'by']:
    TR['d' + n] = stepgrad(n)
TR['dhnext_out'] = fd(lambda e: fwd(PP, hcopy={t: hs[t - 1] + e})[0], (H, 1))       # via hraw_t only
TR['dhnext_in'] = fd(lambda e: fwd(PP, hcopy={t + 1: hs[t] + e})[0], (H, 1))        # from step t+1
res = {}
def rec(ln, ok): res[ln] = bool(ok)
def rhs(ln):
    s = L[ln - 1].split('#')[0].strip()
    m = re.match(r'^([\w\[\]\-\.]+)\s*(\+=|-=|=)\s*(.*)$', s); return m.group(1), m.group(2), m.group(3)
def ns(**kw):
    d = dict(np=np, Wxh=Wxh, Whh=Whh, Why=Why, bh=bh, by=by, xs=xs, hs=hs, ps=ps, ys=ys, targets=targets,
             inputs=inputs, t=t, hprev=hprev, vocab_size=V); d.update(kw); return d
# ---- code lines ----
for ln in range(1, len(L) + 1):
    s = L[ln - 1].split('#')[0].strip()
    if not s or s.startswith('print') or s.startswith('def ') or s.startswith('for ') or s.startswith('return'):
        continue
    if s.startswith('hs[-1]'):
        rec(ln, np.allclose(eval(rhs(ln)[2], ns()), np.zeros((H, 1)))); continue
    m = re.match(r'^(hs\[t\]|ys\[t\]|ps\[t\]|loss)\s*(\+=|=)\s*(.*)$', s)
    if s == 'loss = 0':
        continue
    if m:
        v = eval(m.group(3), ns())
        ref = {'hs[t]': hs[t], 'ys[t]': ys[t], 'ps[t]': ps[t], 'loss': losses[t]}[m.group(1)]
        rec(ln, np.allclose(v, ref)); continue
    if s == 'dy = np.copy(ps[t])':
        dy = eval('np.copy(ps[t])', ns()); exec(L[ln].split('#')[0].strip(), ns(dy=dy))
        rec(ln, np.allclose(dy, TR['dy'])); rec(ln + 1, np.allclose(dy, TR['dy'])); continue
    m = re.match(r'^(dWhy|dby|dh|dhraw|dWxh|dWhh|dbh|dhnext)\s*(\+=|=)\s*(.*)$', s)
    if m and 'zeros' not in s:
        nm = m.group(1)
        v = eval(m.group(3), ns(dy=TR['dy'], dh=TR['dh'], dhraw=TR['dhraw'], dhnext=TR['dhnext_in']))
        ref = {'dWhy': TR['dWhy'], 'dby': TR['dby'], 'dh': TR['dh'], 'dhraw': TR['dhraw'], 'dWxh': TR['dWxh'],
               'dWhh': TR['dWhh'], 'dbh': TR['dbh'], 'dhnext': TR['dhnext_out']}[nm]
        rec(ln, np.allclose(v, ref, atol=1e-6)); continue
    if s.startswith('dhnext = np.zeros_like'):
        # carry into the last step is zero
        # zero carry into the last step: total dL/dh_{T-1} is Why^T dy_{T-1} alone
        gl = fd(lambda e: fwd(PP, e_h={T - 1: e})[0], (H, 1))
        rec(ln, np.allclose(gl, Why.T @ (ps[T - 1] - oh(targets[T - 1])) + eval(rhs(ln)[2], ns()), atol=1e-6)); continue
# ---- LaTeX lines (checked numerically with the author's expression transcribed) ----
prior = np.full(V, 1 / V)
w = inputs                                     # a word xs_0..xs_n, model: P(xs_0)=prior, P(xs_i|prefix)=(ps_{i-1})_{xs_i}
cond = [prior[w[0]]] + [ps[i - 1][w[i], 0] for i in range(1, T)]
logPw = np.sum(np.log(cond)); n = T - 1
rec(9, np.isclose(-logPw, -np.log(np.prod(cond))))          # definition, sum over the one word
rec(19, np.isclose(-logPw, -np.log(np.prod(cond))))
rec(20, np.isclose(-np.log(np.prod(cond)), -logPw))
rec(21, np.isclose(-sum(np.log(cond[n] if i >= 1 else prior[w[n]]) for i in range(T)), -logPw))   # P(xs_n | xs_0..xs_{i-1})
rec(22, np.isclose(-sum(np.log(ps[i][w[i], 0]) for i in range(T)), -logPw))
rec(96, np.isclose(-sum(np.log(ps[i][w[i], 0]) for i in range(T)), -logPw))
rec(102, np.allclose(ps[t], np.exp(ys[t]) / np.exp(ys[t]).sum()))
rec(107, np.allclose(ps[t] - oh(targets[t]), TR['dy']))
rec(120, np.allclose(ys[t], Why @ hs[t] + by)); rec(161, np.allclose(ys[t], Why @ hs[t] + by))
rec(127, np.allclose(TR['dy'] @ hs[t].T, TR['dWhy'])); rec(128, np.allclose(TR['dy'] @ hs[t].T, TR['dWhy']))
rec(137, np.allclose(TR['dy'], TR['dby'])); rec(138, np.allclose(TR['dy'], TR['dby']))
J = Why   # dy/dh (Jacobian of y = Why h + by)
rec(168, np.allclose(J.T @ TR['dy'], TR['dh'], atol=1e-6))           # dL/dh through y only vs total dL/dh_t
rec(169, np.allclose(Why.T @ TR['dy'], J.T @ TR['dy']))               # equals the line above (upstream taken as right)
rec(191, np.allclose(hs[t], np.tanh(hr[t])))
rec(198, np.allclose(TR['dh'] * (1 - np.tanh(hr[t]) ** 2), TR['dhraw'], atol=1e-6))
a = rng.normal(size=5); rec(205, np.allclose((np.tanh(a + 1e-6) - np.tanh(a - 1e-6)) / 2e-6, 1 - np.tanh(a) ** 2))
rec(227, np.allclose(hr[t], Wxh @ xs[t] + Whh @ hs[t - 1] + bh))
for ln in (233, 234): rec(ln, np.allclose(TR['dhraw'] @ xs[t].T, TR['dWxh'], atol=1e-6))
for ln in (243, 244): rec(ln, np.allclose(TR['dhraw'] @ hs[t - 1].T, TR['dWhh'], atol=1e-6))   # h = previous state (line 227)
for ln in (253, 254): rec(ln, np.allclose(TR['dhraw'], TR['dbh'], atol=1e-6))
# sections 5: hs[4], hs[5] with T = 6
g4_total = fd(lambda e: fwd(PP, e_h={4: e})[0], (H, 1))
g4_L5 = fd(lambda e: fwd(PP, e_h={4: e})[5][5], (H, 1)); g4_L4 = fd(lambda e: fwd(PP, e_h={4: e})[5][4], (H, 1))
g5_L5 = fd(lambda e: fwd(PP, e_h={5: e})[5][5], (H, 1))
J54 = np.zeros((H, H))
for j in range(H):
    e = np.zeros((H, 1)); e[j] = 1e-6
    J54[:, j] = ((fwd(PP, e_h={4: e})[1][5] - fwd(PP, e_h={4: -e})[1][5]) / 2e-6).ravel()   # d hs[5] / d hs[4]
rec(330, np.allclose(g4_L5 + g4_L4, g4_total, atol=1e-6))
rec(360, np.allclose(g4_L5 + g4_L4, g4_total, atol=1e-6))
rec(361, np.allclose(J54 @ g4_L5 + g4_L4, g4_total, atol=1e-6) or np.allclose(J54.T @ g4_L5 + g4_L4, g4_total, atol=1e-6))
print('(correct form J^T dL5/dhs5 + dL4/dhs4 matches:', np.allclose(J54.T @ g5_L5 + g4_L4, g4_total, atol=1e-6), ')')
exp = json.load(open(os.path.join(HERE, 'expected.json')))[NAME]
bad = 0
for k in sorted(int(x) for x in exp):
    if k not in res:
        print(k, 'NOT CHECKED'); bad += 1; continue
    agree = res[k] == (exp[str(k)]['expected'] == 'pass')
    bad += not agree
    print(k, 'OK' if res[k] else 'MISMATCH', 'agrees' if agree else 'DISAGREES with expected.json')
extra = sorted(set(res) - {int(x) for x in exp})
if extra: print('checked but not annotated:', extra); bad += 1
print('ALL VERDICTS AGREE' if bad == 0 else f'{bad} PROBLEMS')
