# Finite-difference check of lecture4_rnn_zh.md (numpy only). Column vectors, as in the notes.
import numpy as np
rng = np.random.default_rng(0)
n, d, K, T = 3, 2, 4, 4
W, U, V = rng.normal(size=(n, n))*0.8, rng.normal(size=(n, d)), rng.normal(size=(K, n))
b, c = rng.normal(size=n), rng.normal(size=K)
X = rng.normal(size=(T+1, d)); Y = rng.integers(0, K, size=T+1); h0 = rng.normal(size=n)*0.3
def softmax(z): e = np.exp(z - z.max()); return e/e.sum()
def rnn(W, U, V, b, c):
    h = {0: h0}; o = {}; L = 0.0
    for t in range(1, T+1):
        h[t] = np.tanh(b + W@h[t-1] + U@X[t]); o[t] = c + V@h[t]
        L += -np.log(softmax(o[t])[Y[t]])
    return L, h, o
def fd(f, P, eps=1e-6):
    G = np.zeros_like(P)
    for idx in np.ndindex(P.shape):
        P[idx] += eps; a = f(); P[idx] -= 2*eps; bb = f(); P[idx] += eps
        G[idx] = (a-bb)/(2*eps)
    return G
L, h, o = rnn(W, U, V, b, c)
go = {t: softmax(o[t]) - np.eye(K)[Y[t]] for t in range(1, T+1)}      # line 21
def backward(author):
    gh = {T: V.T@go[T]}                                                # line 27
    for t in range(T-1, 0, -1):
        if author:   # line 33 as written: W^T grad_h(t+1) , then diag{1-h(t+1)^2}
            gh[t] = (W.T@gh[t+1])*(1-h[t+1]**2) + V.T@go[t]
        else:        # W^T diag{1-h(t+1)^2} grad_h(t+1)
            gh[t] = W.T@((1-h[t+1]**2)*gh[t+1]) + V.T@go[t]
    gc = sum(go[t] for t in go)                                        # line 39
    gb = sum((1-h[t]**2)*gh[t] for t in gh)                            # line 40
    gV = sum(np.outer(go[t], h[t]) for t in go)                        # line 41
    gW = sum(np.outer((1-h[t]**2)*gh[t], h[t-1]) for t in gh)          # line 42
    gU = sum(np.outer((1-h[t]**2)*gh[t], X[t]) for t in gh)            # line 43
    return dict(c=gc, b=gb, V=gV, W=gW, U=gU)
P = dict(W=W, U=U, V=V, b=b, c=c)
num = {k: fd(lambda: rnn(W, U, V, b, c)[0], P[k]) for k in P}
ok = lambda a, bb: np.allclose(a, bb, atol=1e-5)
A, C = backward(True), backward(False)
print("line 21 grad_o = yhat - 1_y: checked through V, c below")
for k, line in [('c', 39), ('b', 40), ('V', 41), ('W', 42), ('U', 43)]:
    print(f"line {line} grad_{k}: with correct recursion {ok(C[k], num[k])}; with line-33 recursion {ok(A[k], num[k])}")
print("line 33 (author's order W^T grad diag) agrees with FD-verified correct recursion:",
      ok(A['W'], num['W']), "-> FAIL confirmed" if not ok(A['W'], num['W']) else "")
# line 67 Jacobian dh(t)/dh(t-1)^T = diag{tanh'(a)} W
t = 2; a = b + W@h[t-1] + U@X[t]
J_fd = np.zeros((n, n))
for j in range(n):
    e = np.zeros(n); e[j] = 1e-6
    J_fd[:, j] = (np.tanh(b + W@(h[t-1]+e) + U@X[t]) - np.tanh(b + W@(h[t-1]-e) + U@X[t]))/2e-6
print("line 67 Jacobian diag{tanh'} W:", ok(np.diag(1-np.tanh(a)**2)@W, J_fd))
# lines 48/52: product form summed over k (k=1..t, h0 fixed), per-step formal derivative
def product_form():
    G = np.zeros_like(W)
    for tt in range(1, T+1):
        row = go[tt]@V                     # dL(t)/do^T do/dh^T
        for k in range(tt, 0, -1):
            G += np.outer(row*(1-h[k]**2), h[k-1])   # row @ dh(k)/dvec(W)^(k)
            row = row@(np.diag(1-h[k]**2)@W)          # multiply by dh(k)/dh(k-1)^T
    return G
print("lines 48/52/59 product form of dL/dW:", ok(product_form(), num['W']))

# ---------------- LSTM (section 3.1 / 3.3), g_s = g_h = tanh ----------------
sig = lambda z: 1/(1+np.exp(-z))
Wf, Wi, Wo, Ws = [rng.normal(size=(n, n))*0.7 for _ in range(4)]
Uf, Ui, Uo, Us = [rng.normal(size=(n, d)) for _ in range(4)]
bf, bi, bo, bs = [rng.normal(size=n)*0.3 for _ in range(4)]
s0 = rng.normal(size=n)*0.3
def lstm(Ws, only_T=True):
    hh = {0: h0}; ss = {0: s0}; cache = {}; Lt = 0.0
    for t in range(1, T+1):
        f = sig(Wf@hh[t-1] + Uf@X[t] + bf); i = sig(Wi@hh[t-1] + Ui@X[t] + bi)   # lines 82, 83
        og = sig(Wo@hh[t-1] + Uo@X[t] + bo)                                      # line 84
        zs = Ws@hh[t-1] + Us@X[t] + bs; st = np.tanh(zs)                          # line 105
        ss[t] = f*ss[t-1] + i*st                                                  # lines 88/103/107
        hh[t] = og*np.tanh(ss[t])                                                 # line 94
        cache[t] = (f, i, og, st, zs)
    yhat = softmax(V@hh[T] + c); Lt = -np.log(yhat[Y[T]])
    return Lt, hh, ss, cache, yhat
Lt, hh, ss, cache, yhat = lstm(Ws)
def J_author(t):     # line 113-114 / 123
    f, i, og, st, zs = cache[t]; fp, ip = f*(1-f), i*(1-i)
    og1 = cache[t-1][2] if t-1 >= 1 else None
    D = np.diag(og1*(1-np.tanh(ss[t-1])**2))
    return (np.diag(ss[t-1])@np.diag(fp)@Wf + np.diag(i)@np.diag(1-st**2)@Ws + np.diag(st)@np.diag(ip)@Wi)@D + np.diag(f)
# FD of one step s(t) w.r.t. s(t-1), with o(t-1) (i.e. h(t-2)) held fixed
t = 3; f_, i_, og_, st_, zs_ = cache[t]; og1 = cache[t-1][2]
def step(sprev):
    hp = og1*np.tanh(sprev)
    f = sig(Wf@hp + Uf@X[t] + bf); i = sig(Wi@hp + Ui@X[t] + bi); stt = np.tanh(Ws@hp + Us@X[t] + bs)
    return f*sprev + i*stt
Jfd = np.zeros((n, n))
for j in range(n):
    e = np.zeros(n); e[j] = 1e-6; Jfd[:, j] = (step(ss[t-1]+e) - step(ss[t-1]-e))/2e-6
print("lines 112-114/123 one-step Jacobian ds(t)/ds(t-1)^T (h(t-2) fixed):", ok(J_author(t), Jfd))
# line 119: dL(T)/dvec(W_s) via the s-chain only
row = (yhat - np.eye(K)[Y[T]])@V                   # dL/dyhat^T dyhat/dh^T (softmax+CE combined)
row = row@np.diag(cache[T][2]*(1-np.tanh(ss[T])**2))  # dh(T)/ds(T)^T
G119 = np.zeros_like(Ws)
for k in range(T, 0, -1):
    f, i, og, st, zs = cache[k]
    G119 += np.outer(row*i*(1-st**2), hh[k-1])      # ds(k)/dvec(W_s)^(k)
    if k > 1: row = row@J_author(k)
Gfd = fd(lambda: lstm(Ws)[0], Ws)
print("line 119 s-chain formula for dL(T)/dW_s agrees with FD:", ok(G119, Gfd),
      "max abs diff", np.abs(G119-Gfd).max(), "(FAIL: misses paths through o(j) -> h(j) -> gates)")
# diagnosis: freeze every output gate o(j) at its base value -> the s-chain formula becomes exact
base_o = {t: cache[t][2].copy() for t in cache}
def lstm_frozen_o(Ws):
    hp = h0; sp = s0
    for t in range(1, T+1):
        f = sig(Wf@hp + Uf@X[t] + bf); i = sig(Wi@hp + Ui@X[t] + bi)
        st = np.tanh(Ws@hp + Us@X[t] + bs); sp = f*sp + i*st; hp = base_o[t]*np.tanh(sp)
    return -np.log(softmax(V@hp + c)[Y[T]])
print("line 119 formula vs FD with output gates frozen (diagnosis):", ok(G119, fd(lambda: lstm_frozen_o(Ws), Ws)))
