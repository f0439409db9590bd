# Finite-difference check of doit_rnn_ko.md (Do it! 딥러닝 입문, Ch09 RecurrentNetwork). numpy only.
# The RecurrentNetwork class is exec'd verbatim from the note (tf is only used by init_weights,
# which is not called: weights are set by hand).
import re, os
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
md = open(os.path.join(HERE, 'doit_rnn_ko.md'), encoding='utf-8').read()
cls = [c for c in re.findall(r'```python\n(.*?)```', md, flags=re.S) if 'class RecurrentNetwork' in c][0]
ns = {'np': np}
exec(cls, ns)
fixed = cls.replace("err_to_cell = np.dot(err_to_cell, self.w1h) * (1 - h ** 2)",
                    "err_to_cell = np.dot(err_to_cell, self.w1h.T) * (1 - h ** 2)")
assert fixed != cls
ns_fix = {'np': np}
exec(fixed, ns_fix)

rng = np.random.default_rng(1)
EPS = 1e-6
def rel(a, b):
    return np.max(np.abs(a - b)) / max(1e-12, np.max(np.abs(a)) + np.max(np.abs(b)))

def make(nsx, T, m=3, F=4, H=3, sym=False):
    rn = nsx['RecurrentNetwork'](n_cells=H, batch_size=m)
    w1h = rng.normal(scale=0.8, size=(H, H))
    if sym: w1h = (w1h + w1h.T) / 2
    rn.w1h, rn.w1x, rn.b1 = w1h, rng.normal(scale=0.8, size=(F, H)), rng.normal(scale=0.3, size=H)
    rn.w2, rn.b2 = rng.normal(scale=0.8, size=(H, 1)), rng.normal(scale=0.3, size=1)
    x = rng.normal(size=(m, T, F)); y = rng.integers(0, 2, size=(m, 1)).astype(float)
    return rn, x, y

def loss(rn, x, y):
    a = rn.sigmoid(rn.forpass(x))                                 # l.36-39, l.70
    return np.mean(-(y*np.log(a) + (1-y)*np.log(1-a)))            # l.99 (without the 1e-10 clip)

def author_grads(rn, x, y):
    a = rn.sigmoid(rn.forpass(x))
    err = -(y - a)                                                # l.124
    return dict(zip(['w1h', 'w1x', 'b1', 'w2', 'b2'], rn.backprop(x, err)))

def fd_grads(rn, x, y):
    out = {}
    for k in ['w1h', 'w1x', 'b1', 'w2', 'b2']:
        P = getattr(rn, k); g = np.zeros_like(P)
        for i in np.ndindex(P.shape):
            old = P[i]
            P[i] = old + EPS; fp = loss(rn, x, y)
            P[i] = old - EPS; fm = loss(rn, x, y)
            P[i] = old; g[i] = (fp - fm) / (2*EPS)
        out[k] = g
    return out

def run(label, nsx, T, sym=False, expect=''):
    rn, x, y = make(nsx, T, sym=sym)
    A = author_grads(rn, x, y); N = fd_grads(rn, x, y)
    print(f"== {label} (T={T}{', symmetric w1h' if sym else ''})")
    for k in A:
        r = rel(np.asarray(A[k], float), N[k])
        print(f"  {k:4s} rel.err {r:9.2e}  {'AGREE' if r < 1e-6 else 'DIFFER'}   (expected {expect.get(k, 'agree') if isinstance(expect, dict) else 'agree'})")

run("published, single step: l.46, 47, 53, 56-58, 62-64 without recursion", ns, T=1)
run("published, T=6 <= 10 (no truncation): recursion l.60", ns, T=6,
    expect={'w1h': 'DIFFER (l.60 missing .T)', 'w1x': 'DIFFER (l.60)', 'b1': 'DIFFER (l.60)'})
run("published with symmetric w1h (transpose irrelevant)", ns, T=6, sym=True)
run("l.60 with self.w1h.T", ns_fix, T=6)
run("l.60 with self.w1h.T, T=14 > 10: author's deliberate truncation to the last 10 steps", ns_fix, T=14,
    expect={'w1h': 'DIFFER (truncated BPTT by design)', 'w1x': 'DIFFER (truncated BPTT by design)', 'b1': 'DIFFER (truncated BPTT by design)'})
