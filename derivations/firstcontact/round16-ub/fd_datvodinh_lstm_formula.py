"""FD check of datvodinh_lstm_formula.md: one LSTM step in the row layout of the notebook's
Shape cell (h, x rows; W_* of shape (N_i+N_h, N_h), so gates = [h_{t-1}, x_t] W_* + b_*),
z = h_t W_z + b_z, L = sum (z - y)^2; h_{t-1}, C_{t-1}, x_t are inputs (no time recursion).
delta in the notebook is the sigmoid."""
import numpy as np
from fd_common import sig, fd_hook, check

rng = np.random.default_rng(3)
Ni, Nh, No = 2, 3, 2
W = {k: rng.normal(size=(Nh + Ni, Nh)) for k in "fioc"}
b = {k: rng.normal(size=(1, Nh)) * 0.3 for k in "fioc"}
Wz = rng.normal(size=(Nh, No)); bz = rng.normal(size=(1, No))
hp = rng.normal(size=(1, Nh)); Cp = rng.normal(size=(1, Nh)); x = rng.normal(size=(1, Ni)); y = rng.normal(size=(1, No))
cat = np.hstack([hp, x])

def fwd(H):
    g = lambda k: H.get(k, 0.0)
    f = sig(cat @ (W["f"] + g("Wf")) + b["f"] + g("bf")) + g("f")
    i = sig(cat @ (W["i"] + g("Wi")) + b["i"] + g("bi")) + g("i")
    ct = np.tanh(cat @ (W["c"] + g("Wc")) + b["c"] + g("bc")) + g("ct")
    C = f * Cp + i * ct + g("C")
    o = sig(cat @ (W["o"] + g("Wo")) + b["o"] + g("bo")) + g("o")
    h = o * np.tanh(C) + g("h")
    z = h @ (Wz + g("Wz")) + bz + g("bz") + g("z")
    return np.sum((z - y) ** 2), dict(f=f, i=i, ct=ct, C=C, o=o, h=h, z=z)
L = lambda H: fwd(H)[0]
_, s = fwd({})
G = {k: fd_hook(L, k, shp) for k, shp in [("z", (1, No)), ("h", (1, Nh)), ("o", (1, Nh)), ("C", (1, Nh)),
                                           ("f", (1, Nh)), ("i", (1, Nh)), ("ct", (1, Nh)),
                                           ("Wo", W["o"].shape), ("Wf", W["f"].shape), ("Wi", W["i"].shape),
                                           ("Wc", W["c"].shape), ("Wz", Wz.shape), ("bo", (1, Nh)), ("bf", (1, Nh)),
                                           ("bi", (1, Nh)), ("bc", (1, Nh)), ("bz", (1, No))]}
print("line 5-9: W_f[h_{t-1},x_t] with W_f (N_i+N_h, N_h) and row h: ill-typed unless read as [h,x] W_f")
check("line 15 dL/dz = z - y", s["z"] - y, G["z"])
check("   (true: 2(z - y))", 2 * (s["z"] - y), G["z"])
check("line 16 dL/dh = dL/dz W_t (W_t undefined; W_z without ^T is ill-typed)", None, G["h"])
check("   reading dL/dz W_z^T", G["z"] @ Wz.T, G["h"])
check("line 17 dL/do = dL/dh tanh(C)", G["h"] * np.tanh(s["C"]), G["o"])
check("line 18 dL/dC = dL/dh o (1-tanh^2 C)", G["h"] * s["o"] * (1 - np.tanh(s["C"]) ** 2), G["C"])
check("line 19 dL/df = dL/dC C_{t-1} (final value)", G["C"] * Cp, G["f"])
check("line 20 dL/di = dL/dC Ctilde (final value)", G["C"] * s["ct"], G["i"])
check("line 21 dL/dCtilde = dL/dC i (final value)", G["C"] * s["i"], G["ct"])
check("line 22 dL/dW_o = dL/do o(1-o)[h,x] (row*row as written)", None, G["Wo"])
check("   reading [h,x]^T (dL/do o(1-o))", cat.T @ (G["o"] * s["o"] * (1 - s["o"])), G["Wo"])
check("line 23 dL/dW_f = dL/di f(1-f)[h,x]^T (di as written)", cat.T @ (G["i"] * s["f"] * (1 - s["f"])), G["Wf"])
check("   with dL/df instead", cat.T @ (G["f"] * s["f"] * (1 - s["f"])), G["Wf"])
check("line 24 dL/dW_i reading [h,x]^T (dL/di i(1-i))", cat.T @ (G["i"] * s["i"] * (1 - s["i"])), G["Wi"])
check("line 25 dL/dW_c = [h,x]^T (dL/dCt Ct(1-Ct))", cat.T @ (G["ct"] * s["ct"] * (1 - s["ct"])), G["Wc"])
check("   with 1-Ct^2", cat.T @ (G["ct"] * (1 - s["ct"] ** 2)), G["Wc"])
check("line 26 dL/dW_z = dL/dz h_t (as written, row*row)", None, G["Wz"])
check("   reading h_t^T dL/dz", s["h"].T @ G["z"], G["Wz"])
check("line 28 dL/db_o = dL/do o(1-o)", G["o"] * s["o"] * (1 - s["o"]), G["bo"])
check("line 29 dL/db_f = dL/di f(1-f) (as written)", G["i"] * s["f"] * (1 - s["f"]), G["bf"])
check("line 30 dL/db_i = dL/di i(1-i)", G["i"] * s["i"] * (1 - s["i"]), G["bi"])
check("line 31 dL/db_c = dL/dCt Ct(1-Ct)", G["ct"] * s["ct"] * (1 - s["ct"]), G["bc"])
check("line 32 dL/db_z = dL/dz", G["z"], G["bz"])
