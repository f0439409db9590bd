# source: public GitHub Python file held by the code-search index as file id 71007639304 (18,542 characters; the index does not name its repository, path, author or date): a Chinese-commented copy of Saito's "Deep Learning from Scratch 2" common/time_layers.py (imports common.np, common.layers, common.functions). Kept verbatim: file lines 1-4 (header/imports), class LSTM, class TimeLSTM, class GRU, class TimeGRU. Cut: RNN, TimeRNN, TimeEmbedding, TimeAffine, TimeSoftmaxWithLoss, TimeDropout, TimeBiLSTM, the Chinese banner comment, TimeSigmoidWithLoss, Simple_TimeSoftmaxWithLoss, Simple_TimeAffine. sigmoid comes from the book's common/functions.py: 1 / (1 + np.exp(-x)).
# coding: utf-8
from common.np import *  # import numpy as np (or import cupy as np)
from common.layers import *
from common.functions import softmax, sigmoid


class LSTM:
    def __init__(self, Wx, Wh, b):
        """

        Parameters
        ----------
        Wx: 输入`x`用的权重参数（整合了4个权重）
        Wh: 隐藏状态`h`用的权重参数（整合了4个权重）
        b: 偏置（整合了4个偏置）
        """
        self.params = [Wx, Wh, b]
        self.grads = [np.zeros_like(Wx), np.zeros_like(Wh), np.zeros_like(b)]
        self.cache = None

    def forward(self, x, h_prev, c_prev):
        Wx, Wh, b = self.params
        N, H = h_prev.shape
        # 将 4 个门的计算合并成一次矩阵运算，提高效率 Wx 和 Wh 的列数是 4H，因为包含了 4 组权重
        A = np.dot(x, Wx) + np.dot(h_prev, Wh) + b

        f = sigmoid(A[:, :H])  # 遗忘门  控制丢弃多少旧信息
        g = np.tanh(A[:, H : 2 * H])  # 候选状态  新信息的候选值
        i = sigmoid(A[:, 2 * H : 3 * H])  # 输入门  控制写入多少新信息
        o = sigmoid(A[:, 3 * H :])  # 输出门  控制输出多少细胞状态信息

        f = sigmoid(f)
        g = np.tanh(g)
        i = sigmoid(i)
        o = sigmoid(o)

        # 遗忘门决定保留多少旧的 c_prev
        # 输入门 & 候选状态共同决定写入多少新信息
        # 输出门控制最终暴露多少状态给 h_next
        c_next = f * c_prev + g * i  # 更新细胞状态
        h_next = o * np.tanh(c_next)  # 计算隐藏状

        self.cache = (x, h_prev, c_prev, i, f, g, o, c_next)
        return h_next, c_next

    def backward(self, dh_next, dc_next):
        Wx, Wh, b = self.params
        x, h_prev, c_prev, i, f, g, o, c_next = self.cache

        tanh_c_next = np.tanh(c_next)

        # dc_next：来自未来时刻细胞状态的梯度
        # (dh_next * o) * (1 - tanh^2)：来自未来隐藏状态的梯度反传到 c_next
        ds = dc_next + (dh_next * o) * (1 - tanh_c_next**2)

        # 细胞状态的梯度通过遗忘门传给上一个时间步
        dc_prev = ds * f

        # 分别求出门的梯度（还没经过激活函数的梯度）
        di = ds * g
        df = ds * c_prev
        do = dh_next * tanh_c_next
        dg = ds * i

        # 反向通过门的激活函数
        di *= i * (1 - i)  # sigmoid' = i*(1-i)
        df *= f * (1 - f)
        do *= o * (1 - o)
        dg *= 1 - g**2  # tanh' = 1 - g^2

        # 再把 4 个门的梯度合并回一个矩阵，方便矩阵乘法求权重梯度
        dA = np.hstack((df, dg, di, do))

        # 对权重和偏置求梯度
        dWh = np.dot(h_prev.T, dA)
        dWx = np.dot(x.T, dA)
        db = dA.sum(axis=0)

        # 反传到上一层输入和上一时刻隐藏状态
        self.grads[0][...] = dWx
        self.grads[1][...] = dWh
        self.grads[2][...] = db

        dx = np.dot(dA, Wx.T)
        dh_prev = np.dot(dA, Wh.T)

        return dx, dh_prev, dc_prev


class TimeLSTM:
    # Wx: 输入到各门的权重 (D × 4H)
    # Wh: 隐藏状态到各门的权重 (H × 4H)
    # b: 偏置 (4H)
    # stateful: 控制是否跨批次保留隐藏状态 (h) 和细胞状态 (c)。
    def __init__(self, Wx, Wh, b, stateful=False):
        self.params = [Wx, Wh, b]
        self.grads = [np.zeros_like(Wx), np.zeros_like(Wh), np.zeros_like(b)]
        self.layers = None

        self.h, self.c = None, None
        self.dh = None
        self.stateful = stateful

    def forward(self, xs):
        Wx, Wh, b = self.params
        N, T, D = xs.shape
        H = Wh.shape[0]

        self.layers = []
        hs = np.empty((N, T, H), dtype="f")

        if not self.stateful or self.h is None:
            self.h = np.zeros((N, H), dtype="f")
        if not self.stateful or self.c is None:
            self.c = np.zeros((N, H), dtype="f")

        for t in range(T):
            layer = LSTM(*self.params)  # 一个时间步的 LSTM 单元
            self.h, self.c = layer.forward(
                xs[:, t, :],  # 第 t 个时间步的输入
                self.h,  # 上一时间步的隐藏状态
                self.c,  # 上一时间步的细胞状态
            )
            hs[:, t, :] = self.h
            self.layers.append(layer)  # 存起来，反向传播要用

        return hs

    def backward(self, dhs):
        Wx, Wh, b = self.params
        N, T, H = dhs.shape
        D = Wx.shape[0]

        dxs = np.empty((N, T, D), dtype="f")
        dh, dc = 0, 0

        grads = [0, 0, 0]
        for t in reversed(range(T)):
            layer = self.layers[t]
            # dx: 输入的梯度
            # dh: 隐藏状态的梯度（传回前一时间步）
            # dc: 细胞状态的梯度（传回前一时间步）
            dx, dh, dc = layer.backward(dhs[:, t, :] + dh, dc)
            dxs[:, t, :] = dx
            for i, grad in enumerate(layer.grads):
                grads[i] += grad

        for i, grad in enumerate(grads):
            self.grads[i][...] = grad
        self.dh = dh
        return dxs

    def set_state(self, h, c=None):
        self.h, self.c = h, c

    def reset_state(self):
        self.h, self.c = None, None


class GRU:
    def __init__(self, Wx, Wh, b):
        """

        Parameters
        ----------
        Wx: 用于输入`x`的权重参数（整合了3个权重）
        Wh: 用于隐藏状态`h` 的权重参数（整合了3个权重）
        b: 偏置（整合了3个偏置）
        """
        self.params = [Wx, Wh, b]
        self.grads = [np.zeros_like(Wx), np.zeros_like(Wh), np.zeros_like(b)]
        self.cache = None

    def forward(self, x, h_prev):
        Wx, Wh, b = self.params
        H = Wh.shape[0]
        Wxz, Wxr, Wxh = Wx[:, :H], Wx[:, H : 2 * H], Wx[:, 2 * H :]
        Whz, Whr, Whh = Wh[:, :H], Wh[:, H : 2 * H], Wh[:, 2 * H :]
        bz, br, bh = b[:H], b[H : 2 * H], b[2 * H :]

        z = sigmoid(np.dot(x, Wxz) + np.dot(h_prev, Whz) + bz)
        r = sigmoid(np.dot(x, Wxr) + np.dot(h_prev, Whr) + br)
        h_hat = np.tanh(np.dot(x, Wxh) + np.dot(r * h_prev, Whh) + bh)
        h_next = (1 - z) * h_prev + z * h_hat

        self.cache = (x, h_prev, z, r, h_hat)

        return h_next

    def backward(self, dh_next):
        Wx, Wh, b = self.params
        H = Wh.shape[0]
        Wxz, Wxr, Wxh = Wx[:, :H], Wx[:, H : 2 * H], Wx[:, 2 * H :]
        Whz, Whr, Whh = Wh[:, :H], Wh[:, H : 2 * H], Wh[:, 2 * H :]
        x, h_prev, z, r, h_hat = self.cache

        dh_hat = dh_next * z
        dh_prev = dh_next * (1 - z)

        # tanh
        dt = dh_hat * (1 - h_hat**2)
        dbh = np.sum(dt, axis=0)
        dWhh = np.dot((r * h_prev).T, dt)
        dhr = np.dot(dt, Whh.T)
        dWxh = np.dot(x.T, dt)
        dx = np.dot(dt, Wxh.T)
        dh_prev += r * dhr

        # update gate(z)
        dz = dh_next * h_hat - dh_next * h_prev
        dt = dz * z * (1 - z)
        dbz = np.sum(dt, axis=0)
        dWhz = np.dot(h_prev.T, dt)
        dh_prev += np.dot(dt, Whz.T)
        dWxz = np.dot(x.T, dt)
        dx += np.dot(dt, Wxz.T)

        # rest gate(r)
        dr = dhr * h_prev
        dt = dr * r * (1 - r)
        dbr = np.sum(dt, axis=0)
        dWhr = np.dot(h_prev.T, dt)
        dh_prev += np.dot(dt, Whr.T)
        dWxr = np.dot(x.T, dt)
        dx += np.dot(dt, Wxr.T)

        self.dWx = np.hstack((dWxz, dWxr, dWxh))
        self.dWh = np.hstack((dWhz, dWhr, dWhh))
        self.db = np.hstack((dbz, dbr, dbh))

        self.grads[0][...] = self.dWx
        self.grads[1][...] = self.dWh
        self.grads[2][...] = self.db

        return dx, dh_prev


class TimeGRU:
    def __init__(self, Wx, Wh, b, stateful=False):
        self.params = [Wx, Wh, b]
        self.grads = [np.zeros_like(Wx), np.zeros_like(Wh), np.zeros_like(b)]
        self.layers = None
        self.h, self.dh = None, None
        self.stateful = stateful

    def forward(self, xs):
        Wx, Wh, b = self.params
        N, T, D = xs.shape
        H = Wh.shape[0]
        self.layers = []
        hs = np.empty((N, T, H), dtype="f")

        if not self.stateful or self.h is None:
            self.h = np.zeros((N, H), dtype="f")

        for t in range(T):
            layer = GRU(*self.params)
            self.h = layer.forward(xs[:, t, :], self.h)
            hs[:, t, :] = self.h
            self.layers.append(layer)
        return hs

    def backward(self, dhs):
        Wx, Wh, b = self.params
        N, T, H = dhs.shape
        D = Wx.shape[0]

        dxs = np.empty((N, T, D), dtype="f")

        dh = 0
        grads = [0, 0, 0]
        for t in reversed(range(T)):
            layer = self.layers[t]
            dx, dh = layer.backward(dhs[:, t, :] + dh)
            dxs[:, t, :] = dx

            for i, grad in enumerate(layer.grads):
                grads[i] += grad

        for i, grad in enumerate(grads):
            self.grads[i][...] = grad

        self.dh = dh
        return dxs

    def set_state(self, h):
        self.h = h

    def reset_state(self):
        self.h = None
