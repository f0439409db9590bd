# Finite-difference check of guide333_gru_ko.md (Saito DL-from-scratch-2 GRU, row layout, no biases).
import numpy as np
rng = np.random.default_rng(1)
def sigmoid(x): return 1/(1+np.exp(-x))
N, D, H, T = 3, 4, 5, 4
Wx = rng.normal(size=(D,3*H))*0.7; Wh = rng.normal(size=(H,3*H))*0.7

def fwd(x, h_prev, Wx, Wh):           # lines 24-31
    Wxz, Wxr, Wxx = Wx[:, :H], Wx[:, H:2*H], Wx[:, 2*H:]
    Whz, Whr, Whh = Wh[:, :H], Wh[:, H:2*H], Wh[:, 2*H:]
    z = sigmoid(np.dot(x, Wxz) + np.dot(h_prev, Whz))
    r = sigmoid(np.dot(x, Wxr) + np.dot(h_prev, Whr))
    h_hat = np.tanh(np.dot(x, Wxx) + np.dot(r*h_prev, Whh))
    return (1-z)*h_prev + z*h_hat, (x, h_prev, z, r, h_hat)

def fd(f, X, h=1e-6):
    G = np.zeros_like(X); it = np.nditer(X, flags=["multi_index"])
    for _ in it:
        i = it.multi_index; o = X[i]; X[i] = o+h; fp = f(); X[i] = o-h; fm = f(); X[i] = o; G[i] = (fp-fm)/(2*h)
    return G
def rep(name, a, b):
    err = np.max(np.abs(a-b))/(np.max(np.abs(b))+1e-12)
    print(f"{name:45s} {'agree' if err<1e-5 else 'DISAGREE'}  rel.err={err:.2e}")

# one step, J = sum(G * h_next)
x = rng.normal(size=(N,D)); h_prev = rng.normal(size=(N,H)); G = rng.normal(size=(N,H))
J = lambda: np.sum(G*fwd(x, h_prev, Wx, Wh)[0])
tWx, tWh, tx, th = fd(J, Wx), fd(J, Wh), fd(J, x), fd(J, h_prev)
# true gradients w.r.t. intermediate quantities (perturb h_hat, z, r, and pre-activations)
h_next, (x_, hp_, z, r, h_hat) = fwd(x, h_prev, Wx, Wh)
dh_next = G
Wxz, Wxr, Wxx = Wx[:, :H], Wx[:, H:2*H], Wx[:, 2*H:]
Whz, Whr, Whh = Wh[:, :H], Wh[:, H:2*H], Wh[:, 2*H:]
true_dhhat = dh_next*z                      # dJ/dh_hat (h_next linear in h_hat)
true_dz = dh_next*(h_hat - h_prev)          # dJ/dz
# author's backward, lines 43-71
dh_hat =dh_next * z
dh_prev = dh_next * (1-z)
rep("L43 dh_hat = dh_next*z", dh_hat, true_dhhat)
dt = dh_hat * (1 - h_hat ** 2)
# dt should equal dJ/d(pre-activation of h_hat): check via perturbation
def J_pre(E):
    zz = sigmoid(x@Wxz + h_prev@Whz); rr = sigmoid(x@Wxr + h_prev@Whr)
    hh = np.tanh(x@Wxx + (rr*h_prev)@Whh + E); return np.sum(G*((1-zz)*h_prev + zz*hh))
E = np.zeros((N,H)); rep("L47 dt (tanh pre-activation)", dt, fd(lambda: J_pre(E), E))
dWh = np.dot((r * h_prev).T, dt); rep("L48 dWh (block 3 of Wh)", dWh, tWh[:, 2*H:])
dhr = np.dot(dt, Wh[:, 2*H:].T)
def J_hr(E):
    zz = sigmoid(x@Wxz + h_prev@Whz); hh = np.tanh(x@Wxx + (r*h_prev + E)@Whh); return np.sum(G*((1-zz)*h_prev + zz*hh))
E2 = np.zeros((N,H)); rep("L49 dhr = dJ/d(r*h_prev)", dhr, fd(lambda: J_hr(E2), E2))
dWx = np.dot(x.T, dt); rep("L50 dWx (block 3 of Wx)", dWx, tWx[:, 2*H:])
dx = np.dot(dt, Wxx.T)
dh_prev += r * dhr
dz = dh_next * h_hat - dh_next * h_prev; rep("L55 dz", dz, true_dz)
dt = dz * z * (1-z)
def J_zpre(E):
    zz = sigmoid(x@Wxz + h_prev@Whz + E); return np.sum(G*((1-zz)*h_prev + zz*h_hat))
E3 = np.zeros((N,H)); rep("L56 dt (update-gate pre-activation)", dt, fd(lambda: J_zpre(E3), E3))
dWhz = np.dot(h_prev.T, dt); rep("L57 dWhz", dWhz, tWh[:, :H])
dh_prev += np.dot(dt, Whz.T)
dWxz = np.dot(x.T, dt); rep("L59 dWxz", dWxz, tWx[:, :H])
dx += np.dot(dt, Wxz.T)
dr = dhr * h_prev
def J_r(E):
    zz = sigmoid(x@Wxz + h_prev@Whz); hh = np.tanh(x@Wxx + ((r+E)*h_prev)@Whh); return np.sum(G*((1-zz)*h_prev + zz*hh))
E4 = np.zeros((N,H)); rep("L63 dr", dr, fd(lambda: J_r(E4), E4))
dt = dr * r * (1-r)
dWhr = np.dot(h_prev.T, dt); rep("L65 dWhr", dWhr, tWh[:, H:2*H])
dh_prev += np.dot(dt, Whr.T)
dWxr = np.dot(x.T, dt); rep("L67 dWxr", dWxr, tWx[:, H:2*H])
dx += np.dot(dt, Wxr.T)
rep("L68 dx (total after 3 terms)", dx, tx)
rep("L66 dh_prev (total after 4 terms)", dh_prev, th)
rep("L70 dWx = hstack", np.hstack((dWxz, dWxr, dWx)), tWx)
rep("L71 dWh = hstack", np.hstack((dWhz, dWhr, dWh)), tWh)

# TimeGRU over T steps, J = sum(dhs * hs)
def layer_backward(cache, dh_next):
    x, h_prev, z, r, h_hat = cache
    dh_hat = dh_next*z; dh_prev = dh_next*(1-z); dt = dh_hat*(1-h_hat**2)
    dWh_ = (r*h_prev).T@dt; dhr = dt@Whh.T; dWx_ = x.T@dt; dx = dt@Wxx.T; dh_prev += r*dhr
    dz = dh_next*h_hat - dh_next*h_prev; dt = dz*z*(1-z)
    dWhz = h_prev.T@dt; dh_prev += dt@Whz.T; dWxz = x.T@dt; dx += dt@Wxz.T
    dr = dhr*h_prev; dt = dr*r*(1-r)
    dWhr = h_prev.T@dt; dh_prev += dt@Whr.T; dWxr = x.T@dt; dx += dt@Wxr.T
    return dx, dh_prev, np.hstack((dWxz, dWxr, dWx_)), np.hstack((dWhz, dWhr, dWh_))
xs = rng.normal(size=(N,T,D)); dhs = rng.normal(size=(N,T,H))
def seq():
    h = np.zeros((N,H)); hs = np.zeros((N,T,H)); caches = []
    for t in range(T):
        h, c = fwd(xs[:,t,:], h, Wx, Wh); hs[:,t,:] = h; caches.append(c)
    return hs, caches
JS = lambda: np.sum(dhs*seq()[0])
tWx_s, tWh_s, txs = fd(JS, Wx), fd(JS, Wh), fd(JS, xs)
_, caches = seq()
dxs = np.zeros_like(xs); sWx, sWh = 0, 0; dh = 0
for t in reversed(range(T)):
    dx, dh, lWx, lWh = layer_backward(caches[t], dhs[:, t, :] + dh)   # line 113
    dxs[:, t, :] = dx; sWx += lWx; sWh += lWh
rep("L113-117 TimeGRU: dWx summed over time", sWx, tWx_s)
rep("L113-117 TimeGRU: dWh summed over time", sWh, tWh_s)
rep("L115 TimeGRU: dxs", dxs, txs)
