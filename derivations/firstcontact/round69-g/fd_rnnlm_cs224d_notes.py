# FD check for rnnlm_cs224d_notes.md: one time step of the CS224d RNNLM, row vectors,
# e = x L, h = sigmoid(h_prev H + e I + b1), yhat = softmax(h U + b2), J = -sum_j y_j log yhat_j
# (cross-entropy of the CS224d problem set; the note itself does not restate J). h_prev held fixed.
import numpy as np
rng = np.random.default_rng(1)
V, d, Dh = 6, 3, 4
L = rng.normal(size=(V, d)); I = rng.normal(size=(d, Dh)); H = rng.normal(size=(Dh, Dh))
U = rng.normal(size=(Dh, V)); b1 = rng.normal(size=(1, Dh)); b2 = rng.normal(size=(1, V))
hp = rng.normal(size=(1, Dh)); w = 2; x = np.zeros((1, V)); x[0, w] = 1; y = np.zeros((1, V)); y[0, 4] = 1
sig = lambda z: 1/(1+np.exp(-z))
def J(L=L, I=I, H=H, U=U, b1=b1, b2=b2, hp=hp):
    e = x@L; h = sig(hp@H + e@I + b1); z = h@U + b2; p = np.exp(z-z.max()); p /= p.sum()
    return -(y*np.log(p)).sum()
def fd(name):
    A = dict(L=L, I=I, H=H, U=U, b1=b1, b2=b2, hp=hp); G = np.zeros_like(A[name])
    for idx in np.ndindex(G.shape):
        E = np.zeros_like(G); E[idx] = 1e-6
        G[idx] = (J(**{name: A[name]+E}) - J(**{name: A[name]-E}))/2e-6
    return G
e = x@L; zh = hp@H + e@I + b1; h = sig(zh); z = h@U + b2; yh = np.exp(z-z.max()); yh /= yh.sum()
def rep(name, formula, truth):
    try:
        err = np.abs(formula - truth).max(); print(f"{name:52s} max err {err:.2e} -> {'AGREES' if err < 1e-6 else 'DISAGREES'}")
    except ValueError as ex:
        print(f"{name:52s} not computable: {ex}")
print("forward: e = xL, h = sigmoid(h_prev H + e I + b1), yhat = softmax(hU + b2) (definitions)")
dh_true = (yh - y)@U.T
rep("dJ/dU = h^T (y - yhat)", h.T@(y-yh), fd('U'))
rep("dJ/dh = (y - yhat) U^T", (y-yh)@U.T, (fd('b2')@U.T))  # true dJ/dh = (yhat - y) U^T
rep("dJ/db2 = (y - yhat)", y-yh, fd('b2'))
db1_written = ((y-yh)@U.T)*sig(zh)*(1-sig(zh))
rep("dJ/db1 = dJ/dh (as written, y - yhat) * sigmoid'", db1_written, fd('b1'))
rep("dJ/db1 = dJ/dh (true) * sigmoid'  [chain step]", dh_true*sig(zh)*(1-sig(zh)), fd('b1'))
db1 = fd('b1')   # true dJ/db1 used to test the remaining chain steps
rep("dJ/dL_x = dJ/db1 I^T  [vs FD on row w of L]", db1@I.T, fd('L')[w:w+1])
rep("dJ/dI = e^T dJ/db1", e.T@db1, fd('I'))
rep("dJ/dH = h_prev^T dJ/db1", hp.T@db1, fd('H'))
rep("dJ/dh_prev = H^T dJ/db1 (row dJ/db1: H^T @ col)", (H.T@db1.T).T, fd('hp'))
try:
    rep("dJ/dh_prev = H^T dJ/db1 (literal H.T @ row)", H.T@db1, fd('hp'))
except ValueError as ex:
    print(f"{'dJ/dh_prev = H^T dJ/db1 (literal H.T @ row)':52s} not computable (shape mismatch): {ex}")
rep("reference: dJ/dh_prev = dJ/db1 H^T", db1@H.T, fd('hp'))
