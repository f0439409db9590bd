"""Finite-difference check for yesandy_11785_gru_cell_2020.md (numpy only, float64)."""
import numpy as np

rng = np.random.default_rng(2020)
d, H = 4, 5


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
    def forward(self, x):
        self.state = 1 / (1 + np.exp(-x))
        return self.state

    def derivative(self):
        return self.state * (1 - self.state)


class Tanh:
    def forward(self, x):
        self.state = (np.exp(x) - np.exp(-x)) / (np.exp(x) + np.exp(-x))
        return self.state

    def derivative(self):
        return 1 - self.state**2


W = {k: rng.standard_normal((H, H)) * 0.7 for k in ("Wzh", "Wrh", "Wh")}
W.update({k: rng.standard_normal((H, d)) * 0.7 for k in ("Wzx", "Wrx", "Wx")})
x0 = rng.standard_normal(d); h0 = rng.standard_normal(H); delta0 = rng.standard_normal((1, H))
E = {k: np.zeros(H) for k in ("z", "r", "ht", "za", "ra", "hs")}


def ref(x, h, E=None):
    """Independent reference: z=sig(Wzh h+Wzx x), r=sig(Wrh h+Wrx x), h~=tanh(Wh(r*h)+Wx x), h_t=(1-z)h+z h~."""
    E = E or {k: 0.0 for k in ("z", "r", "ht", "za", "ra", "hs")}
    sg = lambda a: 1 / (1 + np.exp(-a))
    z = sg(W["Wzh"] @ h + W["Wzx"] @ x + E["za"]) + E["z"]
    r = sg(W["Wrh"] @ h + W["Wrx"] @ x + E["ra"]) + E["r"]
    ht = np.tanh(W["Wh"] @ (r * h) + W["Wx"] @ x + E["hs"]) + E["ht"]
    return (1 - z) * h + z * ht


class GRU_Cell:
    def __init__(self):
        self.__dict__.update(W)
        self.d, self.h = d, H
        self.z_act, self.r_act, self.h_act = Sigmoid(), Sigmoid(), Tanh()
        for k in ("Wzh", "Wrh", "Wh", "Wzx", "Wrx", "Wx"):
            setattr(self, "d" + k, np.zeros_like(W[k]))

    def forward(self, x, h):
        self.x = x
        self.hidden = h
        self.z = self.z_act.forward(self.Wzh.dot(h) + self.Wzx.dot(x))
        self.r = self.r_act.forward(self.Wrh.dot(h) + self.Wrx.dot(x))
        self.h_state = self.Wh.dot(self.r * h) + self.Wx.dot(x)
        self.h_tilda = self.h_act.forward(self.h_state)
        h_t = (1 - self.z) * h + self.z * self.h_tilda
        return h_t

    def backward(self, delta):
        R = {}
        dh = delta * (1 - self.z); R[68] = dh.copy()
        dzt = delta * (self.h_tilda - self.hidden); R[69] = dzt
        dh_tilda = delta * self.z; R[70] = dh_tilda
        drt = (dh_tilda * self.h_act.derivative()).dot(self.Wh) * self.hidden; R[73] = drt
        R[74] = (dh_tilda * self.h_act.derivative()).dot(self.Wh) * self.r
        dh += (dh_tilda * self.h_act.derivative()).dot(self.Wh) * self.r
        self.dWh += (dh_tilda * self.h_act.derivative()).reshape(self.h, 1).dot((self.r * self.hidden).reshape(1, self.h))
        self.dWx += (dh_tilda * self.h_act.derivative()).reshape(self.h, 1).dot(self.x.reshape(1, self.d))
        dx = (dh_tilda * self.h_act.derivative()).dot(self.Wx); R[77] = dx.copy()
        R[80] = (dzt * self.z_act.derivative()).dot(self.Wzh)
        dh += (dzt * self.z_act.derivative()).dot(self.Wzh)
        self.dWzh += (dzt * self.z_act.derivative()).reshape(self.h, 1).dot(self.hidden.reshape(1, self.h))
        self.dWzx += (dzt * self.z_act.derivative()).reshape(self.h, 1).dot(self.x.reshape(1, self.d))
        R[83] = (dzt * self.z_act.derivative()).dot(self.Wzx)
        dx += (dzt * self.z_act.derivative()).dot(self.Wzx)
        R[87] = (drt * self.r_act.derivative()).dot(self.Wrh)
        dh += (drt * self.r_act.derivative()).dot(self.Wrh)
        self.dWrh += (drt * self.r_act.derivative()).reshape(self.h, 1).dot(self.hidden.reshape(1, self.h))
        self.dWrx += (drt * self.r_act.derivative()).reshape(self.h, 1).dot(self.x.reshape(1, self.d))
        R[90] = (drt * self.r_act.derivative()).dot(self.Wrx)
        dx += (drt * self.r_act.derivative()).dot(self.Wrx)
        return dx, dh, R


c = GRU_Cell()
ht = c.forward(x0, h0)
assert close(ht, ref(x0, h0))                                                          # 40-44, 67, 72, 79, 86
assert close(c.z_act.derivative(), c.z * (1 - c.z))                                    # 11, 16
assert close(c.h_tilda, np.tanh(c.h_state)) and close(c.h_act.derivative(), 1 - np.tanh(c.h_state) ** 2)  # 19, 23
dx, dh, R = c.backward(delta0)

L = lambda: float(np.sum(delta0.ravel() * ref(x0, h0, E)))
g = {k: numgrad(L, E[k]) for k in E}
gW = {k: numgrad(L, W[k]) for k in W}
gx = numgrad(L, x0); gh = numgrad(L, h0)
row = lambda a: np.reshape(a, (1, -1))

assert close(R[69], row(g["z"])) and close(R[70], row(g["ht"])) and close(R[73], row(g["r"]))   # 69, 70, 73
# dh pieces: direct (68), through h~ (74), through z (80), through r (87)
through_hs = row(g["hs"]) @ W["Wh"] * c.r
assert close(R[74], through_hs)                                                         # 74
assert close(R[80], row(g["za"]) @ W["Wzh"]) and close(R[87], row(g["ra"]) @ W["Wrh"])  # 80, 87
assert close(R[68] + R[74] + R[80] + R[87], row(gh)) and close(dh, row(gh))             # 68 (direct term) and total
for k in ("Wh", "Wx", "Wzh", "Wzx", "Wrh", "Wrx"):                                      # 75, 76, 81, 82, 88, 89
    assert close(getattr(c, "d" + k), gW[k]), k
assert close(R[77], row(g["hs"]) @ W["Wx"])                                              # 77
assert close(R[83], row(g["za"]) @ W["Wzx"]) and close(R[90], row(g["ra"]) @ W["Wrx"])  # 83, 90
assert close(dx, row(gx))
print("fd_yesandy_11785_gru_cell_2020: all verdicts confirmed")
