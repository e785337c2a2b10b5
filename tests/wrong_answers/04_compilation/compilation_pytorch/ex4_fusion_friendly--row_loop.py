# Mistake: no .item() any more, but still a Python loop over rows: Dynamo unrolls it, so the graph
# (and the compile time) grows with the number of rows, and each row count is a new graph.
def layer_norm(x, weight, bias, eps=1e-5):
    rows = []
    for row in x.reshape(-1, x.shape[-1]):
        mean = row.mean()
        var = ((row - mean) ** 2).mean()
        rows.append((row - mean) * torch.rsqrt(var + eps) * weight + bias)
    return torch.stack(rows).reshape(x.shape)
