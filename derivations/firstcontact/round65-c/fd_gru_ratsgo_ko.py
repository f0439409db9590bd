# Finite-difference check of the GRU backward equations in gru_ratsgo_ko.md (ratsgo, 2017-05-13).
# Forward (author): z_t=s(W^z x_t + U^z h_{t-1}), r_t=s(W^r x_t + U^r h_{t-1}),
#   h~_t = tanh(W x_t + r_t (.) U h_{t-1}),  h_t = z_t (.) h_{t-1} + (1-z_t) (.) h~_t,
#   y_t = W_out h_t,  L_t = Softmax-with-Loss(y_t),  L = L_1 + L_2 + L_3.  No biases. h_0 fixed.
# W_x = [W^z, W^r, W] (input weights), U_h = [U^z, U^r, U] (recurrent weights).
import numpy as np
rng = np.random.default_rng(1)
nx, nh, no, T = 3, 4, 5, 3
P = {k: rng.normal(0, .6, (nh, nx)) for k in ('Wz', 'Wr', 'W')}
P.update({k: rng.normal(0, .6, (nh, nh)) for k in ('Uz', 'Ur', 'U')})
P['Wout'] = rng.normal(0, .6, (no, nh))
X = rng.normal(size=(T + 1, nx)); Y = rng.integers(0, no, T + 1); h0 = rng.normal(0, .5, nh)
sig = lambda a: 1 / (1 + np.exp(-a))

def cell(P, x, hp):
    z = sig(P['Wz'] @ x + P['Uz'] @ hp); r = sig(P['Wr'] @ x + P['Ur'] @ hp)
    Uh = P['U'] @ hp; ht = np.tanh(P['W'] @ x + r * Uh)
    return z * hp + (1 - z) * ht, dict(z=z, r=r, Uh=Uh, ht=ht, hp=hp, x=x)

def loss_of(P, h, t):
    y = P['Wout'] @ h; p = np.exp(y - y.max()); p /= p.sum(); return -np.log(p[Y[t]]), p

def forward(P):
    hs = [h0]; cs = [None]; Ls = [None]; ps = [None]
    for t in range(1, T + 1):
        h, c = cell(P, X[t], hs[-1]); L, p = loss_of(P, h, t)
        hs.append(h); cs.append(c); Ls.append(L); ps.append(p)
    return hs, cs, Ls, ps

def fd(fun, M, eps=1e-6):
    M = np.asarray(M); G = np.zeros(M.shape)
    for i in np.ndindex(M.shape):
        old = M[i]; M[i] = old + eps; fp = fun(); M[i] = old - eps; fm = fun(); M[i] = old
        G[i] = (fp - fm) / (2 * eps)
    return G

def report(row, name, a, b, expect=True):
    ok = np.allclose(a, b, atol=1e-6, rtol=1e-5)
    print(f"line {row:3d} {name:62s} {'AGREES' if ok else 'DIFFERS'}  max|diff|={np.max(np.abs(a-b)):.2e}"
          + ("" if ok == expect else "   <-- UNEXPECTED"))

hs, cs, Ls, ps = forward(P)
print("lines 16,27,41: forward definitions (z_t, r_t; h~_t; h_t) implemented as written.")

def local(c, dh):
    """author's node-by-node local gradients inside one cell given dh_t"""
    dht = dh * (1 - c['z'])                      # dh_t tilde
    dWx = dht * (1 - c['ht'] ** 2)               # dWx_t  (= dr_t tilde, grad of tanh input)
    dUh = dWx * c['r']                           # dUh_{t-1}
    dr = dWx * c['Uh']; din_r = dr * c['r'] * (1 - c['r'])
    dz = dh * (c['hp'] - c['ht']); din_z = dz * c['z'] * (1 - c['z'])
    return din_z, din_r, dWx, dUh

def dh_of(t):   # dL_t/dh_t
    return P['Wout'].T @ (ps[t] - np.eye(no)[Y[t]])

def dh_dhprev(c):   # Jacobian dh_t/dh_{t-1} (numerical, one cell)
    J = np.zeros((nh, nh))
    for i in range(nh):
        e = np.zeros(nh); e[i] = 1e-6
        J[:, i] = (cell(P, c['x'], c['hp'] + e)[0] - cell(P, c['x'], c['hp'] - e)[0]) / 2e-6
    return J

# line 86: dL_t/dW_x, dL_t/dU_h for ONE cell (h_{t-1} held fixed) = [din_z x^T, din_r x^T, dWx x^T] etc.
t = 2; c = cs[t]
din_z, din_r, dWx, dUh = local(c, dh_of(t))
one_step = lambda: loss_of(P, cell(P, X[t], hs[t - 1])[0], t)[0]
a = np.hstack([np.outer(din_z, X[t]), np.outer(din_r, X[t]), np.outer(dWx, X[t])])
b = np.hstack([fd(one_step, P['Wz']), fd(one_step, P['Wr']), fd(one_step, P['W'])])
report(86, "dL_t/dW_x (one cell, h_{t-1} fixed) = [din_z x, din_r x, dWx x]", a, b)
a = np.hstack([np.outer(din_z, hs[t - 1]), np.outer(din_r, hs[t - 1]), np.outer(dUh, hs[t - 1])])
b = np.hstack([fd(one_step, P['Uz']), fd(one_step, P['Ur']), fd(one_step, P['U'])])
report(86, "dL_t/dU_h (one cell, h_{t-1} fixed) = [din_z h, din_r h, dUh h]", a, b)

# line 101: delta_t = dL_t/dy_t dy_t/dh_t dh_t/dh_{t-1}  (= dL_t/dh_{t-1})
hp = hs[t - 1].copy()
report(101, "delta_t = dL_t/dh_t . dh_t/dh_{t-1}  (t=2)", dh_of(t) @ dh_dhprev(c),
       fd(lambda: loss_of(P, cell(P, X[t], hp)[0], t)[0], hp))

# line 125: delta_3 = dL_3/dh_2
d3 = dh_of(3) @ dh_dhprev(cs[3])
def L_from_h(k, v, which):
    h = v; tot = 0
    for j in range(k + 1, T + 1):
        h, _ = cell(P, X[j], h)
        if j in which: tot += loss_of(P, h, j)[0]
    return tot
h2 = hs[2].copy(); report(125, "delta_3 = dL_3/dh_3 dh_3/dh_2  (= dL_3/dh_2)", d3, fd(lambda: L_from_h(2, h2, {3}), h2))
# line 133: delta_2 = (delta_3 + dL_2/dh_2) dh_2/dh_1  (= d(L_2+L_3)/dh_1)
d2 = (d3 + dh_of(2)) @ dh_dhprev(cs[2])
h1 = hs[1].copy(); report(133, "delta_2 = (delta_3 + dL_2/dh_2) dh_2/dh_1 (= d(L2+L3)/dh_1)", d2, fd(lambda: L_from_h(1, h1, {2, 3}), h1))

# line 142: "dL_1/dW_x" = (delta_2 + dL_1/dh_1) dh_1/dW_x   -- checked on the W block of W_x (also W^z)
def step_grad(k, g):   # g^T dh_k/dW_x (immediate) for the blocks Wz, Wr, W
    din_z, din_r, dWx, _ = local(cs[k], g)
    return np.hstack([np.outer(din_z, X[k]), np.outer(din_r, X[k]), np.outer(dWx, X[k])])
rhs = step_grad(1, d2 + dh_of(1))
tot = lambda which: (lambda: sum(forward(P)[2][j] for j in which))
fdL1 = np.hstack([fd(tot({1}), P[k]) for k in ('Wz', 'Wr', 'W')])
report(142, "dL_1/dW_x = (delta_2 + dL_1/dh_1) dh_1/dW_x   vs FD of L_1", rhs, fdL1, expect=False)
# what the RHS really is: the h_1-step contribution to d(L_1+L_2+L_3)/dW_x
fdall = np.hstack([fd(tot({1, 2, 3}), P[k]) for k in ('Wz', 'Wr', 'W')])
rest = step_grad(2, d3 + dh_of(2)) + step_grad(3, dh_of(3))
report(142, "(info) RHS + step-2 + step-3 contributions  vs FD of L1+L2+L3", rhs + rest, fdall)

# line 159: sum_{t=1}^3 sum_{k=1}^t dL_t/dy_t dy_t/dh_t dh_t/dh_k dh_k/dW_x  (h_{tk} read as h_k) = dL/dW_x
acc = 0
for tt in range(1, T + 1):
    g = dh_of(tt)
    for k in range(tt, 0, -1):
        acc = acc + step_grad(k, g)
        g = g @ dh_dhprev(cs[k])
report(159, "sum_t sum_k dL_t/dh_t dh_t/dh_k dh_k/dW_x  vs FD of L=sum L_t", acc, fdall)
