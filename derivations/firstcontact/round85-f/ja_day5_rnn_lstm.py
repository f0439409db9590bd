# source: public GitHub Python file (Jupyter export) not named by the search index, search-index file id 23923947890 (53097 characters): a learner's filled-in copy of the Japanese fill-in-the-blank exercise "全人類がわかるディープラーニング Day5演習" (RNN/LSTM/GRU layers in the style of ゼロから作るDeep Learning ❷; blanks marked ######問x.y.z######, filled by the learner except in the GRU part); no author/date/repository in the stored text. Kept verbatim: lines 1-2, the title cell, sigmoid (softmax of the same cell cut), the RNN and TimeRNN cells (問1) and the LSTM and TimeLSTM cells (問2). Cut: the import cell (import numpy as np, matplotlib, np.random.seed(seed=0)), Affine/SGD/Adam/softmax/clip_grads, Embedding/TimeEmbedding/TimeAffine/TimeSoftmaxWithLoss, PTB loading, SimpleRnnNetwork/LSTMNetwork and training loops, the GRU/TimeGRU cells (問3, forward still blank: "h_next = ######問3.1.1######") and everything after.
#!/usr/bin/env python
# coding: utf-8

# # 全人類がわかるディープラーニング Day5演習
# 
# ## 概要
# 
# 本演習では自然言語処理に代表される系列データを扱うためのネットワークであるRNNやその派生ネットワークによる学習を穴埋め形式で実装します。なお、予め用意されたコードはそのまま使用し、指示された穴埋め部を編集してください。
# 演習問題文は<font color="Red">赤字</font>です。このファイルは必ず最後までコードをすべて実行し、「最後までコードが実行可能」・「学習結果の出力がある」・「学習が成功している」の３つを満たした状態で提出してください。
# 
# 所要時間：3~8時間

# In[21]:


def sigmoid(x):
    return 1 / (1 + np.exp(-x))

# ## ネットワーク定義
# ### RNNクラス
# 問1-1. <font color="Red">RNNレイヤーを表すクラス RNNクラスを完成させてください。</font>
# 
#   RNNクラスは以下に従って定義します。
#     
#   - `Wx`, `Wh`はそれぞれ順伝播時に入力、前時刻隠れ層にかかる重み行列
#   - 活性化関数は `tanh`

# In[16]:


class RNN:
    def __init__(self, Wx, Wh, b):
        self.params = [Wx, Wh, b]
        self.grads = [np.zeros_like(Wx), np.zeros_like(Wh), np.zeros_like(b)]
        self.cache = None

    def forward(self, x, h_prev):
        '''
        引数：dh_prev　前の層からの中間層
        返り値：h_next　次の層に渡す中間層　
        '''
        Wx, Wh, b = self.params 
        t = b + np.dot(x, Wx) + np.dot(h_prev, Wh) ######問1.1.1######
        h_next = np.tanh(t) 

        self.cache = (x, h_prev, h_next)
        return h_next

    def backward(self, dh_next):
        Wx, Wh, b = self.params
        x, h_prev, h_next = self.cache

        dt = dh_next * (1 - h_next**2) ######問1.1.3######
        db = np.sum(dt, axis = 0) ######問1.1.4######
        dWh = np.dot(h_prev.T, dt) ######問1.1.5######
        dh_prev = np.dot(dt, Wh.T) ######問1.1.6######
        dWx = np.dot(x.T, dt)  ######問1.1.7######
        dx = np.dot(dt, Wx.T)   ######問1.1.8######

        self.grads[0][...] = dWx
        self.grads[1][...] = dWh
        self.grads[2][...] = db

        return dx, dh_prev


# ### TimeRNNクラス
# 問1-2. <font color="Red">TimeRNNクラスを完成させてください。</font>
# 
# TimeRNNクラスの仕様は以下の通りです。
#   
#   1. 順伝播
#       
#       - 時刻`t`を時系列分だけfor文でループさせます
#       - 順伝播により計算した隠れ層をメンバ変数`h`として格納します
#       - 順伝播時には<font color="Red">メンバ変数`h`と入力データのうち時刻`t`に対応するデータを使用して</font>出力を計算します
#       
#   1. 逆伝播
#       - 今回のタスクにおいては、全時刻において次単語を予測し、その予測について損失が計算される、即ち勾配が入力されてくるため、逆伝播の入力`dhs`の想定される形は（バッチサイズ）×（単語数=時刻数）×（RNNの出力次元数）となります
#       - 各時刻において、<font color="Red">次の時刻から伝播してきた勾配と現時刻における出力から伝播してきた勾配との和</font>を入力としてRNN層の逆伝播を計算します
#   
# また、今回のタスクにおける少々特殊な処理に対応するためや、この後実装する別タスクにおいても汎用的に使用するためにいくつか細かい仕様を加えます。
# 実装上の細かい仕様のため、問題にはしていませんが、参考にしてください。
# 
#   1. stateful
#     - 今回のタスクにおける目的はRNNネットワークが正しく実装できていることです。簡単に学習が成功していることを確認するため、（実務的にも用いられることのある）Truncated BPTT という少々特殊な処理を行います。
#     - 今回のタスクでは、入力する単語数（時刻数）として1000程度を入力していますが、この単語全てを順伝播させて逆伝播を計算し、ようやくパラメータ更新を1度行うというのでは効率が悪いため、順伝播は1000単語で行うものの逆伝播を5単語程度で区切って行う Truncated BPTT という方式を取っています。
#       1. まず、連続する5単語（例えば1~5番）を入力として順伝播・逆伝播・パラメータ更新を行います。
#       1. その際、順伝播の最終時刻における隠れ層`h`の値をメンバ変数として保持しておきます。
#       1. 次に5単語（先の例では6~10番）を入力として順伝播・逆伝播・パラメータ更新を行いますが、その際に初期入力の`h`を0で初期化せず、前から保持しているメンバ変数`h`の値をそのまま使用します。
#       1. このことにより、逆伝播は5単語単位で行われますが、順伝播は最初の単語から順にずっと計算されてきた値を使用することができます。
#       1. `stateful`がTrueの際にこのメンバ変数`h`の保持を行います。Falseの場合には`forward`関数が呼ばれるたびに`h`がリセット、即ち0で初期化されます。
#     
#   1. set_state
#     - 内部状態`h`を外から設定するための関数です。
#   
#   1. reset_state
#     - 内部状態`h`を外から削除するための関数です。
#   
#   1. params や grads としてパラメータ・勾配をまとめる
#     - 後でネットワーククラスを定義した際に、パラメータ更新などを楽に実行するための処理です。
#   1. backward における入力dhsの次元数による場合分け
#     - 今回のタスクでは全時刻において勾配が逆伝播してくるため、`dhs`の想定される形は（バッチサイズN）×（単語数=時刻数T）×（RNNの出力次元数H）となりますが、この後別のタスクを解く際には、全時刻ではなく最終時刻の出力のみから勾配が伝播してきます。
#     - この場合、dhsの次元数が違うため三次元に拡張することが必要になります。
#     - 最終時刻の出力のみから伝播してきたdhs の形は`(N,T,D)`のうち、`(N,D)`となっています。
#     - 最終時刻以外の勾配については何も伝播してきていないことから、全て0とすることで問題なく計算がなされます。
#     - 以上のことから、まず`np.zeros((N,T,D))`によって勾配の形を整え、その勾配の`[:,-1,:]`に対して入力された最終時刻における勾配を代入することで変わらず逆伝播を行うことができます。

# In[17]:


class TimeRNN:
    def __init__(self,input_size, output_size, stateful=False):
        D, H = input_size, output_size
        rn = np.random.randn
        np.random.seed(0)

        # 重みの初期化
        Wx = (rn(D, H) / np.sqrt(D)).astype('f')
        Wh = (rn(H, H) / np.sqrt(H)).astype('f')
        b = np.zeros(H).astype('f')

        self.params = [Wx, Wh, b]
        self.grads = [np.zeros_like(Wx), np.zeros_like(Wh), np.zeros_like(b)]
        self.layers = None

        self.h, self.dh = None, None
        self.stateful = stateful
        self.input_shapes = None

    def forward(self, xs):
        Wx, Wh, b = self.params
        N, T, D = xs.shape
        D, H = Wx.shape
        self.input_shapes = [N,T,D]

        self.layers = []
        hs = np.empty((N, T, H), dtype='f')

        if not self.stateful or self.h is None:
            self.h = np.zeros((N, H), dtype='f')

        for t in range(T):
            layer = RNN(*self.params) #引数をself.params配列でまとめて引数を設定する
            self.h = layer.forward(xs[:, t, :], self.h) ######問1.2.1###### 第二引数をhs[:, t, :]とすると次の層に引き継げない
            hs[:, t, :] = self.h
            self.layers.append(layer)
        return hs

    def backward(self, dhs):
        Wx, Wh, b = self.params
        N, T, D = self.input_shapes
        D, H = Wx.shape
        
        if dhs.ndim == 2: #t=-1として，dhsを３次元にする
            temp = np.zeros((N,T,H))
            temp[:,-1,:] = dhs
            dhs = temp
        
        N, T, H = dhs.shape

        dxs = np.empty((N, T, D), dtype='f')
        dh = 0
        grads = [0, 0, 0]
        for t in reversed(range(T)):
            layer = self.layers[t]
            dx, dh = layer.backward(dhs[:, t, :] + dh) ######問1.2.2###### 
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

# ## LSTM
# ### LSTMクラス
# 
# 問2-1. <font color="Red">LSTMクラスを完成させてください。</font>
# 
# LSTMクラスの仕様はRNNクラスとほとんど同じです。
# 
# 各ゲートの計算と通常の順伝播の計算に使用するパラメータを行列にまとめ、一行で計算できるように実装しています。
# 
# f,g,i,o はそれぞれ、忘却ゲート・入力からの順伝播・入力ゲート・出力ゲートを表しています。
# 
# <img src="lstm_image.png">

# In[ ]:


class LSTM:
    def __init__(self, Wx, Wh, b):
        self.params = [Wx, Wh, b]
        self.grads = [np.zeros_like(Wx), np.zeros_like(Wh), np.zeros_like(b)]
        self.cache = None

    def forward(self, x, h_prev, c_prev):
        Wx, Wh, b = self.params
        N, H = h_prev.shape

        A = np.dot(x, Wx) + np.dot(h_prev, Wh) + b ######問2.1.1######

        f = A[:, :H]
        g = A[:, H:2*H]
        i = A[:, 2*H:3*H]
        o = A[:, 3*H:]

        f = sigmoid(f) ######問2.1.2######
        g = np.tanh(g) ######問2.1.3######
        i = sigmoid(i) ######問2.1.4######
        o = sigmoid(o) ######問2.1.5######

        c_next = f * c_prev + i * g ######問2.1.6######
        h_next = o * np.tanh(c_next) ######問2.1.7######

        self.cache = (x, h_prev, c_prev, i, f, g, o, c_next)
        return h_next, c_next

    def backward(self, dh_next, dc_next):
        Wx, Wh, b = self.params
        x, h_prev, c_prev, i, f, g, o, c_next = self.cache

        tanh_c_next = np.tanh(c_next)
        
        #dsはdc_nextとc_nextに分岐する前の状態の逆伝播。上図参照。tanhxの微分は1-tanh^2xとなる。
        ds = dc_next + (dh_next * o) * (1 - tanh_c_next ** 2) ######問2.1.8######

        dc_prev = ds * f ######問2.1.9######

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


# ### TimeLSTMクラス
# 
# 問2-2. <font color="Red">TimeLSTMクラスを完成させてください。</font>
# 
# TimeRNNと同じように実装します。
# 
# SimpleRNN のときと違って、重みの初期化に注意を払う必要があります。
# LSTMでは最初に1ステップの処理をLSTMクラスとして実装し、Tステップ分まとめて処理するクラスをTimeLSTMとして実装します。ここで注目したいのがf, g, i, oの4つのアフィン変換です。LSTMでは4つの式により個別に計算を行っていますが、TimeLSTMではひとつの式でまとめて計算することで高速化するという工夫をしています。というのも、行列のライブラリは大きな行列としてまとめて計算した方が多くの場合速くなるからです。結論として個別に行っていたアフィン変換を1回の計算で済ませるため、4つの重みをひとつにまとめる必要があります。そこでWx, Whの式における重みHを事前に4倍しておきましょう。

# In[ ]:


class TimeLSTM:
    def __init__(self, input_size, output_size, stateful=False):
        D,H = input_size, output_size
        rn = np.random.randn
        np.random.seed(0)
        
        Wx = (rn(D, 4 * H) / np.sqrt(D)).astype('f') ######問2.2.1######
        Wh = (rn(H, 4 * H) / np.sqrt(H)).astype('f') ######問2.2.2###### 
        b = np.zeros(4 * H).astype('f') ######問2.2.3###### 

        self.params = [Wx, Wh, b]
        self.grads = [np.zeros_like(Wx), np.zeros_like(Wh), np.zeros_like(b)]
        self.layers = None

        self.h, self.c = None, None
        self.dh = None
        self.stateful = stateful
        self.input_shapes = None

    def forward(self, xs):
        Wx, Wh, b = self.params
        N, T, D = xs.shape
        H = Wh.shape[0]
        self.input_shapes = [N,T,D]

        self.layers = []
        hs = np.empty((N, T, H), dtype='f')

        if not self.stateful or self.h is None:
            self.h = np.zeros((N, H), dtype='f')
        if not self.stateful or self.c is None:
            self.c = np.zeros((N, H), dtype='f')

        for t in range(T):
            layer = LSTM(*self.params)
            self.h, self.c = layer.forward(xs[:, t, :], self.h, self.c) ######問2.2.4###### 
            hs[:, t, :] = self.h

            self.layers.append(layer)

        return hs

    def backward(self, dhs):
        Wx, Wh, b = self.params
        H = Wh.shape[0]
        N, T, D = self.input_shapes
        
        if dhs.ndim == 2:
            temp = np.zeros((N,T,H))
            temp[:,-1,:] = dhs
            dhs = temp
  
        N, T, H = dhs.shape
 
        dxs = np.empty((N, T, D), dtype='f')
        dh, dc = 0, 0

        grads = [0, 0, 0]
        for t in reversed(range(T)):
            layer = self.layers[t]
            dx, dh, dc = layer.backward(dxs[:, t, :] + dh, dc)######問2.2.5###### 
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
