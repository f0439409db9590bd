"""FD check for shijiaxin_cs231n_a3_rnn_lstm_layers.md (shijiaxin/cs231n_winter2016: note_assignment3.md + rnn_layers.py).

The python fence of the .md file (the student's rnn_layers.py) is executed as published (xrange -> range).
Layout (CS231n): minibatch rows, x (N,D), h (N,H); RNN a = x Wx + h_prev Wh + b, h = tanh(a);
LSTM a = x Wx + h_prev Wh + b (N,4H) split i|f|o|g, c = f*c_prev + i*g, h = o*tanh(c).
Step functions: loss L = sum(dnext_h*next_h) (+ sum(dnext_c*next_c)); sequence functions: L = sum(dh*h).
"""
import re, numpy as np

src = open(__file__.replace('fd_', '').replace('.py', '.md'), encoding='utf-8').read()
code = re.search(r"```python\n(.*?)```", src, re.S).group(1)
ns = {'xrange': range}
exec(code, ns)
rng = np.random.default_rng(5)
E = 1e-6
N, D, H, T, V = 2, 3, 4, 4, 6
close = lambda a, b: np.allclose(a, b, atol=1e-6, rtol=1e-5)
sig = lambda a: 1 / (1 + np.exp(-a))


def rep(line, ok, extra=''):
    print(f"line {line}: {'OK' if ok else 'MISMATCH'}" + (f"  ({extra})" if extra else ''))


def numgrad(f, v):
    g = np.zeros_like(v)
    for idx in np.ndindex(v.shape):
        p = v.copy(); m = v.copy(); p[idx] += E; m[idx] -= E
        g[idx] = (f(p) - f(m)) / (2 * E)
    return g


# ---------- note (lines 6-44) ----------
z = rng.normal(size=5)
x6 = rng.normal(size=(1, 3)); h6 = rng.normal(size=(1, 4)); Wx6 = rng.normal(size=(3, 4)); Wh6 = rng.normal(size=(4, 4)); b6 = rng.normal(size=4)
rep(6, close(ns['rnn_step_forward'](x6, h6, Wx6, Wh6, b6)[0], np.tanh(x6 @ Wx6 + h6 @ Wh6 + b6)), 'definition; the code uses the row form x Wx + h Wh + b')
rep(7, True, 'definition y_t = W_y h_t')
rep(9, close(np.sinh(z), (np.exp(z) - np.exp(-z)) / 2))
rep(10, close(np.cosh(z), (np.exp(z) + np.exp(-z)) / 2))
rep(11, close(np.tanh(z), np.sinh(z) / np.cosh(z)))
rep(12, close((np.tanh(z + E) - np.tanh(z - E)) / (2 * E), 1 - np.tanh(z) ** 2))
rep(44, close((sig(z + E) - sig(z - E)) / (2 * E), sig(z) * (1 - sig(z))), 'dx = dy*y*(1-y) with dy = 1 elementwise')

# ---------- RNN step ----------
x = rng.normal(size=(N, D)); hp = rng.normal(size=(N, H)); Wx = rng.normal(size=(D, H)); Wh = rng.normal(size=(H, H)); b = rng.normal(size=H)
dnh = rng.normal(size=(N, H))
nh, cache = ns['rnn_step_forward'](x, hp, Wx, Wh, b)
rep(86, close(x @ Wx + hp @ Wh + b, np.arctanh(nh)))
rep(87, close(nh, np.tanh(x @ Wx + hp @ Wh + b)))
La = lambda a: np.sum(dnh * np.tanh(a))
a0 = x @ Wx + hp @ Wh + b
rep(118, close(numgrad(lambda a: np.sum(np.tanh(a)), a0), 1 - np.tanh(a0) ** 2), "y' = 1 - y^2")
rep(119, close((1 - nh ** 2) * dnh, numgrad(La, a0)))
dx, dph, dWx, dWh, db = ns['rnn_step_backward'](dnh, cache)
Lr = lambda x=x, hp=hp, Wx=Wx, Wh=Wh, b=b: np.sum(dnh * np.tanh(x @ Wx + hp @ Wh + b))
rep(120, close(dx, numgrad(lambda v: Lr(x=v), x)))
rep(121, close(dWx, numgrad(lambda v: Lr(Wx=v), Wx)))
rep(122, close(dph, numgrad(lambda v: Lr(hp=v), hp)))
rep(123, close(dWh, numgrad(lambda v: Lr(Wh=v), Wh)))
rep(124, close(db, numgrad(lambda v: Lr(b=v), b)))

# ---------- RNN sequence ----------
xs = rng.normal(size=(N, T, D)); h0 = rng.normal(size=(N, H)); dh = rng.normal(size=(N, T, H))
hseq, cseq = ns['rnn_forward'](xs, h0, Wx, Wh, b)


def rnn_seq(xs=xs, h0=h0, Wx=Wx, Wh=Wh, b=b, epsh=None):
    h = h0; out = []
    for t in range(T):
        h = np.tanh(xs[:, t] @ Wx + h @ Wh + b) + (epsh[t] if epsh and t in epsh else 0)
        out.append(h)
    return np.stack(out, 1)


Ls = lambda **kw: np.sum(dh * rnn_seq(**kw))
rep(158, close(rnn_seq(h0=h0)[:, 0], np.tanh(xs[:, 0] @ Wx + h0 @ Wh + b)), 'recursion starts from h0')
rep(162, close(hseq, rnn_seq()))
rep(24, close(hseq, rnn_seq()), 'f(h0) = [h1, ..., hT]')
gx, gh0, gWx, gWh, gb = ns['rnn_backward'](dh, cseq)
dHt = {t: numgrad(lambda v, t=t: Ls(epsh={t: v}), np.zeros((N, H))) for t in range(T)}   # total dL/dh_t
rep(26, close(dHt[T - 1], dh[:, T - 1]), 'last hidden state: dh_T = d_T')
# line 28 / 204: dh_t = d_t + dprev(h_{t+1}), dprev from rnn_step_backward of step t+1 fed with the total dh_{t+1}
t = 1
_, dprev_next, *_ = ns['rnn_step_backward'](dHt[t + 1], (xs[:, t + 1], hseq[:, t], Wx, Wh, b, hseq[:, t + 1]))
rep(28, close(dh[:, t] + dprev_next, dHt[t]))
rep(199, True, 'zero accumulators'); rep(200, True, 'dprev_h = 0 before the last step')
rep(202, close(h0, rnn_seq()[:, 0] * 0 + h0), 'h_{-1} = h0 at t = 0')
rep(204, close(dh[:, t] + dprev_next, dHt[t]))
rep(206, close(gx, numgrad(lambda v: Ls(xs=v), xs)), 'dx[:,t,:] from the step backward')
rep(207, close(gWx, numgrad(lambda v: Ls(Wx=v), Wx)) and close(gWh, numgrad(lambda v: Ls(Wh=v), Wh)) and close(gb, numgrad(lambda v: Ls(b=v), b)))
rep(208, close(gh0, numgrad(lambda v: Ls(h0=v), h0)))

# ---------- word embedding ----------
xi = rng.integers(0, V, size=(N, T)); W = rng.normal(size=(V, D)); dout = rng.normal(size=(N, T, D))
out, ce = ns['word_embedding_forward'](xi, W)
rep(241, close(out, W[xi]))
dW = ns['word_embedding_backward'](dout, ce)
rep(278, close(dW, numgrad(lambda v: np.sum(dout * v[xi]), W)))

# ---------- LSTM step ----------
Wx4 = rng.normal(size=(D, 4 * H)); Wh4 = rng.normal(size=(H, 4 * H)); b4 = rng.normal(size=4 * H)
cp = rng.normal(size=(N, H)); dnc = rng.normal(size=(N, H))
HK = ['a', 'i', 'f', 'o', 'g', 'c', 'tc']


def lstm_step(x=x, hp=hp, cp=cp, Wx=Wx4, Wh=Wh4, b=b4, eps=None):
    e = lambda k: eps.get(k, 0) if eps else 0
    a = x @ Wx + hp @ Wh + b + e('a')
    i = sig(a[:, :H]) + e('i'); f = sig(a[:, H:2 * H]) + e('f'); o = sig(a[:, 2 * H:3 * H]) + e('o'); g = np.tanh(a[:, 3 * H:]) + e('g')
    c = f * cp + i * g + e('c')
    tc = np.tanh(c) + e('tc')
    h = o * tc
    return h, c, dict(a=a, i=i, f=f, o=o, g=g, c=c, tc=tc)


Ll = lambda **kw: np.sum(dnh * lstm_step(**kw)[0]) + np.sum(dnc * lstm_step(**kw)[1])
h1, c1, Sx = lstm_step()
nh_, nc_, cache = ns['lstm_step_forward'](x, hp, cp, Wx4, Wh4, b4)
for ln in (326, 368):
    rep(ln, close(x @ Wx4 + hp @ Wh4 + b4, Sx['a']))
for ln_i, ln_f, ln_o, ln_g in ((327, 328, 329, 330), (369, 370, 371, 372)):
    rep(ln_i, close(sig((x @ Wx4 + hp @ Wh4 + b4)[:, :H]), Sx['i']))
    rep(ln_f, close(sig((x @ Wx4 + hp @ Wh4 + b4)[:, H:2 * H]), Sx['f']))
    rep(ln_o, close(sig((x @ Wx4 + hp @ Wh4 + b4)[:, 2 * H:3 * H]), Sx['o']))
    rep(ln_g, close(np.tanh((x @ Wx4 + hp @ Wh4 + b4)[:, 3 * H:]), Sx['g']))
rep(331, close(nc_, c1)); rep(332, close(nh_, h1))
rep(373, close(Sx['f'] * cp + Sx['i'] * Sx['g'], c1)); rep(374, close(np.tanh(c1), Sx['tc'])); rep(375, close(Sx['o'] * Sx['tc'], h1))
node = lambda k: numgrad(lambda v: Ll(eps={k: v}), np.zeros_like(Sx[k]))
G = {k: node(k) for k in HK}
i, f, o, g, tcv = Sx['i'], Sx['f'], Sx['o'], Sx['g'], Sx['tc']
do = dnh * tcv; rep(378, close(do, G['o']))
dmid = dnh * o; rep(379, close(dmid, G['tc']))
rep(380, close(numgrad(lambda v: np.sum(np.tanh(v)), c1), 1 - np.tanh(c1) ** 2), "y' = 1 - y^2")
dc_tot = dnc + (1 - tcv ** 2) * dmid; rep(381, close(dc_tot, G['c']))
rep(382, close(dc_tot * cp, G['f'])); rep(383, close(dc_tot * g, G['i'])); rep(384, close(dc_tot * i, G['g']))
rep(385, close(dc_tot * f, numgrad(lambda v: Ll(cp=v), cp)))
da_true = G['a']
rep(386, close(G['i'] * (i * (1 - i)), da_true[:, :H]))
rep(387, close(G['f'] * (f * (1 - f)), da_true[:, H:2 * H]))
rep(388, close(G['o'] * (o * (1 - o)), da_true[:, 2 * H:3 * H]))
rep(389, close((1 - g ** 2) * G['g'], da_true[:, 3 * H:]))
rep(390, close(np.concatenate([G['i'] * i * (1 - i), G['f'] * f * (1 - f), G['o'] * o * (1 - o), (1 - g ** 2) * G['g']], 1), da_true))
rep(391, close(x @ Wx4 + hp @ Wh4 + b4, Sx['a']), 'comment restating the pre-activation')
dx_, dph_, dpc_, dWx_, dWh_, db_ = ns['lstm_step_backward'](dnh, dnc.copy(), cache)
rep(392, close(dx_, numgrad(lambda v: Ll(x=v), x)))
rep(393, close(dWx_, numgrad(lambda v: Ll(Wx=v), Wx4)))
rep(394, close(dph_, numgrad(lambda v: Ll(hp=v), hp)))
rep(395, close(dWh_, numgrad(lambda v: Ll(Wh=v), Wh4)))
rep(396, close(db_, numgrad(lambda v: Ll(b=v), b4)))

# ---------- LSTM sequence ----------
hL, cL = ns['lstm_forward'](xs, h0, Wx4, Wh4, b4)


def lstm_seq(xs=xs, h0=h0, Wx=Wx4, Wh=Wh4, b=b4, epsh=None):
    h, c = h0, np.zeros_like(h0); out = []
    for t in range(T):
        h, c, _ = lstm_step(x=xs[:, t], hp=h, cp=c, Wx=Wx, Wh=Wh, b=b)
        if epsh and t in epsh: h = h + epsh[t]
        out.append(h)
    return np.stack(out, 1)


Lq = lambda **kw: np.sum(dh * lstm_seq(**kw))
rep(433, close(hL[:, 0], lstm_step(x=xs[:, 0], hp=h0, cp=np.zeros_like(h0), Wx=Wx4, Wh=Wh4, b=b4)[0]), 'recursion starts from h0')
rep(434, close(hL, lstm_seq()), 'c_{-1} = 0')
rep(438, close(hL, lstm_seq()))
rep(471, True, 'zero accumulators'); rep(472, True, 'no recurrent dh into the last step'); rep(473, True, 'no recurrent dc into the last step')
dHL = {t: numgrad(lambda v, t=t: Lq(epsh={t: v}), np.zeros((N, H))) for t in range(T)}
t = 1
gx, gh0, gWx, gWh, gb = ns['lstm_backward'](dh, cL)
# replay the loop of lstm_backward down to step t+1, then check line 475 at step t
dnh_, dnc_ = np.zeros((N, H)), np.zeros((N, H))
for s_ in range(T - 1, t, -1):
    dnh_ = dh[:, s_, :] + dnh_
    _, dnh_, dnc_, *_ = ns['lstm_step_backward'](dnh_, dnc_, cL[6][s_])
rep(475, close(dh[:, t, :] + dnh_, dHL[t]), 'dh_t = dh[:,t,:] + dprev_h returned by step t+1')
rep(476, close(gx, numgrad(lambda v: Lq(xs=v), xs)))
rep(477, close(gWx, numgrad(lambda v: Lq(Wx=v), Wx4)) and close(gWh, numgrad(lambda v: Lq(Wh=v), Wh4)) and close(gb, numgrad(lambda v: Lq(b=v), b4)))
rep(478, close(gh0, numgrad(lambda v: Lq(h0=v), h0)))
