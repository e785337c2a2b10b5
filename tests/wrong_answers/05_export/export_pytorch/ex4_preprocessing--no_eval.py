# Mistake: exports the wrapper in whatever mode the model is in: a model still in training mode is
# exported with dropout on, and every request gets randomly dropped features.
def export_with_preprocessing(model, mean, std, path):
    class WithPreprocessing(nn.Module):
        def __init__(self, model, mean, std):
            super().__init__()
            self.model = model
            self.register_buffer("mean", torch.as_tensor(mean, dtype=torch.float32))
            self.register_buffer("std", torch.as_tensor(std, dtype=torch.float32))

        def forward(self, pixels):
            x = pixels.to(torch.float32).flatten(start_dim=1)
            return self.model((x - self.mean) / self.std)

    wrapped = WithPreprocessing(model, mean, std)
    example = torch.zeros(2, 8, 8, dtype=torch.uint8)
    program = torch.export.export(wrapped, (example,), dynamic_shapes=({0: torch.export.Dim("batch")},))
    torch.export.save(program, path)
    return path
