"""Snapshot and restore, inside a notebook's kernel, what one answer may change.

`answer_check` runs several answers of one exercise in one kernel. Before the first of them it
takes a snapshot of the state the solution would see; before each answer (and before the
solution itself) it restores that snapshot, so that no answer is judged against state that an
earlier one changed. This module's *source* is sent to the kernel and executed there as a
private module (`_answer_check_state`); the grader never imports it for that purpose, and unit
tests import it directly to check the rules on plain namespaces.

What is restored (every rule restores *in place*, so that identities and aliases survive: an
optimizer still holds the model's parameters, a closure still sees the same list):

- **Names**: the notebook's global names get back the objects they named; names that appeared
  since (a helper an earlier answer defined) are deleted. Dunder names are left to their owners
  (the interpreter, torch.compile), the warnings registry apart.
- **Objects reachable from those names**, by type, following containers (list, dict, set,
  tuple) and the attributes of notebook classes and of torch/Keras objects, up to `MAX_DEPTH`:
  torch tensors (values, `requires_grad`, `.grad`), `nn.Module`s (submodules, parameters,
  buffers, hooks, train/eval mode), optimizers and schedulers (their state), `DataLoader`s and
  their generators, NumPy arrays and generators, `random.Random`, `tf.Variable`s and Keras
  variables, Keras layers, models, optimizers, metrics and callbacks (attributes and variable
  values), `tf.random.Generator`s.
- **Global random state**: Python's `random`, NumPy's legacy global generator, torch's CPU
  (and initialised CUDA) generators, TensorFlow's global seed, Keras' global seed generator.
- **Global switches**: torch grad mode, default dtype, deterministic algorithms and thread
  count; NumPy's error handling; TensorFlow's `run_functions_eagerly`; Keras' float type and
  dtype policy; the working directory, `os.environ`, `sys.path`; the warnings registries
  (so that a warning shown to one answer is shown to the next one too).
- **Garbage**: what the previous answer left is collected before the next one starts, so that
  a finaliser's warning (TensorFlow logs one for a checkpoint deleted with unrestored values)
  lands in no other answer's test cell. The objects alive at the snapshot are frozen
  (`gc.freeze`) until the exercise is done, so each collection only looks at what answers made.
- **Files**: below the working directory and below every directory that a global `Path` or
  string names, files and folders created since the snapshot are deleted, and files changed or
  deleted are written back (up to `MAX_FILE_BYTES` in all).

Namespaces are left alone: the builtins, modules' globals and any dict holding `__builtins__`
(the globals of an `exec`, as `timeit` makes) are never emptied and refilled. Anything else (an
object of a third-party class, a compiled graph's cache, a running thread) is rebound to its
name but not restored: a test that needs an object in a known state builds it itself. Nothing
here imports torch, NumPy, TensorFlow or Keras: it looks them up in
`sys.modules`, so it never changes what the notebook has loaded, and it triggers no warnings.
"""

from __future__ import annotations

import builtins
import gc
import os
import random
import re
import shutil
import sys
import tempfile
import types
import warnings

MAX_DEPTH = 8
MAX_FILE_BYTES = 64 * 2**20
MAX_FILES = 5000
TRACE_VARIABLE = "ANSWER_CHECK_TRACE"  # a file to log each restore step to, when set
# IPython's own names in the user namespace: the output cache (_, __, _7, _i7, ...), In, Out.
IPYTHON_NAMES = re.compile(r"^(_+|_i+|_i?\d+|_oh|_ih|_dh|In|Out|get_ipython|exit|quit)$")
ATOMIC = (type(None), bool, int, float, complex, str, bytes, range, type, types.ModuleType,
          types.FunctionType, types.BuiltinFunctionType, types.MethodType, types.CodeType)


def _module(name: str):
    return sys.modules.get(name)


class Snapshot:
    """What `take` saw: bindings, one restore step per stateful object, and global state."""

    def __init__(self, namespace: dict, hidden: set[str]):
        self.namespace = namespace
        self.hidden = hidden
        self.bindings: dict = {}
        self.steps: list = []  # (description, zero-argument restore function)
        self.keep: list = []  # keeps captured objects alive, so that their ids stay unique
        self.seen: set[int] = set()
        self.failures: list[str] = []
        # Interpreter namespaces are never emptied and refilled, even for a moment: the builtins,
        # every module's globals, sys.modules (clearing the builtins kills the kernel).
        self.namespaces = {id(sys.modules), id(builtins.__dict__)}
        self.namespaces.update(id(vars(m)) for m in list(sys.modules.values())
                               if isinstance(getattr(m, "__dict__", None), dict))

    def add(self, description: str, restore) -> None:
        self.steps.append((description, restore))


def user_names(namespace: dict, hidden: set[str]) -> list[str]:
    """The notebook's own names. Dunder names are the interpreter's (`__builtins__`) or compilers'
    (torch.compile installs `__compiled_fn_3`, `__builtins_dict___61`… and deletes them itself when
    their code is freed), except the warnings registry, which a new answer must not inherit."""
    return [name for name in namespace if name not in hidden and not IPYTHON_NAMES.match(name)
            and (not name.startswith("__") or name == "__warningregistry__")]


def take(namespace: dict | None = None, hidden: set[str] | None = None) -> Snapshot:
    """Snapshot `namespace` (the kernel's user namespace by default) and the process's global state."""
    if namespace is None:
        from IPython import get_ipython

        shell = get_ipython()
        namespace, hidden = shell.user_ns, set(shell.user_ns_hidden)
    snapshot = Snapshot(namespace, set(hidden or ()))
    snapshot.bindings = {name: namespace[name] for name in user_names(namespace, snapshot.hidden)}
    for value in list(snapshot.bindings.values()):
        capture(value, snapshot, 0)
    capture_globals(snapshot)
    capture_files(snapshot)
    return snapshot


def restore(snapshot: Snapshot) -> list[str]:
    """Put everything `take` saw back; returns what could not be restored (empty when all was)."""
    namespace = snapshot.namespace
    for name in user_names(namespace, snapshot.hidden):
        if name not in snapshot.bindings:
            del namespace[name]
    namespace.update(snapshot.bindings)
    failures = list(snapshot.failures)
    trace = os.environ.get(TRACE_VARIABLE)
    for description, step in snapshot.steps:
        if trace:  # for a kernel that dies here: the last line names the step
            with open(trace, "a") as handle:
                handle.write(f"restore {description}\n")
        try:
            step()
        except Exception as exc:  # one object that resists must not stop the others
            failures.append(f"{description}: {type(exc).__name__}: {exc}")
    return failures


# ---------------------------------------------------------------------------------------------
# Objects, by type
# ---------------------------------------------------------------------------------------------

def capture(obj, snapshot: Snapshot, depth: int) -> None:
    if depth > MAX_DEPTH or isinstance(obj, ATOMIC) or id(obj) in snapshot.seen:
        return
    snapshot.seen.add(id(obj))
    snapshot.keep.append(obj)
    try:
        for rule in RULES:
            if rule(obj, snapshot, depth):
                return
    except Exception as exc:  # capturing is best effort: an object that resists is noted
        snapshot.failures.append(f"{type(obj).__name__}: not captured ({type(exc).__name__}: {exc})")


def _children(values, snapshot: Snapshot, depth: int) -> None:
    for value in list(values):
        capture(value, snapshot, depth + 1)


def torch_tensor(obj, snapshot: Snapshot, depth: int) -> bool:
    torch = _module("torch")
    if torch is None or not isinstance(obj, torch.Tensor):
        return False
    data = obj.detach().clone()
    leaf = obj.grad_fn is None  # only a leaf has a .grad worth keeping (reading it elsewhere warns)
    requires_grad = obj.requires_grad
    grad = obj.grad.detach().clone() if leaf and obj.grad is not None else None

    def put_back():
        with torch.no_grad():
            if obj.shape == data.shape and obj.dtype == data.dtype and obj.device == data.device:
                obj.copy_(data)
            else:
                obj.data = data.clone()
        if leaf:
            if obj.requires_grad != requires_grad:
                obj.requires_grad_(requires_grad)
            obj.grad = None if grad is None else grad.clone()

    snapshot.add(f"tensor {tuple(obj.shape)}", put_back)
    return True


def generator_state(obj, snapshot: Snapshot, depth: int) -> bool:
    """torch.Generator, NumPy's Generator and RandomState, random.Random."""
    torch, np = _module("torch"), _module("numpy")
    if torch is not None and isinstance(obj, torch.Generator):
        state = obj.get_state()
        snapshot.add("torch.Generator", lambda: obj.set_state(state))
        return True
    if np is not None and isinstance(obj, np.random.Generator):
        state = obj.bit_generator.state
        snapshot.add("numpy Generator", lambda: setattr(obj.bit_generator, "state", state))
        return True
    if np is not None and isinstance(obj, np.random.RandomState):
        state = obj.get_state()
        snapshot.add("numpy RandomState", lambda: obj.set_state(state))
        return True
    if isinstance(obj, random.Random):
        state = obj.getstate()
        snapshot.add("random.Random", lambda: obj.setstate(state))
        return True
    return False


def numpy_array(obj, snapshot: Snapshot, depth: int) -> bool:
    np = _module("numpy")
    if np is None or not isinstance(obj, np.ndarray):
        return False
    if obj.dtype == object:
        _children(obj.ravel().tolist(), snapshot, depth)
        return True
    if obj.flags.writeable:
        saved = obj.copy()

        def put_back():
            if obj.shape == saved.shape and obj.flags.writeable:
                np.copyto(obj, saved)

        snapshot.add(f"ndarray {obj.shape}", put_back)
    return True


def _variable_value(variable):
    return variable.numpy()


def tf_variable(obj, snapshot: Snapshot, depth: int) -> bool:
    """tf.Variable and Keras variables: their value, assigned back."""
    keras, tf = _module("keras"), _module("tensorflow")
    is_keras = keras is not None and isinstance(obj, keras.Variable)
    is_tf = tf is not None and isinstance(obj, tf.Variable)
    if not (is_keras or is_tf):
        return False
    value = _variable_value(obj)

    def put_back():
        if tuple(obj.shape) == value.shape:
            obj.assign(value)

    snapshot.add(f"variable {getattr(obj, 'path', getattr(obj, 'name', ''))}", put_back)
    return True


def tf_random_generator(obj, snapshot: Snapshot, depth: int) -> bool:
    tf = _module("tensorflow")
    if tf is None or not isinstance(obj, tf.random.Generator):
        return False
    state = obj.state.numpy()
    snapshot.add("tf.random.Generator", lambda: obj.state.assign(state))
    return True


def _keras_kinds():
    keras = _module("keras")
    if keras is None:
        return ()
    return (keras.layers.Layer, keras.optimizers.Optimizer, keras.metrics.Metric, keras.callbacks.Callback)


def _torch_kinds():
    torch = _module("torch")
    if torch is None:
        return ()
    kinds = [torch.nn.Module, torch.optim.Optimizer, torch.utils.data.DataLoader,
             torch.utils.data.Dataset, torch.utils.data.Sampler]
    scheduler = getattr(torch.optim.lr_scheduler, "LRScheduler", None)
    if scheduler is not None:
        kinds.append(scheduler)
    return tuple(kinds)


def attributes(obj, snapshot: Snapshot, depth: int) -> bool:
    """Objects of the notebook's own classes and of torch/Keras kinds: their attributes, in place."""
    notebook_class = type(obj).__module__ == "__main__"
    kinds = _torch_kinds() + _keras_kinds()
    if not (notebook_class or (kinds and isinstance(obj, kinds))):
        return False
    keras = _module("keras")
    if keras is not None and isinstance(obj, (keras.layers.Layer, keras.optimizers.Optimizer,
                                              keras.metrics.Metric)):
        for variable in list(obj.variables):  # includes dropout's seed state and optimizer moments
            capture(variable, snapshot, depth + 1)
    state = getattr(obj, "__dict__", None)
    if not isinstance(state, dict):
        return True
    saved = dict(state)

    def put_back():
        if state.keys() != saved.keys() or any(state[k] is not v for k, v in saved.items()):
            state.clear()
            state.update(saved)

    snapshot.add(f"{type(obj).__name__} attributes", put_back)
    _children(saved.values(), snapshot, depth)
    return True


def containers(obj, snapshot: Snapshot, depth: int) -> bool:
    if isinstance(obj, list):
        saved_list = list(obj)

        def put_back_list():
            if len(obj) != len(saved_list) or any(a is not b for a, b in zip(obj, saved_list, strict=True)):
                obj[:] = saved_list

        snapshot.add("list", put_back_list)
        _children(saved_list, snapshot, depth)
        return True
    if isinstance(obj, dict):
        if id(obj) in snapshot.namespaces or "__builtins__" in obj:  # globals, e.g. of an exec()
            return True
        saved_items = list(obj.items())

        def put_back_dict():
            if len(obj) != len(saved_items) or any(k not in obj or obj[k] is not v for k, v in saved_items):
                obj.clear()
                obj.update(dict(saved_items))

        snapshot.add("dict", put_back_dict)
        _children([k for k, _ in saved_items], snapshot, depth)
        _children([v for _, v in saved_items], snapshot, depth)
        return True
    if isinstance(obj, set):
        saved_set = set(obj)

        def put_back_set():
            if obj != saved_set:
                obj.clear()
                obj.update(saved_set)

        snapshot.add("set", put_back_set)
        _children(saved_set, snapshot, depth)
        return True
    if isinstance(obj, (tuple, frozenset)):
        _children(obj, snapshot, depth)
        return True
    return False


RULES = (torch_tensor, generator_state, numpy_array, tf_variable, tf_random_generator, attributes,
         containers)


# ---------------------------------------------------------------------------------------------
# Global state of the process
# ---------------------------------------------------------------------------------------------

def _switch(snapshot: Snapshot, description: str, read, write) -> None:
    """Save read(); restore with write(saved) only when the value changed."""
    try:
        saved = read()
    except Exception as exc:
        snapshot.failures.append(f"{description}: not captured ({type(exc).__name__}: {exc})")
        return

    def put_back():
        if read() != saved:
            write(saved)

    snapshot.add(description, put_back)


def capture_globals(snapshot: Snapshot) -> None:
    state = random.getstate()
    snapshot.add("random", lambda: random.setstate(state))
    _switch(snapshot, "working directory", os.getcwd, os.chdir)
    environ = dict(os.environ)

    def put_back_environ():
        if dict(os.environ) != environ:
            os.environ.clear()
            os.environ.update(environ)

    snapshot.add("os.environ", put_back_environ)
    path = list(sys.path)
    snapshot.add("sys.path", lambda: sys.path.__setitem__(slice(None), path))
    registries = [(m.__dict__["__warningregistry__"], dict(m.__dict__["__warningregistry__"]))
                  for m in list(sys.modules.values())
                  if isinstance(getattr(m, "__dict__", None), dict)
                  and isinstance(m.__dict__.get("__warningregistry__"), dict)]
    filters = list(warnings.filters)

    def put_back_warnings():
        for registry, saved in registries:
            if registry != saved:
                registry.clear()
                registry.update(saved)
        if warnings.filters != filters:
            warnings.filters[:] = filters

    snapshot.add("warnings", put_back_warnings)
    np = _module("numpy")
    if np is not None:
        numpy_state = np.random.get_state()
        snapshot.add("numpy global generator", lambda: np.random.set_state(numpy_state))
        _switch(snapshot, "numpy.seterr", np.geterr, lambda saved: np.seterr(**saved))
    torch = _module("torch")
    if torch is not None:
        capture_torch(snapshot, torch)
    tf = _module("tensorflow")
    if tf is not None:
        capture_tensorflow(snapshot, tf)
    keras = _module("keras")
    if keras is not None:
        capture_keras(snapshot, keras)


def capture_torch(snapshot: Snapshot, torch) -> None:
    cpu = torch.get_rng_state()
    snapshot.add("torch CPU generator", lambda: torch.set_rng_state(cpu))
    if torch.cuda.is_available() and torch.cuda.is_initialized():
        cuda = torch.cuda.get_rng_state_all()
        snapshot.add("torch CUDA generators", lambda: torch.cuda.set_rng_state_all(cuda))
    _switch(snapshot, "torch grad mode", torch.is_grad_enabled, torch.set_grad_enabled)
    _switch(snapshot, "torch default dtype", torch.get_default_dtype, torch.set_default_dtype)
    _switch(snapshot, "torch threads", torch.get_num_threads, torch.set_num_threads)
    _switch(snapshot, "torch deterministic algorithms",
            lambda: (torch.are_deterministic_algorithms_enabled(),
                     torch.is_deterministic_algorithms_warn_only_enabled()),
            lambda saved: torch.use_deterministic_algorithms(saved[0], warn_only=saved[1]))


def capture_tensorflow(snapshot: Snapshot, tf) -> None:
    _switch(snapshot, "tf.config.run_functions_eagerly", tf.config.functions_run_eagerly,
            tf.config.run_functions_eagerly)
    try:
        from tensorflow.python.eager import context

        ctx = context.context()
    except Exception:
        return
    seed, rng = getattr(ctx, "_seed", None), getattr(ctx, "_rng", None)
    rng_state = rng.getstate() if isinstance(rng, random.Random) else None

    def put_back_seed():
        ctx._seed = seed
        ctx._rng = rng
        if rng_state is not None:
            rng.setstate(rng_state)

    snapshot.add("tensorflow global seed", put_back_seed)


def capture_keras(snapshot: Snapshot, keras) -> None:
    _switch(snapshot, "keras floatx", keras.config.floatx, keras.config.set_floatx)
    _switch(snapshot, "keras dtype policy", lambda: keras.config.dtype_policy().name,
            keras.config.set_dtype_policy)
    try:
        from keras.src.backend.common import global_state
    except Exception:
        return
    generator = global_state.get_global_attribute("global_seed_generator")
    if generator is not None:
        capture(generator.state, snapshot, 0)
    snapshot.add("keras global seed generator",
                 lambda: global_state.set_global_attribute("global_seed_generator", generator))


# ---------------------------------------------------------------------------------------------
# Files
# ---------------------------------------------------------------------------------------------

def watched_folders(snapshot: Snapshot) -> list[str]:
    """The working directory, and the folders that global Paths or strings name inside it or
    inside a private temporary folder (never the temporary root itself, nor a parent of the
    working directory: other processes write there)."""
    cwd = os.path.realpath(os.getcwd())
    temp_root = os.path.realpath(tempfile.gettempdir())
    folders = {cwd}
    for value in snapshot.bindings.values():
        if not isinstance(value, (str, os.PathLike)):
            continue
        try:
            path = os.fspath(value)
            if not path or len(path) > 4096 or not os.path.isdir(path):
                continue
            path = os.path.realpath(path)
        except (TypeError, ValueError, OSError):
            continue
        if _inside(path, cwd) or (_inside(path, temp_root) and path != temp_root and not _inside(cwd, path)):
            folders.add(path)
    return sorted(f for f in folders if not any(f != g and _inside(f, g) for g in folders))


def _inside(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def _listing(folder: str) -> dict[str, tuple]:
    found: dict[str, tuple] = {}
    for parent, dirs, files in os.walk(folder):
        for name in dirs:
            found[os.path.join(parent, name)] = ("dir",)
        for name in files:
            path = os.path.join(parent, name)
            try:
                st = os.lstat(path)
            except OSError:
                continue
            found[path] = ("file", st.st_size, st.st_mtime_ns)
        if len(found) > MAX_FILES:
            raise OSError(f"{folder}: more than {MAX_FILES} entries")
    return found


def capture_files(snapshot: Snapshot) -> None:
    budget = MAX_FILE_BYTES
    for folder in watched_folders(snapshot):
        try:
            before = _listing(folder)
        except OSError as exc:
            snapshot.failures.append(f"files: {exc}")
            continue
        contents: dict[str, bytes] = {}
        for path, entry in before.items():
            if entry[0] == "file" and entry[1] <= budget:
                try:
                    with open(path, "rb") as handle:
                        contents[path] = handle.read()
                    budget -= entry[1]
                except OSError:
                    continue
        snapshot.add(f"files under {folder}", _files_restorer(folder, before, contents))


def _files_restorer(folder: str, before: dict[str, tuple], contents: dict[str, bytes]):
    def put_back():
        now = _listing(folder) if os.path.isdir(folder) else {}
        for path in sorted((p for p in now if p not in before), key=len, reverse=True):
            if os.path.isdir(path) and not os.path.islink(path):
                shutil.rmtree(path, ignore_errors=True)
            elif os.path.lexists(path):
                os.unlink(path)
        for path, entry in sorted(before.items()):
            if entry[0] == "dir":
                os.makedirs(path, exist_ok=True)
            elif now.get(path) != entry and path in contents:
                os.makedirs(os.path.dirname(path), exist_ok=True)
                with open(path, "wb") as handle:
                    handle.write(contents[path])
                os.utime(path, ns=(entry[2], entry[2]))

    return put_back


# ---------------------------------------------------------------------------------------------
# What answer_check calls in the kernel
# ---------------------------------------------------------------------------------------------

CURRENT: list[Snapshot] = []


def kernel_take() -> None:
    CURRENT[:] = [take()]
    # Everything alive now is moved out of the collector's sight until kernel_drop: collecting
    # between answers then costs what the answers allocated, not the whole heap (seconds with
    # TensorFlow loaded).
    gc.freeze()
    for failure in CURRENT[0].failures:
        print(f"answer_check: {failure}")


def kernel_restore() -> None:
    # Finalise what the previous answer left for the garbage collector, before and after its
    # names are dropped: a finaliser that logs (TensorFlow warns about checkpoints deleted with
    # unrestored values, a dynamo cache's weakref callback can fail) must not write to stderr
    # during the next answer's test cells.
    gc.collect()
    failures = restore(CURRENT[0])
    gc.collect()
    for failure in failures:
        print(f"answer_check: {failure}")


def kernel_drop() -> None:
    CURRENT.clear()
    gc.unfreeze()


def kernel_last_error_is_assertion() -> None:
    """Print whether the exception of the cell that just failed is an AssertionError (or subclass)."""
    error = getattr(sys, "last_value", None)
    print("ASSERTION" if isinstance(error, AssertionError) else f"OTHER {type(error).__name__}")
