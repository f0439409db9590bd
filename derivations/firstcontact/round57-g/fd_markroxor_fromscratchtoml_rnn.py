"""FD check of markroxor_fromscratchtoml_rnn.md (fromscratchtoml RNN layer, commit 5e911b6).
Batch-first row vectors: X (bs, T, vocab), z_t = x_t W_xh + h_{t-1} W_hh, h_t = tanh(z_t), y_t = h_t W_hy;
h has T+1 slots and h[:, -1] (slot T) stays 0 = initial state. dEdO[:, t] = dE/dy_t from the next layer.
Test loss E = sum_{b,t} 1/2 ||y_t - target_t||^2. memory_window >= T so truncation plays no role."""
import numpy as np

NOTE = 'markroxor_fromscratchtoml_rnn.md'
LINES = open(NOTE).read().split('\n')


def ln(s, nth=0):
    return [i + 1 for i, l in enumerate(LINES) if s in l][nth]


def sigmoid(x, return_deriv=False):
    x = x.astype(np.float64)
    _sigmoid = 1. / (1. + np.exp(-x))
    if return_deriv:
        return _sigmoid, _sigmoid * (1 - _sigmoid)
    return _sigmoid


def tanh(x, return_deriv=False):
    _tanh = 2 * sigmoid(2 * x) - 1
    if return_deriv:
        _, _tanh_deriv = sigmoid(2 * x, return_deriv=True)
        _tanh_deriv = 4 * _tanh_deriv
        return _tanh, _tanh_deriv
    return _tanh


def close(a, b, tol=1e-5):
    return np.allclose(a, b, rtol=tol, atol=1e-8)


rng = np.random.default_rng(5)
e = 1e-6
res = {}
xx = rng.normal(size=7)
res[ln('_sigmoid = 1. / (1. + np.exp(-x))')] = close(sigmoid(xx), 1 / (1 + np.exp(-xx)))
res[ln('return _sigmoid, _sigmoid * (1 - _sigmoid)')] = close(sigmoid(xx, True)[1], (sigmoid(xx + e) - sigmoid(xx - e)) / (2 * e))
res[ln('_tanh = 2 * Activations.sigmoid(2 * x) - 1')] = close(tanh(xx), np.tanh(xx))
s2 = 1 / (1 + np.exp(-2 * xx))
res[ln('_, _tanh_deriv = Activations.sigmoid(2 * x, return_deriv=True)')] = close(sigmoid(2 * xx, True)[1], s2 * (1 - s2))
res[ln('_tanh_deriv = 4 * _tanh_deriv')] = close(tanh(xx, True)[1], 1 - np.tanh(xx) ** 2)

bs, T, V, Hn = 2, 5, 4, 3
W_xh = rng.normal(scale=0.6, size=(V, Hn)); W_hh = rng.normal(scale=0.6, size=(Hn, Hn)); W_hy = rng.normal(scale=0.6, size=(Hn, V))
X = rng.normal(size=(bs, T, V)); TG = rng.normal(size=(bs, T, V))


def fwd(W_xh, W_hh, W_hy, X, zpert=None):
    h = np.zeros((bs, T + 1, Hn)); z = np.zeros_like(h); out = np.zeros((bs, T, V))
    for t in range(T):
        z[:, t] = np.dot(X[:, t], W_xh)
        z[:, t] += np.dot(h[:, t - 1], W_hh)
        if zpert is not None and zpert[0] == t:
            z[:, t] += zpert[1]
        h[:, t] = tanh(z[:, t])
        out[:, t] = np.dot(h[:, t], W_hy)
    return h, z, out, 0.5 * np.sum((out - TG) ** 2)


h, z, out, E = fwd(W_xh, W_hh, W_hy, X)
# forward rows vs the plain model
href = np.zeros((bs, Hn)); okz = okh = oky = True
for t in range(T):
    zr = X[:, t] @ W_xh + href @ W_hh
    hr = np.tanh(zr)
    okz &= close(z[:, t], zr); okh &= close(h[:, t], hr); oky &= close(out[:, t], hr @ W_hy); href = hr
for s in ['self.z[:, t] = np.dot(X[:, t], self.W_xh)', '#     self.z[ix, t] += self.W_xh[X[ix, t]]',
          'self.z[:, t] += np.dot(self.h[:, t - 1], self.W_hh)']:
    res[ln(s)] = okz
res[ln('self.h[:, t] = Activations.tanh(self.z[:, t])')] = okh
res[ln('y_t = np.dot(self.h[:, t], self.W_hy)')] = oky
res[ln('self.outputs[:, t] = y_t')] = oky


def fdW(k):
    Ws = [W_xh, W_hh, W_hy]
    G = np.zeros_like(Ws[k])
    for idx in np.ndindex(*G.shape):
        P = [w.copy() for w in Ws]; M = [w.copy() for w in Ws]
        P[k][idx] += e; M[k][idx] -= e
        G[idx] = (fwd(*P, X)[3] - fwd(*M, X)[3]) / (2 * e)
    return G


def fd_X():
    G = np.zeros_like(X)
    for idx in np.ndindex(*X.shape):
        P = X.copy(); M = X.copy(); P[idx] += e; M[idx] -= e
        G[idx] = (fwd(W_xh, W_hh, W_hy, P)[3] - fwd(W_xh, W_hh, W_hy, M)[3]) / (2 * e)
    return G


def dEt_dz(t_out, t_z):
    """gradient of E_{t_out} = 1/2||y_{t_out}-target||^2 (summed over batch) w.r.t. z_{t_z}, by FD"""
    G = np.zeros((bs, Hn))
    for idx in np.ndindex(bs, Hn):
        d = np.zeros((bs, Hn)); d[idx] = e
        Ep = 0.5 * np.sum((fwd(W_xh, W_hh, W_hy, X, (t_z, d))[2][:, t_out] - TG[:, t_out]) ** 2)
        Em = 0.5 * np.sum((fwd(W_xh, W_hh, W_hy, X, (t_z, -d))[2][:, t_out] - TG[:, t_out]) ** 2)
        G[idx] = (Ep - Em) / (2 * e)
    return G


dEdO = out - TG
dhdz = [tanh(z[:, t], True)[1] for t in range(T)]
res[ln('_, dhdz = Activations.tanh(self.z[:, t], return_deriv=True)')] = all(close(dhdz[t], 1 - h[:, t] ** 2) for t in range(T))
res[ln('_, dhdz = Activations.tanh(self.z[:, tt], return_deriv=True)')] = res[ln('_, dhdz = Activations.tanh(self.z[:, t], return_deriv=True)')]
dEdZ = [np.dot(dEdO[:, t], W_hy.T) * dhdz[t] for t in range(T)]
# dEdZ as the error of output t at its own pre-activation z_t
res[ln('dEdZ = np.dot(dEdO[:, t], self.W_hy.T) * dhdz')] = all(close(dEdZ[t], dEt_dz(t, t)) for t in range(T))
res[ln('self.dEdW_hy += np.dot(self.h[:, t].T, dEdO[:, t])')] = close(sum(h[:, t].T @ dEdO[:, t] for t in range(T)), fdW(2))
# returned gradient w.r.t. the layer input x_t
gX = fd_X()
res[ln('dEdO[:, t] = np.dot(dEdZ, self.W_xh.T)')] = all(close(dEdZ[t] @ W_xh.T, gX[:, t]) for t in range(T))
# memory loop increments vs the correct increments x_tt^T dE_t/dz_tt, h_{tt-1}^T dE_t/dz_tt (tt < t)
okx = okh2 = True
for t in range(T):
    for tt in range(t):
        true_delta = dEt_dz(t, tt)
        written = np.dot(dhdz[tt], W_hh) * dEdZ[t]
        okx &= close(X[:, tt].T @ written, X[:, tt].T @ true_delta)
        okh2 &= close(h[:, tt - 1].T @ written, h[:, tt - 1].T @ true_delta)
    # the tt = t pass of the loop adds a further non-zero term on top of the direct term added after the loop
    okx &= close(X[:, t].T @ (np.dot(dhdz[t], W_hh) * dEdZ[t]), 0 * W_xh)
res[ln('self.dEdW_xh += np.dot(self.input[:, tt].T, np.dot(dhdz, self.W_hh) * dEdZ)')] = okx
res[ln('#     self.dEdW_xh[self.input[ix, t]] += np.dot(dhdz, self.W_hh)[ix] * dEdZ[ix]')] = okx
res[ln('self.dEdW_hh += np.dot(self.h[:, tt - 1].T, np.dot(dhdz, self.W_hh) * dEdZ)')] = okh2
# direct terms (tt = t): x_t^T dE_t/dz_t and h_{t-1}^T dE_t/dz_t; together with correct earlier terms they give the FD gradient
corr_xh = sum(X[:, tt].T @ dEt_dz(t, tt) for t in range(T) for tt in range(t))
corr_hh = sum(h[:, tt - 1].T @ dEt_dz(t, tt) for t in range(T) for tt in range(t))
ok_dx = close(sum(X[:, t].T @ dEdZ[t] for t in range(T)) + corr_xh, fdW(0))
ok_dh = close(sum(h[:, t - 1].T @ dEdZ[t] for t in range(T)) + corr_hh, fdW(1))
res[ln('self.dEdW_xh += np.dot(self.input[:, t].T, dEdZ)')] = ok_dx
res[ln('#     self.dEdW_xh[self.input[ix, t]] += dEdZ[ix]')] = ok_dx
res[ln('self.dEdW_hh += np.dot(self.h[:, t - 1].T, dEdZ)')] = ok_dh

# whole published backward (memory_window = T) vs FD
dW_xh = np.zeros_like(W_xh); dW_hh = np.zeros_like(W_hh)
for t in reversed(range(T)):
    for tt in range(0, t + 1):
        dW_xh += np.dot(X[:, tt].T, np.dot(dhdz[tt], W_hh) * dEdZ[t])
        dW_hh += np.dot(h[:, tt - 1].T, np.dot(dhdz[tt], W_hh) * dEdZ[t])
    dW_xh += np.dot(X[:, t].T, dEdZ[t]); dW_hh += np.dot(h[:, t - 1].T, dEdZ[t])
assert not close(dW_xh, fdW(0)) and not close(dW_hh, fdW(1))

expected_fail = {ln('dEdO[:, t] = np.dot(dEdZ, self.W_xh.T)'),
                 ln('self.dEdW_xh += np.dot(self.input[:, tt].T, np.dot(dhdz, self.W_hh) * dEdZ)'),
                 ln('#     self.dEdW_xh[self.input[ix, t]] += np.dot(dhdz, self.W_hh)[ix] * dEdZ[ix]'),
                 ln('self.dEdW_hh += np.dot(self.h[:, tt - 1].T, np.dot(dhdz, self.W_hh) * dEdZ)')}
for line, ok in sorted(res.items()):
    print(line, 'pass' if ok else 'FAIL', LINES[line - 1].strip()[:80])
    assert bool(ok) == (line not in expected_fail), line
print('all verdicts confirmed')
