# Finite-difference check of zh_mingru_numpy_gru.py (numpy only).
# The note's class is loaded from the note file itself (executing only the class definition), then its
# backward(dy, dh_next) is compared with central differences of the probe loss L = sum(dy * y_pred) + sum(dhT * h_T).
import numpy as np, os, re
src = open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "zh_mingru_numpy_gru.py"), encoding="utf-8").read()
ns = {}
exec(src, ns)
MinGRU = ns["MinGRU"]

def fd(f, arr, eps=1e-6):
    g = np.zeros_like(arr)
    it = np.nditer(arr, flags=["multi_index"])
    for _ in it:
        i = it.multi_index; old = arr[i]
        arr[i] = old + eps; fp = f()
        arr[i] = old - eps; fm = f()
        arr[i] = old; g[i] = (fp - fm) / (2 * eps)
    return g

def report(name, a, b, tol=1e-6):
    r = np.max(np.abs(a - b)) / max(1e-12, np.max(np.abs(b)))
    print(f"  {name:28s} rel.err {r:9.2e}  {'AGREE' if r < tol else 'DISAGREE'}")

np.random.seed(0)
I, H, O, B = 3, 4, 2, 5
net = MinGRU(I, H, O)
for k in ["W_z", "W_r", "W_h", "W_y"]:
    setattr(net, k, np.random.randn(*getattr(net, k).shape))
for k in ["b_z", "b_r", "b_h", "b_y"]:
    setattr(net, k, np.random.randn(*getattr(net, k).shape))

def run(T):
    x = np.random.randn(T, I, B); h0 = np.random.randn(H, B)
    dy = np.random.randn(T, O, B); dhT = np.random.randn(H, B)
    def L():
        y, h = net.forward(x, h0)
        return np.sum(dy * y) + np.sum(dhT * h[-1])
    net.forward(x, h0)
    dx, dh0 = net.backward(dy, dhT)
    g = {k: net.cache["d" + k] for k in ["W_z", "W_r", "W_h", "W_y", "b_z", "b_r", "b_h", "b_y"]}
    print(f"T = {T}:")
    for k in g:
        report("d" + k, g[k], fd(L, getattr(net, k)))
    report("dx (all steps)", dx, fd(L, x))
    report("dh_prev returned (= dL/dh_0)", dh0, fd(L, h0))
    # the missing term of line 176: dh_t * (1 - z_t)
    return x, h0, dy, dhT, L

print("backward lines 142-176 vs finite differences")
run(1)
x, h0, dy, dhT, L = run(3)

# one-step check of the recursion line 176 with the direct term added
net.forward(x[:1], h0)
t = 0; z = net.cache["z"][0]; r = net.cache["r"][0]; ht = net.cache["h_tilde"][0]
dh_t = net.W_y.T @ dy[0] + dhT
dtil = dh_t * z * (1 - ht ** 2)
dzt = dh_t * (ht - h0) * z * (1 - z)
drt = (net.W_h[:, :H].T @ dtil) * h0 * r * (1 - r)
dcr = net.W_h.T @ dtil; dc = net.W_z.T @ dzt + net.W_r.T @ drt
as_written = dcr[:H] * r + dc[:H]
fixed = as_written + dh_t * (1 - z)
def L1():
    y, h = net.forward(x[:1], h0)
    return np.sum(dy[:1] * y) + np.sum(dhT * h[-1])
ref = fd(L1, h0)
print("line 176, one step (T=1): dL/dh_{t-1}")
report("as written", as_written, ref)
report("with + dh_t*(1-z_t)", fixed, ref)
