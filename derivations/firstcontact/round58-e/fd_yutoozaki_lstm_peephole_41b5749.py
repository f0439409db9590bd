"""FD check of YutoOzaki fpropLSTM.m / bpropLSTM.m (41b5749), numpy port; MATLAB index t kept (slot 0 unused)."""
import numpy as np

rng = np.random.default_rng(581)
V, Hd, N, T = 2, 3, 2, 4
sig = lambda x: 1 / (1 + np.exp(-x))
W = {k: rng.normal(scale=0.7, size=(Hd, V)) for k in "zfio"}
Rm = {k: rng.normal(scale=0.7, size=(Hd, Hd)) for k in "zfio"}
P = {k: rng.normal(scale=0.7, size=(Hd, 1)) for k in "fio"}
b = {k: rng.normal(scale=0.3, size=(Hd, 1)) for k in "zfio"}
X = rng.normal(size=(V, N, T + 2))
D = rng.normal(size=(Hd, N, T + 2))          # d(:,:,t) = dL/du_t (L = sum_t <d_t, y_t>)
c0 = rng.normal(size=(Hd, N)); u0 = rng.normal(size=(Hd, N))
e = 1e-6


def fwd(pert=None):
    pert = pert or {}
    g = lambda k, t: pert.get((k, t), 0.0)
    S = {k: np.zeros((Hd, N, T + 2)) for k in ["z", "h", "F", "gF", "I", "gI", "O", "gO", "c", "u"]}
    S["c"][:, :, 1] = c0; S["u"][:, :, 1] = u0
    for t in range(1, T + 1):
        x_t = X[:, :, t]; u_t = S["u"][:, :, t]; c_t = S["c"][:, :, t]
        S["z"][:, :, t] = W["z"] @ x_t + Rm["z"] @ u_t + b["z"] + g("z", t)
        S["h"][:, :, t] = np.tanh(S["z"][:, :, t])
        S["F"][:, :, t] = W["f"] @ x_t + Rm["f"] @ u_t + b["f"] + P["f"] * c_t + g("F", t)
        S["gF"][:, :, t] = sig(S["F"][:, :, t])
        S["I"][:, :, t] = W["i"] @ x_t + Rm["i"] @ u_t + b["i"] + P["i"] * c_t + g("I", t)
        S["gI"][:, :, t] = sig(S["I"][:, :, t])
        c_t = S["h"][:, :, t] * S["gI"][:, :, t] + c_t * S["gF"][:, :, t] + g("c", t)
        S["O"][:, :, t] = W["o"] @ x_t + Rm["o"] @ u_t + b["o"] + P["o"] * c_t + g("O", t)
        S["gO"][:, :, t] = sig(S["O"][:, :, t])
        u_t = np.tanh(c_t) * S["gO"][:, :, t] + g("u", t)
        S["c"][:, :, t + 1] = c_t; S["u"][:, :, t + 1] = u_t
    return S


def loss(pert=None):
    S = fwd(pert)
    return sum(np.sum(D[:, :, t] * S["u"][:, :, t + 1]) for t in range(1, T + 1))


def adj(k, t):
    g = np.zeros((Hd, N))
    for idx in np.ndindex(Hd, N):
        p = np.zeros((Hd, N)); p[idx] = e
        g[idx] = (loss({(k, t): p}) - loss({(k, t): -p})) / (2 * e)
    return g


def pgrad(arr):
    g = np.zeros_like(arr)
    for idx in np.ndindex(arr.shape):
        arr[idx] += e; lp = loss(); arr[idx] -= 2 * e; lm = loss(); arr[idx] += e
        g[idx] = (lp - lm) / (2 * e)
    return g


def close(a, b_):
    return np.allclose(a, b_, rtol=1e-6, atol=1e-7)


S = fwd()
A = {(k, t): adj(k, t) for k in ["z", "F", "I", "O", "c", "u"] for t in range(1, T + 1)}
Z = np.zeros((Hd, N))
Aget = lambda k, t: A.get((k, t), Z)   # t = T+1 -> zero (no step T+1)
dsigmoid = lambda x: sig(x) * (1 - sig(x)); dtanh = lambda x: 1 - np.tanh(x) ** 2
R = {}
xs = rng.normal(size=(3, 3))
R["dsigmoid = @(x) sigmoid(x).*(1 - sigmoid(x));"] = close(dsigmoid(xs), (sig(xs + e) - sig(xs - e)) / (2 * e))
R["dtanh = @(x) 1 - tanh(x).^2;"] = close(dtanh(xs), (np.tanh(xs + e) - np.tanh(xs - e)) / (2 * e))
# forward rows are the model itself (Greff et al. peephole LSTM; O peeks at the new cell)
for k in ["z(:,:,t) = W_z*x_t + R_z*u_t + b_zMat;", "h(:,:,t) = tanh(z(:,:,t));",
          "F(:,:,t) = W_f*x_t + R_f*u_t + b_fMat + P_fMat.*c_t;", "gF(:,:,t) = sigmoid(F(:,:,t));",
          "I(:,:,t) = W_i*x_t + R_i*u_t + b_iMat + P_iMat.*c_t;", "gI(:,:,t) = sigmoid(I(:,:,t));",
          "c_t = h(:,:,t).*gI(:,:,t) + c_t.*gF(:,:,t);",
          "O(:,:,t) = W_o*x_t + R_o*u_t + b_oMat + P_oMat.*c_t;", "gO(:,:,t) = sigmoid(O(:,:,t));",
          "u_t = tanh(c_t).*gO(:,:,t);", "c(:,:,t+1) = c_t;", "u(:,:,t+1) = u_t;"]:
    R[k] = True
# zero initialisations = adjoints of step T+1
for k in ["dz = z(:,:,1).*0;", "dI = I(:,:,1).*0;", "dF = F(:,:,1).*0;", "dO = O(:,:,1).*0;", "dc = c(:,:,1).*0;"]:
    R[k] = True
ok = {k: True for k in ["du", "dO", "dc", "dF", "dI", "dz", "delta"]}
c, h, u, F, I, O, z, gF, gI, gO = (S[k] for k in ["c", "h", "u", "F", "I", "O", "z", "gF", "gI", "gO"])
Pf, Pi, Po = P["f"], P["i"], P["o"]
for t in range(T, 0, -1):
    du = D[:, :, t] + Rm["z"].T @ Aget("z", t + 1) + Rm["i"].T @ Aget("I", t + 1) + Rm["f"].T @ Aget("F", t + 1) + Rm["o"].T @ Aget("O", t + 1)
    ok["du"] &= close(du, A["u", t])
    ok["dO"] &= close(A["u", t] * np.tanh(c[:, :, t + 1]) * dsigmoid(O[:, :, t]), A["O", t])
    gFn = gF[:, :, t + 1]
    dc = A["u", t] * gO[:, :, t] * dtanh(c[:, :, t + 1]) + Po * A["O", t] + Pi * Aget("I", t + 1) + Pf * Aget("F", t + 1) + Aget("c", t + 1) * gFn
    ok["dc"] &= close(dc, A["c", t])
    ok["dF"] &= close(A["c", t] * c[:, :, t] * dsigmoid(F[:, :, t]), A["F", t])
    ok["dI"] &= close(A["c", t] * h[:, :, t] * dsigmoid(I[:, :, t]), A["I", t])
    ok["dz"] &= close(A["c", t] * gI[:, :, t] * dtanh(z[:, :, t]), A["z", t])
    delta = W["z"].T @ A["z", t] + W["i"].T @ A["I", t] + W["f"].T @ A["F", t] + W["o"].T @ A["O", t]
    xd = lambda arr: arr  # noqa
    Xs = X.copy()
    # true dL/dx_t
    gx = np.zeros((V, N))
    for idx in np.ndindex(V, N):
        X[:, :, t][idx] += e; lp = loss(); X[:, :, t][idx] -= 2 * e; lm = loss(); X[:, :, t][idx] += e
        gx[idx] = (lp - lm) / (2 * e)
    ok["delta"] &= close(delta, gx)
R["du = d(:,:,t) + R_z'*dz + R_i'*dI + R_f'*dF + R_o'*dO;"] = ok["du"]
R["dO = du.*tanh(c(:,:,t+1)).*dsigmoid(O(:,:,t));"] = ok["dO"]
R["dc = du.*gO(:,:,t).*dtanh(c(:,:,t+1)) + P_oMat.*dO + P_iMat.*dI..."] = ok["dc"]
R["dF = dc.*c(:,:,t).*dsigmoid(F(:,:,t));"] = ok["dF"]
R["dI = dc.*h(:,:,t).*dsigmoid(I(:,:,t));"] = ok["dI"]
R["dz = dc.*gI(:,:,t).*dtanh(z(:,:,t));"] = ok["dz"]
R["delta(:,:,t) = W_z'*dz + W_i'*dI + W_f'*dF + W_o'*dO;"] = ok["delta"]
# parameter gradients: accumulated sums (summed loss) and the /batchSize, mean(.,2) outputs (batch-mean loss)
G = {}
key = {"z": "z", "f": "F", "i": "I", "o": "O"}
for g_ in "zfio":
    G["R", g_] = sum(A[key[g_], t] @ u[:, :, t].T for t in range(1, T + 1))
    G["W", g_] = sum(A[key[g_], t] @ X[:, :, t].T for t in range(1, T + 1))
    G["b", g_] = sum(A[key[g_], t] for t in range(1, T + 1))
G["P", "f"] = sum(A["F", t] * c[:, :, t] for t in range(1, T + 1))
G["P", "i"] = sum(A["I", t] * c[:, :, t] for t in range(1, T + 1))
G["P", "o"] = sum(A["O", t] * c[:, :, t + 1] for t in range(1, T + 1))
TR = {("R", g_): pgrad(Rm[g_]) for g_ in "zfio"}
TR.update({("W", g_): pgrad(W[g_]) for g_ in "zfio"})
TR.update({("b", g_): pgrad(b[g_]) for g_ in "zfio"})
TR.update({("P", g_): pgrad(P[g_]) for g_ in "fio"})
for (kind, g_), val in G.items():
    Gs = "%s_%s" % (kind, g_)
    R["grad%s = grad%s + %s" % (Gs, Gs, {"R": "d%s*u(:,:,t)';", "W": "d%s*input(:,:,t)';", "b": "d%s;", "P": "d%s.*c(:,:,%s);"}[kind]
      % ((key[g_],) if kind != "P" else (key[g_], "t+1" if g_ == "o" else "t")))] = close(val.sum(1, keepdims=True) if kind in "bP" else val, TR[kind, g_])
order = [("W", "z"), ("W", "f"), ("W", "i"), ("W", "o"), ("R", "z"), ("R", "f"), ("R", "i"), ("R", "o"),
         ("P", "f"), ("P", "i"), ("P", "o"), ("b", "z"), ("b", "f"), ("b", "i"), ("b", "o")]
for n, (kind, g_) in enumerate(order, 1):
    if kind in "WR":
        line = "gprms{1,%d} = grad%s_%s./batchSize;" % (n, kind, g_)
        R[line] = close(G[kind, g_] / N, TR[kind, g_] / N)
    else:
        line = "gprms{1,%d} = mean(grad%s_%s,2);" % (n, kind, g_)
        R[line] = close(np.mean(G[kind, g_], 1, keepdims=True), TR[kind, g_] / N)

FAIL = set()
if __name__ == "__main__":
    lines = [l.strip() for l in open(__file__.replace("fd_", "").replace(".py", ".md"))]
    for k, okk in R.items():
        assert lines.count(k) == 1, ("not unique / missing in note", k, lines.count(k))
        assert okk == (k not in FAIL), ("verdict mismatch", k, okk)
    print(len(R), "rows checked;", sum(R.values()), "pass,", len(R) - sum(R.values()), "fail")
