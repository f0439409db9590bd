"""FD check of gy910210_rnn_pr7_bptt.md (rnn-from-scratch layer/gate code at 622c423 and the bptt
proposed in PR #7). Column-vector 1-D arrays: s_t = tanh(U x_t + W s_{t-1}), s_{-1} = 0, mulv_t = V s_t,
loss L = sum_t -log softmax(mulv_t)[y_t] (Model.calculate_loss divides by len(y) only for reporting).
bptt computes, for every output t, the gradient of L_t truncated to bptt_truncate steps back; with
bptt_truncate >= T it must equal the full gradient of L."""
import numpy as np

NOTE = 'gy910210_rnn_pr7_bptt.md'
LINES = open(NOTE).read().split('\n')


def ln(s, nth=0):
    return [i + 1 for i, l in enumerate(LINES) if s in l][nth]


class Sigmoid:
    def forward(self, x):
        return 1.0 / (1.0 + np.exp(-x))

    def backward(self, x, top_diff):
        output = self.forward(x)
        return (1.0 - output) * output * top_diff


class Tanh:
    def forward(self, x):
        return np.tanh(x)

    def backward(self, x, top_diff):
        output = self.forward(x)
        return (1.0 - np.square(output)) * top_diff


class MultiplyGate:
    def forward(self, W, x):
        return np.dot(W, x)

    def backward(self, W, x, dz):
        dW = np.asarray(np.dot(np.transpose(np.asmatrix(dz)), np.asmatrix(x)))
        dx = np.dot(np.transpose(W), dz)
        return dW, dx


class AddGate:
    def forward(self, x1, x2):
        return x1 + x2

    def backward(self, x1, x2, dz):
        dx1 = dz * np.ones_like(x1)
        dx2 = dz * np.ones_like(x2)
        return dx1, dx2


class Softmax:
    def predict(self, x):
        exp_scores = np.exp(x)
        return exp_scores / np.sum(exp_scores)

    def loss(self, x, y):
        probs = self.predict(x)
        return -np.log(probs[y])

    def diff(self, x, y):
        probs = self.predict(x)
        probs[y] -= 1.0
        return probs


mulGate = MultiplyGate(); addGate = AddGate(); activation = Tanh()


class RNNLayer:
    def forward(self, x, prev_s, U, W, V):
        self.mulu = mulGate.forward(U, x)
        self.mulw = mulGate.forward(W, prev_s)
        self.add = addGate.forward(self.mulw, self.mulu)
        self.s = activation.forward(self.add)
        self.mulv = mulGate.forward(V, self.s)

    def backward(self, x, prev_s, U, W, V, diff_s, dmulv):
        self.forward(x, prev_s, U, W, V)
        dV, dsv = mulGate.backward(V, self.s, dmulv)
        ds = dsv + diff_s
        dadd = activation.backward(self.add, ds)
        dmulw, dmulu = addGate.backward(self.mulw, self.mulu, dadd)
        dW, dprev_s = mulGate.backward(W, prev_s, dmulw)
        dU, dx = mulGate.backward(U, x, dmulu)
        return (dprev_s, dU, dW, dV)


def close(a, b, tol=1e-5):
    return np.allclose(a, b, rtol=tol, atol=1e-8)


rng = np.random.default_rng(7)
e = 1e-6
res = {}
# activation.py / gate.py / output.py rows
x = rng.normal(size=5); td = rng.normal(size=5)
sg, th = Sigmoid(), Tanh()
res[ln('return 1.0 / (1.0 + np.exp(-x))')] = close(sg.forward(x), 1 / (1 + np.exp(-x)))
res[ln('return (1.0 - output) * output * top_diff')] = close(sg.backward(x, td), td * (sg.forward(x + e) - sg.forward(x - e)) / (2 * e))
res[ln('return np.tanh(x)')] = True
res[ln('return (1.0 - np.square(output)) * top_diff')] = close(th.backward(x, td), td * (np.tanh(x + e) - np.tanh(x - e)) / (2 * e))
Wm = rng.normal(size=(3, 5)); dz = rng.normal(size=3)
res[ln('return np.dot(W, x)')] = True
gW = np.zeros_like(Wm)
for idx in np.ndindex(*Wm.shape):
    P = Wm.copy(); M = Wm.copy(); P[idx] += e; M[idx] -= e
    gW[idx] = (dz @ (P @ x) - dz @ (M @ x)) / (2 * e)
dWg, dxg = mulGate.backward(Wm, x, dz)
res[ln('dW = np.asarray(np.dot(np.transpose(np.asmatrix(dz)), np.asmatrix(x)))')] = close(dWg, gW)
res[ln('dx = np.dot(np.transpose(W), dz)')] = close(dxg, Wm.T @ dz)
res[ln('return x1 + x2')] = True
res[ln('dx1 = dz * np.ones_like(x1)')] = res[ln('dx2 = dz * np.ones_like(x2)')] = True
sm = Softmax(); v = rng.normal(size=6); yy = 2
res[ln('return exp_scores / np.sum(exp_scores)')] = close(sm.predict(v), np.exp(v - v.max()) / np.exp(v - v.max()).sum())
res[ln('return -np.log(probs[y])')] = True
gv = np.array([(sm.loss(v + e * np.eye(6)[k], yy) - sm.loss(v - e * np.eye(6)[k], yy)) / (2 * e) for k in range(6)])
res[ln('probs[y] -= 1.0')] = close(sm.diff(v.copy(), yy), gv)

# ---- model ----
word_dim, hidden_dim, T = 6, 4, 5
U = rng.normal(scale=0.5, size=(hidden_dim, word_dim)); W = rng.normal(scale=0.5, size=(hidden_dim, hidden_dim))
V = rng.normal(scale=0.5, size=(word_dim, hidden_dim))
xs = rng.integers(0, word_dim, size=T); ys = rng.integers(0, word_dim, size=T)


def forward_propagation(U, W, V):
    layers = []; prev_s = np.zeros(hidden_dim)
    for t in range(T):
        layer = RNNLayer(); inp = np.zeros(word_dim); inp[xs[t]] = 1
        layer.forward(inp, prev_s, U, W, V); prev_s = layer.s; layers.append(layer)
    return layers


def total_loss(U, W, V):
    return sum(sm.loss(l.mulv, ys[t]) for t, l in enumerate(forward_propagation(U, W, V)))


def fd(k):
    Ps = [U, W, V]; G = np.zeros_like(Ps[k])
    for idx in np.ndindex(*G.shape):
        P = [q.copy() for q in Ps]; M = [q.copy() for q in Ps]
        P[k][idx] += e; M[k][idx] -= e
        G[idx] = (total_loss(*P) - total_loss(*M)) / (2 * e)
    return G


gU, gW_, gV = fd(0), fd(1), fd(2)
# layer forward rows vs plain model
layers = forward_propagation(U, W, V)
s = np.zeros(hidden_dim); okf = True
for t in range(T):
    s_new = np.tanh(U[:, xs[t]] + W @ s); okf &= close(layers[t].s, s_new) and close(layers[t].mulv, V @ s_new); s = s_new
for q in ['self.mulu = mulGate.forward(U, x)', 'self.mulw = mulGate.forward(W, prev_s)', 'self.add = addGate.forward(self.mulw, self.mulu)',
          'self.s = activation.forward(self.add)', 'self.mulv = mulGate.forward(V, self.s)']:
    res[ln(q)] = okf


def bptt(pr, bptt_truncate=100):
    output = Softmax(); layers = forward_propagation(U, W, V)
    dU = np.zeros(U.shape); dV = np.zeros(V.shape); dW = np.zeros(W.shape)
    prev_s_t = np.zeros(hidden_dim); diff_s = np.zeros(hidden_dim)
    for t in range(0, T):
        dmulv = output.diff(layers[t].mulv, ys[t])
        inp = np.zeros(word_dim); inp[xs[t]] = 1
        dprev_s, dU_t, dW_t, dV_t = layers[t].backward(inp, prev_s_t, U, W, V, diff_s, dmulv)
        prev_s_t = layers[t].s
        if not pr:
            dmulv = np.zeros(word_dim)
        for i in range(t - 1, max(-1, t - bptt_truncate - 1), -1):
            inp = np.zeros(word_dim); inp[xs[i]] = 1
            if pr:
                dmulv = np.zeros(word_dim) if i == 0 else output.diff(layers[i].mulv, ys[i])
            prev_s_i = np.zeros(hidden_dim) if i == 0 else layers[i - 1].s
            dprev_s, dU_i, dW_i, dV_i = layers[i].backward(inp, prev_s_i, U, W, V, dprev_s, dmulv)
            dU_t += dU_i
            dW_t += dW_i
        dV += dV_t; dU += dU_t; dW += dW_t
    return dU, dW, dV


# the layer backward as a whole: gradient of (c . mulv) + (d . s) w.r.t. U, W, prev_s
c = rng.normal(size=word_dim); dd = rng.normal(size=hidden_dim); ps = rng.normal(size=hidden_dim); xin = np.eye(word_dim)[1]
lay = RNNLayer()
dprev, dUl, dWl, dVl = lay.backward(xin, ps, U, W, V, dd, c)
f_ = lambda U_, W_, V_, ps_: (lambda L: c @ L.mulv + dd @ L.s)((lambda L: (L.forward(xin, ps_, U_, W_, V_), L)[1])(RNNLayer()))
def fdl(k):
    Ps = [U, W, V, ps]; G = np.zeros_like(Ps[k])
    for idx in np.ndindex(*G.shape):
        P = [q.copy() for q in Ps]; M = [q.copy() for q in Ps]
        P[k][idx] += e; M[k][idx] -= e
        G[idx] = (f_(*P) - f_(*M)) / (2 * e)
    return G
okb = close(dUl, fdl(0)) and close(dWl, fdl(1)) and close(dVl, fdl(2)) and close(dprev, fdl(3))
for q in ['dV, dsv = mulGate.backward(V, self.s, dmulv)', 'ds = dsv + diff_s', 'dadd = activation.backward(self.add, ds)',
          'dmulw, dmulu = addGate.backward(self.mulw, self.mulu, dadd)', 'dW, dprev_s = mulGate.backward(W, prev_s, dmulw)',
          'dU, dx = mulGate.backward(U, x, dmulu)']:
    res[ln(q)] = okb

orig = bptt(pr=False)
ok_orig = close(orig[0], gU) and close(orig[1], gW_) and close(orig[2], gV)
prop = bptt(pr=True)
ok_pr = close(prop[0], gU) and close(prop[1], gW_) and close(prop[2], gV)
assert ok_orig and not ok_pr
# rows shared by both versions (right; the original bptt built from them equals the FD gradient)
for q in ['dmulv = output.diff(layers[t].mulv, y[t])', 'dprev_s, dU_t, dW_t, dV_t = layers[t].backward(',
          'prev_s_t = layers[t].s', 'prev_s_i = np.zeros(self.hidden_dim) if i == 0 else layers[i-1].s',
          'dprev_s, dU_i, dW_i, dV_i = layers[i].backward(', 'dU_t += dU_i', 'dW_t += dW_i',
          'dV += dV_t', 'dU += dU_t', 'dW += dW_t']:
    res[ln(q)] = ok_orig
# the PR's row: the output error of step i is injected again inside the inner loop of every later t
res[ln('+           dmulv = np.zeros(self.word_dim) if i==0 else output.diff(layers[i].mulv, y[i]) #Mine')] = ok_pr

expected_fail = {ln('+           dmulv = np.zeros(self.word_dim) if i==0 else output.diff(layers[i].mulv, y[i]) #Mine')}
for line, ok in sorted(res.items()):
    print(line, 'pass' if ok else 'FAIL', LINES[line - 1].strip()[:80])
    assert bool(ok) == (line not in expected_fail), line
print('all verdicts confirmed')
