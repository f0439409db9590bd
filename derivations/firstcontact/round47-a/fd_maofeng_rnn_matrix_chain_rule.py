"""Finite-difference check of maofeng_rnn_matrix_chain_rule.md (numpy only).

One step of a basic RNN, mini-batch in columns: u = Wc c_prev + Wx x + b, c = tanh(u); c, u are (n_c, m),
x is (n_x, m), Wx is (n_c, n_x).  Scalar test loss J = sum(w * c) + 0.5 ||c||^2, so dJ/dc = w + c.
Generalized Jacobians are built by central differences and flattened row-major.  Each annotated line prints OK
when the numeric outcome (match / mismatch) agrees with expected.json.
"""
import os, json
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
NAME = "maofeng_rnn_matrix_chain_rule.md"
EXP = json.load(open(os.path.join(HERE, "expected.json")))[NAME]
rng = np.random.default_rng(1)
nc, nx, m, EPS = 3, 2, 4, 1e-6
Wc = rng.normal(0, .7, (nc, nc)); Wx = rng.normal(0, .7, (nc, nx)); b = rng.normal(0, .3, (nc, 1))
cp = rng.normal(0, .7, (nc, m)); x = rng.normal(0, 1, (nx, m)); w = rng.normal(0, 1, (nc, m))

def U(Wx_=Wx): return Wc @ cp + Wx_ @ x + b
def C(Wx_=Wx): return np.tanh(U(Wx_))
def J_of_c(c): return float(np.sum(w * c) + 0.5 * np.sum(c * c))
def jac(f, X0):
    """generalized Jacobian d f(X)/dX, shape f.size x X.size (row-major flattening)"""
    out = np.zeros((f(X0).size, X0.size))
    for k in range(X0.size):
        d = np.zeros(X0.size); d[k] = EPS; d = d.reshape(X0.shape)
        out[:, k] = ((f(X0 + d) - f(X0 - d)) / (2 * EPS)).ravel()
    return out

def close(a, b, tol=1e-6):
    a = np.asarray(a, float); b = np.asarray(b, float)
    return a.shape == b.shape and np.allclose(a, b, atol=tol, rtol=1e-5)

u = U(); c = C()
dJdc = w + c                                     # given upstream gradient
dJdW = jac(lambda W: np.array([J_of_c(C(W))]), Wx).reshape(nc, nx)        # truth (this step, c_prev fixed)
dcdW = jac(C, Wx)                                 # (nc*m) x (nc*nx)
dudW = jac(U, Wx)                                 # (nc*m) x (nc*nx)
dcdu = jac(np.tanh, u)                            # (nc*m) x (nc*m)
dtanh = 1 - c ** 2
R = {}
R[15] = close(c, np.tanh(Wc @ cp + Wx @ x + b))
R[24] = close((dJdc.ravel() @ dcdW).reshape(nc, nx), dJdW)
R[29] = close(np.tanh(u), c)
R[33] = close((dJdc.ravel() @ dcdu @ dudW).reshape(nc, nx), dJdW)
R[41] = close(np.diag(dcdu).reshape(nc, m), 1 - np.tanh(u) ** 2) and close(1 - np.tanh(u) ** 2, 1 - c ** 2)
G_u = (dJdc.ravel() @ dcdu).reshape(nc, m)        # dJ/du
R[47] = close(G_u @ x.T, dJdW)                    # shorthand: dJ/dW = (dJ/du) x^T
try:
    lit = dJdc @ (1 - c ** 2) @ x.T               # eq6 read literally as matrix products
    R[53] = close(lit, dJdW)
except ValueError:
    R[53] = False                                 # (n_c x m)(n_c x m) is not conformable
# vector case (m = 1) for lines 70 and 82
u1 = u[:, :1]
J1 = jac(np.tanh, u1)
def dci_duj(i, j):
    d = np.zeros_like(u1); d[j, 0] = EPS
    return (np.tanh(u1 + d)[i, 0] - np.tanh(u1 - d)[i, 0]) / (2 * EPS)
R[70] = J1.shape == (nc, nc) and all(np.isclose(J1[i, j], dci_duj(i, j)) for i in range(nc) for j in range(nc))
R[82] = close(J1, np.diag(1 - np.tanh(u1[:, 0]) ** 2))
R[103] = dcdu.shape == (nc * m, nc * m)
R[108] = all(np.isclose(dcdu[i, j], (np.tanh(u.ravel()[i] + EPS * (i == j)) - np.tanh(u.ravel()[i] - EPS * (i == j))) / (2 * EPS))
             for i in range(nc * m) for j in range(nc * m))
R[111] = dudW.shape == (nc * m, nx * m) and dJdW.shape == (nx, m)      # the post's shape claims
# eqnarray rows
R[123] = R[33]
R[125] = close(sum(dJdc.ravel()[k] * (dcdu[k] @ dudW) for k in range(nc * m)).reshape(nc, nx), dJdW)
R[126] = close(sum(dJdc.ravel()[k] * sum(dcdu[k, p] * dudW[p] for p in range(nc * m)) for k in range(nc * m)).reshape(nc, nx), dJdW)
offdiag = dcdu - np.diag(np.diag(dcdu))
R[130] = np.allclose(offdiag, 0, atol=1e-9)
R[134] = R[126]
R[136] = close(sum(dJdc.ravel()[k] * dcdu[k, k] * dudW[k] for k in range(nc * m)).reshape(nc, nx), dJdW)
R[144] = close(np.array([[dJdW[k, l] for l in range(nx)] for k in range(nc)]), dJdW)
def dudW_entry(i, j, k, l):            # d u^(i,j) / d W^(k,l) from the FD Jacobian
    return dudW[i * m + j, k * nx + l]
R[146] = close(np.array([[sum(dJdc[i, j] * dtanh[i, j] * dudW_entry(i, j, k, l) for i in range(nc) for j in range(m))
                          for l in range(nx)] for k in range(nc)]), dJdW)
# row 147: d( sum_s W^(k,s) x^(s,l) ) / dW^(k,l) = x^(l,l)  (the written numerator is u^(k,l))
R[147] = close(np.array([[sum(dJdc[i, j] * dtanh[i, j] * x[l, l] for i in range(nc) for j in range(m))
                          for l in range(nx)] for k in range(nc)]), dJdW)
# row 148: d( W^(i,l) x^(l,j) ) / dW^(k,l) = [i == k] x^(l,j)
R[148] = close(np.array([[sum(dJdc[i, j] * dtanh[i, j] * (i == k) * x[l, j] for i in range(nc) for j in range(m))
                          for l in range(nx)] for k in range(nc)]), dJdW)
R[152] = all(np.isclose(dudW_entry(i, j, k, l), 0, atol=1e-9) for i in range(nc) for k in range(nc) if i != k
             for j in range(m) for l in range(nx))
R[156] = close(np.array([[sum(dJdc[k, j] * dtanh[k, j] * x[l, j] for j in range(m)) for l in range(nx)] for k in range(nc)]), dJdW)
R[158] = R[156]
R[162] = close(dtanh, np.diag(dcdu).reshape(nc, m))
R[166] = close((dJdc * dtanh) @ x.T, dJdW)

bad = 0
for ln in sorted(int(k) for k in EXP):
    want = EXP[str(ln)]["expected"] == "pass"
    got = R.get(ln)
    good = got is not None and bool(got) == want
    bad += not good
    print(f"line {ln:4d}: {'OK' if good else 'MISMATCH'}  (expected {EXP[str(ln)]['expected']}, numeric {'match' if got else 'mismatch'})")
extra = set(R) - {int(k) for k in EXP}
if extra: print("checked but not annotated:", sorted(extra)); bad += 1
print("ALL AGREE" if bad == 0 else f"{bad} DISAGREEMENTS")
