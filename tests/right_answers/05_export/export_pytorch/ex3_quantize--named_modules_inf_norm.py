# Right answer, other APIs: the per-row maximum as an infinity norm, the layers found with
# named_modules() and replaced through their parent (get_submodule), accuracies with NumPy.
class Int8DynamicLinear(nn.Module):
    """Inference-only stand-in for nn.Linear: int8 weights with one float32 scale per output
    channel; the input is quantized to int8, one scale per row, at run time."""

    def __init__(self, linear):
        super().__init__()
        w = linear.weight.detach().float()
        scale = torch.linalg.vector_norm(w, ord=float("inf"), dim=1) / 127
        scale = torch.where(scale > 0, scale, torch.ones_like(scale))
        q = torch.clamp(torch.round(w / scale.unsqueeze(1)), -127, 127)
        self.register_buffer("weight_int8", q.to(torch.int8))
        self.register_buffer("weight_scale", scale.float())
        bias = torch.zeros(w.shape[0]) if linear.bias is None else linear.bias.detach().float().clone()
        self.register_buffer("bias", bias)

    def forward(self, x):
        x_scale = x.abs().amax(dim=1, keepdim=True).clamp(min=1e-12) / 127
        x_int8 = torch.round(x / x_scale).clamp(-127, 127).to(torch.int8)
        accumulated = torch._int_mm(x_int8, self.weight_int8.t())  # int8 x int8 -> int32
        return accumulated.to(torch.float32) * x_scale * self.weight_scale + self.bias


def quantize_and_report(model, X_test, y_test):
    """A quantized copy of model (every nn.Linear -> Int8DynamicLinear) and its size/accuracy report."""
    quantized = copy.deepcopy(model)
    targets = [name for name, module in quantized.named_modules() if isinstance(module, nn.Linear)]
    for name in targets:
        parent_name, _, child = name.rpartition(".")
        parent = quantized.get_submodule(parent_name) if parent_name else quantized
        setattr(parent, child, Int8DynamicLinear(getattr(parent, child)))
    model.eval()
    quantized.eval()
    labels = np.asarray(y_test)
    with torch.no_grad():
        float_acc = np.mean(model(X_test).numpy().argmax(axis=1) == labels)
        int8_acc = np.mean(quantized(X_test).numpy().argmax(axis=1) == labels)
    return quantized, {"size_ratio": state_dict_bytes(model) / state_dict_bytes(quantized),
                       "accuracy_drop": float(float_acc - int8_acc)}
