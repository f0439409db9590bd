# Finite-difference check of weli_lstm_fr.md (Pullo032/Weli, weli/layers/rnn.py, class LSTM).
# numpy only. Implements the author's forward (shared Sigmoid/Tanh objects whose .output is
# overwritten at every call) and the author's backward as written, then compares with central
# finite differences of L = sum(G * output) (G random upstream gradient, return_sequences=True
# and also the last-step-only mode).
# Convention of the source: parameter gradients carry a factor 1/batch_size (as in the library's
# Dense layer), dx does not. So author_dW * batch_size is compared with dL/dW.
import numpy as np

rng = np.random.default_rng(0)


class Sigmoid:
    def forward(self, x):
        self.input = x
        self.output = 1.0 / (1.0 + np.exp(-x))
        return self.output

    def backward(self, dout):
        sig = self.output
        return dout * sig * (1.0 - sig)


class Tanh:
    def forward(self, x):
        self.input = x
        self.output = np.tanh(x)
        return self.output

    def backward(self, dout):
        return dout * (1.0 - self.output ** 2)


class LSTM:
    def __init__(self, P, return_sequences=True):
        self.parameters = P
        self.units = P['U_f'].shape[0]
        self.return_sequences = return_sequences
        self.sigmoid = Sigmoid()
        self.tanh = Tanh()

    def forward(self, x):
        batch_size, timesteps, input_dim = x.shape
        self.x_cache = []
        self.h_cache = [np.zeros((batch_size, self.units))]
        self.c_cache = [np.zeros((batch_size, self.units))]
        self.f_cache, self.i_cache, self.o_cache, self.c_tilde_cache = [], [], [], []
        outputs = []
        P = self.parameters
        for t in range(timesteps):
            x_t = x[:, t, :]
            self.x_cache.append(x_t)
            h_prev = self.h_cache[-1]
            c_prev = self.c_cache[-1]
            f_t = self.sigmoid.forward(x_t @ P['W_f'] + h_prev @ P['U_f'] + P['b_f']); self.f_cache.append(f_t)
            i_t = self.sigmoid.forward(x_t @ P['W_i'] + h_prev @ P['U_i'] + P['b_i']); self.i_cache.append(i_t)
            o_t = self.sigmoid.forward(x_t @ P['W_o'] + h_prev @ P['U_o'] + P['b_o']); self.o_cache.append(o_t)
            c_tilde_t = self.tanh.forward(x_t @ P['W_c'] + h_prev @ P['U_c'] + P['b_c']); self.c_tilde_cache.append(c_tilde_t)
            c_t = f_t * c_prev + i_t * c_tilde_t
            self.c_cache.append(c_t)
            h_t = o_t * self.tanh.forward(c_t)
            self.h_cache.append(h_t)
            outputs.append(h_t)
        return np.stack(outputs, axis=1) if self.return_sequences else self.h_cache[-1]

    def backward(self, dout, fixed=False, log=None):
        """fixed=False: exactly the author's lines (shared activation caches).
        fixed=True: same lines, but sigma'/tanh' evaluated at the step's own cached gate values."""
        P = self.parameters
        batch_size, timesteps, input_dim = self.x_cache[0].shape[0], len(self.x_cache), self.x_cache[0].shape[1]
        g = {k: np.zeros_like(v) for k, v in P.items()}
        dx = np.zeros((batch_size, timesteps, input_dim))
        dh_next = np.zeros((batch_size, self.units))
        dc_next = np.zeros((batch_size, self.units))
        for t in reversed(range(timesteps)):
            x_t = self.x_cache[t]; h_prev = self.h_cache[t]; c_prev = self.c_cache[t]; c_t = self.c_cache[t + 1]
            f_t = self.f_cache[t]; i_t = self.i_cache[t]; o_t = self.o_cache[t]; c_tilde_t = self.c_tilde_cache[t]
            if self.return_sequences:
                dh_total = dout[:, t, :] + dh_next
            else:
                dh_total = dout + dh_next if t == timesteps - 1 else dh_next
            tanh_c_t = np.tanh(c_t)
            do = dh_total * tanh_c_t
            dc = dh_total * o_t * (1 - tanh_c_t ** 2) + dc_next
            df = dc * c_prev
            di = dc * c_tilde_t
            dc_tilde = dc * i_t
            if fixed:
                do_raw = do * o_t * (1 - o_t)
                df_raw = df * f_t * (1 - f_t)
                di_raw = di * i_t * (1 - i_t)
                dc_tilde_raw = dc_tilde * (1 - c_tilde_t ** 2)
            else:
                do_raw = self.sigmoid.backward(do)
                df_raw = self.sigmoid.backward(df)
                di_raw = self.sigmoid.backward(di)
                dc_tilde_raw = self.tanh.backward(dc_tilde)
                if log is not None:
                    # local row checks: author's *_raw vs the correct chain rule with the same upstream
                    log.append((t,
                                np.allclose(do_raw, do * o_t * (1 - o_t)),
                                np.allclose(df_raw, df * f_t * (1 - f_t)),
                                np.allclose(di_raw, di * i_t * (1 - i_t)),
                                np.allclose(dc_tilde_raw, dc_tilde * (1 - c_tilde_t ** 2))))
            dc_next = dc * f_t
            for gate, d in (('f', df_raw), ('i', di_raw), ('o', do_raw), ('c', dc_tilde_raw)):
                g['W_' + gate] += x_t.T @ d / batch_size
                g['U_' + gate] += h_prev.T @ d / batch_size
                g['b_' + gate] += np.sum(d, axis=0, keepdims=True) / batch_size
            dx[:, t, :] = (df_raw @ P['W_f'].T + di_raw @ P['W_i'].T + do_raw @ P['W_o'].T + dc_tilde_raw @ P['W_c'].T)
            dh_prev = (df_raw @ P['U_f'].T + di_raw @ P['U_i'].T + do_raw @ P['U_o'].T + dc_tilde_raw @ P['U_c'].T)
            dh_next = dh_prev
        return g, dx


def make_params(D, H):
    P = {}
    for gate in 'fioc':
        P['W_' + gate] = rng.normal(0, 0.6, (D, H))
        P['U_' + gate] = rng.normal(0, 0.6, (H, H))
        P['b_' + gate] = rng.normal(0, 0.3, (1, H))
    return P


def fd_check(return_sequences):
    N, T, D, H = 3, 4, 3, 4
    P = make_params(D, H)
    x = rng.normal(size=(N, T, D))
    layer = LSTM(P, return_sequences)
    out = layer.forward(x)
    G = rng.normal(size=out.shape)

    def loss(P_, x_):
        return np.sum(G * LSTM(P_, return_sequences).forward(x_))

    eps = 1e-6
    fd = {}
    for k in P:
        fd[k] = np.zeros_like(P[k])
        for idx in np.ndindex(P[k].shape):
            Pp = {kk: vv.copy() for kk, vv in P.items()}; Pm = {kk: vv.copy() for kk, vv in P.items()}
            Pp[k][idx] += eps; Pm[k][idx] -= eps
            fd[k][idx] = (loss(Pp, x) - loss(Pm, x)) / (2 * eps)
    fdx = np.zeros_like(x)
    for idx in np.ndindex(x.shape):
        xp = x.copy(); xm = x.copy(); xp[idx] += eps; xm[idx] -= eps
        fdx[idx] = (loss(P, xp) - loss(P, xm)) / (2 * eps)

    print(f"=== return_sequences={return_sequences} ===")
    for label, fixed in (("AUTHOR (as written)", False), ("same lines, per-step sigma'/tanh'", True)):
        layer.forward(x)
        log = []
        g, dx = layer.backward(G, fixed=fixed, log=log)
        print(label)
        for k in sorted(P):
            ok = np.allclose(g[k] * N, fd[k], rtol=1e-5, atol=1e-7)
            print(f"  d{k:4s} (x batch_size) vs FD: {'AGREE' if ok else 'DISAGREE'}  max|diff|={np.max(np.abs(g[k]*N-fd[k])):.2e}")
        ok = np.allclose(dx, fdx, rtol=1e-5, atol=1e-7)
        print(f"  dx              vs FD: {'AGREE' if ok else 'DISAGREE'}  max|diff|={np.max(np.abs(dx-fdx)):.2e}")
        if log:
            print("  local rows (same upstream; True = equals correct sigma'/tanh' of that step):")
            print("    t  do_raw(l.213) df_raw(l.220) di_raw(l.224) dc_tilde_raw(l.228)")
            for t, a, b, c, d in log:
                print(f"    {t}  {a!s:13s} {b!s:13s} {c!s:13s} {d!s}")


fd_check(True)
fd_check(False)
