"""Finite-difference check for sridevikaza_11785_rnn_cell_24d4de2.md (numpy only, float64).
Convention (11-785 writeup): delta rows are dL/dh_t per example, L = sum_b <delta_b, h_t,b>;
dW/db are the batch-AVERAGED gradients (1/B) dL/dW; dx, dh_prev_t are per-example dL/dx, dL/dh_prev."""
import json, os
import numpy as np

rng = np.random.default_rng(2024)
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


class Tanh:
    def forward(self, Z):
        self.A = Z
        self.tanhVal = np.tanh(self.A)
        return self.tanhVal

    def backward(self, dLdA, state=None):
        if state is not None:
            dAdZ = 1 - state*state
            return dAdZ * dLdA
        else:
            dAdZ = 1 - self.tanhVal * self.tanhVal
            return dAdZ * dLdA


def try_eval(fn):
    try:
        return fn()
    except ValueError:      # shape/broadcast error: the row cannot even be evaluated
        return None


def run(B, H, D):
    W_ih = rng.standard_normal((H, D)); W_hh = rng.standard_normal((H, H))
    b_ih = rng.standard_normal(H); b_hh = rng.standard_normal(H)
    x = rng.standard_normal((B, D)); hp = rng.standard_normal((B, H)); delta = rng.standard_normal((B, H))
    act = Tanh()
    # forward rows (lines 91-93)
    z = (np.matmul(W_ih, np.transpose(x)) + np.expand_dims(b_ih, axis=1) +
         np.matmul(W_hh, np.transpose(hp)) + np.expand_dims(b_hh, axis=1))
    h_t = act.forward(np.transpose(z))
    ref = np.tanh(x @ W_ih.T + b_ih + hp @ W_hh.T + b_hh)
    fwd_ok = close(np.transpose(z), x @ W_ih.T + b_ih + hp @ W_hh.T + b_hh) and close(h_t, ref)

    def L():
        return np.sum(delta * np.tanh(x @ W_ih.T + b_ih + hp @ W_hh.T + b_hh))
    Z0 = x @ W_ih.T + b_ih + hp @ W_hh.T + b_hh
    EZ = np.zeros_like(Z0)
    dz_true = numgrad(lambda: np.sum(delta * np.tanh(Z0 + EZ)), EZ)
    gWih = numgrad(L, W_ih) / B; gWhh = numgrad(L, W_hh) / B
    gbih = numgrad(L, b_ih) / B; gbhh = numgrad(L, b_hh) / B
    gx = numgrad(L, x); ghp = numgrad(L, hp)
    h_prev_l = x; h_prev_t = hp; batch_size = B
    # backward rows as written (self.x is x); each row is evaluated with the TRUE dz where it uses dz
    r = {}
    dz_w = act.backward(h_prev_t, state=h_t)                                   # line 127
    r[127] = close(dz_w, dz_true)
    dz = dz_true
    v = try_eval(lambda: 1/batch_size * dz * np.matmul(np.transpose(delta), x)); r[131] = v is not None and close(v, gWih)
    v = try_eval(lambda: 1/batch_size * dz * np.matmul(np.transpose(delta), h_prev_l)); r[132] = v is not None and close(v, gWhh)
    v = try_eval(lambda: 1/batch_size * dz * delta); r[133] = v is not None and close(v, gbih)
    r[134] = v is not None and close(v, gbhh)
    v = try_eval(lambda: dz * np.matmul(delta, W_ih)); r[137] = v is not None and close(v, gx)
    v = try_eval(lambda: dz * np.matmul(delta, W_hh)); r[138] = v is not None and close(v, ghp)
    # the fix of commit 84d7e89 matches FD (sanity check of the convention)
    assert close(act.backward(delta, state=h_t), dz_true)
    assert close((dz_true.T @ h_prev_l) / B, gWih) and close((dz_true.T @ h_prev_t) / B, gWhh)
    assert close(np.sum(dz_true, axis=0) / B, gbih) and close(np.sum(dz_true, axis=0) / B, gbhh)
    assert close(dz_true @ W_ih, gx) and close(dz_true @ W_hh, ghp)
    # Tanh rows
    s = np.tanh(rng.standard_normal((B, H))); g = rng.standard_normal((B, H))
    Zs = np.arctanh(s); EZs = np.zeros_like(Zs)
    fd = numgrad(lambda: np.sum(g * np.tanh(Zs + EZs)), EZs)
    act.forward(Zs)
    r[22] = close(act.tanhVal, s)
    r[27] = close(1 - s*s, fd / g)
    r[28] = close(act.backward(g, state=s), fd)
    r[30] = close(1 - act.tanhVal * act.tanhVal, fd / g)
    r[31] = close(act.backward(g), fd)
    r[88] = fwd_ok; r[91] = fwd_ok; r[93] = close(h_t, ref)
    return r


R1 = run(2, 3, 4)     # generic shapes: several draft rows do not even broadcast
R2 = run(3, 3, 3)     # B = H = D so every draft row evaluates; still wrong
for k in R1:
    RESULTS[k] = R1[k] and R2[k]
exp = json.load(open(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'expected.json')))['sridevikaza_11785_rnn_cell_24d4de2.md']
bad = [(k, RESULTS.get(int(k)), v['expected']) for k, v in exp.items() if RESULTS.get(int(k)) != (v['expected'] == 'pass')]
assert set(int(k) for k in exp) == set(RESULTS), (set(int(k) for k in exp) ^ set(RESULTS))
assert not bad, bad
print('sridevikaza: all', len(exp), 'verdicts confirmed;', sum(v['expected'] == 'fail' for v in exp.values()), 'fail rows')
