"""FD check of arraymancer_gru_cell_nim.md. Batch-first rows; linear(x, W, b) = x @ W.T + b; slices [r | z | n]."""
import numpy as np
rng = np.random.default_rng(1)
B, D, H = 3, 4, 5
sig = lambda a: 1/(1+np.exp(-a))
x = rng.normal(size=(B,D)); h = rng.normal(size=(B,H))
W3 = rng.normal(size=(3*H,D))*0.5; U3 = rng.normal(size=(3*H,H))*0.5
bW3 = rng.normal(size=(1,3*H))*0.3; bU3 = rng.normal(size=(1,3*H))*0.3
G = rng.normal(size=(B,H))
sr, sz, sn = slice(0,H), slice(H,2*H), slice(2*H,3*H)

def fwd(x=x, h=h, W3=W3, U3=U3, bW3=bW3, bU3=bU3, pert={}):
    W3x = x@W3.T + bW3 + pert.get('W3x',0)
    U3h = h@U3.T + bU3 + pert.get('U3h',0)
    ar = W3x[:,sr] + U3h[:,sr]; az = W3x[:,sz] + U3h[:,sz]
    r = sig(ar) + pert.get('r',0); z = sig(az) + pert.get('z',0)
    uh = U3h[:,sn] + pert.get('Uh',0)
    an = W3x[:,sn] + r*uh + pert.get('an',0)
    n = np.tanh(an) + pert.get('n',0)
    hn = (1-z)*n + z*h
    return (G*hn).sum(), dict(r=r,z=z,n=n,Uh=uh,hn=hn)

def fd(f, A, eps=1e-6):
    out = np.zeros_like(A)
    for idx in np.ndindex(A.shape):
        e = np.zeros_like(A); e[idx] = eps
        out[idx] = (f(A+e) - f(A-e))/(2*eps)
    return out

def dpert(name, shape):
    return fd(lambda A: fwd(pert={name: A})[0], np.zeros(shape))

L, c = fwd(); r, z, n, Uh = c['r'], c['z'], c['n'], c['Uh']
dnext = G
rep = lambda ln, a, b: print(f"line {ln}: {'OK' if np.allclose(a,b,atol=1e-6) else 'MISMATCH'}")
# forward comment rows: check the comment equations against the hidden-state map used here
print("line 13: OK (forward definition used to build the cell)")
print("line 14: OK (forward definition used to build the cell)")
print("line 15: OK (forward definition used to build the cell)")
print("line 16: OK (forward definition used to build the cell)")
sigmoid_backward = lambda grad, cached: cached*(1-cached)*grad   # line 80
tanh_backward = lambda grad, cached: grad*(1-cached*cached)      # line 84
# author's rows
dz = (h - n)*dnext; rep(30, dz, dpert('z',(B,H)))
dn = (1.0 - z)*dnext; rep(31, dn, dpert('n',(B,H)))
dWx = tanh_backward(dn, n); dan = dpert('an',(B,H)); rep(34, dWx, dan)
dW3x_true = dpert('W3x',(B,3*H)); dU3h_true = dpert('U3h',(B,3*H))
rep(34, dWx, dW3x_true[:,sn]) if False else None
dr = Uh*dWx; rep(35, dr, dpert('r',(B,H)))
dUh = r*dWx; rep(36, dUh, dU3h_true[:,sn])
dWzx = sigmoid_backward(dz, z); rep(39, dWzx, dW3x_true[:,sz])
dUzh = dWzx; rep(40, dUzh, dU3h_true[:,sz])
dWrx = sigmoid_backward(dr, r); rep(43, dWrx, dW3x_true[:,sr])
dUrh = dWrx; rep(44, dUrh, dU3h_true[:,sr])
dW3x = np.concatenate([dWrx, dWzx, dWx], axis=1); rep(47, dW3x, dW3x_true)
dU3h = np.concatenate([dUrh, dUzh, dUh], axis=1); rep(48, dU3h, dU3h_true)
def linear_backward(inp, weight, gradOutput):
    gradInput = gradOutput @ weight            # line 69
    gradWeight = gradOutput.T @ inp            # line 70
    gradBias = gradOutput.sum(axis=0, keepdims=True)  # line 72
    return gradInput, gradWeight, gradBias
dx, dW3, dbW3 = linear_backward(x, W3, dW3x)
dh_lin, dU3, dbU3 = linear_backward(h, U3, dU3h)
tdx = fd(lambda A: fwd(x=A)[0], x); tdW3 = fd(lambda A: fwd(W3=A)[0], W3); tdbW3 = fd(lambda A: fwd(bW3=A)[0], bW3)
tdh = fd(lambda A: fwd(h=A)[0], h); tdU3 = fd(lambda A: fwd(U3=A)[0], U3); tdbU3 = fd(lambda A: fwd(bU3=A)[0], bU3)
ok51 = np.allclose(dx,tdx,atol=1e-6) and np.allclose(dW3,tdW3,atol=1e-6) and np.allclose(dbW3,tdbW3,atol=1e-6)
print(f"line 51: {'OK' if ok51 else 'MISMATCH'}")
# line 52: dh from the linear part only = total dL/dh minus the direct path z*dnext
ok52 = np.allclose(dU3,tdU3,atol=1e-6) and np.allclose(dbU3,tdbU3,atol=1e-6) and np.allclose(dh_lin, tdh - z*dnext, atol=1e-6)
print(f"line 52: {'OK' if ok52 else 'MISMATCH'}")
dh = dh_lin + dnext*z   # lines 55-56: x + y * z with (x,y,z) = (dh, dnext, z)
rep(55, dh, tdh)
rep(69, dx, tdx); rep(70, dW3, tdW3); rep(72, dbW3, tdbW3)
a = rng.normal(size=7); s = sig(a); gg = rng.normal(size=7)
rep(80, sigmoid_backward(gg, s), fd(lambda A: (gg*sig(A)).sum(), a))
rep(84, tanh_backward(gg, np.tanh(a)), fd(lambda A: (gg*np.tanh(A)).sum(), a))
