"""Finite-difference check for sumesh_11785_rnn_cell_e0bdca4.md (numpy only, float64).
L = sum_b <delta_b, h_t,b>; dW/db are batch-averaged (1/B) dL/dW; dx, dh_prev_t per example."""
import json, os
import numpy as np

rng = np.random.default_rng(1112)
RESULTS = {}


def numgrad(f, X, eps=1e-6):
    G = np.zeros_like(X)
    it = np.nditer(X, flags=["multi_index"])
    for _ in it:
        i = it.multi_index
        old = X[i]
        X[i] = old + eps; fp = f()
        X[i] = old - eps; fm = f()
        X[i] = old
        G[i] = (fp - fm) / (2 * eps)
    return G


def close(a, b, tol=1e-6):
    return np.shape(a) == np.shape(b) and np.allclose(a, b, rtol=tol, atol=tol)


class Tanh:                     # HW3 handout semantics
    def __call__(self, Z):
        self.state = np.tanh(Z)
        return self.state

    def backward(self, state=None):
        s = self.state if state is None else state
        return 1 - s ** 2


def run(B, H, D):
    W_ih = rng.standard_normal((H, D)); W_hh = rng.standard_normal((H, H))
    b_ih = rng.standard_normal(H); b_hh = rng.standard_normal(H)
    x = rng.standard_normal((B, D)); hp = rng.standard_normal((B, H)); delta = rng.standard_normal((B, H))
    act = Tanh()
    h_t = act(x@W_ih.T+b_ih+hp@W_hh.T+b_hh)
    ref = np.tanh(np.einsum('hd,bd->bh', W_ih, x) + b_ih + np.einsum('hk,bk->bh', W_hh, hp) + b_hh)
    r = {51: close(h_t, ref), 56: close(h_t, ref)}
    L = lambda: np.sum(delta * np.tanh(x @ W_ih.T + b_ih + hp @ W_hh.T + b_hh))
    Z0 = x @ W_ih.T + b_ih + hp @ W_hh.T + b_hh; EZ = np.zeros_like(Z0)
    dz_true = numgrad(lambda: np.sum(delta * np.tanh(Z0 + EZ)), EZ)
    gWih = numgrad(L, W_ih) / B; gWhh = numgrad(L, W_hh) / B; gbih = numgrad(L, b_ih) / B; gbhh = numgrad(L, b_hh) / B
    gx = numgrad(L, x); ghp = numgrad(L, hp)
    h_prev_l, h_prev_t, batch_size = x, hp, B
    dz = delta*act.backward(state=h_t); r[91] = close(dz, dz_true)
    dz = dz_true
    try:
        v = h_prev_l*((dz*W_hh)*dz)/batch_size; r[96] = close(v, gWih)
    except ValueError:
        r[96] = False
    r[97] = close(dz.T@h_prev_l/batch_size, gWih); r[98] = close(dz.T@h_prev_t/batch_size, gWhh)
    r[99] = close(np.mean(dz,axis=0), gbih); r[100] = close(np.mean(dz,axis=0), gbhh)
    r[103] = close(dz@W_ih, gx); r[104] = close(dz@W_hh, ghp)
    return r


R1 = run(2, 3, 4); R2 = run(3, 3, 3)      # the draft row only broadcasts when B = H = D
RESULTS = {k: R1[k] and R2[k] for k in R1}
exp = json.load(open(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'expected.json')))['sumesh_11785_rnn_cell_e0bdca4.md']
assert set(int(k) for k in exp) == set(RESULTS), set(int(k) for k in exp) ^ set(RESULTS)
bad = [(k, RESULTS[int(k)], v['expected']) for k, v in exp.items() if RESULTS[int(k)] != (v['expected'] == 'pass')]
assert not bad, bad
print('sumesh: all', len(exp), 'verdicts confirmed;', sum(v['expected'] == 'fail' for v in exp.values()), 'fail rows')
