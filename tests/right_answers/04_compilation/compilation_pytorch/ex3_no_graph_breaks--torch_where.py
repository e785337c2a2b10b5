# Right answer, another API: torch.where picks the scale inside the graph; the division is only
# used where the norm is large, so a zero norm never reaches the result.
def clip_features(x, w):
    """tanh of x @ w, rescaled so the global L2 norm is at most MAX_NORM, with no graph break."""
    h = torch.matmul(x, w)
    norm = h.pow(2).sum().sqrt()
    scale = torch.where(norm > MAX_NORM, MAX_NORM / norm, torch.ones_like(norm))
    return (h * scale).tanh()
