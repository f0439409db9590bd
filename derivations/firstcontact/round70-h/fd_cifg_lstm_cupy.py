"""Finite-difference check of cifg_lstm_cupy.py (numpy only; cupy falls back to numpy).
Loss: L = -(1/B) sum_b [cw*y*log(yhat) + (1-y)*log(1-yhat)], yhat = sigmoid(Wy h_T + by) (many-to-one).
Code deltas (dh, dc, da_*) are B * dL/d(.) (dy not divided by B); parameter grads are dL/dtheta."""
import numpy as np

src = open(__file__.replace('fd_cifg_lstm_cupy.py', 'cifg_lstm_cupy.py')).read()
stub = '''
class LSTMModelGPUOptimized:
    def __init__(self, input_size, hidden_size, output_size=1, cw=1):
        self.input_size, self.hidden_size, self.output_size, self.cw = input_size, hidden_size, output_size, cw
        z_dim = hidden_size + input_size
        rs = np.random.RandomState(1)
        self.params = {k: rs.randn(*s) * 0.5 for k, s in dict(Wf=(hidden_size, z_dim), Wi=(hidden_size, z_dim),
                       Wc=(hidden_size, z_dim), Wo=(hidden_size, z_dim), Wy=(output_size, hidden_size),
                       bf=(hidden_size, 1), bi=(hidden_size, 1), bc=(hidden_size, 1), bo=(hidden_size, 1), by=(output_size, 1)).items()}
        self.m = {k: np.zeros_like(v) for k, v in self.params.items()}
        self.v = {k: np.zeros_like(v) for k, v in self.params.items()}
        self.t = 0
    def sigmoid(self, x):
        return 1 / (1 + np.exp(-np.clip(x, -500, 500)))
'''
src = src.replace('from .lstm_cupy_optimized import LSTMModelGPUOptimized', stub)
ns = {}
exec(compile(src, 'cifg_lstm_cupy.py', 'exec'), ns)

I, H, B, T, CW = 3, 4, 5, 4, 2.2
model = ns['CIFGLSTMModelGPUOptimized'](I, H, 1, CW)
P = model.params; sig = model.sigmoid
assert 'Wi' not in P and 'bi' not in P
rng = np.random.RandomState(5)
X = rng.randn(B, T, I); Y = np.array([1., 0., 1., 1., 0.])
loss_from_pred = lambda yp: -np.mean(CW * Y * np.log(yp) + (1 - Y) * np.log(1 - yp))

def forward(hook=None):
    hk = (lambda t, n, v: v) if hook is None else hook
    h = np.zeros((H, B)); c = np.zeros((H, B))
    for t in range(T):
        h = hk(t, 'h_in', h); c = hk(t, 'c_in', c)
        z = np.vstack((h, X[:, t, :].T))
        af = hk(t, 'af', P['Wf'] @ z + P['bf']); ac = hk(t, 'ac', P['Wc'] @ z + P['bc']); ao = hk(t, 'ao', P['Wo'] @ z + P['bo'])
        f = sig(af); i = 1 - f; c_bar = np.tanh(ac); o = sig(ao)
        c_new = hk(t, 'c', f * c + i * c_bar)
        h_new = hk(t, 'h', o * np.tanh(c_new))
        h, c = h_new, c_new
    return loss_from_pred(sig(P['Wy'] @ h + P['by']).flatten())

y_pred, caches, _, _ = model.forward_batch(X)
print("forward_batch reproduces my forward:", np.isclose(loss_from_pred(y_pred), forward()))

def fd_inter(t, name, eps=1e-6):
    g = np.zeros((H, B))
    for idx in np.ndindex(H, B):
        def hook(tt, n, v, s):
            if tt == t and n == name:
                v = v.copy(); v[idx] += s * eps
            return v
        g[idx] = (forward(lambda a, b, c: hook(a, b, c, 1)) - forward(lambda a, b, c: hook(a, b, c, -1))) / (2 * eps)
    return g

# author's backward lines, copied, keeping intermediates
dy = (y_pred - Y).reshape(1, -1); dy = np.where(Y.reshape(1, -1) == 1, dy * CW, dy)    # lines 115, 119
dh_next = P['Wy'].T @ dy; dc_next = np.zeros((H, B))                                     # lines 129-130
rec = {}
for t in reversed(range(T)):
    z, f, i, c_bar, c, o, h, c_prev, h_prev = caches[t]
    dh = dh_next                                              # 135
    do = dh * np.tanh(c); da_o = do * o * (1 - o)             # 138-139
    dc = dh * o * (1 - np.tanh(c) ** 2) + dc_next             # 144
    dc_bar = dc * i; da_c = dc_bar * (1 - c_bar ** 2)         # 147-148
    df = dc * c_prev; di = dc * c_bar; df_combined = df - di  # 156-158
    da_f = df_combined * f * (1 - f)                          # 160
    dz = P['Wf'].T @ da_f + P['Wc'].T @ da_c + P['Wo'].T @ da_o   # 165
    dh_next = dz[:H, :]                                       # 169
    dc_next = f * dc                                          # 170
    rec[t] = dict(dh=dh, da_o=da_o, dc=dc, da_c=da_c, da_f=da_f, dh_next=dh_next, dc_next=dc_next, df_only=df * f * (1 - f))

ok = lambda a, b: np.allclose(a, b, rtol=1e-4, atol=1e-8)
for label, key, name in [('dh (line 135): total dL/dh_t', 'dh', 'h'), ('da_o (line 139)', 'da_o', 'ao'),
                         ('dc (line 144): total dL/dc_t', 'dc', 'c'), ('da_c (line 148)', 'da_c', 'ac'),
                         ('da_f (line 160) with df_combined = df - di', 'da_f', 'af')]:
    print(f"{label}: {'agree' if all(ok(rec[t][key], B * fd_inter(t, name)) for t in range(T)) else 'DISAGREE'}")
print("(sanity: da_f WITHOUT the coupling term -di would agree?", all(ok(rec[t]['df_only'], B * fd_inter(t, 'af')) for t in range(T)), ")")
print(f"dh_next (line 169): {'agree' if all(ok(rec[t]['dh_next'], B * fd_inter(t, 'h_in')) for t in range(1, T)) else 'DISAGREE'}")
print(f"dc_next (line 170): {'agree' if all(ok(rec[t]['dc_next'], B * fd_inter(t, 'c_in')) for t in range(1, T)) else 'DISAGREE'}")

grads = model.backward_batch(y_pred, Y, caches, CW)
def fd_param(k, eps=1e-6):
    g = np.zeros_like(P[k])
    for idx in np.ndindex(P[k].shape):
        old = P[k][idx]
        P[k][idx] = old + eps; lp = forward()
        P[k][idx] = old - eps; lm = forward()
        P[k][idx] = old; g[idx] = (lp - lm) / (2 * eps)
    return g
for k, ln in dict(Wy=125, by=126, Wo=140, bo=141, Wc=149, bc=150, Wf=161, bf=162).items():
    g = fd_param(k)
    print(f"grads['{k}'] (line {ln}): {'agree' if ok(grads[k], g) else 'DISAGREE'}{' (clip active!)' if np.any(np.abs(g) > 5) else ''}")
