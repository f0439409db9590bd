"""FD check for dlai_rnn_backward_555129.md. Course C5W1A1 conventions: a<t> = tanh(Wax x<t> + Waa a<t-1> + ba),
column layout (n, m); da[:,:,t] = upstream dJ/da<t> from the outputs only; J = sum_t sum(da[:,:,t]*a<t>)."""
exec(open(__file__.replace("fd_dlai_rnn_backward_555129.py", "_rnn_common.txt")).read())
check_cell()

def rnn_backward(da, caches, fixed=False):
    # author's code (verbatim apart from the `fixed` switch on the one line judged wrong)
    (caches, x) = caches
    (a1, a0, x1, parameters) = caches[0]
    n_a, m, T_x = da.shape
    n_x, m = x1.shape
    dx = np.zeros((n_x, m, T_x))
    dWax = np.zeros((n_a, n_x))
    dWaa = np.zeros((n_a, n_a))
    dba = np.zeros((n_a, 1))
    da0 = np.zeros((n_a, m))
    da_prevt = np.zeros((n_a, m))
    for t in reversed(range(T_x)):
        if not fixed:
            gradients = rnn_cell_backward(da_prevt, caches[t])           # line 42 as posted
        else:
            gradients = rnn_cell_backward(da[:, :, t] + da_prevt, caches[t])
        dxt, da_prevt, dWaxt, dWaat, dbat = gradients["dxt"], gradients["da_prev"], gradients["dWax"], gradients["dWaa"], gradients["dba"]
        dx[:, :, t] = dxt
        dWax += dWaxt
        dWaa += dWaat
        dba += dbat
    # tail not in the stored copy; course tail used by the harness (not annotated)
    da0 = da_prevt
    return {"dx": dx, "da0": da0, "dWax": dWax, "dWaa": dWaa, "dba": dba}

_, caches = rnn_forward(X, A0, P)
bad = compare(rnn_backward(DA, caches))
good = compare(rnn_backward(DA, caches, fixed=True))
print("as posted :", bad)
print("line 42 fixed:", good)
assert all(v > 1e-2 for v in bad.values()), "posted loop should be wrong everywhere"
G0 = rnn_backward(DA, caches)
assert all(np.all(G0[k] == 0) for k in G0), "posted loop gives all-zero gradients, as the poster reports"
assert all(v < 1e-7 for v in good.values())
print("line 42 fail (needs da[:, :, t] + da_prevt); all other annotated rows pass")
