# Mistake: right numbers from the built-in softplus, but no custom backward was written.
class Log1pExp(torch.autograd.Function):
    pass


def log1pexp(x):
    return torch.nn.functional.softplus(x)
