#!/usr/bin/env bash
# Prints text captures of the real binary's screens at 80x24, as Markdown for
# the README: a mock exam question, the question grid, the results, the home
# screen, and study feedback. Needs tmux. Usage: scripts/readme-captures.sh
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --quiet
bin="$PWD/target/debug/mla-quiz"
data=$(mktemp -d)
trap 'tmux kill-session -t mla-capture 2>/dev/null || true; rm -rf "$data"' EXIT
capture() { sleep 0.6; printf '\n%s\n\n```text\n' "$1"; tmux capture-pane -p -t mla-capture | sed -e 's/[[:space:]]*$//'; echo '```'; }
keys() { tmux send-keys -t mla-capture "$@"; sleep 0.3; }
run() { tmux kill-session -t mla-capture 2>/dev/null || true; tmux new-session -d -s mla-capture -x 80 -y 24 "MLA_QUIZ_DATA_DIR=$data NO_COLOR=1 $bin $*; sleep 5"; sleep 0.8; }
run exam --seed 11
capture "A mock exam question:"
keys b m l c l a g
capture "The question grid (g): answered ●, unanswered ○, flagged ⚑:"
keys s y
capture "Results, with the estimated scaled score and the score by domain against the pass line:"
keys q
capture "The home screen:"
run study --count 5 --type single --seed 3
keys a Enter
capture "Study mode after submitting an answer: the verdict, every option's reason, then the explanation and links further down:"
