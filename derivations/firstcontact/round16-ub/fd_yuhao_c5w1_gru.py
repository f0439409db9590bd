"""FD check of yuhao_c5w1_gru.md (Coursera-notation GRU: Gamma_u weights the OLD state,
candidate on [Gamma_r * a^{<t-1>}; x^{<t>}], column vectors, batch in columns, softmax head
assumed (the post's LSTM head), J = sum_t cross-entropy)."""
import numpy as np
from fd_common import sig, softmax_cols, fd_hook, check

rng = np.random.default_rng(1)
na, nx, ny, m, T = 3, 2, 4, 2, 4
P = {k: rng.normal(size=(na, na + nx)) * 0.8 for k in "ura"}
B = {k: rng.normal(size=(na, 1)) * 0.3 for k in "ura"}
Wy = rng.normal(size=(ny, na)); by = rng.normal(size=(ny, 1))
X = rng.normal(size=(T + 1, nx, m)); lab = rng.integers(0, ny, size=(T + 1, m))
a0 = rng.normal(size=(na, m)) * 0.5

def fwd(H, Wst=None):
    g = lambda k, t: H.get((k, t), 0.0)
    a = {0: a0}; S = {}; J = 0.0
    for t in range(1, T + 1):
        W = Wst[t] if Wst else P
        ap = a[t - 1] + g("aprev_in_cell", t)
        cat = np.vstack([ap, X[t]])
        zu = W["u"] @ cat + B["u"] + g("zu", t); zr = W["r"] @ cat + B["r"] + g("zr", t)
        Gu, Gr = sig(zu), sig(zr + 0) ; Gr = Gr + g("Gr", t)
        cat_a = np.vstack([Gr * ap, X[t]])
        za = W["a"] @ cat_a + B["a"] + g("za", t)
        at = np.tanh(za)
        a[t] = Gu * ap + (1 - Gu) * at + g("a", t)
        y = softmax_cols(Wy @ a[t] + by)
        J += -np.sum(np.log(y[lab[t], np.arange(m)]))
        S[t] = dict(cat=cat, cat_a=cat_a, zu=zu, zr=zr, za=za, Gu=Gu, Gr=Gr, at=at, a=a[t], ap=ap)
    return J, S

J0, S = fwd({})
L = lambda H: fwd(H)[0]
t = 2; s = S[t]; s1 = S[t + 1]
da = fd_hook(L, ("a", t), (na, m))
da1 = fd_hook(L, ("a", t + 1), (na, m))
future = fd_hook(L, ("aprev_in_cell", t + 1), (na, m))   # dJ/da^<t>|future
dzu = fd_hook(L, ("zu", t), (na, m)); dzr = fd_hook(L, ("zr", t), (na, m)); dza = fd_hook(L, ("za", t), (na, m))
da_prev = fd_hook(L, ("aprev_in_cell", t), (na, m))
local = da - future
Waa = P["a"][:, :na]; Wua = P["u"][:, :na]; Wra = P["r"][:, :na]

check("line 53/54 dJ/da = local + future", local + future, da)
check("line 55 future part = da^<t+1> * Gu^<t+1>", da1 * s1["Gu"], future)
check("line 66 dz_u = da*(a_prev - atilde)*Gu*(1-Gu)", da * (s["ap"] - s["at"]) * s["Gu"] * (1 - s["Gu"]), dzu)
check("line 74 dz_a = da*(1-Gu)*(1-atilde^2)", da * (1 - s["Gu"]) * (1 - s["at"]**2), dza)
# line 83 as written: dz_a * W_{a,a} Gamma_r * a_prev * Gamma_r*(1-Gamma_r); nearest typed reading (W_{a,a} Gamma_r) a vector
check("line 83 dz_r = dz_a*(W_aa Gr)*a_prev*Gr*(1-Gr) (typed reading)", dza * (Waa @ s["Gr"]) * s["ap"] * s["Gr"] * (1 - s["Gr"]), dzr)
check("   correct: (W_aa^T dz_a)*a_prev*Gr*(1-Gr)", (Waa.T @ dza) * s["ap"] * s["Gr"] * (1 - s["Gr"]), dzr)
for k, dz in zip("ura", [dzu, dzr, dza]):
    def Lw(H, k=k):
        Wst = {tt: dict(P) for tt in range(1, T + 1)}
        Wst[t][k] = P[k] + H.get(("W", 0), 0.0)
        return fwd({}, Wst)[0]
    dW = fd_hook(Lw, ("W", 0), P[k].shape)
    inp = s["cat_a"] if k == "a" else s["cat"]
    check(f"line 91 dW_{k} = dz_{k} [.;x]^T (with the line-96 note for W_a)", dz @ inp.T, dW)
    if k == "a":
        check("   W_a with [a_prev; x] (ignoring the note)", dz @ s["cat"].T, dW)
check("line 92 db_u = sum_batch dz_u",
      dzu.sum(axis=1, keepdims=True),
      fd_hook(lambda H: fwd({("zu", t): np.repeat(H.get(("b", 0), np.zeros((na, 1))), m, axis=1)})[0], ("b", 0), (na, 1)))
check("line 101 da^<t-1> = Wua^T dzu + Wra^T dzr + (Waa^T dza)*Gr + da*Gu",
      Wua.T @ dzu + Wra.T @ dzr + (Waa.T @ dza) * s["Gr"] + da * s["Gu"], da_prev)
