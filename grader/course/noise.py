"""Framework noise that lands on stderr and would make nbgrader score a passing test cell 0.

nbgrader gives 0 points to any test cell with stderr output. TensorFlow and torch write
start-up notices there; nbgrader's IgnorePattern drops stderr outputs matching this pattern.
Only known, harmless notices are listed: a student's real warning still shows.
"""

STDERR_NOISE_PATTERNS = (
    r"oneDNN custom operations are on",
    r"cpu_feature_guard",
    r"This TensorFlow binary is optimized to use available CPU instructions",
    r"All log messages before absl::InitializeLog\(\) is called",
    r"Unable to register cu(DNN|FFT|BLAS) factory",
    r"computation placer already registered",
    r"TF-TRT Warning",
    r"could not open file to read NUMA node",
    r"torchvision is not installed",
)

STDERR_NOISE = "|".join(f"(?:{p})" for p in STDERR_NOISE_PATTERNS)
