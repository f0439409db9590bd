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
"""Finite-difference check of goldsborough_lstm_np_cellmixup.md (lstm_np.py of goldsborough/pytorch-cpp-extension, initial commit).
Execs the author's definitions (up to the test driver), runs forward/backward as the file's own driver does (batch 1,
grad_wrt_output = [dL/dh_new, dL/dc_new] = [ones, zeros], backward gets the same old cell_state as forward), records each
statement with a line tracer and compares with central differences of an independent re-implementation.
Downstream lines are also judged 'locally': the author's expression is re-evaluated with the correct upstream value."""
NOTE = 'goldsborough_lstm_np_cellmixup.md'
text, lines = load_note(NOTE)
src = padded_code(lines)
Lcut = line_of(lines, 'from grad_check import gradient_check')
src_defs = '\n'.join(src.split('\n')[:Lcut - 1])
FN = '<' + NOTE + '>'
ns = {}
exec(compile(src_defs, FN, 'exec'), ns)
spans = stmt_spans(src_defs)
tr = Trace(FN)
R = {}
def rec(L, ok):
    R.setdefault(L, []).append(bool(ok))
L_ = lambda snip, start=1: line_of(lines, snip, start)
rng = np.random.default_rng(11)
sig = lambda a: 1 / (1 + np.exp(-a))
EPS = 1e-6
z = rng.normal(size=(2, 5)) * 1.5
rec(L_('return 1 / (1 + np.exp(-z))'), close(ns['sigmoid'](z), sig(z)))
rec(L_('return (1 - sigmoid(z)) * sigmoid(z)'), close(ns['dsigmoid'](z), (sig(z + EPS) - sig(z - EPS)) / (2 * EPS)))
rec(L_('return (np.exp(z) - np.exp(-z)) / (np.exp(z) + np.exp(-z))'), close(ns['tanh'](z), np.tanh(z)))
tr.run(ns['dtanh'], z)
rec(L_('t = tanh(z)'), close(tr.after(spans, L_('t = tanh(z)'), 't'), np.tanh(z)))
rec(L_('return 1 - (t * t)'), close(ns['dtanh'](z), (np.tanh(z + EPS) - np.tanh(z - EPS)) / (2 * EPS)))

B, I, S = 1, 4, 8   # the driver: input = np.ones([1, I]), I = 4, S = 8
lstm = ns['LSTM'](I, S); lstm.b[:] = rng.normal(size=4 * S) * 0.5
x = rng.normal(size=(B, I)); h0 = rng.normal(size=(B, S)); c0 = rng.normal(size=(B, S))
gh = np.ones(S); gc = rng.normal(size=S)       # grad_wrt_output = [dL/dh_new, dL/dc_new]; the driver uses gc = 0, a random one is stricter
INJ = {}
def ref():
    g = lambda n, v: v + INJ[n] if n in INJ else v
    X = np.concatenate([x, h0], axis=1)
    a = g('a', X @ lstm.W + lstm.b)
    ai, af, ao, ag = np.split(a, 4, axis=1)
    i = g('i', sig(ai)); f = g('f', sig(af)); o = g('o', sig(ao)); cg = g('g', np.tanh(ag))
    c = g('c', c0 * f + cg * i)
    tc = g('tc', np.tanh(c))
    h = tc * o
    return float((h * gh).sum() + (c * gc).sum()), dict(X=X, a=a, i=i, f=f, o=o, g=cg, c=c, h=h)
def dp(n, shape=(B, S)):
    INJ[n] = np.zeros(shape); r = fd_grad(lambda: ref()[0], INJ[n]); del INJ[n]; return r
_, st = ref()
hn = tr.run(lstm.forward, x, h0, c0)
A = lambda snip, var: tr.after(spans, L_(snip), var)
rec(L_('X = np.concatenate([input, hidden_state], axis=1)'), close(A('X = np.concatenate([input, hidden_state], axis=1)', 'X'), st['X']))
rec(L_('gates = X.dot(self.W) + self.b'), close(A('gates = X.dot(self.W) + self.b', 'gates'), st['a']))
rec(L_('gates = np.split(gates, 4, axis=1)'), all(close(p, q) for p, q in zip(A('gates = np.split(gates, 4, axis=1)', 'gates'), np.split(st['a'], 4, axis=1))))
for snip, var, key in [('input_gate = sigmoid(gates[0])', 'input_gate', 'i'), ('forget_gate = sigmoid(gates[1])', 'forget_gate', 'f'),
                       ('output_gate = sigmoid(gates[2])', 'output_gate', 'o'), ('candidate_cell = tanh(gates[3])', 'candidate_cell', 'g')]:
    rec(L_(snip), close(A(snip, var), st[key]))
rec(L_('new_cell_state = cell_state * forget_gate'), close(A('new_cell_state = cell_state * forget_gate', 'new_cell_state'), c0 * st['f']))
rec(L_('new_cell_state += candidate_cell * input_gate'), close(A('new_cell_state += candidate_cell * input_gate', 'new_cell_state'), st['c']))
rec(L_('new_hidden_state = tanh(new_cell_state) * output_gate'), close(hn, st['h']))

d_h = tr.run(lstm.backward, x, h0, c0, [gh, gc])
d_a = dp('a', (B, 4 * S)); dai, daf, dao, dag = np.split(d_a, 4, axis=1)
d_o, d_tc, d_c, d_f, d_g, d_i = dp('o'), dp('tc'), dp('c'), dp('f'), dp('g'), dp('i')
cache = lstm.cache
# line by line: end-to-end value of the author's statement, and the statement re-evaluated with correct upstream values
rec(L_("d_g_o = tanh(self.cache['C']) * grad_wrt_output[0]"), close(A("d_g_o = tanh(self.cache['C']) * grad_wrt_output[0]", 'd_g_o'), d_o, 1e-5))
rec(L_("d_tanh_c = self.cache['g_o'] * grad_wrt_output[0]"), close(A("d_tanh_c = self.cache['g_o'] * grad_wrt_output[0]", 'd_tanh_c'), d_tc, 1e-5))
# d_new_c with the correct d_tanh_c
rec(L_('d_new_c = dtanh(cell_state) * d_tanh_c + grad_wrt_output[1]'), close(ns['dtanh'](c0) * d_tc + gc, d_c, 1e-5))
print('informative: end-to-end d_new_c equals dL/dc_new:', close(A('d_new_c = dtanh(cell_state) * d_tanh_c + grad_wrt_output[1]', 'd_new_c'), d_c, 1e-5))
# local checks with the correct d_new_c
rec(L_("d_c_old = self.cache['g_f'] * d_new_c"), close(cache['g_f'] * d_c, fd_grad(lambda: ref()[0], c0), 1e-5))
rec(L_("d_g_f = self.cache['C'] * d_new_c"), close(cache['C'] * d_c, d_f, 1e-5))
rec(L_("d_cand = self.cache['g_i'] * d_new_c"), close(cache['g_i'] * d_c, d_g, 1e-5))
rec(L_("d_g_i = self.cache['c_new'] * d_new_c"), close(cache['c_new'] * d_c, d_i, 1e-5))
G = cache['gates']
rec(L_("d_g_c = dtanh(self.cache['gates'][3]) * d_cand"), close(ns['dtanh'](G[3]) * d_g, dag, 1e-5))
rec(L_("d_g_o = dsigmoid(self.cache['gates'][2]) * d_g_o"), close(ns['dsigmoid'](G[2]) * d_o, dao, 1e-5))
rec(L_("d_g_f = dsigmoid(self.cache['gates'][1]) * d_g_f"), close(ns['dsigmoid'](G[1]) * d_f, daf, 1e-5))
rec(L_("d_g_i = dsigmoid(self.cache['gates'][0]) * d_g_i"), close(ns['dsigmoid'](G[0]) * d_i, dai, 1e-5))
rec(L_('d_gates = np.concatenate([d_g_i, d_g_f, d_g_o, d_g_c], axis=1)'), close(np.concatenate([dai, daf, dao, dag], axis=1), d_a, 1e-5))
rec(L_("X = np.concatenate([input, self.cache['h']], axis=1)", L_('def backward')), close(A("X = np.concatenate([input, self.cache['h']], axis=1)", 'X'), st['X']))
rec(L_("self.gradients['b'] = d_gates"), close_vals(d_a, fd_grad(lambda: ref()[0], lstm.b), 1e-5))
rec(L_("self.gradients['W'] = X.T.dot(d_gates)"), close(st['X'].T @ d_a, fd_grad(lambda: ref()[0], lstm.W), 1e-5))
dX = d_a @ lstm.W.T
rec(L_('d_X = d_gates.dot(self.W.T)'), close(dX, np.concatenate([fd_grad(lambda: ref()[0], x), fd_grad(lambda: ref()[0], h0)], axis=1), 1e-5))
di_, dh_ = np.split(dX, [x.shape[1]], axis=1)
rec(L_('d_input, d_h = np.split(d_X, [input.shape[1]], axis=1)'), close(di_, fd_grad(lambda: ref()[0], x), 1e-5) and close(dh_, fd_grad(lambda: ref()[0], h0), 1e-5))
print('informative: the returned d_h (end to end) equals dL/dh_prev:', close(d_h, fd_grad(lambda: ref()[0], h0), 1e-5))

expected_all = json.load(open(os.path.join(HERE, 'expected.json')))
sys.exit(1 if report(R, expected_all, NOTE) else 0)
