"""Finite-difference check for shuyanwang_11785_gru_cell_176aacd.md (numpy only, float64)."""
import numpy as np

rng = np.random.default_rng(785)
d, hdim = 4, 5


def numgrad(f, X, eps=1e-6):
    G = np.zeros_like(X)
    it = np.nditer(X, flags=["multi_index"])
    for _ in it:
        i = it.multi_index
        old = X[i]
        X[i] = old + eps; fp = f()
        X[i] = old - eps; fm = f()
        X[i] = old
        G[i] = (fp - fm) / (2 * eps)
    return G


def close(a, b, tol=1e-6):
    return np.allclose(a, b, rtol=tol, atol=tol)


class Sigmoid:
    def __call__(self, x):
        return self.forward(x)

    def forward(self, x):
        self.state = (1 / (1 + np.exp(-x)))
        return self.state

    def derivative(self):
        return (self.state) * (1 - self.state)


class Tanh:
    def __call__(self, x):
        return self.forward(x)

    def forward(self, x):
        self.state = np.tanh(x)
        return self.state

    def derivative(self, state=None):
        if state is not None:
            return 1 - (state ** 2)
        else:
            return 1 - (self.state ** 2)


W = {k: rng.standard_normal((hdim, d)) for k in ("Wrx", "Wzx", "Wnx")}
W.update({k: rng.standard_normal((hdim, hdim)) for k in ("Wrh", "Wzh", "Wnh")})
W.update({k: rng.standard_normal(hdim) for k in ("bir", "biz", "bin", "bhr", "bhz", "bhn")})
x0 = rng.standard_normal(d); h0 = rng.standard_normal(hdim); delta0 = rng.standard_normal((1, hdim))
E = {k: np.zeros((hdim, 1)) for k in ("r", "z", "n", "ra", "za", "na")}   # post-activation / pre-activation perturbations


def ref_forward(x, h, E=None):
    """Independent reference GRU (PyTorch convention, 11-785 writeup)."""
    E = E or {k: 0.0 for k in ("r", "z", "n", "ra", "za", "na")}
    x = x.reshape(-1, 1); h = h.reshape(-1, 1)
    r = 1 / (1 + np.exp(-(W["Wrx"] @ x + W["bir"][:, None] + W["Wrh"] @ h + W["bhr"][:, None] + E["ra"]))) + E["r"]
    z = 1 / (1 + np.exp(-(W["Wzx"] @ x + W["biz"][:, None] + W["Wzh"] @ h + W["bhz"][:, None] + E["za"]))) + E["z"]
    n = np.tanh(W["Wnx"] @ x + W["bin"][:, None] + r * (W["Wnh"] @ h + W["bhn"][:, None]) + E["na"]) + E["n"]
    return ((1 - z) * n + z * h).ravel()


class Cell:
    def __init__(self):
        self.__dict__.update(W)
        self.d, self.h = d, hdim
        self.r_act, self.z_act, self.h_act = Sigmoid(), Sigmoid(), Tanh()

    def forward(self, x, h):
        self.x = x
        self.hidden = h

        x = np.expand_dims(x, 1)  # (d, 1)
        h = np.expand_dims(h, 1)  # (h, 1)

        self.r = self.r_act(
                self.Wrx @ x + self.bir.reshape((-1, 1)) + self.Wrh @ h + self.bhr.reshape(-1, 1))
        self.z = self.z_act(
                self.Wzx @ x + self.biz.reshape((-1, 1)) + self.Wzh @ h + self.bhz.reshape((-1, 1)))
        self.n = self.h_act(self.Wnx @ x + self.bin.reshape((-1, 1)) + self.r * (
                self.Wnh @ h + self.bhn.reshape(-1, 1)))
        h_t = (1 - self.z) * self.n + self.z * h

        self.r = np.squeeze(self.r)
        self.z = np.squeeze(self.z)
        self.n = np.squeeze(self.n)
        h_t = np.squeeze(h_t)
        return h_t

    def backward(self, delta):
        R = {}
        delta = np.reshape(delta, (-1, 1))
        r = np.reshape(self.r, (-1, 1))
        z = np.reshape(self.z, (-1, 1))
        n = np.reshape(self.n, (-1, 1))
        h_prev = np.reshape(self.hidden, (-1, 1))
        x = np.reshape(self.x, (-1, 1)).transpose()  # (1,d)

        dn = delta * (1 - z); R[57] = dn
        dz = delta * (-n + h_prev); R[58] = dz

        d_n_affine = dn * self.h_act.derivative(n); R[60] = d_n_affine
        self.dWnx = d_n_affine @ x; R[61] = self.dWnx
        self.dbin = np.squeeze(d_n_affine); R[62] = self.dbin
        dr = d_n_affine * (self.Wnh @ (np.expand_dims(self.hidden, 1) + self.bhn.reshape(-1, 1))); R[63] = dr
        self.dWnh = d_n_affine * r @ h_prev.transpose(); R[64] = self.dWnh
        self.dbhn = np.squeeze(d_n_affine * r); R[65] = self.dbhn

        dz_affine = dz * self.z_act.derivative(); R[67] = dz_affine
        self.dWzx = dz_affine @ x; R[68] = self.dWzx
        self.dbiz = np.squeeze(dz_affine); R[69] = self.dbiz
        self.dWzh = dz_affine @ h_prev.transpose(); R[70] = self.dWzh
        self.dbhz = np.squeeze(dz_affine); R[71] = self.dbhz

        dr_affine = dr * self.r_act.derivative(); R[73] = dr_affine
        self.dWrx = dr_affine @ x; R[74] = self.dWrx
        self.dbir = np.squeeze(dr_affine); R[75] = self.dbir
        self.dWrh = dr_affine @ h_prev.transpose(); R[76] = self.dWrh
        self.dbhr = np.squeeze(dr_affine); R[77] = self.dbhr

        dx = np.zeros((1, self.d))
        dx += d_n_affine.transpose() @ self.Wnx; R[80] = d_n_affine.transpose() @ self.Wnx
        dx += dz_affine.transpose() @ self.Wzx; R[81] = dz_affine.transpose() @ self.Wzx
        dx += dr_affine.transpose() @ self.Wrx; R[82] = dr_affine.transpose() @ self.Wrx

        dh_prev = np.zeros((1, self.h))
        dh_prev += z.transpose(); R[85] = z.transpose()
        dh_prev += (d_n_affine * r).transpose() @ self.Wnh; R[86] = (d_n_affine * r).transpose() @ self.Wnh
        dh_prev += dz_affine.transpose() @ self.Wzh; R[87] = dz_affine.transpose() @ self.Wzh
        dh_prev += dr_affine.transpose() @ self.Wrh; R[88] = dr_affine.transpose() @ self.Wrh
        return dx, dh_prev, R


cell = Cell()
ht = cell.forward(x0, h0)
assert close(ht, ref_forward(x0, h0))                                                    # lines 30, 32, 34, 36
rr = 1 / (1 + np.exp(-(W["Wrx"] @ x0 + W["bir"] + W["Wrh"] @ h0 + W["bhr"])))
zz = 1 / (1 + np.exp(-(W["Wzx"] @ x0 + W["biz"] + W["Wzh"] @ h0 + W["bhz"])))
assert close(cell.r, rr) and close(cell.z, zz)
assert close(cell.z_act.derivative().ravel(), zz * (1 - zz))                              # line 9
assert close(cell.h_act.derivative(cell.n), 1 - np.tanh(np.arctanh(cell.n)) ** 2)          # lines 13, 15
dx, dh, R = cell.backward(delta0)

L = lambda: float(np.sum(delta0.ravel() * ref_forward(x0, h0, E)))
g = {k: numgrad(L, E[k]) for k in E}
gW = {k: numgrad(L, W[k]) for k in W}
gx = numgrad(L, x0); gh = numgrad(L, h0)
col = lambda a: np.reshape(a, (-1, 1))

assert close(R[57], g["n"]) and close(R[58], g["z"])                    # 57, 58
assert close(R[60], g["na"])                                            # 60
assert close(R[61], gW["Wnx"]) and close(R[62], gW["bin"])              # 61, 62
assert not close(R[63], g["r"], 1e-3)                                   # 63 FAIL (Wnh @ (h + bhn))
assert close(R[60] * (W["Wnh"] @ col(h0) + col(W["bhn"])), g["r"])      #    correct: d_n_affine * (Wnh @ h + bhn)
assert close(R[64], gW["Wnh"]) and close(R[65], gW["bhn"])              # 64, 65
assert close(R[67], g["za"])                                            # 67
assert close(R[68], gW["Wzx"]) and close(R[69], gW["biz"])              # 68, 69
assert close(R[70], gW["Wzh"]) and close(R[71], gW["bhz"])              # 70, 71
# rows 73-77 as formulas, fed with the true dr
dr_true = g["r"]; dr_aff = dr_true * cell.r_act.derivative()
assert close(dr_aff, g["ra"])                                           # 73
assert close(dr_aff @ x0.reshape(1, -1), gW["Wrx"]) and close(np.squeeze(dr_aff), gW["bir"])   # 74, 75
assert close(dr_aff @ h0.reshape(1, -1), gW["Wrh"]) and close(np.squeeze(dr_aff), gW["bhr"])   # 76, 77
# rows 80-82: sum with true pre-activation gradients equals dL/dx
assert close(R[80] + R[81] + dr_aff.T @ W["Wrx"], gx.reshape(1, -1))    # 80, 81, 82
# rows 85-88
true_direct = (delta0.reshape(-1, 1) * col(cell.z)).T                   # direct path dL/dh_{t-1} through z*h
assert not close(R[85], true_direct, 1e-3)                              # 85 FAIL (missing delta)
assert close(true_direct + R[86] + R[87] + dr_aff.T @ W["Wrh"], gh.reshape(1, -1))  # 86, 87, 88 pass
# the published dx and dh_prev are indeed wrong
assert np.max(np.abs(dx - gx.reshape(1, -1))) > 1e-5 and np.max(np.abs(dh - gh.reshape(1, -1))) > 1e-3
print("fd_shuyanwang_11785_gru_cell_176aacd: all verdicts confirmed")
