# source: public GitHub Python file held by the code-search index as file id 24437132192 (22158 characters; repository, path, author and date not named by the index; a Korean-annotated copy of time_layers.py from "밑바닥부터 시작하는 딥러닝 2" / deep-learning-from-scratch-2, with Korean docstrings added to LSTM/TimeLSTM and later classes). Kept verbatim: the header imports and classes RNN, TimeRNN, LSTM and TimeLSTM (including the duplicated backward/set_state/reset_state methods at the end of TimeLSTM, as stored); cut: TimeEmbedding, TimeAffine, TimeSoftmaxWithLoss, TimeDropout, TimeBiLSTM and everything after.
# coding: utf-8
from common.np import *  # import numpy as np (or import cupy as np)
from common.layers import *
from common.functions import sigmoid


class RNN:
    def __init__(self, Wx, Wh, b):
        self.params = [Wx, Wh, b]
        self.grads = [np.zeros_like(Wx), np.zeros_like(Wh), np.zeros_like(b)]
        self.cache = None

    def forward(self, x, h_prev):
        Wx, Wh, b = self.params
        t = np.dot(h_prev, Wh) + np.dot(x, Wx) + b
        h_next = np.tanh(t)

        self.cache = (x, h_prev, h_next)
        return h_next

    def backward(self, dh_next):
        Wx, Wh, b = self.params
        x, h_prev, h_next = self.cache

        dt = dh_next * (1 - h_next ** 2)
        db = np.sum(dt, axis=0)
        dWh = np.dot(h_prev.T, dt)
        dh_prev = np.dot(dt, Wh.T)
        dWx = np.dot(x.T, dt)
        dx = np.dot(dt, Wx.T)

        self.grads[0][...] = dWx
        self.grads[1][...] = dWh
        self.grads[2][...] = db

        return dx, dh_prev


class TimeRNN:
    def __init__(self, Wx, Wh, b, stateful=False):
        self.params = [Wx, Wh, b]
        self.grads = [np.zeros_like(Wx), np.zeros_like(Wh), np.zeros_like(b)]
        self.layers = None

        self.h, self.dh = None, None
        self.stateful = stateful

    def forward(self, xs):
        Wx, Wh, b = self.params
        N, T, D = xs.shape
        D, H = Wx.shape

        self.layers = []
        hs = np.empty((N, T, H), dtype='f')

        if not self.stateful or self.h is None:
            self.h = np.zeros((N, H), dtype='f')

        for t in range(T):
            layer = RNN(*self.params)
            self.h = layer.forward(xs[:, t, :], self.h)
            hs[:, t, :] = self.h
            self.layers.append(layer)

        return hs

    def backward(self, dhs):
        Wx, Wh, b = self.params
        N, T, H = dhs.shape
        D, H = Wx.shape

        dxs = np.empty((N, T, D), dtype='f')
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


class LSTM:
    def __init__(self, Wx, Wh, b):
        '''

        Parameters
        ----------
        Wx: 입력 x에 대한 가중치 매개변수(4개분의 가중치가 담겨 있음)
        Wh: 은닉 상태 h에 대한 가장추 매개변수(4개분의 가중치가 담겨 있음)
        b: 편향（4개분의 편향이 담겨 있음）
        '''
        self.params = [Wx, Wh, b]
        self.grads = [np.zeros_like(Wx), np.zeros_like(Wh), np.zeros_like(b)]
        self.cache = None

    def forward(self, x, h_prev, c_prev):
        Wx, Wh, b = self.params
        N, H = h_prev.shape

        A = np.dot(x, Wx) + np.dot(h_prev, Wh) + b

        f = A[:, :H]
        g = A[:, H:2*H]
        i = A[:, 2*H:3*H]
        o = A[:, 3*H:]

        f = sigmoid(f)
        g = np.tanh(g)
        i = sigmoid(i)
        o = sigmoid(o)

        c_next = f * c_prev + g * i
        h_next = o * np.tanh(c_next)

        self.cache = (x, h_prev, c_prev, i, f, g, o, c_next)
        return h_next, c_next

    def backward(self, dh_next, dc_next):
        Wx, Wh, b = self.params
        x, h_prev, c_prev, i, f, g, o, c_next = self.cache

        tanh_c_next = np.tanh(c_next)

        ds = dc_next + (dh_next * o) * (1 - tanh_c_next ** 2)

        dc_prev = ds * f

        di = ds * g
        df = ds * c_prev
        do = dh_next * tanh_c_next
        dg = ds * i

        di *= i * (1 - i)
        df *= f * (1 - f)
        do *= o * (1 - o)
        dg *= (1 - g ** 2)

        dA = np.hstack((df, dg, di, do))

        dWh = np.dot(h_prev.T, dA)
        dWx = np.dot(x.T, dA)
        db = dA.sum(axis=0)

        self.grads[0][...] = dWx
        self.grads[1][...] = dWh
        self.grads[2][...] = db

        dx = np.dot(dA, Wx.T)
        dh_prev = np.dot(dA, Wh.T)

        return dx, dh_prev, dc_prev


class TimeLSTM:
    """
    시간 축을 따라 LSTM을 적용하는 TimeLSTM 계층. 
    다수의 시퀀스 데이터를 처리하며, 순전파 및 역전파를 수행할 수 있다.
    
    Attributes
    ----------
    params : list
        LSTM 계층의 가중치와 편향을 포함한 리스트
    grads : list
        각 가중치에 대한 기울기를 저장하는 리스트
    layers : list
        각 타임스텝마다의 LSTM 계층을 저장
    h : numpy.ndarray
        은닉 상태를 저장
    c : numpy.ndarray
        셀 상태를 저장
    dh : numpy.ndarray
        은닉 상태의 기울기
    stateful : bool
        LSTM의 상태를 유지할지 여부를 나타내는 플래그
    
    Methods
    -------
    forward(xs)
        시퀀스 데이터를 받아 순전파를 수행하여 은닉 상태를 반환
    backward(dhs)
        시퀀스에 대한 은닉 상태의 기울기를 받아 역전파 수행
    set_state(h, c=None)
        은닉 상태와 셀 상태를 설정
    reset_state()
        은닉 상태와 셀 상태를 초기화
    """
    
    def __init__(self, Wx, Wh, b, stateful=False):
        """
        TimeLSTM 클래스 초기화 메서드.

        Parameters
        ----------
        Wx : numpy.ndarray
            입력 데이터에 대한 가중치 (4개 분할된 가중치)
        Wh : numpy.ndarray
            은닉 상태에 대한 가중치 (4개 분할된 가중치)
        b : numpy.ndarray
            편향 (4개 분할된 편향)
        stateful : bool, optional
            LSTM의 은닉 상태를 유지할지 여부 (기본값은 False)

        예시:
        >>> Wx = np.random.randn(10, 40)
        >>> Wh = np.random.randn(40, 40)
        >>> b = np.random.randn(40)
        >>> timelstm = TimeLSTM(Wx, Wh, b, stateful=True)
        """
        self.params = [Wx, Wh, b]
        self.grads = [np.zeros_like(Wx), np.zeros_like(Wh), np.zeros_like(b)]
        self.layers = None

        self.h, self.c = None, None
        self.dh = None
        self.stateful = stateful

    def forward(self, xs):
        """
        순전파 메서드. 시퀀스 데이터를 받아 LSTM 순전파를 수행.

        Parameters
        ----------
        xs : numpy.ndarray
            입력 데이터 (N, T, D) 형태로 주어진 시퀀스 데이터

        Returns
        -------
        hs : numpy.ndarray
            은닉 상태의 시퀀스 출력 (N, T, H) 형태

        예시:
        >>> xs = np.random.randn(2, 5, 10)  # (배치 크기 N, 시간 T, 입력 차원 D)
        >>> hs = timelstm.forward(xs)  # 순전파 수행
        >>> print(hs.shape)  # (2, 5, 40) 형태의 출력
        """
        Wx, Wh, b = self.params
        N, T, D = xs.shape
        H = Wh.shape[0]

        self.layers = []
        hs = np.empty((N, T, H), dtype='f')

        if not self.stateful or self.h is None:
            self.h = np.zeros((N, H), dtype='f')
        if not self.stateful or self.c is None:
            self.c = np.zeros((N, H), dtype='f')

        for t in range(T):
            layer = LSTM(*self.params)
            self.h, self.c = layer.forward(xs[:, t, :], self.h, self.c)
            hs[:, t, :] = self.h

            self.layers.append(layer)

        return hs

    def backward(self, dhs):
        """
        역전파 메서드. 시퀀스 데이터를 받아 LSTM 역전파를 수행.

        Parameters
        ----------
        dhs : numpy.ndarray
            은닉 상태의 기울기 시퀀스 (N, T, H) 형태

        Returns
        -------
        dxs : numpy.ndarray
            입력 데이터에 대한 기울기 (N, T, D) 형태

        예시:
        >>> dhs = np.random.randn(2, 5, 40)  # 은닉 상태의 기울기
        >>> dxs = timelstm.backward(dhs)  # 역전파 수행
        >>> print(dxs.shape)  # (2, 5, 10) 형태의 입력 기울기 출력
        """
        Wx, Wh, b = self.params
        N, T, H = dhs.shape
        D = Wx.shape[0]

        dxs = np.empty((N, T, D), dtype='f')
        dh, dc = 0, 0

        grads = [0, 0, 0]
        for t in reversed(range(T)):
            layer = self.layers[t]
            dx, dh, dc = layer.backward(dhs[:, t, :] + dh, dc)
            dxs[:, t, :] = dx
            for i, grad in enumerate(layer.grads):
                grads[i] += grad

        for i, grad in enumerate(grads):
            self.grads[i][...] = grad
        self.dh = dh
        return dxs

    def set_state(self, h, c=None):
        """
        LSTM의 은닉 상태와 셀 상태를 설정하는 메서드.

        Parameters
        ----------
        h : numpy.ndarray
            은닉 상태 (N, H) 형태
        c : numpy.ndarray, optional
            셀 상태 (N, H) 형태 (기본값은 None)

        예시:
        >>> h = np.random.randn(2, 40)
        >>> c = np.random.randn(2, 40)
        >>> timelstm.set_state(h, c)
        """
        self.h, self.c = h, c

    def reset_state(self):
        """
        LSTM의 은닉 상태와 셀 상태를 초기화하는 메서드.

        예시:
        >>> timelstm.reset_state()
        """
        self.h, self.c = None, None


    def backward(self, dhs):
        Wx, Wh, b = self.params
        N, T, H = dhs.shape
        D = Wx.shape[0]

        dxs = np.empty((N, T, D), dtype='f')
        dh, dc = 0, 0

        grads = [0, 0, 0]
        for t in reversed(range(T)):
            layer = self.layers[t]
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
