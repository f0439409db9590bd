# source: public GitHub Python file held by the code-search index as file id 13555239691 (31,903 characters; the index does not name its repository, path, author or date; a later stored version, file id 13402090874, has the same code with longer docstrings). A student homework script (reads data3.h5 with trX/trY/tstX/tstY, 6 activity classes 'downstairs'...'walking', inputs of 3 features per time step) that trains a many-to-one Simple RNN, LSTM or GRU (hidden 128) followed by tanh MLP layers and a softmax, with hand-written BPTT in numpy. Kept verbatim: import numpy, softmax, tanh_backward, reccurentForward, sequantialForward, sequentialBackward, recBackward, gruForward, gruBackward. Cut: matplotlib/h5py imports, data loading and normalisation, plot_confusion_matrix, the init functions (initRecWb: W_ih (D_in,D_h) and W_hh (D_h,D_h) uniform, b_ih zeros (1,D_h); initSeqWb; initGRUWb: W_z/W_r/W_h (D_in,D_h), U_z/U_r/U_h (D_h,D_h), b_* zeros (1,D_h)), the whole LSTM section (initLSTMWb, lstmForward, lstmBackward), SGD_Q3 (calls h_t, recCache = recFuncForward(WbRec, batch); A, cache = sequantialForward(Wb, h_t); J, grads, last_dA = sequentialBackward(Wb, labels, cache); recGrads = recFuncBackward(WbRec, batch, last_dA, recCache, max_lookback_distance) with max_lookback_distance None), get_accuracy, initWbQ3 and the driver.
import numpy as np


def softmax(X, axis=1):
    max_vals = np.max(X, axis=axis, keepdims=True)
    e_X = np.exp(X - max_vals)
    Y = e_X / np.sum(e_X, axis=axis, keepdims=True)
    return Y

def tanh_backward(X):
    return 1 - np.tanh(X)**2


def reccurentForward(WbRec, data):
    batch_size, time_steps, features = data.shape
    
    h_t = np.zeros((batch_size, WbRec['W_hh'].shape[0]))
    
    recCache = {}
    
    for t in range(time_steps):
        x_t = data[:, t, :]
                
        Z = np.matmul(x_t, WbRec['W_ih']) + np.matmul(h_t, WbRec['W_hh']) + WbRec['b_ih']
        h_t = np.tanh(Z)
        
        recCache['Zrec_' + str(t)] = Z
        recCache['H_' + str(t)] = h_t
        
    return [h_t, recCache]


def sequantialForward(Wb, data):    
    num_layers = len(Wb) // 2
    
    cache = {}
    
    A = data
    
    cache['A-1'] = data
    cache['Z-1'] = np.zeros_like(data)
    
    for layer in range(num_layers - 1):
        Z = np.matmul(A, Wb['W' + str(layer)]) + Wb['b' + str(layer)]
        A = np.tanh(Z)
        
        cache['Z' + str(layer)] = Z
        cache['A' + str(layer)] = A
        
    Z = np.matmul(A, Wb['W' + str(num_layers - 1)]) + Wb['b' + str(num_layers - 1)]
    A = softmax(Z, axis=1)
    
    cache['Z' + str(num_layers - 1)] = Z
    cache['A' + str(num_layers - 1)] = A
    
    return [A, cache]
    

def sequentialBackward(Wb, labels, cache):
    
    batch_size = labels.shape[0]
    
    num_layers = len(Wb) // 2
    # _, cache = sequantialForward(Wb, recLastState)
    
    lastActivation = cache['A' + str(num_layers-1)]
    
    J = -np.sum(labels * np.log(lastActivation)) / batch_size
    grads = {}
    
    A_prev = cache['A' + str(num_layers-1)]
    dZ = lastActivation - labels
    dA_prev = 0
    
    for layer in reversed(range(num_layers)):
        A_prev = cache['A' + str(layer-1)]
        grads['db' + str(layer)] = np.sum(dZ, axis=0, keepdims=True) / batch_size
        grads['dW' + str(layer)] = np.matmul(A_prev.T, dZ) / batch_size
        dA_prev = np.matmul(dZ, Wb['W' + str(layer)].T)
        dZ = dA_prev * tanh_backward(cache['Z' + str(layer-1)])
            
    return [J, grads, dA_prev]
            
def recBackward(WbRec, input, last_dA, recCache, max_lookback_distance=None):
    """
    Backpropagation through time for a single-layer RNN.

    Parameters
    ----------
    WbRec : dict
        Dictionary containing the recurrent layer parameters:
          - 'W_ih': Input-to-hidden weights, shape (D_in, D_h)
          - 'W_hh': Hidden-to-hidden weights, shape (D_h, D_h)
          - 'b_ih': Bias for hidden state, shape (D_h,)
    last_dA : np.ndarray
        The gradient of the loss w.r.t. the last hidden state, shape (N, D_h).
    recCache : dict
        Cache from the forward pass containing:
          - 'X_t', 'Zrec_t', 'H_t' for t=1,...,T
        Must contain all time steps that were used in forward propagation.
    max_lookback_distance : int or None
        The number of steps to backprop through time.
        If None or greater than the total number of steps, all steps are used.

    Returns
    -------
    grads : dict
        Dictionary containing:
          - 'dW_ih'
          - 'dW_hh'
          - 'db_ih'
    """
    
    batch_size = input.shape[0]

    W_ih = WbRec['W_ih']  # (D_in, D_h)
    W_hh = WbRec['W_hh']  # (D_h, D_h)
    b_ih = WbRec['b_ih']  # (D_h,)

    # Determine the number of timesteps T from the recCache keys
    # We assume keys are like 'H_1', 'H_2', ... 'H_T'
    # Extract the max t by checking keys:
    timesteps = [int(k.split('_')[1]) for k in recCache.keys() if k.startswith('H_')]
    T = max(timesteps) if len(timesteps) > 0 else 0

    # If max_lookback_distance not provided or too large, use the full length
    if max_lookback_distance is None or max_lookback_distance > T:
        max_lookback_distance = T

    # Initialize gradients
    dW_ih = np.zeros_like(W_ih)
    dW_hh = np.zeros_like(W_hh)
    db_ih = np.zeros_like(b_ih)

    # The hidden state gradient at the final step
    dH_next = last_dA  # shape (N, D_h)

    # Backprop through time
    for t in range(T, T - max_lookback_distance, -1):
        # Load cached values
        H_t = recCache[f'H_{t}']  # shape (N, D_h)
        Z_t = recCache[f'Zrec_{t}']  # shape (N, D_h)
        # X_t = recCache[f'X_{t}']  # shape (N, D_in)
        X_t = input[:, t, :]

        # For H_{t-1}, if t=1, we might have H_0 in cache or use zeros
        if t == 1:
            H_prev = recCache.get('H_0', np.zeros((X_t.shape[0], H_t.shape[1])))
        else:
            H_prev = recCache[f'H_{t-1}']

        # Compute dZ_t = dH_t * (1 - H_t^2) because H_t = tanh(Z_t)
        # dH_t is currently dH_next
        # dZ_t = dH_next * (1 - H_t**2)  # shape (N, D_h)
        dZ_t = dH_next * tanh_backward(Z_t)

        # Compute gradients for parameters
        # dW_ih: sum over batch of X_t^T dZ_t
        dW_ih += np.matmul(X_t.T, dZ_t) / batch_size # (D_in, N) @ (N, D_h) = (D_in, D_h)
        # dW_hh: sum over batch of H_{t-1}^T dZ_t
        dW_hh += np.matmul(H_prev.T, dZ_t) / batch_size  # (D_h, N) @ (N, D_h) = (D_h, D_h)
        # db_ih: sum over batch dimension
        db_ih += dZ_t.sum(axis=0) / batch_size  # (D_h,)

        # Backprop into H_{t-1}
        dH_prev = np.matmul(dZ_t, W_hh.T)  # (N, D_h) @ (D_h, D_h) = (N, D_h)

        # Update dH_next for the next iteration
        dH_next = dH_prev

    recGrads = {
        'dW_ih': dW_ih,
        'dW_hh': dW_hh,
        'db_ih': db_ih
    }

    return recGrads

########
# GRU CODE
###################

def gruForward(WbGRU, data):
    batch_size, time_steps, features = data.shape

    W_z = WbGRU['W_z']
    W_r = WbGRU['W_r']
    W_h = WbGRU['W_h']
  
    U_z = WbGRU['U_z']
    U_r = WbGRU['U_r']
    U_h = WbGRU['U_h']
  
    b_z = WbGRU['b_z']
    b_r = WbGRU['b_r']
    b_h = WbGRU['b_h']
    
    # Initialize hidden state (h_t) to zeros
    hidden_size = W_z.shape[1]
    h_t = np.zeros((batch_size, hidden_size))

    gruCache = {}

    for t in range(time_steps):
        x_t = data[:, t, :]

        # Compute gates
        z_t = 1 / (1 + np.exp(-(np.matmul(x_t, W_z) + np.matmul(h_t, U_z) + b_z)))  # Update gate
        r_t = 1 / (1 + np.exp(-(np.matmul(x_t, W_r) + np.matmul(h_t, U_r) + b_r)))  # Reset gate
        h_hat_t = np.tanh(np.matmul(x_t, W_h) + np.matmul(r_t * h_t, U_h) + b_h)    # Candidate hidden state
        
        # Update hidden state
        h_t = z_t * h_t + (1 - z_t) * h_hat_t

        # Save intermediate values for backpropagation or debugging
        gruCache['z_t_' + str(t)] = z_t
        gruCache['r_t_' + str(t)] = r_t
        gruCache['h_hat_t_' + str(t)] = h_hat_t
        gruCache['h_t_' + str(t)] = h_t

    return [h_t, gruCache]


def gruBackward(WbGRU, data, last_dA, gruCache, max_lookback_distance=None):
    """
    Backpropagation through time for a GRU layer.

    Parameters
    ----------
    WbGRU : dict
        Dictionary containing the GRU layer parameters:
          - 'W_z', 'W_r', 'W_h': Input-to-hidden weights, each shape (D_in, D_h)
          - 'U_z', 'U_r', 'U_h': Hidden-to-hidden weights, each shape (D_h, D_h)
          - 'b_z', 'b_r', 'b_h': Biases for gates, each shape (D_h,)
    data : np.ndarray
        Input data to the GRU, shape (N, T, D_in)
    last_dA : np.ndarray
        Gradient of the loss w.r.t. the last hidden state, shape (N, D_h)
    gruCache : dict
        Cache from the forward pass containing:
          - 'z_t_t', 'r_t_t', 'h_hat_t_t', 'h_t_t' for t=1,...,T
        Must contain all time steps that were used in forward propagation.
    max_lookback_distance : int or None
        The number of steps to backprop through time.
        If None or greater than the total number of steps, all steps are used.

    Returns
    -------
    grads : dict
        Dictionary containing gradients for:
          - 'dW_z', 'dW_r', 'dW_h'
          - 'dU_z', 'dU_r', 'dU_h'
          - 'db_z', 'db_r', 'db_h'
    """
    N, T, D_in = data.shape
    hidden_size = WbGRU['W_z'].shape[1]

    # Initialize gradients for weights, biases, and recurrent connections
    dW_z = np.zeros_like(WbGRU['W_z'])
    dW_r = np.zeros_like(WbGRU['W_r'])
    dW_h = np.zeros_like(WbGRU['W_h'])

    dU_z = np.zeros_like(WbGRU['U_z'])
    dU_r = np.zeros_like(WbGRU['U_r'])
    dU_h = np.zeros_like(WbGRU['U_h'])

    db_z = np.zeros_like(WbGRU['b_z'])
    db_r = np.zeros_like(WbGRU['b_r'])
    db_h = np.zeros_like(WbGRU['b_h'])

    # Initialize gradients w.r.t. hidden state
    dH_next = last_dA

    # If max_lookback_distance is not provided, use the full sequence length
    if max_lookback_distance is None or max_lookback_distance > T:
        max_lookback_distance = T

    # Backprop through time
    for t in range(T - 1, T - max_lookback_distance - 1, -1):
        # Load cached values for time step t
        z_t = gruCache[f'z_t_{t}']
        r_t = gruCache[f'r_t_{t}']
        h_hat_t = gruCache[f'h_hat_t_{t}']
        h_t = gruCache[f'h_t_{t}']
        x_t = data[:, t, :]
        h_prev = gruCache[f'h_t_{t-1}'] if t > 0 else np.zeros_like(h_t)

        # Gradients w.r.t. hidden state
        dZ_t = dH_next * (h_prev - h_hat_t)
        dH_hat_t = dH_next * (1 - z_t)
        dH_prev = dH_next * z_t

        # Apply activation function derivatives
        dZ_t *= z_t * (1 - z_t)  # Sigmoid derivative
        dR_t = np.matmul(dH_hat_t, WbGRU['U_h'].T) * h_prev
        dR_t *= r_t * (1 - r_t)  # Sigmoid derivative
        dH_hat_t *= 1 - h_hat_t**2  # Tanh derivative

        # Accumulate parameter gradients
        dW_z += np.matmul(x_t.T, dZ_t) / N
        dW_r += np.matmul(x_t.T, dR_t) / N
        dW_h += np.matmul(x_t.T, dH_hat_t) / N

        dU_z += np.matmul(h_prev.T, dZ_t) / N
        dU_r += np.matmul(h_prev.T, dR_t) / N
        dU_h += np.matmul((r_t * h_prev).T, dH_hat_t) / N

        db_z += dZ_t.sum(axis=0) / N
        db_r += dR_t.sum(axis=0) / N
        db_h += dH_hat_t.sum(axis=0) / N

        # Backpropagate into previous hidden state
        dH_next = dH_prev + np.matmul(dZ_t, WbGRU['U_z'].T) + np.matmul(dR_t, WbGRU['U_r'].T)

    # Package gradients into a dictionary
    gruGrads = {
        'dW_z': dW_z, 'dW_r': dW_r, 'dW_h': dW_h,
        'dU_z': dU_z, 'dU_r': dU_r, 'dU_h': dU_h,
        'db_z': db_z, 'db_r': db_r, 'db_h': db_h
    }

    return gruGrads
