# Forward-row check for morinota_gru_ja.md (numpy only). Row-vector (Keras) layout; f^act(a, b) denotes a
# Dense layer act(a W_a + b W_b + bias) as the author defines right after line 17.
import numpy as np
rng = np.random.default_rng(4)
sig = lambda a: 1 / (1 + np.exp(-a))
D, H = 3, 4
x = rng.standard_normal((1, D)); hp = rng.standard_normal((1, H))
def dense(act, Wa, Wb, bb): return lambda a, b: act(a @ Wa + b @ Wb + bb)
Wxh, Whh, bh = rng.standard_normal((D, H)), rng.standard_normal((H, H)), rng.standard_normal(H)
res = {}
f_tanh = dense(np.tanh, Wxh, Whh, bh)
y = np.tanh(x @ Wxh + hp @ Whh + bh)                 # line 17
res[10] = True                                       # generic recurrence signature y,h = f(x, y_prev, h_prev): definition
res[17] = y.shape == (1, H)
res[23] = np.allclose(f_tanh(x, hp), y)
fz = dense(sig, *[rng.standard_normal(s) for s in [(D, H), (H, H), (H,)]])
fr = dense(sig, *[rng.standard_normal(s) for s in [(D, H), (H, H), (H,)]])
fh = dense(np.tanh, *[rng.standard_normal(s) for s in [(D, H), (H, H), (H,)]])
z = fz(x, hp); r = fr(x, hp); res[47] = np.all((z > 0) & (z < 1)); res[51] = np.all((r > 0) & (r < 1))
htil = fh(x, r * hp); res[55] = htil.shape == (1, H)
h = (1 - z) * hp + z * htil
# GRU update must be a convex combination: fixed point when h_prev == h~
v = rng.standard_normal((1, H)); res[59] = np.allclose((1 - z) * v + z * v, v)
for k in [10, 17, 23, 47, 51, 55, 59]:
    assert bool(res[k]) is True, (k, res[k])
print("fd_morinota_gru_ja: all 7 verdicts confirmed")
