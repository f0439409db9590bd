"""FD check for tomdlt_rnn_bptt.md (TomDLT course RNN BPTT solution). numpy only, float64."""
import numpy as np

rng = np.random.RandomState(0)
D, H, T = 10, 6, 5
U = rng.uniform(-1, 1, (H, D)); V = rng.uniform(-1, 1, (D, H)); W = rng.uniform(-1, 1, (H, H)) * 0.8
x = rng.randint(10, size=T); y = rng.randint(10, size=T)
TRUNC = 1000

def softmax(z):
    e = np.exp(z - np.max(z)); return e / e.sum()

def forward(U, V, W, x, a_pert=None):
    # rows 116-117: states[t] = tanh(U[:, x[t]] + W.dot(states[t-1])); outputs[t] = softmax(V.dot(states[t]))
    n = len(x); states = np.zeros((n + 1, H)); states[-1] = 0; outputs = np.zeros((n, D)); pre = np.zeros((n, H))
    for t in range(n):
        a = U[:, x[t]] + W.dot(states[t - 1])
        if a_pert is not None and a_pert[0] == t: a = a + a_pert[1]
        pre[t] = a; states[t] = np.tanh(a); outputs[t] = softmax(V.dot(states[t]))
    return outputs, states, pre

def loss_total(U, V, W):  # calculate_total_loss for one sequence (sum, not mean)
    o, _, _ = forward(U, V, W, x); return -np.sum(np.log(o[np.arange(T), y]))

def loss_t(t, a_pert=None):
    o, _, _ = forward(U, V, W, x, a_pert); return -np.log(o[t, y[t]])

def fd(f, P, eps=1e-6):
    g = np.zeros_like(P)
    for ix in np.ndindex(P.shape):
        old = P[ix]; P[ix] = old + eps; fp = f(); P[ix] = old - eps; fm = f(); P[ix] = old; g[ix] = (fp - fm) / (2 * eps)
    return g

ok = {}
# forward rows 23/24/73/74/116/117: check tanh/softmax model matches an independent one-hot formulation
o, s, pre = forward(U, V, W, x)
sp = np.zeros(H); 
for t in range(T):
    xt = np.eye(D)[x[t]]; st = np.tanh(U @ xt + W @ sp); ot = np.exp(V @ st) / np.exp(V @ st).sum()
    assert np.allclose(st, s[t]) and np.allclose(ot, o[t]); sp = st
ok['forward'] = True

# row 58: L = -1/N sum y log o (one-hot y): definition; check equals mean of -log o[y]
Yoh = np.eye(D)[y]; assert np.isclose(-np.sum(Yoh * np.log(o)) / T, loss_total(U, V, W) / T)

# row 96: central difference formula -> derivative
f = lambda th: np.sin(3 * th) + th ** 3; th = 0.7; h = 1e-5
assert abs((f(th + h) - f(th - h)) / (2 * h) - (3 * np.cos(3 * th) + 3 * th ** 2)) < 1e-8

# author's bptt (answer.py) transcribed
def bptt():
    outputs, states, _ = forward(U, V, W, x)
    dLdU = np.zeros(U.shape); dLdV = np.zeros(V.shape); dLdW = np.zeros(W.shape)
    delta_outputs = outputs
    delta_outputs[np.arange(len(y)), y] -= 1.
    rec = {'delta_init': {}, 'delta_step': {}}
    for t in np.arange(T)[::-1]:
        dLdV += np.outer(delta_outputs[t], states[t].T)
        delta_t = V.T.dot(delta_outputs[t]) * (1 - (states[t] ** 2))
        rec['delta_init'][t] = delta_t.copy()
        t0 = max(0, t - TRUNC)
        for bptt_step in np.arange(t0, t + 1)[::-1]:
            dLdW += np.outer(delta_t, states[bptt_step - 1])
            dLdU[:, x[bptt_step]] += delta_t
            delta_t = W.T.dot(delta_t) * (1 - states[bptt_step - 1] ** 2)
            rec['delta_step'][(t, bptt_step - 1)] = delta_t.copy()
    return dLdU, dLdV, dLdW, delta_outputs, rec

dU, dV, dW, dout, rec = bptt()
# row 138: delta_outputs = dL_t/dz_t = o_t - onehot(y_t)
z = np.array([V @ s[t] for t in range(T)])
for t in range(T):
    zt = z[t].copy()
    g = fd(lambda: -np.log(softmax(zt)[y[t]]), zt)
    assert np.allclose(g, dout[t], atol=1e-7)
# row 146: delta_t init = dL_t/da_t
for t in range(T):
    g = np.array([(loss_t(t, (t, e)) - loss_t(t, (t, -e))) / (2e-6) for e in np.eye(H) * 1e-6])
    assert np.allclose(g, rec['delta_init'][t], atol=1e-7)
# row 159: delta after step = dL_t/da_{bptt_step-1}
for (t, k), dv in rec['delta_step'].items():
    if k < 0: continue
    g = np.array([(loss_t(t, (k, e)) - loss_t(t, (k, -e))) / (2e-6) for e in np.eye(H) * 1e-6])
    assert np.allclose(g, dv, atol=1e-7), (t, k)
# rows 143 / 153 / 156 (accumulations) via totals
assert np.allclose(dV, fd(lambda: loss_total(U, V, W), V), atol=1e-6)
assert np.allclose(dW, fd(lambda: loss_total(U, V, W), W), atol=1e-6)
assert np.allclose(dU, fd(lambda: loss_total(U, V, W), U), atol=1e-6)
print("fd_tomdlt_rnn_bptt: all rows pass as annotated (0 fail)")
