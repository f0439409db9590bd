# FD / arithmetic check for bn_scalar_rnn_bptt_numbers.md
# scalar RNN: a_t = Wxh x_t + Whh h_{t-1}, h_t = tanh(a_t), y_t = Why h_t, L = 1/2 sum (y_t - t_t)^2
import numpy as np
x = [1., 2., 3.]; tg = [.5, 1., 1.5]

def fwd(Wxh, Whh, Why):
    h = 0.; hs = [0.]; L = 0.; ys = []
    for xt, tt in zip(x, tg):
        h = np.tanh(Wxh * xt + Whh * h); y = Why * h; L += .5 * (y - tt) ** 2; hs.append(h); ys.append(y)
    return L, hs, ys

p = np.array([.5, .1, 1.])
L, hs, ys = fwd(*p)
print('forward h', np.round(hs, 4), 'a', [round(.5 * x[i] + .1 * hs[i], 4) for i in range(3)], 'L', round(L, 4))
fdg = [(fwd(*(p + e))[0] - fwd(*(p - e))[0]) / 2e-6 for e in np.eye(3) * 1e-6]
print('FD dWxh dWhh dWhy', np.round(fdg, 5))

# general recursion (lines 54-66) with exact values
dWxh = dWhh = dWhy = 0.; dnext = 0.; rows = {}
for t in (3, 2, 1):
    dy = ys[t - 1] - tg[t - 1]; dh = dy * p[2] + dnext; da = dh * (1 - hs[t] ** 2)
    dWhy += dy * hs[t]; dWxh += da * x[t - 1]; dWhh += da * hs[t - 1]; dnext = da * p[1]
    rows[t] = (dy, dh, da, dnext)
    print(f't={t}: dy={dy:.5f} dh={dh:.5f} da={da:.5f} dh_next={dnext:.6f}')
print('recursion totals', round(dWxh, 5), round(dWhh, 5), round(dWhy, 5), 'max err vs FD', np.abs(np.array([dWxh, dWhh, dWhy]) - fdg).max())

# the published 4-decimal arithmetic (lines 74-119), re-done with the author's rounded inputs
print('74', .9183 - 1.5)
print('76', -.5817 * (1 - .9183 ** 2))
print('84', -.09117 * .1)
print('88', .7803 - 1.0, ' 89', -.2197 - .009117, ' 90', -.2288 * (1 - .7803 ** 2))
print('98', -.08948 * .1)
print('102', .4621 - .5, '(exact h1-0.5 =', hs[1] - .5, ') 103', -.03788 - .008948, ' 104', -.04683 * (1 - .4621 ** 2))
print('117 dWxh', -.09117 * 3 - .08948 * 2 - .03683 * 1)
print('118 dWhh', -.09117 * .7803 - .08948 * .4621 - .03683 * 0)
print('119 dWhy', -.5817 * .9183 - .2197 * .7803 - .03788 * .4621)
print('131-133', .5 - .1 * -.48930, .1 - .1 * -.11249, 1.0 - .1 * -.72310)
