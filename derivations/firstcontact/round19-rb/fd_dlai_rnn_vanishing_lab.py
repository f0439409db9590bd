"""FD check of dlai_rnn_vanishing_lab.md (DeepLearning.AI NLP C3W3 ungraded lab, copy by kiyan-rezaee).
Column vectors: h_i = sigma(W_hh h_{i-1} + W_hx x_i + b_h), sigma = logistic. The lab's own chain
(line 8: (prod_{t>=i>k} dh_i/dh_{i-1}) dh_k/dW_h, product to the LEFT of dh_k/dW_h) is the numerator
(Jacobian) layout: (dh_i/dh_{i-1})[a, b] = d h_i[a] / d h_{i-1}[b].
"""
import numpy as np
rng = np.random.default_rng(3)
sig = lambda z: 1 / (1 + np.exp(-z)); dsig = lambda z: sig(z) * (1 - sig(z))
n, T = 5, 6
W_hh = rng.normal(size=(n, n)); W_hx = rng.normal(size=(n, n)); b_h = rng.normal(size=n)
X = rng.normal(size=(T + 1, n)); h0 = rng.normal(size=n)
hs = [h0]
for i in range(1, T + 1): hs.append(sig(W_hh @ hs[-1] + W_hx @ X[i] + b_h))

def step(hp, i): return sig(W_hh @ hp + W_hx @ X[i] + b_h)
def num_jac(f, v):
    return np.column_stack([(f(v + e) - f(v - e)) / 2e-6 for e in np.eye(len(v)) * 1e-6])

# line 23: forward definition (pass by definition)
# line 27: dh_i/dh_{i-1} = W_hh^T diag(sigma'(...))
i = 3
J = num_jac(lambda v: step(v, i), hs[i - 1])
lit = W_hh.T @ np.diag(dsig(W_hh @ hs[i - 1] + W_hx @ X[i] + b_h))
print("27 W^T diag(sigma'):", np.allclose(lit, J, atol=1e-8), "| diag(sigma') W:",
      np.allclose(np.diag(dsig(W_hh @ hs[i - 1] + W_hx @ X[i] + b_h)) @ W_hh, J, atol=1e-8),
      "| literal equals J^T:", np.allclose(lit, J.T, atol=1e-8))
# line 35: prod_{t>=i>k} dh_i/dh_{i-1} = prod W^T diag(...) (either order of the factors)
t, k = T, 2
def roll(v):
    for j in range(k + 1, t + 1): v = step(v, j)
    return v
Jtk = num_jac(roll, hs[k])
facs = [W_hh.T @ np.diag(dsig(W_hh @ hs[j - 1] + W_hx @ X[j] + b_h)) for j in range(k + 1, t + 1)]
P_desc = np.eye(n); [P_desc := P_desc @ F for F in reversed(facs)]
P_asc = np.eye(n); [P_asc := P_asc @ F for F in facs]
print("35 literal product, descending i:", np.allclose(P_desc, Jtk, atol=1e-7), "| ascending i:", np.allclose(P_asc, Jtk, atol=1e-7),
      "| ascending equals (dh_t/dh_k)^T:", np.allclose(P_asc, Jtk.T, atol=1e-7))
# line 57/64: sigmoid and its derivative
z = rng.normal(size=7)
print("57/64 sigmoid_gradient = d sigmoid:", np.allclose(sig(z) * (1 - sig(z)), (sig(z + 1e-6) - sig(z - 1e-6)) / 2e-6, atol=1e-9))
# line 114: W_hh = Q diag(eig) Q^-1 has eigenvalues eig
eig = rng.random(5) * 4; Q = rng.normal(size=(5, 5)); W = Q @ np.diag(eig) @ np.linalg.inv(Q)
print("114 eigenvalues of Q diag(eig) Q^-1 == eig:", np.allclose(np.sort(np.linalg.eigvals(W).real), np.sort(eig), atol=1e-8))
# line 123: the lab's prod(k), run literally (b_h of shape (5,1) as in the lab)
tt = 20
hh = rng.normal(size=(5, tt)); xx = rng.normal(size=(5, tt)); bh = rng.normal(size=(5, 1)); Wx = rng.normal(size=(5, 5))
def prod(kk):
    p = 1
    for ii in range(tt - 1, kk - 2, -1):
        p *= W.T @ np.diag(dsig(W @ hh[:, ii] + Wx @ xx[:, ii] + bh))
    return p
pk = prod(5)
print("123 shape of the lab's 'product of Jacobians':", np.shape(pk), "(a vector: (5,)+(5,1) broadcasts to 5x5, np.diag takes its diagonal, *= multiplies element-wise)")
# what a product of Jacobians of the stated recurrence would be (matrix), for comparison
Jprod = np.eye(5)
for ii in range(tt - 1, 5 - 2, -1):
    Jprod = Jprod @ (np.diag(dsig(W @ hh[:, ii - 1] + Wx @ xx[:, ii] + bh[:, 0])) @ W)
print("123 matches a Jacobian product:", np.shape(pk) == Jprod.shape)
