"""FD check for dlai_rnn_backward_157244.md (course C5W1A1 conventions, see _rnn_common.txt).
Rows: traceback line 41 (call of rnn_cell_backward), 43 (retrieval), 32 (dtanh)."""
exec(open(__file__.replace("fd_dlai_rnn_backward_157244.py", "_rnn_common.txt")).read())
check_cell()

# --- line 32: dtanh = da_next * (1 - np.tanh(np.dot(Wax, xt) + np.dot(Waa, a_prev) + ba)**2) ---
Wax, Waa, ba = P["Wax"], P["Waa"], P["ba"]
xt = X[:, :, 1]; a_prev = A0.copy(); da_next = DA[:, :, 1]
dtanh = da_next * (1 - np.tanh(np.dot(Wax, xt) + np.dot(Waa, a_prev) + ba)**2)
z = np.dot(Wax, xt) + np.dot(Waa, a_prev) + ba
fd_dz = fd(z, lambda: np.sum(da_next * np.tanh(z)))
assert np.max(np.abs(dtanh - fd_dz)) < 1e-8
print("line 32 (dtanh) pass")

def rnn_backward(da, caches, fixed=False):
    (caches, x) = caches
    (a1, a0, x1, parameters) = caches[0]
    n_a, m, T_x = da.shape
    n_x, m = x1.shape
    dx = np.zeros((n_x, m, T_x)); dWax = np.zeros((n_a, n_x)); dWaa = np.zeros((n_a, n_a)); dba = np.zeros((n_a, 1))
    da_prevt = np.zeros((n_a, m))
    for t in reversed(range(T_x)):
        if not fixed:
            gradients = rnn_cell_backward(da_prevt, caches[t])                 # traceback line 41
        else:
            gradients = rnn_cell_backward(da[:, :, t] + da_prevt, caches[t])
        dxt, da_prevt, dWaxt, dWaat, dbat = gradients["dxt"], gradients["da_prev"], gradients["dWax"], gradients["dWaa"], gradients["dba"]  # line 43
        dx[:, :, t] = dxt; dWax += dWaxt; dWaa += dWaat; dba += dbat
    return {"dx": dx, "da0": da_prevt, "dWax": dWax, "dWaa": dWaa, "dba": dba}

_, caches = rnn_forward(X, A0, P)
bad = compare(rnn_backward(DA, caches)); good = compare(rnn_backward(DA, caches, fixed=True))
print("line 41 as posted:", bad); print("line 41 fixed:", good)
assert all(v > 1e-2 for v in bad.values()) and all(v < 1e-7 for v in good.values())
print("line 41 fail; lines 32, 43 pass")
