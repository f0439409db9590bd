# Finite-difference check of hohle_rnn_full_bp.py (MarkusHohle/RNN-from-Scratch, "3 full BP/RNN.py").
# Forward: out_t = Wx x_t + Wh h_{t-1} + b ; h_t = tanh(out_t) ; yhat_t = Wy h_t   (column vectors)
# Loss implied by the author's dvalues = Y_hat - Y_t :  L = 0.5 * sum_t (yhat_t - y_t)^2
import sys; sys.dont_write_bytecode = True
import numpy as np
import hohle_rnn_full_bp as src     # the transcribed file itself (author's code, unchanged)

np.random.seed(0)
T, n = 6, 4
X = np.random.randn(T, 1)
Y = np.random.randn(T, 1)
Wx = np.random.randn(n, 1) * 0.7
Wh = np.random.randn(n, n) * 0.7
Wy = np.random.randn(1, n) * 0.7
b = np.random.randn(n, 1) * 0.7

def fwd(Wx, Wh, Wy, b, h0=None, start=0, hstart=None):
    h = np.zeros((n, 1)) if hstart is None else hstart
    hs, outs, yh = [h], [], []
    for t in range(start, T):
        o = Wx * X[t, 0] + Wh @ h + b
        h = np.tanh(o)
        outs.append(o); hs.append(h); yh.append((Wy @ h)[0, 0])
    return hs, outs, np.array(yh)

def loss(Wx=Wx, Wh=Wh, Wy=Wy, b=b):
    _, _, yh = fwd(Wx, Wh, Wy, b)
    return 0.5 * np.sum((yh - Y[:, 0]) ** 2)

def fd(f, P, eps=1e-6):
    G = np.zeros_like(P)
    for idx in np.ndindex(P.shape):
        Pp = P.copy(); Pp[idx] += eps
        Pm = P.copy(); Pm[idx] -= eps
        G[idx] = (f(Pp) - f(Pm)) / (2 * eps)
    return G

g_Wx = fd(lambda P: loss(Wx=P), Wx); g_Wh = fd(lambda P: loss(Wh=P), Wh)
g_Wy = fd(lambda P: loss(Wy=P), Wy); g_b = fd(lambda P: loss(b=P), b)

# dL/dh_t (total, all later losses) and dL/dout_t by FD, perturbing the state at step t
def loss_from_h(t, hpert):
    # h_t replaced by hpert; recompute yhat_t and everything after
    hs, outs, yh = fwd(Wx, Wh, Wy, b)
    L = 0.5 * np.sum((yh[:t] - Y[:t, 0]) ** 2)
    h = hpert
    L += 0.5 * ((Wy @ h)[0, 0] - Y[t, 0]) ** 2
    for s in range(t + 1, T):
        h = np.tanh(Wx * X[s, 0] + Wh @ h + b)
        L += 0.5 * ((Wy @ h)[0, 0] - Y[s, 0]) ** 2
    return L
hs, outs, yh = fwd(Wx, Wh, Wy, b)
dh_fd = [fd(lambda P: loss_from_h(t, P), hs[t + 1]) for t in range(T)]
dout_fd = [fd(lambda P: loss_from_h(t, np.tanh(P)), outs[t]) for t in range(T)]
dY = (yh - Y[:, 0]).reshape(T, 1)

def ok(a, b_): return np.allclose(a, b_, atol=1e-6, rtol=1e-5)
def report(line, what, a, ref):
    print(f"line {line:4d}  {what:62s} {'AGREE' if ok(a, ref) else 'DISAGREE'}  (max |diff| {np.max(np.abs(a-ref)):.2e})")

# ---- Tanh class (lines 123, 127-128)
z = np.random.randn(n, 1); act = src.Tanh(); act.forward(z); v = np.random.randn(n, 1); act.backward(v)
report(128, "Tanh.backward: (1-tanh^2)*dvalues vs FD of tanh", act.dinputs, fd(lambda P: np.sum(np.tanh(P) * v), z))

# ---- forward (lines 60, 63-64, 66): author's class vs my forward
r = src.RNN(X, n, src.Tanh())
r.Wx, r.Wh, r.Wy, r.biases = Wx.copy(), Wh.copy(), Wy.copy(), b.copy()
r.forward()
report(66, "forward yhat_t = Wy tanh(Wx x_t + Wh h_{t-1} + b)", r.Y_hat[:, 0], yh)

# ---- isolated rows, each fed with CORRECT upstream quantities
report(90, "dht(T-1) = Wy.T dvalues[-1]  vs FD dL/dh_{T-1}", Wy.T @ dY[-1].reshape(1, 1), dh_fd[-1])
# line 100: ACT[t] are all the same Tanh object -> output = h_T for every t
t = 2
act_alias = r.ACT[t]; act_alias.backward(dh_fd[t])
report(101, f"dtanh via ACT[t].backward(dht), t={t}, aliased ACT  vs FD dL/dout_t", act_alias.dinputs, dout_fd[t])
print("          same object for all t:", all(a is r.ACT[0] for a in r.ACT), "; ACT[t].output is h_T:", np.allclose(r.ACT[t].output, hs[T]))
report(101, f"  (with a fresh Tanh per step: (1-h_t^2)*dht)", (1 - hs[t + 1] ** 2) * dh_fd[t], dout_fd[t])
report(103, "sum_t dtanh_t @ x_t (correct dtanh)  vs FD dWx", sum(dout_fd[t] * X[t, 0] for t in range(T)), g_Wx)
report(104, "sum_t (H[t+1] @ dy_t).T  vs FD dWy", sum((hs[t + 1] @ dY[t].reshape(1, 1)).T for t in range(T)), g_Wy)
report(105, "sum_t H[t] @ dtanh_t.T (correct dtanh)  vs FD dWh", sum(hs[t] @ dout_fd[t].T for t in range(T)), g_Wh)
report(105, "  (transposed: sum_t dtanh_t @ H[t].T)", sum(dout_fd[t] @ hs[t].T for t in range(T)), g_Wh)
report(106, "sum_t dtanh_t  vs FD dbiases", sum(dout_fd), g_b)
for t in [T - 1, 2]:
    report(108, f"dht = Wh@dtanh_t + Wy.T@dy_t (t={t}) vs FD dL/dh_{t-1}", Wh @ dout_fd[t] + Wy.T * dY[t, 0], dh_fd[t - 1])
    report(108, f"  (Wh.T@dtanh_t + Wy.T@dy_t)", Wh.T @ dout_fd[t] + Wy.T * dY[t, 0], dh_fd[t - 1])
    report(108, f"  (Wh@dtanh_t + Wy.T@dy_(t-1))", Wh @ dout_fd[t] + Wy.T * dY[t - 1, 0], dh_fd[t - 1])
    report(108, f"  (corrected: Wh.T@dtanh_t + Wy.T@dy_(t-1))", Wh.T @ dout_fd[t] + Wy.T * dY[t - 1, 0], dh_fd[t - 1])

# ---- the author's backward as run end to end
r.backward(dY)
print("end to end (author's backward as published):")
report(105, "dWh", r.dWh, g_Wh); report(103, "dWx", r.dWx, g_Wx)
report(104, "dWy", r.dWy, g_Wy); report(106, "dbiases", r.dbiases, g_b)
