# source: search-index file id 52515969470 (public GitHub Python file, 17,732 characters; "MASS-AI: LSTM Autoencoder ile Anomali Tespiti", from-scratch NumPy LSTM autoencoder for electricity-theft anomaly detection, author line "Yazar: Omer Burak Kocak", Turkish comments; the index does not name its repository, path or date). Kept verbatim: module docstring, imports, class LSTMCell (whole), class LSTMAutoencoder __init__/encode/decode/forward/compute_loss/train_step; cut: LSTMAutoencoder.fit and get_anomaly_scores, prepare_sequences(), main() (data loading, training call with input_size=1, hidden_size=32, latent_size=16, lr=0.002, metrics, plots).
"""
MASS-AI: LSTM Autoencoder ile Anomali Tespiti
==============================================
Sifirdan (from scratch) NumPy ile LSTM Autoencoder implementasyonu.
Framework bagimliligi yok — saf matematik.

Yaklasim:
- Normal tuketim paternlerini ogrenir (unsupervised)
- Reconstruction error yuksek olan = anomali/kacak

Yazar: Omer Burak Kocak
"""

import numpy as np
import pandas as pd
from sklearn.preprocessing import MinMaxScaler
from sklearn.metrics import roc_auc_score, f1_score, classification_report, precision_recall_curve
import matplotlib
matplotlib.use('Agg')
import matplotlib.pyplot as plt
import os
import time


# ============================================================
# LSTM CELL — Sifirdan Implementasyon
# ============================================================
class LSTMCell:
    """
    Tek bir LSTM hucre implementasyonu.
    
    Formüller:
    f_t = sigmoid(W_f @ [h_{t-1}, x_t] + b_f)     # forget gate
    i_t = sigmoid(W_i @ [h_{t-1}, x_t] + b_i)     # input gate
    c_hat = tanh(W_c @ [h_{t-1}, x_t] + b_c)      # candidate
    c_t = f_t * c_{t-1} + i_t * c_hat              # cell state
    o_t = sigmoid(W_o @ [h_{t-1}, x_t] + b_o)      # output gate
    h_t = o_t * tanh(c_t)                           # hidden state
    """
    def __init__(self, input_size, hidden_size):
        self.input_size = input_size
        self.hidden_size = hidden_size
        
        # Xavier initialization
        scale = np.sqrt(2.0 / (input_size + hidden_size))
        concat_size = input_size + hidden_size
        
        # Forget gate
        self.W_f = np.random.randn(hidden_size, concat_size) * scale
        self.b_f = np.ones(hidden_size) * 1.0  # Bias to 1 for remembering
        
        # Input gate
        self.W_i = np.random.randn(hidden_size, concat_size) * scale
        self.b_i = np.zeros(hidden_size)
        
        # Candidate
        self.W_c = np.random.randn(hidden_size, concat_size) * scale
        self.b_c = np.zeros(hidden_size)
        
        # Output gate
        self.W_o = np.random.randn(hidden_size, concat_size) * scale
        self.b_o = np.zeros(hidden_size)
    
    def sigmoid(self, x):
        x = np.clip(x, -500, 500)
        return 1.0 / (1.0 + np.exp(-x))
    
    def forward(self, x, h_prev, c_prev):
        """Tek adim forward pass"""
        concat = np.concatenate([h_prev, x])
        
        f = self.sigmoid(self.W_f @ concat + self.b_f)
        i = self.sigmoid(self.W_i @ concat + self.b_i)
        c_hat = np.tanh(self.W_c @ concat + self.b_c)
        c = f * c_prev + i * c_hat
        o = self.sigmoid(self.W_o @ concat + self.b_o)
        h = o * np.tanh(c)
        
        # Cache for backprop
        cache = {
            'x': x, 'h_prev': h_prev, 'c_prev': c_prev,
            'f': f, 'i': i, 'c_hat': c_hat, 'c': c, 'o': o, 'h': h,
            'concat': concat
        }
        return h, c, cache
    
    def backward(self, dh, dc_next, cache, lr=0.001):
        """Tek adim backward pass (TBPTT - Truncated BPTT)"""
        f, i, c_hat, c, o = cache['f'], cache['i'], cache['c_hat'], cache['c'], cache['o']
        c_prev, concat = cache['c_prev'], cache['concat']
        
        # Output gate gradient
        tanh_c = np.tanh(c)
        do = dh * tanh_c
        do_raw = do * o * (1 - o)
        
        # Cell state gradient
        dc = dh * o * (1 - tanh_c**2) + dc_next
        
        # Forget gate gradient
        df = dc * c_prev
        df_raw = df * f * (1 - f)
        
        # Input gate gradient
        di = dc * c_hat
        di_raw = di * i * (1 - i)
        
        # Candidate gradient
        dc_hat = dc * i
        dc_hat_raw = dc_hat * (1 - c_hat**2)
        
        # Weight gradients (clip for stability)
        clip_val = 5.0
        
        for W, d_raw, b in [
            (self.W_f, df_raw, self.b_f),
            (self.W_i, di_raw, self.b_i),
            (self.W_c, dc_hat_raw, self.b_c),
            (self.W_o, do_raw, self.b_o)
        ]:
            dW = np.clip(np.outer(d_raw, concat), -clip_val, clip_val)
            db = np.clip(d_raw, -clip_val, clip_val)
            W -= lr * dW
            b -= lr * db
        
        # Previous hidden and cell gradients
        dc_prev = dc * f
        
        return dc_prev


# ============================================================
# LSTM AUTOENCODER
# ============================================================
class LSTMAutoencoder:
    """
    LSTM Autoencoder: Encoder LSTM + Dense Decoder
    
    Mimari:
    Input (seq_len, features) -> LSTM Encoder -> Latent -> Dense Decoder -> Reconstruction
    
    Normal verilerle egitilir.
    Reconstruction error yuksek olan ornek = anomali.
    """
    def __init__(self, input_size, hidden_size=32, latent_size=16):
        self.input_size = input_size
        self.hidden_size = hidden_size
        self.latent_size = latent_size
        
        # Encoder LSTM
        self.encoder = LSTMCell(input_size, hidden_size)
        
        # Latent projection
        scale = np.sqrt(2.0 / (hidden_size + latent_size))
        self.W_latent = np.random.randn(latent_size, hidden_size) * scale
        self.b_latent = np.zeros(latent_size)
        
        # Decoder (dense layers)
        scale2 = np.sqrt(2.0 / (latent_size + hidden_size))
        self.W_dec1 = np.random.randn(hidden_size, latent_size) * scale2
        self.b_dec1 = np.zeros(hidden_size)
        
        scale3 = np.sqrt(2.0 / (hidden_size + input_size))
        self.W_out = np.random.randn(input_size, hidden_size) * scale3
        self.b_out = np.zeros(input_size)
    
    def encode(self, sequence):
        """Sekans -> Latent vektor"""
        h = np.zeros(self.hidden_size)
        c = np.zeros(self.hidden_size)
        caches = []
        
        for t in range(len(sequence)):
            h, c, cache = self.encoder.forward(sequence[t], h, c)
            caches.append(cache)
        
        # Latent projection
        latent = np.tanh(self.W_latent @ h + self.b_latent)
        return latent, h, caches
    
    def decode(self, latent, seq_len):
        """Latent vektor -> Reconstruction"""
        # Dense decoder
        hidden = np.tanh(self.W_dec1 @ latent + self.b_dec1)
        
        # Ayni cikiyi her adim icin kullan (basit decoder)
        output_step = self.W_out @ hidden + self.b_out
        reconstruction = np.tile(output_step, (seq_len, 1))
        
        return reconstruction
    
    def forward(self, sequence):
        """Tam forward pass"""
        latent, h, caches = self.encode(sequence)
        reconstruction = self.decode(latent, len(sequence))
        return reconstruction, latent, caches
    
    def compute_loss(self, original, reconstruction):
        """MSE Loss"""
        return np.mean((original - reconstruction) ** 2)
    
    def train_step(self, sequence, lr=0.001):
        """Tek egitim adimi"""
        reconstruction, latent, caches = self.forward(sequence)
        loss = self.compute_loss(sequence, reconstruction)
        
        # Simplified gradient (decoder)
        error = reconstruction - sequence
        mean_error = np.mean(error, axis=0)
        
        # Decoder gradients
        hidden = np.tanh(self.W_dec1 @ latent + self.b_dec1)
        
        # Output layer
        d_hidden = self.W_out.T @ mean_error
        self.W_out -= lr * np.clip(np.outer(mean_error, hidden), -5, 5)
        self.b_out -= lr * np.clip(mean_error, -5, 5)
        
        # Hidden layer
        d_hidden *= (1 - hidden**2)
        d_latent = self.W_dec1.T @ d_hidden
        self.W_dec1 -= lr * np.clip(np.outer(d_hidden, latent), -5, 5)
        self.b_dec1 -= lr * np.clip(d_hidden, -5, 5)
        
        # Latent layer
        d_latent *= (1 - latent**2)
        h = caches[-1]['h']
        self.W_latent -= lr * np.clip(np.outer(d_latent, h), -5, 5)
        self.b_latent -= lr * np.clip(d_latent, -5, 5)
        
        # Encoder BPTT (son 5 adim)
        dh = self.W_latent.T @ d_latent
        dc = np.zeros(self.hidden_size)
        bptt_steps = min(5, len(caches))
        for t in range(len(caches)-1, max(len(caches)-bptt_steps-1, -1), -1):
            dc = self.encoder.backward(dh, dc, caches[t], lr=lr)
            if t > 0:
                dh = np.zeros(self.hidden_size)  # Simplified
        
        return loss
