#!/usr/bin/env bash
# appcds-training.sh JAR ARCHIVE SECRET_DIR -- one training run of Foresail that writes an AppCDS
# archive (-XX:ArchiveClassesAtExit) of the classes a serving proxy loads: start-up (YAML, validation,
# compile, TLS contexts from a credentialName, listeners, admin), then plain HTTP, HTTPS and a request
# body through to an upstream, the status, metrics and admin endpoints, then a SIGTERM stop.
#
#   JAR         the proxy jar, at the path it will be run from (the archive records that path and the
#               jar's size and modification time; another jar makes the JVM ignore the archive)
#   ARCHIVE     the archive to write
#   SECRET_DIR  a folder with tls.crt and tls.key (any certificate: it is only used for this run)
#
# The Dockerfile runs it in the runtime stage, with the runtime image's own java (a dynamic archive
# only works with the JVM build that wrote it) and its JAVA_TOOL_OPTIONS. The heap is fixed at 256m
# here, whatever the build machine's memory: the archive is only used when compressed oops are on,
# as they are at run time for any heap below 32 GiB.
#
# Everything listens on 127.0.0.1 ports PORT_BASE (default 18000) + 1 / 80 / 443 / 21..23; every
# wait is bounded; both processes are stopped on exit.
set -euo pipefail

if [[ $# -ne 3 ]]; then
    echo "usage: $0 JAR ARCHIVE SECRET_DIR" >&2
    exit 2
fi
jar=$1 archive=$2 secret=$3
base=${PORT_BASE:-18000}
upstream=$((base + 1)) http=$((base + 80)) https=$((base + 443))
status=$((base + 21)) admin=$((base + 22)) metrics=$((base + 23))

work=$(mktemp -d)
echo_pid="" proxy_pid=""
cleanup() {
    local pid
    for pid in $proxy_pid $echo_pid; do kill -TERM "$pid" 2>/dev/null || true; done
    for pid in $proxy_pid $echo_pid; do wait "$pid" 2>/dev/null || true; done
    rm -rf -- "$work"
}
trap cleanup EXIT

fail() {
    echo "appcds-training: $*" >&2
    for log in "$work"/*.log; do [[ -f $log ]] && { echo "--- $log" >&2; tail -n 30 "$log" >&2; }; done
    exit 1
}

mkdir -p "$work/config" "$work/secrets/training"
cp "$secret/tls.crt" "$secret/tls.key" "$work/secrets/training/"
cat >"$work/config/gateway.yaml" <<EOF
apiVersion: networking.istio.io/v1
kind: Gateway
metadata:
  name: training
  namespace: istio-ingress
spec:
  selector:
    istio: training
  servers:
  - port:
      number: $http
      name: http
      protocol: HTTP
    hosts:
    - "*"
  - port:
      number: $https
      name: https
      protocol: HTTPS
    hosts:
    - "*"
    tls:
      mode: SIMPLE
      credentialName: training
---
apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata:
  name: upstream
  namespace: istio-ingress
spec:
  hosts:
  - upstream.training.local
  location: MESH_INTERNAL
  resolution: STATIC
  ports:
  - number: 80
    name: http
    protocol: HTTP
  endpoints:
  - address: 127.0.0.1
    ports:
      http: $upstream
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: training
  namespace: istio-ingress
spec:
  hosts:
  - "*"
  gateways:
  - training
  http:
  - name: api
    match:
    - uri:
        prefix: /api/
      headers:
        x-training:
          exact: "yes"
    rewrite:
      uri: /
    route:
    - destination:
        host: upstream.training.local
        port:
          number: 80
    retries:
      attempts: 2
      retryOn: connect-failure,5xx
    timeout: 5s
  - name: default
    route:
    - destination:
        host: upstream.training.local
        port:
          number: 80
EOF

# The upstream: the jar's own echo server, in a JVM of its own that writes no archive.
java -jar "$jar" echo --listen "$upstream=training" >"$work/echo.log" 2>&1 &
echo_pid=$!

java -Xmx256m -Xms256m -XX:ArchiveClassesAtExit="$archive" -jar "$jar" \
    --config "$work/config" --secrets-dir "$work/secrets" --labels istio=training \
    --status-port "$status" --admin-port "$admin" --metrics-port "$metrics" >"$work/proxy.log" 2>&1 &
proxy_pid=$!

ready=0
for ((i = 0; i < 600; i++)); do   # 60 s
    if curl -fsS -o /dev/null --max-time 1 "http://127.0.0.1:$status/healthz/ready" 2>/dev/null \
        && curl -fsS -o /dev/null --max-time 1 "http://127.0.0.1:$upstream/" 2>/dev/null; then
        ready=1
        break
    fi
    kill -0 "$proxy_pid" 2>/dev/null || fail "the proxy exited before it was ready"
    sleep 0.1
done
[[ $ready == 1 ]] || fail "not ready within 60 s"

# One curl per kind of request, many requests each over keep-alive (URL globbing).
curl -fsS -o /dev/null --max-time 30 "http://127.0.0.1:$http/page/[1-300]"
curl -fsS -o /dev/null --max-time 30 -H 'x-training: yes' "http://127.0.0.1:$http/api/[1-100]"
curl -fsS -o /dev/null --max-time 30 --data-binary "@$work/config/gateway.yaml" "http://127.0.0.1:$http/upload/[1-50]"
curl -fsSk -o /dev/null --max-time 30 --resolve "training.local:$https:127.0.0.1" "https://training.local:$https/tls/[1-200]"
curl -fsS -o /dev/null --max-time 5 "http://127.0.0.1:$metrics/stats/prometheus"
for path in ready server_info listeners config_dump routes clusters reload_status stats/prometheus; do
    curl -fsS -o /dev/null --max-time 5 "http://127.0.0.1:$admin/$path"
done

kill -TERM "$proxy_pid"
for ((i = 0; i < 600; i++)); do kill -0 "$proxy_pid" 2>/dev/null || break; sleep 0.1; done   # 60 s
kill -0 "$proxy_pid" 2>/dev/null && fail "the proxy did not stop within 60 s of SIGTERM"
wait "$proxy_pid" 2>/dev/null || true
proxy_pid=""
[[ -s "$archive" ]] || fail "no archive written at $archive"
echo "appcds-training: wrote $archive ($(du -h "$archive" | cut -f1))"
