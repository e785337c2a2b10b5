# Mistake: every worker saves to `path`: several processes write the same file at once, and the
# chief's checkpoint can be overwritten or corrupted by the others.
def save_checkpoint(model, path, task_type, task_id):
    """Every worker saves; only the chief's copy, at `path`, is kept. Returns where this worker saved."""
    model.save(path)
    return path
