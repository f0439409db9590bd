# Finite-difference check of the annotated lines of parallelrnn_numpy_bptt.md (numpy only).  The three verbatim
# fences are executed (Python 2 xrange supplied; theano/scipy/matplotlib imports of RNN_CIFAR_numpy.py stubbed) and
# their forward passes and BPTT gradients are compared with an independent reference forward and central differences.
import json, os, sys, types
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
NAME = 'parallelrnn_numpy_bptt.md'
lines = open(os.path.join(HERE, NAME), encoding='utf-8').read().split('\n')
exp = json.load(open(os.path.join(HERE, 'expected.json')))[NAME]
fences = [f.split('\n```', 1)[0] for f in '\n'.join(lines).split('```python\n')[1:]]
for m in ('theano', 'theano.tensor', 'scipy', 'matplotlib', 'matplotlib.pyplot'):
    sys.modules[m] = types.ModuleType(m)
sys.modules['theano'].tensor = sys.modules['theano.tensor']
ns1 = {'xrange': range}; exec(fences[0], ns1)
ns2 = {'xrange': range, 'np': np}; exec('class RNNBatchPy(object):\n' + fences[1], ns2)
ns3 = {}; exec(fences[2], ns3)

EPS = 1e-6
rng = np.random.RandomState(7)
def fdiff(f, arr):
    g = np.zeros_like(arr)
    for idx in np.ndindex(*arr.shape):
        old = arr[idx]; arr[idx] = old + EPS; fp = f(); arr[idx] = old - EPS; fm = f(); arr[idx] = old
        g[idx] = (fp - fm) / (2 * EPS)
    return g
def close(a, b): return np.allclose(np.asarray(a, float), np.asarray(b, float), rtol=1e-5, atol=1e-7)
results = {}
def record(ns_, ok):
    for n in ns_: results[n] = results.get(n, True) and bool(ok)

def ref(Xs, h0, Wxh, Whh, Why):
    """time-major rows: h_t = tanh(x_t Wxh + h_{t-1} Whh), y_t = tanh(h_t Why); returns h (T+1,...), y (T+1,...) with y[0]=0"""
    h = [h0]; y = [np.zeros(h0.shape[:-1] + (Why.shape[1],))]
    for t in range(len(Xs)):
        h.append(np.tanh(Xs[t] @ Wxh + h[-1] @ Whh)); y.append(np.tanh(h[-1] @ Why))
    return np.array(h), np.array(y)

nh, nin, nout, T = 4, 3, 2, 5
W = dict(W_xh=rng.randn(nin, nh) * 0.7, W_hh=rng.randn(nh, nh) * 0.7, W_hy=rng.randn(nh, nout) * 0.7)

# ---- RNNPy: one sequence, 1-D row vectors, loss 0.5*sum (y-t)^2
o = ns1['RNNPy'].__new__(ns1['RNNPy']); o.nh, o.nin, o.nout = nh, nin, nout
for k, v in W.items(): setattr(o, k, v.copy())
x = rng.randn(T, nin); tg = rng.randn(T, nout) * 0.5; h0 = rng.randn(nh) * 0.5
h, y = o.forwardPropagation(x, h0); hr, yr = ref(x, h0, W['W_xh'], W['W_hh'], W['W_hy'])
record([44, 48], close(h, hr) and close(y, yr))
P = {k: v.copy() for k, v in W.items()}
Lf = lambda: 0.5 * np.sum((ref(x, h0, P['W_xh'], P['W_hh'], P['W_hy'])[1][1:] - tg) ** 2)
record([78], close(o.calculateLoss(x, tg, h0), Lf()))
g = o.bptt(x, tg, h0)
fd = [fdiff(Lf, P[k]) for k in ('W_xh', 'W_hh', 'W_hy')]
record([114, 116, 118, 121], close(g[2], fd[2]))
record([122, 127, 128, 129, 131, 132], close(g[0], fd[0]) and close(g[1], fd[1]))

# ---- RNNBatchPy: time-major batch (T, nb, nin)
nb = 3
ob = ns2['RNNBatchPy'].__new__(ns2['RNNBatchPy']); ob.nh, ob.nin, ob.nout, ob.nbatches = nh, nin, nout, nb
for k, v in W.items(): setattr(ob, k, v.copy())
xb = rng.randn(T, nb, nin); tb = rng.randn(T, nb, nout) * 0.5; hb0 = rng.randn(nb, nh) * 0.5
h, y = ob.forwardPropagation(xb, hb0); hr, yr = ref(xb, hb0, W['W_xh'], W['W_hh'], W['W_hy'])
record([170, 172], close(h, hr) and close(y, yr))
P = {k: v.copy() for k, v in W.items()}
Lb = lambda: 0.5 * np.sum((ref(xb, hb0, P['W_xh'], P['W_hh'], P['W_hy'])[1][1:] - tb) ** 2)
record([202], close(ob.calculateLoss(xb, tb, hb0), Lb()))
g = ob.bptt(xb, tb, hb0)
fd = [fdiff(Lb, P[k]) for k in ('W_xh', 'W_hh', 'W_hy')]
record([241, 243, 245, 248], close(g[2], fd[2]))
record([250, 255, 256, 257, 259, 260], close(g[0], fd[0]) and close(g[1], fd[1]))

# ---- RNN_CIFAR_numpy.trainNetwork (float32 arrays inside; compare with float64 FD at float32 tolerance)
ns3.update(T=4, batch_size=3, num_input=nin, num_hidden=nh, num_output=nout)
Tc = 4
xc = rng.randn(Tc, 3, nin); tc = rng.randn(Tc, 3, nout) * 0.5; hc0 = rng.randn(3, nh) * 0.5
Gxh, Ghh, Ghy, loss = ns3['trainNetwork'](xc, hc0, tc, W['W_xh'], W['W_hh'], W['W_hy'])
P = {k: v.copy() for k, v in W.items()}
Lc = lambda: np.sum((ref(xc, hc0, P['W_xh'], P['W_hh'], P['W_hy'])[1][1:] - tc) ** 2)
fd = [fdiff(Lc, P[k]) for k in ('W_xh', 'W_hh', 'W_hy')]
c32 = lambda a, b: np.allclose(a, b, rtol=1e-4, atol=1e-4)
hr, yr = ref(xc, hc0, W['W_xh'], W['W_hh'], W['W_hy'])
record([297, 298, 312], c32(loss, Lc()))
record([305, 309], c32(Ghy, fd[2]))
record([308, 310, 311], c32(Gxh, fd[0]) and c32(Ghh, fd[1]))

bad = 0
for k in sorted(exp, key=int):
    n = int(k)
    if n not in results: print(n, 'NOT CHECKED'); bad += 1; continue
    ok = results[n]; agree = ok == (exp[k]['expected'] == 'pass')
    print(n, 'OK' if ok else 'MISMATCH', '(agrees with expected.json)' if agree else '(DISAGREES with expected.json)')
    bad += not agree
extra = set(results) - set(int(k) for k in exp)
if extra: print('checked but not annotated:', sorted(extra)); bad += 1
print('all verdicts agree' if bad == 0 else '%d problems' % bad)
