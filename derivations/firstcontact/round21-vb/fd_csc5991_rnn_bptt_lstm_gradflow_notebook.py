# FD check for csc5991_rnn_bptt_lstm_gradflow_notebook.md (CSC5991 lecture-2 notebook).
# Column vectors. RNN: z_h = V x_t + W h_{t-1} + b_h, h_t = tanh(z_h), z_y = U h_t + b_y, yhat_t = softmax(z_y),
# L_t = -log yhat_t[target_t], L = sum_t L_t.  LSTM: concat = [h_{t-1}; x_t] (h first), gates f,i,o = sigmoid,
# c_hat = tanh, c_t = f*c_{t-1} + i*c_hat, h_t = o*tanh(c_t), yhat_t = softmax(W_y h_t + b_y), same loss.
# Perturbation kinds: 'zh'/'zy' (pre-activations), 'h' (h_t everywhere), 'h_out' (h_t only into the output),
# 'h_next' (h_t only as passed to step t+1); LSTM also 'af','ai','ac','ao' (gate pre-activations), 'o' (gate value),
# 'c' (c_t before h_t is formed: total), 'c_next' (c_t only as passed to step t+1).
import numpy as np
rng = np.random.default_rng(11)
Din, Hd, Dout, T = 3, 4, 3, 5
EPS = 1e-6
res = {}
def chk(line, ok): res[line] = res.get(line, True) and bool(ok)
close = lambda a, b: np.shape(a) == np.shape(b) and np.allclose(a, b, atol=1e-6, rtol=1e-5)
sg = lambda a: 1.0 / (1.0 + np.exp(-np.clip(a, -500, 500)))
def softmax(z):
    e_z = np.exp(z - np.max(z)); return e_z / e_z.sum(axis=0)
xs = [rng.normal(size=(Din, 1)) * .5 for _ in range(T)]
tg = [int(i) for i in rng.integers(0, Dout, T)]
targets = [np.eye(Dout)[:, [i]] for i in tg]

# ------------------------------------------------------------------ RNN
R = dict(V=rng.normal(size=(Hd, Din)) * .4, W=rng.normal(size=(Hd, Hd)) * .4, U=rng.normal(size=(Dout, Hd)) * .4,
         b_h=rng.normal(size=(Hd, 1)) * .2, b_y=rng.normal(size=(Dout, 1)) * .2)
def rnn_fwd(R, pert=None):
    pp = lambda kind, t, v: v + pert[2] if (pert and pert[0] == kind and pert[1] == t) else v
    h = np.zeros((Hd, 1)); out = dict(h=[h], zh=[], zy=[], yh=[], Ls=[])
    for t in range(T):
        zh = pp('zh', t, R['V'] @ xs[t] + R['W'] @ h + R['b_h']); h = pp('h', t, np.tanh(zh))
        zy = pp('zy', t, R['U'] @ pp('h_out', t, h) + R['b_y']); yh = softmax(zy)
        out['Ls'].append(float(-np.log(yh[tg[t], 0]))); h = pp('h_next', t, h)
        out['h'].append(h); out['zh'].append(zh); out['zy'].append(zy); out['yh'].append(yh)
    out['L'] = sum(out['Ls']); return out
def fd_state(fwd, Pm, kind, t, n, f=lambda o: o['L']):
    g = np.zeros((n, 1))
    for j in range(n):
        e = np.zeros((n, 1)); e[j] = EPS
        g[j] = (f(fwd(Pm, (kind, t, e))) - f(fwd(Pm, (kind, t, -e)))) / (2 * EPS)
    return g
def fd_par(fwd, Pm, name, f=lambda o: o['L']):
    G = np.zeros_like(Pm[name])
    for idx in np.ndindex(G.shape):
        Pp = {k: v.copy() for k, v in Pm.items()}; Pn = {k: v.copy() for k, v in Pm.items()}
        Pp[name][idx] += EPS; Pn[name][idx] -= EPS
        G[idx] = (f(fwd(Pp)) - f(fwd(Pn))) / (2 * EPS)
    return G
O = rnn_fwd(R)

# the notebook's forward (cell 8), transcribed
class VanillaRNN:
    def __init__(self, P):
        self.V, self.W, self.U, self.b_h, self.b_y = P['V'], P['W'], P['U'], P['b_h'], P['b_y']; self.hidden_size = Hd
    @staticmethod
    def tanh(z): return np.tanh(z)
    @staticmethod
    def softmax(z):
        e_z = np.exp(z - np.max(z)); return e_z / e_z.sum(axis=0)
    def forward(self, inputs, h_prev=None):
        T_ = len(inputs)
        if h_prev is None: h_prev = np.zeros((self.hidden_size, 1))
        hiddens, outputs = [], []
        cache = {'inputs': inputs, 'hiddens': [h_prev], 'z_h': [], 'z_y': [], 'outputs': []}
        h_t = h_prev
        for t in range(T_):
            x_t = inputs[t]
            z_h = self.V @ x_t + self.W @ h_t + self.b_h
            h_t = self.tanh(z_h)
            z_y = self.U @ h_t + self.b_y
            y_hat = self.softmax(z_y)
            hiddens.append(h_t); outputs.append(y_hat)
            cache['hiddens'].append(h_t); cache['z_h'].append(z_h); cache['z_y'].append(z_y); cache['outputs'].append(y_hat)
        return outputs, hiddens, cache
rnn = VanillaRNN(R)
outputs, hiddens, cache = rnn.forward(xs)
for t in range(T):
    chk(111, close(cache['z_h'][t], O['zh'][t])); chk(114, close(hiddens[t], O['h'][t + 1]))
    chk(118, close(cache['z_y'][t], O['zy'][t])); chk(121, close(outputs[t], O['yh'][t]))
    chk(17, close(O['h'][t + 1], np.tanh(R['V'] @ xs[t] + R['W'] @ O['h'][t] + R['b_h'])))
    chk(154, close(O['h'][t + 1], np.tanh(R['V'] @ xs[t] + R['W'] @ O['h'][t] + R['b_h'])))
    chk(21, close(O['yh'][t], softmax(R['U'] @ O['h'][t + 1] + R['b_y'])))
    chk(155, close(O['yh'][t], softmax(R['U'] @ O['h'][t + 1] + R['b_y'])))
    chk(156, np.isclose(O['Ls'][t], -np.log(O['yh'][t][tg[t], 0])))
zz = rng.normal(size=(5, 1))
chk(43, close((np.exp(zz) - np.exp(-zz)) / (np.exp(zz) + np.exp(-zz)), np.tanh(zz)))
chk(68, np.isclose(softmax(zz).sum(), 1) and close(softmax(zz), np.exp(zz) / np.exp(zz).sum()))
chk(160, np.isclose(O['L'], sum(-np.log(O['yh'][t][tg[t], 0]) for t in range(T))))

# rnn_backward (cell 10) transcribed, intermediates compared with FD inside the loop
T_ = len(targets)
dV = np.zeros_like(rnn.V); dW = np.zeros_like(rnn.W); dU = np.zeros_like(rnn.U)
db_h = np.zeros_like(rnn.b_h); db_y = np.zeros_like(rnn.b_y)
dh_next = np.zeros((rnn.hidden_size, 1)); total_loss = 0.0
for t in reversed(range(T_)):
    y_hat = cache['outputs'][t]; h_t = cache['hiddens'][t + 1]; h_prev = cache['hiddens'][t]; x_t = cache['inputs'][t]
    target_idx = np.argmax(targets[t])
    loss_t = -np.log(y_hat[target_idx, 0] + 1e-12)
    chk(237, np.isclose(loss_t, O['Ls'][t], atol=1e-9))
    total_loss += loss_t
    dy = y_hat.copy(); dy[target_idx] -= 1.0
    chk(243, close(dy, fd_state(rnn_fwd, R, 'zy', t, Dout)))
    dU += dy @ h_t.T; db_y += dy
    dh = rnn.U.T @ dy
    chk(252, close(dh, fd_state(rnn_fwd, R, 'h_out', t, Hd)))
    dh += dh_next
    chk(255, close(dh, fd_state(rnn_fwd, R, 'h', t, Hd)))
    dz_h = dh * (1 - h_t ** 2)
    chk(259, close(dz_h, fd_state(rnn_fwd, R, 'zh', t, Hd)))
    dV += dz_h @ x_t.T; dW += dz_h @ h_prev.T; db_h += dz_h
    dh_next = rnn.W.T @ dz_h
    if t >= 1: chk(269, close(dh_next, fd_state(rnn_fwd, R, 'h_next', t - 1, Hd)))
for line, G, name in ((247, dU, 'U'), (248, db_y, 'b_y'), (263, dV, 'V'), (264, dW, 'W'), (265, db_h, 'b_h')):
    FD = fd_par(rnn_fwd, R, name); chk(line, close(G, FD) and np.abs(FD).max() < 5)   # < 5: the final clip is inactive
chk(160, np.isclose(total_loss, O['L'], atol=1e-9))
# 5.4 rows 182/184 and 6.1 row 294
chk(182, close(fd_par(rnn_fwd, R, 'W'), sum(fd_par(rnn_fwd, R, 'W', f=lambda o, s=s: o['Ls'][s]) for s in range(T))))
for t in range(T):
    Jj = lambda j: np.diag((1 - O['h'][j + 1].ravel() ** 2)) @ R['W']      # d h_{j} / d h_{j-1} (0-based step j)
    dLt_dht = fd_state(rnn_fwd, R, 'h_out', t, Hd, f=lambda o, s=t: o['Ls'][s]).T   # row vector dL_t/dh_t
    tot = np.zeros_like(R['W'])
    for i in range(t + 1):
        v = dLt_dht.copy()
        for j in range(t, i, -1): v = v @ Jj(j)
        tot += (v.ravel() * (1 - O['h'][i + 1].ravel() ** 2))[:, None] @ O['h'][i].T   # immediate dh_i/dW
    chk(184, close(tot, fd_par(rnn_fwd, R, 'W', f=lambda o, s=t: o['Ls'][s])))
for j in range(1, T):
    J = np.zeros((Hd, Hd))
    for k in range(Hd):
        e = np.zeros((Hd, 1)); e[k] = EPS
        J[:, k] = ((np.tanh(R['V'] @ xs[j] + R['W'] @ (O['h'][j] + e) + R['b_h'])
                    - np.tanh(R['V'] @ xs[j] + R['W'] @ (O['h'][j] - e) + R['b_h'])) / (2 * EPS)).ravel()
    chk(294, close(J, np.diag(1 - O['h'][j + 1].ravel() ** 2) @ R['W']))
# gradient-flow experiment, RNN part (cell 27)
dh_next = np.zeros((Hd, 1))
for t in reversed(range(T)):
    y_hat = cache['outputs'][t]; h_t = cache['hiddens'][t + 1]; target_idx = np.argmax(targets[t])
    dy = y_hat.copy(); dy[target_idx] -= 1.0
    chk(521, close(dy, fd_state(rnn_fwd, R, 'zy', t, Dout)))
    dh = rnn.U.T @ dy + dh_next
    chk(523, close(dh, fd_state(rnn_fwd, R, 'h', t, Hd)))
    dz_h = dh * (1 - h_t ** 2)
    chk(524, close(dz_h, fd_state(rnn_fwd, R, 'zh', t, Hd)))
    dh_next = rnn.W.T @ dz_h
    if t >= 1: chk(525, close(dh_next, fd_state(rnn_fwd, R, 'h_next', t - 1, Hd)))

# ------------------------------------------------------------------ LSTM
C_ = Hd + Din
Lp = {k: rng.normal(size=(Hd, C_)) * .4 for k in ('W_f', 'W_i', 'W_c', 'W_o')}
Lp.update(b_f=np.ones((Hd, 1)), b_i=rng.normal(size=(Hd, 1)) * .2, b_c=rng.normal(size=(Hd, 1)) * .2,
          b_o=rng.normal(size=(Hd, 1)) * .2, W_y=rng.normal(size=(Dout, Hd)) * .4, b_y=rng.normal(size=(Dout, 1)) * .2)
def lstm_fwd(P, pert=None):
    pp = lambda kind, t, v: v + pert[2] if (pert and pert[0] == kind and pert[1] == t) else v
    h = np.zeros((Hd, 1)); c = np.zeros((Hd, 1)); out = dict(h=[h], c=[c], f=[], i=[], o=[], ch=[], Ls=[], cn=[])
    for t in range(T):
        cat = np.vstack([h, xs[t]]); cprev = c
        f = sg(pp('af', t, P['W_f'] @ cat + P['b_f'])); i = sg(pp('ai', t, P['W_i'] @ cat + P['b_i']))
        ch = np.tanh(pp('ac', t, P['W_c'] @ cat + P['b_c'])); c = pp('c', t, f * cprev + i * ch)
        o = pp('o', t, sg(pp('ao', t, P['W_o'] @ cat + P['b_o']))); h = pp('h', t, o * np.tanh(c))
        yh = softmax(pp('zy', t, P['W_y'] @ h + P['b_y'])); out['Ls'].append(float(-np.log(yh[tg[t], 0])))
        h = pp('h_next', t, h); c = pp('c_next', t, c)
        for k, v in (('h', h), ('c', c), ('f', f), ('i', i), ('o', o), ('ch', ch)): out[k].append(v)
        out.setdefault('yh', []).append(yh)
    out['L'] = sum(out['Ls']); return out
OL = lstm_fwd(Lp)
# LSTM.forward (cell 15) transcribed
class LSTM:
    def __init__(self, P): self.__dict__.update(P); self.hidden_size = Hd
    @staticmethod
    def sigmoid(z): return 1.0 / (1.0 + np.exp(-np.clip(z, -500, 500)))
    @staticmethod
    def tanh(z): return np.tanh(z)
    @staticmethod
    def softmax(z):
        e_z = np.exp(z - np.max(z)); return e_z / e_z.sum(axis=0)
    def forward(self, inputs, h_prev=None, c_prev=None):
        if h_prev is None: h_prev = np.zeros((self.hidden_size, 1))
        if c_prev is None: c_prev = np.zeros((self.hidden_size, 1))
        outputs = []; hiddens = [h_prev]; cells = [c_prev]; gate_history = {'f': [], 'i': [], 'o': [], 'c_hat': []}
        h_t = h_prev; c_t = c_prev
        for t in range(len(inputs)):
            x_t = inputs[t]
            concat = np.vstack([h_t, x_t])
            f_t = self.sigmoid(self.W_f @ concat + self.b_f)
            i_t = self.sigmoid(self.W_i @ concat + self.b_i)
            c_hat = self.tanh(self.W_c @ concat + self.b_c)
            c_t = f_t * c_t + i_t * c_hat
            o_t = self.sigmoid(self.W_o @ concat + self.b_o)
            h_t = o_t * self.tanh(c_t)
            z_y = self.W_y @ h_t + self.b_y
            y_hat = self.softmax(z_y)
            outputs.append(y_hat); hiddens.append(h_t); cells.append(c_t)
            gate_history['f'].append(f_t); gate_history['i'].append(i_t); gate_history['o'].append(o_t); gate_history['c_hat'].append(c_hat)
        return outputs, hiddens, cells, gate_history
lstm_test = LSTM(Lp)
outputs_l, hiddens_l, cells_l, gates_l = lstm_test.forward(xs)
zz = rng.normal(size=(5, 1)); chk(386, close(LSTM.sigmoid(zz), 0.5 * (1 + np.tanh(zz / 2)))); chk(397, close(LSTM.softmax(zz), softmax(zz)))
for t in range(T):
    hp = OL['h'][t]; cp = OL['c'][t]   # lists hold h_0, c_0 first
    cat = np.vstack([hp, xs[t]])
    chk(437, close(gates_l['f'][t], sg(Lp['W_f'] @ cat + Lp['b_f']))); chk(332, close(OL['f'][t], sg(Lp['W_f'] @ cat + Lp['b_f'])))
    chk(441, close(gates_l['i'][t], sg(Lp['W_i'] @ cat + Lp['b_i']))); chk(339, close(OL['i'][t], sg(Lp['W_i'] @ cat + Lp['b_i'])))
    chk(445, close(gates_l['c_hat'][t], np.tanh(Lp['W_c'] @ cat + Lp['b_c']))); chk(340, close(OL['ch'][t], np.tanh(Lp['W_c'] @ cat + Lp['b_c'])))
    chk(453, close(gates_l['o'][t], sg(Lp['W_o'] @ cat + Lp['b_o']))); chk(347, close(OL['o'][t], sg(Lp['W_o'] @ cat + Lp['b_o'])))
    for ln in (449, 353, 372): chk(ln, close(cells_l[t + 1], OL['f'][t] * cp + OL['i'][t] * OL['ch'][t]))
    for ln in (457, 362): chk(ln, close(hiddens_l[t + 1], OL['o'][t] * np.tanh(OL['c'][t + 1])))
    chk(460, close(outputs_l[t], OL['yh'][t])); chk(461, close(outputs_l[t], softmax(Lp['W_y'] @ OL['h'][t + 1] + Lp['b_y'])))
    # 374 / 536: d c_t / d c_{t-1} = diag(f_t) (h_{t-1}, x_t held fixed)
    J = np.zeros((Hd, Hd))
    for k in range(Hd):
        e = np.zeros((Hd, 1)); e[k] = EPS
        J[:, k] = (((OL['f'][t] * (cp + e) + OL['i'][t] * OL['ch'][t]) - (OL['f'][t] * (cp - e) + OL['i'][t] * OL['ch'][t])) / (2 * EPS)).ravel()
    chk(374, close(J, np.diag(OL['f'][t].ravel()))); chk(536, close(J, np.diag(OL['f'][t].ravel())))
# experiment loop (cell 27), LSTM part, transcribed
hidden_dim = Hd
dc_next = np.zeros((hidden_dim, 1)); dh_next_l = np.zeros((hidden_dim, 1))
for t in reversed(range(T)):
    y_hat = outputs_l[t]; target_idx = np.argmax(targets[t])
    dy = y_hat.copy(); dy[target_idx] -= 1.0
    chk(546, close(dy, fd_state(lstm_fwd, Lp, 'zy', t, Dout)))
    dh = lstm_test.W_y.T @ dy + dh_next_l
    chk(548, close(dh, fd_state(lstm_fwd, Lp, 'h', t, Hd)))
    h_t = hiddens_l[t + 1]; c_t = cells_l[t + 1]; c_prev = cells_l[t]
    f_t = gates_l['f'][t]; i_t = gates_l['i'][t]; o_t = gates_l['o'][t]; c_hat = gates_l['c_hat'][t]
    do = dh * np.tanh(c_t)
    chk(560, close(do, fd_state(lstm_fwd, Lp, 'o', t, Hd)))
    dc = dh * o_t * (1 - np.tanh(c_t) ** 2) + dc_next
    chk(561, close(dc, fd_state(lstm_fwd, Lp, 'c', t, Hd)))
    dc_prev = dc * f_t
    if t >= 1: chk(564, close(dc_prev, fd_state(lstm_fwd, Lp, 'c_next', t - 1, Hd)))
    dc_next = dc_prev
    df = dc * c_prev * f_t * (1 - f_t); di = dc * c_hat * i_t * (1 - i_t)
    dc_hat = dc * i_t * (1 - c_hat ** 2); do_g = do * o_t * (1 - o_t)
    chk(569, close(df, fd_state(lstm_fwd, Lp, 'af', t, Hd))); chk(570, close(di, fd_state(lstm_fwd, Lp, 'ai', t, Hd)))
    chk(571, close(dc_hat, fd_state(lstm_fwd, Lp, 'ac', t, Hd))); chk(572, close(do_g, fd_state(lstm_fwd, Lp, 'ao', t, Hd)))
    dh_next_l = (lstm_test.W_f[:, :hidden_dim].T @ df + lstm_test.W_i[:, :hidden_dim].T @ di +
                 lstm_test.W_c[:, :hidden_dim].T @ dc_hat + lstm_test.W_o[:, :hidden_dim].T @ do_g)
    if t >= 1: chk(574, close(dh_next_l, fd_state(lstm_fwd, Lp, 'h_next', t - 1, Hd)))
for line in sorted(res):
    print(f'line {line}: {"OK" if res[line] else "MISMATCH"}')
