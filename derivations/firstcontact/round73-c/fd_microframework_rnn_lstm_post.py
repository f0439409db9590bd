# Finite-difference check of microframework_rnn_lstm_post.md (VanillaRNN and LSTM of the
# "Understanding Recurrent Neural Networks" micro-framework post), numpy only.
# The post's code is re-typed below unchanged inside minimal stand-ins for its Layer base class and utils.sigmoid.
import numpy as np

class Layer:
    def __init__(self):
        self.params, self.grads, self.cache = {}, {}, {}
class utils:
    @staticmethod
    def sigmoid(v):
        return 1 / (1 + np.exp(-v))

class VanillaRNN(Layer):
    def __init__(self, input_dim, hidden_dim):
        super(VanillaRNN, self).__init__()
        self.params['Wh'] = np.random.randn(hidden_dim, hidden_dim)
        self.params['Wx'] = np.random.randn(input_dim, hidden_dim)
        self.params['b'], self.h0 = np.zeros(hidden_dim), np.zeros((1, hidden_dim))
        self.D, self.H = input_dim, hidden_dim
    def forward_step(self, input, prev_h):
        cell = np.matmul(prev_h, self.params['Wh']) + np.matmul(input, self.params['Wx']) + self.params['b']
        next_h = np.tanh(cell)
        self.cache['caches'].append((input, prev_h, next_h))
        return next_h
    def forward(self, input):
        N, T, _ = input.shape
        H = self.H
        self.cache['caches'] = []
        h = np.zeros((N, T, H))
        h_cur = self.h0
        for t in range(T):
            h_cur= self.forward_step(input[:, t, :], h_cur)
            h[:, t, :] = h_cur
        return h
    def backward_step(self, dnext_h, cache):
        input, prev_h, next_h = cache
        dcell = (1 - next_h ** 2) * dnext_h
        dx = np.matmul(dcell, self.params['Wx'].T)
        dprev_h = np.matmul(dcell, self.params['Wh'].T)
        dWx = np.matmul(input.T, dcell)
        dWh = np.matmul(prev_h.T, dcell)
        db = np.sum(dcell, axis=0)
        return dx, dprev_h, dWx, dWh, db
    def backward(self, dout):
        N, T, _ = dout.shape
        D, H = self.D, self.H
        caches = self.cache['caches']
        dx, dh0, dWx, dWh, db = np.zeros((N, T, D)), np.zeros((N, H)), np.zeros((D, H)), np.zeros((H, H)), np.zeros(H)
        for t in range(T - 1, -1, -1):
            dx[:, t, :], dh0, dWx_cur, dWh_cur, db_cur = self.backward_step(dout[:, t, :] + dh0, caches[t])
            dWx += dWx_cur
            dWh += dWh_cur
            db += db_cur
        self.grads['Wx'], self.grads['Wh'], self.grads['b'] = dWx, dWh, db
        return dx

class LSTM(Layer):
    def __init__(self, input_dim, hidden_dim):
        super(LSTM, self).__init__()
        self.params['W'], self.params['b'] = np.random.randn(input_dim + hidden_dim, 4 * hidden_dim), np.zeros(4 * hidden_dim)
        self.h0 = np.zeros((1, hidden_dim))
        self.D, self.H = input_dim, hidden_dim
    def forward_step(self, input, prev_h, prev_c):
        N, _ = prev_h.shape
        H = self.H
        input = np.concatenate((input, prev_h), axis=1)
        gates = np.matmul(input, self.params['W']) + self.params['b']
        i = utils.sigmoid(gates[:, 0:H])
        f = utils.sigmoid(gates[:, H:2 * H])
        o = utils.sigmoid(gates[:, 2 * H:3 * H])
        g = np.tanh(gates[:, 3 * H:4 * H])
        next_c = f * prev_c + i * g
        next_h = o * np.tanh(next_c)
        self.cache['caches'].append((input, prev_c, i, f, o, g, next_c, next_h))
        return next_h, next_c
    def forward(self, input):
        N, T, _ = input.shape
        D, H = self.D, self.H
        self.cache['caches'] = []
        h = np.zeros((N, T, H))
        h_prev = self.h0
        c = np.zeros((N, H))
        for t in range(T):
            x_curr = input[:, t, :]
            h_prev, c = self.forward_step(x_curr, h_prev, c)
            h[:, t, :] = h_prev
        return h
    def backward_step(self, dnext_h, dnext_c, cache):
        input, prev_c, i, f, o, g, next_c, next_h = cache
        D = self.D
        dtanh_next_c = dnext_h * o
        dcell = (1 - next_h ** 2) * dnext_h
        dnext_c += dtanh_next_c * dcell
        dc = dnext_c * f
        di = dnext_c * g
        df = dnext_c * prev_c
        do = dnext_h * np.tanh(next_c)
        dg = dnext_c * i
        dgates1 = di * i * (1 - i)
        dgates2 = df * f * (1 - f)
        dgates3 = do * o * (1 - o)
        dgates4 = dg * (1 - g ** 2)
        dgates = np.concatenate((dgates1, dgates2, dgates3, dgates4), axis=1)
        db = np.sum(dgates, axis=0)
        dW = np.matmul(input.T, dgates)
        dinput = np.matmul(dgates, self.params['W'].T)
        dx = dinput[:, :D]
        dh = dinput[:, D:]
        return dx, dh, dc, dW, db
    def backward(self, dout):
        N, T, _ = dout.shape
        D, H = self.D, self.H
        dx, dh0, dW, db, dc = np.zeros((N, T, D)), np.zeros((N, H)), np.zeros((D + H, 4 * H)), np.zeros(4 * H), np.zeros((N, H))
        caches = self.cache['caches']
        for t in range(T - 1, -1, -1):
            dx[:, t, :], dh0, dc, dW_cur, db_cur = self.backward_step(dout[:, t, :] + dh0, dc, caches[t])
            dW += dW_cur
            db += db_cur
        self.grads['W'], self.grads['b'] = dW, db
        return dx

def rel(a, b):
    a = np.asarray(a, float); b = np.asarray(b, float)
    return np.max(np.abs(a - b) / np.maximum(1e-8, np.abs(a) + np.abs(b)))
def show(name, e):
    print('%-80s rel.err %.2e  %s' % (name, e, 'AGREES' if e < 1e-5 else 'DISAGREES'))
def fd(f, A, eps=1e-6):
    G = np.zeros_like(A); it = np.nditer(A, flags=['multi_index'])
    for _ in it:
        k = it.multi_index; old = A[k]
        A[k] = old + eps; lp = f(); A[k] = old - eps; lm = f(); A[k] = old
        G[k] = (lp - lm) / (2 * eps)
    return G

np.random.seed(0)
for N in (1, 3):
    D, H, T = 3, 4, 5
    print('=== N = %d (for N > 1 the post\'s h0 of shape (1, H) cannot be concatenated in the LSTM, so h0 is given shape (N, H) there) ===' % N)
    rnn = VanillaRNN(D, H); rnn.params['Wh'] *= 0.5; rnn.params['b'] = np.random.randn(H) * 0.5
    if N > 1:
        rnn.h0 = np.random.randn(N, H)   # with the post's (1, H) h0, L51 dWh = prev_h.T @ dcell fails at t = 0 for N > 1 (shape only)
    X = np.random.randn(N, T, D); G = np.random.randn(N, T, H)
    LR = lambda: np.sum(G * rnn.forward(X))
    rnn.forward(X); dX = rnn.backward(G)
    show('VanillaRNN L45-L71: dx', rel(dX, fd(LR, X)))
    for k in ['Wx', 'Wh', 'b']:
        show('VanillaRNN L45-L71: d' + k, rel(rnn.grads[k], fd(LR, rnn.params[k])))

    lstm = LSTM(D, H); lstm.params['W'] *= 0.5; lstm.params['b'] = np.random.randn(4 * H) * 0.5
    if N > 1:
        lstm.h0 = np.zeros((N, H))
    LL = lambda: np.sum(G * lstm.forward(X))
    lstm.forward(X); dX = lstm.backward(G)
    show('LSTM L139-L183 as written: dx', rel(dX, fd(LL, X)))
    show('LSTM L139-L183 as written: dW', rel(lstm.grads['W'], fd(LL, lstm.params['W'])))
    show('LSTM L139-L183 as written: db', rel(lstm.grads['b'], fd(LL, lstm.params['b'])))

    # one step, isolating lines 142-144: dL/dnext_c must be dnext_c + dnext_h * o * (1 - tanh(next_c)^2)
    xs = np.random.randn(N, D); hp = np.random.randn(N, H); cp = np.random.randn(N, H)
    uh = np.random.randn(N, H); uc = np.random.randn(N, H)
    lstm.cache['caches'] = []
    nh, nc = lstm.forward_step(xs, hp, cp); cache = lstm.cache['caches'][0]
    inp, prev_c, i, f, o, g, next_c, next_h = cache
    LC = lambda: np.sum(uh * (o * np.tanh(nc_var)) + uc * nc_var)
    nc_var = next_c.copy()
    true_dnc = fd(LC, nc_var)
    dcell = (1 - next_h ** 2) * uh
    show('L144 dnext_c as written vs FD dL/dnext_c', rel(uc + (uh * o) * dcell, true_dnc))
    show('L143 dcell as written vs tanh\'(next_c) * dnext_h', rel(dcell, (1 - np.tanh(next_c) ** 2) * uh))
    show('L142 dtanh_next_c = dnext_h * o vs FD of dL/d tanh(next_c)', rel(uh * o, fd(lambda: np.sum(uh * (o * tv)), (tv := np.tanh(next_c).copy()))))
    show('L144 repaired (uc + dtanh_next_c * (1 - tanh(next_c)**2)) vs FD', rel(uc + (uh * o) * (1 - np.tanh(next_c) ** 2), true_dnc))
    # feed the step with the correct dnext_c to check lines 146-165 as formulas
    def step_loss():
        lstm.cache['caches'] = []
        a, b_ = lstm.forward_step(xs2, hp2, cp2)
        return np.sum(uh * a + uc * b_)
    xs2, hp2, cp2 = xs.copy(), hp.copy(), cp.copy()
    dWfd = fd(step_loss, lstm.params['W']); dbfd = fd(step_loss, lstm.params['b'])
    dxfd = fd(step_loss, xs2); dhfd = fd(step_loss, hp2); dcfd = fd(step_loss, cp2)
    class Fix(LSTM):
        pass
    # author step with the dnext_c update of L142-L144 replaced by the correct one, everything else as written
    def fixed_step(self, dnext_h, dnext_c, cache):
        input, prev_c, i, f, o, g, next_c, next_h = cache
        D = self.D
        dnext_c = dnext_c + dnext_h * o * (1 - np.tanh(next_c) ** 2)
        dc = dnext_c * f
        di = dnext_c * g; df = dnext_c * prev_c; do = dnext_h * np.tanh(next_c); dg = dnext_c * i
        dgates = np.concatenate((di * i * (1 - i), df * f * (1 - f), do * o * (1 - o), dg * (1 - g ** 2)), axis=1)
        dinput = np.matmul(dgates, self.params['W'].T)
        return dinput[:, :D], dinput[:, D:], dc, np.matmul(input.T, dgates), np.sum(dgates, axis=0)
    lstm.cache['caches'] = []; lstm.forward_step(xs, hp, cp)
    fx, fh, fc, fW, fb = fixed_step(lstm, uh, uc.copy(), lstm.cache['caches'][0])
    show('L146 dc (with correct dnext_c)', rel(fc, dcfd))
    show('L148-L157 gates + L161 dW (with correct dnext_c)', rel(fW, dWfd))
    show('L159 db (with correct dnext_c)', rel(fb, dbfd))
    show('L163-L164 dx (with correct dnext_c)', rel(fx, dxfd))
    show('L163,L165 dh (with correct dnext_c)', rel(fh, dhfd))
    lstm.backward_step = lambda a, b_, c: fixed_step(lstm, a, b_, c)
    lstm.forward(X); dX = lstm.backward(G)
    show('LSTM sequence with only L142-L144 repaired, loop L170-L181 as written: dW', rel(lstm.grads['W'], fd(LL, lstm.params['W'])))
    show('LSTM sequence with only L142-L144 repaired: dx', rel(dX, fd(LL, X)))
