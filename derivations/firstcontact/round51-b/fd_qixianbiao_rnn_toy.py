"""Finite-difference check of OUTDIR/qixianbiao_rnn_toy.md (qixianbiao/RNN rnn.py, commit aac3746c).
Execs the author's code fence, runs forward() and backword() as the __main__ driver does (one sequence,
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
NAME = 'qixianbiao_rnn_toy.md'
text = open(os.path.join(HERE, NAME)).read()
lines = text.split('\n')
fence = lines.index('```python') + 1          # 0-based index of the fence line -> code line k is md line k+fence
OFF = fence
blocks = re.findall(r'```python\n(.*?)```', text, re.S)
ns = {}
code = compile(blocks[0], '<author>', 'exec')
exec(code, ns)
RNN, author_softmax = ns['RNN'], ns['sigmoid']
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

# ---------------- author's forward
states, output = model.forward(x)
record(md(code_line_of('x = (np.exp(x)+0.00000000001)')), close(author_softmax(st[0]['z']), softmax(st[0]['z']), 1e-9))
record(md(code_line_of('np.dot(self.Whh, self.h))')), close(states[0], st[0]['h']))
record(md(code_line_of('np.dot(self.Whh, states[i-1]))')), all(close(states[t], st[t]['h']) for t in range(1, T)))
record(md(code_line_of('ot = sigmoid(np.dot(self.Wyh, ht) + self.Byh)')), all(close(output[t], st[t]['o'], 1e-9) for t in range(T)))

# ---------------- author's backward, traced
events = []   # (lineno, locals snapshot) at every 'line'/'return' event of backword
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
loss_author, _ = model.backword(x, y, states, output, lr=0.001)
sys.settrace(None)

def after(cl):
    """locals right after each execution of code line cl (list over executions)."""
    return [events[k + 1][1] for k in range(len(events) - 1) if events[k][0] == cl]
def before(cl):
    return [events[k][1] for k in range(len(events)) if events[k][0] == cl]
def rhs(cl):
    s = lines[md(cl) - 1].strip()
    return re.split(r'\+=|-=|(?<![=!<>])=(?!=)', s, maxsplit=1)[1]
def eval_rhs(cl, env):
    e = dict(env); e['self'] = model_ref; e['np'] = np
    return eval(rhs(cl), ns, e)
class _R: pass
model_ref = _R()
for k, v in P0.items(): setattr(model_ref, k, v)

c = code_line_of('dL_T = np.dot( np.transpose(self.Wyh), output[-1]-y[:, -1])')
record(md(c), close(after(c)[0]['dL_T'], dLdh[T - 1]))
c = code_line_of('loss = np.sum(-y[:, -1]*np.log(output[-1]))')
record(md(c), close(after(c)[0]['loss'], -np.sum(y[:, -1] * np.log(st[-1]['o']))))
c = code_line_of('dL_ht = dL_T')
record(md(c), close(after(c)[0]['dL_ht'], dLdh[T - 1]))
ts = list(range(T - 2, -1, -1))        # the steps the author's loop visits
c = code_line_of('dQ = (output[t] - y[:, t])')
record(md(c), all(close(s['dQ'], dLdz[s['t']]) for s in after(c)))
c = code_line_of('DL_Qt = np.dot(np.transpose(self.Wyh), dQ)')
record(md(c), all(close(s['DL_Qt'], P0['Wyh'].T @ dLdz[s['t']]) for s in after(c)))
c = code_line_of('dy = (1 - h[t]*h[t])')
fd_tanh = lambda a: (np.tanh(a + EPS) - np.tanh(a - EPS)) / (2 * EPS)
record(md(c), all(close(s['dy'], fd_tanh(st[s['t']]['a'])) for s in after(c)))
c = code_line_of('dL_ht += np.dot(np.transpose(self.Wyh), dQ)')
record(md(c), all(close(s['dL_ht'], dLdh[s['t']]) for s in after(c)))
# step-local parameter contributions: increment at step t vs the reference contribution of step t
for snip, var, refc in [('D_Wyh += np.outer(dQ, h[t])', 'D_Wyh', lambda t: np.outer(dLdz[t], st[t]['h'])),
                        ('D_Byh += dQ', 'D_Byh', lambda t: dLdz[t])]:
    c = code_line_of(snip)
    record(md(c), all(close(a_[var] - b_[var], refc(a_['t'])) for a_, b_ in zip(after(c), before(c))))
# downstream lines judged locally: author's right-hand side with dL_ht := reference total dL/dh_t
for snip, refc in [('D_Wxh += np.outer(dy*dL_ht, x[:, t])', lambda t: np.outer(dLda[t], x[:, t])),
                   ('D_Bxh += dy*dL_ht', lambda t: dLda[t]),
                   ('D_Whh += np.outer(dy*dL_ht, h[t-1])', lambda t: np.outer(dLda[t], hprev[t])),
                   ('D_Bhh += dy*dL_ht', lambda t: np.zeros(H))]:
    c = code_line_of(snip)
    oks = []
    for b_ in before(c):
        env = dict(b_); env['dL_ht'] = dLdh[b_['t']]
        oks.append(close(eval_rhs(c, env), refc(b_['t'])))
    record(md(c), all(oks))
c = code_line_of('loss += np.sum(-y[:, t]*np.log(output[t]))')
record(md(c), all(close(a_['loss'] - b_['loss'], -np.sum(y[:, a_['t']] * np.log(st[a_['t']]['o'])))
                  for a_, b_ in zip(after(c), before(c))))
# the initial-state update uses dL_ht as the gradient of self.h
c = code_line_of('self.h -= lr*dL_ht/np.sqrt(dL_ht*dL_ht + 0.00000001)')
record(md(c), close(before(c)[0]['dL_ht'], dLdh0, 1e-5))

# informative
print('Bhh unused in forward: dL/dBhh = 0; author D_Bhh (before clipping/update) would be the sum of dy*dL_ht')
print('total loss author vs reference:', loss_author, L0)

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
