# source: https://github.com/explosion/thinc/blob/47b008156350956ec7ffc6153a567f318f623551/thinc/backends/ops.py (Explosion / Matthew Honnibal, thinc deep-learning library, file thinc/backends/ops.py at tag v8.0.0rc4 = commit 47b0081 of 2021-01-18; the LSTM code was added in 571c96f "Fix ops after lstm" of 2020-01-20 and replaced by 2ff7eb3 "LSTM layers (#459)" of 2021-01-20, so it shipped in v8.0.0a0 ... v8.0.0rc4; thinc/layers/lstm.py of the same tag calls ops.recurrent_lstm / ops.backprop_recurrent_lstm; NumpyOps and CupyOps do not override them). Kept verbatim: original lines 617-641 (Ops.recurrent_lstm, Ops.backprop_recurrent_lstm, 4-space class indentation kept) and 844-1030 (the LSTM notation docstring, recurrent_lstm_forward, lstm_stepper_forward, backprop_recurrent_lstm, backprop_lstm_stepper, lstm_weights_forward, backprop_lstm_weights, lstm_gates_forward, backprop_lstm_gates, sigmoid, dsigmoid, dtanh). Cut: imports and all other Ops methods (original lines 1-616, 642-843), marked by the one "# >>> cut" comment added by the annotator. Ops.alloc2f/alloc3f return zero-filled float32 arrays; get_array_module returns numpy for numpy input.
    def recurrent_lstm(
        self,
        W: Floats2d,
        b: Floats1d,
        h_init: Floats1d,
        c_init: Floats1d,
        inputs: Floats3d,
        is_train: bool = True,
    ) -> Tuple[Floats3d, Tuple[Floats3d, Floats3d, Floats3d]]:
        Y, (G, C, S) = recurrent_lstm_forward(W, b, h_init, c_init, inputs)
        return Y, (G, C, S)

    def backprop_recurrent_lstm(
        self,
        dY: Floats3d,
        fwd_state: Tuple[Floats3d, Floats3d, Floats3d],
        params: Tuple[Floats2d, Floats1d],
    ) -> Tuple[Floats3d, Tuple[Floats2d, Floats1d, Floats1d, Floats1d]]:
        dCt = self.alloc2f(dY.shape[1], dY.shape[2])
        empty_row = self.alloc3f(1, dY.shape[1], dY.shape[2])
        # Offset dY by 1
        dY = self.xp.vstack((empty_row, dY))
        dW, db, dX, dY, dC0 = backprop_recurrent_lstm(dY, dCt, (fwd_state, params))
        return dX, (dW, db, dY[0].sum(axis=0), dC0.sum(axis=0))

# >>> cut (original lines 642-843)
"""
LSTM Notation (kind of involved, but made it a lot easier to write)

X: Inputs
Y: Outputs (aka hiddens)
C: Cells
G: Gates (Output of non-linearity, i.e. lstm_gates(X @ W.T)
A: Activations (X @ W.T, before non-linearity)

Imagine we have the input:
batch = [
    ["apple", "banana", "cantaloupe", "date", "elderberry"],
    ["aardvark", "bat", "capybara", "dingo", "elephant"]
]

The input variable X will have one vector per word, so X[0, 1] will be banana's
vector, X[0, 1, 0] will be a float, the first element of that vector.

We're computing an output variable Y of shape (nL, nB, nO), so that Y[0, 1] is
the output variable of banana.

A problem with variables for RNNs is keeping the timesteps straight. It's hard
to distinguish the current, previous, and next timesteps. To solve this problem,
we follow the convention that **we are at timestep 3**.

Additionally, the variables for Y and C are offset by one, as the 0th elements
have the initial hiddens and initial cells. So:

    t=3
    Xt3: The input vectors for 'dingo' and 'date', i.e. X[t]
    Yt3: The output vectors for 'dingo' and 'date', i.e. Y[t+1] (Y is offset.)
    Ct2: The cells calculated at 'c...', that are the input for 'd...'
    Ct3: The cells calculated at 'd...', that are the input for 'e...'
    At3: The activations at 'd...'
    Gt3: The gates at 'd...'
"""


def recurrent_lstm_forward(W, b, c_init, h_init, X):
    xp = get_array_module(W)
    nL, nB, nI = X.shape
    nO = h_init.shape[0]
    # Preallocate these so we can pass them through for loop.
    Y = xp.zeros((nL + 1, nB, nO), dtype="f")
    G = xp.zeros((nL, nB, nO * 4), dtype="f")
    C = xp.zeros((nL + 1, nB, nO), dtype="f")
    # Set initial hidden and cell states. The Y and C will be shifted 1,
    # so that we can have fewer arrays.
    Y[0] = h_init
    C[0] = c_init
    state = ((W, b, X), (Y, C, G))
    for i in range(X.shape[0]):
        state = lstm_stepper_forward(i, state)
    (W, b, X), (Y, C, G) = state
    # Recall that Y and C are both offset by 1. Y[1] is the output for
    # X[1], while Y[0] was used as an input for Y[1]. We use
    # the S values to backprop the weights, so we need X the previous Ys.
    S = xp.concatenate((X, Y[:-1]), axis=-1)
    return Y[1:], (G, C, S)


def lstm_stepper_forward(t, state):
    (W, b, X), (Y, C, G) = state
    # Get the activations for this timestep.
    At3 = lstm_weights_forward(X[t], Y[t], W, b)
    # The offsets here are a bit unintuitive, because Y and C are 1-offset.
    Ct2 = C[t]
    Yt3, Ct3, Gt3 = lstm_gates_forward(At3, Ct2)
    Y[t + 1] = Yt3
    C[t + 1] = Yt3
    G[t] = Gt3
    return (W, b, X), (Y, C, G)


def backprop_recurrent_lstm(dY, dCt, fwd_vars):
    xp = get_array_module(dY)
    (G, C, S), (W, b) = fwd_vars
    nL = S.shape[0]
    nB = dY.shape[1]
    nI = S.shape[2] - dY.shape[2]
    # Preallocate these so we can pass them through for loop.
    dX = xp.zeros((nL, nB, nI), dtype="f")
    dW = xp.zeros(W.shape, dtype="f")
    db = xp.zeros(b.shape, dtype="f")
    state = (
        (dW, db, dX),  # The gradi-outs (Write-only)
        (dY, dCt),  # The gradi-ins  (Read and write)
        (G, C, S),  # Forward state  (Read-only)
        (W, b),  # Params         (Read-only)
    )
    for t in range(nL - 1, -1, -1):
        state = backprop_lstm_stepper(t, state)
    (dW, db, dX), (dY, dCt), (G, C, S), (W, b) = state
    return dW, db, dX, dY, dCt


def backprop_lstm_stepper(t, state):
    (dW, db, dX), (dY, dCt3), (G, C, S), (W, b) = state
    # Recall, we're at step 3, Y and C are offset by 1. See above.
    dYt3 = dY[t + 1]
    Ct3 = C[t + 1]
    St3 = S[t]
    Gt3 = G[t]
    Ct2 = C[t]
    dAt3, dCt2 = backprop_lstm_gates(dCt3, dYt3, Gt3, Ct3, Ct2)
    dXt3, dYt2, dW3, db3 = backprop_lstm_weights(dAt3, (St3, W, b))
    dX[t] = dXt3
    dY[t] = dYt2
    return (dW + dW3, db + db3, dX), (dY, dCt2), (G, C, S), (W, b)


def lstm_weights_forward(Xt3, Yt2, W, b):
    xp = get_array_module(Yt2)
    St3 = xp.concatenate((Xt3, Yt2), axis=-1)
    At3 = St3 @ W.T + b
    return At3


def backprop_lstm_weights(dAt3, fwd_state):
    St3, W, b = fwd_state
    dW = dAt3.T @ St3
    db = dAt3.sum(axis=0)
    dSt3 = dAt3 @ W
    nO = W.shape[0] // 4
    nI = St3.shape[1] - nO
    dXt3 = dSt3[:, :nI]
    dYt2 = dSt3[:, nI:]
    return dXt3, dYt2, dW, db


def lstm_gates_forward(At3, Ct2):
    xp = get_array_module(At3)
    # hf, hi, ho, hc: Forget, input, output, cell gates.
    At3_hf, At3_hi, At3_ho, At3_hc = xp.split(At3, 4, axis=-1)
    # Number the steps here, to refer back for backward pass.
    # 1. Activations
    hf = sigmoid(At3_hf)  # 1a
    hi = sigmoid(At3_hi)  # 1b
    ho = sigmoid(At3_ho)  # 1c
    hc = xp.tanh(At3_hc)  # 1d

    Ct3 = hf * Ct2  # 2a
    Ct3 += hi * hc  # 2b
    tanhCt3 = xp.tanh(Ct3)  # 3a
    Yt3 = tanhCt3 * ho  # 3b
    # We don't need the gradient for this, it's just for backprop calculation.
    Gt3 = xp.concatenate((hf, hi, ho, hc), axis=-1)
    return Yt3, Ct3, Gt3


def backprop_lstm_gates(
    dYt3: Array2d, dCt3: Array2d, Gt3: Array2d, Ct3: Array2d, Ct2: Array2d
) -> Tuple[Array3d, Array2d]:
    # See above for notation. Step numbering refers to forward_lstm_gates
    xp = get_array_module(dYt3)
    hf, hi, ho, hc = xp.split(Gt3, 4, axis=-1)
    tanhCt3 = xp.tanh(Ct3)
    # 3b: Yt3 = tanhCt3 * ho
    d_ho = dYt3 * tanhCt3
    d_tanhCt3 = dYt3 * ho
    # 3a: tanhCt3 = tanh(Ct3)
    dCt3 += d_tanhCt3 * dtanh(tanhCt3)
    # 2b: Ct3 += hi * hc
    d_hi = dCt3 * hc
    d_hc = dCt3 * hi
    # 2a: Ct3 = hf * Ct2
    d_hf = dCt3 * Ct2
    dCt2 = dCt3 * hf
    d_At3_hc = d_hc * dtanh(hc)  # 1d
    d_At3_ho = d_ho * dsigmoid(ho)  # 1c
    d_At3_hi = d_hi * dsigmoid(hi)  # 1b
    d_At3_hf = d_hf * dsigmoid(hf)  # 1a
    dAt3 = xp.concatenate((d_At3_hf, d_At3_hi, d_At3_ho, d_At3_hc), axis=-1)
    return dAt3, dCt2


def sigmoid(X):
    xp = get_array_module(X)
    return 1.0 / (1.0 + xp.exp(-X))


def dsigmoid(Y: ArrayT) -> ArrayT:
    return Y * (1.0 - Y)


def dtanh(Y: ArrayT) -> ArrayT:
    return 1 - Y ** 2
