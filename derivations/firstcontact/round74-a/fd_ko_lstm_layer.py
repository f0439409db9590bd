# Finite-difference check of ko_lstm_layer.py (search-index file id 8580618964), the author's LSTM layer run as written.
# Row layout: x (N,D), h (N,H), Wx (D,4H), Wh (H,4H), b (4H,); A = x Wx + h_prev Wh + b, slices f,g,i,o.
# Test loss: L = sum(Rh * h_next) + sum(Rc * c_next), so the upstream grads are dh = Rh, dc = Rc.
import numpy as np
ns = {}
exec(open(__file__.replace("fd_ko_lstm_layer.py", "ko_lstm_layer.py")).read(), ns)
LSTM, sigmoid = ns["LSTM"], ns["sigmoid"]

rng = np.random.default_rng(1)
N, D, H = 3, 4, 5
Wx, Wh, b = rng.normal(0, .6, (D, 4*H)), rng.normal(0, .6, (H, 4*H)), rng.normal(0, .6, 4*H)
x, h_prev, c_prev = rng.normal(size=(N, D)), rng.normal(size=(N, H)), rng.normal(size=(N, H))
Rh, Rc = rng.normal(size=(N, H)), rng.normal(size=(N, H))

def loss():
    layer = LSTM(Wx, Wh, b); hn, cn = layer.forward(x, h_prev, c_prev)
    return np.sum(Rh * hn) + np.sum(Rc * cn)
def loss_from_A(A):
    f, g, i, o = sigmoid(A[:, :H]), np.tanh(A[:, H:2*H]), sigmoid(A[:, 2*H:3*H]), sigmoid(A[:, 3*H:])
    cn = f * c_prev + g * i; hn = o * np.tanh(cn); return np.sum(Rh * hn) + np.sum(Rc * cn)
def loss_from_c(cn):  # L as a function of c_next with o fixed
    layer = LSTM(Wx, Wh, b); layer.forward(x, h_prev, c_prev); o = layer.cache[6]
    return np.sum(Rh * o * np.tanh(cn)) + np.sum(Rc * cn)
def numgrad(f, X, eps=1e-6):
    G = np.zeros_like(X); it = np.nditer(X, flags=["multi_index"])
    for _ in it:
        k = it.multi_index; old = X[k]
        X[k] = old + eps; lp = f(); X[k] = old - eps; lm = f(); X[k] = old
        G[k] = (lp - lm) / (2 * eps)
    return G
res = []
def report(name, a, bb, tol=1e-6):
    r = np.max(np.abs(a - bb)) / max(1e-12, np.max(np.abs(a)) + np.max(np.abs(bb)))
    res.append((name, r < tol)); print(f"{'AGREE' if r < tol else 'DIFFER'}  rel={r:.2e}  {name}")

layer = LSTM(Wx, Wh, b); hn, cn = layer.forward(x, h_prev, c_prev)
dx, dh_prev, dc_prev = layer.backward(Rh, Rc)
report("line 53: dWx (grads[0])", layer.grads[0], numgrad(loss, Wx))
report("line 52: dWh (grads[1])", layer.grads[1], numgrad(loss, Wh))
report("line 54: db  (grads[2])", layer.grads[2], numgrad(loss, b))
report("line 57: dx", dx, numgrad(loss, x))
report("line 56: dh_prev", dh_prev, numgrad(loss, h_prev))
report("line 43: dc_prev = dc * f", dc_prev, numgrad(loss, c_prev))
# intermediate rows
A = x @ Wx + h_prev @ Wh + b
xx, hp, cp, i, f, g, o, c_next = layer.cache
dc_tot = Rc + Rh * o * (1 - np.tanh(c_next)**2)
report("line 42: dc = dc + dh*o*(1-tanh^2 c_next) = total dL/dc_next", dc_tot, numgrad(lambda: loss_from_c(cn_var), (cn_var := c_next.copy())))
dA = np.hstack((dc_tot * cp * f * (1-f), dc_tot * i * (1 - g**2), dc_tot * g * i * (1 - i), Rh * np.tanh(c_next) * o * (1 - o)))
dA_fd = numgrad(lambda: loss_from_A(A), A)
for nm, sl in [("45: df", slice(0, H)), ("46: dg", slice(H, 2*H)), ("47: di", slice(2*H, 3*H)), ("48: do", slice(3*H, 4*H))]:
    report(f"line {nm} (pre-activation slice of dA)", dA[:, sl], dA_fd[:, sl])
report("line 50: dA = hstack(df,dg,di,do) in slice order f,g,i,o", dA, dA_fd)
z = rng.normal(size=6)
report("line 6: sigmoid derivative identity used (s(1-s))", sigmoid(z)*(1-sigmoid(z)), (sigmoid(z+1e-6)-sigmoid(z-1e-6))/2e-6)
print("\nall agree" if all(ok for _, ok in res) else "\nSOME DIFFER: " + ", ".join(n for n, ok in res if not ok))
