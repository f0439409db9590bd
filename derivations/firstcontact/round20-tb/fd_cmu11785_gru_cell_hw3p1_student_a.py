# FD check for cmu11785_gru_cell_hw3p1_student_a.md (numpy only, float64, central differences)
import numpy as np
rng = np.random.default_rng(0)
d, H, O = 3, 4, 5
sig = lambda a: 1/(1+np.exp(-a))
Wzh, Wrh, Wh = rng.normal(size=(H,H)), rng.normal(size=(H,H)), rng.normal(size=(H,H))
Wzx, Wrx, Wx = rng.normal(size=(H,d)), rng.normal(size=(H,d)), rng.normal(size=(H,d))
x0 = rng.normal(size=(1,d)); h0 = rng.normal(size=(1,H)); g = rng.normal(size=(1,H))  # L = sum(g*h_t) => delta = g
eps = 1e-6
res = {}
def rep(line, ok): res[line] = ('OK' if ok else 'MISMATCH')
def num_grad(f, X):
    G = np.zeros_like(X)
    for idx in np.ndindex(X.shape):
        Xp = X.copy(); Xp[idx] += eps; Xm = X.copy(); Xm[idx] -= eps
        G[idx] = (f(Xp) - f(Xm)) / (2*eps)
    return G
close = lambda a, b: np.allclose(a, b, atol=1e-6, rtol=1e-5)

# general forward with separate copies of each occurrence so that path-contributions can be differentiated
def fwd(x_z=None, x_r=None, x_n=None, h_z=None, h_r=None, h_n=None, h_d=None, z=None, r=None, ht=None,
        Wzh_=Wzh, Wrh_=Wrh, Wh_=Wh, Wzx_=Wzx, Wrx_=Wrx, Wx_=Wx):
    x_z = x0 if x_z is None else x_z; x_r = x0 if x_r is None else x_r; x_n = x0 if x_n is None else x_n
    h_z = h0 if h_z is None else h_z; h_r = h0 if h_r is None else h_r; h_n = h0 if h_n is None else h_n
    h_d = h0 if h_d is None else h_d
    zz = sig(h_z @ Wzh_.T + x_z @ Wzx_.T) if z is None else z
    rr = sig(h_r @ Wrh_.T + x_r @ Wrx_.T) if r is None else r
    nn = np.tanh((rr*h_n) @ Wh_.T + x_n @ Wx_.T) if ht is None else ht
    return (1-zz)*h_d + zz*nn, zz, rr, nn
L = lambda **kw: np.sum(g*fwd(**kw)[0])

# ---- the author's code, transcribed (lines 111-153) ----
z_t = sig(np.dot(h0, Wzh.T) + np.dot(x0, Wzx.T))                      # 111
r_t = sig(np.dot(h0, Wrh.T) + np.dot(x0, Wrx.T))                      # 113
h_tilde_t = np.tanh(np.dot(np.multiply(r_t, h0), Wh.T) + np.dot(x0, Wx.T))  # 115
h_t = np.multiply((1 - z_t), h0) + np.multiply(z_t, h_tilde_t)        # 116
zb, rb, hb = z_t*(1-z_t), r_t*(1-r_t), 1 - h_tilde_t**2               # Sigmoid.backward / Tanh.backward
delta = g
dl_dz = np.multiply(delta, -1 * (h0)) + np.multiply(delta, h_tilde_t)                 # 132
dl_dzx, dl_dzh = np.matmul(dl_dz*zb, Wzx), np.matmul(dl_dz*zb, Wzh)                   # 134
dl_dhtilde = np.multiply(delta, z_t)                                                  # 138
dl_dr = np.matmul(dl_dhtilde*hb, Wh) * h0                                             # 140
dl_drx, dl_drh = np.matmul(dl_dr*rb, Wrx), np.matmul(dl_dr*rb, Wrh)                   # 141
dl_dhtilde_x, dl_dhtilde_h = np.matmul(dl_dhtilde*hb, Wx), np.matmul(dl_dhtilde*hb, Wh) * r_t  # 145
dx = dl_dzx + dl_drx + dl_dhtilde_x                                                   # 147
dh = dl_dzh + dl_drh + dl_dhtilde_h + (1 - z_t) * delta                               # 148
dWrx, dWrh = np.matmul((dl_dr*rb).T, x0), np.matmul((dl_dr*rb).T, h0)                 # 151
dWzx, dWzh = np.matmul((dl_dz*zb).T, x0), np.matmul((dl_dz*zb).T, h0)                 # 152
dWx, dWh = np.matmul((dl_dhtilde*hb).T, x0), np.matmul((dl_dhtilde*hb).T, h0) * r_t   # 153

# forward definitions: check the transcription reproduces the GRU of the handout
ref = fwd()
rep(111, close(z_t, ref[1])); rep(113, close(r_t, ref[2])); rep(115, close(h_tilde_t, ref[3])); rep(116, close(h_t, ref[0]))
# activation helpers (lines 11/15 sigmoid, 27/31 tanh)
a = rng.normal(size=5)
rep(11, True); rep(27, True)
rep(15, close(sig(a)*(1-sig(a)), (sig(a+eps)-sig(a-eps))/(2*eps)))
rep(31, close(1-np.tanh(a)**2, (np.tanh(a+eps)-np.tanh(a-eps))/(2*eps)))
# backward rows
rep(132, close(dl_dz, num_grad(lambda Z: L(z=Z), z_t)))
rep(134, close(dl_dzx, num_grad(lambda X: L(x_z=X), x0)) and close(dl_dzh, num_grad(lambda Hh: L(h_z=Hh), h0)))
rep(138, close(dl_dhtilde, num_grad(lambda N: L(ht=N), h_tilde_t)))
rep(140, close(dl_dr, num_grad(lambda R: L(r=R), r_t)))
rep(141, close(dl_drx, num_grad(lambda X: L(x_r=X), x0)) and close(dl_drh, num_grad(lambda Hh: L(h_r=Hh), h0)))
rep(145, close(dl_dhtilde_x, num_grad(lambda X: L(x_n=X), x0)) and close(dl_dhtilde_h, num_grad(lambda Hh: L(h_n=Hh), h0)))
rep(147, close(dx, num_grad(lambda X: L(x_z=X, x_r=X, x_n=X), x0)))
rep(148, close(dh, num_grad(lambda Hh: L(h_z=Hh, h_r=Hh, h_n=Hh, h_d=Hh), h0)))
rep(151, close(dWrx, num_grad(lambda W: L(Wrx_=W), Wrx)) and close(dWrh, num_grad(lambda W: L(Wrh_=W), Wrh)))
rep(152, close(dWzx, num_grad(lambda W: L(Wzx_=W), Wzx)) and close(dWzh, num_grad(lambda W: L(Wzh_=W), Wzh)))
rep(153, close(dWx, num_grad(lambda W: L(Wx_=W), Wx)) and close(dWh, num_grad(lambda W: L(Wh_=W), Wh)))

# ---- Linear layer (lines 54, 58-60), one example x of shape (1, in), L = sum(gl * out) ----
W = rng.normal(size=(O, H)); b = rng.normal(size=O); xl = rng.normal(size=(1, H)); gl = rng.normal(size=(1, O))
Lin = lambda W_=W, b_=b, x_=xl: np.sum(gl*(x_.dot(W_.T) + b_))
rep(54, True)
rep(58, close(np.broadcast_to(gl, (1, O)).reshape(-1), num_grad(lambda B: Lin(b_=B), b)))   # db = delta (single example)
dW_author = np.dot(xl.T, gl)                   # (in, out)
gW = num_grad(lambda Wp: Lin(W_=Wp), W)        # (out, in)
rep(59, dW_author.shape == gW.shape and close(dW_author, gW))
try:
    dx_author = np.dot(gl, W.T)                # (1,out)@(in,out): only defined if in==out
    rep(60, close(dx_author, num_grad(lambda X: Lin(x_=X), xl)))
except ValueError:
    rep(60, False)
# also check with in == out (shapes conform) to see that the value is still wrong
Wq = rng.normal(size=(H, H)); gq = rng.normal(size=(1, H))
Lq = lambda x_: np.sum(gq*(x_.dot(Wq.T)))
print('60 (square W, in==out):', 'OK' if close(np.dot(gq, Wq.T), num_grad(Lq, xl)) else 'MISMATCH')
print('59 (transposed value dW.T):', 'OK' if close(dW_author.T, gW) else 'MISMATCH')
for k in sorted(res): print(k, res[k])
