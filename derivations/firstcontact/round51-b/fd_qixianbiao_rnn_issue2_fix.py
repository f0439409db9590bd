"""Finite-difference check of OUTDIR/qixianbiao_rnn_issue2_fix.md (the backword proposed in issue #2 of
qixianbiao/RNN).  Execs rnn.py's code fence from qixianbiao_rnn_toy.md (class RNN, forward) and the issue's
fence (def backword), installs the latter as RNN.backword, runs forward() and backword() as the __main__ driver does (one sequence,
x and y of shape (dim, T), one-hot columns), records the author's local variables line by line with
sys.settrace, and compares every annotated line with central differences of an independent numpy
re-implementation of the same model:  a_t = Wxh x_t + Bxh + Whh h_{t-1} (Bhh is not in the forward),
h_t = tanh(a_t), o_t = softmax(Wyh h_t + Byh), L = sum_t -y_t . log o_t  (the loss the author accumulates
in backword).  NOTE: the author's forward uses Bxh only; Bhh is never used in forward() although backword()
updates it.  'Local' checks evaluate the author's right-hand side with the reference upstream value.
Prints per annotated line: line N: expected X, numeric Y.  Exit 0 only when all agree with expected.json."""
import json, os, re, sys, copy
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
NAME = 'qixianbiao_rnn_issue2_fix.md'
BASE = 'qixianbiao_rnn_toy.md'
text = open(os.path.join(HERE, NAME)).read()
lines = text.split('\n')
fence = lines.index('```python') + 1          # 0-based index of the fence line -> code line k is md line k+fence
OFF = fence
blocks = re.findall(r'```python\n(.*?)```', text, re.S)
ns = {}
base_text = open(os.path.join(HERE, BASE)).read()
exec(re.findall(r'```python\n(.*?)```', base_text, re.S)[0], ns)
exec(compile(blocks[0], '<author>', 'exec'), ns)
RNN = ns['RNN']; RNN.backword = ns['backword']
expected = json.load(open(os.path.join(HERE, 'expected.json')))[NAME]

def md(code_line):
    return code_line + OFF
def code_line_of(snippet, start=1):
    for i in range(start - 1, len(lines)):
        if snippet in lines[i]:
            return i + 1 - OFF
    raise KeyError(snippet)

results = {}
def record(md_line, ok):
    results.setdefault(md_line, []).append(bool(ok))
def close(a, b, tol=1e-6):
    a = np.asarray(a, float); b = np.asarray(b, float)
    return a.shape == b.shape and np.allclose(a, b, rtol=tol, atol=tol)

rng = np.random.default_rng(7)
I, H, O, T = 4, 3, 4, 5
EPS = 1e-6
model = RNN(I, H, O)
model.Wxh = rng.normal(size=(H, I)); model.Bxh = rng.normal(size=H) * 0.5
model.Whh = rng.normal(size=(H, H)) * 0.8; model.Bhh = rng.normal(size=H) * 0.5
model.Wyh = rng.normal(size=(O, H)); model.Byh = rng.normal(size=O) * 0.5
model.h = rng.normal(size=H) * 0.5
x = np.zeros((I, T)); y = np.zeros((O, T))
for t in range(T):
    x[rng.integers(I), t] = 1.0; y[rng.integers(O), t] = 1.0
P0 = {k: copy.deepcopy(getattr(model, k)) for k in ['Wxh', 'Bxh', 'Whh', 'Bhh', 'Wyh', 'Byh', 'h']}

# ---------------- independent reference
def softmax(z):
    e = np.exp(z - z.max()); return e / e.sum()
def ref(P, inj=None):
    def J(name, t, v):
        if inj is not None and inj[0] == name and inj[1] == t:
            v = v + inj[2]
        return v
    h = J('h0', -1, P['h'].copy()); L = 0.0; st = []
    for t in range(T):
        a = J('a', t, P['Wxh'] @ x[:, t] + P['Bxh'] + P['Whh'] @ h)
        h = J('h', t, np.tanh(a))
        z = J('z', t, P['Wyh'] @ h + P['Byh'])
        o = softmax(z)
        L += -np.sum(y[:, t] * np.log(o))
        st.append(dict(a=a, h=h, z=z, o=o))
    return L, st
def fd_point(name, t, n):
    g = np.zeros(n)
    for k in range(n):
        e = np.zeros(n); e[k] = EPS
        g[k] = (ref(P0, (name, t, e))[0] - ref(P0, (name, t, -e))[0]) / (2 * EPS)
    return g
L0, st = ref(P0)
dLda = [fd_point('a', t, H) for t in range(T)]
dLdh = [fd_point('h', t, H) for t in range(T)]      # total dL/dh_t
dLdz = [fd_point('z', t, O) for t in range(T)]
dLdh0 = fd_point('h0', -1, H)                        # gradient of the initial state self.h
hprev = [P0['h']] + [st[t]['h'] for t in range(T - 1)]

# ---------------- forward (rnn.py's, unchanged by the issue) and the backward, traced
states, output = model.forward(x)
assert all(close(states[t], st[t]['h']) for t in range(T))
events = []
def tracer(frame, event, arg):
    if frame.f_code.co_name != 'backword':
        return None
    def local(frame, event, arg):
        if event in ('line', 'return'):
            events.append((frame.f_lineno if event == 'line' else -1,
                           {k: copy.deepcopy(v) for k, v in frame.f_locals.items() if k != 'self'}))
        return local
    return local
sys.settrace(tracer)
model.backword(x, y, states, output, lr=0.001)
sys.settrace(None)
def after(cl):
    return [events[k + 1][1] for k in range(len(events) - 1) if events[k][0] == cl]
def before(cl):
    return [events[k][1] for k in range(len(events)) if events[k][0] == cl]
def rhs(cl):
    s = lines[md(cl) - 1].strip()
    return re.split(r'\+=|-=|(?<![=!<>])=(?!=)', s, maxsplit=1)[1]
class _R: pass
model_ref = _R()
for k, v in P0.items(): setattr(model_ref, k, v)
def eval_rhs(cl, env):
    e = dict(env); e['self'] = model_ref; e['np'] = np
    return eval(rhs(cl), ns, e)
fd_tanh = lambda a: (np.tanh(a + EPS) - np.tanh(a - EPS)) / (2 * EPS)

c = code_line_of('dQ = output[t] - y[:, t]')
record(md(c), all(close(s['dQ'], dLdz[s['t']]) for s in after(c)))
c = code_line_of('dL_ht = np.dot(np.transpose(self.Wyh), dQ)')
record(md(c), all(close(s['dL_ht'], dLdh[s['t']]) for s in after(c)))
c = code_line_of('dL_ht += np.dot(np.transpose(self.Wyh), dQ)')
record(md(c), all(close(s['dL_ht'], dLdh[s['t']]) for s in after(c)) and len(after(c)) == T - 1)
for snip, var, refc in [('D_Wyh += np.outer(dQ, h[t])', 'D_Wyh', lambda t: np.outer(dLdz[t], st[t]['h'])),
                        ('D_Byh += dQ', 'D_Byh', lambda t: dLdz[t])]:
    c = code_line_of(snip)
    record(md(c), len(after(c)) == T and all(close(a_[var] - b_[var], refc(a_['t'])) for a_, b_ in zip(after(c), before(c))))
c = code_line_of('dh = (1 - h[t]*h[t])')
record(md(c), all(close(s['dh'], fd_tanh(st[s['t']]['a'])) for s in after(c)))
c = code_line_of('dt=dh*dL_ht')
record(md(c), all(close(s['dt'], dLda[s['t']]) for s in after(c)))
# parameter lines judged locally: the author's right-hand side with dt := reference dL/da_t
for snip, refc in [('D_Wxh += np.outer(dt, x[:, t])', lambda t: np.outer(dLda[t], x[:, t])),
                   ('D_Bxh += dt', lambda t: dLda[t]),
                   ('D_Whh += np.outer(dt, h[t-1])', lambda t: np.outer(dLda[t], hprev[t])),
                   ('D_Bhh += dt', lambda t: np.zeros(H))]:
    c = code_line_of(snip)
    oks = []
    for b_ in before(c):
        env = dict(b_); env['dt'] = dLda[b_['t']]
        oks.append(close(eval_rhs(c, env), refc(b_['t'])))
    record(md(c), len(oks) == T and all(oks))
c = code_line_of('dL_ht=np.dot(np.transpose(self.Whh),dt)')
record(md(c), all(close(eval_rhs(c, dict(b_, dt=dLda[b_['t']])), P0['Whh'].T @ dLda[b_['t']]) and
                  close(P0['Whh'].T @ dLda[b_['t']] + (P0['Wyh'].T @ dLdz[b_['t'] - 1] if b_['t'] > 0 else 0),
                        dLdh[b_['t'] - 1] if b_['t'] > 0 else dLdh0, 1e-5)
                  for b_ in before(c)))
c = code_line_of('self.h -= lr*dL_ht')
record(md(c), close(before(c)[0]['dL_ht'], dLdh0, 1e-5))
# informative: end-to-end D_Whh of the code vs finite differences (differs only through t = 0)

bad = 0
for ln in sorted(set(list(results) + [int(k) for k in expected])):
    exp = expected.get(str(ln)); got = results.get(ln)
    if exp is None or got is None:
        print('line %d: MISMATCH (annotation/check missing)' % ln); bad += 1; continue
    num = 'pass' if all(got) else 'fail'
    ok = num == exp['expected']; bad += not ok
    print('line %d: expected %s, numeric %s%s' % (ln, exp['expected'], num, '' if ok else '  <-- MISMATCH'))
print('all verdicts agree' if bad == 0 else '%d disagreements' % bad)
sys.exit(1 if bad else 0)
