# Mistake: non-chief workers save beside the checkpoint and never delete their copy: a full model
# is left behind per worker, next to the real one.
def save_checkpoint(model, path, task_type, task_id):
    """Every worker saves; only the chief's copy, at `path`, is kept. Returns where this worker saved."""
    is_chief = task_type in (None, "chief") or (task_type == "worker" and task_id == 0)
    if is_chief:
        model.save(path)
        return path
    folder = os.path.join(os.path.dirname(path), f"worker{task_id}_tmp")
    os.makedirs(folder, exist_ok=True)
    target = os.path.join(folder, os.path.basename(path))
    model.save(target)
    return target
