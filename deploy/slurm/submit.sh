#!/bin/bash
# Submit the grading array and the report that waits for it:
#   deploy/slurm/submit.sh SHARDS [sbatch options for the grading tasks…]
# with GRADER_* set as deploy/slurm/grade.sbatch describes. Prints the two job ids.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
shards="${1:?usage: $0 SHARDS [sbatch options…]}"
shift
array="$(sbatch --parsable --array="1-$shards" "$@" "$here/grade.sbatch")"
array="${array%%;*}"   # --parsable prints id[;cluster]
report="$(sbatch --parsable --dependency="afterok:$array" --job-name=grade-report --cpus-per-task=1 \
    --mem=2G --output="grade-report-%j.log" "$here/grade.sbatch" report)"
echo "grading array: $array (tasks ${array}_1..${array}_$shards); report: ${report%%;*}"
