# Finite-difference check of rnn_yoshinak_bptt.md (study-AI day3 RNN/BPTT note, Japanese).
# Model (author's math, column vectors): u^t = W_in x^t + W z^{t-1} + b, z^t = f(u^t) (f = sigmoid, as in the code),
# v^t = W_out z^t + c, y^t = g(v^t) (g = sigmoid, as in the code), E = sum_t E^t, E^t = 1/2 ||y^t - d^t||^2.
# delta^t := dE/du^t (author: "delta^{t-1} = dE/du^{t-1}"), delta^{out,t} := dE/dv^t.
import numpy as np
rng = np.random.default_rng(0)
D, H, O, T = 3, 4, 1, 5          # O = 1 as in the author's 3_1_simple_RNN (needed by the code line 154)
sig = lambda a: 1/(1+np.exp(-a))
W_in = rng.normal(size=(H, D)); W = rng.normal(size=(H, H)); b = rng.normal(size=(H, 1))
W_out = rng.normal(size=(O, H)); c = rng.normal(size=(O, 1))
X = [rng.normal(size=(D, 1)) for _ in range(T)]; Dt = [rng.uniform(size=(O, 1)) for _ in range(T)]

def forward(W_in, W, b, W_out, c, ushift=None):
    z = np.zeros((H, 1)); us, zs, vs, ys = [], [z], [], []
    E = 0.0
    for t in range(T):
        u = W_in @ X[t] + W @ z + b
        if ushift is not None and ushift[0] == t: u = u + ushift[1]
        z = sig(u); v = W_out @ z + c; y = sig(v)
        us.append(u); zs.append(z); vs.append(v); ys.append(y)
        E += 0.5 * float(np.sum((y - Dt[t])**2))
    return E, us, zs, vs, ys

E, us, zs, vs, ys = forward(W_in, W, b, W_out, c)
eps = 1e-6
def fd(param_name):
    P = dict(W_in=W_in, W=W, b=b, W_out=W_out, c=c)
    A = P[param_name]; G = np.zeros_like(A)
    for idx in np.ndindex(A.shape):
        A[idx] += eps; Ep = forward(**P)[0]; A[idx] -= 2*eps; Em = forward(**P)[0]; A[idx] += eps
        G[idx] = (Ep - Em)/(2*eps)
    return G
def fd_u(t):
    g = np.zeros((H, 1))
    for i in range(H):
        e = np.zeros((H, 1)); e[i] = eps
        g[i] = (forward(W_in, W, b, W_out, c, (t, e))[0] - forward(W_in, W, b, W_out, c, (t, -e))[0])/(2*eps)
    return g

fp = lambda u: sig(u)*(1-sig(u))
d_out = [(ys[t] - Dt[t]) * ys[t]*(1-ys[t]) for t in range(T)]           # delta^{out,t} = dE/dv^t
true_delta = [fd_u(t) for t in range(T)]                                 # dE/du^t by finite differences
res = []
def rep(line, ok, what): res.append((line, ok)); print(f"L{line:4d} {'AGREES ' if ok else 'DIFFERS'}  {what}")
close = lambda a, b_: np.allclose(a, b_, rtol=1e-5, atol=1e-7)

# forward
rep(10,  True, "u^t = W_in x^t + W z^{t-1} + b is the model definition")
u_wrong = [W_in @ X[t] + W @ (X[t-1] if t > 0 else np.zeros((D, 1)))[:H] + b for t in range(T)] if D >= H else None
# L197: u^t = W_in x^t + W x^{t-1} + b : W (HxH) cannot even act on x^{t-1} (D-dim); with D != H it is ill-formed
# even in a D == H instance (where it is well-formed) it gives a different pre-activation than the model:
r2 = np.random.default_rng(5); Win2 = r2.normal(size=(H, H)); W2 = r2.normal(size=(H, H)); b2 = r2.normal(size=(H, 1))
xs2 = [r2.normal(size=(H, 1)) for _ in range(3)]; z2 = np.zeros((H, 1)); same = True
for t in range(3):
    u_true = Win2 @ xs2[t] + W2 @ z2 + b2
    u_197 = Win2 @ xs2[t] + W2 @ (xs2[t-1] if t > 0 else np.zeros((H, 1))) + b2
    same &= close(u_true, u_197); z2 = sig(u_true)
rep(197, same, f"u^t = W_in x^t + W x^(t-1) + b (ill-formed for D={D}!=H={H}; numerically different when D==H)")
# L260 / L289: delta^t = f'(u^t) W_out^T delta^{out,t}  (output path only)
for t in range(T):
    cand = fp(us[t]) * (W_out.T @ d_out[t])
    print(f"      t={t}: output-only delta matches dE/du^t ? {close(cand, true_delta[t])}")
rep(260, all(close(fp(us[t])*(W_out.T@d_out[t]), true_delta[t]) for t in range(T)), "dE/du^t = f'(u^t) W_out^T delta_out^t (holds only at t=T)")
rep(289, all(close(fp(us[t])*(W_out.T@d_out[t]), true_delta[t]) for t in range(T)), "delta^t := f'(u^t) W_out^T delta_out^t")
# L299: code recursion (row form) delta[t] = (delta[t+1] W^T_row + delta_out W_out^T_row) * d_sigmoid(u)
# code rows: u_row = x_row W_in_c + z_row W_c with W_in_c = W_in.T, W_c = W.T, W_out_c = W_out.T
Wc, Woutc = W.T, W_out.T
delta = [None]*T; nxt = np.zeros((1, H))
for t in reversed(range(T)):
    dr = (nxt @ Wc.T + d_out[t].T @ Woutc.T) * fp(us[t]).T
    delta[t] = dr.T; nxt = dr
rep(299, all(close(delta[t], true_delta[t]) for t in range(T)), "code delta[:,t] = (delta[:,t+1] W.T + delta_out W_out.T) * d_sigmoid(u)")
# L308 / L370: delta^{t-1} = delta^t W f'(u^{t-1}) (recurrent path only)
ok308 = all(close((true_delta[t].T @ W * fp(us[t-1]).T).T, true_delta[t-1]) for t in range(1, T))
rep(308, ok308, "delta^{t-1} = dE/du^{t-1} = dE/du^t du^t/du^{t-1} (misses the output term at t-1)")
# L326: the chain product itself: delta^t W f'(u^{t-1}) (row/numerator layout) = recurrent part of delta^{t-1}
ok326 = all(close((true_delta[t].T @ W * fp(us[t-1]).T).T, true_delta[t-1] - fp(us[t-1])*(W_out.T@d_out[t-1])) for t in range(1, T))
rep(326, ok326, "delta^t {W f'(u^{t-1})} equals the u^t-path contribution to dE/du^{t-1}")
rep(370, ok308, "delta^{t-z-1} = delta^{t-z} {W f'(u^{t-z-1})} as the full recursion")
# weight gradients: per-step terms summed (L110, L137, L160, L183, L206) and update sums (L385, L450)
gWin = sum(true_delta[t] @ X[t].T for t in range(T)); rep(110, close(gWin, fd('W_in')), "sum_t delta^t x^tT = dE/dW_in (per-step term)")
rep(385, close(gWin, fd('W_in')), "W_in update with sum_z delta^{t-z} x^{t-z T}")
gWout = sum(d_out[t] @ zs[t+1].T for t in range(T)); rep(137, close(gWout, fd('W_out')), "sum_t delta_out^t z^tT = dE/dW_out (per-step term)")
gW = sum(true_delta[t] @ zs[t].T for t in range(T)); rep(160, close(gW, fd('W')), "sum_t delta^t z^{t-1 T} = dE/dW (per-step term)")
gb = sum(true_delta[t] for t in range(T)); rep(183, close(gb, fd('b')), "sum_t delta^t = dE/db"); rep(450, close(gb, fd('b')), "b update with sum")
gc = sum(d_out[t] for t in range(T)); rep(206, close(gc, fd('c')), "sum_t delta_out^t = dE/dc")
# L403 / L463: no sum over time for W_out and c
rep(403, close(d_out[T-1] @ zs[T].T, fd('W_out')), "dE/dW_out = delta_out^t z^tT without the time sum")
rep(463, close(d_out[T-1], fd('c')), "dE/dc = delta_out^t without the time sum")
# L423: W update written with W_in^t on the right-hand side
rep(423, W_in.shape == W.shape and np.allclose(W_in, W), "W^{t+1} = W_in^t - eps sum ... (W_in where W is meant)")
# code accumulations (row convention) L131, L154, L177
Win_g = sum(X[t] @ delta[t].T for t in range(T)); rep(131, close(Win_g, fd('W_in').T), "W_in_grad += X.T delta (row form) summed")
Wout_g = sum(zs[t+1] @ d_out[t] for t in range(T)); rep(154, close(Wout_g, fd('W_out').T), "W_out_grad += z(-1,1) . delta_out(-1,1) with O=1")
W_g = sum(zs[t] @ delta[t].T for t in range(T)); rep(177, close(W_g, fd('W').T), "W_grad += z[:,t](-1,1) . delta[:,t](1,-1)")
# L480: loss(g(W_out W + c)): W_out W is 1xH (a matrix product of weights), not W_out z^t
rep(480, False, f"g(W_out W + c) has shape {(W_out@W).shape}, y^t needs W_out z^t -> wrong symbol")
print("summary:", {l: ('pass' if ok else 'fail') for l, ok in res})
