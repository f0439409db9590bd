# FD check for cv362432_lstm_gate_independence.md (Cross Validated q. 362432)
# Model (author's general notation, f_k = sigmoid for gates, tanh for a and f_S):
#   Z_A = W_A X_t + U_A H_{t-1};  a_t = tanh(Z_A)
#   i_t, f_t, o_t = sigmoid(W_k X_t + U_k H_{t-1});  Z_o = W_o X_t + U_o H_{t-1}
#   S_t = a_t*i_t + f_t*S_{t-1};  H_t = o_t * f_S(S_t), f_S = tanh
#   E = 0.5*||H_T - y||^2 (error of the final output H_t, t = T)
import numpy as np
rng = np.random.default_rng(0)
nx, nh, T = 3, 4, 4
P = {k: rng.normal(scale=0.6, size=(nh, nx)) for k in ["WA", "Wi", "Wf", "Wo"]}
P.update({k: rng.normal(scale=0.6, size=(nh, nh)) for k in ["UA", "Ui", "Uf", "Uo"]})
X = rng.normal(size=(T, nx)); y = rng.normal(size=nh)
sig = lambda z: 1/(1+np.exp(-z))

def forward(P, dZA=None, dS=None, step=None):
    H = np.zeros(nh); S = np.zeros(nh); rec = []
    for t in range(T):
        Hp = H
        ZA = P["WA"]@X[t] + P["UA"]@Hp
        if dZA is not None and t == step: ZA = ZA + dZA
        a = np.tanh(ZA)
        i = sig(P["Wi"]@X[t] + P["Ui"]@Hp)
        f = sig(P["Wf"]@X[t] + P["Uf"]@Hp)
        Zo = P["Wo"]@X[t] + P["Uo"]@Hp
        o = sig(Zo)
        S = a*i + f*S
        if dS is not None and t == step: S = S + dS
        H = o*np.tanh(S)
        rec.append(dict(ZA=ZA, a=a, i=i, f=f, Zo=Zo, o=o, S=S, H=H, Hp=Hp))
    E = 0.5*np.sum((H-y)**2)
    return E, rec

E0, R = forward(P)
eps = 1e-6
def grad_vec(fun, n):
    g = np.zeros(n)
    for k in range(n):
        e = np.zeros(n); e[k] = eps
        g[k] = (fun(e) - fun(-e))/(2*eps)
    return g

t = T-1  # line 6 / 8 checked at the last step and at an inner step
ok = True
for tt in [T-1, 1]:
    dZA_fd = grad_vec(lambda e: forward(P, dZA=e, step=tt)[0], nh)
    dstate = grad_vec(lambda e: forward(P, dS=e, step=tt)[0], nh)   # total dE/dS_t
    r = R[tt]
    line6 = dstate * r["i"] * (1 - np.tanh(r["ZA"])**2)
    assert np.allclose(line6, dZA_fd, atol=1e-7), "line 6"
    # line 8: d/da (i*f(a)) = i*f'(a): i_t does not change when the same-step a's argument changes
    def prod(e):
        _, RR = forward(P, dZA=e, step=tt); return RR[tt]["i"]*RR[tt]["a"]
    J = np.stack([(prod(np.eye(nh)[k]*eps) - prod(-np.eye(nh)[k]*eps))/(2*eps) for k in range(nh)], 1)
    assert np.allclose(J, np.diag(r["i"]*(1-np.tanh(r["ZA"])**2)), atol=1e-7), "line 8"
print("line 6 pass, line 8 pass")

# directional derivatives w.r.t. W_A along a random direction V
V = rng.normal(size=(nh, nx))
def dir_rec(key):
    Pp = dict(P); Pp["WA"] = P["WA"] + eps*V
    Pm = dict(P); Pm["WA"] = P["WA"] - eps*V
    Ep, Rp = forward(Pp); Em, Rm = forward(Pm)
    return (Ep-Em)/(2*eps), [(rp[key]-rm[key])/(2*eps) for rp, rm in zip(Rp, Rm)]
dE, dH = dir_rec("H"); _, dS = dir_rec("S"); _, do = dir_rec("o")
# line 20: dE/dW_A = dE/dH_t dH_t/dW_A (E depends on W_A only through H_t = H_T)
dEdH = R[T-1]["H"] - y
assert np.isclose(dE, dEdH @ dH[T-1], atol=1e-7), "line 20"
# line 22: product rule
for tt in range(T):
    r = R[tt]
    rhs = do[tt]*np.tanh(r["S"]) + r["o"]*(1-np.tanh(r["S"])**2)*dS[tt]
    assert np.allclose(dH[tt], rhs, atol=1e-7), "line 22"
# line 24: forward definition o_t = f_o(W_o X_t + U_o H_{t-1})
for tt in range(T):
    assert np.allclose(R[tt]["o"], sig(P["Wo"]@X[tt] + P["Uo"]@R[tt]["Hp"])), "line 24"
# line 26: do_t/dW_A = f_o'(Z_o) * U_o * dH_{t-1}/dW_A
for tt in range(1, T):
    r = R[tt]
    rhs = r["o"]*(1-r["o"]) * (P["Uo"] @ dH[tt-1])
    assert np.allclose(do[tt], rhs, atol=1e-7), "line 26"
print("lines 20 22 24 26 pass")
print("ALL OK")
