"""Finite-difference check of forti_cs231n_rnn_lstm_gru.md (FortiLeiZhang/cs231n write-up + rnn_layers.py).
Execs the author's rnn_layers.py fences (cs231n.layers stubbed: only the cut functions use it), runs every
step function on random data, captures its locals at return, and compares each annotated quantity with
central differences of an independent numpy re-implementation (additive perturbations injected at named
points).  Write-up equations are transcribed to numpy.  Prints one line per annotated line; exit 0 only when
every numeric verdict agrees with expected.json."""
import json, os, re, sys, types
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
NAME = 'forti_cs231n_rnn_lstm_gru.md'
text = open(os.path.join(HERE, NAME)).read()
lines = text.split('\n')
expected = json.load(open(os.path.join(HERE, 'expected.json')))[NAME]
pkg = types.ModuleType('cs231n'); lay = types.ModuleType('cs231n.layers')
for n in ['affine_forward', 'affine_backward', 'softmax_loss_mask', 'softmax_loss']:
    setattr(lay, n, None)
pkg.layers = lay; sys.modules['cs231n'] = pkg; sys.modules['cs231n.layers'] = lay
ns = {}
for block in re.findall(r'```python\n(.*?)```', text, re.S):
    if 'def ' in block:
        exec(block, ns)

res = {}
def rec(ln, ok):
    res.setdefault(ln, []).append(bool(ok))
def close(a, b, tol=1e-6):
    a = np.asarray(a, float); b = np.asarray(b, float)
    return a.shape == b.shape and np.allclose(a, b, rtol=tol, atol=tol)

def call_capture(fn, *args):
    box = {}
    def tracer(frame, event, arg):
        if frame.f_code is fn.__code__:
            def local(frame, event, arg):
                if event == 'return':
                    box.update(frame.f_locals)
                return local
            return local
        return None
    sys.settrace(tracer)
    try:
        out = fn(*args)
    finally:
        sys.settrace(None)
    return out, box

EPS = 1e-6
def fdg(L, shape):
    g = np.zeros(shape)
    for idx in np.ndindex(*shape):
        e = np.zeros(shape); e[idx] = EPS
        g[idx] = (L(e) - L(-e)) / (2 * EPS)
    return g

sig = lambda a: 1 / (1 + np.exp(-a))
rng = np.random.default_rng(3)
N, D, H, T = 2, 3, 4, 4

# ---------------------------------------------------------------- write-up maths
# line 7: BPTT double sum for h_j = tanh(W h_{j-1} + U x_j), o_t = V h_t, L = sum_t <c_t, o_t>
def rnn_col(W, U, V, X, h0, act):
    hs, As = [h0], []
    for j in range(len(X)):
        a = W @ hs[-1] + U @ X[j]; As.append(a); hs.append(act(a))
    return hs, As
Wc = rng.normal(size=(H, H)) * 0.8; Uc = rng.normal(size=(H, D)); Vc = rng.normal(size=(2, H))
Xc = rng.normal(size=(T, D)); h0c = rng.normal(size=H); Cc = rng.normal(size=(T, 2))
def Lcol(W):
    hs, _ = rnn_col(W, Uc, Vc, Xc, h0c, np.tanh)
    return sum(Cc[t] @ (Vc @ hs[t + 1]) for t in range(T))
hs, As = rnn_col(Wc, Uc, Vc, Xc, h0c, np.tanh)
dW = np.zeros((H, H))
for t in range(T):                                   # sum_t sum_k dL_t/do_t do_t/dh_t (prod J) dh_k/dW
    g = Vc.T @ Cc[t]
    for k in range(t, -1, -1):
        dpre = g * (1 - np.tanh(As[k]) ** 2)
        dW += np.outer(dpre, hs[k])                  # immediate partial of h_k w.r.t. W
        g = Wc.T @ dpre                              # one more Jacobian factor
fdW = fdg(lambda e: Lcol(Wc + e), (H, H))
rec(7, close(dW, fdW, 1e-5))
# lines 11 / 15: prod_{j=k+1}^t f'(a_j) . W^{t-j}  vs the true product of Jacobians
for ln, act, dact in [(11, np.tanh, lambda a: 1 - np.tanh(a) ** 2), (15, sig, lambda a: sig(a) * (1 - sig(a)))]:
    hs, As = rnn_col(Wc, Uc, Vc, Xc, h0c, act)
    k, t = 0, T - 1                                  # h^(j) = hs[j+1], pre-activation As[j]
    true = np.eye(H)
    for j in range(k + 1, t + 1):
        true = np.diag(dact(As[j])) @ Wc @ true      # dh_j/dh_{j-1} applied left-to-right in time
    fd = np.zeros((H, H))
    for q in range(H):
        def hk(e):
            h = hs[k + 1] + e
            for j in range(k + 1, t + 1):
                h = act(Wc @ h + Uc @ Xc[j])
            return h
        e = np.zeros(H); e[q] = EPS
        fd[:, q] = (hk(e) - hk(-e)) / (2 * EPS)
    assert close(true, fd, 1e-5)
    cands = []
    for order in (range(k + 1, t + 1), range(t, k, -1)):
        M = np.eye(H)
        for j in order:
            M = M @ (np.diag(dact(As[j])) @ np.linalg.matrix_power(Wc, t - j))
        cands.append(M)
    rec(ln, any(close(M, fd, 1e-5) for M in cands))
xs = np.linspace(-4, 4, 81)
dt = (np.tanh(xs + EPS) - np.tanh(xs - EPS)) / (2 * EPS)
rec(17, close(dt, 1 - np.tanh(xs) ** 2) and dt.min() > 0 and dt.max() <= 1 + 1e-9)
ds = (sig(xs + EPS) - sig(xs - EPS)) / (2 * EPS)
rec(19, close(ds, sig(xs) * (1 - sig(xs))) and ds.min() > 0 and ds.max() <= 0.25 + 1e-9)

# ---------------------------------------------------------------- RNN step and sequence
x = rng.normal(size=(N, D)); h = rng.normal(size=(N, H))
Wx = rng.normal(size=(D, H)); Wh = rng.normal(size=(H, H)) * 0.7; b = rng.normal(size=H)
dh_up = rng.normal(size=(N, H))
def rnn_ref(x, h, Wx, Wh, b, inj={}):
    a = x @ Wx + h @ Wh + b + inj.get('a', 0)
    return np.tanh(a)
(hn, cache), loc = call_capture(ns['rnn_step_forward'], x, h, Wx, Wh, b)
rec(122, close(hn, rnn_ref(x, h, Wx, Wh, b)))
Lr = lambda **kw: lambda e: np.sum(dh_up * rnn_ref(**{**dict(x=x, h=h, Wx=Wx, Wh=Wh, b=b), **{k: v + e for k, v in kw.items()}}))
out, loc = call_capture(ns['rnn_step_backward'], dh_up, cache)
rec(129, close(loc['dcurrent_state'], fdg(lambda e: np.sum(dh_up * rnn_ref(x, h, Wx, Wh, b, {'a': e})), (N, H))))
rec(130, close(loc['dx'], fdg(Lr(x=x), x.shape)))
rec(131, close(loc['dWx'], fdg(Lr(Wx=Wx), Wx.shape)))
rec(132, close(loc['dprev_h'], fdg(Lr(h=h), h.shape)))
rec(133, close(loc['dWh'], fdg(Lr(Wh=Wh), Wh.shape)))
rec(134, close(loc['dbh'], fdg(Lr(b=b), b.shape)))
X = rng.normal(size=(N, T, D)); h0 = rng.normal(size=(N, H)); dout = rng.normal(size=(N, T, H))
def rnn_seq(X, h0, Wx, Wh, b):
    hh, out = h0, []
    for t in range(T):
        hh = rnn_ref(X[:, t], hh, Wx, Wh, b); out.append(hh)
    return np.stack(out, 1)
hseq, caches = ns['rnn_forward'](X, h0, Wx, Wh, b)
rec(151, close(hseq, rnn_seq(X, h0, Wx, Wh, b)))
got = ns['rnn_backward'](dout, caches)
base = dict(X=X, h0=h0, Wx=Wx, Wh=Wh, b=b)
Ls = lambda key: lambda e: np.sum(dout * rnn_seq(**{**base, key: base[key] + e}))
ok = all(close(g, fdg(Ls(k), base[k].shape), 1e-5) for g, k in zip(got, ['X', 'h0', 'Wx', 'Wh', 'b']))
for ln in (167, 171, 172, 173, 174, 175, 176):
    rec(ln, ok)

# ---------------------------------------------------------------- activations
a = rng.normal(size=(3, 5)) * 4
rec(189, close(ns['sigmoid'](a), sig(a)))
rec(192, close(ns['de_sigmoid'](a), (sig(a + EPS) - sig(a - EPS)) / (2 * EPS)))
rec(195, close(ns['de_tanh'](a), (np.tanh(a + EPS) - np.tanh(a - EPS)) / (2 * EPS)))

# ---------------------------------------------------------------- LSTM
Wx4 = rng.normal(size=(D, 4 * H)); Wh4 = rng.normal(size=(H, 4 * H)) * 0.7; b4 = rng.normal(size=4 * H)
c = rng.normal(size=(N, H)); dc_up = rng.normal(size=(N, H))
def lstm_ref(x, h, c, Wx, Wh, b, inj={}):
    g = lambda k: inj.get(k, 0)
    temp = x @ Wx + h @ Wh + b + g('temp')
    i = sig(temp[:, :H]) + g('i'); f = sig(temp[:, H:2*H]) + g('f')
    o = sig(temp[:, 2*H:3*H]) + g('o'); gg = np.tanh(temp[:, 3*H:]) + g('g')
    cn = f * c + i * gg + g('cn')
    return o * np.tanh(cn), cn, dict(temp=temp, i=i, f=f, o=o, g=gg)
hn, cn, ref = lstm_ref(x, h, c, Wx4, Wh4, b4)
(h1, c1, cache), loc = call_capture(ns['lstm_step_forward'], x, h, c, Wx4, Wh4, b4)
rec(199, close(loc['temp'], ref['temp']))
for ln, k, nm in [(201, 'i', 'input_gate'), (202, 'f', 'forget_gate'), (203, 'o', 'output_gate'), (204, 'g', 'gate_gate')]:
    rec(ln, close(loc[nm], ref[k]))
rec(206, close(c1, cn)); rec(207, close(h1, hn))
rec(44, close(c1, c * ref['f'] + ref['i'] * ref['g']))
rec(50, close(h1, ref['o'] * np.tanh(c1)))
def Lstep(w_c=1.0, **kw):
    args = {**dict(x=x, h=h, c=c, Wx=Wx4, Wh=Wh4, b=b4)}
    inj = {}
    for k, v in kw.items():
        if k in args: args[k] = args[k] + v
        else: inj[k] = v
    hh, cc, _ = lstm_ref(inj=inj, **args)
    return np.sum(dh_up * hh) + w_c * np.sum(dc_up * cc)
G = lambda key, shape, w_c=1.0: fdg(lambda e: Lstep(w_c, **{key: e}), shape)
out, loc = call_capture(ns['lstm_step_backward'], dh_up, dc_up, cache)
rec(218, close(loc['Doutput_gate'], G('o', (N, H))))
h_part = eval('dcurrent_h * output_gate * de_tanh(current_c)', ns, loc)
rec(219, close(h_part, G('cn', (N, H), 0.0)))
rec(70, close(h_part, G('cn', (N, H), 0.0)))
rec(220, close(loc['Dcurrent_c'], G('cn', (N, H))))
rec(71, close(loc['Dcurrent_c'], G('cn', (N, H))))
rec(223, close(loc['Dforget_gate'], G('f', (N, H))))
rec(224, close(loc['Dprev_c'], fdg(lambda e: Lstep(c=e), c.shape)))
rec(225, close(loc['Dinput_gate'], G('i', (N, H))))
rec(226, close(loc['Dgate_gate'], G('g', (N, H))))
dtemp = G('temp', (N, 4 * H))
rec(228, close(loc['Dtemp'][:, 3*H:], dtemp[:, 3*H:])); rec(229, close(loc['Dtemp'][:, 2*H:3*H], dtemp[:, 2*H:3*H]))
rec(230, close(loc['Dtemp'][:, H:2*H], dtemp[:, H:2*H])); rec(231, close(loc['Dtemp'][:, :H], dtemp[:, :H]))
for ln, nm, key, arr in [(234, 'dx', 'x', x), (235, 'dWx', 'Wx', Wx4), (236, 'dprev_h', 'h', h), (237, 'dWh', 'Wh', Wh4),
                         (238, 'dbh', 'b', b4), (239, 'dprev_c', 'c', c)]:
    rec(ln, close(loc[nm], G(key, arr.shape)))
def lstm_seq(X, h0, Wx, Wh, b):
    hh, cc, out = h0, np.zeros_like(h0), []
    for t in range(T):
        hh, cc, _ = lstm_ref(X[:, t], hh, cc, Wx, Wh, b); out.append(hh)
    return np.stack(out, 1)
hseq, caches = ns['lstm_forward'](X, h0, Wx4, Wh4, b4)
rec(256, close(hseq, lstm_seq(X, h0, Wx4, Wh4, b4))); rec(251, close(hseq, lstm_seq(X, h0, Wx4, Wh4, b4)))
got = ns['lstm_backward'](dout, caches)
base = dict(X=X, h0=h0, Wx=Wx4, Wh=Wh4, b=b4)
ok = all(close(g, fdg(lambda e, k=k: np.sum(dout * lstm_seq(**{**base, k: base[k] + e})), base[k].shape), 1e-5)
         for g, k in zip(got, ['X', 'h0', 'Wx', 'Wh', 'b']))
for ln in (268, 269, 274, 80, 275, 277, 278, 279, 280):
    rec(ln, ok)

# ---------------------------------------------------------------- GRU
Wx2 = rng.normal(size=(D, 2 * H)); Wh2 = rng.normal(size=(H, 2 * H)) * 0.7; b2 = rng.normal(size=2 * H)
Wxt = rng.normal(size=(D, H)); Wht = rng.normal(size=(H, H)) * 0.7; bht = rng.normal(size=H)
def gru_ref(x, h, Wx, Wh, bh, Wxt, Wht, bht, inj={}):
    g = lambda k: inj.get(k, 0)
    temp1 = (x + g('x_gate')) @ Wx + (h + g('hp_gate')) @ Wh + bh + g('temp1')
    r = sig(temp1[:, :H]) + g('r'); z = sig(temp1[:, H:]) + g('z')
    temp2 = (r * (h + g('hp_cand'))) @ Wht + (x + g('x_cand')) @ Wxt + bht + g('temp2')
    th = np.tanh(temp2) + g('th')
    return (1 - z) * (h + g('hp_direct')) + z * th, dict(temp1=temp1, r=r, z=z, temp2=temp2, th=th)
GA = dict(x=x, h=h, Wx=Wx2, Wh=Wh2, bh=b2, Wxt=Wxt, Wht=Wht, bht=bht)
hn, ref = gru_ref(**GA)
(h1, cache), loc = call_capture(ns['gru_step_forward'], x, h, Wx2, Wh2, b2, Wxt, Wht, bht)
rec(287, close(loc['temp1'], ref['temp1'])); rec(288, close(loc['temp_gate'], sig(ref['temp1'])))
rec(289, close(loc['reset_gate'], ref['r'])); rec(290, close(loc['update_gate'], ref['z']))
rec(292, close(loc['temp2'], ref['temp2'])); rec(293, close(loc['temp_h'], ref['th'])); rec(294, close(h1, hn))
rec(97, close(sig(h @ Wh2 + x @ Wx2 + b2), np.hstack([ref['r'], ref['z']])))
hb, refb = gru_ref(**{**GA, 'bht': np.zeros(H)})
rec(102, close(np.tanh(Wht.T @ (refb['r'] * h).T + Wxt.T @ x.T).T, refb['th']))
rec(108, close((1 - ref['z']) * h + ref['z'] * ref['th'], h1))
def Lg(**kw):
    args = dict(GA); inj = {}
    for k, v in kw.items():
        if k in args: args[k] = args[k] + v
        else: inj[k] = v
    return np.sum(dh_up * gru_ref(inj=inj, **args)[0])
GG = lambda key, shape: fdg(lambda e: Lg(**{key: e}), shape)
out, loc = call_capture(ns['gru_step_backward'], dh_up, cache)
checks = [(305, 'Dprev_h1', 'hp_direct', (N, H)), (306, 'Dtemp_h', 'th', (N, H)), (307, 'Dupdate_gate', 'z', (N, H)),
          (310, 'Dtemp2', 'temp2', (N, H)), (313, 'Dx1', 'x_cand', (N, D)), (314, 'DWxt', 'Wxt', Wxt.shape),
          (315, 'Dreset_gate', 'r', (N, H)), (316, 'Dprev_h2', 'hp_cand', (N, H)), (317, 'DWht', 'Wht', Wht.shape),
          (319, 'dbht', 'bht', bht.shape), (328, 'Dtemp1', 'temp1', (N, 2 * H)), (331, 'Dx2', 'x_gate', (N, D)),
          (332, 'DWx', 'Wx', Wx2.shape), (333, 'Dprev_h3', 'hp_gate', (N, H)), (334, 'DWh', 'Wh', Wh2.shape),
          (336, 'dbh', 'bh', b2.shape), (338, 'dx', 'x', x.shape), (339, 'dprev_h', 'h', h.shape)]
for ln, nm, key, shape in checks:
    rec(ln, close(loc[nm], GG(key, shape)))
rec(322, close(loc['Dtemp_gate'][:, H:], GG('z', (N, H))))
rec(325, close(loc['Dtemp_gate'][:, :H], GG('r', (N, H))))
def gru_seq(X, h0, Wx, Wh, bh, Wxt, Wht, bht):
    hh, out = h0, []
    for t in range(T):
        hh, _ = gru_ref(X[:, t], hh, Wx, Wh, bh, Wxt, Wht, bht); out.append(hh)
    return np.stack(out, 1)
base = dict(X=X, h0=h0, Wx=Wx2, Wh=Wh2, bh=b2, Wxt=Wxt, Wht=Wht, bht=bht)
hseq, caches = ns['gru_forward'](X, h0, Wx2, Wh2, b2, Wxt, Wht, bht)
rec(360, close(hseq, gru_seq(**base)))
got = ns['gru_backward'](dout, caches)
ok = all(close(g, fdg(lambda e, k=k: np.sum(dout * gru_seq(**{**base, k: base[k] + e})), base[k].shape), 1e-5)
         for g, k in zip(got, ['X', 'h0', 'Wx', 'Wh', 'bh', 'Wxt', 'Wht', 'bht']))
for ln in (375, 379, 380, 382, 383, 384, 385, 386, 387, 388):
    rec(ln, ok)

# ---------------------------------------------------------------- report
bad = 0
for ln in sorted(set(res) | {int(k) for k in expected}):
    exp = expected.get(str(ln), {}).get('expected'); got = res.get(ln)
    if exp is None or got is None:
        print('line %d: MISSING (expected %s, checked %s)' % (ln, exp, got is not None)); bad += 1; continue
    num = 'pass' if all(got) else 'fail'
    bad += num != exp
    print('line %d: expected %s, numeric %s%s' % (ln, exp, num, '' if num == exp else '   <-- DISAGREES'))
print('all %d verdicts agree' % len(expected) if bad == 0 else '%d disagreements' % bad)
sys.exit(1 if bad else 0)
