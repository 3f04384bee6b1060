#!/usr/bin/env bash
# Prints text captures of the home, question, grid and results screens of the
# real binary at 80x24 (for the README). Needs tmux. Usage: scripts/readme-captures.sh
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --quiet
bin="$PWD/target/debug/mla-quiz"
data=$(mktemp -d)
trap 'tmux kill-session -t mla-capture 2>/dev/null || true; rm -rf "$data"' EXIT
capture() { sleep 0.6; echo "\`\`\`text"; tmux capture-pane -p -t mla-capture | sed -e 's/[[:space:]]*$//'; echo "\`\`\`"; }
keys() { tmux send-keys -t mla-capture "$@"; sleep 0.3; }
tmux new-session -d -s mla-capture -x 80 -y 24 "MLA_QUIZ_DATA_DIR=$data NO_COLOR=1 $bin exam --seed 11; sleep 5"
echo "Question screen (mock exam):"; capture
keys b m l c l a
keys g; echo; echo "Question grid:"; capture
keys s y; echo; echo "Results:"; capture
keys q; echo; echo "Home screen:"; capture
