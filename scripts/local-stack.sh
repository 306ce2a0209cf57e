#!/usr/bin/env bash
# The local stack: moto (S3, IAM, KMS, STS on one port) and the local Voice ID service, on free
# loopback ports, state under .local/.
#
#   scripts/local-stack.sh start    start both (no-op for what is already running)
#   scripts/local-stack.sh stop     stop both; state stays on disk
#   scripts/local-stack.sh status   what runs where
#   scripts/local-stack.sh env      print the env file (source .local/stack.env)
#
# Durability: the Voice ID service keeps its state in .local/voiceid.db (SQLite). moto keeps
# its state in memory only, so every request moto serves is appended to
# .local/moto-recording.jsonl (moto's recorder) and replayed into the fresh moto on the next
# start. Limits: see emulator/README.md ("Durability").
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

LOCAL="$REPO_ROOT/.local"
ENV_FILE="$LOCAL/stack.env"
RECORDING="$LOCAL/moto-recording.jsonl"
ACCESS_KEY_ID="AKIAVOICEIDLOCAL0001"
SECRET_ACCESS_KEY="voiceid-local-secret-access-key-0001"
ACCOUNT_ID="123456789012"
REGION="us-east-1"
mkdir -p "$LOCAL"

alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

port_free() {
  "$PY" -c 'import socket,sys; s=socket.socket(); s.bind(("127.0.0.1", int(sys.argv[1])))' "$1" 2>/dev/null
}
free_port() { "$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# The port a component used last time (so the env file stays valid), if still free.
previous_port() {
  local var="$1" url
  [ -f "$ENV_FILE" ] || return 1
  url=$(sed -n "s/^export $var=\"\{0,1\}\([^\"]*\)\"\{0,1\}$/\1/p" "$ENV_FILE" | head -1)
  [ -n "$url" ] || return 1
  echo "${url##*:}"
}

pick_port() {
  local p
  if p=$(previous_port "$1") && port_free "$p"; then echo "$p"; else free_port; fi
}

wait_http() {
  local url="$1" pidfile="$2" what="$3" log="$4"
  for _ in $(seq 1 300); do
    if curl -fsS -o /dev/null "$url" 2>/dev/null; then return 0; fi
    alive "$pidfile" || { tail -n 20 "$log" >&2; die "$what exited during start-up (log: $log)"; }
    sleep 0.1
  done
  tail -n 20 "$log" >&2
  die "$what did not answer at $url within 30 s (log: $log)"
}

build_emulator() {
  local main="$REPO_ROOT/bin/emulator/main.js"
  if [ -f "$main" ] && [ -z "$(find "$REPO_ROOT/emulator" -name '*.ts' -newer "$main" -print -quit)" ]; then return 0; fi
  log "building the emulator (tsc)"
  # tsc exits non-zero on type errors anywhere in the project but still emits; what matters
  # here is a fresh bin/emulator.
  bash "$REPO_ROOT/scripts/with-toolchain.sh" tsc -p "$REPO_ROOT/tsconfig.json" >"$LOCAL/build.log" 2>&1 || true
  if [ ! -f "$main" ] || [ -n "$(find "$REPO_ROOT/emulator" -name '*.ts' -newer "$main" -print -quit)" ]; then
    tail -n 30 "$LOCAL/build.log" >&2
    die "building the emulator failed (log: $LOCAL/build.log)"
  fi
  grep -E '^emulator/' "$LOCAL/build.log" >&2 && die "the emulator has type errors (log: $LOCAL/build.log)"
  return 0
}

write_env() {
  local moto="$1" voiceid="$2" tmp="$ENV_FILE.tmp"
  cat >"$tmp" <<EOF2
# Local Voice ID stack (scripts/local-stack.sh). Source it: . .local/stack.env
# SDKs and CLIs read the service-specific endpoint variables unchanged. S3 goes to a loopback
# IP, so clients use path-style addressing on their own (with a host name instead, set
# forcePathStyle: true in JS or 'addressing_style = path' for the AWS CLI).
export AWS_ENDPOINT_URL_VOICE_ID="$voiceid"
export AWS_ENDPOINT_URL_S3="$moto"
export AWS_ENDPOINT_URL_IAM="$moto"
export AWS_ENDPOINT_URL_KMS="$moto"
export AWS_ENDPOINT_URL_STS="$moto"
export AWS_REGION="$REGION"
export AWS_DEFAULT_REGION="$REGION"
export AWS_ACCESS_KEY_ID="$ACCESS_KEY_ID"
export AWS_SECRET_ACCESS_KEY="$SECRET_ACCESS_KEY"
export AWS_EC2_METADATA_DISABLED="true"
export VOICEID_LOCAL_ACCOUNT_ID="$ACCOUNT_ID"
EOF2
  mv "$tmp" "$ENV_FILE"
}

start_moto() {
  local port="$1"
  # A fresh moto gets the previous sessions' requests replayed before anyone else talks to it.
  setsid env MOTO_ENABLE_RECORDING=1 MOTO_RECORDER_FILEPATH="$RECORDING" \
    "$PYBIN/moto_server" -H 127.0.0.1 -p "$port" >"$LOCAL/moto.log" 2>&1 </dev/null &
  echo $! >"$LOCAL/moto.pid"
  wait_http "http://127.0.0.1:$port/moto-api/" "$LOCAL/moto.pid" "moto_server" "$LOCAL/moto.log"
  if grep -q '/moto-api/seed' "$RECORDING" 2>/dev/null; then
    log "replaying $(wc -l <"$RECORDING") recorded moto requests"
    curl -fsS -X POST "http://127.0.0.1:$port/moto-api/recorder/replay-recording" >/dev/null \
      || die "replaying the moto recording failed (log: $LOCAL/moto.log)"
  else
    # First start: seed moto's random generator. The seed call is recorded first, so a replay
    # re-creates the same generated ids (KMS key ids, ...) in the same order.
    : >"$RECORDING"
    curl -fsS -X POST "http://127.0.0.1:$port/moto-api/seed?a=20210927" >/dev/null || die "seeding moto failed"
  fi
}

start_emulator() {
  local port="$1" moto="$2"
  setsid "$NODE_BIN/node" "$REPO_ROOT/bin/emulator/main.js" --host 127.0.0.1 --port "$port" \
    --db "$LOCAL/voiceid.db" --aws-endpoint "$moto" \
    >"$LOCAL/emulator.out" 2>"$LOCAL/emulator.log" </dev/null &
  echo $! >"$LOCAL/emulator.pid"
  wait_http "http://127.0.0.1:$port/_emulator/health" "$LOCAL/emulator.pid" "the Voice ID emulator" "$LOCAL/emulator.log"
}

cmd_start() {
  PYBIN=$(bash "$REPO_ROOT/scripts/ensure-python.sh")
  PY="$PYBIN/python"
  NODE_BIN=$(bash "$REPO_ROOT/scripts/ensure-node.sh")
  build_emulator
  local moto_port voiceid_port moto voiceid
  if alive "$LOCAL/moto.pid"; then
    moto_port=$(previous_port AWS_ENDPOINT_URL_S3) || die "moto runs but $ENV_FILE is missing: run stop, then start"
  else
    moto_port=$(pick_port AWS_ENDPOINT_URL_S3)
    start_moto "$moto_port"
  fi
  moto="http://127.0.0.1:$moto_port"
  if alive "$LOCAL/emulator.pid"; then
    voiceid_port=$(previous_port AWS_ENDPOINT_URL_VOICE_ID) || die "the emulator runs but $ENV_FILE is missing: run stop, then start"
  else
    voiceid_port=$(pick_port AWS_ENDPOINT_URL_VOICE_ID)
    [ "$voiceid_port" != "$moto_port" ] || voiceid_port=$(free_port)
    start_emulator "$voiceid_port" "$moto"
  fi
  voiceid="http://127.0.0.1:$voiceid_port"
  write_env "$moto" "$voiceid"
  log "moto (S3, IAM, KMS, STS): $moto"
  log "Voice ID:                 $voiceid"
  log "env file:                 $ENV_FILE (source it)"
}

stop_pid() {
  local pidfile="$1" what="$2" pid
  if alive "$pidfile"; then
    pid=$(cat "$pidfile")
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
    log "stopped $what (pid $pid)"
  fi
  rm -f "$pidfile"
}

cmd_stop() {
  stop_pid "$LOCAL/emulator.pid" "the Voice ID emulator"
  stop_pid "$LOCAL/moto.pid" "moto"
}

cmd_status() {
  local rc=0
  for c in moto emulator; do
    if alive "$LOCAL/$c.pid"; then echo "$c: running (pid $(cat "$LOCAL/$c.pid"))"; else echo "$c: stopped"; rc=3; fi
  done
  [ -f "$ENV_FILE" ] && grep -E 'AWS_ENDPOINT_URL_(VOICE_ID|S3)=' "$ENV_FILE" | sed 's/^export /  /'
  return $rc
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  env) [ -f "$ENV_FILE" ] || die "no $ENV_FILE: run $0 start"; cat "$ENV_FILE" ;;
  *) echo "usage: $0 start|stop|status|env" >&2; exit 2 ;;
esac
