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
"""Finite-difference check of matdl_lstm_matlab.md (QuantumLiu/matDL, CPU LSTM layer, MATLAB).
Each annotated MATLAB statement is transcribed into numpy with the author's own indexing (arrays [batch, columns, time],
1-based ranges r_x, r_h, r_f, r_i, r_o, r_tc turned into 0-based slices; xh initialised with ones as in lstm_init_cpu).
Driver: return_sequence = 1, the layer above hands e = dL/dh(t) for every t; here L = sum(G .* h) with random G.
Reference: an independent LSTM with h0 = 0, c0 = 0 (what lstm_ff computes at t = 1) and central differences with
perturbations injected at named points. Backward lines are judged locally: the author's statement is evaluated with the
correct (reference) upstream quantities and compared with the finite-difference value of what it claims to compute."""
NOTE = 'matdl_lstm_matlab.md'
text, lines = load_note(NOTE)
R = {}
def rec(L, ok):
    R.setdefault(L, []).append(bool(ok))
L_ = lambda snip, start=1: line_of(lines, snip, start)
rng = np.random.default_rng(7)
EPS = 1e-6
Bt, dim, H, T = 2, 3, 2, 4
sig = lambda a: 1. / (1 + np.exp(-a))
act_sig = lambda x: 1. / (1 + np.exp(-x))          # act.m 'sigmoid'
act_tanh = np.tanh                                  # act.m 'tanh'
dact_sig = lambda y: y * (1 - y)                    # dact.m 'sigmoid'
dact_tanh = lambda y: 1 - y ** 2                    # dact.m 'tanh'
wd = dim + 1 + H
rx = np.arange(0, dim + 1); rx_in = np.arange(0, dim); rh = np.arange(dim + 1, dim + 1 + H)
rf = np.arange(0, H); ri = np.arange(H, 2 * H); ro = np.arange(2 * H, 3 * H); rtc = np.arange(3 * H, 4 * H); rifo = np.arange(0, 3 * H)
W = (rng.random((wd, 4 * H)) - 0.5) * 2.0
x = rng.normal(size=(Bt, dim, T))
G = rng.normal(size=(Bt, H, T))

# ---------------- activations
z = rng.normal(size=(3, 4)) * 1.5
rec(L_('y = 1./(1+exp(-x));'), close(act_sig(z), sig(z)))
rec(L_('y=tanh(x);'), close(act_tanh(z), np.tanh(z)))
rec(L_('dx = y .* (1 - y);'), close(dact_sig(sig(z)), (sig(z + EPS) - sig(z - EPS)) / (2 * EPS)))
rec(L_('dx=1-y.^2;'), close(dact_tanh(np.tanh(z)), (np.tanh(z + EPS) - np.tanh(z - EPS)) / (2 * EPS)))

# ---------------- reference LSTM (h0 = c0 = 0), row vectors, a_t = [x_t, 1, h_{t-1}] W
INJ = {}
def ref(Wm=None, xx=None):
    Wm = W if Wm is None else Wm; xx = x if xx is None else xx
    g = lambda n, t, v: v + INJ[(n, t)] if (n, t) in INJ else v
    h = np.zeros((Bt, H)); c = np.zeros((Bt, H)); st = []
    Lsum = 0.0
    for t in range(T):
        xt = np.concatenate([xx[:, :, t], np.ones((Bt, 1)), h], axis=1)
        a = g('a', t, xt @ Wm)
        b = np.concatenate([sig(a[:, :3 * H]), np.tanh(a[:, 3 * H:])], axis=1)
        b = g('b', t, b)
        c = g('c', t, b[:, rf] * c + b[:, ri] * b[:, rtc])
        tc = np.tanh(c)
        h = g('h', t, tc * b[:, ro])
        st.append(dict(a=a, b=b, c=c, tc=tc, h=h, xt=xt))
        Lsum += (G[:, :, t] * h).sum()
    return Lsum, st
L0, st = ref()
def dp(n, t, shape):
    INJ[(n, t)] = np.zeros(shape); r = fd_grad(lambda: ref()[0], INJ[(n, t)]); del INJ[(n, t)]; return r
dA = [dp('a', t, (Bt, 4 * H)) for t in range(T)]
dBg = [dp('b', t, (Bt, 4 * H)) for t in range(T)]
dC = [dp('c', t, (Bt, H)) for t in range(T)]
dHh = [dp('h', t, (Bt, H)) for t in range(T)]

# ---------------- lstm_ff as written (0-based time index k = t-1)
xh = np.ones((Bt, wd, T + 1))                                       # lstm_init_cpu: xh = ones(...)
xh[:, rx_in, :T] = x                                                # layer.xh(:,r_x(1:end-1),1:end-1)=prelayer
maX = np.stack([xh[:, rx, k] @ W[rx, :] for k in range(T)], axis=2) # mult_3d(xh(:,r_x,1:end-1), W(r_x,:))
ma = np.zeros((Bt, 4 * H, T)); mb = np.zeros_like(ma); sc = np.zeros((Bt, H, T)); bc = np.zeros_like(sc)
ma[:, :, 0] = maX[:, :, 0]
mb[:, rifo, 0] = act_sig(ma[:, rifo, 0]); mb[:, rtc, 0] = act_tanh(ma[:, rtc, 0])
sc[:, :, 0] = mb[:, ri, 0] * mb[:, rtc, 0]
bc[:, :, 0] = act_tanh(sc[:, :, 0])
xh[:, rh, 1] = bc[:, :, 0] * mb[:, ro, 0]
for k in range(1, T):
    ma[:, :, k] = maX[:, :, k] + xh[:, rh, k] @ W[rh, :]
    mb[:, rifo, k] = act_sig(ma[:, rifo, k]); mb[:, rtc, k] = act_tanh(ma[:, rtc, k])
    sc[:, :, k] = sc[:, :, k - 1] * mb[:, rf, k] + mb[:, ri, k] * mb[:, rtc, k]
    bc[:, :, k] = act_tanh(sc[:, :, k])
    xh[:, rh, k + 1] = bc[:, :, k] * mb[:, ro, k]
output_seq = xh[:, rh, 1:]
output_last = xh[:, rh, 0]                                          # sq(layer.xh(:,r_h,1))
LF = L_('function layer=lstm_ff(layer,prelayer)')
maX_ref = np.stack([np.concatenate([x[:, :, k], np.ones((Bt, 1))], axis=1) @ W[:dim + 1, :] for k in range(T)], axis=2)
rec(L_('layer.maX(:)=mult_3d(layer.xh(:,r_x,1:end-1),layer.W(r_x,:));', LF), close(maX, maX_ref))
allT = lambda arr, key, sl=None: all(close(arr[:, :, k] if sl is None else arr[:, sl, k], st[k][key] if sl is None else st[k][key][:, sl]) for k in range(T))
rec(L_('layer.ma( :,:,1)=layer.maX( :,:,1);', LF), close(ma[:, :, 0], st[0]['a']))
rec(L_('layer.mb( :,r_ifo,1)=layer.act_f(layer.ma(:,r_ifo,1));', LF), close(mb[:, rifo, 0], st[0]['b'][:, rifo]))
rec(L_('layer.mb( :,r_tc,1)=layer.act_tc(layer.ma(:,r_tc,1));', LF), close(mb[:, rtc, 0], st[0]['b'][:, rtc]))
rec(L_('layer.sc( :,:,1)=layer.mb(:,r_i,1).*layer.mb(:,r_tc,1);', LF), close(sc[:, :, 0], st[0]['c']))
rec(L_('layer.bc( :,:,1)=layer.act_h(layer.sc( :,:,1));', LF), close(bc[:, :, 0], st[0]['tc']))
rec(L_('layer.xh(:,r_h,2)=layer.bc(:,:,1).*layer.mb(:,r_o,1);', LF), close(xh[:, rh, 1], st[0]['h']))
rng_ok = lambda f: all(f(k) for k in range(1, T))
rec(L_("layer.ma( :,:,t)=layer.maX( :,:,t)+layer.xh( :,r_h,t)*layer.W(r_h,:);", LF), rng_ok(lambda k: close(ma[:, :, k], st[k]['a'])))
rec(L_('layer.mb( :,r_ifo,t)=layer.act_f(layer.ma( :,r_ifo,t));', LF), rng_ok(lambda k: close(mb[:, rifo, k], st[k]['b'][:, rifo])))
rec(L_('layer.mb( :,r_tc,t)=layer.act_tc(layer.ma( :,r_tc,t));', LF), rng_ok(lambda k: close(mb[:, rtc, k], st[k]['b'][:, rtc])))
rec(L_('layer.sc( :,:,t)=layer.sc( :,:,t-1).*layer.mb( :,r_f,t)+layer.mb( :,r_i,t).*layer.mb( :,r_tc,t);', LF), rng_ok(lambda k: close(sc[:, :, k], st[k]['c'])))
rec(L_('layer.bc( :,:,t)=layer.act_h(layer.sc( :,:,t));', LF), rng_ok(lambda k: close(bc[:, :, k], st[k]['tc'])))
rec(L_('layer.xh( :,r_h,t+1)=layer.bc( :,:,t).*layer.mb( :,r_o,t);', LF), rng_ok(lambda k: close(xh[:, rh, k + 1], st[k]['h'])))
rec(L_('layer.output=layer.xh(:,r_h,2:end);', LF), all(close(output_seq[:, :, k], st[k]['h']) for k in range(T)))
rec(L_('layer.output=sq(layer.xh(:,r_h,1));', LF), close(output_last, st[-1]['h']))

# ---------------- lstm_bp
LB = L_('function layer=lstm_bp(layer,next_layer)')
# e: with return_sequence the layer above hands dL/d(output) = G
rec(L_('layer.e=next_layer.dx;', LB), all(close(G[:, :, k], dHh[k] - (dA[k + 1] @ W[rh, :].T if k + 1 < T else 0), 1e-5) for k in range(T)))
# non-return_sequence: only h_T is output, dx has shape [batch, hidden]; the right assignment is e(:,:,end) = dx
e = np.zeros((Bt, H, T)); dxo = rng.normal(size=(Bt, H))
try:
    e[:, -1, :] = dxo                                                # layer.e(:,end,:)=next_layer.dx
    ok = np.array_equal(e[:, :, -1], dxo) and not np.any(e[:, :, :-1])
except ValueError:
    ok = False
rec(L_('layer.e(:,end,:)=next_layer.dx;', LB), ok)
dma_ref = np.zeros((Bt, 4 * H, T + 1)); 
for k in range(T): dma_ref[:, :, k] = dA[k]
def bp_checks(k, tag_start):
    """Local checks of one time step k (0-based) of the loop body / the t=1 block."""
    S0 = tag_start
    dh = G[:, :, k] + dma_ref[:, :, k + 1] @ W[rh, :].T
    rec(L_('layer.dh(:,:,t)=layer.e(:,:,t)+layer.dma(:,:,t+1)*layer.W(r_h,:)\';', S0), close(dh, dHh[k], 1e-5))
    dsc = dHh[k] * mb[:, ro, k] * dact_tanh(sc[:, :, k])
    rec(L_('layer.dsc(:,:,t)=layer.dh(:,:,t).*layer.mb(:,r_o,t).*layer.dact_h(layer.sc(:,:,t));', S0), close(dsc, dC[k], 1e-5))
    dmb = np.zeros((Bt, 4 * H))
    dmb[:, ro] = dHh[k] * bc[:, :, k]
    rec(L_('layer.dmb(:,r_o,t)=layer.dh(:,:,t).*layer.bc(:,:,t);', S0), close(dmb[:, ro], dBg[k][:, ro], 1e-5))
    dmb[:, ri] = dC[k] * mb[:, rtc, k]
    rec(L_('layer.dmb(:,r_i,t)=layer.dsc(:,:,t).*layer.mb(:,r_tc,t);', S0), close(dmb[:, ri], dBg[k][:, ri], 1e-5))
    dmb[:, rtc] = dC[k] * mb[:, ri, k]
    rec(L_('layer.dmb(:,r_tc,t)=layer.dsc(:,:,t).*layer.mb(:,r_i,t);', S0), close(dmb[:, rtc], dBg[k][:, rtc], 1e-5))
    if k > 0:
        dmb[:, rf] = dC[k] * sc[:, :, k - 1]
        rec(L_('layer.dmb(:,r_f,t)=layer.dsc(:,:,t).*layer.sc(:,:,t-1);', S0), close(dmb[:, rf], dBg[k][:, rf], 1e-5))
    # else dmb(:,r_f,1) keeps its initial zeros, and indeed dL/df(1) = 0 since c(0) = 0
    dmb_ref = dBg[k].copy()
    if k == 0: dmb_ref[:, rf] = 0.0
    rec(L_('layer.dma(:,r_ifo,t)=layer.dact_f(layer.mb(:,r_ifo,t)).*layer.dmb(:,r_ifo,t);', S0), close(dact_sig(mb[:, rifo, k]) * dmb_ref[:, rifo], dA[k][:, rifo], 1e-5))
    rec(L_('layer.dma(:,r_tc,t)=layer.dact_tc(layer.mb(:,r_tc,t)).*layer.dmb(:,r_tc,t);', S0), close(dact_tanh(mb[:, rtc, k]) * dmb_ref[:, rtc], dA[k][:, rtc], 1e-5))
for k in range(T - 1, 0, -1):
    bp_checks(k, L_('for t=timestep:-1:2', LB))
bp_checks(0, L_('t=1;', LB))
# dx: mult_3d(dma(:,:,1:end-1), W(:,r_x(1:end-1))')
def mult_3d(a, b):
    return np.stack([a[:, :, k] @ b for k in range(a.shape[2])], axis=2)
gx = fd_grad(lambda: ref()[0], x)
try:
    dx_author = mult_3d(dma_ref[:, :, :T], W[:, rx_in].T)
    ok = dx_author.shape == gx.shape and close(dx_author, gx, 1e-5)
except ValueError:
    ok = False
rec(L_("layer.dx(:)=mult_3d(layer.dma(:,:,1:end-1),layer.W(:,r_x(1:end-1))');", LB), ok)
print('informative: with W(r_x(1:end-1),:)\' instead the input gradient matches:', close(mult_3d(dma_ref[:, :, :T], W[rx_in, :].T), gx, 1e-5))
# dW = sum over t = 1..T+1 of xh(:,:,t)' * dma(:,:,t), with the author's xh (ones in the h slot at t = 1)
gW = fd_grad(lambda: ref()[0], W)
dW_author = sum(xh[:, :, k].T @ dma_ref[:, :, k] for k in range(T + 1))
rec(L_("layer.dW=reshape(permute(layer.xh,[2,1,3]),layer.weights_dim,[])*reshape(permute(layer.dma,[2,1,3]),4*hiddensize,[])';", LB), close(dW_author, gW, 1e-5))
xh0 = xh.copy(); xh0[:, rh, 0] = 0.0
print('informative: the same product with h(0) = 0 in xh(:,r_h,1) matches dL/dW:', close(sum(xh0[:, :, k].T @ dma_ref[:, :, k] for k in range(T + 1)), gW, 1e-5))
print('informative: rows that differ:', np.where(~np.isclose(dW_author, gW, atol=1e-5).all(axis=1))[0], '(r_h rows are', rh, ')')

expected_all = json.load(open(os.path.join(HERE, 'expected.json')))
sys.exit(1 if report(R, expected_all, NOTE) else 0)
