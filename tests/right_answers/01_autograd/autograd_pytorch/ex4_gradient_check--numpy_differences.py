# Right, another style: autograd's gradient through backward() on a private float64 leaf, the
# central differences in NumPy (f is called on tensors rebuilt from each perturbed copy).
def gradient_check(f, x, eps=1e-6):
    leaf = x.detach().to(torch.float64).clone().requires_grad_(True)
    f(leaf).backward()
    analytic = leaf.grad.numpy().ravel()
    base = leaf.detach().numpy().copy()
    numeric = np.empty(base.size)
    for i in range(base.size):
        up, down = base.ravel().copy(), base.ravel().copy()
        up[i] += eps
        down[i] -= eps
        plus = f(torch.from_numpy(up.reshape(base.shape))).item()
        minus = f(torch.from_numpy(down.reshape(base.shape))).item()
        numeric[i] = (plus - minus) / (2 * eps)
    scale = np.maximum(1.0, np.maximum(np.abs(analytic), np.abs(numeric)))
    return float(np.max(np.abs(analytic - numeric) / scale))
