# ---------------------------------------------------------------- common helpers (numpy only)
import ast, copy, json, os, re, sys
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))

def load_note(name):
    text = open(os.path.join(HERE, name)).read()
    return text, text.split('\n')

def padded_code(lines, fence_start='```python'):
    """Source whose line i is md line i for lines inside ```python fences, blank elsewhere."""
    out, inside = [], False
    for ln in lines:
        if not inside and ln.strip() == fence_start:
            inside = True; out.append(''); continue
        if inside and ln.strip() == '```':
            inside = False; out.append(''); continue
        out.append(ln if inside else '')
    return '\n'.join(out)

def line_of(lines, snippet, start=1):
    for i in range(start - 1, len(lines)):
        if snippet in lines[i]:
            return i + 1
    raise KeyError(snippet)

def stmt_spans(src):
    spans = {}
    for node in ast.walk(ast.parse(src)):
        if isinstance(node, ast.stmt):
            spans.setdefault(node.lineno, node.end_lineno)
    return spans

class Trace:
    """Records (line, locals) at every line/return event of code compiled under filename FN."""
    def __init__(self, fn):
        self.fn, self.events = fn, []
    def _t(self, frame, event, arg):
        if frame.f_code.co_filename != self.fn:
            return None
        if event in ('line', 'return'):
            loc = {k: copy.deepcopy(v) for k, v in frame.f_locals.items() if k != 'self'}
            self.events.append((frame.f_lineno, event, loc, id(frame)))
        return self._t
    def run(self, f, *a, **k):
        self.events = []
        sys.settrace(self._t)
        try:
            return f(*a, **k)
        finally:
            sys.settrace(None)
    def after(self, spans, L, var, occurrence=0):
        """Value of var right after the statement that starts on line L finished (occurrence-th execution)."""
        end = spans[L]
        seen = -1
        for i, (ln, ev, loc, fid) in enumerate(self.events):
            if ln == L and ev == 'line':
                seen += 1
                if seen != occurrence:
                    continue
                for ln2, ev2, loc2, fid2 in self.events[i + 1:]:
                    if fid2 == fid and (ev2 == 'return' or not (L <= ln2 <= end)):
                        return loc2[var]
        raise KeyError((L, var))

def close(a, b, tol=1e-6):
    a = np.asarray(a, float); b = np.asarray(b, float)
    return a.shape == b.shape and np.allclose(a, b, rtol=tol, atol=tol)

def close_vals(a, b, tol=1e-6):
    """Same numbers in the same (row-major) order, shapes allowed to differ by singleton axes / transposition of a vector."""
    a = np.asarray(a, float); b = np.asarray(b, float)
    return a.size == b.size and np.allclose(a.ravel(), b.ravel(), rtol=tol, atol=tol)

def fd_grad(f, x, eps=1e-6):
    """Central differences of scalar f() w.r.t. array x (modified in place and restored)."""
    g = np.zeros_like(x, dtype=float)
    for idx in np.ndindex(*x.shape):
        old = x[idx]
        x[idx] = old + eps; fp = f()
        x[idx] = old - eps; fm = f()
        x[idx] = old
        g[idx] = (fp - fm) / (2 * eps)
    return g

def report(results, expected_all, note):
    expected = expected_all[note]
    bad = 0
    for ln in sorted(set(list(results) + [int(k) for k in expected])):
        exp = expected.get(str(ln))
        got = results.get(ln)
        if exp is None or got is None:
            print('line %d: MISSING (annotation %s, check %s)' % (ln, exp is not None, got is not None)); bad += 1; continue
        numeric = 'pass' if all(got) else 'fail'
        ok = numeric == exp['expected']
        bad += not ok
        print('line %d: expected %s, numeric %s%s' % (ln, exp['expected'], numeric, '' if ok else '   <-- DISAGREES'))
    print('%s: %d annotated lines, %s' % (note, len(expected), 'all verdicts agree' if bad == 0 else '%d disagreements' % bad))
    return bad
# ---------------------------------------------------------------- end of helpers
"""Finite-difference check of goldsborough_rnn_np_lstm_gru.md (rnn_np.py of goldsborough/pytorch-cpp-extension, initial commit).
Execs the author's definitions (the fence up to check_weights), runs each cell's forward and backward the way the author's
checkers do (batch 1, loss = new_h.sum(), d_output = 1), records every annotated statement's value with a line tracer, and
compares it with central differences of an independent numpy re-implementation with perturbations injected at named points."""
NOTE = 'goldsborough_rnn_np_lstm_gru.md'
text, lines = load_note(NOTE)
src = padded_code(lines)
Lcut = line_of(lines, 'def check_weights(rnn, inputs, D):')
src_defs = '\n'.join(src.split('\n')[:Lcut - 1])
FN = '<' + NOTE + '>'
ns = {}
exec(compile(src_defs, FN, 'exec'), ns)
spans = stmt_spans(src_defs)
tr = Trace(FN)
R = {}
def rec(L, ok):
    R.setdefault(L, []).append(bool(ok))
def L_(snip, start=1):
    return line_of(lines, snip, start)

rng = np.random.default_rng(5)
sig = lambda a: 1 / (1 + np.exp(-a))
EPS = 1e-6

# ------------------------------------------------ activation helpers
z = rng.normal(size=(2, 5)) * 1.5
tr.run(ns['d_sigmoid'], z); ev_s = tr
rec(L_('return 1 / (1 + np.exp(-z))'), close(ns['sigmoid'](z), sig(z)))
rec(L_('s = sigmoid(z)'), close(tr.after(spans, L_('s = sigmoid(z)'), 's'), sig(z)))
fds = (sig(z + EPS) - sig(z - EPS)) / (2 * EPS)
rec(L_('return (1 - s) * s'), close(ns['d_sigmoid'](z), fds))
rec(L_('return (np.exp(z) - np.exp(-z)) / (np.exp(z) + np.exp(-z))'), close(ns['tanh'](z), np.tanh(z)))
tr.run(ns['d_tanh'], z)
rec(L_('t = tanh(z)'), close(tr.after(spans, L_('t = tanh(z)'), 't'), np.tanh(z)))
fdt = (np.tanh(z + EPS) - np.tanh(z - EPS)) / (2 * EPS)
rec(L_('return 1 - (t * t)'), close(ns['d_tanh'](z), fdt))

B, I, S = 1, 5, 4          # the author's main(): B = 1
x = rng.normal(size=(B, I)); h0 = rng.normal(size=(B, S)); c0 = rng.normal(size=(B, S))
d_out = np.float64(1.0)    # np.ones_like(num) of a scalar loss

# ------------------------------------------------ RNN
LR = L_('class RNN(object):')
rnn = ns['RNN'](I, S); rnn.b[:] = rng.normal(size=S)
def rnn_ref(inj=None, x=x, h0=h0):
    X = np.concatenate([x, h0], axis=1)
    zz = X @ rnn.W + rnn.b
    if inj is not None: zz = zz + inj
    return np.tanh(zz).sum()
Lval = tr.run(rnn.forward, x, h0)
Xr = np.concatenate([x, h0], axis=1)
rec(L_('X = np.concatenate([input, previous_h], axis=1)', LR), close(tr.after(spans, L_('X = np.concatenate([input, previous_h], axis=1)', LR), 'X'), Xr))
rec(L_('z = X.dot(self.W) + self.b', LR), close(tr.after(spans, L_('z = X.dot(self.W) + self.b', LR), 'z'), Xr @ rnn.W + rnn.b))
rec(L_('h = tanh(z)', LR), close(tr.after(spans, L_('h = tanh(z)', LR), 'h'), np.tanh(Xr @ rnn.W + rnn.b)))
rec(L_('return h.sum()', LR), np.isclose(Lval, rnn_ref()))
tr.run(rnn.backward, d_out)
dz_ref = fd_grad(lambda: rnn_ref(inj=dzv), dzv := np.zeros((B, S)))
rec(L_("d_z = d_tanh(self.cache['z']) * d_output", LR), close(tr.after(spans, L_("d_z = d_tanh(self.cache['z']) * d_output", LR), 'd_z'), dz_ref))
grads = rnn.backward(d_out)
rec(L_('d_b = d_z', LR), close_vals(grads[1], fd_grad(rnn_ref, rnn.b)))
rec(L_("d_W = self.cache['X'].T.dot(d_z)", LR), close(grads[0], fd_grad(rnn_ref, rnn.W)))

# ------------------------------------------------ LSTM  (forward(input, old_cell, old_h))
LL = L_('class LSTM(object):')
lstm = ns['LSTM'](I, S); lstm.b[:] = rng.normal(size=(1, 4 * S))
INJ = {}
def lstm_ref(x=x, c0=c0, h0=h0):
    g = lambda name, v: v + INJ[name] if name in INJ else v
    X = np.concatenate([h0, x], axis=1)
    a = g('gates', X @ lstm.W + lstm.b)
    ai, af, ao, ac = np.split(a, 4, axis=1)
    i = g('i', sig(ai)); f = g('f', sig(af)); o = g('o', sig(ao)); cand = g('cand', np.tanh(ac))
    c = g('c', c0 * f + cand * i)
    tc = g('tc', np.tanh(c))
    return (tc * o).sum(), dict(X=X, a=a, i=i, f=f, o=o, cand=cand, c=c, h=tc * o)
def dpoint(name, shape, f=lambda: lstm_ref()[0]):
    INJ[name] = np.zeros(shape)
    g = fd_grad(f, INJ[name]); del INJ[name]; return g
Lv = tr.run(lstm.forward, x, c0, h0)
_, st = lstm_ref()
A = lambda snip, var: tr.after(spans, L_(snip, LL), var)
rec(L_('X = np.concatenate([old_h, input], axis=1)', LL), close(A('X = np.concatenate([old_h, input], axis=1)', 'X'), st['X']))
rec(L_('gates = X.dot(self.W) + self.b', LL), close(A('gates = X.dot(self.W) + self.b', 'gates'), st['a']))
rec(L_('gates = np.split(gates, 4, axis=1)', LL), all(close(p, q) for p, q in zip(A('gates = np.split(gates, 4, axis=1)', 'gates'), np.split(st['a'], 4, axis=1))))
for snip, var, key in [('input_gate = sigmoid(gates[0])', 'input_gate', 'i'), ('forget_gate = sigmoid(gates[1])', 'forget_gate', 'f'),
                       ('output_gate = sigmoid(gates[2])', 'output_gate', 'o'), ('candidate_cell = tanh(gates[3])', 'candidate_cell', 'cand'),
                       ('new_cell = old_cell * forget_gate + candidate_cell * input_gate', 'new_cell', 'c'),
                       ('new_h = tanh(new_cell) * output_gate', 'new_h', 'h')]:
    rec(L_(snip, LL), close(A(snip, var), st[key]))
rec(L_('return new_h.sum()', LL), np.isclose(Lv, lstm_ref()[0]))
out = tr.run(lstm.backward, d_out)
d_gates_ref = dpoint('gates', (B, 4 * S))
dgi, dgf, dgo, dgc = np.split(d_gates_ref, 4, axis=1)
for snip, var, ref in [("d_output_gate = tanh(self.cache['new_cell']) * d_output", 'd_output_gate', dpoint('o', (B, S))),
                       ("d_tanh_new_cell = self.cache['output_gate'] * d_output", 'd_tanh_new_cell', dpoint('tc', (B, S))),
                       ("d_new_cell = d_tanh(self.cache['new_cell']) * d_tanh_new_cell", 'd_new_cell', dpoint('c', (B, S))),
                       ("d_forget_gate = self.cache['old_cell'] * d_new_cell", 'd_forget_gate', dpoint('f', (B, S))),
                       ("d_candidate_cell = self.cache['input_gate'] * d_new_cell", 'd_candidate_cell', dpoint('cand', (B, S))),
                       ("d_input_gate = self.cache['candidate_cell'] * d_new_cell", 'd_input_gate', dpoint('i', (B, S))),
                       ("d_input_gate *= d_sigmoid(self.cache['gates'][0])", 'd_input_gate', dgi),
                       ("d_forget_gate *= d_sigmoid(self.cache['gates'][1])", 'd_forget_gate', dgf),
                       ("d_output_gate *= d_sigmoid(self.cache['gates'][2])", 'd_output_gate', dgo),
                       ("d_candidate_cell *= d_tanh(self.cache['gates'][3])", 'd_candidate_cell', dgc),
                       ("d_gates = np.concatenate(", 'd_gates', d_gates_ref)]:
    rec(L_(snip, LL), close(A(snip, var), ref, 1e-5))
# d_X = W d_gates^T : the transpose of dL/dX, X = [old_h, input]
gx = fd_grad(lambda: lstm_ref()[0], x); gh = fd_grad(lambda: lstm_ref()[0], h0)
rec(L_('d_X = self.W.dot(d_gates.T)', LL), close(A('d_X = self.W.dot(d_gates.T)', 'd_X'), np.concatenate([gh, gx], axis=1).T, 1e-5))
rec(L_('d_input = np.split(d_X, [d_input_gate.size], axis=0)[1]', LL), close_vals(out[0], gx, 1e-5))
rec(L_("d_W = self.cache['X'].T.dot(d_gates)", LL), close(out[1], fd_grad(lambda: lstm_ref()[0], lstm.W), 1e-5))
rec(L_('d_b = d_gates', LL), close(out[2], fd_grad(lambda: lstm_ref()[0], lstm.b), 1e-5))

# ------------------------------------------------ GRU
LG = L_('class GRU(object):')
gru = ns['GRU'](I, S)
gru.b_input[:] = rng.normal(size=(1, 3 * S)); gru.b_state[:] = rng.normal(size=(1, 3 * S))
def gru_ref():
    g = lambda name, v: v + INJ[name] if name in INJ else v
    ig = g('ig', x @ gru.W_input + gru.b_input); sg = g('sg', h0 @ gru.W_state + gru.b_state)
    ir, iu, inn = np.split(ig, 3, axis=1); sr, su, sn = np.split(sg, 3, axis=1)
    zr = g('zr', ir + sr); r = g('r', sig(zr))
    zu = g('zu', iu + su); u = g('u', sig(zu))
    zc = g('zc', inn + r * sn); cand = g('cand', np.tanh(zc))
    hn = u * cand + (1 - u) * h0
    return hn.sum(), dict(ig=ig, sg=sg, zr=zr, r=r, zu=zu, u=u, zc=zc, cand=cand, h=hn)
Lv = tr.run(gru.forward, x, h0)
_, st = gru_ref()
A = lambda snip, var: tr.after(spans, L_(snip, LG), var)
rec(L_('input_gates = input.dot(self.W_input) + self.b_input', LG), close(A('input_gates = input.dot(self.W_input) + self.b_input', 'input_gates'), st['ig']))
rec(L_('state_gates = old_h.dot(self.W_state) + self.b_state', LG), close(A('state_gates = old_h.dot(self.W_state) + self.b_state', 'state_gates'), st['sg']))
rec(L_('input_gates = np.split(input_gates, 3, axis=1)', LG), all(close(p, q) for p, q in zip(A('input_gates = np.split(input_gates, 3, axis=1)', 'input_gates'), np.split(st['ig'], 3, axis=1))))
rec(L_('state_gates = np.split(state_gates, 3, axis=1)', LG), all(close(p, q) for p, q in zip(A('state_gates = np.split(state_gates, 3, axis=1)', 'state_gates'), np.split(st['sg'], 3, axis=1))))
for snip, var, key in [('z_reset = input_gates[0] + state_gates[0]', 'z_reset', 'zr'), ('reset_gate = sigmoid(z_reset)', 'reset_gate', 'r'),
                       ('z_update = input_gates[1] + state_gates[1]', 'z_update', 'zu'), ('update_gate = sigmoid(z_update)', 'update_gate', 'u'),
                       ('z_candidate = input_gates[2] + reset_gate * state_gates[2]', 'z_candidate', 'zc'),
                       ('candidate_h = tanh(z_candidate)', 'candidate_h', 'cand'),
                       ('new_h = update_gate * (candidate_h - old_h) + old_h', 'new_h', 'h')]:
    rec(L_(snip, LG), close(A(snip, var), st[key]))
rec(L_('return new_h.sum()', LG), np.isclose(Lv, gru_ref()[0]))
out = tr.run(gru.backward, d_out)
f0 = lambda: gru_ref()[0]
def dp(name, shape):
    INJ[name] = np.zeros(shape); g = fd_grad(f0, INJ[name]); del INJ[name]; return g
d_ig = dp('ig', (B, 3 * S)); d_sg = dp('sg', (B, 3 * S))
d_ig3 = np.split(d_ig, 3, axis=1); d_sg3 = np.split(d_sg, 3, axis=1)
d_u = dp('u', (B, S))
for snip, var, ref, row in [("d_candidate_h = self.cache['update_gate'] * d_output", 'd_candidate_h', dp('cand', (B, S)), None),
                            ("d_update_gate = self.cache['candidate_h'] - self.cache['old_h']", 'd_update_gate', d_u, None),
                            ('d_update_gate *= d_output', 'd_update_gate', d_u, None),
                            ("d_z_candidate = d_tanh(self.cache['z_candidate']) * d_candidate_h", 'd_z_candidate', dp('zc', (B, S)), None),
                            ("d_reset_gate = self.cache['state_gates'][2] * d_z_candidate", 'd_reset_gate', dp('r', (B, S)), None),
                            ("d_state_gates[2] = self.cache['reset_gate'] * d_z_candidate", 'd_state_gates', d_sg3[2], 2),
                            ('d_input_gates[2] = d_z_candidate', 'd_input_gates', d_ig3[2], 2),
                            ("d_update_gate *= d_sigmoid(self.cache['z_update'])", 'd_update_gate', dp('zu', (B, S)), None),
                            ('d_input_gates[1] = d_update_gate', 'd_input_gates', d_ig3[1], 1),
                            ('d_state_gates[1] = d_update_gate', 'd_state_gates', d_sg3[1], 1),
                            ("d_reset_gate *= d_sigmoid(self.cache['z_reset'])", 'd_reset_gate', dp('zr', (B, S)), None),
                            ('d_input_gates[0] = d_reset_gate', 'd_input_gates', d_ig3[0], 0),
                            ('d_state_gates[0] = d_reset_gate', 'd_state_gates', d_sg3[0], 0),
                            ('d_input_gates = d_input_gates.reshape(1, -1)', 'd_input_gates', d_ig, None),
                            ('d_state_gates = d_state_gates.reshape(1, -1)', 'd_state_gates', d_sg, None)]:
    v = A(snip, var)
    if row is not None:
        v = v[row]
    rec(L_(snip, LG), close_vals(v, ref, 1e-5))
rec(L_("d_W_input = self.cache['input'].T.dot(d_input_gates)", LG), close(out[0], fd_grad(f0, gru.W_input), 1e-5))
rec(L_("d_W_state = self.cache['old_h'].T.dot(d_state_gates)", LG), close(out[1], fd_grad(f0, gru.W_state), 1e-5))
rec(L_('d_b_input = d_input_gates', LG), close(out[2], fd_grad(f0, gru.b_input), 1e-5))
rec(L_('d_b_state = d_state_gates', LG), close(out[3], fd_grad(f0, gru.b_state), 1e-5))

expected_all = json.load(open(os.path.join(HERE, 'expected.json')))
sys.exit(1 if report(R, expected_all, NOTE) else 0)
