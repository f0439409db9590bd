"""Shared numpy-only finite-difference harness for the two nicodjimenez/lstm pull-request versions.

Model (LstmNode.bottom_data_is): xc_t = [x_t, h_{t-1}], g = tanh(Wg xc + bg), i/f/o = sigmoid(W xc + b),
s_t = g*i + s_{t-1}*f, h_t = tanh(s_t)*o (variant 'tanh', PR #30) or h_t = s_t*o (variant 'lin', PR #49).
h_{-1} = s_{-1} = 0.  Loss (ToyLossLayer): L = sum_t (h_t[0] - y_t)^2.
Every quantity is probed by a perturbation hook, so each published line is evaluated with the TRUE
(finite-difference) values of its inputs and compared with the finite-difference value of its left side.
"""
import numpy as np

EPS = 1e-6
TOL = 1e-6


def sigmoid(x):
    return 1. / (1 + np.exp(-x))


class Model:
    def __init__(self, variant, X=3, H=4, T=4, seed=0):
        rng = np.random.default_rng(seed)
        self.variant, self.X, self.H, self.T = variant, X, H, T
        C = X + H
        self.W = {k: rng.normal(size=(H, C)) * 0.6 for k in 'gifo'}
        self.b = {k: rng.normal(size=H) * 0.3 for k in 'gifo'}
        self.xs = [rng.normal(size=X) for _ in range(T)]
        self.ys = list(rng.normal(size=T) * 0.5)

    # hooks: dict (name, t) -> perturbation vector; names:
    #  'pre_g','pre_i','pre_f','pre_o' (pre-activations), 'g','i','f','o' (gate values),
    #  's' (s_t before h_t is formed; affects h_t and s_{t+1}), 'h' (h_t after formed; affects loss and t+1),
    #  'sprev' (s_{t-1} as read by step t only), 'xc' (xc_t as read by the gates of step t),
    #  'hloss' (h_t as read by the loss only), 'W<k>'/'b<k>' (weights used at step t only)
    def run(self, hk=None):
        hk = hk or {}
        get = lambda n, t: hk.get((n, t), 0)
        H = self.H
        s_prev, h_prev = np.zeros(H), np.zeros(H)
        L, st = 0.0, []
        for t in range(self.T):
            xc = np.hstack((self.xs[t], h_prev)) + get('xc', t)
            sp = s_prev + get('sprev', t)
            pre = {k: (self.W[k] + get('W' + k, t)) @ xc + self.b[k] + get('b' + k, t) + get('pre_' + k, t)
                   for k in 'gifo'}
            g = np.tanh(pre['g']) + get('g', t)
            i = sigmoid(pre['i']) + get('i', t)
            f = sigmoid(pre['f']) + get('f', t)
            o = sigmoid(pre['o']) + get('o', t)
            s = g * i + sp * f + get('s', t)
            h = (np.tanh(s) if self.variant == 'tanh' else s) * o + get('h', t)
            hl = h + get('hloss', t)
            L += (hl[0] - self.ys[t]) ** 2
            st.append(dict(xc=xc, sp=sp, g=g, i=i, f=f, o=o, s=s, h=h))
            s_prev, h_prev = s, h
        return L, st

    def fd(self, name, t, shape):
        g = np.zeros(shape)
        for idx in np.ndindex(*shape):
            d = np.zeros(shape); d[idx] = EPS
            g[idx] = (self.run({(name, t): d})[0] - self.run({(name, t): -d})[0]) / (2 * EPS)
        return g


def truth(m):
    """All true gradients by central differences, per step."""
    _, st = m.run()
    H, C = m.H, m.X + m.H
    tr = []
    for t in range(m.T):
        d = {}
        for n in ['g', 'i', 'f', 'o', 's', 'h', 'sprev', 'hloss'] + ['pre_' + k for k in 'gifo']:
            d[n] = m.fd(n, t, (H,))
        d['xc'] = m.fd('xc', t, (C,))
        for k in 'gifo':
            d['W' + k] = m.fd('W' + k, t, (H, C))
            d['b' + k] = m.fd('b' + k, t, (H,))
        tr.append(d)
    return st, tr


def close(a, b):
    return np.max(np.abs(np.asarray(a, float) - np.asarray(b, float))) < TOL * max(1.0, np.max(np.abs(b)))
