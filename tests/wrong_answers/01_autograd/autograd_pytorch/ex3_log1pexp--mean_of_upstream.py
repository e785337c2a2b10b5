# Mistake: scales sigmoid(x) by the mean of the upstream gradient instead of multiplying element by
# element: right only when every upstream element is the same (as after y.sum().backward()).
class Log1pExp(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return torch.clamp(x, min=0) + torch.log1p(torch.exp(-torch.abs(x)))

    @staticmethod
    def backward(ctx, grad_output):
        (x,) = ctx.saved_tensors
        return grad_output.mean() * torch.sigmoid(x)


def log1pexp(x):
    return Log1pExp.apply(x)
