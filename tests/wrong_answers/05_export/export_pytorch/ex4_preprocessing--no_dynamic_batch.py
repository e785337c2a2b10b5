# Mistake: forgets dynamic_shapes: the program only accepts the example's batch of 2 images.
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

    wrapped = WithPreprocessing(model, mean, std).eval()
    program = torch.export.export(wrapped, (torch.zeros(2, 8, 8, dtype=torch.uint8),))
    torch.export.save(program, path)
    return path
