"""FD check of TensorFlow gru_ops.h GRUBlockCellFprop / GRUBlockCellBprop (numpy only, float64)."""
import numpy as np

rng = np.random.default_rng(5901)
B, I, H = 3, 4, 5
sig = lambda z: 1.0 / (1.0 + np.exp(-z))


def num_grad(fn, x, eps=1e-6):
    g = np.zeros_like(x)
    it = np.nditer(x, flags=["multi_index"])
    for _ in it:
        k = it.multi_index
        old = x[k]
        x[k] = old + eps; fp = fn()
        x[k] = old - eps; fm = fn()
        x[k] = old
        g[k] = (fp - fm) / (2 * eps)
    return g


close = lambda a, b: np.allclose(a, b, rtol=1e-6, atol=1e-7)

x = rng.normal(size=(B, I)); h_prev = rng.normal(size=(B, H))
w_ru = rng.normal(size=(I + H, 2 * H)) * 0.5; b_ru = rng.normal(size=2 * H) * 0.3
w_c = rng.normal(size=(I + H, H)) * 0.5; b_c = rng.normal(size=H) * 0.3
d_h = rng.normal(size=(B, H))                     # L = sum(d_h * h)
P = {"rub": np.zeros((B, 2 * H)), "cb": np.zeros((B, H)), "hr": np.zeros((B, H))}


def fprop():
    x_h_prev = np.concatenate([x, h_prev], 1)              # 13, 14
    r_u_bar = x_h_prev @ w_ru                              # 16, 19
    r_u_bar = r_u_bar + b_ru[None, :]                      # 27
    r_u_bar = r_u_bar + P["rub"]
    r = sig(r_u_bar[:, :H])                                # 30
    u = sig(r_u_bar[:, H:])                                # 31
    x_h_prevr = np.concatenate([x, h_prev * r + P["hr"]], 1)   # 33, 34, 35
    c = x_h_prevr @ w_c                                    # 37, 40
    c = c + b_c[None, :]                                   # 45
    c = np.tanh(c + P["cb"])                               # 46
    h = u * (h_prev - c) + c                               # 49
    return r, u, c, h


def reference():
    # Cho et al. GRU in TF's convention: h = u*h_prev + (1-u)*c, reset applied to h_prev before w_c
    z = np.concatenate([x, h_prev], 1) @ w_ru + b_ru
    r, u = sig(z[:, :H]), sig(z[:, H:])
    c = np.tanh(np.concatenate([x, r * h_prev], 1) @ w_c + b_c)
    return u * h_prev + (1 - u) * c                        # also the comment on line 48


L = lambda: np.sum(d_h * fprop()[3])
r, u, c, h = fprop()
V = {}
fwd = close(h, reference())
for ln in (13, 14, 16, 19, 27, 30, 31, 33, 34, 35, 37, 40, 45, 46, 48, 49):
    V[ln] = fwd

g_rub = num_grad(L, P["rub"]); g_cb = num_grad(L, P["cb"]); g_hr = num_grad(L, P["hr"])
g_x = num_grad(L, x); g_hp = num_grad(L, h_prev)

# backward rows as written
d_c_bar_comment = d_h * (1 - u) * (1 - c * c)                           # 56
d_c_bar = (d_h * (1 - u)) * (1 - c * c)                                 # 57
d_u_bar_comment = d_h * (h - c) * (u * (1 - u))                         # 60 (h = new state)
d_u_bar = d_h * (h_prev - c) * u * (1 - u)                              # 61
d_x_comp2_and_h_prevr = d_c_bar @ w_c.T                                 # 63, 66
d_hr = d_x_comp2_and_h_prevr[:, I:]                                     # 71
d_r_bar = (d_hr * h_prev * r) * (1 - r)                                 # 72
d_r_bar_u_bar = np.concatenate([d_r_bar, d_u_bar], 1)                   # 74, 75, 76
d_x_comp1_and_h_prev_comp1 = d_r_bar_u_bar @ w_ru.T                     # 78, 82
d_x = (d_x_comp1_and_h_prev_comp1 + d_x_comp2_and_h_prevr)[:, :I]       # 87, 88
d_h_prev = d_x_comp1_and_h_prev_comp1[:, I:] + (d_hr * r) + (d_h * u)   # 91, 92

V[56] = close(d_c_bar_comment, g_cb); V[57] = close(d_c_bar, g_cb)
V[60] = close(d_u_bar_comment, g_rub[:, H:]); V[61] = close(d_u_bar, g_rub[:, H:])
# d_c_bar X w_c^T: gradient w.r.t. x_h_prevr = [x, h_prev*r] ; its h-part is dL/d(h_prev*r)
V[63] = V[66] = close(d_x_comp2_and_h_prevr[:, I:], g_hr)
V[71] = close(d_hr, g_hr)
V[72] = close(d_r_bar, g_rub[:, :H])
V[74] = V[75] = close(d_r_bar_u_bar[:, :H], g_rub[:, :H])
V[76] = close(d_r_bar_u_bar[:, H:], g_rub[:, H:])
# [d_r_bar d_u_bar] X w_ru^T = gradient wrt x_h_prev flowing through r_u_bar only
P_xh = np.zeros((B, I + H))
def L_xh_gates():
    # perturb x_h_prev only where it enters r_u_bar
    z = (np.concatenate([x, h_prev], 1) + P_xh) @ w_ru + b_ru
    rr, uu = sig(z[:, :H]), sig(z[:, H:])
    cc = np.tanh(np.concatenate([x, rr * h_prev], 1) @ w_c + b_c)
    return np.sum(d_h * (uu * (h_prev - cc) + cc))
V[78] = V[82] = close(d_x_comp1_and_h_prev_comp1, num_grad(L_xh_gates, P_xh))
V[87] = V[88] = close(d_x, g_x)
V[91] = V[92] = close(d_h_prev, g_hp)

expected = {ln: True for ln in V}
expected[60] = False     # comment uses h (new state) instead of h_prev
for ln in sorted(V):
    print(ln, "pass" if V[ln] else "FAIL")
bad = [ln for ln in V if V[ln] != expected[ln]]
assert not bad, bad
print("all verdicts confirmed")
