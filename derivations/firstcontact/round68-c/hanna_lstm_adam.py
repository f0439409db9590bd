# source: https://github.com/hannaofficial/LSTM-from-scratch-with-adam-optimiser/blob/b2885328b66ed5e51276e0e99d05c4dbe5e0b1ab/LSTM_using_adam_optimiser.py (hannaofficial, "LSTM from scratch with adam optimiser", LSTM_using_adam_optimiser.py, commit b288532 of 2024-07-12; code unchanged since a8d044a 'Pushing my lstm code' except the data file name). Kept verbatim: file lines 1-5 (import, header comments), 62-146 (init_lstm, one_hot_encode, one_hot_encode_sequence, clip_grad_norm, sigmoid, softmax, tanh), 174-291 (forward, backward). Cut: class Data (6-35), init_orthogonal (36-61), adagrad/adam optimisers (147-173), sample (292-342), train_LSTM (343-373: calls forward(inputs_one_hot, h, c, params) then backward(...), carries h = h_s[-1], c = C_s[-1] to the next chunk) and the module-level script (374-382: hidden_size = 512, z_size = vocab_len + hidden_size; forward/backward read the global hidden_size).
import numpy as np

#here I gonna explain you each line 
#This is LSTM model from scratch I also add adamoptimiser for weight update even adagrad also present

def init_lstm(hidden_size, vocab_size, z_size):

    W_f = np.random.randn(hidden_size, z_size)
    b_f = np.zeros((hidden_size, 1))

    W_i = np.random.randn(hidden_size, z_size)
    b_i = np.zeros((hidden_size, 1))

    W_g = np.random.randn(hidden_size, z_size)
    b_g = np.zeros((hidden_size, 1))

    W_o =  np.random.randn(hidden_size, z_size)
    b_o = np.zeros((hidden_size, 1))

    W_v = np.random.randn(vocab_size, hidden_size)
    b_v = np.zeros((vocab_size, 1))

    W_i = init_orthogonal(W_i)
    W_f = init_orthogonal(W_f)
    W_g = init_orthogonal(W_g)
    W_o = init_orthogonal(W_o)
    W_v = init_orthogonal(W_v)

    params =  W_f, W_i, W_g, W_o, W_v, b_f, b_i, b_g, b_o, b_v
    return params

    


def one_hot_encode(input_idx,vocab_size):
    one_hot_encode = np.zeros(vocab_size)
    one_hot_encode[input_idx]=1
    return one_hot_encode

def one_hot_encode_sequence(provide_seq, vocab_size):
    
    encoding = np.array([one_hot_encode(idx,vocab_size) for idx in provide_seq])
    encoding = encoding.reshape(encoding.shape[0], encoding.shape[1], 1)
    return encoding
    
def clip_grad_norm(grads, max_norm=0.25):
    max_norm = float(max_norm)
    total_norm = 0

    for grad in grads:
        grad_norm = np.sum(np.power(grad , 2))
        total_norm += grad_norm

    total_norm = np.sqrt(total_norm)

    clip_coff = max_norm/(total_norm + 1e-6)

    if clip_coff < 1:
        for grad in grads:
            grad *= clip_coff

    return grads


def sigmoid(x, derivation=False):
    
    x += 1e-12
    f = 1 / (1 + np.exp(-x))
    
    if derivation: # Return the derivative of the function evaluated at x
        return f * (1 - f)
    else: # Return the forward pass of the function at x
        return f

def softmax(x, derivation=False):
    x += 1e-12
    f = np.exp(x)/ np.sum(np.exp(x))
    if derivation:
        pass
    else:
        return f

def tanh(x, derivation = False):
    x += 1e-12
    f = (np.exp(x) - np.exp(-x))/(np.exp(x) + np.exp(-x))
    if(derivation):
        return 1 - f**2
    else:
        return f

def forward(inputs, h_prev, C_prev, param):

    assert h_prev.shape == (hidden_size, 1)
    assert C_prev.shape == (hidden_size, 1)

    W_f, W_i, W_g, W_o, W_v, b_f, b_i, b_g, b_o, b_v = param

    x_s, z_s, f_s, i_s = [], [], [], []
    g_s, C_s, o_s, h_s = [], [], [], []
    v_s, output_s = [], []

    h_s.append(h_prev)
    C_s.append(C_prev)


    for x in inputs:

        z = np.row_stack((h_prev, x))
        z_s.append(z)

        f = sigmoid(np.dot(W_f,z) + b_f)
        f_s.append(f)

        i = sigmoid(np.dot(W_i, z) + b_i)
        i_s.append(i)

        g = np.tanh(np.dot(W_g, z) + b_g)
        g_s.append(g)

        C_prev = f*C_prev + i*g
        C_s.append(C_prev)

        o = sigmoid(np.dot(W_o, z) + b_o)
        o_s.append(o)

        h_prev = o*np.tanh(C_prev)
        h_s.append(h_prev)

        
        v = np.dot(W_v, h_prev) + b_v
        v_s.append(v)

        output = softmax(v)
        output_s.append(output)

    return z_s, f_s, i_s, g_s, C_s, o_s, h_s, v_s, output_s 

#backward logic

def backward(z, f, i, g, C, o, h, v, outputs, targets, p ):
    W_f, W_i, W_g, W_o, W_v, b_f, b_i, b_g, b_o, b_v = p
    
    W_f_d = np.zeros_like(W_f)
    b_f_d = np.zeros_like(b_f)

    W_i_d = np.zeros_like(W_i)
    b_i_d = np.zeros_like(b_i)

    W_g_d = np.zeros_like(W_g)
    b_g_d = np.zeros_like(b_g)

    W_o_d = np.zeros_like(W_o)
    b_o_d = np.zeros_like(b_o)

    W_v_d = np.zeros_like(W_v)
    b_v_d = np.zeros_like(b_v)

    dh_next = np.zeros_like(h[0])
    dC_next = np.zeros_like(C[0])

    loss = 0

    for t in reversed(range(len(outputs))):

            loss += -np.mean(np.log(outputs[t])*targets[t])   #output is actually softmax value
            C_prev = C[t-1]
    
            dv = np.copy(outputs[t])
            dv[np.argmax(targets[t])] -= 1
    
            W_v_d += np.dot(dv, h[t].T)
            b_v_d += dv
    
            dh = np.dot(W_v.T, dv)
            dh += dh_next
            do = dh*np.tanh(C[t])
            do *= sigmoid(o[t], derivation=True)
    
            W_o_d += np.dot(do, z[t].T)
            b_o_d += do
    
            dC = np.copy(dC_next)
            dC += dh*o[t]*tanh(C[t], derivation = True)
            dg = dC*i[t]
            dg *= tanh(g[t], derivation=True)
    
            W_g_d += np.dot(dg, z[t].T)
            b_g_d += dg
    
            di = dC*g[t]
            di *= sigmoid(i[t], derivation=True)
            W_i_d += np.dot(di, z[t].T)
            b_i_d += di
    
            df = dC*C_prev
            df *= sigmoid(f[t], derivation=True)
            W_f_d += np.dot(df, z[t].T)
            b_f_d += df
    
            dz = (np.dot(W_f.T, df) + np.dot(W_i.T , di) + np.dot(W_g.T, dg) + np.dot(W_o.T, do))
            dh_prev = dz[:hidden_size, :]
            dC_prev = f[t]*dC
    
    grads= W_f_d, W_i_d, W_g_d, W_o_d, W_v_d, b_f_d, b_i_d, b_g_d, b_o_d, b_v_d

    grads = clip_grad_norm(grads)
    return loss, grads
               
