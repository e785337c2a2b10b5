# Mistake: returns sigmoid(x) without multiplying by the incoming gradient (breaks the chain rule).
class Log1pExp(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return torch.clamp(x, min=0) + torch.log1p(torch.exp(-torch.abs(x)))

    @staticmethod
    def backward(ctx, grad_output):
        (x,) = ctx.saved_tensors
        return torch.sigmoid(x)


def log1pexp(x):
    return Log1pExp.apply(x)
