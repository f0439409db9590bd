# Finite-difference check of martinovic_lstm_layer.py (helen1c/ba-thesis-rnn, source-py/LSTMLayer.py, forward+backward).
# Loads the transcribed file, runs its forward and backward as written, compares with central differences.
# Loss: E = sum_i sum(G_i * H[:, i+1, :]) so dEdY[:, i, :] = G_i = dE/dh_i (partial, output of step i).
import sys, types, numpy as np
act = types.ModuleType('activations')
class Sigmoid:
    forward = staticmethod(lambda x: 1. / (1 + np.exp(-x)))
    backward_calculated = staticmethod(lambda s: s * (1 - s))
class Tanh:
    forward = staticmethod(np.tanh)
    backward = staticmethod(lambda x: 1 - np.tanh(x) ** 2)
    backward_calculated = staticmethod(lambda t: 1 - t ** 2)
act.Sigmoid, act.Tanh = Sigmoid, Tanh
sys.modules['activations'] = act
ns = {}
exec(open(__file__.replace('fd_martinovic_lstm_layer.py', 'martinovic_lstm_layer.py')).read(), ns)
LSTMLayer = ns['LSTMLayer']
np.random.seed(3)
B, T, D, Hd = 2, 5, 3, 4
layer = LSTMLayer(D, Hd)
X = np.random.randn(B, T, D); G = np.random.randn(B, T, Hd)
close = lambda a, b: np.allclose(a, b, atol=1e-6, rtol=1e-5)
def rep(tag, ok): print(f"{tag:66s} {'AGREES' if ok else 'DISAGREES'}")
eps = 1e-6

def run(h0, c0, tag):
    def loss():
        Hs, _, _ = layer.forward(X, h0, c0)
        return np.sum(G * Hs[:, 1:, :])
    def fd(arr):
        g = np.zeros_like(arr)
        for idx in np.ndindex(arr.shape):
            o = arr[idx]; arr[idx] = o + eps; Lp = loss(); arr[idx] = o - eps; Lm = loss(); arr[idx] = o
            g[idx] = (Lp - Lm) / (2 * eps)
        return g
    gWi, gWh, gb = fd(layer.input_weights), fd(layer.hidden_weights), fd(layer.bias)
    gX = np.zeros_like(X)
    for idx in np.ndindex(X.shape):
        o = X[idx]; X[idx] = o + eps; Lp = loss(); X[idx] = o - eps; Lm = loss(); X[idx] = o
        gX[idx] = (Lp - Lm) / (2 * eps)
    layer.forward(X, h0, c0)
    dWi, dWh, db, dX = layer.backward(X, G)
    print(f"--- {tag}")
    rep("lines 91-94,100-103 -> dEdW_in (with 85/86/88/89 recursion)", close(dWi, gWi))
    rep("lines 106-109 -> dEdW_hh", close(dWh, gWh))
    rep("lines 112-115 -> dEdB_in", close(db, gb))
    rep("line 96 -> X_grad", close(dX, gX))
    if not close(dWh, gWh):
        # the missing piece is the step-0 term delta_0^T h_0 (h_0 = self.H[:, 0, :])
        g = layer.gates; C = layer.C; Hs = layer.H
        # recompute delta_0 with the author's own formulas by rerunning backward and capturing gates_grad_previous
        # (after the loop it holds the step-0 gate deltas)
        import types as _t
        src = open(__file__.replace('fd_martinovic_lstm_layer.py', 'martinovic_lstm_layer.py')).read()
        src = src.replace("        return dEdW_in, dEdW_hh, dEdB_in, X_grad", "        self._d0 = gates_grad_previous\n        return dEdW_in, dEdW_hh, dEdB_in, X_grad", 1)
        ns2 = {}; exec(src, ns2)
        L2 = ns2['LSTMLayer'](D, Hd); L2.input_weights, L2.hidden_weights, L2.bias = layer.input_weights, layer.hidden_weights, layer.bias
        L2.forward(X, h0, c0); L2.backward(X, G)
        miss = np.stack([L2._d0[k].T @ Hs[:, 0, :] for k in range(4)])
        rep("   dEdW_hh + missing step-0 term delta_0^T h_0", close(dWh + miss, gWh))

run(None, None, "h_0 = c_0 = 0 (default call)")
run(np.random.randn(B, Hd), np.random.randn(B, Hd), "h_0, c_0 nonzero (allowed by forward(X_in, h_0, c_0))")
