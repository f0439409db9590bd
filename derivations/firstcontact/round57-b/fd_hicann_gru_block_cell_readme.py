"""Check of the forward rows of hicann/ops-nn rnn/gru_block_cell/README.md against tf.raw_ops.GRUBlockCell
as documented by TensorFlow (separate x / h_prev weight blocks, reset-before candidate, h = (1-u)*c + u*h_prev).
Line numbers refer to hicann_gru_block_cell_readme.md."""
import numpy as np

rng = np.random.default_rng(5703)
B, I, H = 3, 2, 4
x = rng.normal(0, 1, (B, I)); h_prev = rng.normal(0, .6, (B, H))
w_ru = rng.normal(0, .6, (I + H, 2 * H)); b_ru = rng.normal(0, .3, (2 * H,))
w_c = rng.normal(0, .6, (I + H, H)); b_c = rng.normal(0, .3, (H,))
sig = lambda a: 1 / (1 + np.exp(-a))
# reference: blocks of w_ru = [[w_r_x w_u_x], [w_r_h w_u_h]], w_c = [[w_c_x], [w_c_hr]]
r_ref = sig(x @ w_ru[:I, :H] + h_prev @ w_ru[I:, :H] + b_ru[:H])
u_ref = sig(x @ w_ru[:I, H:] + h_prev @ w_ru[I:, H:] + b_ru[H:])
c_ref = np.tanh(x @ w_c[:I] + (h_prev * r_ref) @ w_c[I:] + b_c)
h_ref = (1 - u_ref) * c_ref + u_ref * h_prev
res = {}


def check(line, comp, true, exp):
    v = 'pass' if np.allclose(comp, true, rtol=1e-12, atol=1e-12) else 'fail'
    res[line] = v
    assert v == exp, (line, v, exp)


ru_bar = np.concatenate([x, h_prev], 1) @ w_ru + b_ru                      # line 11
check(11, ru_bar, np.concatenate([x @ w_ru[:I, :H] + h_prev @ w_ru[I:, :H] + b_ru[:H],
                                  x @ w_ru[:I, H:] + h_prev @ w_ru[I:, H:] + b_ru[H:]], 1), 'pass')
r, u = sig(ru_bar[:, 0:H]), sig(ru_bar[:, H:2 * H])                        # line 15
check(15, np.concatenate([r, u], 1), np.concatenate([r_ref, u_ref], 1), 'pass')
c = np.tanh(np.concatenate([x, h_prev * r], 1) @ w_c + b_c)                # line 19
check(19, c, c_ref, 'pass')
h = u * (h_prev - c) + c                                                   # line 23
check(23, h, h_ref, 'pass')
print('verdicts:', res)
