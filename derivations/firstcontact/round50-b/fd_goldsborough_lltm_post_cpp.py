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
"""Finite-difference check of goldsborough_lltm_post_cpp.md (draft of the PyTorch C++-extension tutorial, LLTM cell).
The Python (torch) and C++ (ATen) lines are transcribed one by one into numpy with torch semantics
(F.linear(X, W, b) = X W^T + b, chunk = equal split, at::addmm(b, X, W^T), ELU with alpha = 1, Tensor.split(size) = chunks
of that size). Loss L = sum(grad_h * new_h) + sum(grad_cell * new_cell) with random grad_h, grad_cell (what autograd hands to
backward). Every quantity is compared with central differences of an independent implementation (perturbations injected at
named points). Batch B = 4, input_features I = 5 > state_size S = 3."""
NOTE = 'goldsborough_lltm_post_cpp.md'
text, lines = load_note(NOTE)
R = {}
def rec(L, ok):
    R.setdefault(L, []).append(bool(ok))
L_ = lambda snip, start=1: line_of(lines, snip, start)
rng = np.random.default_rng(3)
B, I, S = 4, 5, 3
EPS = 1e-6
sig = lambda a: 1 / (1 + np.exp(-a))
elu = lambda a: np.where(a > 0, a, np.exp(a) - 1)
W = rng.normal(size=(3 * S, I + S)) * 0.7; bias = rng.normal(size=3 * S) * 0.5
x = rng.normal(size=(B, I)); h0 = rng.normal(size=(B, S)); c0 = rng.normal(size=(B, S))
Gh = rng.normal(size=(B, S)); Gc = rng.normal(size=(B, S))
INJ = {}
def ref():
    g = lambda n, v: v + INJ[n] if n in INJ else v
    X = np.concatenate([h0, x], axis=1)
    a = g('a', X @ W.T + bias)
    ai, ao, ac = a[:, :S], a[:, S:2 * S], a[:, 2 * S:]
    i = g('i', sig(ai)); o = g('o', sig(ao)); cc = g('cc', elu(ac))
    c = g('c', c0 + cc * i)
    tc = g('tc', np.tanh(c))
    h = tc * o
    return float((Gh * h).sum() + (Gc * c).sum()), dict(X=X, a=a, i=i, o=o, cc=cc, c=c, h=h)
def dp(n, shape=(B, S)):
    INJ[n] = np.zeros(shape); r = fd_grad(lambda: ref()[0], INJ[n]); del INJ[n]; return r
f0 = lambda: ref()[0]
_, st = ref()
chunk3 = lambda T: np.split(T, 3, axis=1)
def torch_split(T, size):
    return [T[:, k:k + size] for k in range(0, T.shape[1], size)]

# ---------------- Python LLTM forward (torch)
LP = L_('class LLTM(torch.nn.Module):')
X = np.concatenate([h0, x], axis=1)                                   # torch.cat([old_h, input], dim=1)
rec(L_('X = torch.cat([old_h, input], dim=1)', LP), close(X, st['X']))
gate_weights = X @ W.T + bias                                          # F.linear(X, self.weights, self.bias)
rec(L_('gate_weights = F.linear(X, self.weights, self.bias)', LP), close(gate_weights, st['a']))
gates = chunk3(gate_weights)
rec(L_('gates = gate_weights.chunk(3, dim=1)', LP), all(close(p, q) for p, q in zip(gates, [st['a'][:, :S], st['a'][:, S:2*S], st['a'][:, 2*S:]])))
input_gate = sig(gates[0]); output_gate = sig(gates[1]); candidate_cell = elu(gates[2])
rec(L_('input_gate = F.sigmoid(gates[0])', LP), close(input_gate, st['i']))
rec(L_('output_gate = F.sigmoid(gates[1])', LP), close(output_gate, st['o']))
rec(L_('candidate_cell = F.elu(gates[2])', LP), close(candidate_cell, st['cc']))
new_cell = c0 + candidate_cell * input_gate
rec(L_('new_cell = old_cell + candidate_cell * input_gate', LP), close(new_cell, st['c']))
new_h = np.tanh(new_cell) * output_gate
rec(L_('new_h = F.tanh(new_cell) * output_gate', LP), close(new_h, st['h']))

# ---------------- C++ helpers
z = rng.normal(size=(3, 4)) * 1.5
s = sig(z)                                                             # auto s = at::sigmoid(z);
rec(L_('auto s = at::sigmoid(z);'), close(s, 1 / (1 + np.exp(-z))))
rec(L_('return (1 - s) * s;'), close((1 - s) * s, (sig(z + EPS) - sig(z - EPS)) / (2 * EPS)))
d_sigmoid = lambda zz: (1 - sig(zz)) * sig(zz)
rec(L_('return 1 - z.tanh().pow(2);'), close(1 - np.tanh(z) ** 2, (np.tanh(z + EPS) - np.tanh(z - EPS)) / (2 * EPS)))
d_tanh = lambda zz: 1 - np.tanh(zz) ** 2
alpha = 1.0
e = np.exp(z)                                                          # auto e = z.exp();
rec(L_('auto e = z.exp();'), close(e, np.exp(z)))
mask = (alpha * (e - 1)) < 0                                           # auto mask = (alpha * (e - 1)) < 0;
rec(L_('auto mask = (alpha * (e - 1)) < 0;'), np.array_equal(mask, z < 0))
d_elu_v = (z > 0).astype(float) + mask.astype(float) * (alpha * e)
rec(L_('return (z > 0).type_as(z) + mask.type_as(z) * (alpha * e);'), close(d_elu_v, (elu(z + EPS) - elu(z - EPS)) / (2 * EPS)))
d_elu = lambda zz: (zz > 0).astype(float) + ((alpha * (np.exp(zz) - 1)) < 0).astype(float) * (alpha * np.exp(zz))

# ---------------- C++ forward
LF = L_('std::vector<at::Tensor> lltm_forward(')
Xc = np.concatenate([h0, x], axis=1)
rec(L_('auto X = at::cat({old_h, input}, /*dim=*/1);', LF), close(Xc, st['X']))
gw = bias + Xc @ W.T                                                   # at::addmm(bias, X, weights.transpose(0, 1))
rec(L_('auto gate_weights = at::addmm(bias, X, weights.transpose(0, 1));', LF), close(gw, st['a']))
gs = chunk3(gw)
rec(L_('auto gates = gate_weights.chunk(3, /*dim=*/1);', LF), all(close(p, q) for p, q in zip(gs, gates)))
rec(L_('auto input_gate = at::sigmoid(gates[0]);', LF), close(sig(gs[0]), st['i']))
rec(L_('auto output_gate = at::sigmoid(gates[1]);', LF), close(sig(gs[1]), st['o']))
rec(L_('auto candidate_cell = at::elu(gates[2], /*alpha=*/1.0);', LF), close(elu(gs[2]), st['cc']))
rec(L_('auto new_cell = old_cell + candidate_cell * input_gate;', LF), close(c0 + elu(gs[2]) * sig(gs[0]), st['c']))
rec(L_('auto new_h = at::tanh(new_cell) * output_gate;', LF), close(np.tanh(st['c']) * sig(gs[1]), st['h']))

# ---------------- C++ backward (grad_h = Gh, grad_cell = Gc)
LB = L_('std::vector<at::Tensor> lltm_backward(')
grad_h, grad_cell = Gh, Gc
d_o_ref, d_tc_ref, d_c_ref, d_i_ref, d_cc_ref = dp('o'), dp('tc'), dp('c'), dp('i'), dp('cc')
d_a_ref = dp('a', (B, 3 * S))
d_output_gate = np.tanh(st['c']) * grad_h
rec(L_('auto d_output_gate = at::tanh(new_cell) * grad_h;', LB), close(d_output_gate, d_o_ref, 1e-5))
d_tanh_new_cell = st['o'] * grad_h
rec(L_('auto d_tanh_new_cell = output_gate * grad_h;', LB), close(d_tanh_new_cell, d_tc_ref, 1e-5))
d_new_cell = d_tanh(st['c']) * d_tanh_new_cell + grad_cell
rec(L_('auto d_new_cell = d_tanh(new_cell) * d_tanh_new_cell + grad_cell;', LB), close(d_new_cell, d_c_ref, 1e-5))
d_old_cell = d_new_cell
rec(L_('auto d_old_cell = d_new_cell;', LB), close(d_old_cell, fd_grad(f0, c0), 1e-5))
d_candidate_cell = st['i'] * d_new_cell
rec(L_('auto d_candidate_cell = input_gate * d_new_cell;', LB), close(d_candidate_cell, d_cc_ref, 1e-5))
d_input_gate = st['cc'] * d_new_cell
rec(L_('auto d_input_gate = candidate_cell * d_new_cell;', LB), close(d_input_gate, d_i_ref, 1e-5))
gb = chunk3(st['a'])
rec(L_('auto gates = gate_weights.chunk(3, /*dim=*/1);', LB), all(close(p, q) for p, q in zip(gb, chunk3(st['a']))))
d_input_gate = d_input_gate * d_sigmoid(gb[0])
rec(L_('d_input_gate *= d_sigmoid(gates[0]);', LB), close(d_input_gate, d_a_ref[:, :S], 1e-5))
d_output_gate = d_output_gate * d_sigmoid(gb[1])
rec(L_('d_output_gate *= d_sigmoid(gates[1]);', LB), close(d_output_gate, d_a_ref[:, S:2 * S], 1e-5))
d_candidate_cell = d_candidate_cell * d_elu(gb[2])
rec(L_('d_candidate_cell *= d_elu(gates[2]);', LB), close(d_candidate_cell, d_a_ref[:, 2 * S:], 1e-5))
d_gates = np.concatenate([d_input_gate, d_output_gate, d_candidate_cell], axis=1)
rec(L_('auto d_gates =', LB), close(d_gates, d_a_ref, 1e-5))
d_weights = d_gates.T @ st['X']
rec(L_('auto d_weights = d_gates.t().mm(X);', LB), close(d_weights, fd_grad(f0, W), 1e-5))
d_bias = d_gates.sum(axis=0, keepdims=True)                            # (1, 3S); autograd sums it to the (3S,) bias
rec(L_('auto d_bias = d_gates.sum(/*dim=*/0, /*keepdim=*/true);', LB), close_vals(d_bias, fd_grad(f0, bias), 1e-5))
d_X = torch_split(d_gates @ W, d_input_gate.shape[1])                   # .split(d_input_gate.size(1), dim=1)
gx, gh0 = fd_grad(f0, x), fd_grad(f0, h0)
ok_split = len(d_X) == 2 and close(d_X[0], gh0, 1e-5) and close(d_X[1], gx, 1e-5)
rec(L_('auto d_X = d_gates.mm(weights).split(d_input_gate.size(1), /*dim=*/1);', LB), ok_split)
print('informative: split gives %d chunks of widths %s for I = %d, S = %d; d_X[1] has shape %s, dL/dinput has shape %s'
      % (len(d_X), [c.shape[1] for c in d_X], I, S, d_X[1].shape, gx.shape))
print('informative: the fix of commit f45a255 (slice at state_size) agrees:', close((d_gates @ W)[:, S:], gx, 1e-5) and close((d_gates @ W)[:, :S], gh0, 1e-5))

expected_all = json.load(open(os.path.join(HERE, 'expected.json')))
sys.exit(1 if report(R, expected_all, NOTE) else 0)
