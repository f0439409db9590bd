import numpy as np, runpy, io, contextlib  # helper: deviations of the stated numbers from exact Ch. 2 recomputation
with contextlib.redirect_stdout(io.StringIO()):
    g = runpy.run_path('fd_dummyilh_rnn_bptt_numbers.py')
h, gh3, ga3, gh2, ga2, gh1, ga1, dy3, gWy, step_grad = (g[k] for k in ('h','gh3','ga3','gh2','ga2','gh1','ga1','dy3','gWy','step_grad'))
X = g['X']
rows = {
 31: (-1.2055, dy3), 37: ([[0.3806, -0.3984]], gWy), 39: ([-0.7233, 0.2411], gh3),
 '48 h3': ([-0.3157, 0.3305], h[3]), '48 1-h3^2': ([0.9003, 0.8908], 1-h[3]**2),
 49: ([-0.6513, 0.2148], ga3), '55 h2': ([0.0363, 0.5397], h[2]), 55: ([[-0.0236, -0.3515], [0.0078, 0.1159]], step_grad('Whh', 3)),
 59: ([[0.6513, -0.3257], [-0.2148, 0.1074]], step_grad('Wxh', 3)), 63: ([-0.6513, 0.2148], ga3),
 68: ([-0.2377, -0.1961], gh2), '79 h2': ([0.0363, 0.5397], h[2]), '79 1-h2^2': ([0.9987, 0.7087], 1-h[2]**2),
 80: ([-0.2374, -0.1390], ga2), '85 h1': ([0.4219, 0.3799], h[1]), 85: ([[-0.1001, -0.0902], [-0.0586, -0.0528]], step_grad('Whh', 2)),
 89: ([[0, -0.2374], [0, -0.1390]], step_grad('Wxh', 2)), 93: ([-0.2374, -0.1390], ga2), 98: ([0.0220, -0.1367], gh1),
 105: ([0.8220, 0.8557], 1-h[1]**2), 106: ([0.0181, -0.1169], ga1), 109: ([[0.0181, 0.0091], [-0.1169, -0.0585]], step_grad('Wxh', 1)),
 112: ([0.0181, -0.1169], ga1), 'y3': (-0.2055, g['y3']),
}
for k, (s, e) in rows.items():
    print(k, float(np.max(np.abs(np.asarray(s, float) - np.asarray(e, float)))))
