# Finite-difference check of the sine-wave RNN backward pass (rnn_sine_numpy.py), numpy only.
import numpy as np
rng = np.random.default_rng(0)
H, T = 6, 5
Wx = rng.normal(size=(H, 1)); Wh = rng.normal(size=(H, H)) * 0.5; Wy = rng.normal(size=(1, H))
xs = rng.normal(size=(T, 1)); target = np.array([[0.3]])

def forward(Wx, Wh, Wy):
    ht = np.zeros((H, 1)); hs = [ht]; ins = []
    for s in range(T):
        ht = np.tanh(np.dot(Wx, xs[s].reshape(1, 1)) + np.dot(Wh, ht))   # line 33
        yt = np.dot(Wy, ht)                                               # line 34
        ins.append(xs[s].reshape(1, 1)); hs.append(ht)
    err = yt - target                                                     # line 47
    return 0.5 * float(err[0, 0] ** 2), hs, ins, err                      # line 48

def author_backward(transpose_fix=False):
    L, hs, ins, err = forward(Wx, Wh, Wy)
    dyt = err                                      # line 53
    dWy = np.dot(dyt, hs[-1].T)                    # line 54
    dht = np.dot(dyt, Wy).T                        # line 55
    dWx = np.zeros(Wx.shape); dWh = np.zeros(Wh.shape)
    dh_list = {}
    for step in reversed(range(T)):
        dh_list[step] = dht.copy()                 # value used as dL/dh_step
        temp = (1 - hs[step + 1] ** 2) * dht       # line 60
        dWx += np.dot(temp, ins[step].T)           # line 62
        dWh += np.dot(temp, hs[step].T)            # line 63
        dht = np.dot(Wh.T if transpose_fix else Wh, temp)   # line 65 (author: Wh)
    return dWx, dWh, dWy, dh_list

def num_grad(f, P, eps=1e-6):
    g = np.zeros_like(P)
    for idx in np.ndindex(P.shape):
        old = P[idx]; P[idx] = old + eps; lp = f(); P[idx] = old - eps; lm = f(); P[idx] = old
        g[idx] = (lp - lm) / (2 * eps)
    return g
L = lambda: forward(Wx, Wh, Wy)[0]
nWx, nWh, nWy = num_grad(L, Wx), num_grad(L, Wh), num_grad(L, Wy)

# numerical dL/dh_step: perturb h_step through an additive offset
def loss_with_offset(step, delta):
    ht = np.zeros((H, 1))
    for s in range(T):
        ht = np.tanh(np.dot(Wx, xs[s].reshape(1, 1)) + np.dot(Wh, ht))
        if s == step: ht = ht + delta
        yt = np.dot(Wy, ht)
    return 0.5 * float((yt - target)[0, 0] ** 2)
def num_dh(step):
    g = np.zeros((H, 1))
    for k in range(H):
        d = np.zeros((H, 1)); d[k] = 1e-6
        g[k] = (loss_with_offset(step, d) - loss_with_offset(step, -d)) / 2e-6
    return g

ok = lambda a, b: np.allclose(a, b, rtol=1e-5, atol=1e-7)
aWx, aWh, aWy, adh = author_backward(False)
fWx, fWh, fWy, fdh = author_backward(True)
print("line 54 dWy (author)           agrees with FD:", ok(aWy, nWy))
print("line 55 dht at last step (author) agrees with FD dL/dh_T:", ok(adh[T - 1], num_dh(T - 1)))
print("line 65 dht = Wh @ temp -> dL/dh_{T-2} agrees with FD:", ok(adh[T - 2], num_dh(T - 2)))
print("        same with Wh.T @ temp (corrected) agrees with FD:", ok(fdh[T - 2], num_dh(T - 2)))
print("lines 60/62/63 with corrected recursion: dWx agrees:", ok(fWx, nWx), " dWh agrees:", ok(fWh, nWh))
print("author's full dWx agrees with FD:", ok(aWx, nWx), "  author's full dWh agrees with FD:", ok(aWh, nWh))
print("  max |author dWh - FD dWh| =", np.abs(aWh - nWh).max())

# line 28 (docstring): J = sum_i y_i log(y_i) with y = one-hot target and the second y = softmax prediction
logits = rng.normal(size=4); p = np.exp(logits) / np.exp(logits).sum(); y = np.eye(4)[1]
J_written = np.sum(y * np.log(p)); CE = -np.sum(y * np.log(p))
print("line 28 J as written equals the cross-entropy:", np.isclose(J_written, CE), "(J =", round(J_written, 4), ", CE =", round(CE, 4), ")")
