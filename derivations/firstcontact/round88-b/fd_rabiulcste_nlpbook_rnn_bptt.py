# Finite-difference check of rabiulcste_nlpbook_rnn_bptt.tex (Pascanu-style RNN of the note, lines 19-21):
#   h_t = W_rec sigma(h_{t-1}) + U x_t + b ,  y_t = F(V h_t)   (F = identity here),  E = sum_t E_t,
#   E_t = 0.5 ||y_t - d_t||^2 (the note leaves E_t unspecified; any per-step loss of y_t behaves the same).
# sigma = logistic sigmoid (the note's symbol); t = 0..T with a given h_{-1}.
import numpy as np

rng = np.random.default_rng(2)
nx, nh, ny, T = 3, 4, 2, 5
Wrec = rng.normal(scale=0.8, size=(nh, nh)); U = rng.normal(scale=0.8, size=(nh, nx)); V = rng.normal(size=(ny, nh))
b = rng.normal(size=nh); xs = rng.normal(size=(T + 1, nx)); ds = rng.normal(size=(T + 1, ny)); hm1 = rng.normal(size=nh)
sig = lambda z: 1 / (1 + np.exp(-z))

def run(U_):
    hs = []; hp = hm1
    for t in range(T + 1):
        hp = Wrec @ sig(hp) + U_ @ xs[t] + b          # line 20
        hs.append(hp)
    Es = [0.5 * np.sum((V @ h - d) ** 2) for h, d in zip(hs, ds)]   # line 21 + E_t
    return hs, Es

def fd_U(f, eps=1e-6):
    g = None
    for i in range(U.size):
        Up = U.copy(); Up.flat[i] += eps; Um = U.copy(); Um.flat[i] -= eps
        d = (np.asarray(f(Up)) - np.asarray(f(Um))) / (2 * eps)
        if g is None: g = np.zeros(U.shape + d.shape)
        g[np.unravel_index(i, U.shape)] = d
    return g

def rel(a, b_): return np.max(np.abs(a - b_)) / max(1e-12, np.max(np.abs(a)) + np.max(np.abs(b_)))

hs, Es = run(U)
# line 36: dE/dU = sum_t dE_t/dU
dE = fd_U(lambda U_: sum(run(U_)[1]))
dEt = [fd_U(lambda U_, t=t: run(U_)[1][t]) for t in range(T + 1)]
print(f"line 36  dE/dU = sum_t dE_t/dU              rel.err {rel(dE, sum(dEt)):.2e}  {'AGREE' if rel(dE, sum(dEt)) < 1e-6 else 'DISAGREE'}")

def J(k):  # dh_{k+1}/dh_k = W diag(sigma'(h_k))
    s = sig(hs[k]); return Wrec @ np.diag(s * (1 - s))

t = 3  # check E_{t+1} = E_4
g = V.T @ (V @ hs[t + 1] - ds[t + 1])            # dE_{t+1}/dh_{t+1}
true = dEt[t + 1]                                 # (nh, nx) matrix dE_{t+1}/dU
# total derivative tensors dh_k/dU by FD: shape (nh, nx, nh)
dh_dU = {k: fd_U(lambda U_, k=k: run(U_)[0][k]) for k in (t, t + 1)}
first = np.einsum('a,ija->ij', g, dh_dU[t + 1])                     # dE/dh_{t+1} * dh_{t+1}/dU
second_total = np.einsum('a,ab,ijb->ij', g, J(t), dh_dU[t])         # dE/dh_{t+1} * dh_{t+1}/dh_t * dh_t/dU (total)
imm_t = np.zeros((nh, nx, nh))
for i in range(nh):
    for j in range(nx):
        imm_t[i, j, i] = xs[t][j]
second_imm = np.einsum('a,ab,ijb->ij', g, J(t), imm_t)              # same with immediate dh_t/dU
print(f"line 45  1st equality (total dh_{{t+1}}/dU)   rel.err {rel(first, true):.2e}  {'AGREE' if rel(first, true) < 1e-6 else 'DISAGREE'}")
print(f"line 45  2nd equality, dh_t/dU total        rel.err {rel(second_total, true):.2e}  {'AGREE' if rel(second_total, true) < 1e-6 else 'DISAGREE'}")
print(f"line 45  2nd equality, dh_t/dU immediate    rel.err {rel(second_imm, true):.2e}  {'AGREE' if rel(second_imm, true) < 1e-6 else 'DISAGREE'}")
missing = np.outer(g, xs[t + 1])                                    # the dropped direct term dE/dh_{t+1} * d+h_{t+1}/dU
print(f"line 45  2nd equality + dropped direct term rel.err {rel(second_total + missing, true):.2e}  (shows the missing term)")

# line 50: sum_{k=0}^{t+1} dE/dh_{t+1} dh_{t+1}/dh_k d+h_k/dU with immediate d+h_k/dU = e_i x_k^T
acc = np.zeros((nh, nx))
for k in range(0, t + 2):
    P = np.eye(nh)
    for m in range(t, k - 1, -1):   # dh_{t+1}/dh_k = J(t) J(t-1) ... J(k)
        P = P @ J(m)
    acc += np.outer(P.T @ g, xs[k])
print(f"line 50  BPTT sum, immediate d+h_k/dU       rel.err {rel(acc, true):.2e}  {'AGREE' if rel(acc, true) < 1e-6 else 'DISAGREE'}")
acc_tot = np.zeros((nh, nx))
for k in range(0, t + 2):
    P = np.eye(nh)
    for m in range(t, k - 1, -1):
        P = P @ J(m)
    Dk = fd_U(lambda U_, k=k: run(U_)[0][k])
    acc_tot += np.einsum('a,ab,ijb->ij', g, P, Dk)
print(f"line 50  same sum read with TOTAL dh_k/dU   rel.err {rel(acc_tot, true):.2e}  (over-counts; the row holds only with immediate partials)")
