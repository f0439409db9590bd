"""Finite-difference check of the stacked char-level GRULayer (search-index file id 47845483197), numpy only.
Author's forward (h = z*h_prev + (1-z)*hh) and author's backprop as written; loss as in main():
sum_t xent_loss.fn(target_t, softmax(y_t)), output gradient xent_loss.softmax_dy(target, p) = p - target."""
import numpy as np

rng = np.random.default_rng(2)
sig = lambda v: 1 / (1 + np.exp(-v))
def smax(v): e = np.exp(v - np.max(v)); return e / e.sum()          # lines 30-31

class G:
    def __init__(s, xsz, hsz, ysz):
        s.P = {k: rng.uniform(-.6, .6, (hsz, xsz)) for k in ("Wz", "Wr", "Wh")}
        s.P.update({k: rng.uniform(-.6, .6, (hsz, hsz)) for k in ("Uz", "Ur", "Uh")})
        s.P.update({k: rng.normal(0, .2, hsz) for k in ("bz", "br", "bh")})
        s.P["Wy"] = rng.uniform(-.6, .6, (ysz, hsz)); s.P["by"] = rng.normal(0, .2, ysz)
        s.h0 = rng.normal(0, .5, hsz)
    def forward(s, x):
        P = s.P; hs = [s.h0]; zs, rs, hhs, ys = [], [], [], []
        prevh = s.h0
        for t in range(len(x)):
            z = sig(P["Wz"] @ x[t] + P["Uz"] @ prevh + P["bz"])            # line 151
            r = sig(P["Wr"] @ x[t] + P["Ur"] @ prevh + P["br"])            # line 153
            hh = np.tanh(P["Wh"] @ x[t] + P["Uh"] @ (r * prevh) + P["bh"]) # line 155
            h = z * prevh + (1 - z) * hh                                   # line 157
            y = P["Wy"] @ h + P["by"]                                      # line 158
            zs.append(z); rs.append(r); hhs.append(hh); hs.append(h); ys.append(y); prevh = h
        return dict(x=x, z=zs, r=rs, hh=hhs, h=hs, y=ys)
    def backprop(s, fwd, dy):
        P = s.P; g = {k: np.zeros_like(v) for k, v in P.items()}; dx = [None] * len(dy)
        dhn = np.zeros_like(s.h0)
        for t in reversed(range(len(dy))):
            g["by"] += dy[t]; g["Wy"] += np.outer(dy[t], fwd["h"][t+1])    # lines 184-185
            dh = P["Wy"].T @ dy[t] + dhn                                   # line 188
            dhh = dh * (1 - fwd["z"][t])                                   # line 189
            dhhl = dhh * (1 - fwd["hh"][t]**2)                             # line 190
            g["Wh"] += np.outer(dhhl, fwd["x"][t])                         # line 193
            g["Uh"] += np.outer(dhhl, fwd["r"][t] * fwd["h"][t])           # line 194
            g["bh"] += dhhl                                                # line 195
            drh = P["Uh"].T @ dhhl                                         # line 198
            dr = drh * fwd["h"][t]                                         # line 199
            drl = dr * fwd["r"][t] * (1 - fwd["r"][t])                     # line 200
            g["Wr"] += np.outer(drl, fwd["x"][t]); g["Ur"] += np.outer(drl, fwd["h"][t]); g["br"] += drl   # 203-205
            dz = dh * (fwd["h"][t] - fwd["hh"][t])                         # line 208
            dzl = dz * fwd["z"][t] * (1 - fwd["z"][t])                     # line 209
            g["Wz"] += np.outer(dzl, fwd["x"][t]); g["Uz"] += np.outer(dzl, fwd["h"][t].T); g["bz"] += dzl  # 212-214
            dhn = P["Uz"].T @ dzl + P["Ur"].T @ drl + dh * fwd["z"][t] + drh * fwd["r"][t]   # lines 217-222
            dxr = P["Wr"].T @ drl; dxz = P["Wz"].T @ dzl                   # lines 225-226
            dx[t] = dxr + dxz                                              # line 227 (as written)
        # what line 227 would need: the candidate path Wh^T dhhl as well
        return g, dx

T, V, H1, H2 = 5, 6, 4, 5
xs = [rng.normal(size=V) for _ in range(T)]          # real-valued inputs so dL/dx can be checked
tg = [np.eye(V)[rng.integers(V)] for _ in range(T)]

def loss_one(layer, x):
    f = layer.forward(x)
    return sum(-np.dot(tg[t], np.log(smax(f["y"][t]))) for t in range(T))          # line 17
def num(fun, arr, eps=1e-6):
    out = np.zeros_like(arr)
    for idx in np.ndindex(arr.shape):
        old = arr[idx]; arr[idx] = old + eps; lp = fun(); arr[idx] = old - eps; lm = fun(); arr[idx] = old
        out[idx] = (lp - lm) / (2 * eps)
    return out

print("== single GRULayer, parameters and input gradient")
L1 = G(V, H1, V)
f = L1.forward(xs)
dy = [smax(f["y"][t]) - tg[t] for t in range(T)]     # xent_loss.softmax_dy(target, p), line 25
g, dx = L1.backprop(f, dy)
for k in L1.P:
    e = np.max(np.abs(num(lambda: loss_one(L1, xs), L1.P[k]) - g[k]))
    print("d%-3s %s (max err %.1e)" % (k, "AGREE" if e < 1e-6 else "DISAGREE", e))
X = np.array(xs)
ndx = num(lambda: loss_one(L1, list(X)), X)
e = np.max(np.abs(ndx - np.array(dx)))
print("dx (line 227, as written)       %s (max err %.1e)" % ("AGREE" if e < 1e-6 else "DISAGREE", e))
# recompute dx with the missing candidate-path term added
P = L1.P; dhn = np.zeros(H1); dxf = [None] * T
for t in reversed(range(T)):
    dh = P["Wy"].T @ dy[t] + dhn; dhhl = dh * (1 - f["z"][t]) * (1 - f["hh"][t]**2)
    drh = P["Uh"].T @ dhhl; drl = drh * f["h"][t] * f["r"][t] * (1 - f["r"][t])
    dzl = dh * (f["h"][t] - f["hh"][t]) * f["z"][t] * (1 - f["z"][t])
    dhn = P["Uz"].T @ dzl + P["Ur"].T @ drl + dh * f["z"][t] + drh * f["r"][t]
    dxf[t] = P["Wr"].T @ drl + P["Wz"].T @ dzl + P["Wh"].T @ dhhl
e = np.max(np.abs(ndx - np.array(dxf)))
print("dx with + Wh^T dhhl added      %s (max err %.1e)" % ("AGREE" if e < 1e-6 else "DISAGREE", e))

print("== two stacked layers as in main(): dG1 = G1.backprop(oG1, dG2.dx)")
A = G(V, H1, H2); B = G(H2, H2, V)
def loss_stack():
    fa = A.forward(xs); fb = B.forward(fa["y"])
    return sum(-np.dot(tg[t], np.log(smax(fb["y"][t]))) for t in range(T))
fa = A.forward(xs); fb = B.forward(fa["y"])
gb, dxb = B.backprop(fb, [smax(fb["y"][t]) - tg[t] for t in range(T)])
ga, _ = A.backprop(fa, dxb)
for k in ("Wz", "Uh", "Wy"):
    e = np.max(np.abs(num(loss_stack, A.P[k]) - ga[k]))
    print("lower layer d%-3s %s (max err %.1e)" % (k, "AGREE" if e < 1e-6 else "DISAGREE", e))
for k in ("Wh", "Uz"):
    e = np.max(np.abs(num(loss_stack, B.P[k]) - gb[k]))
    print("upper layer d%-3s %s (max err %.1e)" % (k, "AGREE" if e < 1e-6 else "DISAGREE", e))

print("== helpers")
z = rng.normal(size=4); eps = 1e-6
p = smax(z); J = np.array([(smax(z + eps*np.eye(4)[i]) - smax(z - eps*np.eye(4)[i])) / (2*eps) for i in range(4)]).T
print("softmax.jac (line 35) == dp/dz:", np.allclose(np.diag(p) - np.outer(p, p), J, atol=1e-8))
u = rng.normal(size=4)
print("apply_softmax_grad (line 85) J(p).g == grad wrt logits of g.p:", np.allclose((np.diag(p) - np.outer(p, p)) @ u, J.T @ u, atol=1e-8))
q = np.abs(rng.normal(size=4)) + .1; xx = np.eye(4)[1]
print("xent_loss.dy (line 21) == d(-x.log y)/dy:", np.allclose(-xx / q, [(-xx @ np.log(q + eps*np.eye(4)[i]) + xx @ np.log(q - eps*np.eye(4)[i])) / (2*eps) for i in range(4)], atol=1e-6))
gz = np.array([(-xx @ np.log(smax(z + eps*np.eye(4)[i])) + xx @ np.log(smax(z - eps*np.eye(4)[i]))) / (2*eps) for i in range(4)])
print("xent_loss.softmax_dy (line 25) with y = softmax probability == dL/dlogits:", np.allclose(smax(z) - xx, gz, atol=1e-6))
print("sigmoid.df / tanh.df (lines 43, 51) in terms of outputs:",
      np.allclose(sig(z)*(1-sig(z)), (sig(z+eps)-sig(z-eps))/(2*eps)), np.allclose(1-np.tanh(z)**2, (np.tanh(z+eps)-np.tanh(z-eps))/(2*eps)))
