# Finite-difference check of gru_step_decoder_np.py (numpy only).
# Runs the author's own functions (the file is exec'd as written). gru_step_backward reads Wzx, Wrx, Whx
# without receiving them as arguments, so they are provided as module globals, as the author's module must.
# Layout: column vectors, x_t (D, 1), h (H, 1); one example (the author's dbh = dah etc. assume that).
# Loss for the check: L = sum(G * h_t) with a random G (so dh_t = G).
import numpy as np
src = open(__file__.replace("fd_gru_step_decoder_np.py", "gru_step_decoder_np.py")).read()
ns = {"np": np}
np.random.seed(0)
D, H = 3, 4
W = {"Wzx": np.random.randn(H, D), "Wzh": np.random.randn(H, H), "bz": np.random.randn(H, 1),
     "Wrx": np.random.randn(H, D), "Wrh": np.random.randn(H, H), "br": np.random.randn(H, 1),
     "Whx": np.random.randn(H, D), "Whh": np.random.randn(H, H), "bh": np.random.randn(H, 1)}
ns.update({k: W[k] for k in ["Wzx", "Wrx", "Whx"]})          # globals used inside gru_step_backward
exec(src, ns)
x = np.random.randn(D, 1); h = np.random.randn(H, 1); G = np.random.randn(H, 1)
order = ["Wzx", "Wzh", "bz", "Wrx", "Wrh", "br", "Whx", "Whh", "bh"]
def L(): return np.sum(G * ns["gru_step_forward"](x, h, *[W[k] for k in order])[0])
def num_grad(f, v, hh=1e-6):
    g = np.zeros_like(v)
    for i in np.ndindex(v.shape):
        o = v[i]; v[i] = o + hh; fp = f(); v[i] = o - hh; fm = f(); v[i] = o; g[i] = (fp - fm) / (2 * hh)
    return g
def report(name, mine, fd, tol=1e-6):
    r = np.max(np.abs(mine - fd)) / max(1e-12, np.max(np.abs(mine)) + np.max(np.abs(fd)))
    print("%-44s %s  (rel err %.1e)" % (name, "AGREES" if r < tol else "DISAGREES", r))

print("== helpers ==")
u = np.random.randn(5, 1)
s = ns["sigmoid"](u); report("2-3 sigmoid(u) = 1/(1+e^-u)", s, np.exp(u) / (1 + np.exp(u)))
sm = ns["softmax"](u); report("5-8 softmax (shift-invariant, sums to 1)", sm, np.exp(u) / np.exp(u).sum())

h_t, cache = ns["gru_step_forward"](x, h, *[W[k] for k in order])
g = ns["gru_step_backward"](G.copy(), cache, W["Wzh"], W["Wrh"], W["Whh"])
print("== parameter and input gradients (lines 41-77 combined) ==")
for k, ln in [("Wzx", 67), ("Wzh", 68), ("bz", 69), ("Wrx", 59), ("Wrh", 60), ("br", 61), ("Whx", 49), ("Whh", 50), ("bh", 51)]:
    report("%d d%s" % (ln, k), g["d" + k], num_grad(L, W[k]))
report("43+55+63+71 dh_prev (total)", g["dh_prev"], num_grad(L, h))
report("74-77 dx (total)", g["dx"], num_grad(L, x))

print("== intermediate quantities vs. finite differences w.r.t. the pre-activations ==")
z, r = cache["z"], cache["r"]
az = W["Wzx"] @ x + W["Wzh"] @ h + W["bz"]; ar = W["Wrx"] @ x + W["Wrh"] @ h + W["br"]
def fwd_pre(az, ar, ah_extra=0.0, rh=None):
    zz = 1 / (1 + np.exp(-az)); rr = 1 / (1 + np.exp(-ar))
    ah = W["Whx"] @ x + W["Whh"] @ (rr * h if rh is None else rh) + W["bh"] + ah_extra
    return np.sum(G * ((1 - zz) * h + zz * np.tanh(ah)))
daz_fd = num_grad(lambda: fwd_pre(az, ar), az); dar_fd = num_grad(lambda: fwd_pre(az, ar), ar)
e = np.zeros((H, 1)); dah_fd = num_grad(lambda: fwd_pre(az, ar, e), e)
rh = r * h; drh_fd = num_grad(lambda: fwd_pre(az, ar, 0.0, rh), rh)
dah = (G * z) * (1 - cache["h_hat"] ** 2)
report("41+46 dah (dL/d pre-activation of h_hat)", dah, dah_fd)
report("53 d_rhprev (dL/d(r*h_prev))", W["Whh"].T @ dah, drh_fd)
report("54+58 dar", (W["Whh"].T @ dah) * h * r * (1 - r), dar_fd)
report("42+66 daz", G * (cache["h_hat"] - h) * z * (1 - z), daz_fd)
# direct-path part of dh_prev, line 43: dL/dh_prev holding z, r, h_hat fixed
hh = h.copy()
report("43 dh_prev direct part dh_t*(1-z)", G * (1 - z), num_grad(lambda: np.sum(G * ((1 - z) * hh + z * cache["h_hat"])), hh))
