# source: https://github.com/olDox0/Doxoade/blob/aaf20c6c6c49c3f747d1eac0c5153a05983776f1/doxoade/neural/core.py (olDox222/olDox333, "Doxoade", DOXONET CORE v14.2 "Tensor Alignment", numpy LSTM with Portuguese comments and a custom cell activation doxo_act(x)=x*sigmoid(x)+0.1*sin(x); commit aaf20c6c of 2025-12-16, file replaced in the next commit 7a7d7686; search-index file id 35905175787). Kept verbatim: lines 1-36 (header, math utilities, DoxoAct) and 120-136, 147-205 (class LSTM: __init__, reset_grads, forward, accumulate_grad). Cut: serialization/quantize, Tokenizer, CamadaEmbedding, LSTM.prune, apply_update (Adam + global-norm clip), get/load_state_dict. Driver doxoade/commands/brain.py (same commit, not kept): truncated BPTT over windows, logits,h,c = lstm.forward(vecs, h_prev=h, c_prev=c) with h,c carried from the previous window (zeros at the start), dY[t] = softmax(logits[t]) - onehot(target[t]), then lstm.accumulate_grad(dY).
"""
DOXONET CORE v14.2 (Tensor Alignment).
Correção de desempacotamento de cache para backpropagation da DoxoAct.
"""
import numpy as np
import re
import json
import os

# --- UTILITÁRIOS MATEMÁTICOS ---
def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-np.clip(x, -60.0, 60.0)))

def dsigmoid(y):
    return y * (1.0 - y)

def dtanh(y):
    return 1.0 - y * y

def softmax(x):
    x_safe = np.nan_to_num(x)
    x_safe = np.clip(x_safe, -60, 60)
    e_x = np.exp(x_safe - np.max(x_safe, axis=1, keepdims=True))
    return e_x / (e_x.sum(axis=1, keepdims=True) + 1e-8)

# --- DOXO MATHEMATICS ---
def doxo_act(x):
    s = sigmoid(x)
    return (x * s) + (0.1 * np.sin(x))

def d_doxo_act(x, y=None):
    s = sigmoid(x)
    d_swish = s + (x * s * (1.0 - s))
    d_sin = 0.1 * np.cos(x)
    return d_swish + d_sin

class LSTM:
    def __init__(self, I, H, O):
        self.I, self.H, self.O = I, H, O
        std = np.float32(1.0 / np.sqrt(H))
        self.params = {}
        for k in ['Wf', 'Wi', 'Wc', 'Wo']: self.params[k] = np.random.uniform(-std, std, (I + H, H)).astype(np.float32)
        self.params['Wy'] = np.random.uniform(-std, std, (H, O)).astype(np.float32)
        for k in ['bf', 'bi', 'bc', 'bo']: self.params[k] = np.zeros((1, H), dtype=np.float32)
        self.params['by'] = np.zeros((1, O), dtype=np.float32)
        self.reset_grads()

    def reset_grads(self):
        self.grads = {k: np.zeros_like(v) for k, v in self.params.items()}
        self.adam_m = {k: np.zeros_like(v) for k, v in self.params.items()}
        self.adam_v = {k: np.zeros_like(v) for k, v in self.params.items()}
        self.t = 0

    def forward(self, inputs, h_prev=None, c_prev=None):
        if h_prev is None: h_prev = np.zeros((1, self.H), dtype=np.float32)
        if c_prev is None: c_prev = np.zeros((1, self.H), dtype=np.float32)
        self.cache = []; outputs = []; h, c = h_prev, c_prev
        Wf, Wi, Wc, Wo, Wy = [self.params[k] for k in ['Wf', 'Wi', 'Wc', 'Wo', 'Wy']]
        bf, bi, bc, bo, by = [self.params[k] for k in ['bf', 'bi', 'bc', 'bo', 'by']]
        
        for t in range(len(inputs)):
            x = inputs[t].reshape(1, -1); concat = np.concatenate((x, h), axis=1)
            f = sigmoid(np.dot(concat, Wf) + bf); i = sigmoid(np.dot(concat, Wi) + bi)
            c_bar = np.tanh(np.dot(concat, Wc) + bc); o = sigmoid(np.dot(concat, Wo) + bo)
            c = f * c + i * c_bar; tanh_c = doxo_act(c); h = o * tanh_c
            y = np.dot(h, Wy) + by
            # Cache sem c_prev redundante, mas precisamos dele para backprop
            self.cache.append((concat, f, i, c_bar, c, tanh_c, o, h))
            outputs.append(y)
        return np.array(outputs), h, c

    def accumulate_grad(self, dY):
        dY = np.nan_to_num(dY); inputs_len = len(self.cache)
        dInputs = np.zeros((inputs_len, self.I), dtype=np.float32)
        dh_next = np.zeros((1, self.H), dtype=np.float32); dc_next = np.zeros((1, self.H), dtype=np.float32)
        Wf, Wi, Wc, Wo, Wy = [self.params[k] for k in ['Wf', 'Wi', 'Wc', 'Wo', 'Wy']]
        
        for t in reversed(range(inputs_len)):
            dy = dY[t].reshape(1, -1)
            # CORREÇÃO: Unpack completo
            concat, f, i, c_bar, c_curr, h_act_curr, o, h_curr = self.cache[t]
            
            # Recupera c_prev do passo anterior (ou do init se t=0)
            if t > 0:
                # O índice 4 da tupla é 'c'
                c_prev = self.cache[t-1][4]
            else:
                # Se não tem anterior, assume zero ou estado inicial
                c_prev = np.zeros_like(c_curr)

            self.grads['Wy'] += np.dot(h_curr.T, dy); self.grads['by'] += dy
            dh = np.dot(dy, Wy.T) + dh_next
            do = dh * h_act_curr; do_raw = dsigmoid(o) * do
            
            # Gradiente da DoxoAct
            dc = dc_next + (dh * o * d_doxo_act(c_curr))
            
            dc_bar = dc * i; dc_bar_raw = dtanh(c_bar) * dc_bar
            di = dc * c_bar; di_raw = dsigmoid(i) * di
            df = dc * c_prev; df_raw = dsigmoid(f) * df
            dc_next = dc * f
            
            self.grads['Wo'] += np.dot(concat.T, do_raw); self.grads['bo'] += do_raw
            self.grads['Wc'] += np.dot(concat.T, dc_bar_raw); self.grads['bc'] += dc_bar_raw
            self.grads['Wi'] += np.dot(concat.T, di_raw); self.grads['bi'] += di_raw
            self.grads['Wf'] += np.dot(concat.T, df_raw); self.grads['bf'] += df_raw
            
            d_concat = (np.dot(do_raw, self.params['Wo'].T) + np.dot(dc_bar_raw, self.params['Wc'].T) + 
                        np.dot(di_raw, self.params['Wi'].T) + np.dot(df_raw, self.params['Wf'].T))
            dInputs[t] = d_concat[0, :self.I]; dh_next = d_concat[0, self.I:]
        return dInputs

