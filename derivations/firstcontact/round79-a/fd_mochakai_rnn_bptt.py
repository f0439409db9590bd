# Finite-difference check of mochakai/RNN_BPTT rnn.py (author's forward and backward as written).
# Row-vector layout: h_p = f(x_p U + h_{p-1} W), o_p = sigmoid(h_p V); p = 0..7 processes input_x[-p-1].
# 'mse' path: f = sigmoid, L = sum_p (o_p - y_p)^2.
# 'tanh_softplus' path: f = tanh, L = sum_p softplus((1 - 2 y_p) o_p) (the loss whose derivative is softplus_derivative).
import numpy as np
np.random.seed(1)
BIN = 8

def sigmoid(x): return 1.0 / (1.0 + np.exp(-x))
def sigmoid_derivative(x): return np.multiply(x, 1.0 - x)          # note line 52 (takes sigmoid output)
def tanh_derivative(x): return np.diag(1 - (np.tanh(x))**2)         # note line 62 (as written)
def mse(y, gt): return (y - gt)**2
def mse_derivative(y, gt): return 2*(y - gt)
def softplus(z): return np.log1p(np.exp(z))
def softplus_derivative(y, gt): return (1 - 2*gt) / (1 + np.exp(-(1 - 2*gt) * y))

def forward(U, V, W, X, Y, mode):
    act = np.tanh if mode == 'tanh_softplus' else sigmoid
    hs = [np.zeros(U.shape[1])]; deltas = []; L = 0.0
    for p in range(BIN):
        y = Y[-p - 1].T
        h = act(np.dot(X[-p - 1], U) + np.dot(hs[-1], W))
        o = sigmoid(np.dot(h, V))
        if mode == 'tanh_softplus':
            deltas.append(softplus_derivative(o, y) * sigmoid_derivative(o)); L += softplus((1 - 2*y) * o).sum()
        else:
            deltas.append(mse_derivative(o, y) * sigmoid_derivative(o)); L += mse(o, y).sum()
        hs.append(h.copy())
    return L, hs, deltas

def backward(U, V, W, X, hs, deltas, mode, fixed_deriv=False):
    dact = tanh_derivative if mode == 'tanh_softplus' else sigmoid_derivative
    if fixed_deriv and mode == 'tanh_softplus':
        dact = lambda h: 1 - h**2
    dU = np.zeros_like(U); dV = np.zeros_like(V); dW = np.zeros_like(W)
    fut = np.zeros(U.shape[1])
    for position in range(BIN):
        out_h = hs[-position-1]; pre = hs[-position-2]; od = deltas[-position-1]
        hd = (fut.dot(W.T) + od.dot(V.T)) * dact(out_h)              # note line 167
        dV += np.atleast_2d(out_h).T.dot(od)                           # note line 169
        dW += np.atleast_2d(pre).T.dot(hd)                             # note line 170
        dU += X[position].T.dot(hd)                                    # note line 171
        fut = hd                                                       # note line 173
    return dU, dV, dW

def fd(U, V, W, X, Y, mode, eps=1e-6):
    out = []
    for P in (U, V, W):
        g = np.zeros_like(P)
        for idx in np.ndindex(P.shape):
            old = P[idx]
            P[idx] = old + eps; lp = forward(U, V, W, X, Y, mode)[0]
            P[idx] = old - eps; lm = forward(U, V, W, X, Y, mode)[0]
            P[idx] = old; g[idx] = (lp - lm) / (2*eps)
        out.append(g)
    return out

H = 5
X = np.random.randint(0, 2, size=(BIN, 1, 2)).astype(float)
Y = np.random.randint(0, 2, size=(BIN, 1, 1)).astype(float)
for mode in ('mse', 'tanh_softplus'):
    U = np.random.uniform(0, 1, (2, H)); V = np.random.uniform(0, 1, (H, 1)); W = np.random.uniform(0, 0.5, (H, H))
    L, hs, deltas = forward(U, V, W, X, Y, mode)
    num = fd(U, V, W, X, Y, mode)
    ana = backward(U, V, W, X, hs, deltas, mode)
    print('mode', mode)
    for name, a, n in zip(('dU (171)', 'dV (169)', 'dW (170)'), ana, num):
        err = np.max(np.abs(a - n)) / (np.max(np.abs(n)) + 1e-12)
        print('  author %-9s rel.err %.2e  %s' % (name, err, 'AGREE' if err < 1e-5 else 'DISAGREE'))
    if mode == 'tanh_softplus':
        fixed = backward(U, V, W, X, hs, deltas, mode, fixed_deriv=True)
        for name, a, n in zip(('dU', 'dV', 'dW'), fixed, num):
            err = np.max(np.abs(a - n)) / (np.max(np.abs(n)) + 1e-12)
            print('  with f\'(h)=1-h^2 instead of line 62: %-3s rel.err %.2e  %s' % (name, err, 'AGREE' if err < 1e-5 else 'DISAGREE'))

# line 62 on its own: shape and value for a (1,H) hidden row, as stored in h_values
a = np.random.randn(1, H); h = np.tanh(a)
print('line 62 tanh_derivative(h).shape =', tanh_derivative(h).shape, '(expected', h.shape, ')')
print('line 62 value', tanh_derivative(h), 'vs true dtanh/da', 1 - h**2)
# line 52 and 74 (helpers)
z = 0.3; s = sigmoid(z)
print('line 52 sigmoid_derivative(sigmoid(z)) vs FD:', sigmoid_derivative(s), (sigmoid(z+1e-6)-sigmoid(z-1e-6))/2e-6)
for gt in (0.0, 1.0):
    o = 0.7
    print('line 74 softplus_derivative(o=%.1f, gt=%d) vs FD of softplus((1-2gt)o):' % (o, gt), softplus_derivative(o, gt),
          (softplus((1-2*gt)*(o+1e-6)) - softplus((1-2*gt)*(o-1e-6)))/2e-6)
print('line 70 mse_derivative vs FD:', mse_derivative(0.7, 1.0), (mse(0.7+1e-6, 1.0)-mse(0.7-1e-6, 1.0))/2e-6)
