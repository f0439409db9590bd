# Finite-difference check of nishant_rnn_kaggle.md (Nishant2018 Kaggle notebook 'RNN Scratch'), numpy only.
# Forward: a_t = tanh(Wax x_t + Waa a_{t-1} + ba), y_t = softmax(Wya a_t + by), L = sum_t -log y_t[target_t].
import numpy as np
np.random.seed(1)
V, H, T = 6, 5, 7
Wax = np.random.randn(H, V)*0.5; Waa = np.random.randn(H, H)*0.5; Wya = np.random.randn(V, H)*0.5
ba = np.random.randn(H, 1)*0.1; by = np.random.randn(V, 1)*0.1
X = list(np.random.randint(0, V, T)); targets = list(np.random.randint(0, V, T)); a_prev = np.random.randn(H, 1)*0.3

def softmax(x):
    x = x - np.max(x); p = np.exp(x); return p/np.sum(p)
def forward():
    x, a, y = {}, {}, {}
    a[-1] = np.copy(a_prev)
    for t in range(T):
        x[t] = np.zeros((V, 1)); x[t][X[t]] = 1
        a[t] = np.tanh(Wax@x[t] + Waa@a[t-1] + ba)
        y[t] = softmax(Wya@a[t] + by)
    return x, a, y
def loss():
    x, a, y = forward(); return sum(-np.log(y[t][targets[t], 0]) for t in range(T))

def num_grad(arr, eps=1e-6):
    g = np.zeros_like(arr)
    for idx in np.ndindex(arr.shape):
        o = arr[idx]; arr[idx] = o+eps; fp = loss(); arr[idx] = o-eps; fm = loss(); arr[idx] = o; g[idx] = (fp-fm)/(2*eps)
    return g
def rep(name, a, b):
    err = np.max(np.abs(a-b))/max(1e-12, np.max(np.abs(b)))
    print(f"{name:62s} {'AGREE' if err < 1e-5 else 'DIFFER'}  (rel.err {err:.2e})")

x, a, y = forward()
# ---- code cell, backward() as written (lines 292-314), without the np.clip lines 317-318
dWax, dWaa, dWya, dba, dby = [np.zeros_like(m) for m in (Wax, Waa, Wya, ba, by)]
da_next = np.zeros_like(a[0]); dA = {}; dZ = {}
for t in reversed(range(T)):
    dy_preds = np.copy(y[t]); dy_preds[targets[t]] -= 1
    da = Waa.T@da_next + Wya.T@dy_preds; dA[t] = da
    dtanh = (1 - np.power(a[t], 2)); da_unactivated = dtanh*da; dZ[t] = da_unactivated
    dba += da_unactivated; dWax += da_unactivated@x[t].T; dWaa += da_unactivated@a[t-1].T
    da_next = da_unactivated
    dWya += dy_preds@a[t].T
print("== code cell backward() (clip lines 317-318 left out)")
rep("line 306 dba", dba, num_grad(ba))
rep("line 307 dWax", dWax, num_grad(Wax))
rep("line 308 dWaa", dWaa, num_grad(Waa))
rep("line 314 dWya", dWya, num_grad(Wya))
rep("(no line) dby: stays zero, never accumulated", dby, num_grad(by))
# total dL/da_t from line 301: check via a perturbation of a_prev propagated as dL/da_{-1} = Waa^T dZ[0]
rep("lines 301-311 recursion -> dL/da_prev = Waa^T da_unactivated[0]", Waa.T@dZ[0], num_grad(a_prev))
# with the clip as written (inside the time loop, on running sums)
dW2 = np.zeros_like(Wax); dn = np.zeros_like(a[0]); big = 3.0
for t in reversed(range(T)):
    dyp = np.copy(y[t]); dyp[targets[t]] -= 1
    du = (1-a[t]**2)*(Waa.T@dn + Wya.T@dyp); dW2 += du@x[t].T; dn = du
    np.clip(dW2, -1, 1, out=dW2)
rep("line 307 dWax with lines 317-318 clip (info only)", dW2, num_grad(Wax))

# ---- markdown cell equations, read literally
dLdy = {}
for t in range(T):
    g = np.zeros((V, 1)); g[targets[t]] = -1.0/y[t][targets[t], 0]; dLdy[t] = g      # line 51
# check line 51 against FD on the probabilities themselves: L = sum_t -log y_t[target]
ok = all(np.allclose(dLdy[t][targets[t]], -1/y[t][targets[t]]) for t in range(T))
print(f"{'line 51 dL/dy_t = -1/y_{t,i} at the target (closed form of -log)':62s} {'AGREE' if ok else 'DIFFER'}")
# line 57: dL/da_t = dL/dy_t W_ya + dL/da_{t+1} W_aa   (row-vector reading; total dL/da from the code is the truth)
dA_md = {}; nxt = np.zeros((1, H))
for t in reversed(range(T)):
    dA_md[t] = dLdy[t].T@Wya + nxt@Waa; nxt = dA_md[t]
rep("line 57 dL/da_t (as written, t = T-1 .. 0, max over t)", np.hstack([dA_md[t].T for t in range(T)]), np.hstack([dA[t] for t in range(T)]))
rep("line 66 dL/dW_ya = sum_t dL/dy_t a_t^T (as written)", sum(dLdy[t]@a[t].T for t in range(T)), num_grad(Wya))
rep("line 68 dL/db_y = sum_t dL/dy_t (as written)", sum(dLdy[t] for t in range(T)), num_grad(by))
# lines 70/72/74 with the true dL/da_t (from the code, = FD-checked above) and the true local partials
rep("line 70 sum_t dL/da_t * da_t/dW_ax (true local partial incl. tanh')", sum(((1-a[t]**2)*dA[t])@x[t].T for t in range(T)), num_grad(Wax))
rep("line 78 da_t/dW_ax = x_t put into line 70", sum(dA[t]@x[t].T for t in range(T)), num_grad(Wax))
rep("line 80 da_t/dW_aa = a_{t-1} put into line 72", sum(dA[t]@a[t-1].T for t in range(T)), num_grad(Waa))
rep("line 82 da_t/db_a = 1 put into line 74", sum(dA[t] for t in range(T)), num_grad(ba))
