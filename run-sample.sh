#!/usr/bin/env bash
# Builds Foresail, starts the two bundled echo upstreams (127.0.0.1:9001 and :9002) and runs the
# proxy on config-samples/gateway.yaml in the foreground (Ctrl-C stops all three).
# Then, from another terminal:  curl -s localhost:8081/
set -euo pipefail
cd "$(dirname "$0")"
mvn -q -B -DskipTests package
java -jar proxy-core/target/proxy.jar echo --listen 9001=echo-v1 --listen 9002=echo-v2 &
echo_pid=$!
trap 'kill "$echo_pid" 2>/dev/null || true' EXIT INT TERM
java -jar proxy-core/target/proxy.jar --config config-samples/gateway.yaml "$@"
