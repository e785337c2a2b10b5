# Mistake: asks the notebook's strategy (should_checkpoint) instead of using task_type and task_id:
# this kernel's strategy is a single process, always the chief, so every "worker" writes `path`.
def save_checkpoint(model, path, task_type, task_id):
    """Every worker saves; only the chief's copy, at `path`, is kept. Returns where this worker saved."""
    import shutil

    if strategy.extended.should_checkpoint:
        model.save(path)
        return path
    folder = tempfile.mkdtemp()
    target = os.path.join(folder, os.path.basename(path))
    model.save(target)
    shutil.rmtree(folder)
    return target
