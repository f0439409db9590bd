# Finite-difference check of aims_rnn_vanishing.md: h_t = f(W_hh h_{t-1} + W_xh x_t), f = tanh (sigmoid also tried),
# numerator-layout Jacobians nabla_{h_{t-k}} h_t = d h_t / d h_{t-k}.
import numpy as np
rng = np.random.default_rng(1)
n, m, T, k = 4, 3, 6, 3
Whh = rng.normal(size=(n, n))*.7; Wxh = rng.normal(size=(n, m))*.7; X = rng.normal(size=(T+1, m))
for name, f, df in (('tanh', np.tanh, lambda z: 1-np.tanh(z)**2),
                    ('sigmoid', lambda z: 1/(1+np.exp(-z)), lambda z: (1/(1+np.exp(-z)))*(1-1/(1+np.exp(-z))))):
    def run(h_start, s):     # run from step s (h_{s} given) to T
        h = h_start
        for t in range(s+1, T+1): h = f(Whh@h + Wxh@X[t])
        return h
    h = {0: rng.normal(size=n)}; z = {}
    for t in range(1, T+1): z[t] = Whh@h[t-1] + Wxh@X[t]; h[t] = f(z[t])
    t = T; s = t-k
    J = np.array([(run(h[s]+1e-6*e, s) - run(h[s]-1e-6*e, s))/2e-6 for e in np.eye(n)]).T   # dh_t/dh_{t-k}
    Fp = {j: np.diag(df(z[j])) for j in range(1, T+1)}
    one = {j: Fp[j]@Whh for j in range(1, T+1)}
    # line 71: nabla_{h_{t-1}} h_t = f'(t) W_hh
    J1 = np.array([(run(h[t-1]+1e-6*e, t-1) - run(h[t-1]-1e-6*e, t-1))/2e-6 for e in np.eye(n)]).T
    print(name, '71 one-step f\'(t)W_hh:', np.allclose(J1, one[t], atol=1e-7))
    prod = np.eye(n)
    for j in range(t, t-k, -1): prod = prod@one[j]
    print(name, '69/75 product f\'(t)W..f\'(t-k+1)W:', np.allclose(J, prod, atol=1e-7))
    comm = np.eye(n)
    for j in range(t, t-k, -1): comm = comm@Fp[j]
    comm = comm@np.linalg.matrix_power(Whh, k)
    print(name, '79 commuted f\'(t)..f\'(t-k+1) W^k:', np.allclose(J, comm, atol=1e-7), 'max err', np.abs(J-comm).max())
    lam, U = np.linalg.eig(Whh)
    print(name, '82 W = U S U^{-1}:', np.allclose(U@np.diag(lam)@np.linalg.inv(U), Whh),
          ' 84 =... U S^k U^-1 form:', np.allclose(J, (comm@np.linalg.inv(np.linalg.matrix_power(Whh, k)))@U@np.diag(lam**k)@np.linalg.inv(U)),
          'vs true J', np.allclose(J, comm))
    # line 65: h_t = f(W_hh h_{t-1} + W_xh h_{t-1}) ill-typed when m != n
    try: Wxh@h[0]; print('65 typed?')
    except ValueError: print(name, '65/71 W_xh h_{t-1}: ill-typed (W_xh is n x m, h is n)')
