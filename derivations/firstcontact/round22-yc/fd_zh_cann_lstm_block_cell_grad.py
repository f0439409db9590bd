#!/usr/bin/env python3
"""Finite-difference check of zh_cann_lstm_block_cell_grad.md (CANN LstmBlockCell / LSTMBlockCellGrad READMEs).

Forward used for the backward lines: TensorFlow LSTMBlockCell semantics, which the gradient README
declares ("语义与TensorFlow tf.raw_ops.LSTMBlockCellGrad完全对齐"): row vectors, gate columns i|ci|f|o,
gates = [x, h_prev] w + b, i = s(g_i + cs_prev*wci), ci = tanh(g_ci), f = s(g_f + f_b + cs_prev*wcf),
cs = f*cs_prev + i*ci (cell_clip = 0: no clipping), co = tanh(cs), o = s(g_o + cs*wco), h = o*co.
(The forward README's prose line 34 writes p_o = co*wco instead; see expected.json.)
Loss: L = <h_grad, h> + <cs_grad, cs>, so h_grad is dL/dh and cs_grad the gradient reaching cs from
outside this cell's h (the next step).  float64, small random sizes.
"""
import numpy as np

rng = np.random.default_rng(5)
Bn, N, C = 3, 2, 3
x = rng.normal(size=(Bn, N)); h_prev = rng.normal(size=(Bn, C)); cs_prev = rng.normal(size=(Bn, C))
w = rng.normal(scale=0.6, size=(N + C, 4 * C)); b = rng.normal(scale=0.3, size=4 * C)
wci, wcf, wco = (rng.normal(scale=0.5, size=C) for _ in range(3))
fb = 1.0
h_grad = rng.normal(size=(Bn, C)); cs_grad = rng.normal(size=(Bn, C))
sig = lambda v: 1 / (1 + np.exp(-v))
I_, CI, F_, O_ = (slice(k * C, (k + 1) * C) for k in range(4))


def forward(cs_prev, wci, wcf, wco, peep, off=None, po_uses_co=False):
    off = off or {}
    o_ = lambda k: off.get(k, 0.0)
    gates = np.concatenate([x, h_prev], 1) @ w + b + o_('gates')
    P = 1.0 if peep else 0.0
    i = sig(gates[:, I_] + P * cs_prev * wci)
    ci = np.tanh(gates[:, CI])
    f = sig(gates[:, F_] + fb + P * cs_prev * wcf)
    cs = f * cs_prev + i * ci + o_('cs')
    co = np.tanh(cs)
    o = sig(gates[:, O_] + P * (co if po_uses_co else cs) * wco)
    h = o * co
    L = np.sum(h_grad * h) + np.sum(cs_grad * cs)
    return L, dict(i=i, ci=ci, f=f, cs=cs, co=co, o=o)


def fd(fun, shape, eps=1e-6):
    gr = np.zeros(shape)
    for idx in np.ndindex(*shape):
        e = np.zeros(shape); e[idx] = eps
        gr[idx] = (fun(e) - fun(-e)) / (2 * eps)
    return gr


def readme_backward(c, peep):
    i, ci, f, cs, co, o = c['i'], c['ci'], c['f'], c['cs'], c['co'], c['o']
    dig = 1 - co * co                                                     # line 51 (a)
    do_pre = h_grad * co * o * (1 - o)                                    # line 51 (b)
    dcs = cs_grad + h_grad * o * dig + (do_pre * wco if peep else 0)      # line 55
    di_pre = dcs * ci * i * (1 - i)                                       # line 59
    dci_pre = dcs * i * (1 - ci * ci)
    df_pre = dcs * cs_prev * f * (1 - f)
    cs_prev_grad = dcs * f + (wci * di_pre + wcf * df_pre if peep else 0)  # line 63
    dicfo = np.concatenate([di_pre, dci_pre, df_pre, do_pre], 1)          # line 67
    z = np.zeros(C)
    wci_g = (cs_prev * di_pre).sum(0) if peep else z                      # line 71
    wcf_g = (cs_prev * df_pre).sum(0) if peep else z
    wco_g = (cs * do_pre).sum(0) if peep else z
    return dict(dig=dig, do_pre=do_pre, dcs=dcs, di=di_pre, dci=dci_pre, df=df_pre,
                csp=cs_prev_grad, dicfo=dicfo, wci=wci_g, wcf=wcf_g, wco=wco_g)


errs = {k: 0.0 for k in [51, 55, 59, 63, 67, 71]}
for peep in (True, False):
    L0, c = forward(cs_prev, wci, wcf, wco, peep)
    R = readme_backward(c, peep)
    n_gates = fd(lambda e: forward(cs_prev, wci, wcf, wco, peep, {'gates': e})[0], (Bn, 4 * C))
    n_cs = fd(lambda e: forward(cs_prev, wci, wcf, wco, peep, {'cs': e})[0], (Bn, C))
    n_csp = fd(lambda e: forward(cs_prev + e, wci, wcf, wco, peep)[0], (Bn, C))
    n_wci = fd(lambda e: forward(cs_prev, wci + e, wcf, wco, peep)[0], (C,))
    n_wcf = fd(lambda e: forward(cs_prev, wci, wcf + e, wco, peep)[0], (C,))
    n_wco = fd(lambda e: forward(cs_prev, wci, wcf, wco + e, peep)[0], (C,))
    # dig = d co / d cs (elementwise), by central differences
    eps = 1e-6
    dig_num = (np.tanh(c['cs'] + eps) - np.tanh(c['cs'] - eps)) / (2 * eps)
    m = lambda a, bb: float(np.max(np.abs(a - bb)))
    errs[51] = max(errs[51], m(R['dig'], dig_num), m(R['do_pre'], n_gates[:, O_]))
    errs[55] = max(errs[55], m(R['dcs'], n_cs))
    errs[59] = max(errs[59], m(R['di'], n_gates[:, I_]), m(R['dci'], n_gates[:, CI]), m(R['df'], n_gates[:, F_]))
    errs[63] = max(errs[63], m(R['csp'], n_csp))
    errs[67] = max(errs[67], m(R['dicfo'], n_gates))
    errs[71] = max(errs[71], m(R['wci'], n_wci), m(R['wcf'], n_wcf), m(R['wco'], n_wco))

for k, e in errs.items():
    print(f"line {k}: " + ("OK" if e < 1e-6 else f"MISMATCH (max err {e:.3e})"))

# info only: under the forward README's literal p_o = co*wco (line 34) the README's dcs / wco_grad do not match
L0, c = forward(cs_prev, wci, wcf, wco, True, po_uses_co=True)
R = readme_backward(c, True)
n_cs = fd(lambda e: forward(cs_prev, wci, wcf, wco, True, {'cs': e}, po_uses_co=True)[0], (Bn, C))
n_wco = fd(lambda e: forward(cs_prev, wci, wcf, wco + e, True, po_uses_co=True)[0], (C,))
print(f"# info: with p_o = co*wco (line 34 literally): dcs err {np.max(np.abs(R['dcs'] - n_cs)):.3e}, "
      f"wco_grad err {np.max(np.abs(R['wco'] - n_wco)):.3e}")
