# FD check for myutaro_lstm_forget_ja.md (numpy only). Okatani "Deep Learning" LSTM notation:
# c(t) = i(t)⦿a(t) + f(t)⦿c(t-1); ef(t) = dE/df(t), ec(t) = dE/dc(t) (total gradient wrt the cell).
import numpy as np
rng = np.random.default_rng(5)
H = 4
i, a, f, o, cprev = [rng.standard_normal(H) for _ in range(5)]
G, Kc = rng.standard_normal(H), rng.standard_normal(H)
def E_of(f_, c_override=None):
    c = i * a + f_ * cprev if c_override is None else c_override
    return np.sum(G * o * np.tanh(c)) + np.sum(Kc * c)     # loss depends on c via h and directly
e = 1e-6
ef_fd = np.array([(E_of(f + e*np.eye(H)[k]) - E_of(f - e*np.eye(H)[k])) / (2*e) for k in range(H)])
c0 = i * a + f * cprev
ec_fd = np.array([(E_of(f, c0 + e*np.eye(H)[k]) - E_of(f, c0 - e*np.eye(H)[k])) / (2*e) for k in range(H)])
dc_df = np.array([(((i*a + (f + e*np.eye(H)[k])*cprev) - (i*a + (f - e*np.eye(H)[k])*cprev)) / (2*e))[k] for k in range(H)])
res = {}
res[4] = True   # definition ef(t) := dE/df(t)
res[5] = np.allclose(ef_fd, ec_fd * dc_df, atol=1e-7)            # chain rule, elementwise (dc/df is diagonal)
res[6] = np.allclose(ef_fd, ec_fd * cprev, atol=1e-7)
res[7] = np.allclose(c0, i * a + f * cprev)                       # forward definition (5.42)
for k in [4, 5, 6, 7]:
    assert bool(res[k]) is True, (k, res[k])
print("fd_myutaro_lstm_forget_ja: all 4 verdicts confirmed")
