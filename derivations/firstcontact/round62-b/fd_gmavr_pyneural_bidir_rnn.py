# FD check of gmavr_pyneural_bidir_rnn.md (numpy only, float64, deterministic).
# The author's methods (rnn_layer.py lines 97-179, bidir_rnn_layer.py lines 77-106 at commit
# dbbe31cf8c017e41dae702961ee833c19897fad2) are embedded verbatim; only the constructors are replaced
# by minimal ones that allocate the same buffers (the library's ComponentNN storage is not needed).
import numpy as np

def tanh_grad(f, out=None):
    if out is not None:
        np.multiply(f, -f, out=out)
        out += 1.0
        return out
    return 1.0 - f*f

class RnnLayer:
    def __init__(self, dim_d, dim_h, max_seq_length, dtype=np.float64, bptt_steps=None, rng=None):
        self.dim_d, self.dim_h = dim_d, dim_h
        self.bptt_steps = bptt_steps if bptt_steps is not None else max_seq_length
        self._seq_length = 0
        self._max_seq_length = max_seq_length
        self._dtype = dtype
        self.asserts_on = True
        self._grad_clip_thres = None
        self.w_xh = 0.6 * rng.standard_normal((dim_h, dim_d)); self.w_hh = 0.6 * rng.standard_normal((dim_h, dim_h))
        self.b = 0.3 * rng.standard_normal(dim_h)
        self.dw_xh = np.zeros_like(self.w_xh); self.dw_hh = np.zeros_like(self.w_hh); self.db = np.zeros_like(self.b)
        self.hs = np.empty((self._max_seq_length + 1, self.dim_h), dtype=dtype)
        self.hs[0].fill(0.0)
        self.x = None
        self.delta_err_large = np.empty((self._max_seq_length, self.dim_d), dtype=self._dtype)
        self.dh_raw_large = np.empty((self._max_seq_length, self.dim_h), dtype=self._dtype)
        self.dh_raw = None
        self.dh = np.empty(self.dim_h, dtype=self._dtype)
        self.dim_h_buf = np.empty(self.dim_h, dtype=self._dtype)
        self.ac_grad_large = np.empty((self._max_seq_length, self.dim_h), dtype=self._dtype)
        self.ac_grad = None
        self.activation, self.activation_grad = np.tanh, tanh_grad

    def reset_last_hidden(self) -> None:
        self.hs[self._seq_length].fill(0.0)

    def forward(self, x):
        if self.asserts_on:
            assert x.ndim == 2
            assert x.shape[1] == self.dim_d
            assert x.shape[0] <= self._max_seq_length

        # restore the last hidden state of the previous sequence (or what was set to via set_init_h())
        self.hs[0] = self.hs[self._seq_length]  # makes a copy, which is desirable

        self._seq_length = x.shape[0]
        self.x = x

        # ((H, D) x (D, N))^T = (N, D) x (D, H) = (N, H)
        # broadcasting: (N, H) + (H, ) = (N, H) + (1, H) -> (N, H) + (N, H)
        z_partial = np.dot(self.x, self.w_xh.T) + self.b

        # The hidden state passes through the non-linearity, therefore it cannot be optimized
        # as summations over samples. A loop is necessary.
        z_partial_2 = self.dim_h_buf
        for t in range(self._seq_length):
            # ((H1, H2) x (H2, )) returns (H1, )
            np.dot(self.w_hh, self.hs[t], out=z_partial_2)
            z_partial_2 += z_partial[t]
            self.activation(z_partial_2, out=self.hs[t + 1])

        self.y = self.hs[1:(self._seq_length+1)]
        return self.y

    def backwards(self, delta_upper: np.array) -> np.array:
        if self.asserts_on:
            assert delta_upper.shape == (self._seq_length, self.dim_h)

        # "trim" self.dh_raw_large to proper size (no copy)
        dh_raw = self.dh_raw = self.dh_raw_large[0:self._seq_length]  # (N, H)
        self.ac_grad = self.ac_grad_large[0:self._seq_length]  # (N, H)

        self.activation_grad(self.hs[1:(self._seq_length + 1)], out=self.ac_grad)

        if self._seq_length <= self.bptt_steps:
            self.__back_propagation_loop(delta_upper, 0, self._seq_length)
        else:
            for start_t in range(self._seq_length - self.bptt_steps, -1, -self.bptt_steps):
                self.__back_propagation_loop(delta_upper, start_t, start_t + self.bptt_steps)
            if self._seq_length % self.bptt_steps != 0:
                # first chunk in the batch has fewer than self.bptt_steps samples
                self.__back_propagation_loop(delta_upper, 0, self._seq_length % self.bptt_steps)

        # following set arrays in-place (argument out=)
        np.sum(dh_raw, axis=0, out=self.db)
        # (H, N) x (N, D) is the sum of outer products (H, 1) x (1, D) over the N samples
        np.dot(dh_raw.T, self.x, out=self.dw_xh)
        # (H, N) x (N, H) is the sum of outer products (H, 1) x (1, H) over the N samples
        np.dot(dh_raw.T, self.hs[0:self._seq_length], out=self.dw_hh)

        # (N, H) x (H, D) = (N, D)
        delta_err = self.delta_err_large[0:self._seq_length]  # "trim" self.delta_err_large to proper size (no copy)
        np.dot(dh_raw, self.w_xh, out=delta_err)

        if self._grad_clip_thres is not None:
            np.clip(self._grad, a_min=-self._grad_clip_thres, a_max=self._grad_clip_thres, out=self._grad)

        return delta_err

    def __back_propagation_loop(self, delta_upper: np.array, low_t: int, high_t: int):
        """
        Reverse iteration starting from high_t - 1, finishing at low_t, both inclusive.
        Populates self.dh_raw[low_t:high_t]
        Args:
            delta_upper: error signal from upper layer
            low_t: low index, inclusive
            high_t: high index, exclusive
        """
        dh_next = self.dim_h_buf
        dh_next.fill(0.0)
        dh = self.dh
        ac_grad = self.ac_grad
        for t in range(high_t - 1, low_t - 1, -1):
            # delta_upper[t] is my delta_s(t) * W_hy
            # dh_raw[j] is my delta(j, num_steps - 1) defined in formula (13), computed incrementally with (14) :
            np.add(delta_upper[t], dh_next, out=dh)
            np.multiply(dh, ac_grad[t], out=self.dh_raw[t])  # element-wise multiplication (H, )
            # (H1, ) x (H1, H2) = (H2, )
            np.dot(self.dh_raw[t], self.w_hh, out=dh_next)  # (H, )

class BidirRnnLayer:
    def __init__(self, dim_d, dim_h, max_seq_length, rng):
        self.dim_d, self.dim_h = dim_d, dim_h
        self.asserts_on = True
        self.rnn_f = RnnLayer(dim_d, dim_h, max_seq_length, rng=rng)
        self.rnn_b = RnnLayer(dim_d, dim_h, max_seq_length, rng=rng)
        self.delta_error = np.empty((max_seq_length, self.dim_d), dtype=np.float64)

    def forward(self, x):
        hs_f = self.rnn_f.forward(x)

        # by design always zero reverse sequence previous state
        self.rnn_b.reset_last_hidden()

        # reverse time dimension
        reversed_data = x[::-1]  # reverse view (no mem copy)
        hs_b = self.rnn_b.forward(reversed_data)
        reversed_hs_b = hs_b[::-1]  # reverse view (no mem copy)

        hs = np.concatenate((hs_f, reversed_hs_b), axis=1)  # has to copy memory unfortunately
        # assert hs.shape == (num_samples, 2 * self.dim_h)
        return hs

    def backwards(self, delta_err_in):
        num_samples = self.rnn_f.x.shape[0]
        if self.asserts_on:
            assert delta_err_in.shape == (num_samples, 2 * self.dim_h)

        # first half of matrix columns is projection for forward rnn
        delta_err_f = self.rnn_f.backwards(delta_err_in[:, 0:self.dim_h])

        # reverse rows (corresponding to time) and take second half of matrix columns
        delta_err_2_reversed = delta_err_in[::-1, self.dim_h:(2*self.dim_h)]
        delta_err_b = self.rnn_b.backwards(delta_err_2_reversed)
        delta_err_b_reversed = delta_err_b[::-1]

        np.add(delta_err_f, delta_err_b_reversed, out=self.delta_error[0:num_samples])
        return self.delta_error[0:num_samples]

# ------------------------------------------------------------------ checks
EPS = 1e-6
def fd(f, A):
    g = np.zeros_like(A)
    for ix in np.ndindex(A.shape):
        o = A[ix]; A[ix] = o + EPS; lp = f(); A[ix] = o - EPS; lm = f(); A[ix] = o; g[ix] = (lp - lm) / (2 * EPS)
    return g
def close(u, v): return np.allclose(u, v, rtol=1e-5, atol=1e-8)
res = {}
rng = np.random.default_rng(62)
D, H, T = 3, 4, 5
x = rng.standard_normal((T, D)); G = rng.standard_normal((T, 2 * H))   # loss L = sum(G * hs)
bi = BidirRnnLayer(D, H, 8, rng)
def ref_states(W_xh, W_hh, b, xs, h0):
    out, h = [], h0
    for t in range(xs.shape[0]):
        h = np.tanh(W_xh @ xs[t] + W_hh @ h + b); out.append(h)
    return np.array(out)
def L():
    f, b_ = bi.rnn_f, bi.rnn_b
    hf = ref_states(f.w_xh, f.w_hh, f.b, x, np.zeros(H))
    hb = ref_states(b_.w_xh, b_.w_hh, b_.b, x[::-1], np.zeros(H))[::-1]
    return np.sum(G * np.concatenate((hf, hb), axis=1))
# forward rows
hs = bi.forward(x).copy()
f, b_ = bi.rnn_f, bi.rnn_b
hf_ref = ref_states(f.w_xh, f.w_hh, f.b, x, np.zeros(H))
hb_ref = ref_states(b_.w_xh, b_.w_hh, b_.b, x[::-1], np.zeros(H))[::-1]
okf = close(hs[:, :H], hf_ref); okb = close(hs[:, H:], hb_ref)
for ln in (17, 24, 31, 32, 33, 35, 100): res[ln] = okf
for ln in (103, 106, 107, 108): res[ln] = okb
res[110] = okf and okb
# gradients
fd_f = [fd(L, f.w_xh), fd(L, f.w_hh), fd(L, f.b)]
fd_b = [fd(L, b_.w_xh), fd(L, b_.w_hh), fd(L, b_.b)]
xx = x.copy()
def Lx():
    hf = ref_states(f.w_xh, f.w_hh, f.b, xx, np.zeros(H))
    hb = ref_states(b_.w_xh, b_.w_hh, b_.b, xx[::-1], np.zeros(H))[::-1]
    return np.sum(G * np.concatenate((hf, hb), axis=1))
fd_x = fd(Lx, xx)
bi.rnn_f.reset_last_hidden()   # the forward RNN is stateful: start again from h0 = 0
bi.forward(x)
dx = bi.backwards(G).copy()
res[46] = close(f.ac_grad, 1 - hf_ref ** 2)
okF = close(f.dw_xh, fd_f[0]) and close(f.dw_hh, fd_f[1]) and close(f.db, fd_f[2])
okB = close(b_.dw_xh, fd_b[0]) and close(b_.dw_hh, fd_b[1]) and close(b_.db, fd_b[2])
res[58] = close(f.db, fd_f[2]) and close(b_.db, fd_b[2])
res[60] = close(f.dw_xh, fd_f[0]) and close(b_.dw_xh, fd_b[0])
res[62] = close(f.dw_hh, fd_f[1]) and close(b_.dw_hh, fd_b[1])
# dh_raw[t] = dL/dz_t (pre-activation) for the forward RNN
zz = np.array([f.w_xh @ x[t] + f.w_hh @ (hf_ref[t-1] if t else np.zeros(H)) + f.b for t in range(T)])
def L_from_z(t, zt):
    h = np.tanh(zt); s = np.sum(G[t, :H] * h)
    for u in range(t + 1, T):
        h = np.tanh(f.w_xh @ x[u] + f.w_hh @ h + f.b); s += np.sum(G[u, :H] * h)
    return s
ok90 = all(close(f.dh_raw[t], fd(lambda: L_from_z(t, zt), zt)) for t in range(T) for zt in [zz[t].copy()])
res[90] = ok90; res[89] = ok90; res[92] = ok90; res[83] = ok90; res[49] = ok90
# input error of each direction, and the sum (row 66, 120-127)
xf = x.copy()
def Lxf():
    return np.sum(G[:, :H] * ref_states(f.w_xh, f.w_hh, f.b, xf, np.zeros(H)))
res[66] = close(bi.rnn_f.delta_err_large[0:T], fd(Lxf, xf))
res[120] = okF and res[66]
res[123] = res[124] = okB
res[125] = okB and close(dx, fd_x)
res[127] = close(dx, fd_x)

bad = [(ln, ok) for ln, ok in sorted(res.items()) if not ok]
print("checked rows:", len(res))
assert not bad, bad
print("OK")
