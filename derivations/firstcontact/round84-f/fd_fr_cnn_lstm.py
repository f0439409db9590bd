# Finite-difference check of fr_cnn_lstm.py (file id 19860023459). The note file is imported;
# LSTM.backward and Dense.backward are run as written. LSTM.forward keeps no cache and
# train_cnn_lstm never defines `cache`, so the per-step cache tuple is rebuilt here in the
# order backward() unpacks it: (x_t, h_prev, c_prev, i_t, f_t, o_t, c_hat, c_t, concat).
# The BPTT loop of train_cnn_lstm (lines 207-226) is then replayed as written.
import numpy as np
import fr_cnn_lstm as src

rng = np.random.default_rng(2)
T, D, H, V = 4, 3, 5, 6
lstm = src.LSTM(D, H)
for k in ("Wf", "Wi", "Wc", "Wo"):
    setattr(lstm, k, rng.normal(size=getattr(lstm, k).shape) * 0.7)
for k in ("bf", "bi", "bc", "bo"):
    setattr(lstm, k, rng.normal(size=(H, 1)) * 0.5)
fc = src.Dense(H, V); fc.W = rng.normal(size=(H, V)); fc.b = rng.normal(size=V) * 0.3
X_seq = rng.normal(size=(T, D)); y_idx = 2

def loss():
    hs, h_last = lstm.forward(X_seq)
    probs = src.softmax(fc.forward(h_last.flatten()))
    return float(src.cross_entropy_loss(probs, y_idx))

def build_cache():
    sg = lstm._sigmoid
    h_prev = np.zeros((H, 1)); c_prev = np.zeros((H, 1)); cache = []
    for t in range(T):
        x_t = X_seq[t].reshape(-1, 1); concat = np.vstack((h_prev, x_t))
        f_t = sg(lstm.Wf @ concat + lstm.bf); i_t = sg(lstm.Wi @ concat + lstm.bi)
        c_hat = np.tanh(lstm.Wc @ concat + lstm.bc); c_t = f_t * c_prev + i_t * c_hat
        o_t = sg(lstm.Wo @ concat + lstm.bo); h_t = o_t * np.tanh(c_t)
        cache.append((x_t, h_prev, c_prev, i_t, f_t, o_t, c_hat, c_t, concat))
        h_prev, c_prev = h_t, c_t
    return cache

hs, h_last = lstm.forward(X_seq)
cache = build_cache()
assert np.allclose(cache[-1][5] * np.tanh(cache[-1][7]), h_last)   # rebuilt cache matches forward()
logits = fc.forward(h_last.flatten()); probs = src.softmax(logits)
dlogits = probs.copy(); dlogits[y_idx] -= 1.0                        # lines 200-201
dW_fc, db_fc, dh_last = fc.backward(dlogits)                         # line 204 (Dense lines 27-29)

dh = np.zeros((T, lstm.hidden_dim)); dc = np.zeros((lstm.hidden_dim, 1))   # lines 207-208
try:
    dh[-1] = dh_last.reshape(-1, 1)                                  # line 209 as written
    print("line 209 as written: ran")
except ValueError as e:
    print("line 209 as written raises ValueError:", e)
    dh[-1] = dh_last                                                 # the intended assignment
dWf = np.zeros_like(lstm.Wf); dWi = np.zeros_like(lstm.Wi); dWc = np.zeros_like(lstm.Wc); dWo = np.zeros_like(lstm.Wo)
dbf = np.zeros_like(lstm.bf); dbi = np.zeros_like(lstm.bi); dbc = np.zeros_like(lstm.bc); dbo = np.zeros_like(lstm.bo)
dxs = {}
for t in reversed(range(T)):                                         # lines 218-226
    dx_t, dh_prev, dc_prev, gradients = lstm.backward(dh[t].reshape(-1, 1), dc, cache[t])
    dWf += gradients[0]; dWi += gradients[1]
    dWc += gradients[2]; dWo += gradients[3]
    dbf += gradients[4]; dbi += gradients[5]
    dbc += gradients[6]; dbo += gradients[7]
    dc = dc_prev
    if t > 0:
        dh[t-1] += dh_prev.flatten()
    dxs[t] = dx_t

def num_grad(A, eps=1e-6):
    g = np.zeros_like(A)
    for idx in np.ndindex(A.shape):
        old = A[idx]; A[idx] = old + eps; fp = loss(); A[idx] = old - eps; fm = loss(); A[idx] = old
        g[idx] = (fp - fm) / (2 * eps)
    return g

ok_all = True
def report(name, a, b, line):
    global ok_all
    err = np.max(np.abs(a - b)) / max(1e-12, np.max(np.abs(b)))
    ok = err < 1e-6; ok_all &= ok
    print(f"line {line:>3} {name:<8} rel.err {err:.2e}  {'AGREES' if ok else 'DIFFERS'}")

report("dW_fc", dW_fc, num_grad(fc.W), 27)
report("db_fc", db_fc, num_grad(fc.b), 28)
for name, g, line in (("dWf", dWf, 108), ("dWi", dWi, 109), ("dWc", dWc, 110), ("dWo", dWo, 111),
                      ("dbf", dbf, 114), ("dbi", dbi, 115), ("dbc", dbc, 116), ("dbo", dbo, 117)):
    report(name + " sum", g, num_grad(getattr(lstm, name[1:])), line)
dX = np.hstack([dxs[t] for t in range(T)]).T
report("dx_t all", dX, num_grad(X_seq), 123)
# dh_last (Dense dx, line 29) checked against dL/dh_T
hT = h_last.flatten().copy()
def lossh():
    return float(src.cross_entropy_loss(src.softmax(fc.forward(hT)), y_idx))
g = np.zeros_like(hT)
for j in range(H):
    old = hT[j]; hT[j] = old + 1e-6; fp = lossh(); hT[j] = old - 1e-6; fm = lossh(); hT[j] = old
    g[j] = (fp - fm) / 2e-6
report("dh_last", dh_last, g, 29)
print("ALL ROWS AGREE" if ok_all else "SOME ROWS DIFFER")
