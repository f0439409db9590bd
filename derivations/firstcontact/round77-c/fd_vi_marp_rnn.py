# FD check of vi_marp_rnn.md: the author's VanillaRNN forward/backward code (copied as written) and the
# slide formulas, many-to-one, column vectors, L = 0.5*(y_pred - y_true)^2 on the LAST step only.
# Harness note: the slides' __init__ never sets self.hidden_dim (forward/backward use it), so the harness sets it.
import numpy as np

class VanillaRNN:
    def __init__(self, input_size, hidden_size, output_size):
        self.W = np.random.randn(hidden_size, input_size) * np.sqrt(2.0 / (input_size + hidden_size))
        self.U = np.random.randn(hidden_size, hidden_size) * np.sqrt(1.0 / hidden_size)
        self.V = np.random.randn(output_size, hidden_size) * np.sqrt(2.0 / (hidden_size + output_size))
        self.b_h = np.zeros((hidden_size, 1))
        self.b_y = np.zeros((output_size, 1))

    def forward(self, x_seq):
        h_states = {}
        h_states[-1] = np.zeros((self.hidden_dim, 1))
        for t in range(len(x_seq)):
            x_t = np.array(x_seq[t]).reshape(-1, 1)
            a_t = np.dot(self.W, x_t) + np.dot(self.U, h_states[t-1]) + self.b_h
            h_t = np.tanh(a_t)
            h_states[t] = h_t
        y_pred = np.dot(self.V, h_states[len(x_seq)-1]) + self.b_y
        return y_pred, h_states

    def backward(self, x_seq, y_true, y_pred, h_states):
        dW, dU, dV = np.zeros_like(self.W), np.zeros_like(self.U), np.zeros_like(self.V)
        db_h, db_y = np.zeros_like(self.b_h), np.zeros_like(self.b_y)
        dy = y_pred - y_true
        T = len(x_seq)
        h_T = h_states[T - 1].reshape(-1, 1)
        dV = np.dot(dy, h_T.T)
        db_y = dy.reshape(self.b_y.shape)
        dh_next = np.dot(self.V.T, dy)
        for t in reversed(range(T)):
            h_t = h_states[t].reshape(-1, 1)
            dh_raw = (1.0 - h_t**2) * dh_next
            x_t = np.array(x_seq[t]).reshape(-1, 1)
            h_prev = h_states[t-1].reshape(-1, 1) if t > 0 else np.zeros((self.hidden_dim, 1))
            dW += np.dot(dh_raw, x_t.T)
            dU += np.dot(dh_raw, h_prev.T)
            db_h += dh_raw.reshape(self.b_h.shape)
            dh_next = np.dot(self.U.T, dh_raw)
        return dW, dU, dV, db_h, db_y

np.random.seed(1)
nx, nh, T = 3, 5, 6
m = VanillaRNN(nx, nh, 1); m.hidden_dim = nh
m.b_h = np.random.randn(nh, 1) * .3; m.b_y = np.random.randn(1, 1) * .3; m.U *= 2.0
x_seq = [np.random.randn(nx) for _ in range(T)]; y_true = np.array([[0.7]])
loss = lambda: 0.5 * float((m.forward(x_seq)[0][0, 0] - y_true[0, 0])**2)

def fd(name, eps=1e-6):
    A = getattr(m, name); g = np.zeros_like(A)
    for idx in np.ndindex(*A.shape):
        A[idx] += eps; Lp = loss(); A[idx] -= 2*eps; Lm = loss(); A[idx] += eps; g[idx] = (Lp - Lm) / (2*eps)
    return g

y_pred, hs = m.forward(x_seq)
grads = m.backward(x_seq, y_true, y_pred, hs)
names = ['W', 'U', 'V', 'b_h', 'b_y']
lines = {'W': '111/151', 'U': '112/152', 'V': '93/131', 'b_h': '113/153', 'b_y': '96/132'}
for n, g in zip(names, grads):
    f = fd(n); print(f"lines {lines[n]:<8} d{n:<4} {'AGREE' if np.allclose(g, f, atol=1e-7, rtol=1e-5) else 'DISAGREE'} (max|diff|={np.max(np.abs(g-f)):.2e})")

# line 84: dL/dy_hat = y_hat - y_true ; lines 99/135, 109/146, 115/156: hidden-state gradients vs FD on h_t
def loss_pert(t0, e):
    h = np.zeros((nh, 1))
    for t in range(T):
        h = np.tanh(m.W @ x_seq[t].reshape(-1, 1) + m.U @ h + m.b_h)
        if t == t0: h = h + e
    return 0.5 * float(((m.V @ h + m.b_y) - y_true)[0, 0]**2)
def fd_h(t0, eps=1e-6):
    g = np.zeros((nh, 1))
    for i in range(nh):
        e = np.zeros((nh, 1)); e[i] = eps; g[i] = (loss_pert(t0, e) - loss_pert(t0, -e)) / (2*eps)
    return g
eps = 1e-6
dl = (0.5*((y_pred[0,0]+eps-y_true[0,0])**2) - 0.5*((y_pred[0,0]-eps-y_true[0,0])**2)) / (2*eps)
print(f"line 84       dL/dyhat = yhat - y_true  {'AGREE' if abs(dl - (y_pred-y_true)[0,0]) < 1e-7 else 'DISAGREE'}")
dy = y_pred - y_true
dh = m.V.T @ dy
print(f"lines 99/135  dh_T = V^T dL/dyhat       {'AGREE' if np.allclose(dh, fd_h(T-1), atol=1e-7) else 'DISAGREE'}")
okall = True
for t in reversed(range(T)):
    okall &= np.allclose(dh, fd_h(t), atol=1e-7)          # dh_t entering step t is the total dL/dh_t
    dh_raw = dh * (1 - hs[t]**2)                           # line 109/146
    dh = m.U.T @ dh_raw                                    # line 115/156
print(f"lines 109/115 (146/156) recursion dh_raw = dh_t*(1-h_t^2), dh_(t-1) = U^T dh_raw gives total dL/dh_t at every t: {'AGREE' if okall else 'DISAGREE'}")
