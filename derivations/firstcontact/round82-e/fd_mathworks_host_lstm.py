# FD check of the MathWorks host LSTM (lstmForward.m / lstmBackward.m), transcribed to numpy.
# Layout: X (D,N,S), W (4H,D), R (4H,H), b (4H,1), c0,y0 (H,1); gates stacked [i; f; z; o]
# (gateIndices: iInd=1:H, fInd=H+1:2H, zInd=2H+1:3H, oInd=3H+1:4H). Loss L = sum_t <dZ_t, Y_t>.
import numpy as np
rng = np.random.default_rng(2)
D, H, N = 3, 4, 2
iI, fI, zI, oI = (slice(k * H, (k + 1) * H) for k in range(4))
sig = lambda a: 1 / (1 + np.exp(-a))

def forward(X, W, R, b, c0, y0):
    S = X.shape[2]; G = np.zeros((4 * H, N, S)); Y = np.zeros((H, N, S)); C = np.zeros((H, N, S))
    for tt in range(S):
        yprev = y0 if tt == 0 else Y[:, :, tt - 1]
        cprev = c0 if tt == 0 else C[:, :, tt - 1]
        G[:, :, tt] = W @ X[:, :, tt] + R @ yprev + b                  # lines 49 / 60
        G[zI, :, tt] = np.tanh(G[zI, :, tt])                           # line 80
        for s in (iI, fI, oI): G[s, :, tt] = sig(G[s, :, tt])          # line 81
        C[:, :, tt] = G[zI, :, tt] * G[iI, :, tt] + G[fI, :, tt] * cprev   # lines 55 / 66
        Y[:, :, tt] = np.tanh(C[:, :, tt]) * G[oI, :, tt]              # line 72
    return Y, C, G

# helper derivatives, lines 277-313
oD = lambda dZ, R, dG: dZ + R[zI].T @ dG[zI] + R[iI].T @ dG[iI] + R[fI].T @ dG[fI] + R[oI].T @ dG[oI]
ogD = lambda dY, tC, Go: dY * tC * Go * (1 - Go)
cD = lambda dY, Go, tC, dcpp, Gfpp: dY * Go * (1 - tC**2) + dcpp * Gfpp
fD = lambda dc, Cmm, Gf: dc * Cmm * Gf * (1 - Gf)
iD = lambda dc, Gz, Gi: dc * Gz * Gi * (1 - Gi)
zD = lambda dc, Gi, Gz: dc * Gi * (1 - Gz**2)
xD = lambda W, dG: W[zI].T @ dG[zI] + W[iI].T @ dG[iI] + W[fI].T @ dG[fI] + W[oI].T @ dG[oI]

def backward(X, W, R, b, c0, y0, Y, C, G, dZ):
    S = X.shape[2]; dG = np.zeros((4 * H, N)); dX = np.zeros_like(X)
    dW = np.zeros_like(W); dR = np.zeros_like(R); db = np.zeros_like(b)
    y0 = np.repeat(y0, N, 1)                                           # line 112
    def step(tt, dY, dC_next, first):
        nonlocal dW, dR, db
        tC = np.tanh(C[:, :, tt])
        dG[oI] = ogD(dY, tC, G[oI, :, tt])
        dC = dY * G[oI, :, tt] * (1 - tC**2) if first else cD(dY, G[oI, :, tt], tC, dC_next, G[fI, :, tt + 1])
        dG[fI] = fD(dC, c0 if tt == 0 else C[:, :, tt - 1], G[fI, :, tt])
        dG[iI] = iD(dC, G[zI, :, tt], G[iI, :, tt])
        dG[zI] = zD(dC, G[iI, :, tt], G[zI, :, tt])
        dX[:, :, tt] = xD(W, dG)
        dW = dW + dG @ X[:, :, tt].T
        dR = dR + dG @ (y0 if tt == 0 else Y[:, :, tt - 1]).T
        db = db + dG.sum(1, keepdims=True)
        return dC
    if S > 1:
        dC = step(S - 1, dZ[:, :, S - 1], None, True)                  # lines 118-149
        for tt in range(S - 2, 0, -1):                                 # lines 152-188
            dC = step(tt, oD(dZ[:, :, tt], R, dG), dC, False)
        step(0, oD(dZ[:, :, 0], R, dG), dC, False)                     # lines 193-227
    else:
        step(0, dZ[:, :, 0], None, True)                               # lines 232-263
    return dX, dW, dR, db

def check(S):
    X = rng.normal(0, 1, (D, N, S)); W = rng.normal(0, .5, (4 * H, D)); R = rng.normal(0, .5, (4 * H, H))
    b = rng.normal(0, .5, (4 * H, 1)); c0 = rng.normal(0, .5, (H, 1)); y0 = rng.normal(0, .5, (H, 1))
    dZ = rng.normal(0, 1, (H, N, S))
    L = lambda: np.sum(dZ * forward(X, W, R, b, c0, y0)[0])
    def num(A, eps=1e-6):
        g = np.zeros_like(A)
        for i in np.ndindex(A.shape):
            o = A[i]; A[i] = o + eps; lp = L(); A[i] = o - eps; lm = L(); A[i] = o; g[i] = (lp - lm) / (2 * eps)
        return g
    Y, C, G = forward(X, W, R, b, c0, y0)
    dX, dW, dR, db = backward(X, W, R, b, c0, y0, Y, C, G, dZ)
    for name, a, A in (("dX", dX, X), ("dW", dW, W), ("dR", dR, R), ("db", db, b)):
        ref = num(A); err = np.max(np.abs(a - ref)) / np.max(np.abs(ref))
        print(f"S={S} {name:3s} (lines 118-263 with helpers 277-313) rel.err={err:9.2e}  {'AGREE' if err < 1e-5 else 'DISAGREE'}")
check(4)   # S>1 branch: tt=S, loop, tt=1
check(1)   # S=1 branch
