"""FD checks for vaxherra_rnn_backprop.md (column vectors, one step t, L_t = -y^T log softmax(W_ya a + b_y),
a = tanh(p), p = W_ax x + W_aa a_prev + b_a). Line numbers refer to the .md file."""
import numpy as np
from fd_common import num_grad, num_jac, softmax, check, summary

rng = np.random.default_rng(0)
nx, na, ny = 3, 4, 5
Wax = rng.normal(size=(na, nx)); Waa = rng.normal(size=(na, na)) * 0.7; ba = rng.normal(size=na)
Wya = rng.normal(size=(ny, na)); by = rng.normal(size=ny)
x = rng.normal(size=nx); a_prev = np.tanh(rng.normal(size=na))
x0 = rng.normal(size=nx); a0 = np.zeros(na)            # a previous step, to show total vs immediate
y = np.zeros(ny); y[2] = 1.0
l = 2        # component used for the author's component-wise rows (any l works)


def fwd():
    p = Wax @ x + Waa @ a_prev + ba
    a = np.tanh(p)
    z = Wya @ a + by
    yh = softmax(z)
    return p, a, z, yh


def loss():
    return -y @ np.log(fwd()[3])


p, a, z, yh = fwd()

# lines 5/13: d tanh / dz = sech^2 = 1 - tanh^2
zz = np.array([0.3, -1.2])
J = num_jac(lambda: np.tanh(zz), zz)
check("5: dtanh/dz = sech^2", np.diag(J), 1 / np.cosh(zz) ** 2, "pass")
check("9: sech^2 = 1 - tanh^2", 1 / np.cosh(zz) ** 2, 1 - np.tanh(zz) ** 2, "pass")
check("13: dtanh/dz = 1 - tanh^2", np.diag(J), 1 - np.tanh(zz) ** 2, "pass")

# dL/dz
zv = z.copy()
dz = num_grad(lambda: -y @ np.log(softmax(zv)), zv)
# line 31: dL/dyhat = -y/yhat (yhat treated as free variable)
yv = yh.copy()
check("31: dL/dyhat = -y/yhat", num_grad(lambda: -y @ np.log(yv), yv), -y / yh, "pass")
# line 35: (-y/yh) * ((s_i - s_j^2) + (-s_i s_j)) * a, read with i=j=l, as row l of dL/dWya
dW = num_grad(loss, Wya)
r35 = (-y[l] / yh[l]) * ((yh[l] - yh[l] ** 2) + (-yh[l] * yh[l])) * a
check("35: dL/dW_ya (row l) = (-y/yh)((s_i-s_j^2)+(-s_i s_j)) a", dW[l], r35, "fail")
# line 39: component i of dL/dz
i = l
r39 = (-y[i] / yh[i]) * (yh[i] - yh[i] ** 2) + sum((-y[k] / yh[k]) * (-yh[k] * yh[i]) for k in range(ny) if k != i)
check("39: dL/dz_i = (-y_i/yh_i)(yh_i-yh_i^2)+sum_k!=i ...", dz[i], r39, "pass")
for i in range(ny):   # all components, including i != target
    r39 = (-y[i] / yh[i]) * (yh[i] - yh[i] ** 2) + sum((-y[k] / yh[k]) * (-yh[k] * yh[i]) for k in range(ny) if k != i)
    assert abs(r39 - dz[i]) < 1e-8
# line 43: ... = -y_i + y_i yh_l + sum_{k!=i} y_k yh_i, with l a different index than i
for (i, ll, exp) in [(2, 2, "pass"), (2, 0, "fail")]:
    r43 = -y[i] + y[i] * yh[ll] + sum(y[k] * yh[i] for k in range(ny) if k != i)
    check(f"43: -y_i + y_i yh_l + sum y_k yh_i  (i={i}, l={ll})", dz[i], r43, exp)
print("   (43 holds only when l = i; as written l is a different index -> fail)")
# line 47, 51
check("47: dL/dz_l = -y_l + yh_l sum_k y_k", dz[l], -y[l] + yh[l] * y.sum(), "pass")
check("51: dL/dz_l = yh_l - y_l", dz[l], yh[l] - y[l], "pass")
# line 55: row l of dL/dW_ya = (yh_l - y_l) a
check("55: dL/dW_ya (row l) = (yh_l - y_l) a", dW[l], (yh[l] - y[l]) * a, "pass")
check("55 (full matrix): dL/dW_ya = outer(yh-y, a)", dW, np.outer(yh - y, a), "pass")
# line 66/69: dL/db_y component l
db = num_grad(loss, by)
check("69: dL/db_y (component l) = yh_l - y_l", db[l], yh[l] - y[l], "pass")
check("66: dz/db_y = 1 (identity Jacobian)", num_jac(lambda: Wya @ a + by, by), np.eye(ny), "pass")
# line 96: immediate da/dWaa, elementwise da_i/dWaa_ij = (1-a_i^2) a_prev_j  (a_prev held fixed)
Jw = num_jac(lambda: fwd()[1], Waa).reshape(na, na, na)   # [out i, row, col]
imm = np.zeros((na, na, na))
for ii in range(na):
    imm[ii, ii, :] = (1 - a[ii] ** 2) * a_prev
check("96 content: da/dW_aa (a_prev fixed) = (1-a^2) a_prev^T", Jw, imm, "pass")
print("   96 itself is 'fail' only for the unbalanced parenthesis '(1 - tanh^2(p^{<t>})' (typographic)")
# show the total derivative (a_prev = tanh(Wax x0 + Waa a0 + ba)) would differ: reading must be step-local
def a_total():
    ap = np.tanh(Wax @ x0 + Waa @ a0 + ba + 0.5)
    return np.tanh(Wax @ x + Waa @ ap + ba)
a0 = rng.normal(size=na)
ap = np.tanh(Wax @ x0 + Waa @ a0 + ba + 0.5); at = a_total()
Jt = num_jac(a_total, Waa).reshape(na, na, na)
imm2 = np.zeros((na, na, na))
for ii in range(na):
    imm2[ii, ii, :] = (1 - at[ii] ** 2) * ap
print("   total da/dW_aa through a_prev differs from the immediate one by", np.abs(Jt - imm2).max())
# lines 104/106: da/db_a = (1-a^2) (diagonal Jacobian)
check("106: da/db_a = diag(1-a^2)", num_jac(lambda: fwd()[1], ba), np.diag(1 - a ** 2), "pass")
# line 111/113: da/dW_ax immediate = (1-a^2) x^T
Jx = num_jac(lambda: fwd()[1], Wax).reshape(na, na, nx)
immx = np.zeros((na, na, nx))
for ii in range(na):
    immx[ii, ii, :] = (1 - a[ii] ** 2) * x
check("111: da/dW_ax = (1-a^2) x", Jx, immx, "pass")
check("113: da/dp = 1-a^2 (diag)", num_jac(lambda: np.tanh(p_v), p_v := p.copy()), np.diag(1 - a ** 2), "pass")
# line 128/130/133
av = a.copy()
dLda = num_grad(lambda: -y @ np.log(softmax(Wya @ av + by)), av)
check("130: dz/da = W_ya", num_jac(lambda: Wya @ av + by, av), Wya, "pass")
check("133 as written: dL/dW_ya = (yh_l - y_l) W_ya", dW, (yh[l] - y[l]) * Wya, "fail")
check("133 with the meant LHS: dL/da = W_ya^T (yh - y)", dLda, Wya.T @ (yh - y), "pass")
# line 142: da/da_prev = diag(1-a^2) W_aa
apv = a_prev.copy()
Jp = num_jac(lambda: np.tanh(Wax @ x + Waa @ apv + ba), apv)
check("142 content: da/da_prev = (1-a^2) W_aa (row scaling)", Jp, (1 - a ** 2)[:, None] * Waa, "pass")
print("   142 itself is 'fail' for the unbalanced parenthesis and a_{<t-1>} (subscript) for a^{<t-1>}")
summary()
