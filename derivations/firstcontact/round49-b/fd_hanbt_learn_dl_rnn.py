"""Finite-difference check of hanbt_learn_dl_rnn.md (hanbt/learn_dl rnn.py, activators.py, element_wise_op).
Execs the first three python fences (activators, element_wise_op, class RecurrentLayer; the fourth fence is
Python 2 and is not executed: its two annotated lines are transcribed).  Uses TanhActivator and weights of
size ~1 so that errors are visible, loss E = sum(c * s_T).  Each line is judged with right upstream values and
compared with central differences of an independent implementation.  Exit 0 only when every numeric verdict
agrees with expected.json."""
import functools, json, os, re, sys, types
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
NAME = 'hanbt_learn_dl_rnn.md'
text = open(os.path.join(HERE, NAME)).read()
expected = json.load(open(os.path.join(HERE, 'expected.json')))[NAME]
blocks = re.findall(r'```python\n(.*?)```', text, re.S)
act = types.ModuleType('activators'); exec(blocks[0], act.__dict__); sys.modules['activators'] = act
cnn = types.ModuleType('cnn'); cnn.np = np; exec(blocks[1], cnn.__dict__); sys.modules['cnn'] = cnn
ns = {'reduce': functools.reduce}               # Python 2 builtin used by calc_gradient
exec(blocks[2], ns)
RecurrentLayer = ns['RecurrentLayer']
res = {}
def rec(ln, ok): res.setdefault(ln, []).append(bool(ok))
def close(a, b, tol=1e-6):
    a = np.asarray(a, float); b = np.asarray(b, float)
    return a.shape == b.shape and np.allclose(a, b, rtol=tol, atol=tol)
EPS = 1e-6

# ---------------------------------------------------------------- activators (derivative via the output)
xs = np.linspace(-3, 3, 25) + 0.013
for cls, f, l_fwd, l_bwd in [(act.ReluActivator, lambda v: np.maximum(0, v), 14, 17),
                             (act.IdentityActivator, lambda v: v, 22, 25),
                             (act.SigmoidActivator, lambda v: 1 / (1 + np.exp(-v)), 30, 33),
                             (act.TanhActivator, np.tanh, 38, 41)]:
    a = cls()
    out = np.array([float(a.forward(v)) for v in xs])
    rec(l_fwd, close(out, f(xs)))
    der = np.array([float(a.backward(o)) for o in out])
    rec(l_bwd, close(der, (f(xs + EPS) - f(xs - EPS)) / (2 * EPS)))

# ---------------------------------------------------------------- forward and BPTT
rng = np.random.default_rng(5)
I, S, T = 3, 3, 4
xs_in = [rng.normal(size=(I, 1)) for _ in range(T)]
cvec = rng.normal(size=(S, 1))
np.random.seed(0)
rl = RecurrentLayer(I, S, act.TanhActivator(), 1e-3)
rl.U = rng.normal(size=(S, I)); rl.W = rng.normal(size=(S, S)) * 0.9
U, W = rl.U.copy(), rl.W.copy()
def ref(W, inj=None):                     # independent forward; inj = (t, delta) added to net_t
    s = [np.zeros((S, 1))]; nets = []
    for t in range(1, T + 1):
        net = U @ xs_in[t - 1] + W @ s[-1]
        if inj is not None and inj[0] == t: net = net + inj[1]
        nets.append(net); s.append(np.tanh(net))
    return float(np.sum(cvec * s[-1])), s, nets
E0, s_ref, nets = ref(W)
for x in xs_in: rl.forward(x)
rec(71, close(rl.state_list[0], np.zeros((S, 1))))
pre = [U @ xs_in[t - 1] + W @ s_ref[t - 1] for t in range(1, T + 1)]
rec(83, all(close(pre[t - 1], nets[t - 1]) for t in range(1, T + 1)))
rec(85, all(close(rl.state_list[t], s_ref[t]) for t in range(1, T + 1)))
def dE_dnet(t):
    g = np.zeros((S, 1))
    for q in range(S):
        e = np.zeros((S, 1)); e[q] = EPS
        g[q] = (ref(W, (t, e))[0] - ref(W, (t, -e))[0]) / (2 * EPS)
    return g
delta_ref = {t: dE_dnet(t) for t in range(1, T + 1)}
sens = cvec * (1 - s_ref[T] ** 2)                # dE/dnet_T, the right sensitivity
rl.calc_delta(sens, act.TanhActivator())
rec(107, close(rl.delta_list[T], delta_ref[T]))
# line 116: `state` should hold s_k (from which activator.backward gives f'(net_k)); the code takes s_{k+1}
rec(116, all(close(s_ref[k + 1], s_ref[k]) for k in range(1, T)))
# line 117: with a right line 116 (state = s_k copy), does `state` become f'(net_k)?  The op hits state_list.
ok117 = []
for k in range(1, T):
    sl = [v.copy() for v in s_ref]
    state = sl[k].copy()
    cnn.element_wise_op(sl[k + 1], act.TanhActivator().backward)
    ok117.append(close(state, 1 - np.tanh(nets[k - 1]) ** 2))
rec(117, all(ok117))
# line 119 with the right `state` = f'(net_k) and the right delta_{k+1}
ok119 = []
for k in range(1, T):
    state = 1 - s_ref[k] ** 2
    d = np.dot(np.dot(delta_ref[k + 1].T, W), np.diag(state[:, 0])).T
    ok119.append(close(d, delta_ref[k], 1e-5))
rec(119, all(ok119))
# informative: the author's end-to-end deltas are wrong
print('author delta_list[1] vs FD (informative):', close(rl.delta_list[1], delta_ref[1], 1e-5))
# lines 139 and 131 with right deltas and the true states
fdW = np.zeros((S, S))
for idx in np.ndindex(S, S):
    Wp = W.copy(); Wp[idx] += EPS; Wm = W.copy(); Wm[idx] -= EPS
    fdW[idx] = (ref(Wp)[0] - ref(Wm)[0]) / (2 * EPS)
gl = [np.zeros((S, S))] + [np.dot(delta_ref[t], s_ref[t - 1].T) for t in range(1, T + 1)]
rec(139, close(sum(gl), fdW, 1e-5))
rec(131, close(functools.reduce(lambda a, b: a + b, gl, gl[0]), fdW, 1e-5))
# lines 163 / 173 (Python 2 fence, transcribed): identity activation, E = sum(s_T), sensitivity = ones
error_function = lambda o: o.sum()
def ref_id(inj):
    s = np.zeros((S, 1))
    for t in range(1, T + 1):
        net = U @ xs_in[t - 1] + W @ s + (inj if t == T else 0)
        s = net
    return error_function(s)
g = np.zeros((S, 1))
for q in range(S):
    e = np.zeros((S, 1)); e[q] = EPS
    g[q] = (ref_id(e) - ref_id(-e)) / (2 * EPS)
rec(173, close(np.ones((S, 1), dtype=np.float64), g))
rec(163, close(error_function(np.arange(6.).reshape(3, 2)), 15.0))
# informative: with the author's 1e-4 weights the wrong delta is invisible in dE/dW
print('note: the author\'s 2-step gradient_check cannot see the bug: delta_1 only enters dE/dW through delta_1 s_0^T with s_0 = 0')

bad = 0
for ln in sorted(set(res) | {int(k) for k in expected}):
    exp = expected.get(str(ln), {}).get('expected'); got = res.get(ln)
    if exp is None or got is None:
        print('line %d: MISSING' % ln); bad += 1; continue
    num = 'pass' if all(got) else 'fail'
    bad += num != exp
    print('line %d: expected %s, numeric %s%s' % (ln, exp, num, '' if num == exp else '   <-- DISAGREES'))
print('all %d verdicts agree' % len(expected) if bad == 0 else '%d disagreements' % bad)
sys.exit(1 if bad else 0)
