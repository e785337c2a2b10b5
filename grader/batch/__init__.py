"""The batch grader (`python -m grader autograde`): its own security surface.

- `runner`: run_batch, the main process (intake, gradebooks, the pool, results files);
- `intake`: submissions found, validated and staged;
- `gradebook`: nbgrader gradebooks (template, merge, scores);
- `sandbox`, `preflight`, `probe`: confining kernels and checking the environment before grading;
- `preprocessors`: the nbgrader preprocessors the workers run;
- `integrity`: flags for manual review (edited or re-pointed graded cells);
- `results`: the grades and summaries written from the results files.
"""
