"""The batch grader (`python -m grader autograde`): its own security surface.

- `runner`: run_batch, the main process (the pool, recording each student's result);
- `plan`: which students a run grades (shards, resume digests) and as whom (uids, hidden paths);
- `worker`: one pool process, grading one student at a time with stock nbgrader;
- `intake`: submissions found, validated and staged;
- `gradebook`: nbgrader gradebooks (template, main, merge, scores);
- `sandbox`, `preflight`, `probe`: confining kernels and checking the environment before grading;
- `preprocessors`: the nbgrader preprocessors the workers run;
- `integrity`: flags for manual review (edited or re-pointed graded cells);
- `results`: the grades and summaries written from the results files;
- `cluster`: `--shard auto` from Slurm or Kubernetes, and the report over every shard.
"""
