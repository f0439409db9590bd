# Finite-difference check of rnn_scalar_end_to_end.md (search-index file id 61468054955).
# Model: a_t = wx*x_t + wh*h_{t-1}, h_t = tanh(a_t), ŷ = h_4, L = ½(y-ŷ)², h_0 = 0, wx=1, wh=.5, x=(1,.2,.1,.2), y=1.
import numpy as np
X = [1.0, .2, .1, .2]; y = 1.0
def fwd(wx, wh):
    h = [0.0]; a = [None]
    for x in X: a.append(wx*x+wh*h[-1]); h.append(np.tanh(a[-1]))
    return h, a, 0.5*(y-h[4])**2
h, a, L = fwd(1.0, .5); e = 1e-6
gx = (fwd(1+e, .5)[2]-fwd(1-e, .5)[2])/(2*e); gh = (fwd(1, .5+e)[2]-fwd(1, .5-e)[2])/(2*e)
# exact dL/dh_t by FD on h_t
def L_from(t, ht, wx=1.0, wh=.5):
    hh = ht
    for x in X[t:]: hh = np.tanh(wx*x+wh*hh)
    return 0.5*(y-hh)**2
d = {t: (L_from(t, h[t]+e)-L_from(t, h[t]-e))/(2*e) for t in range(1, 5)}
TOL = 2.5e-3   # the note rounds every intermediate to 3 decimals
def rep(line, name, stated, exact, tol=TOL):
    print(f"line {line:>3} {name:<46} stated {stated:>8.3f} exact {exact:>9.5f}  {'AGREES' if abs(stated-exact) <= tol else 'DISAGREES'}")
print("symbolic rows:")
print(f"line 106/245 dL/dh4 = -(y-h4): {'AGREES' if np.isclose(-(y-h[4]), d[4]) else 'DISAGREES'}")
print(f"line 116/246 dh/da = 1-h²: {'AGREES' if np.isclose(1-np.tanh(.3)**2, (np.tanh(.3+e)-np.tanh(.3-e))/(2*e)) else 'DISAGREES'}")
ok = all(np.isclose(d[t+1]*(1-h[t+1]**2)*.5, d[t], atol=1e-8) for t in range(1, 4))
print(f"line 119/146-150/248 δ_t = δ_(t+1)(1-h_(t+1)²)wh: {'AGREES' if ok else 'DISAGREES'}")
print(f"line 174/185/251 dL/dwx = Σ δ_t(1-h_t²)x_t: {'AGREES' if np.isclose(sum(d[t]*(1-h[t]**2)*X[t-1] for t in range(1,5)), gx) else 'DISAGREES'}")
print(f"line 196/252 dL/dwh = Σ δ_t(1-h_t²)h_(t-1): {'AGREES' if np.isclose(sum(d[t]*(1-h[t]**2)*h[t-1] for t in range(1,5)), gh) else 'DISAGREES'}")
print("numeric rows (against exact values, tolerance %.4f):" % TOL)
rep(45, "a1", 1.000, a[1]); rep(46, "h1", .762, h[1]); rep(49, "a2", .581, a[2]); rep(50, "h2", .523, h[2])
rep(53, "a3", .362, a[3]); rep(54, "h3", .348, h[3]); rep(57, "a4", .374, a[4]); rep(58, "h4", .360, h[4])
rep(85, "L", .205, L); rep(106, "dL/dh4", -.640, d[4])
for ln, t, s in [(125, 4, .870), (126, 3, .879), (127, 2, .726), (128, 1, .419)]: rep(ln, f"1-h{t}^2", s, 1-h[t]**2)
for ln, t, s in [(132, 4, .435), (133, 3, .440), (134, 2, .363)]: rep(ln, f"(1-h{t}^2)wh", s, (1-h[t]**2)*.5)
for ln, t, s in [(144, 4, -.640), (146, 3, -.278), (148, 2, -.122), (150, 1, -.044)]: rep(ln, f"delta{t}", s, d[t])
for ln, t, s in [(178, 4, -.557), (179, 3, -.244), (180, 2, -.089), (181, 1, -.018)]: rep(ln, f"dL/da{t}", s, d[t]*(1-h[t]**2))
for ln, t, s in [(187, 1, -.018), (188, 2, -.018), (189, 3, -.024), (190, 4, -.111)]: rep(ln, f"wx term t={t}", s, d[t]*(1-h[t]**2)*X[t-1])
rep(192, "dL/dwx", -.171, gx)
for ln, t, s in [(198, 1, 0.0), (199, 2, -.068), (200, 3, -.128), (201, 4, -.194)]: rep(ln, f"wh term t={t}", s, d[t]*(1-h[t]**2)*h[t-1])
rep(203, "dL/dwh", -.390, gh)
rep(223, "wx_new", 1.017, 1-.1*gx); rep(224, "wh_new", .539, .5-.1*gh)

print("\nrows recomputed from the note's OWN previous (rounded) numbers, tolerance 0.0011 (last-digit rounding):")
def own(line, name, stated, recomputed, tol=0.0011):
    print(f"line {line:>3} {name:<46} stated {stated:>8.3f} from note's inputs {recomputed:>9.5f}  {'AGREES' if abs(stated-recomputed) <= tol else 'DISAGREES'}")
own(46, "tanh(1.000)", .762, np.tanh(1.0)); own(49, "0.2+0.5*0.762", .581, .2+.5*.762); own(50, "tanh(0.581)", .523, np.tanh(.581))
own(53, "0.1+0.5*0.523", .362, .1+.5*.523); own(54, "tanh(0.362)", .348, np.tanh(.362)); own(57, "0.2+0.5*0.348", .374, .2+.5*.348)
own(58, "tanh(0.374)", .360, np.tanh(.374))
own(85, "0.5*(1-0.360)^2", .205, .5*(1-.36)**2); own(106, "-(1-0.360)", -.640, -(1-.36))
for ln, hv, s in [(125, .360, .870), (126, .348, .879), (127, .523, .726), (128, .762, .419)]: own(ln, f"1-{hv}^2", s, 1-hv**2)
for ln, a_, s in [(132, .870, .435), (133, .879, .440), (134, .726, .363)]: own(ln, f"{a_}*0.5", s, a_*.5)
for ln, a_, b_, s in [(146, -.640, .435, -.278), (148, -.278, .440, -.122), (150, -.122, .363, -.044),
                      (178, -.640, .870, -.557), (179, -.278, .879, -.244), (180, -.122, .726, -.089), (181, -.044, .419, -.018),
                      (187, -.018, 1.0, -.018), (188, -.089, .2, -.018), (189, -.244, .1, -.024), (190, -.557, .2, -.111),
                      (199, -.089, .762, -.068), (200, -.244, .523, -.128), (201, -.557, .348, -.194)]:
    own(ln, f"{a_}*{b_}", s, a_*b_)
own(192, "sum of wx terms", -.171, -.018-.018-.024-.111); own(203, "sum of wh terms", -.390, 0-.068-.128-.194)
own(223, "1.0-0.1*(-0.171)", 1.017, 1+.0171); own(224, "0.5-0.1*(-0.390)", .539, .5+.039)
