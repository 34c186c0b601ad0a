#!/usr/bin/env sh
# Score the extractor on the PolNeAR dev set and the sample page (read in place from ../shared):
# the default figures, then with --parts and --speech-only (see the scorer's usage).
set -eu
cd "$(dirname "$0")/.."
SHARED=../shared
export DEBUG="${DEBUG:-1}"
.venv/bin/python manage.py extract_claims --jsonl "$SHARED"/eval-dev/*.txt > /tmp/pred-dev.jsonl
for flags in "" --parts --speech-only; do
    echo "eval-dev ${flags:-(default)}"
    python3 "$SHARED"/eval-dev/score.py "$SHARED"/eval-dev /tmp/pred-dev.jsonl $flags
done
.venv/bin/python manage.py extract_claims --jsonl "$SHARED"/samples/*.txt > /tmp/pred-sample.jsonl
python3 "$SHARED"/eval-dev/score.py "$SHARED"/samples /tmp/pred-sample.jsonl
