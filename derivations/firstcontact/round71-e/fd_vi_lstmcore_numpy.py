# FD check for vi_lstmcore_numpy.py: uses the transcribed forward (imported) and re-runs the author's
# backward formulas line by line (the transcription stops before the update, so the grads are recomputed here).
import numpy as np, importlib.util, sys, os
spec = importlib.util.spec_from_file_location("src", os.path.join(os.path.dirname(__file__), "vi_lstmcore_numpy.py"))
src = importlib.util.module_from_spec(spec); spec.loader.exec_module(src)
sigmoid, tanh, d_tanh, d_sigmoid = src.sigmoid, src.tanh, src.d_tanh, src.d_sigmoid
np.random.seed(1)
m = src.LSTMCore(input_size=3, hidden_size=4, output_size=1)
for k in ["b_f", "b_i", "b_c", "b_o", "b_y"]:
    setattr(m, k, np.random.randn(*getattr(m, k).shape) * 0.3)
x_seq = np.random.randn(5, 3); y_true = np.array([[1.0]])

def loss():
    y_pred, _ = m.forward_sequence(x_seq)
    return float(-(y_true * np.log(y_pred) + (1 - y_true) * np.log(1 - y_pred)).squeeze())

def author_backward():
    y_pred, caches = m.forward_sequence(x_seq)
    g = {k: np.zeros_like(getattr(m, k)) for k in ["W_f","b_f","W_i","b_i","W_c","b_c","W_o","b_o"]}
    h_final = caches[-1][-1]
    dy = y_pred - y_true                                   # 141
    g["W_y"] = np.dot(dy, h_final.T)                       # 143
    g["b_y"] = dy                                          # 144
    dh_next = np.dot(m.W_y.T, dy)                          # 147
    dc_next = np.zeros((m.hidden_size, 1))
    dh_list = {}
    for t in reversed(range(len(caches))):
        x_t, h_prev, c_prev, z, f_t, i_t, c_bar_t, c_t, o_t, h_t = caches[t]
        dh = dh_next                                       # 155
        dh_list[t] = dh
        do_t = dh * tanh(c_t)                              # 158
        do_t_raw = do_t * o_t * (1 - o_t)                  # 159
        dc = dc_next + (dh * o_t * d_tanh(c_t))            # 162
        dc_bar_t = dc * i_t                                # 165
        dc_bar_t_raw = dc_bar_t * (1 - c_bar_t**2)         # 166
        di_t = dc * c_bar_t                                # 169
        di_t_raw = di_t * i_t * (1 - i_t)                  # 170
        df_t = dc * c_prev                                 # 173
        df_t_raw = df_t * f_t * (1 - f_t)                  # 174
        g["W_f"] += np.dot(df_t_raw, z.T); g["b_f"] += df_t_raw        # 177-178
        g["W_i"] += np.dot(di_t_raw, z.T); g["b_i"] += di_t_raw        # 179-180
        g["W_c"] += np.dot(dc_bar_t_raw, z.T); g["b_c"] += dc_bar_t_raw  # 181-182
        g["W_o"] += np.dot(do_t_raw, z.T); g["b_o"] += do_t_raw        # 183-184
        dz = (np.dot(m.W_f.T, df_t_raw) + np.dot(m.W_i.T, di_t_raw)
              + np.dot(m.W_c.T, dc_bar_t_raw) + np.dot(m.W_o.T, do_t_raw))  # 188
        dh_next = dz[:m.hidden_size, :]                    # 193
        dc_next = f_t * dc                                 # 194
    return g, dh_list

g, dh_list = author_backward()
rel = lambda a, b: np.max(np.abs(a - b)) / max(1e-12, np.max(np.abs(a) + np.abs(b)))
eps = 1e-6
print("parameter gradients (author's formulas vs central differences of the BCE loss):")
for k, v in g.items():
    P = getattr(m, k); num = np.zeros_like(P)
    for idx in np.ndindex(P.shape):
        old = P[idx]; P[idx] = old + eps; lp = loss(); P[idx] = old - eps; lm = loss(); P[idx] = old
        num[idx] = (lp - lm) / (2 * eps)
    r = rel(v, num); print(f"  d{k}: rel err {r:.2e} -> {'AGREE' if r < 1e-6 else 'DISAGREE'}")

# dh at each step (lines 147/155/193) = total dL/dh_t: perturb h_t inside the forward
def loss_with_dh(t0, dvec):
    h = np.zeros((m.hidden_size, 1)); c = np.zeros((m.hidden_size, 1))
    for t in range(len(x_seq)):
        h, c, _ = m.forward_step(x_seq[t], h, c)
        if t == t0: h = h + dvec
    y_pred = sigmoid(np.dot(m.W_y, h) + m.b_y)
    return float(-(y_true * np.log(y_pred) + (1 - y_true) * np.log(1 - y_pred)).squeeze())
for t0 in [4, 2, 0]:
    num = np.array([[(loss_with_dh(t0, e) - loss_with_dh(t0, -e)) / (2 * eps)] for e in np.eye(4)[:, :, None] * eps]).reshape(4, 1)
    r = rel(dh_list[t0], num); print(f"  dh at t={t0} (dL/dh_t, total): rel err {r:.2e} -> {'AGREE' if r < 1e-6 else 'DISAGREE'}")
# helpers
xx = np.linspace(-2, 2, 7)
print("  d_sigmoid(x) vs FD:", f"{rel(d_sigmoid(xx), (sigmoid(xx+eps)-sigmoid(xx-eps))/(2*eps)):.1e}",
      "| d_tanh(x) vs FD:", f"{rel(d_tanh(xx), (np.tanh(xx+eps)-np.tanh(xx-eps))/(2*eps)):.1e}")
