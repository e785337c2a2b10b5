# Mistake: non-chief workers skip saving: under MultiWorkerMirroredStrategy, saving can run
# collective operations that every worker must join, and the chief then waits forever.
def save_checkpoint(model, path, task_type, task_id):
    """Every worker saves; only the chief's copy, at `path`, is kept. Returns where this worker saved."""
    is_chief = task_type in (None, "chief") or (task_type == "worker" and task_id == 0)
    if is_chief:
        model.save(path)
        return path
    return None
