# FD check of vlasov-dmitrii RNN_from_scratch.ipynb: author's forward/loss and backward (as written, before clipping/update).
import numpy as np
np.random.seed(1)
I, H, O, T = 1, 5, 1, 6
P = {'W_xh': np.random.randn(H, I), 'W_hh': np.random.randn(H, H)*0.5, 'W_hy': np.random.randn(O, H),
     'b_h': np.random.randn(H, 1)*0.3, 'b_y': np.random.randn(O, 1)*0.3}
inputs = [np.random.randn(I, 1) for _ in range(T)]
target = np.random.randn(O, 1); targets = [target]*T          # train(): [target]*len(seq)
def forward(P):
    hp = np.zeros((H, 1)); hs, ys = [], []
    for x in inputs:
        h = np.tanh(P['W_xh']@x + P['W_hh']@hp + P['b_h']); hs.append(h)   # line 27
        ys.append(P['W_hy']@h + P['b_y']); hp = h                          # line 30
    return ys, hs
def compute_loss(P):
    ys, _ = forward(P); L = 0
    for y, t in zip(ys, targets): L += np.sum((y-t)**2)                    # line 40
    return L/len(ys)                                                       # line 41
ys, hs = forward(P)
G = {k: np.zeros_like(v) for k, v in P.items()}; dh_next = np.zeros((H, 1)); dys = []
for t in reversed(range(T)):                                              # lines 52-67 as written
    dy = ys[t] - targets[t]; dys.append(dy)
    G['W_hy'] += dy@hs[t].T; G['b_y'] += dy
    dh = P['W_hy'].T@dy + dh_next; dh_raw = (1-hs[t]**2)*dh
    G['b_h'] += dh_raw; G['W_xh'] += dh_raw@inputs[t].T
    G['W_hh'] += dh_raw@(hs[t-1] if t > 0 else np.zeros_like(hs[t])).T
    dh_next = P['W_hh'].T@dh_raw
def fd(arr, eps=1e-6):
    num = np.zeros_like(arr)
    for idx in np.ndindex(arr.shape):
        o = arr[idx]; arr[idx] = o+eps; a = compute_loss(P); arr[idx] = o-eps; b = compute_loss(P); arr[idx] = o
        num[idx] = (a-b)/(2*eps)
    return num
print(f"T = {T}; factor 2/T = {2/T:.4f}")
# line 53: dL/dy_t of L = (1/T) sum ||y_t - t_t||^2 is 2(y_t - t_t)/T
print("line 53 dy vs exact dL/dy_t = 2(y-t)/T:", 'AGREE' if np.allclose(dys[0], 2*(ys[-1]-target)/T) else 'DIFFER',
      f" (ratio exact/author = {(2*(ys[-1]-target)/T/dys[0]).item():.4f})")
for k in P:
    num = fd(P[k]); an = G[k]
    print(f"d{k:5s}: as written {'AGREE' if np.allclose(an, num, rtol=1e-5, atol=1e-9) else 'DIFFER'}"
          f"  FD/author ~ {np.sum(num*an)/np.sum(an*an):.4f};  author*2/T {'AGREE' if np.allclose(an*2/T, num, rtol=1e-5, atol=1e-9) else 'DIFFER'}")
# The recursion itself (lines 54-67) is right: rerun it with the exact dy = 2(y-t)/T.
G2 = {k: np.zeros_like(v) for k, v in P.items()}; dh_next = np.zeros((H, 1))
for t in reversed(range(T)):
    dy = 2*(ys[t]-targets[t])/T
    G2['W_hy'] += dy@hs[t].T; G2['b_y'] += dy
    dh = P['W_hy'].T@dy + dh_next; dh_raw = (1-hs[t]**2)*dh
    G2['b_h'] += dh_raw; G2['W_xh'] += dh_raw@inputs[t].T
    G2['W_hh'] += dh_raw@(hs[t-1] if t > 0 else np.zeros_like(hs[t])).T
    dh_next = P['W_hh'].T@dh_raw
print("lines 54-67 with exact dy:", all(np.allclose(G2[k], fd(P[k]), rtol=1e-5, atol=1e-9) for k in P) and 'ALL AGREE')
