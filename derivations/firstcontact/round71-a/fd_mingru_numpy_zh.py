# Finite-difference check of mingru_numpy_zh.py (numpy only). Uses the transcribed class itself
# (forward = the second, overriding forward; backward = the author's backward/backward_step).
# Test loss: L = sum(G * y_T)  (only the last output, as backward() assumes: dy_t = dy at t = T-1, else 0).
import numpy as np
from mingru_numpy_zh import MinGRU
np.random.seed(0); rng = np.random.default_rng(0)
nx, nh, ny, B = 3, 4, 2, 2
def make():
    g = MinGRU(nx, nh, ny)
    for k in ["W_z","W_r","W_h","W_y"]: setattr(g, k, rng.normal(size=getattr(g,k).shape)*0.7)
    for k in ["b_z","b_r","b_h","b_y"]: setattr(g, k, rng.normal(size=getattr(g,k).shape)*0.3)
    return g
def rep(name,v,r):
    err=np.max(np.abs(v-r))/(np.max(np.abs(r))+1e-12); print(f"{name:62s} rel.err {err:9.2e} -> {'agrees' if err<1e-5 else 'DISAGREES'}")
def num(f, A, eps=1e-6):
    g=np.zeros_like(A)
    for i in np.ndindex(A.shape):
        o=A[i]; A[i]=o+eps; p=f(); A[i]=o-eps; q=f(); A[i]=o; g[i]=(p-q)/(2*eps)
    return g

# ---- one step: check backward_step lines against FD of forward_step ----
g = make(); x = rng.normal(size=(nx,B)); hp = rng.normal(size=(nh,B)); Gy = rng.normal(size=(ny,B)); Gh = rng.normal(size=(nh,B))
def L1(): h,y,*_ = g.forward_step(x, hp); return np.sum(Gy*y)+np.sum(Gh*h)   # dh_next = Gh
h_t, y_t, z_t, r_t, h_tilde, comb, comb_h = g.forward_step(x, hp)
dx_t, dh_prev, dW_z, db_z, dW_r, db_r, dW_h, db_h, dW_y, db_y = g.backward_step(Gy, Gh, hp, h_t, z_t, r_t, h_tilde, comb, comb_h)
print("== backward_step (one step, dh_next given) ==")
rep("L109 dW_y", dW_y, num(L1, g.W_y)); rep("L110 db_y", db_y, num(L1, g.b_y))
rep("L119 dW_h", dW_h, num(L1, g.W_h)); rep("L120 db_h", db_h, num(L1, g.b_h))
rep("L140 dW_r", dW_r, num(L1, g.W_r)); rep("L141 db_r", db_r, num(L1, g.b_r))
rep("L143 dW_z", dW_z, num(L1, g.W_z)); rep("L144 db_z", db_z, num(L1, g.b_z))
ref_x = num(L1, x); ref_h = num(L1, hp)
rep("L136 dx_t = dcombined[:input_size]", dx_t, ref_x)
dcomb_h = g.W_h.T @ (g.tanh_derivative(h_tilde)*(( g.W_y.T@Gy + Gh)*(1-z_t)))
rep("    dx_t + dcombined_h[:input_size] (candidate path added)", dx_t + dcomb_h[:nx], ref_x)
rep("L114+L137 dh_prev (returned)", dh_prev, ref_h)
rep("    dh_prev + dr_h_prev * r_t (reset path added)", dh_prev + dcomb_h[nx:]*r_t, ref_h)
# intermediate rows: dr_t (L124) vs FD w.r.t. r (post-activation), dz_t (L127-128) vs FD w.r.t. z pre-activation
def Lr(E):
    h = (g.sigmoid(g.W_z@comb+g.b_z))*hp + (1-g.sigmoid(g.W_z@comb+g.b_z))*np.tanh(g.W_h@np.concatenate((x,(r_t+E)*hp),0)+g.b_h)
    return np.sum(Gy*(g.W_y@h+g.b_y))+np.sum(Gh*h)
def Lz(E):
    z = g.sigmoid(g.W_z@comb+g.b_z+E); h = z*hp+(1-z)*h_tilde
    return np.sum(Gy*(g.W_y@h+g.b_y))+np.sum(Gh*h)
def numE(f):
    out=np.zeros((nh,B))
    for i in np.ndindex(out.shape):
        E=np.zeros((nh,B)); E[i]=1e-6; p=f(E); E[i]=-1e-6; q=f(E); out[i]=(p-q)/2e-6
    return out
dh_t = g.W_y.T@Gy + Gh
rep("L111 dh_t = W_y^T dy_t + dh_next (vs FD of L wrt h_t)", dh_t, Gh + g.W_y.T@Gy)
rep("L124 dr_t = dr_h_prev * h_prev (dL/dr_t)", dcomb_h[nx:]*hp, numE(Lr))
rep("L127-128 dz_t (dL/d pre-activation of z)", g.sigmoid_derivative(z_t)*(dh_t*hp - dh_t*h_tilde), numE(Lz))

# ---- whole sequence: backward() totals vs FD of L = sum(G*y_T) ----
print("== backward() over a sequence ==")
for T in [1, 3]:
    g = make(); X = rng.normal(size=(T,nx,B)); G = rng.normal(size=(ny,B))
    def L(): return np.sum(G*g.forward(X))
    L(); grads = g.backward(G, np.zeros((nh,B)))
    for k in ["W_z","W_r","W_h","W_y","b_z","b_r","b_h","b_y"]:
        rep(f"T={T}: d{k} total (L185-L192 accumulation of step rows)", grads["d"+k], num(L, getattr(g,k)))
