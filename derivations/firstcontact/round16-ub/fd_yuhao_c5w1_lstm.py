"""FD check of yuhao_c5w1_lstm.md (Coursera-notation LSTM, column vectors, batch in columns,
concatenation [a^{<t-1>}; x^{<t>}], softmax head, J = sum_t cross-entropy)."""
import numpy as np
from fd_common import sig, softmax_cols, fd_hook, check

rng = np.random.default_rng(0)
na, nx, ny, m, T = 3, 2, 4, 2, 4
P = {k: rng.normal(size=(na, na + nx)) * 0.8 for k in "fuoc"}
B = {k: rng.normal(size=(na, 1)) * 0.3 for k in "fuoc"}
Wy = rng.normal(size=(ny, na)); by = rng.normal(size=(ny, 1))
X = rng.normal(size=(T + 1, nx, m)); lab = rng.integers(0, ny, size=(T + 1, m))
a0 = rng.normal(size=(na, m)) * 0.5; c0 = rng.normal(size=(na, m)) * 0.5

def fwd(H, Wst=None):
    g = lambda k, t: H.get((k, t), 0.0)
    a, c = {0: a0}, {0: c0}; S = {}; J = 0.0
    for t in range(1, T + 1):
        W = Wst[t] if Wst else P
        cat = np.vstack([a[t - 1] + g("aprev_in_cell", t), X[t]])
        zf = W["f"] @ cat + B["f"] + g("zf", t); zu = W["u"] @ cat + B["u"] + g("zu", t)
        zo = W["o"] @ cat + B["o"] + g("zo", t); zt = W["c"] @ cat + B["c"] + g("zt", t)
        Gf, Gu, Go, ct = sig(zf), sig(zu), sig(zo), np.tanh(zt)
        c[t] = Gf * (c[t - 1] + g("cprev_in_c", t)) + Gu * ct + g("c", t)
        a[t] = Go * np.tanh(c[t] + g("c_in_a", t)) + g("a", t)
        y = softmax_cols(Wy @ a[t] + by)
        J += -np.sum(np.log(y[lab[t], np.arange(m)]))
        S[t] = dict(cat=cat, zf=zf, zu=zu, zo=zo, zt=zt, Gf=Gf, Gu=Gu, Go=Go, ct=ct, c=c[t], a=a[t])
    return J, S

J0, S = fwd({})
L = lambda H: fwd(H)[0]
t = 2; s = S[t]; s1 = S[t + 1]; cprev = S[t - 1]["c"]
da = fd_hook(L, ("a", t), (na, m))              # total dJ/da^<t>
dc = fd_hook(L, ("c", t), (na, m))              # total dJ/dc^<t>
dc_next = fd_hook(L, ("c", t + 1), (na, m))
dc_local = fd_hook(L, ("c_in_a", t), (na, m))
dc_prev_t = fd_hook(L, ("cprev_in_c", t + 1), (na, m))   # future part of dJ/dc^<t>
dzo = fd_hook(L, ("zo", t), (na, m)); dzu = fd_hook(L, ("zu", t), (na, m))
dzf = fd_hook(L, ("zf", t), (na, m)); dzt = fd_hook(L, ("zt", t), (na, m))
da_prev = fd_hook(L, ("aprev_in_cell", t), (na, m))      # step t's contribution to dJ/da^<t-1>
dcp_prev = fd_hook(L, ("cprev_in_c", t), (na, m))        # dc_prev^<t-1>

print("line 40  sigma'(z)=sigma(1-sigma):", np.allclose((sig(0.3+1e-6)-sig(0.3-1e-6))/2e-6, sig(0.3)*(1-sig(0.3))))
check("line 44/45 dz_o = da*tanh(c)*Go*(1-Go)", da * np.tanh(s["c"]) * s["Go"] * (1 - s["Go"]), dzo)
check("line 53/54 dJ/dc = local + future (chain)", dc_local + dc_prev_t, dc)
check("line 54 local part = da * Go*(1-tanh^2 c)", da * s["Go"] * (1 - np.tanh(s["c"])**2), dc_local)
check("line 61 dc = da*Go*(1-tanh^2 c) + dc^<t+1>*Gf^<t+1>", da * s["Go"] * (1 - np.tanh(s["c"])**2) + dc_next * s1["Gf"], dc)
check("line 64 dc_prev^<t> = dc^<t+1>*Gf^<t+1> (= future part)", dc_next * s1["Gf"], dc_prev_t)
check("line 67 dJ/dc = da*Go*(1-tanh^2 c) + dc_prev^<t>", da * s["Go"] * (1 - np.tanh(s["c"])**2) + dc_prev_t, dc)
check("line 77 dz_c = dJ/dc*Gu*(1-tanh^2(z_c)), z_c = ztilde", dc * s["Gu"] * (1 - np.tanh(s["zt"])**2), dzt)
check("line 78 dz_c = dc*Gu*(1-ctilde^2)", dc * s["Gu"] * (1 - s["ct"]**2), dzt)
check("line 87/89 dz_u = dc*ctilde*Gu*(1-Gu)", dc * s["ct"] * s["Gu"] * (1 - s["Gu"]), dzu)
check("line 99 dz_f = dc*c^<t-1>*Gf*(1-Gf)", dc * cprev * s["Gf"] * (1 - s["Gf"]), dzf)
# per-step weight contribution: a separate copy of W_* at step t
for k, dz in zip("fuoc", [dzf, dzu, dzo, dzt]):
    def Lw(H, k=k):
        Wst = {tt: dict(P) for tt in range(1, T + 1)}
        Wst[t] = dict(P); Wst[t][k] = P[k] + H.get(("W", 0), 0.0)
        return fwd({}, Wst)[0]
    dW = fd_hook(Lw, ("W", 0), P[k].shape)
    check(f"line 109 dW_{k} = dz_{k} [a;x]^T (step t part)", dz @ s["cat"].T, dW)
check("line 110 db_* = sum_batch dz_* (step t part; dz_o shown)", dzo.sum(axis=1, keepdims=True),
      fd_hook(lambda H: fwd({("zo", t): np.repeat(H.get(("b", 0), np.zeros((na, 1))), m, axis=1)})[0], ("b", 0), (na, 1)))
# line 122: da^<t-1> = W_f^T dz_f + ... (full W on the concatenation)
full = sum(P[k].T @ dz for k, dz in zip("fuoc", [dzf, dzu, dzo, dzt]))
check("line 122 da^<t-1> = sum W_*^T dz_* (as written)", full, da_prev)
check("   (reading with the a-columns W_*[:, :n_a]^T)", sum(P[k][:, :na].T @ dz for k, dz in zip("fuoc", [dzf, dzu, dzo, dzt])), da_prev)
check("line 123 dc_prev^<t-1> = dc^<t>*Gf^<t>", dc * s["Gf"], dcp_prev)
