# Right answer, other APIs: torch.quantize_per_channel does the rounding and clipping (int_repr()
# gives the int8 values), a recursive copy rebuilds the tree, and the accuracies are torch means.
class Int8DynamicLinear(nn.Module):
    """Inference-only stand-in for nn.Linear: int8 weights with one float32 scale per output
    channel; the input is quantized to int8, one scale per row, at run time."""

    def __init__(self, linear):
        super().__init__()
        weight = linear.weight.detach().to(torch.float32)
        scales = (weight.abs().max(dim=1).values / 127).clamp(min=1e-12)
        q = torch.quantize_per_channel(weight, scales.double(), torch.zeros(len(scales), dtype=torch.long),
                                       axis=0, dtype=torch.qint8)
        self.register_buffer("weight_int8", q.int_repr().clamp(-127, 127))
        self.register_buffer("weight_scale", scales)
        bias = torch.zeros_like(scales) if linear.bias is None else linear.bias.detach().to(torch.float32)
        self.register_buffer("bias", bias.clone())

    def forward(self, x):
        x_scale = x.abs().amax(dim=1, keepdim=True).clamp(min=1e-12) / 127
        x_int8 = torch.round(x / x_scale).clamp(-127, 127).to(torch.int8)
        accumulated = torch._int_mm(x_int8, self.weight_int8.t())  # int8 x int8 -> int32
        return accumulated.to(torch.float32) * x_scale * self.weight_scale + self.bias


def _quantized_copy(module):
    if isinstance(module, nn.Linear):
        return Int8DynamicLinear(module)
    clone = copy.copy(module)  # a shallow copy with its own table of children
    clone._modules = {name: _quantized_copy(child) for name, child in module._modules.items()}
    clone._parameters = {name: p.detach().clone() for name, p in module._parameters.items()}
    clone._buffers = {name: b.clone() for name, b in module._buffers.items()}
    return clone


def quantize_and_report(model, X_test, y_test):
    """A quantized copy of model (every nn.Linear -> Int8DynamicLinear) and its size/accuracy report."""
    quantized = _quantized_copy(model).eval()
    model.eval()
    labels = torch.as_tensor(np.asarray(y_test))
    with torch.inference_mode():
        float_accuracy = (model(X_test).argmax(dim=1) == labels).float().mean().item()
        int8_accuracy = (quantized(X_test).argmax(dim=1) == labels).float().mean().item()
    return quantized, {"size_ratio": state_dict_bytes(model) / state_dict_bytes(quantized),
                       "accuracy_drop": float_accuracy - int8_accuracy}
