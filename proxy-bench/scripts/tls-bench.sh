#!/usr/bin/env bash
# tls-bench.sh -- TLS handshakes per second and HTTPS keep-alive throughput of Foresail, once per
# TLS provider (BoringSSL through netty-tcnative, and the JDK), on loopback.
#
#   proxy-bench/scripts/tls-bench.sh            (from the repository root; builds proxy.jar first)
#   SECONDS_PER=10 CONNS=50 PROVIDERS="openssl jdk" CERT_TYPE=ecdsa|rsa proxy-bench/scripts/tls-bench.sh
#
# Needs openssl (s_time: full handshakes, a new session each time) and wrk (keep-alive HTTPS).
# With 2 cores the client and the proxy share the machine: the proxy and its echo upstream are
# pinned to the last CPU, the client to CPU 0, so compare the providers with each other (ratios),
# not with numbers from other machines. Everything listens on 127.0.0.1 and is stopped at exit.
set -u -o pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SECONDS_PER=${SECONDS_PER:-10}
CONNS=${CONNS:-50}
PROVIDERS=${PROVIDERS:-"openssl jdk"}
CERT_TYPE=${CERT_TYPE:-ecdsa}
HTTPS_PORT=${HTTPS_PORT:-18443}
ECHO_PORT=${ECHO_PORT:-19101}
LAST_CPU=$(( $(nproc) - 1 ))

for tool in openssl wrk taskset; do
    command -v "$tool" >/dev/null || { echo "tls-bench: $tool is required" >&2; exit 2; }
done
WORK=$(mktemp -d /tmp/foresail-tls-bench.XXXXXX)
PIDS=()
cleanup() {
    for pid in "${PIDS[@]}"; do kill -- "-$pid" 2>/dev/null || kill "$pid" 2>/dev/null; done
    rm -rf -- "$WORK"
}
trap cleanup EXIT

if [[ "$CERT_TYPE" == rsa ]]; then keyopt=(-newkey rsa:2048); else keyopt=(-newkey ec -pkeyopt ec_paramgen_curve:prime256v1); fi
openssl req -x509 "${keyopt[@]}" -nodes -days 2 -subj "/CN=bench.example.com" \
    -addext "subjectAltName=DNS:bench.example.com" -keyout "$WORK/key.pem" -out "$WORK/cert.pem" >/dev/null 2>&1 \
    || { echo "tls-bench: openssl req failed" >&2; exit 1; }
cat > "$WORK/gateway.yaml" <<YAML
apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: bench}
spec:
  servers:
  - port: {number: $HTTPS_PORT, name: https, protocol: HTTPS}
    hosts: ["*"]
    tls: {mode: SIMPLE, serverCertificate: $WORK/cert.pem, privateKey: $WORK/key.pem}
---
apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: {name: origin}
spec:
  hosts: [origin.local]
  resolution: STATIC
  ports: [{number: 80, name: http, protocol: HTTP}]
  endpoints: [{address: 127.0.0.1, ports: {http: $ECHO_PORT}}]
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: all}
spec:
  hosts: ["*"]
  gateways: [bench]
  http:
  - route: [{destination: {host: origin.local}}]
YAML

JAR="$ROOT/proxy-core/target/proxy.jar"
if [[ ! -f "$JAR" || -n "${REBUILD:-}" ]]; then
    ( cd "$ROOT" && timeout 900 mvn -B -q -DskipTests package ) || { echo "tls-bench: build failed" >&2; exit 1; }
fi

wait_for_port() {
    local port=$1 deadline=$((SECONDS + 30))
    until (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
        (( SECONDS < deadline )) || { echo "tls-bench: port $port not up after 30 s" >&2; return 1; }
        sleep 0.2
    done
}

setsid taskset -c "$LAST_CPU" java -Xms128m -Xmx128m -jar "$JAR" echo --listen "$ECHO_PORT=origin" \
    >"$WORK/echo.log" 2>&1 &
PIDS+=($!)
wait_for_port "$ECHO_PORT" || exit 1

echo "machine: nproc=$(nproc), $(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo); $(openssl version); $(wrk --version 2>&1 | head -1 | awk '{print $1, $2}')"
echo "proxy + echo upstream on CPU $LAST_CPU, client on CPU 0; cert $CERT_TYPE; ${SECONDS_PER}s per row"
echo
echo "| provider | full handshakes/s (openssl s_time -new) | HTTPS keep-alive req/s (wrk, $CONNS conns) | p99 ms |"
echo "|---|---:|---:|---:|"
for provider in $PROVIDERS; do
    setsid taskset -c "$LAST_CPU" java -XX:+UseParallelGC -Xms256m -Xmx256m -jar "$JAR" --config "$WORK/gateway.yaml" \
        --tls-provider "$provider" --status-port 0 --admin-port 0 --metrics-port 0 --merged-metrics-port 0 --access-log off \
        >"$WORK/proxy-$provider.log" 2>&1 &
    proxy_pid=$!
    PIDS+=($proxy_pid)
    wait_for_port "$HTTPS_PORT" || { cat "$WORK/proxy-$provider.log" >&2; exit 1; }
    # warm-up: JIT and session caches
    timeout 60 taskset -c 0 wrk -t1 -c"$CONNS" -d5s "https://127.0.0.1:$HTTPS_PORT/" >/dev/null 2>&1
    timeout 60 taskset -c 0 openssl s_time -connect "127.0.0.1:$HTTPS_PORT" -new -time 3 >/dev/null 2>&1
    started=$(date +%s.%N)
    connections=$(timeout $((SECONDS_PER + 30)) taskset -c 0 openssl s_time -connect "127.0.0.1:$HTTPS_PORT" -new \
        -time "$SECONDS_PER" 2>/dev/null | awk '/connections in .*s;/ {print $1; exit}')
    handshakes=$(awk -v c="${connections:-0}" -v a="$started" -v b="$(date +%s.%N)" 'BEGIN {if (c > 0) printf "%.0f", c / (b - a)}')
    wrk_out=$(timeout $((SECONDS_PER + 30)) taskset -c 0 wrk -t1 -c"$CONNS" -d"${SECONDS_PER}s" --latency \
        "https://127.0.0.1:$HTTPS_PORT/" 2>&1)
    rps=$(awk '/Requests\/sec/ {print $2}' <<<"$wrk_out")
    p99=$(awk '$1 == "99%" {print $2}' <<<"$wrk_out")
    echo "| $provider | ${handshakes:-?} | ${rps:-?} | ${p99:-?} |"
    kill -- "-$proxy_pid" 2>/dev/null || kill "$proxy_pid"
    wait "$proxy_pid" 2>/dev/null
    # the port must be free before the next provider binds it
    deadline=$((SECONDS + 20))
    while (exec 3<>"/dev/tcp/127.0.0.1/$HTTPS_PORT") 2>/dev/null && (( SECONDS < deadline )); do sleep 0.2; done
done
