# Finite-difference check of aqua_rnn.py (aqua1107/History-of-Deep-Learning RNN/RNN.py).
# The note file is executed as written; backward's local gradients are read from its frame
# at return (learning_rate=0 so the SGD loop at its end leaves the parameters unchanged).
import sys
import numpy as np

ns = {}
exec(open(__file__.replace('fd_aqua_rnn.py', 'aqua_rnn.py')).read(), ns)
RNN = ns['RNN']

eps = 1e-6
rng = np.random.default_rng(2)
D, H, O, T = 3, 5, 2, 6
np.random.seed(0)
net = RNN(D, H, O, T)
net.Wxh = rng.normal(size=(H, D)); net.Whh = rng.normal(size=(H, H)) * 0.5
net.Why = rng.normal(size=(O, H)); net.bh = rng.normal(size=(H, 1)); net.by = rng.normal(size=(O, 1))
inputs = [rng.normal(size=D) for _ in range(T)]
G = [rng.normal(size=(O, 1)) for _ in range(T)]          # L = sum_t G_t . y_t, so dL/dy_t = G_t


def L():
    out = net.forward(inputs)
    return sum(float(np.sum(G[t] * out[t])) for t in range(T))


def fd(P):
    g = np.zeros_like(P)
    it = np.nditer(P, flags=['multi_index'])
    for _ in it:
        k = it.multi_index
        old = P[k]
        P[k] = old + eps; lp = L()
        P[k] = old - eps; lm = L()
        P[k] = old
        g[k] = (lp - lm) / (2 * eps)
    return g


net.forward(inputs)
caught = {}
def prof(frame, event, arg):
    if event == 'return' and frame.f_code.co_name == 'backward':
        caught.update(frame.f_locals)
sys.setprofile(prof)
net.backward(G, learning_rate=0.0)
sys.setprofile(None)

rows = {'Why': 'line 45', 'by': 'line 46', 'bh': 'line 51 (with 48, 49, 55)',
        'Wxh': 'line 52 (with 48, 49, 55)', 'Whh': 'line 53 (with 48, 49, 55)'}
for p, where in rows.items():
    num = fd(getattr(net, p))
    ana = caught['d' + p]
    r = np.max(np.abs(ana - num)) / np.max(np.abs(num))
    print(f'd{p:4s} {where:28s} rel.err={r:9.2e}  {"AGREES" if r < 1e-5 else "DISAGREES"}  (annotated: pass)')
