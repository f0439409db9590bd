"""FD check of captaine_rnn_lstm_numpy.md (DTU 02456 RNN/LSTM notebook, filled-in 2019 version).
Column vectors (n,1). RNN: h_t = tanh(U x_t + V h_{t-1} + b_hidden), h_{-1} = 0 (hidden_state passed in),
o_t = softmax(W h_t + b_out). Gradients are those of E = sum_t -log o_t[target_t] (cross-entropy;
the notebook's reported `loss` is this divided by vocab_size). Reference gradients by central FD."""
import numpy as np

NOTE = 'captaine_rnn_lstm_numpy.md'
LINES = open(NOTE).read().split('\n')


def ln(s, nth=0):
    hits = [i + 1 for i, l in enumerate(LINES) if s in l]
    return hits[nth]


# ---- author's helper functions (verbatim logic) ----
def sigmoid(x, derivative=False):
    x_safe = x + 1e-12
    f = 1 / (1 + np.exp(-x_safe))
    if derivative:
        return f * (1 - f)
    else:
        return f


def tanh(x, derivative=False):
    x_safe = x + 1e-12
    f = (np.exp(x_safe) - np.exp(-x_safe)) / (np.exp(x_safe) + np.exp(-x_safe))
    if derivative:
        return 1 - f ** 2
    else:
        return f


def softmax(x, derivative=False):
    x_safe = x + 1e-12
    f = np.exp(x_safe) / np.sum(np.exp(x_safe))
    if derivative:
        pass
    else:
        return f


def close(a, b, tol=1e-5):
    return np.allclose(a, b, rtol=tol, atol=1e-8)


rng = np.random.default_rng(2)
res = {}
# activation rows
x = rng.normal(size=(5, 1)); e = 1e-6
res[ln('f = 1 / (1 + np.exp(-x_safe))')] = close(sigmoid(x), 1 / (1 + np.exp(-x)))
res[ln('return f * (1 - f)')] = close(sigmoid(x, True), (sigmoid(x + e) - sigmoid(x - e)) / (2 * e))
res[ln('f = (np.exp(x_safe)-np.exp(-x_safe))')] = close(tanh(x), np.tanh(x))
res[ln('return 1-f**2')] = close(tanh(x, True), (tanh(x + e) - tanh(x - e)) / (2 * e))
res[ln('f = np.exp(x_safe) / np.sum(np.exp(x_safe))')] = close(softmax(x), np.exp(x) / np.exp(x).sum())

# ---- RNN ----
H, K, T = 4, 5, 5
U = rng.normal(scale=0.5, size=(H, K)); V = rng.normal(scale=0.5, size=(H, H)); W = rng.normal(scale=0.5, size=(K, H))
bh = rng.normal(scale=0.1, size=(H, 1)); bo = rng.normal(scale=0.1, size=(K, 1))
tgt = rng.integers(0, K, size=T)
inputs = [np.eye(K)[:, [rng.integers(0, K)]] for _ in range(T)]
targets = [np.eye(K)[:, [tgt[t]]] for t in range(T)]


def fwd(U, V, W, bh, bo, pert=None):
    """pert = (kind, t, vec): add vec to pre-activation a_t ('a'), to h_t ('h') or to logits ('v')"""
    h = np.zeros((H, 1)); hs, outs, As = [], [], []
    E = 0.0
    for t in range(T):
        a = U @ inputs[t] + V @ h + bh
        if pert and pert[0] == 'a' and pert[1] == t: a = a + pert[2]
        h = np.tanh(a)
        if pert and pert[0] == 'h' and pert[1] == t: h = h + pert[2]
        v = W @ h + bo
        if pert and pert[0] == 'v' and pert[1] == t: v = v + pert[2]
        p = np.exp(v) / np.exp(v).sum()
        hs.append(h); outs.append(p); As.append(a)
        E += -np.log(p[tgt[t], 0])
    return hs, outs, As, E


def fd_node(kind, t, n):
    g = np.zeros((n, 1))
    for k in range(n):
        d = np.zeros((n, 1)); d[k] = e
        g[k] = (fwd(U, V, W, bh, bo, (kind, t, d))[3] - fwd(U, V, W, bh, bo, (kind, t, -d))[3]) / (2 * e)
    return g


def fd_param(i):
    Ps = [U, V, W, bh, bo]
    G = np.zeros_like(Ps[i])
    for idx in np.ndindex(*G.shape):
        P = [q.copy() for q in Ps]; M = [q.copy() for q in Ps]
        P[i][idx] += e; M[i][idx] -= e
        G[idx] = (fwd(*P)[3] - fwd(*M)[3]) / (2 * e)
    return G


hs, outs, As, E = fwd(U, V, W, bh, bo)
# author's forward rows
h = np.zeros((H, 1)); ok_h = ok_o = True
for t in range(T):
    h = tanh(np.dot(U, inputs[t]) + np.dot(V, h) + bh)
    out = softmax(np.dot(W, h) + bo)
    ok_h &= close(h, hs[t]); ok_o &= close(out, outs[t])
res[ln('- $h_t = f(U')] = ok_h
res[ln('- $o_t = ')] = ok_o
res[ln('hidden_state = tanh(np.dot(U, inputs[t])')] = ok_h
res[ln('out = softmax(np.dot(W, hidden_state) + b_out)')] = ok_o
# loss row: value = CE / vocab_size (monitoring value; constant rescaling of the cross-entropy)
lossrow = sum(-np.mean(np.log(outs[t] + 1e-12) * targets[t]) for t in range(T))
res[ln('loss += -np.mean(np.log(outputs[t]+1e-12)')] = close(lossrow * K, E)

dv = [fd_node('v', t, K) for t in range(T)]
dh_tot = [fd_node('h', t, H) for t in range(T)]
da = [fd_node('a', t, H) for t in range(T)]
# d_o rows
ok = True
for t in range(T):
    d_o = outs[t].copy(); d_o[np.argmax(targets[t])] -= 1
    ok &= close(d_o, dv[t])
res[ln('d_o = outputs[t].copy()')] = res[ln('d_o[np.argmax(targets[t])] -= 1')] = ok
res[ln('d_W += np.dot(d_o, hidden_states[t].T)')] = close(sum(dv[t] @ hs[t].T for t in range(T)), fd_param(2))
res[ln('d_b_out += d_o')] = close(sum(dv), fd_param(4))
# d_h = W^T d_o + d_h_next, with the true d_h_next = V^T da_{t+1}
dnext = [V.T @ da[t + 1] if t + 1 < T else np.zeros((H, 1)) for t in range(T)]
res[ln('d_h = np.dot(W.T, d_o) + d_h_next')] = all(close(W.T @ dv[t] + dnext[t], dh_tot[t]) for t in range(T))
# d_f row as written: tanh(h_t, derivative=True) = 1 - tanh(h_t)^2, not 1 - h_t^2
res[ln('d_f = tanh(hidden_states[t], derivative=True) * d_h')] = all(close(tanh(hs[t], derivative=True) * dh_tot[t], da[t]) for t in range(T))
assert all(close((1 - hs[t] ** 2) * dh_tot[t], da[t]) for t in range(T))   # the later fix
res[ln('d_b_hidden += d_f')] = close(sum(da), fd_param(3))
res[ln('d_U += np.dot(d_f, inputs[t].T)')] = close(sum(da[t] @ inputs[t].T for t in range(T)), fd_param(0))
# d_V row as written: hidden_states[t-1] wraps to hidden_states[-1] = h_{T-1} at t = 0
res[ln('d_V += np.dot(d_f, hidden_states[t-1].T)')] = close(sum(da[t] @ hs[t - 1].T for t in range(T)), fd_param(1))
assert close(sum(da[t] @ hs[t - 1].T for t in range(1, T)), fd_param(1))   # with h_{-1} = 0
res[ln('d_h_next = np.dot(V.T, d_f)')] = all(close(V.T @ da[t], dh_tot[t - 1] - W.T @ dv[t - 1]) for t in range(1, T))

# ---- LSTM forward rows vs the model of the notebook's markdown:
# i,f,o = sigmoid(W [h_{t-1}, x_t] + b), g = tanh(...), c_t = c_{t-1} o f + g o i, h_t = tanh(c_t) o o
z_size = H + K
Wf, Wi, Wg, Wo = [rng.normal(scale=0.4, size=(H, z_size)) for _ in range(4)]
Wv = rng.normal(scale=0.4, size=(K, H))
bf, bi, bg, bo2 = [rng.normal(scale=0.1, size=(H, 1)) for _ in range(4)]
bv = rng.normal(scale=0.1, size=(K, 1))
h_prev = np.zeros((H, 1)); C_prev = np.zeros((H, 1))
href = np.zeros(H); cref = np.zeros(H)
sg = lambda q: 1 / (1 + np.exp(-q))
oks = dict(z=True, f=True, i=True, g=True, C=True, o=True, h=True, v=True, out=True)
for xx in inputs:
    z = np.vstack((h_prev, xx))  # = np.row_stack((h_prev, x)) in the note
    f = sigmoid(np.dot(Wf, z) + bf)
    i = sigmoid(np.dot(Wi, z) + bi)
    g = tanh(np.dot(Wg, z) + bg)
    C_prev = f * C_prev + i * g
    o = sigmoid(np.dot(Wo, z) + bo2)
    h_prev = o * tanh(C_prev)
    v = np.dot(Wv, h_prev) + bv
    output = softmax(v)
    zr = np.concatenate([href, xx[:, 0]])
    fr = sg(Wf @ zr + bf[:, 0]); ir = sg(Wi @ zr + bi[:, 0]); gr = np.tanh(Wg @ zr + bg[:, 0]); orr = sg(Wo @ zr + bo2[:, 0])
    cref = cref * fr + gr * ir; href = np.tanh(cref) * orr
    vr = Wv @ href + bv[:, 0]; pr = np.exp(vr) / np.exp(vr).sum()
    oks['z'] &= close(z[:, 0], zr); oks['f'] &= close(f[:, 0], fr); oks['i'] &= close(i[:, 0], ir)
    oks['g'] &= close(g[:, 0], gr); oks['C'] &= close(C_prev[:, 0], cref); oks['o'] &= close(o[:, 0], orr)
    oks['h'] &= close(h_prev[:, 0], href); oks['v'] &= close(v[:, 0], vr); oks['out'] &= close(output[:, 0], pr)
for key, s in [('z', 'z = np.row_stack((h_prev, x))'), ('f', 'f = sigmoid(np.dot(W_f, z) + b_f)'),
               ('i', 'i = sigmoid(np.dot(W_i, z) + b_i)'), ('g', 'g = tanh(np.dot(W_g, z) + b_g)'),
               ('C', 'C_prev = f * C_prev + i * g'), ('o', 'o = sigmoid(np.dot(W_o, z) + b_o)'),
               ('h', 'h_prev = o * tanh(C_prev)'), ('v', 'v = np.dot(W_v, h_prev) + b_v'), ('out', 'output = softmax(v)')]:
    res[ln(s)] = oks[key]

expected_fail = {ln('d_f = tanh(hidden_states[t], derivative=True) * d_h'), ln('d_V += np.dot(d_f, hidden_states[t-1].T)')}
for line, ok in sorted(res.items()):
    print(line, 'pass' if ok else 'FAIL', LINES[line - 1].strip()[:70])
    assert bool(ok) == (line not in expected_fail), line
print('all verdicts confirmed')
