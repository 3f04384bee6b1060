#!/usr/bin/env bash
# Prints text captures of the real binary's screens at 80x24, as Markdown for
# the README: a mock exam question, the question grid, the results, the home
# screen (with reviews due and the readiness line from a generated month of
# history), the History screen, and study feedback. Needs tmux.
# Usage: scripts/readme-captures.sh
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --quiet --bin mla-quiz --example generate_history
bin="$PWD/target/debug/mla-quiz"
data=$(mktemp -d)
trap 'tmux kill-session -t mla-capture 2>/dev/null || true; rm -rf "$data"' EXIT
# A month of study and mock exams, ending about now.
target/debug/examples/generate_history "$data" 200 --batch 50 --seed 5 --start "$(date -u -d '30 days ago' +%Y-%m-%dT%H:%M:%SZ)"
capture() { sleep 0.8; printf '\n%s\n\n```text\n' "$1"; tmux capture-pane -p -t mla-capture | sed -e 's/[[:space:]]*$//'; echo '```'; }
keys() { tmux send-keys -t mla-capture "$@"; sleep 0.3; }
run() { tmux kill-session -t mla-capture 2>/dev/null || true; tmux new-session -d -s mla-capture -x 80 -y 24 "MLA_QUIZ_DATA_DIR=$data NO_COLOR=1 $bin $*; sleep 5"; sleep 1; }
run exam --seed 11
capture "A mock exam question:"
keys b m l c l a g
capture "The question grid (g): answered ●, unanswered ○, flagged ⚑:"
keys s y
capture "Results, with the estimated scaled score, the readiness forecast and the score by domain against the pass line:"
keys q
capture "The home screen, with the reviews due and the readiness forecast:"
keys h
capture "History: every attempt; Enter opens one again, exactly as it was answered:"
keys q q
run study --count 5 --type single --seed 3
keys a Enter
capture "Study mode after submitting an answer: the verdict, every option's reason, then the explanation and links further down:"
