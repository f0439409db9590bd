# Finite-difference check of lstm_aapl.py (JeffChou32/LSTM-Apple-Stock). numpy only.
# The author's class is exec'd from the note as written (pandas/matplotlib/sklearn stubbed); the loss
# 0.5*(y_hat - y)^2 is the author's (fit, lines 154-157). Clipping is switched off (clip=1e9) so that
# the raw gradients of _backward_sample can be compared with finite differences.
import sys, types
import numpy as np
for name in ['pandas', 'matplotlib', 'matplotlib.pyplot', 'sklearn', 'sklearn.metrics']:
    sys.modules[name] = types.ModuleType(name)
sys.modules['matplotlib'].pyplot = sys.modules['matplotlib.pyplot']
sys.modules['sklearn.metrics'].mean_squared_error = sys.modules['sklearn.metrics'].r2_score = None
ns = {'__name__': 'author'}
exec(open(__file__.replace('fd_lstm_aapl.py', 'lstm_aapl.py')).read(), ns)

rng = np.random.default_rng(7)
T, I, Hh = 5, 2, 3
m = ns['LSTM'](input_dim=I, hidden=Hh, seed=1, clip=1e9)
for n in ['Wf', 'Wi', 'Wo', 'Wc', 'W1', 'W2', 'W3']:
    setattr(m, n, getattr(m, n) * 1.5)
for n in ['bf', 'bi', 'bo', 'bc', 'b1', 'b2', 'b3']:
    setattr(m, n, rng.normal(0, 0.5, getattr(m, n).shape))
x = rng.normal(size=(T, I)); ytrue = 0.7

def L():
    y_hat, _ = m._forward_sample(x); return 0.5 * float(y_hat - ytrue) ** 2
def fd(P, eps=1e-6):
    g = np.zeros_like(P)
    for idx in np.ndindex(P.shape):
        old = P[idx]; P[idx] = old + eps; fp = L(); P[idx] = old - eps; fm = L(); P[idx] = old
        g[idx] = (fp - fm) / (2 * eps)
    return g
def report(row, name, a, b):
    agree = np.max(np.abs(a - b)) <= 1e-6 * max(1.0, np.max(np.abs(b)))
    print(f"line {row:>3} {name:<34} {'AGREES' if agree else 'DIFFERS'} with FD "
          f"(max|diff|={np.max(np.abs(a-b)):.2e}, max|FD|={np.max(np.abs(b)):.2e})  expected pass")

y_hat, cache = m._forward_sample(x)
z1, z2 = cache[9], cache[11]
print("min |relu pre-activation| (FD valid away from the kink):", min(np.min(np.abs(z1)), np.min(np.abs(z2))))
err = y_hat - ytrue                                                   # line 154
grads = m._backward_sample(cache, dy=err)
names = ['Wf', 'Wi', 'Wo', 'Wc', 'bf', 'bi', 'bo', 'bc', 'W1', 'b1', 'W2', 'b2', 'W3', 'b3']
rows = {'Wf': 121, 'bf': 121, 'Wi': 122, 'bi': 122, 'Wo': 123, 'bo': 123, 'Wc': 124, 'bc': 124,
        'W1': 96, 'b1': 97, 'W2': 91, 'b2': 92, 'W3': 86, 'b3': 87}
for n, G in zip(names, grads):
    report(rows[n], 'd' + n, G, fd(getattr(m, n)))

# dh_prev / dc_prev recursion (lines 105-134) checked through the gradient w.r.t. the inputs x_t:
# dx_t = dz[H:] is not formed by the author, so we form it from the author's dz the same way as dh_prev.
def author_dx():
    x_, z, f, i, o, g, c, h, h_T, z1, a1, z2, a2 = m._forward_sample(x)[1]
    H = Hh; dy = float(m._forward_sample(x)[0] - ytrue)
    da2 = m.W3.reshape(-1) * dy; dz2 = da2 * ns['drelu'](z2); da1 = m.W2.T @ dz2; dz1 = da1 * ns['drelu'](z1)
    dh_next = m.W1.T @ dz1; dc_next = np.zeros(H); dx = np.zeros((T, I))
    for t in reversed(range(T)):
        tanhc = np.tanh(c[t]); do = dh_next * tanhc; dc = dh_next * o[t] * ns['dtanh'](tanhc) + dc_next
        df = dc * (c[t-1] if t > 0 else 0.0); di = dc * g[t]; dg = dc * i[t]; dc_prev = dc * f[t]
        df_raw = df * ns['dsigmoid'](f[t]); di_raw = di * ns['dsigmoid'](i[t])
        do_raw = do * ns['dsigmoid'](o[t]); dg_raw = dg * ns['dtanh'](g[t])
        dz = m.Wf.T @ df_raw + m.Wi.T @ di_raw + m.Wo.T @ do_raw + m.Wc.T @ dg_raw
        dx[t] = dz[H:]; dh_next = dz[:H]; dc_next = dc_prev
    return dx
report(131, 'dx_t = dz[H:] (recursion 105-134)', author_dx(), fd(x))
