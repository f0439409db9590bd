"""Finite-difference check of zh_lstm_peephole_generated_bptt.md (numpy only).

Author's cell (column vectors, [x_t, h_{t-1}] stacked, U_* are vectors used element-wise on c_{t-1}):
  s_i = sig(W_i[x_t,h_{t-1}] + U_i*c_{t-1}),  s_f = sig(W_f[..] + U_f*c_{t-1}),
  s_o = sig(W_o[..] + U_o*c_{t-1}),           c~  = tanh(W_c[..] + U_c*c_{t-1}),
  c_t = c_{t-1}*s_f + c~*s_i,  h_t = s_o*tanh(c_t),  c_0 = h_0 = 0.
The text only says "the loss L of the output layer"; we use L = 0.5*||h_T - y||^2 (a loss on the last
output), for which each backward line below is tested; the verdicts do not depend on this choice
(a per-step loss adds further terms that the lines also miss).
"""
import numpy as np

rng = np.random.default_rng(2)
D, H, T = 3, 4, 3
EPS = 1e-6

P = {}
for g in "ifoc":
    P["W_" + g] = rng.normal(0, 0.7, (H, D + H))
    P["U_" + g] = rng.normal(0, 0.7, (H, 1))
    P["b_" + g] = rng.normal(0, 0.3, (H, 1))   # the text has no bias; harmless, used only to move gates off 0.5
X = [None] + [rng.normal(0, 1, (D, 1)) for _ in range(T)]
Y = rng.normal(0, 1, (H, 1))


def sig(a):
    return 1 / (1 + np.exp(-a))


def cell(x, hp, cp):
    v = np.vstack([x, hp])
    si = sig(P["W_i"] @ v + P["U_i"] * cp + P["b_i"])
    sf = sig(P["W_f"] @ v + P["U_f"] * cp + P["b_f"])
    so = sig(P["W_o"] @ v + P["U_o"] * cp + P["b_o"])
    cc = np.tanh(P["W_c"] @ v + P["U_c"] * cp + P["b_c"])
    c = cp * sf + cc * si
    h = so * np.tanh(c)
    return h, c, dict(si=si, sf=sf, so=so, cc=cc)


def run(start=None, h_start=None, c_start=None):
    """forward from step 1; if start is given, (h,c) at time `start` are replaced before continuing."""
    h, c = np.zeros((H, 1)), np.zeros((H, 1))
    hs, cs = [h], [c]
    for t in range(1, T + 1):
        if start is not None and t - 1 == start:
            h = h_start if h_start is not None else h
            c = c_start if c_start is not None else c
            hs[-1], cs[-1] = h, c
        h, c, _ = cell(X[t], h, c)
        hs.append(h)
        cs.append(c)
    return hs, cs


def L_of_hT(hT):
    return 0.5 * float(((hT - Y) ** 2).sum())


hs, cs = run()


def grad_vec(f, v):
    g = np.zeros_like(v)
    for j in range(v.shape[0]):
        dv = np.zeros_like(v)
        dv[j, 0] = EPS
        g[j, 0] = (f(v + dv) - f(v - dv)) / (2 * EPS)
    return g


def jac(f, v):
    out = f(v)
    J = np.zeros((out.shape[0], v.shape[0]))
    for j in range(v.shape[0]):
        dv = np.zeros_like(v)
        dv[j, 0] = EPS
        J[:, j] = ((f(v + dv) - f(v - dv)) / (2 * EPS))[:, 0]
    return J


# total gradients by FD
dL_dhT = grad_vec(L_of_hT, hs[T])
so_T = cell(X[T], hs[T - 1], cs[T - 1])[2]["so"]
dL_dcT = grad_vec(lambda v: L_of_hT(so_T * np.tanh(v)), cs[T])                  # c_T only reaches L via h_T
dL_dhTm1 = grad_vec(lambda v: L_of_hT(run(T - 1, h_start=v)[0][T]), hs[T - 1])
dL_dcTm1 = grad_vec(lambda v: L_of_hT(run(T - 1, c_start=v)[0][T]), cs[T - 1])
dL_dcTm2 = grad_vec(lambda v: L_of_hT(run(T - 2, c_start=v)[0][T]), cs[T - 2])

results = {}


def report(line, ok):
    results[line] = results.get(line, True) and bool(ok)


# line 125: dL/dh_T = dL/dc_T
report(125, np.allclose(dL_dhT, dL_dcT, atol=1e-7))
# sanity: the true relation dL/dc_T = dL/dh_T * s_o * (1 - tanh^2 c_T)
assert np.allclose(dL_dcT, dL_dhT * so_T * (1 - np.tanh(cs[T]) ** 2), atol=1e-7)

# line 130: dL/dh_{T-1} = (dc_T/dh_{T-1})^T dL/dc_T  (the "odot" read as the chain-rule product)
J_cT_hTm1 = jac(lambda v: cell(X[T], v, cs[T - 1])[1], hs[T - 1])
report(130, np.allclose(J_cT_hTm1.T @ dL_dcT, dL_dhTm1, atol=1e-7))

# line 135: dL/dc_{T-1} = (dh_T/dc_{T-1})^T dL/dh_T + (dc_{T-1}/dc_{T-2})^T dL/dc_{T-2}
J_hT_cTm1 = jac(lambda v: cell(X[T], hs[T - 1], v)[0], cs[T - 1])
J_cTm1_cTm2 = jac(lambda v: cell(X[T - 1], hs[T - 2], v)[1], cs[T - 2])
rhs135 = J_hT_cTm1.T @ dL_dhT + J_cTm1_cTm2.T @ dL_dcTm2
report(135, np.allclose(rhs135, dL_dcTm1, atol=1e-7))
# (the first term alone is the right answer for this loss:)
assert np.allclose(J_hT_cTm1.T @ dL_dhT, dL_dcTm1, atol=1e-7)

# line 140: Delta W = dL/dW (definition of the update quantity); check a small step along -Delta lowers L
def L_params(name, A):
    old = P[name]
    P[name] = A
    val = L_of_hT(run()[0][T])
    P[name] = old
    return val


ok140 = True
for name in ("W_i", "U_i", "W_f", "U_f", "W_c", "U_c"):
    A = P[name]
    g = np.zeros_like(A)
    for idx in np.ndindex(*A.shape):
        Ap, Am = A.copy(), A.copy()
        Ap[idx] += EPS
        Am[idx] -= EPS
        g[idx] = (L_params(name, Ap) - L_params(name, Am)) / (2 * EPS)
    ok140 &= L_params(name, A - 1e-3 * g) < L_params(name, A)
report(140, ok140)

# forward definitions: identities of the cell used above
okf = np.allclose(hs[0], 0) and np.allclose(cs[0], 0)
for t in range(1, T + 1):
    h, c, gt = cell(X[t], hs[t - 1], cs[t - 1])
    okf &= np.allclose(c, cs[t - 1] * gt["sf"] + gt["cc"] * gt["si"]) and np.allclose(h, gt["so"] * np.tanh(c))
    okf &= np.all((gt["si"] > 0) & (gt["si"] < 1))
okf &= np.isclose(sig(0.3), 1 / (1 + np.exp(-0.3)))
for ln in (18, 24, 42, 50, 58, 66, 74, 82, 96, 101, 102, 103, 104, 109, 114, 153, 154, 155, 156, 157, 158,
           170, 175, 180, 185, 190, 195, 204, 209, 214, 219, 224, 229):
    report(ln, okf)

for ln in sorted(results):
    print(f"line {ln}: {'OK' if results[ln] else 'MISMATCH'}")
