"""FD check for dlai_rnn_backward_48297.md (course C5W1A1 conventions, see _rnn_common.txt).
The first post shows the initialisations, the call of rnn_cell_backward and da0 = da_prevt; the retrieval and
increment lines are not in the post, so the harness supplies the course's lines for them (not annotated)."""
exec(open(__file__.replace("fd_dlai_rnn_backward_48297.py", "_rnn_common.txt")).read())
check_cell()

def rnn_backward(da, caches, call_fixed=False, init_fixed=False):
    (caches, x) = caches
    (a1, a0, x1, parameters) = caches[0]
    n_a, m, T_x = da.shape
    n_x, m = x1.shape
    # --- author's initialisations (lines 9-14) ---
    dx = np.zeros((n_x, m, T_x))
    dWax = np.zeros((n_a, n_x))
    dWaa = np.zeros((n_a, n_a))
    dba = np.zeros((n_a, 1))
    da0 = np.zeros((n_a, m, T_x))
    da_prevt = np.zeros((n_a, m, T_x))
    if init_fixed:
        da0 = np.zeros((n_a, m)); da_prevt = np.zeros((n_a, m))
    shapes = (da0.shape, da_prevt.shape)
    for t in reversed(range(T_x)):
        if not call_fixed:
            gradients = rnn_cell_backward(da[:, :, t], caches[t])          # line 22 as posted
        else:
            gradients = rnn_cell_backward(da[:, :, t] + da_prevt, caches[t])
        # harness (course lines, not in the post):
        dxt, da_prevt, dWaxt, dWaat, dbat = gradients["dxt"], gradients["da_prev"], gradients["dWax"], gradients["dWaa"], gradients["dba"]
        dx[:, :, t] = dxt; dWax += dWaxt; dWaa += dWaat; dba += dbat
    da0 = da_prevt                                                          # line 25
    return {"dx": dx, "da0": da0, "dWax": dWax, "dWaa": dWaa, "dba": dba}, shapes

_, caches = rnn_forward(X, A0, P)
G, shapes = rnn_backward(DA, caches)
bad = compare(G)
print("as posted:", bad)
# line 22 fail: only the last step (t = T_x-1) can be right; earlier dx slices and all weight grads wrong
assert np.max(np.abs(G["dx"][:, :, -1] - FD["dx"][:, :, -1])) < 1e-7
assert bad["dWaa"] > 1e-2 and bad["dx"] > 1e-2 and bad["da0"] > 1e-2
# lines 13-14: wrong shapes (documented/used shape is (n_a, m))
assert shapes[0] != (n_a, m) and shapes[1] != (n_a, m)
# with line 22 fixed, a 3-D da_prevt cannot even be added to da[:, :, t] for t=T_x-1 (broadcast error)
try:
    rnn_backward(DA, caches, call_fixed=True)
    raise SystemExit("expected a broadcast error from the 3-D da_prevt")
except ValueError as e:
    print("3-D da_prevt with the fixed call ->", e)
good, _ = rnn_backward(DA, caches, call_fixed=True, init_fixed=True)
good = compare(good)
print("fixed call + (n_a, m) inits:", good)
assert all(v < 1e-7 for v in good.values())   # lines 9-12 and 25 pass
print("lines 13, 14, 22 fail; lines 9-12, 25 pass")
