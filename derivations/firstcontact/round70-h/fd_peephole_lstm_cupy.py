"""Finite-difference check of peephole_lstm_cupy.py (numpy only; cupy falls back to numpy).
Loss (from the parent class + the cw weighting applied to dy): L = -(1/B) sum_b [cw*y*log(yhat) + (1-y)*log(1-yhat)],
yhat = sigmoid(Wy h_T + by). The code's deltas (dh, dc, da_*) are B * dL/d(.) because dy is not divided by B;
its parameter gradients are divided by B, i.e. they are dL/dtheta."""
import numpy as np, re, types

src = open(__file__.replace('fd_peephole_lstm_cupy.py', 'peephole_lstm_cupy.py')).read()
stub = '''
class LSTMModelGPUOptimized:
    def __init__(self, input_size, hidden_size, output_size=1, cw=1):
        self.input_size, self.hidden_size, self.output_size, self.cw = input_size, hidden_size, output_size, cw
        z_dim = hidden_size + input_size
        rs = np.random.RandomState(1)
        self.params = {k: rs.randn(*s) * 0.4 for k, s in dict(Wf=(hidden_size, z_dim), Wi=(hidden_size, z_dim),
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
exec(compile(src, 'peephole_lstm_cupy.py', 'exec'), ns)
cp = ns['cp']; assert cp is np or not ns['GPU_AVAILABLE']

I, H, B, T, CW = 3, 4, 5, 4, 2.2
model = ns['PeepholeLSTMModelGPUOptimized'](I, H, 1, CW)
model.params['Vf'] = np.random.RandomState(2).randn(H, 1) * 0.5   # larger peepholes than 0.01 so they matter
model.params['Vi'] = np.random.RandomState(3).randn(H, 1) * 0.5
model.params['Vo'] = np.random.RandomState(4).randn(H, 1) * 0.5
P = model.params
rng = np.random.RandomState(5)
X = rng.randn(B, T, I)
Y = np.array([1., 0., 1., 1., 0.])
sig = model.sigmoid

def loss_from_pred(yp):
    return -np.mean(CW * Y * np.log(yp) + (1 - Y) * np.log(1 - yp))

def forward(hook=None):
    """re-implementation of forward_batch with optional hook(t, name, value) on intermediates"""
    hk = (lambda t, n, v: v) if hook is None else hook
    h = np.zeros((H, B)); c = np.zeros((H, B))
    for t in range(T):
        h = hk(t, 'h_in', h); c = hk(t, 'c_in', c)
        z = np.vstack((h, X[:, t, :].T)); c_prev = c
        af = hk(t, 'af', P['Wf'] @ z + P['Vf'] * c_prev + P['bf'])
        ai = hk(t, 'ai', P['Wi'] @ z + P['Vi'] * c_prev + P['bi'])
        ac = hk(t, 'ac', P['Wc'] @ z + P['bc'])
        f, i, c_bar = sig(af), sig(ai), np.tanh(ac)
        c_new = hk(t, 'c', f * c_prev + i * c_bar)
        ao = hk(t, 'ao', P['Wo'] @ z + P['Vo'] * c_new + P['bo'])
        o = sig(ao)
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

# --- the author's backward, line by line (copied from backward_batch), keeping intermediates ---
dy = (y_pred - Y).reshape(1, -1); dy = np.where(Y.reshape(1, -1) == 1, dy * CW, dy)   # lines 183-185
dh_next = P['Wy'].T @ dy                                                                 # line 195
dc_next = np.zeros((H, B))
rec = {}
for t in reversed(range(T)):
    z, f, i, c_bar, c, o, h, c_prev, h_prev = caches[t]
    dh = dh_next                                                  # line 201
    do = dh * np.tanh(c); da_o = do * o * (1 - o)                 # lines 204-205
    dc = dh * o * (1 - np.tanh(c) ** 2) + dc_next                 # line 217
    dc_before = dc.copy()
    dc += da_o * P['Vo']                                          # line 222
    dc_bar = dc * i; da_c = dc_bar * (1 - c_bar ** 2)             # lines 225-226
    di = dc * c_bar; da_i = di * i * (1 - i)                      # lines 231-232
    df = dc * c_prev; da_f = df * f * (1 - f)                     # lines 240-241
    dz = P['Wf'].T @ da_f + P['Wi'].T @ da_i + P['Wc'].T @ da_c + P['Wo'].T @ da_o   # line 249
    dh_next = dz[:H, :]                                           # line 254
    dc_next = f * dc + da_f * P['Vf'] + da_i * P['Vi']            # line 259
    rec[t] = dict(dh=dh, da_o=da_o, dc=dc, da_c=da_c, da_i=da_i, da_f=da_f, dh_next=dh_next, dc_next=dc_next)

ok = lambda a, b: np.allclose(a, b, rtol=1e-4, atol=1e-8)
checks = [('dh (line 201): total dL/dh_t', 'dh', 'h'), ('da_o (line 205)', 'da_o', 'ao'),
          ('dc after line 222: total dL/dc_t', 'dc', 'c'), ('da_c (line 226)', 'da_c', 'ac'),
          ('da_i (line 232)', 'da_i', 'ai'), ('da_f (line 241)', 'da_f', 'af')]
for label, key, name in checks:
    res = all(ok(rec[t][key], B * fd_inter(t, name)) for t in range(T))
    print(f"{label}: {'agree' if res else 'DISAGREE'}")
# dh_next / dc_next of step t = gradient wrt h_{t-1}, c_{t-1} coming THROUGH step t (inputs of step t)
res_h = all(ok(rec[t]['dh_next'], B * fd_inter(t, 'h_in')) for t in range(1, T))
res_c = all(ok(rec[t]['dc_next'], B * fd_inter(t, 'c_in')) for t in range(1, T))
print(f"dh_next (line 254) = dL/dh_(t-1) via step t: {'agree' if res_h else 'DISAGREE'}")
print(f"dc_next (line 259) = dL/dc_(t-1) via step t (incl. peepholes): {'agree' if res_c else 'DISAGREE'}")
# without the peephole term of line 222 the recursion would be wrong (sanity check that the check has power)
print("(sanity: dc without line 222 would agree?", all(ok(rec[t]['dc'] - rec[t]['da_o'] * P['Vo'], B * fd_inter(t, 'c')) for t in range(T)), ")")

# --- parameter gradients, from the author's backward_batch itself ---
grads = model.backward_batch(y_pred, Y, caches, CW)
def fd_param(k, eps=1e-6):
    g = np.zeros_like(P[k])
    for idx in np.ndindex(P[k].shape):
        old = P[k][idx]
        P[k][idx] = old + eps; lp = forward()
        P[k][idx] = old - eps; lm = forward()
        P[k][idx] = old; g[idx] = (lp - lm) / (2 * eps)
    return g
lines = dict(Wy=191, by=192, Wo=206, bo=207, Vo=213, Wc=227, bc=228, Wi=233, bi=234, Vi=237, Wf=242, bf=243, Vf=246)
for k, ln in lines.items():
    g = fd_param(k)
    clipped = np.any(np.abs(g) > 5)
    print(f"grads['{k}'] (line {ln}): {'agree' if ok(grads[k], g) else 'DISAGREE'}{' (clip active!)' if clipped else ''}")
