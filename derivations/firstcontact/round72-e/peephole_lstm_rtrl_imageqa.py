# source: https://github.com/renmengye/image-qa/blob/0406878a3b9b3d7a4c38a63d2143bd39d4432eb1/code/lstm.py (Mengye Ren (renmengye), image-qa, numpy LSTM with full-matrix peephole connections W_ci, W_cf, W_co and a bias column, gradient computed by forward-mode sensitivities dY/dW, dC/dW through time (RTRL-style) and contracted with dE/dY; commit 0406878 "fix error", 2015-01-13, Python 2). Kept verbatim: file lines 1-54 (imports, class line, __init__), 93-251 (forwardPass, backPropagate for a single sequence) and 418-428 (sliceWeights). Cut: chkgrd (lines 55-92, a finite-difference check that only prints), forwardPassAll/backPropagateAll (batched copies, lines 253-417) and the __main__ block.
from scipy import special
from util_func import *

class LSTM:
    def __init__(self,
                 inputDim,
                 memoryDim,
                 initRange=1.0,
                 initSeed=2,
                 needInit=True,
                 W=0):
        self.inputDim = inputDim
        self.memoryDim = memoryDim

        if needInit:
            np.random.seed(initSeed)
            Wxi = np.random.rand(self.memoryDim, self.inputDim) * initRange
            Wxf = np.random.rand(self.memoryDim, self.inputDim) * initRange
            Wxc = np.random.rand(self.memoryDim, self.inputDim) * initRange
            Wxo = np.random.rand(self.memoryDim, self.inputDim) * initRange
            Wyi = np.random.rand(self.memoryDim, self.memoryDim) * initRange
            Wyf = np.random.rand(self.memoryDim, self.memoryDim) * initRange
            Wyc = np.random.rand(self.memoryDim, self.memoryDim) * initRange
            Wyo = np.random.rand(self.memoryDim, self.memoryDim) * initRange
            Wci = np.random.rand(self.memoryDim, self.memoryDim) * initRange
            Wcf = np.random.rand(self.memoryDim, self.memoryDim) * initRange
            Wco = np.random.rand(self.memoryDim, self.memoryDim) * initRange
            # Wbi = np.random.rand(self.memoryDim, 1) * initRange
            # Wbf = np.random.rand(self.memoryDim, 1) * initRange
            # Wbc = np.random.rand(self.memoryDim, 1) * initRange
            # Wbo = np.random.rand(self.memoryDim, 1) * initRange
            Wbi = np.ones((self.memoryDim, 1), float)
            Wbf = np.zeros((self.memoryDim, 1), float)
            Wbc = np.zeros((self.memoryDim, 1), float)
            Wbo = np.ones((self.memoryDim, 1), float)

            Wi = np.concatenate((Wxi, Wyi, Wci, Wbi), axis=1)
            Wf = np.concatenate((Wxf, Wyf, Wcf, Wbf), axis=1)
            Wc = np.concatenate((Wxc, Wyc, Wbc), axis=1)
            Wo = np.concatenate((Wxo, Wyo, Wco, Wbo), axis=1)
            self.W = np.concatenate((Wi, Wf, Wc, Wo), axis = 1)
            #self.W = np.random.rand(self.memoryDim, self.inputDim * 4 + self.memoryDim * 7 + 4) * initRange - initRange / 2.0
        else:
            self.W = W

        self.X = 0
        self.Y = 0
        self.C = 0
        self.Z = 0
        self.Gi = 0
        self.Gf = 0
        self.Go = 0
        pass

    def forwardPass(self, X):
        if len(X.shape) == 3:
            return self.forwardPassAll(X)
        timespan = X.shape[0]
        Y = np.zeros((timespan, self.memoryDim), float)
        C = np.zeros((timespan, self.memoryDim), float)
        Z = np.zeros((timespan, self.memoryDim), float)
        Gi = np.zeros((timespan, self.memoryDim), float)
        Gf = np.zeros((timespan, self.memoryDim), float)
        Go = np.zeros((timespan, self.memoryDim), float)
        Wi, Wf, Wc, Wo = self.sliceWeights(self.inputDim, self.memoryDim, self.W)

        for t in range(0, timespan):
            # In forward pass initial stage -1 is empty, equivalent to zero.
            # Need to explicitly pass zero in backward pass.
            states1 = np.concatenate((X[t, :], Y[t-1, :], C[t-1, :], np.ones(1, float)))
            states2 = np.concatenate((X[t, :], Y[t-1, :], np.ones(1, float)))
            Gi[t, :] = special.expit(np.dot(Wi, states1))
            Gf[t, :] = special.expit(np.dot(Wf, states1))
            Z[t, :] = np.tanh(np.dot(Wc, states2))
            C[t, :] = Gf[t, :] * C[t-1, :] + Gi[t, :] * Z[t, :]
            states3 = np.concatenate((X[t, :], Y[t-1, :], C[t, :], np.ones(1, float)))
            Go[t, :] = special.expit(np.dot(Wo, states3))
            Y[t, :] = Go[t, :] * np.tanh(C[t, :])

        self.X = X
        self.Y = Y
        self.C = C
        self.Z = Z
        self.Gi = Gi
        self.Gf = Gf
        self.Go = Go

        return Y

    def backPropagate(self, dEdY, outputdEdX=True):
        if len(self.X.shape) == 3:
            return self.backPropagateAll(dEdY, outputdEdX)
        X = self.X
        Y = self.Y
        C = self.C
        Z = self.Z
        Gi = self.Gi
        Gf = self.Gf
        Go = self.Go
        timespan = Y.shape[0]
        Wi, Wf, Wc, Wo = self.sliceWeights(self.inputDim, self.memoryDim, self.W)
        Wxi = Wi[:, 0 : self.inputDim]
        Wyi = Wi[:, self.inputDim : self.inputDim + self.memoryDim]
        Wci = Wi[:, self.inputDim + self.memoryDim : self.inputDim + self.memoryDim + self.memoryDim]
        Wxf = Wf[:, 0 : self.inputDim]
        Wyf = Wf[:, self.inputDim : self.inputDim + self.memoryDim]
        Wcf = Wf[:, self.inputDim + self.memoryDim : self.inputDim + self.memoryDim + self.memoryDim]
        Wxc = Wc[:, 0 : self.inputDim]
        Wyc = Wc[:, self.inputDim : self.inputDim + self.memoryDim]
        Wxo = Wo[:, 0 : self.inputDim]
        Wyo = Wo[:, self.inputDim : self.inputDim + self.memoryDim]
        Wco = Wo[:, self.inputDim + self.memoryDim : self.inputDim + self.memoryDim + self.memoryDim]

        # Calculate dEdW
        # dY_ti__dW_kl -> (t, k, l, j)
        dYdW = np.zeros((timespan, self.memoryDim, self.inputDim * 4 + self.memoryDim * 7 + 4, self.memoryDim), float)
        dCdW = np.zeros((timespan, self.memoryDim, self.inputDim * 4 + self.memoryDim * 7 + 4, self.memoryDim), float)

        for t in range(0, timespan):
            if t == 0:
                Yt1 = np.zeros(self.memoryDim, float)
                Ct1 = np.zeros(self.memoryDim, float)
            else:
                Yt1 = Y[t-1, :]
                Ct1 = C[t-1, :]
            states1 = np.concatenate((X[t, :], Yt1, Ct1, np.ones(1, float)))
            states2 = np.concatenate((X[t, :], Yt1, np.ones(1, float)))
            states3 = np.concatenate((X[t, :], Yt1, C[t, :], np.ones(1, float)))

            dGi_i__dW_kl = np.inner(dYdW[t-1, :, :, :], Wyi) + \
                           np.inner(dCdW[t-1, :, :, :], Wci)
            dGi_i__dW_kl += np.eye(self.memoryDim).reshape(self.memoryDim, 1, self.memoryDim) * \
                            np.concatenate((
                            states1.reshape(1, states1.size, 1),
                            np.zeros((1, states1.size + states2.size + states3.size, 1), float)),
                            axis=1)
            dGi_i__dW_kl *= Gi[t, :] * (1 - Gi[t, :])
            dGf_i__dW_kl = np.inner(dYdW[t-1, :, :, :], Wyf) + \
                           np.inner(dCdW[t-1, :, :, :], Wcf)
            dGf_i__dW_kl += np.eye(self.memoryDim).reshape(self.memoryDim, 1, self.memoryDim) * \
                            np.concatenate((
                            np.zeros((1, states1.size, 1), float),
                            states1.reshape(1, states1.size, 1),
                            np.zeros((1, states2.size + states3.size, 1), float)),
                            axis=1)
            dGf_i__dW_kl *= Gf[t, :] * (1 - Gf[t, :])
            dZ_i__dW_kl = np.inner(dYdW[t-1, :, :, :], Wyc)
            dZ_i__dW_kl += np.eye(self.memoryDim).reshape(self.memoryDim, 1, self.memoryDim) * \
                           np.concatenate((
                           np.zeros((1, states1.size * 2, 1), float),
                           states2.reshape(1, states2.size, 1),
                           np.zeros((1, states3.size, 1), float)),
                           axis=1)
            dZ_i__dW_kl *= 1 - np.power(Z[t, :], 2)
            dCdW[t, :, :, :] = dGf_i__dW_kl * Ct1 + \
                               Gf[t, :] * dCdW[t-1, :, :, :] + \
                               dGi_i__dW_kl * Z[t, :] + \
                               Gi[t, :] * dZ_i__dW_kl
            dGo_i__dW_kl = np.inner(dYdW[t-1, :, :, :], Wyo) + \
                           np.inner(dCdW[t, :, :, :], Wco)
            dGo_i__dW_kl += np.eye(self.memoryDim).reshape(self.memoryDim, 1, self.memoryDim) * \
                            np.concatenate((
                            np.zeros((1, states1.size * 2 + states2.size, 1), float),
                            states3.reshape(1, states3.size, 1)),
                            axis=1)
            dGo_i__dW_kl *= Go[t, :] * (1 - Go[t, :])
            U = np.tanh(C[t, :])
            dYdW[t, :, :, :] = dGo_i__dW_kl * U + \
                               Go[t, :] * (1 - np.power(U, 2)) * dCdW[t, :, :, :]

        dEdW = np.tensordot(dYdW, dEdY, axes=([3, 0], [1, 0]))

        # Calculate dEdX
        # dY_ti__dXtau_j -> (t, tau, j, i)
        if outputdEdX:
            dYdX = np.zeros((timespan, timespan, self.inputDim, self.memoryDim), float)
            dCdX = np.zeros((timespan, timespan, self.inputDim, self.memoryDim), float)

            for t in range(0, timespan):
                if t == 0:
                    Ct1 = np.zeros(self.memoryDim, float)
                else:
                    Ct1 = C[t-1, :]

                dGi_i__dX_tj = np.inner(dYdX[t-1, :, :, :], Wyi) + \
                               np.inner(dCdX[t-1, :, :, :], Wci)
                dGi_i__dX_tj[t, :, :] += np.transpose(Wxi)
                dGi_i__dX_tj *= Gi[t, :] * (1 - Gi[t, :])
                dGf_i__dX_tj = np.inner(dYdX[t-1, :, :, :], Wyf) + \
                               np.inner(dCdX[t-1, :, :, :], Wcf)
                dGf_i__dX_tj[t, :, :] += np.transpose(Wxf)
                dGf_i__dX_tj *= Gf[t, :] * (1 - Gf[t, :])
                dZ_i__dX_tj = np.inner(dYdX[t-1, :, :, :], Wyc)
                dZ_i__dX_tj[t, :, :] += np.transpose(Wxc)
                dZ_i__dX_tj *= 1 - np.power(Z[t, :], 2)
                dCdX[t, :, :, :] = dGf_i__dX_tj * Ct1 + \
                                   Gf[t, :] * dCdX[t-1, :, :, :] + \
                                   dGi_i__dX_tj * Z[t, :] + \
                                   Gi[t, :] * dZ_i__dX_tj
                dGo_i__dX_tj = np.inner(dYdX[t-1, :, :, :], Wyo) + \
                               np.inner(dCdX[t, :, :, :], Wco)
                dGo_i__dX_tj[t, :, :] += np.transpose(Wxo)
                dGo_i__dX_tj *= Go[t, :] * (1 - Go[t, :])

                U = np.tanh(C[t, :])
                dYdX[t, :, :, :] = dGo_i__dX_tj * U + \
                                   Go[t, :] * (1 - np.power(U, 2)) * dCdX[t, :, :, :]

            dEdX = np.tensordot(dYdX, dEdY, axes=([3, 0], [1, 0]))
        else:
            dEdX = 0

        return dEdW, dEdX
    @staticmethod
    def sliceWeights(inputDim, memoryDim, W):
        s1 = inputDim + memoryDim * 2 + 1
        s2 = s1 * 2
        s3 = s2 + inputDim + memoryDim + 1
        s4 = s3 + s1
        Wi = W[:, 0 : s1]
        Wf = W[:, s1 : s2]
        Wc = W[:, s2 : s3]
        Wo = W[:, s3 : s4]
        return Wi, Wf, Wc, Wo
