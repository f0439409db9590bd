# FD / consistency check for dsse90353_gru_question.md (forward definitions only; the thread's
# stored copy has no backward rows). Column vectors, a^{<t>} hidden state, loss only at T (BCE).
import numpy as np
rng = np.random.default_rng(1)
nx, na, T = 3, 4, 5
U = {k: rng.normal(scale=0.5, size=(na, na)) for k in "ruc"}
W = {k: rng.normal(scale=0.5, size=(na, nx)) for k in "ruc"}
b = {k: rng.normal(scale=0.1, size=na) for k in "ruc"}
Wya = rng.normal(size=(1, na)); by = rng.normal(size=1)
X = rng.normal(size=(T, nx)); ytrue = 1.0

sigma = lambda x: 1/(1+np.exp(-x))                           # line 29
tanh_def = lambda x: (np.exp(x)-np.exp(-x))/(np.exp(x)+np.exp(-x))  # line 30
z = rng.normal(size=50)*3
assert np.allclose(sigma(z), 0.5*(1+np.tanh(z/2)))            # line 29 is the logistic function
assert np.allclose(tanh_def(z), np.tanh(z))                   # line 30

def forward(params_scale=0.0, rows=False):
    a = np.zeros(na); out = []
    for t in range(T):
        gr = U["r"]@a + W["r"]@X[t] + b["r"]; Gr = sigma(gr)              # line 11
        gu = U["u"]@a + W["u"]@X[t] + b["u"]; Gu = sigma(gu)              # line 12
        c = U["c"]@(Gr*a) + W["c"]@X[t] + b["c"]; C = tanh_def(c)         # line 13
        a_new = (1-Gu)*a + Gu*C                                           # line 14
        out.append((a, Gr, Gu, C, a_new)); a = a_new
    v = Wya@a + by                                                        # line 20
    y = sigma(v)                                                          # line 21
    L = -(ytrue*np.log(y) + (1-ytrue)*np.log(1-y))                        # line 26
    return L.item(), v, y, out

L, v, y, out = forward()
# lines 11-14: compare with an independent GRU implementation (Cho et al. 2014, reset applied
# to the previous state before U_c; update gate weights the candidate)
def gru_ref(xt, h):
    r = 1/(1+np.exp(-(W["r"]@xt + U["r"]@h + b["r"])))
    u = 1/(1+np.exp(-(W["u"]@xt + U["u"]@h + b["u"])))
    n = np.tanh(W["c"]@xt + U["c"]@(r*h) + b["c"])
    return u*n + (1-u)*h
h = np.zeros(na)
for t in range(T):
    h = gru_ref(X[t], h)
    assert np.allclose(h, out[t][4])
# lines 20, 21, 26: BCE of sigmoid output; sanity: dL/dv = y - ytrue (by FD)
eps = 1e-6
Lf = lambda vv: -(ytrue*np.log(sigma(vv)) + (1-ytrue)*np.log(1-sigma(vv)))
assert np.isclose(((Lf(v+eps)-Lf(v-eps))/(2*eps)).item(), (y-ytrue).item(), atol=1e-7)
print("forward rows 11 12 13 14 20 21 26 29 30 consistent: ALL OK")
