# FD check for ko_numpy_lstm_from_scratch.py: runs the author's own classes (imported from the transcript)
# and compares every gradient with central finite differences (float64).
import importlib.util, numpy as np, warnings
warnings.filterwarnings("ignore")
spec = importlib.util.spec_from_file_location("m", "ko_numpy_lstm_from_scratch.py"); m = importlib.util.module_from_spec(spec); spec.loader.exec_module(m)
np.random.seed(1)
ok = lambda a, b: np.allclose(a, b, rtol=1e-5, atol=1e-8)
def fd_scalar(f, x, eps=1e-6):
    g = np.zeros_like(x)
    for idx in np.ndindex(x.shape):
        xp = x.copy(); xp[idx] += eps; xm = x.copy(); xm[idx] -= eps
        g[idx] = (f(xp) - f(xm)) / (2 * eps)
    return g
# helpers (lines 14, 21, 26)
z = np.linspace(-30, 30, 601)
print("line 14  sigmoid == 1/(1+exp(-x))          :", "PASS" if ok(m.sigmoid(z), 1 / (1 + np.exp(-z))) else "FAIL")
s = m.sigmoid(z); d = (1/(1+np.exp(-(z+1e-6))) - 1/(1+np.exp(-(z-1e-6)))) / 2e-6
print("line 21  sigmoid'(x) = s(1-s)              :", "PASS" if ok(m.sigmoid_derivative(s), d) else "FAIL")
t = np.tanh(z); d = (np.tanh(z+1e-6) - np.tanh(z-1e-6)) / 2e-6
print("line 26  tanh'(x) = 1 - t^2                :", "PASS" if ok(m.tanh_derivative(t), d) else "FAIL")

# single cell, one step: lines 84-169
B, D, H = 3, 4, 5
cell = m.LSTMCellNumPy(D, H); cell.W *= 3; cell.b = np.random.randn(4 * H)
x = np.random.randn(B, D); h0 = np.random.randn(B, H); c0 = np.random.randn(B, H)
Rh = np.random.randn(B, H); Rc = np.random.randn(B, H)         # L = sum(Rh*h_t) + sum(Rc*c_t)
def Lcell(W=None, b=None, x_=None, h_=None, c_=None):
    cc = m.LSTMCellNumPy(D, H); cc.W = cell.W if W is None else W; cc.b = cell.b if b is None else b
    h, c = cc.forward(x if x_ is None else x_, h0 if h_ is None else h_, c0 if c_ is None else c_)
    return np.sum(Rh * h) + np.sum(Rc * c)
cell.forward(x, h0, c0); cell.zero_grad()
dx, dh_prev, dc_prev = cell.backward(Rh, Rc)
print("cell: self.dW (163) vs FD                  :", "PASS" if ok(cell.dW, fd_scalar(lambda W: Lcell(W=W), cell.W)) else "FAIL")
print("cell: self.db (164) vs FD                  :", "PASS" if ok(cell.db, fd_scalar(lambda b: Lcell(b=b), cell.b)) else "FAIL")
print("cell: dx (169) vs FD                       :", "PASS" if ok(dx, fd_scalar(lambda v: Lcell(x_=v), x)) else "FAIL")
print("cell: dh_prev (168) vs FD                  :", "PASS" if ok(dh_prev, fd_scalar(lambda v: Lcell(h_=v), h0)) else "FAIL")
print("cell: dc_prev (151) vs FD                  :", "PASS" if ok(dc_prev, fd_scalar(lambda v: Lcell(c_=v), c0)) else "FAIL")
# intermediate: dc (142-143) = dL/dc_t total, do (141) = dL/do_gate, df/di/dc_tilde (146-148) = dL/d(gate outputs), *_gate (154-157) = dL/d(pre-activations)
cache = cell.cache; Hs = slice(0, H)
def L_from_pre(A):   # recompute from the 4H pre-activation block
    f, i, g, o = m.sigmoid(A[:, :H]), m.sigmoid(A[:, H:2*H]), np.tanh(A[:, 2*H:3*H]), m.sigmoid(A[:, 3*H:])
    c = f * c0 + i * g; h = o * np.tanh(c); return np.sum(Rh * h) + np.sum(Rc * c)
A = np.concatenate([h0, x], 1) @ cell.W.T + cell.b
gA = fd_scalar(L_from_pre, A)
do_ = Rh * cache['tanh_c_t']; dc_ = Rh * cache['o_gate'] * m.tanh_derivative(cache['tanh_c_t']) + Rc
dgates = np.concatenate([dc_ * c0 * m.sigmoid_derivative(cache['f_gate']), dc_ * cache['c_tilde'] * m.sigmoid_derivative(cache['i_gate']),
                         dc_ * cache['i_gate'] * m.tanh_derivative(cache['c_tilde']), do_ * m.sigmoid_derivative(cache['o_gate'])], 1)
print("cell: dgates (154-160) = dL/d(pre-acts)    :", "PASS" if ok(dgates, gA) else "FAIL")
def L_from_c(cv): h = cache['o_gate'] * np.tanh(cv); return np.sum(Rh * h) + np.sum(Rc * cv)
print("cell: dc (142-143) = dL/dc_t               :", "PASS" if ok(dc_, fd_scalar(L_from_c, cache['c_t'])) else "FAIL")

# full 2-layer sequence BPTT (lines 230-293) with a general loss L = sum(R * output)
T, B, D, H, NL = 4, 2, 3, 4, 2
net = m.LSTMNumPy(D, H, NL)
for c in net.cells: c.W *= 2; c.b = np.random.randn(4 * H)
X = np.random.randn(T, B, D); R = np.random.randn(T, B, H)
def Lnet(): out, _ = net.forward(X); return np.sum(R * out)
out, _ = net.forward(X); dX = net.backward(R)
grads = [g.copy() for g in net.gradients()]
for li, c in enumerate(net.cells):
    def fW(W, c=c):
        old = c.W; c.W = W; v = Lnet(); c.W = old; return v
    def fb(b, c=c):
        old = c.b; c.b = b; v = Lnet(); c.b = old; return v
    print("seq: layer %d dW (accumulated over t) vs FD:" % li, "PASS" if ok(grads[2*li], fd_scalar(fW, c.W)) else "FAIL")
    print("seq: layer %d db vs FD                     :" % li, "PASS" if ok(grads[2*li+1], fd_scalar(fb, c.b)) else "FAIL")
def fX(Xv):
    out, _ = net.forward(Xv); return np.sum(R * out)
print("seq: dx (293) vs FD                        :", "PASS" if ok(dX, fd_scalar(fX, X)) else "FAIL")
# test_lstm's dummy loss (lines 341-345): doutput[-1] = 2*output[-1] is dL/doutput for L = sum(output[-1]**2)
out, _ = net.forward(X); g = np.zeros_like(out); g[-1] = 2 * out[-1]
def Lsq(o): return np.sum(o[-1] ** 2)
print("test: doutput[-1] = 2*output[-1] (343)     :", "PASS" if ok(g, fd_scalar(Lsq, out)) else "FAIL")
