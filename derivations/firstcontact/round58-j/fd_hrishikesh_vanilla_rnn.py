"""FD checks for hrishikesh_vanilla_rnn.md (hrishikeshshekhar/Vanilla-RNN rnn.py @ 20c0560).
Many-to-one: h_t = tanh(Whh h_{t-1} + Whx x_t + bh), h_0 = 0, p = softmax(Wyh h_T + by), columns = batch.
Loss L = sum_n -log p[y_n, n] (the training loop sums over the batch)."""
import numpy as np
rng = np.random.default_rng(3)
D, H, K, T, B = 3, 4, 3, 5, 2
Whx = rng.normal(size=(H, D)) * .6; Whh = rng.normal(size=(H, H)) * .6; Wyh = rng.normal(size=(K, H)) * .6
bh = rng.normal(size=(H, 1)) * .2; by = rng.normal(size=(K, 1)) * .2
X = rng.normal(size=(T, D, B)); Yl = rng.integers(0, K, B)
close = lambda a, b: np.allclose(a, b, rtol=1e-6, atol=1e-8)
def fd(f, A, eps=1e-6):
    g = np.zeros_like(A)
    for i in np.ndindex(A.shape):
        o = A[i]; A[i] = o + eps; p = f(); A[i] = o - eps; m = f(); A[i] = o; g[i] = (p - m) / (2 * eps)
    return g
def softmax(data):
    np.clip(data, -200, 200, out=data); data = np.exp(data); data /= np.sum(data, axis=0); return data
def forward(hpert=None):
    h = np.zeros((H, B)); states = [h]
    for t, words in enumerate(X):
        h = np.tanh(np.matmul(Whh, h) + np.matmul(Whx, words) + bh)
        if hpert is not None and hpert[0] == t: h = h + hpert[1]
        states.append(h)
    states = np.array(states)
    output = np.matmul(Wyh, states[-1]) + by
    return np.array(softmax(output)).reshape((K, B)), states
def loss(**kw):
    p, _ = forward(**kw); return -np.sum(np.log(p[Yl, np.arange(B)]))
preds, states = forward()
# forward check against an independent implementation
h = np.zeros((H, B))
for t in range(T): h = np.tanh(Whx @ X[t] + Whh @ h + bh)
z = Wyh @ h + by; ref = np.exp(z - z.max(0)) / np.exp(z - z.max(0)).sum(0)
assert close(preds, ref)
# backward as written (rows 49-81)
dL_dY = preds.copy().T
for index, pred in enumerate(dL_dY):
    pred[Yl[index]] -= 1
dL_dY = dL_dY.T
Tn = len(states) - 1
dL_dWyh = np.matmul(dL_dY, states[-1].T)
dL_dby = np.sum(dL_dY, axis=1).reshape(K, 1)
def bptt(transpose):
    dWhh = np.zeros(Whh.shape); dWhx = np.zeros(Whx.shape); dbh = np.zeros(bh.shape)
    dL_dh = np.matmul(Wyh.T, dL_dY); dhs = {}
    for t in reversed(range(Tn)):
        dhs[t] = dL_dh
        dWhh += np.matmul(dL_dh * (1 - (states[t + 1] ** 2)), states[t].T)
        dWhx += np.matmul(dL_dh * (1 - (states[t + 1] ** 2)), X[t].T)
        dbh += np.sum(dL_dh * (1 - (states[t + 1] ** 2)), axis=1).reshape(H, 1)
        Wr = Whh.T if transpose else Whh               # row 81 uses Whh (as written)
        dL_dh = np.matmul(Wr, dL_dh * (1 - states[t + 1] ** 2))
    return dWhh, dWhx, dbh, dhs
res = {}
res['dY'] = close(dL_dY, fd(lambda: -np.sum(np.log((lambda Z: np.exp(Z - Z.max(0)) / np.exp(Z - Z.max(0)).sum(0))(Zv)[Yl, np.arange(B)])), (Zv := Wyh @ states[-1] + by)))
res['Wyh'] = close(dL_dWyh, fd(loss, Wyh)); res['by'] = close(dL_dby, fd(loss, by))
# dL/dh_T: row 69
E = np.zeros((H, B)); res['dh_T'] = close(np.matmul(Wyh.T, dL_dY), fd(lambda: loss(hpert=(T - 1, E)), E))
w = bptt(False); c = bptt(True)
FW = dict(Whh=fd(loss, Whh), Whx=fd(loss, Whx), bh=fd(loss, bh))
res['as_written_Whh'] = close(w[0], FW['Whh']); res['as_written_Whx'] = close(w[1], FW['Whx']); res['as_written_bh'] = close(w[2], FW['bh'])
# recursion row 81 checked directly: dL/dh_{t} for t < T-1
def dh_fd(t):
    E = np.zeros((H, B)); return fd(lambda: loss(hpert=(t, E)), E)
res['row81_as_written'] = all(close(w[3][t], dh_fd(t)) for t in range(T - 1))
res['row81_transposed'] = all(close(c[3][t], dh_fd(t)) for t in range(T - 1))
# rows 72/74/77 are right given the true dL_dh (transposed recursion)
res['rows72_77_given_true_dh'] = close(c[0], FW['Whh']) and close(c[1], FW['Whx']) and close(c[2], FW['bh'])
print(res)
exp = dict(dY=True, Wyh=True, by=True, dh_T=True, as_written_Whh=False, as_written_Whx=False, as_written_bh=False,
           row81_as_written=False, row81_transposed=True, rows72_77_given_true_dh=True)
for k, v in exp.items(): assert res[k] == v, (k, res[k])
print('all verdicts confirmed')

# per-line verdicts (note line -> check result), compared with expected.json
import json, os
line_check = {'21': True, '30': True, '31': True, '42': True, '43': True, '49': res['dY'], '51': res['dY'], '59': res['Wyh'],
              '60': res['by'], '69': res['dh_T'], '72': res['rows72_77_given_true_dh'], '74': res['rows72_77_given_true_dh'],
              '77': res['rows72_77_given_true_dh'], '81': res['row81_as_written']}
ex = json.load(open(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'expected.json')))['hrishikesh_vanilla_rnn.md']
assert set(ex) == set(line_check), set(ex) ^ set(line_check)
for l, ok in line_check.items():
    assert (ex[l]['expected'] == 'pass') == bool(ok), l
print('per-line verdicts match expected.json')
