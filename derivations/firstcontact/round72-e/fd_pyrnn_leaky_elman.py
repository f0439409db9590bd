# Finite-difference check of pyrnn_leaky_elman.md (PyRNN "Elman Net" page, leaky Elman net).
# Forward (lines 8-12) with the output potential read as u_o = W_oc x_c + b_o (as every later formula
# uses it); the literal line 10 (u_o = W_oc u_c + b_o) is tested separately at the end.
# Loss E = sum_t 1/2 ||x_o(t) - y(t)||^2, a_c = tanh, a_o = tanh, x_c(0) = tanh(u_c(0)).
import numpy as np

rng = np.random.default_rng(1)
C, I, O, T = 3, 2, 2, 5
Woc, Wcc, Wci = rng.normal(size=(O, C)), rng.normal(size=(C, C)) * 0.8, rng.normal(size=(C, I))
bo, bc = rng.normal(size=O) * 0.3, rng.normal(size=C) * 0.3
ec = np.array([0.3, 0.7, 1.0])
xi = rng.normal(size=(T + 1, I)); y = rng.normal(size=(T + 1, O)) * 0.5
uc0 = rng.normal(size=C) * 0.3
a, da = np.tanh, lambda u: 1 - np.tanh(u) ** 2

def forward(P, literal=False, inject=None):
    Woc, Wcc, Wci, bo, bc = P
    uc = {0: uc0.copy()}; xc = {0: a(uc0)}; uo = {}; xo = {}; E = 0.0
    for t in range(1, T + 1):
        uc[t] = (1 - ec) * uc[t - 1] + ec * (Wcc @ xc[t - 1] + Wci @ xi[t] + bc)   # line 11-12
        if inject is not None and inject[0] == t:
            uc[t] = uc[t] + inject[1]
        xc[t] = a(uc[t])                                                            # line 9
        uo[t] = Woc @ (uc[t] if literal else xc[t]) + bo                            # line 10
        xo[t] = a(uo[t])                                                            # line 8
        E += 0.5 * np.sum((xo[t] - y[t]) ** 2)
    return E, uc, xc, uo, xo

P = [Woc, Wcc, Wci, bo, bc]
E, uc, xc, uo, xo = forward(P)
dE_duo = {t: (xo[t] - y[t]) * da(uo[t]) for t in range(1, T + 1)}
eps = 1e-6

# true total dE/du_c(t) by finite differences (perturb u_c(t) after it is computed)
D = {}
for t in range(1, T + 1):
    D[t] = np.array([(forward(P, inject=(t, eps * np.eye(C)[k]))[0] - forward(P, inject=(t, -eps * np.eye(C)[k]))[0]) / (2 * eps) for k in range(C)])

# line 44: d u_c'(t) / d u_c(t-1)
t = 3
J_author = np.diag(1 - ec) + (ec[:, None] * Wcc) * da(uc[t - 1])[None, :]
def step(ucprev):
    return (1 - ec) * ucprev + ec * (Wcc @ a(ucprev) + Wci @ xi[t] + bc)
J_num = np.array([(step(uc[t - 1] + eps * np.eye(C)[k]) - step(uc[t - 1] - eps * np.eye(C)[k])) / (2 * eps) for k in range(C)]).T
print("line 44  du_c(t)/du_c(t-1)                      ", "AGREES" if np.allclose(J_author, J_num, atol=1e-7) else "DIFFERS")

# line 41: recursion, evaluated with the true D(t); compare with the true D(t-1)
for t in range(2, T + 1):
    J = np.diag(1 - ec) + (ec[:, None] * Wcc) * da(uc[t - 1])[None, :]
    rhs_written = (Woc.T @ dE_duo[t]) * da(uc[t]) + J.T @ D[t]            # output term at time t, as written
    rhs_shifted = (Woc.T @ dE_duo[t - 1]) * da(uc[t - 1]) + J.T @ D[t]    # output term at time t-1
    print(f"line 41  dE/du_c({t-1}) as written (output term at t={t})  ",
          "AGREES" if np.allclose(rhs_written, D[t - 1], atol=1e-6) else "DIFFERS",
          f"max|err|={np.max(np.abs(rhs_written - D[t-1])):.2e};  with output term at t-1:",
          "AGREES" if np.allclose(rhs_shifted, D[t - 1], atol=1e-6) else "DIFFERS")

# lines 55-59 with the true D(t) and dE/du_o(t)
g = {
    'W_oc (55)': sum(np.outer(dE_duo[t], xc[t]) for t in range(1, T + 1)),
    'b_o  (56)': sum(dE_duo[t] for t in range(1, T + 1)),
    'W_cc (57)': sum(np.outer(D[t] * ec, xc[t - 1]) for t in range(1, T + 1)),
    'W_ci (58)': sum(np.outer(D[t] * ec, xi[t]) for t in range(1, T + 1)),
    'b_c  (59)': sum(D[t] * ec for t in range(1, T + 1)),
}
for (name, G), idx in zip(g.items(), [0, 3, 1, 2, 4]):
    Pm = [p.copy() for p in P]; N = np.zeros_like(Pm[idx])
    for k in np.ndindex(N.shape):
        old = Pm[idx][k]
        Pm[idx][k] = old + eps; ep = forward(Pm)[0]
        Pm[idx][k] = old - eps; em = forward(Pm)[0]
        Pm[idx][k] = old; N[k] = (ep - em) / (2 * eps)
    print(f"line {name[-3:-1]}  dE/d{name[:4]}                              ", "AGREES" if np.allclose(G, N, atol=1e-6) else "DIFFERS", f"max|err|={np.max(np.abs(G-N)):.2e}")

# line 10 taken literally (u_o = W_oc u_c + b_o): line 55 (x_c) then no longer gives dE/dW_oc
El, ucl, xcl, uol, xol = forward(P, literal=True)
dl = {t: (xol[t] - y[t]) * da(uol[t]) for t in range(1, T + 1)}
G = sum(np.outer(dl[t], xcl[t]) for t in range(1, T + 1))
N = np.zeros_like(Woc)
for k in np.ndindex(N.shape):
    Pm = [p.copy() for p in P]; Pm[0][k] += eps; ep = forward(Pm, literal=True)[0]
    Pm[0][k] -= 2 * eps; em = forward(Pm, literal=True)[0]; N[k] = (ep - em) / (2 * eps)
print("line 10 literal: line 55 dE/dW_oc with x_c         ", "AGREES" if np.allclose(G, N, atol=1e-6) else "DIFFERS",
      "; with u_c instead:", "AGREES" if np.allclose(sum(np.outer(dl[t], ucl[t]) for t in range(1, T + 1)), N, atol=1e-6) else "DIFFERS")
