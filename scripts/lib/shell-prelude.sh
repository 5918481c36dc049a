# The start of every shell block's script (scripts/lib/shell-blocks.mjs writes the block after it).
# `new_app` makes an empty npm project (a placeholder such as /path/to/your-app stands for one); `__bg`
# starts a background command in its own process group (so Ctrl-C reaches its children, npx's included)
# with stdin held open (a stdio server must not see EOF) and waits for its ready text; the EXIT trap
# stops it with Ctrl-C (SIGINT), which must end it cleanly.
__ready_seconds=60
set -euo pipefail
__bg_pids=() __bg_logs=() __bg_cmds=()
new_app() {
  local dir
  dir=$(mktemp -d "$SCRATCH/your-app.XXXX")
  printf '{ "name": "your-app", "version": "1.0.0", "private": true }\n' >"$dir/package.json"
  echo "$dir"
}
__bg() {
  local ready=$1 log fifo fd i
  shift
  log=$(mktemp "$SCRATCH/.background.XXXX")
  fifo="$log.stdin" && mkfifo "$fifo" && exec {fd}<>"$fifo"
  # Job control for this one command: its own process group, and SIGINT not ignored (a shell without job
  # control starts background commands with Ctrl-C ignored, and a sh script cannot trap it then).
  set -m
  "$@" <"$fifo" >"$log" 2>&1 &
  set +m
  __bg_pids+=("$!") __bg_logs+=("$log") __bg_cmds+=("$*")
  echo "$!" >>"$SCRATCH/.background-pids"
  for ((i = 0; i < $__ready_seconds * 10; i++)); do
    grep -qF -- "$ready" "$log" && return 0
    kill -0 "$!" 2>/dev/null || { echo "background: '$*' exited before printing \"$ready\":"; cat "$log"; return 1; }
    sleep 0.1
  done
  echo "background: '$*' did not print \"$ready\" within $__ready_seconds s:"
  cat "$log"
  return 1
}
__stop() {
  local status=$? i pid code n
  for i in "${!__bg_pids[@]}"; do
    pid=${__bg_pids[$i]}
    kill -INT -- "-$pid" 2>/dev/null || true
    n=0
    while kill -0 "$pid" 2>/dev/null && [ "$n" -lt 100 ]; do sleep 0.1 && n=$((n + 1)); done
    code=0
    if kill -KILL -- "-$pid" 2>/dev/null; then code=137 && { wait "$pid" || true; }; else wait "$pid" || code=$?; fi
    # 130 is what a shell reports for a program that Ctrl-C ended without a handler: a reader sees no error.
    if [ "$code" -ne 0 ] && [ "$code" -ne 130 ]; then
      echo "background: '${__bg_cmds[$i]}' exited $code after Ctrl-C:"
      cat "${__bg_logs[$i]}"
      [ "$status" -ne 0 ] || status=1
    fi
  done
  exit "$status"
}
trap __stop EXIT
