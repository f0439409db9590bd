# Finite-difference check of neuron_zoo_rnn_gru_lstm.py: executes the author's three classes (the transcription cut
# 'import numpy as np', so np is injected) and checks each one-step backward against central differences of
# L = g . h_t for a random upstream gradient g, with h_{t-1} (and C_{t-1}) held fixed as in the author's one-step backward.
import numpy as np, os
ns = {'np': np}
exec(open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "neuron_zoo_rnn_gru_lstm.py"), encoding="utf-8").read(), ns)
rng = np.random.default_rng(7); eps = 1e-6
x = rng.normal(size=3); g = rng.normal(size=3)
h_prev = rng.normal(0, 0.7, 3); C_prev = rng.normal(0, 0.7, 3)

def run(neu, names, act=None):
    def L():
        neu.h = h_prev.copy()
        if hasattr(neu, 'C'): neu.C = C_prev.copy()
        return g @ neu.forward(x)
    L(); grads = neu.backward(g)
    for name in names:
        P = getattr(neu, name); num = np.zeros_like(P)
        for idx in np.ndindex(P.shape):
            old = P[idx]; P[idx] = old + eps; lp = L(); P[idx] = old - eps; lm = L(); P[idx] = old
            num[idx] = (lp - lm) / (2 * eps)
        L(); grads = neu.backward(g)
        an = grads[name] if name in grads else grads["grad_" + name]
        print(f"  {name:4s} max|analytic-FD| = {np.abs(num - an).max():.2e}  {'AGREE' if np.allclose(num, an, atol=1e-7) else 'DISAGREE'}")
    return grads

for act in ("tanh", "sigmoid", "relu"):
    print(f"== RNNNeuron ({act})")
    neu = ns['RNNNeuron'](activation=act)
    gr = run(neu, ["W_xh", "W_hh", "b_h"])
    f = lambda hp, xx: g @ neu.activation(neu.W_hh @ hp + neu.W_xh @ xx + neu.b_h)
    nh = np.array([(f(h_prev + e, x) - f(h_prev - e, x)) / (2 * eps) for e in np.eye(3) * eps])
    nx = np.array([(f(h_prev, x + e) - f(h_prev, x - e)) / (2 * eps) for e in np.eye(3) * eps])
    print(f"  h_prev diff = {np.abs(nh - gr['h_prev']).max():.2e}, input diff = {np.abs(nx - gr['input']).max():.2e}")
print("== GRUNeuron (one step, h_prev fixed)")
run(ns['GRUNeuron'](), ["W_r", "b_r", "W_z", "b_z", "W_h", "b_h"])
print("== LSTMNeuron (one step, h_prev, C_prev fixed)")
run(ns['LSTMNeuron'](), ["W_f", "b_f", "W_i", "b_i", "W_C", "b_C", "W_o", "b_o"])
