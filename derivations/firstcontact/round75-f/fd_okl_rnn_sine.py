# Finite-difference check of okl_rnn_sine.md (Ok-landscape SimpleRNN notebook). numpy only.
# Column vectors: h_t = tanh(W_hh h_{t-1} + W_xh x_t + b_h), y_t = W_hy h_t + b_y,
# loss = sum_t sum((y_t - target_t)^2) / T  (lines 152-155).
import numpy as np
rng = np.random.default_rng(1)
D, H, O, T = 2, 4, 2, 5
P0 = dict(W_xh=rng.normal(0, .6, (H, D)), W_hh=rng.normal(0, .6, (H, H)), W_hy=rng.normal(0, .6, (O, H)),
          b_h=rng.normal(0, .3, (H, 1)), b_y=rng.normal(0, .3, (O, 1)))
xs = [rng.normal(size=(D, 1)) for _ in range(T)]; ys = [rng.normal(size=(O, 1)) for _ in range(T)]
h0 = rng.normal(0, .5, (H, 1))

def forward(p=P0, hk=None, xs=xs):
    hk = hk or {}; g = lambda n, t, v: v + hk.get((n, t), 0)
    hidden_states = [h0]; outputs = []
    for t, x_t in enumerate(xs):
        hin = g('hin', t, hidden_states[-1])
        a = g('a', t, g('W_hh', t, p['W_hh']) @ hin + g('W_xh', t, p['W_xh']) @ x_t + g('b_h', t, p['b_h']))
        h_t = g('h', t, np.tanh(a)); hidden_states.append(h_t)
        outputs.append(g('y', t, g('W_hy', t, p['W_hy']) @ h_t + g('b_y', t, p['b_y'])))
    return outputs, hidden_states

def loss_of(outputs):
    return sum(np.sum((outputs[t] - ys[t]) ** 2) for t in range(T)) / T

def fd(name, t, shape):
    G = np.zeros(shape); e = 1e-6
    for idx in np.ndindex(*shape):
        E = np.zeros(shape); E[idx] = e
        G[idx] = (loss_of(forward(hk={(name, t): E})[0]) - loss_of(forward(hk={(name, t): -E})[0])) / (2 * e)
    return G

# author's backward (lines 158-178), intermediates recorded
p = P0; outputs, hidden_states = forward()
dW_xh = np.zeros_like(p['W_xh']); dW_hh = np.zeros_like(p['W_hh']); dW_hy = np.zeros_like(p['W_hy'])
db_h = np.zeros_like(p['b_h']); db_y = np.zeros_like(p['b_y'])
dh_next = np.zeros_like(hidden_states[0]); rec = {}
for t in reversed(range(T)):
    dy = 2 * (outputs[t] - ys[t]) / T                       # 162
    a1 = dy @ hidden_states[t + 1].T; dW_hy += a1            # 163
    db_y += dy                                               # 164
    dh = p['W_hy'].T @ dy + dh_next                          # 167
    dh_raw = dh * (1 - hidden_states[t + 1] ** 2)            # 170
    a2 = dh_raw @ xs[t].T; dW_xh += a2                       # 173
    a3 = dh_raw @ hidden_states[t].T; dW_hh += a3            # 174
    db_h += dh_raw                                           # 175
    dh_next = p['W_hh'].T @ dh_raw                           # 178
    rec[t] = dict(dy=dy, dWhy=a1, dh=dh, dh_raw=dh_raw, dWxh=a2, dWhh=a3, dh_next=dh_next)

def report(line, name, got, ref):
    ok = np.allclose(got, ref, rtol=1e-5, atol=1e-8)
    print(f'line {line:>4} {name:<40} {"AGREES" if ok else "DIFFERS  max|diff|=%.3g" % np.max(np.abs(got - ref))}')

for t in range(T):
    r = rec[t]
    report(162, f'dy = dL/dy_t (t={t})', r['dy'], fd('y', t, (O, 1)))
    report(163, f'dW_hy step t={t}', r['dWhy'], fd('W_hy', t, (O, H)))
    report(164, f'db_y step t={t}', r['dy'], fd('b_y', t, (O, 1)))
    report(167, f'dh = dL/dh_t total (t={t})', r['dh'], fd('h', t, (H, 1)))
    report(170, f'dh_raw = dL/da_t (t={t})', r['dh_raw'], fd('a', t, (H, 1)))
    report(173, f'dW_xh step t={t}', r['dWxh'], fd('W_xh', t, (H, D)))
    report(174, f'dW_hh step t={t}', r['dWhh'], fd('W_hh', t, (H, H)))
    report(175, f'db_h step t={t}', r['dh_raw'], fd('b_h', t, (H, 1)))
    report(178, f'dh_next = dL/dh_(t-1) via step t (t={t})', r['dh_next'], fd('hin', t, (H, 1)))
for nm, got in [('W_xh', dW_xh), ('W_hh', dW_hh), ('W_hy', dW_hy), ('b_h', db_h), ('b_y', db_y)]:
    G = np.zeros(p[nm].shape); e = 1e-6
    for idx in np.ndindex(*G.shape):
        E = np.zeros(G.shape); E[idx] = e
        pp = dict(p); pp[nm] = p[nm] + E; pm = dict(p); pm[nm] = p[nm] - E
        G[idx] = (loss_of(forward(pp)[0]) - loss_of(forward(pm)[0])) / (2 * e)
    report(0, f'total d{nm} (sum over t)', got, G)

# line 42: dh_t/dh_{t-1} = diag(1 - h_t^2) W_hh (numerator layout Jacobian)
t = 3; J = np.zeros((H, H)); e = 1e-6
def h_of(hprev): return np.tanh(p['W_hh'] @ hprev + p['W_xh'] @ xs[t] + p['b_h'])
for j in range(H):
    E = np.zeros((H, 1)); E[j] = e; J[:, j] = ((h_of(hidden_states[t] + E) - h_of(hidden_states[t] - E)) / (2 * e)).ravel()
report(42, 'dh_t/dh_(t-1) = diag(1-h_t^2) W_hh', np.diag((1 - hidden_states[t + 1] ** 2).ravel()) @ p['W_hh'], J)
# line 36: double sum = dL/dW_hh with dL_t/dh_t, Jacobian products, immediate dh_k/dW_hh
Jac = lambda j: np.diag((1 - hidden_states[j + 1] ** 2).ravel()) @ p['W_hh']      # dh_j/dh_{j-1}, 0-based step j
G = np.zeros((H, H))
for tt in range(T):
    gL = (2 * (outputs[tt] - ys[tt]) / T).T @ p['W_hy']            # dL_t/dh_t (row)
    for k in range(tt + 1):
        M = np.eye(H)
        for j in range(tt, k, -1): M = M @ Jac(j)                  # prod_{j=k+1}^{t} dh_j/dh_{j-1}
        v = (gL @ M).ravel() * (1 - hidden_states[k + 1] ** 2).ravel()   # through tanh at k
        G += np.outer(v, hidden_states[k].ravel())                 # immediate dh_k/dW_hh
report(36, 'double-sum formula for dL/dW_hh', G, dW_hh)
