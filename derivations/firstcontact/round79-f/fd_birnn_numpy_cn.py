# Finite-difference check of birnn_numpy_cn.py (birnn_forward / birnn_gradient), numpy only.
# The author's functions are copied as written (forward lines 4-42, gradient lines 68-142);
# the loss they imply (softmax output, delta = y_hat - y) is the summed cross-entropy
# L = -sum_t sum_k y[t,k] log y_hat[t,k] with one-hot target rows y[t].
import numpy as np
rng = np.random.default_rng(2)

def softmax(y):
    y = np.exp(y)
    m = len(y)
    y_sum = y.sum(axis=1)
    return  y/y_sum.reshape(m,1)

def birnn_forward(x,a_in, ape_in, p):
    a_in = a_in.copy(); ape_in = ape_in.copy()
    ww, wu, bb, wv = p['ww'], p['wu'], p['bb'], p['wv']
    wwpe, wupe, bbpe, wvpe, bc = p['wwpe'], p['wupe'], p['bbpe'], p['wvpe'], p['bc']
    m = len(x)
    a_next = np.zeros([x.shape[0],wu.shape[1]]); ape_next = np.zeros([x.shape[0],wu.shape[1]])
    for i in range(m):
        a_next_i = np.tanh(a_in@ww + x[i]@wu + bb)                  # 31
        ape_next_i = np.tanh(ape_in@wwpe + x[m-i-1]@wupe + bbpe)    # 32
        a_next[i] = a_next_i; ape_next[m-i-1] = ape_next_i          # 34, 35
        a_in = a_next_i; ape_in = ape_next_i                        # 37, 38
    y_hat = softmax(a_next@wv + ape_next@wvpe + bc)                 # 40
    return a_next, ape_next, y_hat

def birnn_gradient(x,a_in,ape_in,p,a_next,ape_next,y_hat,y, fix_line_121=False):
    a_in = a_in.copy()
    ww, wu, wv, bb, bc = p['ww'], p['wu'], p['wv'], p['bb'], p['bc']
    a = np.r_[a_in,a_next]                                          # 78
    m = len(x)-1
    delt_frist = (y_hat[m]-y[m]).reshape(1,-1)                      # 82
    delt_v = (a[m+1].reshape(1,-1)).T @ delt_frist                  # 83
    delt_c = delt_frist                                             # 84
    delt_a = delt_frist @ wv.T                                      # 85
    delt_w = (a[m].reshape(1,-1)).T @ (delt_a*(1-a[m+1]**2))        # 87
    delt_u = (x[m].reshape(1,-1)).T @ (delt_a*(1-a[m+1]**2))        # 88
    delt_b = delt_a * (1-a[m+1]**2)                                 # 89
    delt_a_back = (delt_a*(1-a[m+1]**2)) @ ww.T                     # 91
    for i in range(m):
        delt_frist = (y_hat[m-1-i]-y[m-1-i]).reshape(1,-1)          # 95
        delt_v += (a[m-i].reshape(1,-1)).T @ delt_frist             # 96
        delt_c += delt_frist                                        # 97
        delt_a = delt_frist @ wv.T + delt_a_back                    # 98
        delt_w += (a[m-1-i].reshape(1,-1)).T @ (delt_a * (1-a[m-i]**2))   # 100
        delt_u += (x[m-1-i].reshape(1,-1)).T @ (delt_a * (1-a[m-i]**2))   # 101
        delt_b += delt_a * (1-a[m-i]**2)                            # 102
        delt_a_back = (delt_a*(1-a[m-i]**2)) @ ww.T                 # 104
    ape_in = ape_in.copy()
    wwpe, wupe, wvpe, bbpe = p['wwpe'], p['wupe'], p['wvpe'], p['bbpe']
    ape = np.r_[ape_next,ape_in]                                    # 113
    delt_frist = (y_hat[0]-y[0]).reshape(1,-1)                      # 116
    delt_vpe = (ape[0].reshape(1,-1)).T @ delt_frist                # 117
    delt_ape = delt_frist @ wvpe.T                                  # 118
    delt_wpe = (ape[1].reshape(1,-1)).T @ (delt_ape*(1-ape[0]**2))  # 120
    if fix_line_121:
        delt_upe = (x[0].reshape(1,-1)).T @ (delt_ape*(1-ape[0]**2))
    else:
        delt_upe = (x[0].reshape(1,-1)).T @ (delt_ape*(1-a[0]**2))  # 121 (as published)
    delt_bpe = delt_ape * (1-ape[0]**2)                             # 122
    delt_ape_back = (delt_ape*(1-ape[0]**2)) @ wwpe.T               # 124
    for j in range(1,len(x)):
        delt_frist = (y_hat[j]-y[j]).reshape(1,-1)                  # 128
        delt_vpe += (ape[j].reshape(1,-1)).T @ delt_frist           # 129
        delt_ape = delt_frist @ wvpe.T + delt_ape_back              # 130
        delt_wpe += (ape[j+1].reshape(1,-1)).T @ (delt_ape * (1-ape[j]**2))   # 132
        delt_upe += (x[j].reshape(1,-1)).T @ (delt_ape * (1-ape[j]**2))       # 133
        delt_bpe += delt_ape * (1-ape[j]**2)                        # 134
        delt_ape_back = (delt_ape*(1-ape[j]**2)) @ wwpe.T           # 136
    return {'delt_w':delt_w, 'delt_u':delt_u, 'delt_b':delt_b,
            'delt_wpe':delt_wpe, 'delt_upe':delt_upe, 'delt_bpe':delt_bpe,
            'delt_v':delt_v, 'delt_vpe':delt_vpe, 'delt_c':delt_c}

T, D, H = 10, 27, 5     # the author's sizes
x = rng.standard_normal((T, D)); a_in = rng.standard_normal((1, H)); ape_in = rng.standard_normal((1, H))
p = {'ww': rng.standard_normal((H,H))*0.5, 'wu': rng.standard_normal((D,H))*0.3, 'bb': rng.standard_normal((1,H)),
     'wwpe': rng.standard_normal((H,H))*0.5, 'wupe': rng.standard_normal((D,H))*0.3, 'bbpe': rng.standard_normal((1,H)),
     'wv': rng.standard_normal((H,D)), 'wvpe': rng.standard_normal((H,D)), 'bc': rng.standard_normal((1,D))}
y = np.eye(D)[rng.integers(0, D, T)]

def L():
    _, _, yh = birnn_forward(x, a_in, ape_in, p)
    return -np.sum(y * np.log(yh))

def fd(P, eps=1e-6):
    G = np.zeros_like(P); it = np.nditer(P, flags=['multi_index'])
    for _ in it:
        i = it.multi_index; o = P[i]
        P[i] = o + eps; fp = L(); P[i] = o - eps; fm = L(); P[i] = o
        G[i] = (fp - fm) / (2 * eps)
    return G

a_next, ape_next, y_hat = birnn_forward(x, a_in, ape_in, p)
g = birnn_gradient(x, a_in, ape_in, p, a_next, ape_next, y_hat, y)
gfix = birnn_gradient(x, a_in, ape_in, p, a_next, ape_next, y_hat, y, fix_line_121=True)
names = {'delt_w':'ww','delt_u':'wu','delt_b':'bb','delt_wpe':'wwpe','delt_upe':'wupe',
         'delt_bpe':'bbpe','delt_v':'wv','delt_vpe':'wvpe','delt_c':'bc'}
print("author's birnn_gradient vs finite differences of the summed cross-entropy:")
for k, pn in names.items():
    num = fd(p[pn]); good = np.allclose(g[k], num, atol=1e-6, rtol=1e-5)
    print(f"  {'AGREE   ' if good else 'DISAGREE'} {k} = dL/d{pn}" + ("" if good else f"   max|diff| = {np.max(np.abs(g[k]-num)):.4g}"))
num = fd(p['wupe'])
print("  with line 121 using ape[0] instead of a[0]:",
      "AGREE" if np.allclose(gfix['delt_upe'], num, atol=1e-6, rtol=1e-5) else "DISAGREE", "(delt_upe)")
# the error sits exactly in the position-0 term of delt_upe:
err = g['delt_upe'] - num
term_pub = x[0].reshape(-1,1) @ ((y_hat[0]-y[0]).reshape(1,-1) @ p['wvpe'].T * (1 - a_in**2))
term_ok  = x[0].reshape(-1,1) @ ((y_hat[0]-y[0]).reshape(1,-1) @ p['wvpe'].T * (1 - ape_next[0]**2))
print("  published - FD equals (line-121 term with a[0]) - (same term with ape[0]):",
      np.allclose(err, term_pub - term_ok, atol=1e-6))
