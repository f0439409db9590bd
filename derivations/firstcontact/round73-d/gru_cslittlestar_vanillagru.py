# source: https://github.com/CSLittleStar/AI-Learning-Project/blob/5aef0251ff56960cf5e6747c1e8d445a11d8aa2f/RNN-Learning/GRU/gru.py (CSLittleStar, "GRU (Gated Recurrent Unit) 数字序列预测 —— 代码复现", from-scratch numpy GRU with BPTT; commit 5aef0251; an earlier version of the same file at commit 9bbd30ab has the same VanillaGRU code under a longer docstring). Kept verbatim: module docstring, import numpy, sigmoid, sigmoid_grad, tanh_grad, class VanillaGRU (__init__, forward, backward, train_step). Cut: the torch/matplotlib imports, get_device, TorchGRU, EncoderDecoderGRU, SineDataset, training/plotting functions and main.
"""GRU (Gated Recurrent Unit) 数字序列预测 —— 代码复现"""

import numpy as np


# ============================================================================
# 1. 从零实现 VanillaGRU（含 BPTT 反向传播）
# ============================================================================
def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


def sigmoid_grad(out):
    # d(sigmoid)/dx = sigmoid * (1 - sigmoid)
    return out * (1.0 - out)


def tanh_grad(out):
    # d(tanh)/dx = 1 - tanh^2
    return 1.0 - out * out


class VanillaGRU:
    """
    手写单隐层 GRU + 输出层。
    input_size  输入维度（这里为 1）
    hidden_size 隐藏状态维度
    output_size 输出维度（预测下一个值，为 1）
    """

    def __init__(self, input_size, hidden_size, output_size, learning_rate=0.01):
        self.input_size = input_size
        self.hidden_size = hidden_size
        self.output_size = output_size
        self.lr = learning_rate

        H, D = hidden_size, input_size
        scale = 0.01
        # 三个线性变换各用一份 (W 输入相关, U 隐藏相关, b 偏置)
        # r: 重置门, z: 更新门, h: 候选状态（tanh）
        self.W_r = np.random.randn(H, D) * scale
        self.U_r = np.random.randn(H, H) * scale
        self.b_r = np.zeros((H, 1))

        self.W_z = np.random.randn(H, D) * scale
        self.U_z = np.random.randn(H, H) * scale
        self.b_z = np.zeros((H, 1))

        self.W_h = np.random.randn(H, D) * scale
        self.U_h = np.random.randn(H, H) * scale
        self.b_h = np.zeros((H, 1))

        # 输出层
        self.W_hy = np.random.randn(output_size, H) * scale
        self.b_y = np.zeros((output_size, 1))

    def forward(self, inputs):
        """
        inputs: list[np.ndarray]，每个 (input_size, 1)，长度 = T
        返回各时间步缓存，供反向传播使用。
        """
        T = len(inputs)
        H = self.hidden_size
        h = np.zeros((H, 1))   # h(0) = 0

        h_list = [h]                 # 保存 h(0)..h(T)
        r_list, z_list, tilde_list = [], [], []
        x_list, hprev_list = [], []  # 候选状态拆分出的输入项，便于反向

        for x in inputs:
            r = sigmoid(self.W_r @ x + self.U_r @ h + self.b_r)        # 重置门
            z = sigmoid(self.W_z @ x + self.U_z @ h + self.b_z)        # 更新门
            h_tilde = np.tanh(self.W_h @ x + self.U_h @ (r * h) + self.b_h)  # 候选状态
            h = z * h + (1 - z) * h_tilde                            # 门控线性插值

            x_list.append(x); hprev_list.append(h)
            r_list.append(r); z_list.append(z); tilde_list.append(h_tilde)
            h_list.append(h)

        ys = [self.W_hy @ h_list[t + 1] + self.b_y for t in range(T)]
        cache = dict(h=h_list, r=r_list, z=z_list, tilde=tilde_list,
                     x=x_list, hprev=hprev_list, y=ys)
        return ys, cache

    def backward(self, inputs, targets, cache):
        """BPTT 反向传播，沿时间回传 h 的梯度。"""
        T = len(inputs)
        H = self.hidden_size
        # 梯度累加器
        dW_r = np.zeros_like(self.W_r); dU_r = np.zeros_like(self.U_r); db_r = np.zeros_like(self.b_r)
        dW_z = np.zeros_like(self.W_z); dU_z = np.zeros_like(self.U_z); db_z = np.zeros_like(self.b_z)
        dW_h = np.zeros_like(self.W_h); dU_h = np.zeros_like(self.U_h); db_h = np.zeros_like(self.b_h)
        dW_hy = np.zeros_like(self.W_hy); db_y = np.zeros_like(self.b_y)

        h_list = cache["h"]; r_list = cache["r"]; z_list = cache["z"]
        tilde_list = cache["tilde"]; x_list = cache["x"]; hprev = cache["hprev"]
        ys = cache["y"]

        dh_next = np.zeros((H, 1))   # 时间维度上初始梯度为 0

        for t in reversed(range(T)):
            # ---- 输出层梯度 ----
            dy = ys[t] - targets[t]
            dW_hy += dy @ h_list[t + 1].T
            db_y += dy
            dh = self.W_hy.T @ dy + dh_next   # 来自输出层 + 下一时刻

            # ---- 由 h(t) 反推 z、h̃、r ----
            # h = z*h_prev + (1-z)*h̃
            h_prev = h_list[t]
            z = z_list[t]; h_tilde = tilde_list[t]
            dz = dh * (h_prev - h_tilde) * sigmoid_grad(z)              # 对 z 线性项
            dh_tilde = dh * (1 - z) * tanh_grad(h_tilde)                # 对 h̃ 线性项

            # ---- h̃ 线性项拆回到 W_h、U_h(r⊙h)、b_h ----
            # h̃ = tanh(W_h x + U_h (r⊙h_prev) + b_h)
            dW_h += dh_tilde @ x_list[t].T
            db_h += dh_tilde
            # U_h 作用在 (r⊙h_prev) 上
            dU_h_contrib = dh_tilde @ (r_list[t] * h_prev).T
            dU_h += dU_h_contrib
            # (r⊙h_prev) 对 r 与 h_prev 的梯度
            d_rh = self.U_h.T @ dh_tilde                  # 形状 (H,1)，对应 (r⊙h_prev)
            dr = d_rh * h_prev * sigmoid_grad(r_list[t])  # 对 r 的线性项
            dW_r += dr @ x_list[t].T
            dU_r += dr @ h_prev.T
            db_r += dr
            # h_prev 经过两个路径回传：z*h_prev 与 r*h_prev
            dh_next = dh * z + d_rh * r_list[t]

        # 梯度裁剪（与 RNN/LSTM 复现一致，缓解梯度爆炸）
        for g in (dW_r, dU_r, db_r, dW_z, dU_z, db_z,
                  dW_h, dU_h, db_h, dW_hy, db_y):
            np.clip(g, -5.0, 5.0, out=g)

        # 参数更新
        self.W_r -= self.lr * dW_r; self.U_r -= self.lr * dU_r; self.b_r -= self.lr * db_r
        self.W_z -= self.lr * dW_z; self.U_z -= self.lr * dU_z; self.b_z -= self.lr * db_z
        self.W_h -= self.lr * dW_h; self.U_h -= self.lr * dU_h; self.b_h -= self.lr * db_h
        self.W_hy -= self.lr * dW_hy; self.b_y -= self.lr * db_y

    def train_step(self, inputs, target):
        ys, cache = self.forward(inputs)
        targets = inputs[1:] + [target]
        self.backward(inputs, targets, cache)
        return float(0.5 * np.sum((ys[-1] - target) ** 2))
