# FD check for dragonhyq_bptt.tex (sections 1-2 of dragonhyq/bptt main.tex). numpy only.
import numpy as np
np.random.seed(0)
EPS = 1e-6
res = {}
def rec(line, ok, expected):
    res[line] = ok
    assert ok == (expected == "pass"), (line, ok, expected)
def close(a, b, tol=1e-6):
    return np.allclose(a, b, rtol=tol, atol=tol)
sig = lambda v: 1/(1+np.exp(-v))

# ---------------- Section 1: scalar form ----------------
T = 5
x = np.random.randn(T+1); x[0] = 0.0     # x[1..T]
U, W, V = 0.7, 0.9, -1.1
s0 = 0.3
y = 1.0
def fwd_scalar(U, W, V, s0=s0, start=None):
    s = np.zeros(T+1); s[0] = s0
    for t in range(1, T+1):
        if start is not None and t == start[0]:
            s[t] = start[1]; continue
        s[t] = np.tanh(U*x[t] + W*s[t-1])
    return s
s = fwd_scalar(U, W, V)
yh = sig(V*s)
E = lambda t, U, W, V: -y*np.log(sig(V*fwd_scalar(U, W, V)[t]))
t = T
# line 17-19 forward: model = tanh recurrence, sigmoid output, -y log yhat
rec(17, close(s[2], np.tanh(U*x[2]+W*s[1])), "pass")
rec(18, close(yh[t], 1/(1+np.exp(-V*s[t]))), "pass")
rec(19, close(E(t, U, W, V), -y*np.log(yh[t])), "pass")
fdV = (E(t,U,W,V+EPS)-E(t,U,W,V-EPS))/(2*EPS)
fdW = (E(t,U,W+EPS,V)-E(t,U,W-EPS,V))/(2*EPS)
fdU = (E(t,U+EPS,W,V)-E(t,U-EPS,W,V))/(2*EPS)
dE_dyh = -y/yh[t]; dyh_dV = yh[t]*(1-yh[t])*s[t]; dyh_ds = yh[t]*(1-yh[t])*V
ds_dW_tot = lambda tt: (fwd_scalar(U,W+EPS,V)[tt]-fwd_scalar(U,W-EPS,V)[tt])/(2*EPS)
ds_dU_tot = lambda tt: (fwd_scalar(U+EPS,W,V)[tt]-fwd_scalar(U-EPS,W,V)[tt])/(2*EPS)
rec(23, close(dE_dyh*dyh_dV, fdV), "pass")
rec(27, close(dE_dyh*dyh_ds*ds_dW_tot(t), fdW), "pass")
# line 31: total derivative rule, z=u*v, u=sin x, v=x^2
xx = 0.4; z = lambda q: np.sin(q)*q**2
rec(31, close(xx**2*np.cos(xx) + np.sin(xx)*2*xx, (z(xx+EPS)-z(xx-EPS))/(2*EPS)), "pass")
imm_W = lambda k: (1-s[k]**2)*s[k-1]          # immediate ds_k/dW
imm_U = lambda k: (1-s[k]**2)*x[k]
Jfd = lambda i: (1-s[i]**2)*W                  # ds_i/ds_{i-1}
def ds_dsk(tt, k):                             # FD of s_tt wrt s_k
    if tt == k: return 1.0
    return (fwd_scalar(U,W,V,start=(k,s[k]+EPS))[tt]-fwd_scalar(U,W,V,start=(k,s[k]-EPS))[tt])/(2*EPS)
rec(35, close(imm_W(t) + Jfd(t)*ds_dW_tot(t-1), ds_dW_tot(t)), "pass")
rec(39, close(imm_W(3) + Jfd(3)*imm_W(2) + Jfd(3)*Jfd(2)*imm_W(1), ds_dW_tot(3)), "pass")
rec(40, close(ds_dsk(3,3)*imm_W(3) + ds_dsk(3,2)*imm_W(2) + ds_dsk(3,1)*imm_W(1), ds_dW_tot(3)), "pass")
rec(41, close(sum(ds_dsk(3,k)*imm_W(k) for k in range(1,4)), ds_dW_tot(3)), "pass")
rec(45, close(sum(ds_dsk(t,k)*imm_W(k) for k in range(1,t+1)), ds_dW_tot(t)), "pass")
rec(46, close(sum(ds_dsk(t,k)*imm_W(k) for k in range(t,0,-1)), ds_dW_tot(t)), "pass")
k = 2
rec(50, close(np.prod([Jfd(i) for i in range(k+1,t+1)])*imm_W(k), ds_dsk(t,k)*imm_W(k)), "pass")
rec(51, close(W**(t-k)*imm_W(k), ds_dsk(t,k)*imm_W(k)), "fail")   # W*W*W... drops tanh'
rec(52, close(W**(t-k)*imm_W(k), ds_dsk(t,k)*imm_W(k)), "fail")
rec(56, close(sum(W**(t-kk)*imm_W(kk) for kk in range(1,t+1)), ds_dW_tot(t)), "fail")
rec(60, close(dE_dyh*dyh_ds*ds_dU_tot(t), fdU), "pass")
rec(64, close(sum(W**(t-kk)*imm_U(kk) for kk in range(1,t+1)), ds_dU_tot(t)), "fail")

# ---------------- Section 2: vector form, single data point ----------------
M, D, C, T = 3, 4, 5, 4
X = np.random.randn(T+1, M)
Uv = np.random.randn(D, M)*0.6; Wv = np.random.randn(D, D)*0.6; Vv = np.random.randn(C, D)*0.6
s0v = np.random.randn(D)*0.3
Y = np.zeros((T+1, C)); 
for tt in range(1, T+1): Y[tt, np.random.randint(C)] = 1.0
def softmax(g): e = np.exp(g-g.max()); return e/e.sum()
def fwd(U, W, V, start=None):
    S = np.zeros((T+1, D)); S[0] = s0v; Z = np.zeros((T+1, D))
    for tt in range(1, T+1):
        Z[tt] = U@X[tt] + W@S[tt-1]
        S[tt] = np.tanh(Z[tt])
        if start is not None and tt == start[0]: S[tt] = start[1]
    return Z, S
def Lt(tt, U, W, V, start=None):
    Z, S = fwd(U, W, V, start)
    return -Y[tt]@np.log(softmax(V@S[tt]))
def fdgrad(f, A):
    G = np.zeros_like(A)
    for idx in np.ndindex(A.shape):
        Ap = A.copy(); Ap[idx] += EPS; Am = A.copy(); Am[idx] -= EPS
        G[idx] = (f(Ap)-f(Am))/(2*EPS)
    return G
def fdjac(f, A):   # returns out.shape + A.shape
    out = f(A); J = np.zeros(out.shape + A.shape)
    for idx in np.ndindex(A.shape):
        Ap = A.copy(); Ap[idx] += EPS; Am = A.copy(); Am[idx] -= EPS
        J[(Ellipsis,)+idx] = (f(Ap)-f(Am))/(2*EPS)
    return J
Z, S = fwd(Uv, Wv, Vv)
t = T
g = Vv@S[t]; yh = softmax(g); yv = Y[t]
rec(70, close(Z[2], Uv@X[2]+Wv@S[1]), "pass")
rec(71, close(S[2], np.tanh(Z[2])), "pass")
rec(72, close(g, Vv@S[t]), "pass")
rec(73, close(yh.sum(), 1.0) and close(np.log(yh)-np.log(yh[0]), g-g[0]), "pass")
rec(74, close(Lt(t, Uv, Wv, Vv), -yv@np.log(yh)), "pass")
rec(87, close(-np.sum(yv*np.log(yh)), -yv@np.log(yh)), "pass")
fd_dyh = fdgrad(lambda q: -yv@np.log(q), yh)
rec(91, close(np.array([-yv[i]/yh[i] for i in range(C)]), fd_dyh), "pass")   # dL_{t,i}/dyh_i, L_{t,i}=-y_i log yh_i
rec(95, close(-yv/yh, fd_dyh), "pass")
Jsm = fdjac(softmax, g)
fd_dg = fdgrad(lambda q: -yv@np.log(softmax(q)), g)
rec(99, close(fd_dyh@Jsm, fd_dg), "pass")
# line 103 as written: denominator sum_{i=j}^C exp(g_j) -- lower limit 'i=j' ill-formed; reading it as sum over j from i..C
lit = np.array([np.exp(g[i])/np.sum(np.exp(g[i:])) for i in range(C)])
rec(103, close(lit, softmax(g)), "fail")
case = np.array([[yh[i]*(1-yh[i]) if i == j else -yh[i]*yh[j] for j in range(C)] for i in range(C)])
rec(107, close(case, Jsm), "pass")
rec(115, close(np.array([[yh[i]*((i == j)-yh[j]) for j in range(C)] for i in range(C)]), Jsm), "pass")
rec(119, close(np.array([[1.0 if i == j else 0.0 for j in range(C)] for i in range(C)]), np.eye(C)), "pass")
rec(127, close(np.array([sum(fd_dyh[k]*Jsm[k, i] for k in range(C)) for i in range(C)]), fd_dg), "pass")
r131 = np.array([-sum(yv[k]/yh[k]*yh[k]*((k == i)-yh[i]) for k in range(C)) for i in range(C)])
r133 = np.array([-sum(yv[k]*((k == i)-yh[i]) for k in range(C)) for i in range(C)])
r134 = np.array([sum(yv[k]*yh[i] for k in range(C)) - yv[i] for i in range(C)])
r135 = np.array([yv.sum()*yh[i] - yv[i] for i in range(C)])
r136 = yh - yv
for ln, r in [(131, r131), (133, r133), (134, r134), (135, r135), (136, r136)]:
    rec(ln, close(r, fd_dg), "pass")
rec(140, close((yh-yv), fd_dg), "pass")
fdV = fdgrad(lambda A: Lt(t, Uv, Wv, A), Vv)
Jg_V = fdjac(lambda A: A@S[t], Vv)      # C x C x D
rec(144, close(np.tensordot(fd_dg, Jg_V, axes=(0, 0)), fdV), "pass")
xa = np.random.randn(M); Wa = np.random.randn(D, M)
rec(150, close(Wa@xa, np.array([sum(Wa[i, j]*xa[j] for j in range(M)) for i in range(D)])), "pass")
rec(157, close(np.array([[sum(fd_dg[k]*Jg_V[k, i, j] for k in range(C)) for j in range(D)] for i in range(C)]), fdV), "pass")
rec(161, close(np.array([sum(Vv[i, d]*S[t][d] for d in range(D)) for i in range(C)]), g), "pass")
ind = np.array([[[S[t][j] if i == k else 0.0 for j in range(D)] for i in range(C)] for k in range(C)])
rec(165, close(ind, Jg_V), "pass")
rec(170, close(ind, Jg_V), "pass")
r174 = np.array([[sum(fd_dg[k]*Jg_V[k, i, j] for k in range(C)) for j in range(D)] for i in range(C)])
r175 = np.array([[sum((yh[k]-yv[k])*(i == k)*S[t][j] for k in range(C)) for j in range(D)] for i in range(C)])
r176 = np.array([[(yh[i]-yv[i])*S[t][j] for j in range(D)] for i in range(C)])
for ln, r in [(174, r174), (175, r175), (176, r176)]:
    rec(ln, close(r, fdV), "pass")
rec(180, close(np.outer(yh-yv, S[t]), fdV), "pass")
fdW = fdgrad(lambda A: Lt(t, Uv, A, Vv), Wv)
fdU = fdgrad(lambda A: Lt(t, A, Wv, Vv), Uv)
dL_ds = fdgrad(lambda q: -yv@np.log(softmax(Vv@q)), S[t])
ds_dW_tot = fdjac(lambda A: fwd(Uv, A, Vv)[1][t], Wv)     # D x D x D
rec(184, close(np.tensordot(dL_ds, ds_dW_tot, axes=(0, 0)), fdW), "pass")
rec(188, close((yh-yv)@Vv, dL_ds), "pass")
def dst_dsk(tt, k):
    if tt == k: return np.eye(D)
    return fdjac(lambda q: fwd(Uv, Wv, Vv, start=(k, q))[1][tt], S[k])
def imm_W(k):   # d s_k / d W (immediate), D x D x D
    Tn = np.zeros((D, D, D))
    for a in range(D): Tn[a, a, :] = (1-S[k][a]**2)*S[k-1]
    return Tn
def imm_U(k):
    Tn = np.zeros((D, D, M))
    for a in range(D): Tn[a, a, :] = (1-S[k][a]**2)*X[k]
    return Tn
def dz_dW(k):
    Tn = np.zeros((D, D, D))
    for a in range(D): Tn[a, a, :] = S[k-1]
    return Tn
def dz_dU(k):
    Tn = np.zeros((D, D, M))
    for a in range(D): Tn[a, a, :] = X[k]
    return Tn
contract = lambda r, Jm, Tn: np.tensordot(r@Jm, Tn, axes=(0, 0))
rec(193, close(sum(contract(dL_ds, dst_dsk(t, k), imm_W(k)) for k in range(1, t+1)), fdW), "pass")
Jst = {i: fdjac(lambda q: np.tanh(Uv@X[i] + Wv@q), S[i-1]) for i in range(1, T+1)}
Dg = {i: np.diag(1-S[i]**2) for i in range(1, T+1)}
k = 1
def ordered(mats):  # product with highest time index on the left
    P = np.eye(D)
    for A in mats: P = P@A
    return P
ref = dst_dsk(t, k)
rec(197, close(ordered([Jst[i] for i in range(t, k, -1)]), ref), "pass")
rec(198, close(ordered([Jst[i] for i in range(t, k, -1)]), ref), "pass")
rec(199, close(ordered([Dg[i]@Wv for i in range(t, k, -1)]), ref), "pass")
rec(203, close(fdjac(np.tanh, Z[t]), Dg[t]), "pass")
rec(207, close(np.linalg.matrix_power(Wv, t-k)@ordered([Dg[i] for i in range(t, k, -1)]), ref), "fail")
rec(211, close(np.tensordot(Dg[2], dz_dW(2), axes=(1, 0)), imm_W(2)), "pass")
rec(215, close(sum(contract(dL_ds, dst_dsk(t, kk), imm_W(kk)) for kk in range(1, t+1)), fdW), "pass")
r216 = sum(np.tensordot(dL_ds@np.linalg.matrix_power(Wv, t-kk)@ordered([Dg[i] for i in range(t, kk, -1)])@Dg[kk], dz_dW(kk), axes=(0, 0)) for kk in range(1, t+1))
rec(216, close(r216, fdW), "fail")
r217 = sum(np.tensordot(dL_ds@np.linalg.matrix_power(Wv, t-kk)@ordered([Dg[i] for i in range(t, kk-1, -1)]), dz_dW(kk), axes=(0, 0)) for kk in range(1, t+1))
rec(217, close(r217, fdW), "fail")
rec(221, close(sum(contract(dL_ds, dst_dsk(t, kk), imm_U(kk)) for kk in range(1, t+1)), fdU), "pass")
r222 = sum(np.tensordot(dL_ds@np.linalg.matrix_power(Wv, t-kk)@ordered([Dg[i] for i in range(t, kk-1, -1)]), dz_dU(kk), axes=(0, 0)) for kk in range(1, t+1))
rec(222, close(r222, fdU), "fail")
# line 226: y = W x, dL/dW = (x . dL/dy)^T with dL/dy a row vector
a = np.random.randn(D)
Lf = lambda Wm: a@(Wm@xa) + np.sum((Wm@xa)**2)
dLdy = a + 2*(Wa@xa)
rec(226, close(np.outer(xa, dLdy).T, fdgrad(Lf, Wa)), "pass")
Ltot = lambda U, W, V: sum(Lt(tt, U, W, V) for tt in range(1, T+1))
rec(230, close(sum(fdgrad(lambda A: Lt(tt, Uv, Wv, A), Vv) for tt in range(1, T+1)), fdgrad(lambda A: Ltot(Uv, Wv, A), Vv)), "pass")
rec(231, close(sum(fdgrad(lambda A: Lt(tt, Uv, A, Vv), Wv) for tt in range(1, T+1)), fdgrad(lambda A: Ltot(Uv, A, Vv), Wv)), "pass")
rec(232, close(sum(fdgrad(lambda A: Lt(tt, A, Wv, Vv), Uv) for tt in range(1, T+1)), fdgrad(lambda A: Ltot(A, Wv, Vv), Uv)), "pass")
print("checked", len(res), "rows;", sum(res.values()), "pass,", len(res)-sum(res.values()), "fail")
