#!/usr/bin/env bash
# race.sh -- the scoreboard: Foresail side by side with nginx and HAProxy, one origin, one run.
#
#   proxy-bench/scripts/race.sh                       (from the repository root)
#   DURATION=2 WARMUP=1 ROUNDS=1 proxy-bench/scripts/race.sh       (a quick look)
#   SCENARIOS=h1 TARGETS="nginx foresail" EXTRAS=0 RESULTS=/tmp/race.md proxy-bench/scripts/race.sh
#
# On a fresh Debian machine with JDK 17 and Maven it installs what is missing (wrk,
# nghttp2-client, nginx-light, haproxy, plus python3/openssl/curl when absent; only as root,
# with apt-get install -y) and builds proxy-core/target/proxy.jar if it is not there.
#
# Everything listens on 127.0.0.1. ONE origin: nginx, 1 worker, `return 200` with a fixed 64-byte
# body, keep-alive. Targets, all forwarding HTTP/1.1 cleartext to that origin:
#   direct    the origin itself (its own TLS port for the TLS rows): the ceiling
#   nginx     nginx reverse proxy, 1 worker, upstream keep-alive pool
#   haproxy   HAProxy, 1 thread, http-reuse always
#   foresail  java $JAVA_OPTS -jar proxy-core/target/proxy.jar --config <generated gateway.yaml> --access-log off:
#             a Gateway with an HTTP and an HTTPS (SIMPLE, certificate files) server and one
#             VirtualService routing host * to a STATIC ServiceEntry on the origin
# Scenarios (wrk, 1 thread, CONNS connections, --latency):
#   h1            HTTP/1.1 keep-alive
#   h1-tls        HTTP/1.1 over TLS 1.3 keep-alive, ECDSA P-256 self-signed certificate (openssl)
#   h1-tls-close  a new TLS connection per request (wrk -H 'Connection: close'): req/s = handshakes/s.
#                 wrk does NOT do a full handshake each time: it closes with SSL_shutdown + SSL_clear
#                 and reconnects with the same SSL object, which keeps the session (in TLS 1.3 the
#                 ticket of the previous connection), so after each connection's first handshake
#                 every request is a RESUMED TLS 1.3 handshake (PSK with an ECDHE key share) wherever
#                 the server resumes sessions.
#                 The script checks both every run and prints them above the table: how many of wrk's
#                 reconnects the origin saw resumed ($ssl_session_reused on a probe port), and for each
#                 target whether it resumes a session at all (openssl s_client -sess_out/-sess_in).
#   h2c, h2-tls   NOT APPLICABLE YET: Foresail has no HTTP/2. See "h2 scenarios" below for where
#                 they go (h2load is installed for them); they are not faked.
#
# Pinning (CLIENT_CPU, SERVER_CPU): wrk and the python clients on CPU 0; the origin and the proxy
# under test share CPU 1 (taskset), so a JVM sees one processor (one event loop, serial GC work).
# The ratio to direct then reads as origin cost / (origin cost + proxy cost) per request.
#
# Per row (median over ROUNDS rounds, the order of targets rotated each round):
#   req/s, p50, p99 (wrk --latency), errors (wrk's non-2xx/3xx + socket errors, summed over rounds),
#   proxy CPU us/req: utime+stime of the proxy's own processes (its process group, from
#     /proc/<pid>/stat; nginx: master + worker) over the measured interval / requests wrk completed;
#     for direct the origin's,
#   origin CPU us/req: the same for the origin (it does the same work in every row, so a jump marks
#     a noisy row), and ratios: req/s and CPU to nginx, req/s to direct (medians of per-round ratios).
# Extras (EXTRAS=1), after the rounds:
#   idle connections: IDLE_CONNS (10,000) HTTP/1.1 keep-alive connections opened, one request each,
#     held idle; RSS of the target's processes at rest and with them held (ulimit -n is raised);
#   start to ready: STARTS (3) fresh starts, pinned like the bench, polled every 1 ms from just
#     before the start: Foresail until GET /healthz/ready on --status-port answers 200, nginx and
#     HAProxy until GET / through them answers 200; median in ms;
#   reload: Foresail on a generated VirtualService of RELOAD_ROUTES (10,000) routes (exact and prefix
#     uri matches, alternating), --config-check-interval $CHECK_INTERVAL; the file is rewritten
#     (one route changed, atomic rename) RELOADS (3) times and /reload_status on --admin-port is
#     polled until its version moves: end-to-end ms (includes up to one check interval plus the
#     one-check debounce) beside the proxy's own duration_ms (start of loading to publication).
#
# Knobs (env): DURATION=10 WARMUP=3 ROUNDS=3 CONNS=50 SCENARIOS="h1 h1-tls h1-tls-close"
#   TARGETS="direct nginx haproxy foresail" JAVA_OPTS="-XX:+UseParallelGC -Xms256m -Xmx256m"
#   FORESAIL_ARGS="" (extra proxy flags, e.g. "--transport epoll")
#   JIT_WARMUP=10 (s of unmeasured wrk load on Foresail per scenario before round 1, for the JIT)
#   PORT_BASE=28000 CLIENT_CPU=0 SERVER_CPU=1 MAX_WALL=1800 (s, whole run) EXTRAS=1 IDLE_CONNS=10000
#   STARTS=3 RELOAD_ROUTES=10000 RELOADS=3 CHECK_INTERVAL=50ms RESULTS=<file for the tables>
#   KEEP_WORK=0 INSTALL=1
#
# Safety: 127.0.0.1 only; every process is started in its own process group and that group is
# stopped at exit (trap); every wait loop is bounded; the whole run stops itself after MAX_WALL
# seconds; the work dir is a mktemp -d under /tmp, removed at exit unless KEEP_WORK=1.

set -u -o pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
HOST=127.0.0.1                      # fixed: this script never sends anything elsewhere
JAR="$ROOT/proxy-core/target/proxy.jar"
PROBE="$HERE/race_probe.py"

DURATION=${DURATION:-10}
WARMUP=${WARMUP:-3}
ROUNDS=${ROUNDS:-3}
CONNS=${CONNS:-50}
SCENARIOS=${SCENARIOS:-"h1 h1-tls h1-tls-close"}
TARGETS=${TARGETS:-"direct nginx haproxy foresail"}
JAVA_OPTS=${JAVA_OPTS:-"-XX:+UseParallelGC -Xms256m -Xmx256m"}
FORESAIL_ARGS=${FORESAIL_ARGS:-}     # extra proxy flags, e.g. "--transport epoll" for an A/B run
JIT_WARMUP=${JIT_WARMUP:-10}
PORT_BASE=${PORT_BASE:-28000}
CLIENT_CPU=${CLIENT_CPU:-0}
SERVER_CPU=${SERVER_CPU:-1}
MAX_WALL=${MAX_WALL:-1800}
EXTRAS=${EXTRAS:-1}
IDLE_CONNS=${IDLE_CONNS:-10000}
STARTS=${STARTS:-3}
RELOAD_ROUTES=${RELOAD_ROUTES:-10000}
RELOADS=${RELOADS:-3}
CHECK_INTERVAL=${CHECK_INTERVAL:-50ms}
KEEP_WORK=${KEEP_WORK:-0}
INSTALL=${INSTALL:-1}
BODY_BYTES=64

# Ports: origin +0 (h1) +1 (TLS) +2 (TLS probe with a session-reuse log); nginx +10/+11;
# HAProxy +20/+21; Foresail +30 (h1) +31 (TLS) +32 status +33 admin +34 metrics.
OR_H1=$PORT_BASE; OR_TLS=$((PORT_BASE + 1)); OR_PROBE=$((PORT_BASE + 2))
NG_H1=$((PORT_BASE + 10)); NG_TLS=$((PORT_BASE + 11))
HA_H1=$((PORT_BASE + 20)); HA_TLS=$((PORT_BASE + 21))
FS_H1=$((PORT_BASE + 30)); FS_TLS=$((PORT_BASE + 31))
FS_STATUS=$((PORT_BASE + 32)); FS_ADMIN=$((PORT_BASE + 33)); FS_METRICS=$((PORT_BASE + 34))

log() { printf '[race %(%H:%M:%S)T] %s\n' -1 "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ------------------------------------------------------------------ process groups
declare -A GROUP=()   # name -> pid, which is also the process-group id
WORK=""
WATCHDOG=""

# start_group NAME CPU LOG CMD...: CMD pinned to CPU, in a new session and process group. The
# background child of a non-interactive shell is not a group leader, so setsid does not fork and
# $! is CMD's own pid (taskset execs CMD), which is also its process-group id.
start_group() {
    local name=$1 cpu=$2 logfile=$3; shift 3
    setsid taskset -c "$cpu" "$@" >"$logfile" 2>&1 </dev/null &
    GROUP[$name]=$!
}

alive() { [[ -n "${GROUP[$1]:-}" ]] && kill -0 "${GROUP[$1]}" 2>/dev/null; }

stop_group() {  # TERM the group, wait at most 5 s, then KILL
    local name=$1 pid=${GROUP[$1]:-} i
    [[ -n "$pid" ]] || return 0
    kill -TERM -- "-$pid" 2>/dev/null
    for ((i = 0; i < 50; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL -- "-$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    unset "GROUP[$name]"
    return 0
}

cleanup() {
    local name
    for name in "${!GROUP[@]}"; do stop_group "$name"; done
    if [[ -n "$WATCHDOG" ]]; then kill -TERM -- "-$WATCHDOG" 2>/dev/null; wait "$WATCHDOG" 2>/dev/null; fi
    if [[ -n "$WORK" && -d "$WORK" ]]; then
        if [[ "$KEEP_WORK" == 1 ]]; then log "work dir kept: $WORK"; else rm -rf -- "$WORK"; fi
    fi
}
trap cleanup EXIT
trap 'log "stopped by a signal (MAX_WALL=${MAX_WALL}s reached, or interrupted)"; exit 130' INT TERM

# run_bounded NAME SECONDS CPU LOG CMD...: runs CMD in its own group and waits for it, killing the
# group after SECONDS.
run_bounded() {
    local name=$1 secs=$2 cpu=$3 logfile=$4 i; shift 4
    start_group "$name" "$cpu" "$logfile" "$@"
    for ((i = 0; i < secs * 10; i++)); do alive "$name" || break; sleep 0.1; done
    alive "$name" && log "$name still running after ${secs}s: stopped"
    stop_group "$name"
}

# --------------------------------------------------------------- /proc accounting
CLK_TCK=$(getconf CLK_TCK)

group_pids() { ps -e -o pid=,pgid= | awk -v g="$1" '$2 == g { print $1 }'; }

group_ticks() {  # utime+stime (clock ticks) summed over the group's processes (all their threads)
    local pid sum=0 ticks
    for pid in $(group_pids "$1"); do
        # drop "pid (comm) " so that utime and stime (fields 14 and 15 of proc(5)) are $12 and $13
        ticks=$(sed 's/^.*) //' "/proc/$pid/stat" 2>/dev/null | awk '{ print $12 + $13 }')
        sum=$((sum + ${ticks:-0}))
    done
    echo "$sum"
}

group_rss_kib() { ps -e -o pgid=,rss= | awk -v g="$1" '$1 == g { s += $2 } END { print s + 0 }'; }

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print "-"; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# ----------------------------------------------------------------- install, build
install_missing() {
    local -A package_of=([wrk]=wrk [h2load]=nghttp2-client [nginx]=nginx-light [haproxy]=haproxy
                         [python3]=python3 [openssl]=openssl [curl]=curl [taskset]=util-linux [ps]=procps)
    local tool packages=()
    for tool in "${!package_of[@]}"; do
        command -v "$tool" >/dev/null 2>&1 || [[ -x /usr/sbin/$tool ]] || packages+=("${package_of[$tool]}")
    done
    [[ ${#packages[@]} -eq 0 ]] && return 0
    [[ "$INSTALL" == 1 && $(id -u) -eq 0 ]] \
        || die "missing: ${packages[*]} (run as root to have them installed, or apt-get install -y them)"
    log "installing ${packages[*]}"
    # keep the packages' service scripts from starting system-wide nginx/haproxy daemons
    local policy=0
    if [[ ! -e /usr/sbin/policy-rc.d ]]; then
        printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d && policy=1
    fi
    timeout 600 apt-get update -qq >/dev/null || log "apt-get update failed; trying the install anyway"
    DEBIAN_FRONTEND=noninteractive timeout 900 apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
    local rc=$?
    [[ $policy == 1 ]] && rm -f /usr/sbin/policy-rc.d
    [[ $rc -eq 0 ]] || die "apt-get install ${packages[*]} failed"
}

build_jar() {
    [[ -f "$JAR" ]] && return 0
    log "building $JAR (mvn -B -q -DskipTests package)"
    ( cd "$ROOT" && timeout 1200 mvn -B -q -DskipTests package ) || die "build failed"
    [[ -f "$JAR" ]] || die "build did not produce $JAR"
}

raise_fd_limit() {  # room for IDLE_CONNS connections per process (HAProxy reserves two fds per conn)
    local want=$((2 * IDLE_CONNS + 16384)) hard soft
    hard=$(ulimit -Hn)
    if [[ "$hard" != unlimited && "$hard" -lt "$want" ]]; then ulimit -Hn "$want" 2>/dev/null; fi
    ulimit -n "$want" 2>/dev/null || ulimit -n "$(ulimit -Hn)"
    soft=$(ulimit -n)
    [[ "$soft" == unlimited ]] && soft=$want
    if (( soft < IDLE_CONNS + 2048 )); then
        IDLE_CONNS=$((soft - 2048 > 100 ? soft - 2048 : 100))
        log "ulimit -n is $soft here: IDLE_CONNS lowered to $IDLE_CONNS"
    fi
    HA_MAXCONN=$(( (soft - 1024) / 2 < IDLE_CONNS + 4096 ? (soft - 1024) / 2 : IDLE_CONNS + 4096 ))
    HA_NOTE=""
    if (( HA_MAXCONN < IDLE_CONNS )); then
        HA_NOTE=" HAProxy's maxconn is $HA_MAXCONN here: it reserves two fds per connection and ulimit -n could not go above $soft, so it holds at most that many."
        log "HAProxy maxconn capped at $HA_MAXCONN by ulimit -n $soft"
    fi
}

# ------------------------------------------------------------------------ configs
make_cert() {
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 3 -subj "/CN=race.local" \
        -addext "subjectAltName=DNS:race.local,DNS:localhost,IP:127.0.0.1" \
        -keyout "$WORK/key.pem" -out "$WORK/cert.pem" >/dev/null 2>&1 || die "openssl req failed"
    cat "$WORK/cert.pem" "$WORK/key.pem" >"$WORK/cert-key.pem"
}

nginx_common() {  # the http-level settings both nginx instances share; $1: name for temp paths
    cat <<EOF
    access_log off;
    default_type text/plain;
    keepalive_requests 100000000;
    keepalive_timeout 300s;
    client_body_temp_path $WORK/tmp/$1-body;
    proxy_temp_path $WORK/tmp/$1-proxy;
    fastcgi_temp_path $WORK/tmp/$1-fastcgi;
    uwsgi_temp_path $WORK/tmp/$1-uwsgi;
    scgi_temp_path $WORK/tmp/$1-scgi;
    ssl_certificate $WORK/cert.pem;
    ssl_certificate_key $WORK/key.pem;
    ssl_protocols TLSv1.3;
    ssl_session_cache shared:$1:10m;
EOF
}

write_configs() {
    local body
    body=$(head -c "$BODY_BYTES" /dev/zero | tr '\0' 'x')
    mkdir -p "$WORK/tmp" "$WORK/out" "$WORK/foresail"
    cat >"$WORK/origin.conf" <<EOF
# the origin: one worker, a fixed $BODY_BYTES-byte body
worker_processes 1;
worker_rlimit_nofile $((IDLE_CONNS + 8192));
pid $WORK/origin.pid;
error_log $WORK/origin-error.log warn;
events { worker_connections $((IDLE_CONNS + 4096)); }
http {
$(nginx_common origin)
    log_format reuse '\$ssl_session_reused';
    server {
        listen $HOST:$OR_H1;
        listen $HOST:$OR_TLS ssl;
        location / { return 200 "$body"; }
    }
    server {   # probe only (never measured): logs whether each TLS connection resumed a session
        listen $HOST:$OR_PROBE ssl;
        access_log $WORK/probe-access.log reuse;
        location / { return 200 "$body"; }
    }
}
EOF
    cat >"$WORK/nginx-proxy.conf" <<EOF
# nginx as the proxy under test: one worker, keep-alive pool to the origin
worker_processes 1;
worker_rlimit_nofile $((IDLE_CONNS + 8192));
pid $WORK/nginx-proxy.pid;
error_log $WORK/nginx-proxy-error.log warn;
events { worker_connections $((IDLE_CONNS + 4096)); }
http {
$(nginx_common proxy)
    upstream origin {
        server $HOST:$OR_H1;
        keepalive 64;
        keepalive_requests 100000000;
        keepalive_timeout 300s;
    }
    server {
        listen $HOST:$NG_H1;
        listen $HOST:$NG_TLS ssl;
        location / {
            proxy_pass http://origin;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
        }
    }
}
EOF
    cat >"$WORK/haproxy.cfg" <<EOF
# HAProxy as the proxy under test: one thread, server-side connection reuse
global
    nbthread 1
    maxconn $HA_MAXCONN
defaults
    mode http
    option http-keep-alive
    http-reuse always
    maxconn $HA_MAXCONN
    timeout connect 5s
    timeout client 300s
    timeout server 300s
    timeout http-keep-alive 300s
frontend bench
    bind $HOST:$HA_H1
    bind $HOST:$HA_TLS ssl crt $WORK/cert-key.pem ssl-min-ver TLSv1.3 alpn http/1.1
    default_backend origin
backend origin
    server origin $HOST:$OR_H1
EOF
    foresail_yaml "$FS_H1" "$FS_TLS" >"$WORK/foresail/gateway.yaml"
}

# foresail_yaml H1_PORT TLS_PORT: the bench Gateway, the origin's ServiceEntry and a VirtualService
# (routes from stdin when RACE_ROUTES is set, else one route for everything)
foresail_yaml() {
    cat <<EOF
apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: race, namespace: bench}
spec:
  servers:
  - port: {number: $1, name: http, protocol: HTTP}
    hosts: ["*"]
EOF
    [[ -n "${2:-}" ]] && cat <<EOF
  - port: {number: $2, name: https, protocol: HTTPS}
    hosts: ["*"]
    tls: {mode: SIMPLE, serverCertificate: $WORK/cert.pem, privateKey: $WORK/key.pem, minProtocolVersion: TLSV1_3}
EOF
    cat <<EOF
---
apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: {name: origin, namespace: bench}
spec:
  hosts: [origin.local]
  location: MESH_INTERNAL
  resolution: STATIC
  ports: [{number: 80, name: http, protocol: HTTP}]
  endpoints: [{address: $HOST, ports: {http: $OR_H1}}]
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: all, namespace: bench}
spec:
  hosts: ["*"]
  gateways: [race]
  http:
EOF
    if [[ -n "${RACE_ROUTES:-}" ]]; then
        cat
    else
        echo "  - route: [{destination: {host: origin.local, port: {number: 80}}}]"
    fi
}

# routes_yaml N VARIANT: N routes alternating exact /exact/<i> and prefix /prefix/<i>/; route N/2
# (an exact one) carries VARIANT in its path, so each variant is a one-route change
routes_yaml() {
    awk -v n="$1" -v variant="$2" 'BEGIN {
        changed = int(n / 4) * 2
        for (i = 0; i < n; i++) {
            if (i % 2 == 0) match_ = "exact: /exact/" i (i == changed ? "-v" variant : "")
            else match_ = "prefix: /prefix/" i "/"
            printf "  - match: [{uri: {%s}}]\n    route: [{destination: {host: origin.local, port: {number: 80}}}]\n", match_
        }
    }'
}

foresail_cmd() {  # foresail_cmd CONFIG [extra flags]: the command line, as an array in FS_CMD
    # --access-log off: the peers log nothing either (nginx access_log off, HAProxy without a log target)
    FS_CMD=(java $JAVA_OPTS -jar "$JAR" --config "$1" --status-port "$FS_STATUS" --admin-port "$FS_ADMIN"
            --metrics-port "$FS_METRICS" --merged-metrics-port 0 --access-log off $FORESAIL_ARGS "${@:2}")
}

# ------------------------------------------------------------------------ targets
NGINX=""; HAPROXY=""

start_target() {  # start_target TARGET: start it (pinned to SERVER_CPU) and wait until it answers
    local t=$1
    case $t in
        origin)   start_group origin "$SERVER_CPU" "$WORK/origin.log" \
                      "$NGINX" -p "$WORK" -e "$WORK/origin-error.log" -c "$WORK/origin.conf" -g 'daemon off;' ;;
        nginx)    start_group nginx "$SERVER_CPU" "$WORK/nginx.log" \
                      "$NGINX" -p "$WORK" -e "$WORK/nginx-proxy-error.log" -c "$WORK/nginx-proxy.conf" -g 'daemon off;' ;;
        haproxy)  start_group haproxy "$SERVER_CPU" "$WORK/haproxy.log" "$HAPROXY" -db -f "$WORK/haproxy.cfg" ;;
        foresail) foresail_cmd "$WORK/foresail/gateway.yaml"
                  start_group foresail "$SERVER_CPU" "$WORK/foresail.log" "${FS_CMD[@]}" ;;
        direct)   return 0 ;;
    esac
    local ms
    ms=$(timeout 70 python3 "$PROBE" ready --port "$(ready_port "$t")" --path "$(ready_path "$t")" --since "$(now_ns)" --timeout 60)
    [[ "$ms" != timeout ]] || { tail -n 20 "$WORK/$t.log" >&2; die "$t did not become ready within 60 s"; }
}

ready_port() { case $1 in origin) echo "$OR_H1" ;; nginx) echo "$NG_H1" ;; haproxy) echo "$HA_H1" ;; foresail) echo "$FS_STATUS" ;; esac; }
ready_path() { [[ $1 == foresail ]] && echo /healthz/ready || echo /; }
group_of() { [[ $1 == direct ]] && echo origin || echo "$1"; }
label_of() { case $1 in direct) echo "direct (origin)" ;; nginx) echo nginx ;; haproxy) echo HAProxy ;; foresail) echo Foresail ;; esac; }

url_of() {  # url_of TARGET SCENARIO
    local h1 tls
    case $1 in
        direct) h1=$OR_H1; tls=$OR_TLS ;; nginx) h1=$NG_H1; tls=$NG_TLS ;;
        haproxy) h1=$HA_H1; tls=$HA_TLS ;; foresail) h1=$FS_H1; tls=$FS_TLS ;;
    esac
    case $2 in
        h1) echo "http://$HOST:$h1/" ;;
        h1-tls|h1-tls-close) echo "https://$HOST:$tls/" ;;
        # h2 scenarios: add h2c / h2-tls here (h2load -t1 -c10 -m5) once Foresail speaks HTTP/2,
        # with a run_h2load beside run_wrk and a parser giving the same five fields.
        *) echo "" ;;
    esac
}

smoke() {  # smoke TARGET SCENARIO: 200 with the 64-byte body, else the rows are skipped
    local url code size
    url=$(url_of "$1" "$2")
    read -r code size < <(timeout 10 curl -sk -o /dev/null -w '%{http_code} %{size_download}\n' "$url")
    [[ "${code:-}" == 200 && "${size:-}" == "$BODY_BYTES" ]] && return 0
    log "$1 $2: smoke test of $url gave '${code:-none} ${size:-}' (expected: 200 $BODY_BYTES): rows skipped"
    return 1
}

resumes() {  # resumes PORT: does the server resume a TLS 1.3 session offered on a reconnect?
    local request='GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n'
    rm -f "$WORK/session.pem"
    # a request makes the server write, which carries the NewSessionTicket with it
    printf "$request" | timeout 5 openssl s_client -connect "$HOST:$1" -tls1_3 -ign_eof -sess_out "$WORK/session.pem" >/dev/null 2>&1
    [[ -s "$WORK/session.pem" ]] || { echo "no session"; return; }
    if printf "$request" | timeout 5 openssl s_client -connect "$HOST:$1" -tls1_3 -ign_eof -sess_in "$WORK/session.pem" 2>/dev/null \
        | grep -q '^Reused'; then echo yes; else echo no; fi
}

# ------------------------------------------------------------------------ load
run_wrk() {  # run_wrk URL SECONDS OUT [wrk args]
    local url=$1 secs=$2 out=$3; shift 3
    run_bounded wrk $((secs + 20)) "$CLIENT_CPU" "$out" wrk -t1 -c"$CONNS" -d"${secs}s" --timeout 5s --latency "$@" "$url"
}

to_ms() {  # a wrk latency (452.00us, 1.10ms, 1.20s) in ms
    awk -v v="$1" 'BEGIN {
        if (v ~ /us$/) { sub(/us$/, "", v); printf "%.3f", v / 1000 }
        else if (v ~ /ms$/) { sub(/ms$/, "", v); printf "%.3f", v }
        else if (v ~ /s$/) { sub(/s$/, "", v); printf "%.3f", v * 1000 }
        else printf "nan" }'
}

parse_wrk() {  # "rps p50_ms p99_ms errors requests" from a wrk --latency output
    local out=$1 rps p50 p99 requests socket non2xx
    rps=$(awk '/^Requests\/sec:/ { print $2 }' "$out")
    [[ -n "$rps" ]] || { echo "0 nan nan -1 0"; return; }
    p50=$(awk '$1 == "50%" { print $2 }' "$out")
    p99=$(awk '$1 == "99%" { print $2 }' "$out")
    requests=$(awk '/ requests in / { print $1 }' "$out")
    socket=$(awk '/Socket errors:/ { gsub(",", ""); print $4 + $6 + $8 + $10 }' "$out")
    non2xx=$(awk '/Non-2xx or 3xx responses:/ { print $NF }' "$out")
    echo "$rps $(to_ms "${p50:-nan}") $(to_ms "${p99:-nan}") $(( ${socket:-0} + ${non2xx:-0} )) ${requests:-0}"
}

us_per() {  # us_per TICKS REQUESTS
    awk -v d="$1" -v n="$2" -v hz="$CLK_TCK" 'BEGIN { if (n > 0) printf "%.1f", d * 1e6 / hz / n; else print "nan" }'
}

measure_row() {  # measure_row SCENARIO TARGET ROUND: one warm-up and one measured wrk run
    local s=$1 t=$2 r=$3 url group out args=() p0 p1 o0 o1 rps p50 p99 errors requests
    url=$(url_of "$t" "$s"); group=${GROUP[$(group_of "$t")]}
    out="$WORK/out/$s-$t-$r.txt"
    [[ $s == *-close ]] && args=(-H "Connection: close")
    log "$s round $((r + 1))/$ROUNDS: $(label_of "$t") ($url), ${WARMUP}s warm-up + ${DURATION}s"
    run_wrk "$url" "$WARMUP" "$WORK/out/warmup.txt" "${args[@]}"
    sleep 0.5
    p0=$(group_ticks "$group"); o0=$(group_ticks "${GROUP[origin]}")
    run_wrk "$url" "$DURATION" "$out" "${args[@]}"
    p1=$(group_ticks "$group"); o1=$(group_ticks "${GROUP[origin]}")
    read -r rps p50 p99 errors requests < <(parse_wrk "$out")
    [[ "$errors" == -1 ]] && { log "wrk gave no result:"; tail -n 5 "$out" >&2; }
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$s" "$t" "$r" "$rps" "$p50" "$p99" "$errors" "$requests" \
        "$(us_per $((p1 - p0)) "$requests")" "$(us_per $((o1 - o0)) "$requests")" >>"$WORK/rows.tsv"
}

# summarise SCENARIO: one markdown row per target. rows.tsv: 1 scenario 2 target 3 round 4 rps
# 5 p50 6 p99 7 errors 8 requests 9 proxy us/req 10 origin us/req
summarise() {
    local s=$1 t
    for t in "${targets[@]}"; do
        awk -F'\t' -v s="$s" -v t="$t" -v label="$(label_of "$t")" '
            function med(a, n,   i, j, x) {
                for (i = 2; i <= n; i++) { x = a[i]; for (j = i - 1; j >= 1 && a[j] > x; j--) a[j + 1] = a[j]; a[j + 1] = x }
                return n == 0 ? "" : (n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2)
            }
            function ratio(ref, col,   k, n, a) {
                n = 0
                for (k in mine) if ((k in ref) && ref[k] > 0) a[++n] = col[k] / ref[k]
                return n ? sprintf("%.2f", med(a, n)) : "-"
            }
            $1 != s { next }
            $2 == "nginx"  { ng_rps[$3] = $4; ng_cpu[$3] = $9 }
            $2 == "direct" { di_rps[$3] = $4 }
            $2 == t { n++; mine[$3] = 1; rps[$3] = $4; cpu[$3] = $9
                      r[n] = $4; p50[n] = $5; p99[n] = $6; pc[n] = $9; oc[n] = $10; errors += ($7 < 0 ? 0 : $7)
                      if ($7 < 0) failed++ }
            END {
                if (n == 0) exit
                printf "| %s | %s | %.0f | %.3f | %.3f | %d%s | %.1f | %.1f | %s | %s | %s |\n", s, label,
                    med(r, n), med(p50, n), med(p99, n), errors, (failed ? " (" failed " runs failed)" : ""),
                    med(pc, n), med(oc, n),
                    (t == "nginx" ? "1.00" : ratio(ng_rps, rps)), (t == "nginx" ? "1.00" : ratio(ng_cpu, cpu)),
                    (t == "direct" ? "1.00" : ratio(di_rps, rps))
            }' "$WORK/rows.tsv"
    done
}

# ------------------------------------------------------------------------ extras
idle_memory() {  # idle_memory TARGET: IDLE_RESULT = "held rest_MiB held_MiB bytes_per_conn"
    local t=$1 group port rest held_kib line="" i
    group=${GROUP[$(group_of "$t")]}
    port=$(url_of "$t" h1); port=${port##*:}; port=${port%/}
    rest=$(group_rss_kib "$group")
    rm -f "$WORK/hold.in" "$WORK/hold.out"
    mkfifo "$WORK/hold.in"
    setsid taskset -c "$CLIENT_CPU" python3 "$PROBE" hold --port "$port" --count "$IDLE_CONNS" --hold 180 \
        <"$WORK/hold.in" >"$WORK/hold.out" 2>"$WORK/hold.err" &
    GROUP[hold]=$!
    exec 7>"$WORK/hold.in"
    for ((i = 0; i < 1200; i++)); do     # at most 120 s
        line=$(grep -m1 '^ready' "$WORK/hold.out" 2>/dev/null) && break
        alive hold || break
        sleep 0.1
    done
    sleep 2                               # let the target settle with the connections held
    held_kib=$(group_rss_kib "$group")
    echo stop >&7 2>/dev/null
    exec 7>&-
    for ((i = 0; i < 100; i++)); do alive hold || break; sleep 0.1; done
    stop_group hold
    [[ -s "$WORK/hold.err" ]] && log "$t idle connections: $(head -n 1 "$WORK/hold.err")"
    local count
    count=$(awk '{ print $2 }' <<<"${line:-ready 0 0}")
    IDLE_RESULT=$(awk -v n="$count" -v a="$rest" -v b="$held_kib" 'BEGIN {
        printf "%d %.1f %.1f %s\n", n, a / 1024, b / 1024, (n > 0 ? sprintf("%.0f", (b - a) * 1024 / n) : "-") }')
}

now_ns() { local t=$EPOCHREALTIME; echo "${t//[.,]/}000"; }   # bash 5's microsecond clock

# timed_start NAME READY_PORT READY_PATH CMD...: starts CMD as group NAME (pinned to SERVER_CPU)
# with a poller already running (armed) on CLIENT_CPU; sets READY_MS to the ms from start to ready,
# or "timeout". (Not called in $(...): the group it starts must be known to this shell.)
timed_start() {
    local name=$1 port=$2 path=$3 i line=""; shift 3
    rm -f "$WORK/ready.in" "$WORK/ready.out"
    mkfifo "$WORK/ready.in"
    setsid taskset -c "$CLIENT_CPU" python3 "$PROBE" ready --armed --port "$port" --path "$path" --timeout 120 \
        <"$WORK/ready.in" >"$WORK/ready.out" 2>&1 &
    GROUP[poller]=$!
    exec 8>"$WORK/ready.in"
    for ((i = 0; i < 100; i++)); do grep -q '^armed' "$WORK/ready.out" 2>/dev/null && break; sleep 0.05; done
    local t=$EPOCHREALTIME since
    since="${t//[.,]/}000"
    start_group "$name" "$SERVER_CPU" "$WORK/$name.log" "$@"
    echo "$since" >&8
    exec 8>&-
    for ((i = 0; i < 1300; i++)); do alive poller || break; sleep 0.1; done   # at most 130 s
    stop_group poller
    rm -f "$WORK/ready.in"
    line=$(grep -v '^armed' "$WORK/ready.out" | tail -n 1)
    READY_MS=${line:-timeout}
}

start_times() {  # start_times TARGET: START_RESULT = the median of STARTS fresh starts to ready, in ms
    local t=$1 k all=()
    for ((k = 0; k < STARTS; k++)); do
        stop_group "$t"
        case $t in
            nginx)    timed_start nginx "$NG_H1" / \
                          "$NGINX" -p "$WORK" -e "$WORK/nginx-proxy-error.log" -c "$WORK/nginx-proxy.conf" -g 'daemon off;' ;;
            haproxy)  timed_start haproxy "$HA_H1" / "$HAPROXY" -db -f "$WORK/haproxy.cfg" ;;
            foresail) foresail_cmd "$WORK/foresail/gateway.yaml"
                      timed_start foresail "$FS_STATUS" /healthz/ready "${FS_CMD[@]}" ;;
        esac
        [[ "$READY_MS" == timeout ]] || all+=("$READY_MS")
    done
    stop_group "$t"
    if [[ ${#all[@]} -eq 0 ]]; then START_RESULT="- (no start became ready)"
    else START_RESULT="$(printf '%s\n' "${all[@]}" | median) ($(IFS=/; echo "${all[*]}"))"; fi
}

reload_test() {  # prints one markdown row for the reload table
    local dir="$WORK/reload" since ms before v k e2e own version all_e2e=() all_own=()
    mkdir -p "$dir"
    routes_yaml "$RELOAD_ROUTES" 0 | RACE_ROUTES=1 foresail_yaml "$FS_H1" >"$dir/gateway.yaml"
    foresail_cmd "$dir/gateway.yaml" --config-check-interval "$CHECK_INTERVAL"
    timed_start reload "$FS_STATUS" /healthz/ready "${FS_CMD[@]}"
    ms=$READY_MS
    if [[ "$ms" == timeout ]]; then
        tail -n 20 "$WORK/reload.log" >&2; stop_group reload
        echo "| $RELOAD_ROUTES | not ready within 120 s | | | |"; return
    fi
    local exact last
    exact=$(timeout 5 curl -s -o /dev/null -w '%{http_code}' "http://$HOST:$FS_H1/exact/0")
    last=$(timeout 5 curl -s -o /dev/null -w '%{http_code}' "http://$HOST:$FS_H1/prefix/$((RELOAD_ROUTES - 1))/x")
    [[ "$exact" == 200 && "$last" == 200 ]] || log "reload config: /exact/0 gave $exact, the last prefix route $last (expected: 200)"
    for ((k = 1; k <= RELOADS; k++)); do
        before=$(timeout 5 curl -s "http://$HOST:$FS_ADMIN/reload_status" | grep -o '"version":[0-9]*' | cut -d: -f2)
        routes_yaml "$RELOAD_ROUTES" "$k" | RACE_ROUTES=1 foresail_yaml "$FS_H1" >"$dir/.gateway.yaml.next"
        since=$(now_ns)
        mv -f "$dir/.gateway.yaml.next" "$dir/gateway.yaml"
        read -r e2e own version < <(timeout 70 taskset -c "$CLIENT_CPU" python3 "$PROBE" version --port "$FS_ADMIN" \
            --above "${before:-0}" --since "$since" --timeout 60)
        [[ "$e2e" == timeout ]] && { log "reload $k: version did not move within 60 s"; continue; }
        all_e2e+=("$e2e"); all_own+=("$own")
    done
    stop_group reload
    [[ ${#all_e2e[@]} -gt 0 ]] || { echo "| $RELOAD_ROUTES | $ms | no reload seen | | $CHECK_INTERVAL |"; return; }
    echo "| $RELOAD_ROUTES | $ms | $(printf '%s\n' "${all_e2e[@]}" | median) ($(IFS=/; echo "${all_e2e[*]}")) | $(printf '%s\n' "${all_own[@]}" | median) ($(IFS=/; echo "${all_own[*]}")) | $CHECK_INTERVAL |"
}

# ------------------------------------------------------------------------ main
main() {
    [[ "$(nproc)" -ge 2 ]] || log "warning: fewer than 2 CPUs: the client and the servers share one"
    install_missing
    build_jar
    raise_fd_limit
    NGINX=$(command -v nginx || echo /usr/sbin/nginx)
    HAPROXY=$(command -v haproxy || echo /usr/sbin/haproxy)
    WORK=$(mktemp -d /tmp/foresail-race.XXXXXX)
    setsid bash -c "sleep $MAX_WALL; kill -TERM $$" >/dev/null 2>&1 </dev/null &
    WATCHDOG=$!
    make_cert
    write_configs

    targets=()
    local t s r i n
    for t in $TARGETS; do
        case $t in direct|nginx|haproxy|foresail) targets+=("$t") ;; *) die "unknown target: $t (expected: direct nginx haproxy foresail)" ;; esac
    done
    for s in $SCENARIOS; do
        case $s in h1|h1-tls|h1-tls-close) ;; h2c|h2-tls) die "$s: not applicable yet (Foresail has no HTTP/2)" ;;
                   *) die "unknown scenario: $s (expected: h1 h1-tls h1-tls-close)" ;; esac
    done

    start_target origin
    for t in "${targets[@]}"; do start_target "$t"; done
    declare -A SKIP=()
    for t in "${targets[@]}"; do
        for s in $SCENARIOS; do smoke "$t" "$s" || SKIP[$t:$s]=1; done
    done

    # TLS session resumption: what wrk does, and what each target does
    local wrk_reuse="not checked (no TLS scenario)" resumption=""
    if [[ " $SCENARIOS " == *" h1-tls"* ]]; then   # h1-tls or h1-tls-close
        run_bounded wrk 20 "$CLIENT_CPU" "$WORK/out/probe.txt" wrk -t1 -c4 -d1s -H "Connection: close" "https://$HOST:$OR_PROBE/"
        wrk_reuse=$(awk '$1 == "r" { r++ } { n++ } END { printf "%d of %d", r, n }' "$WORK/probe-access.log" 2>/dev/null)
        for t in "${targets[@]}"; do
            local port; port=$(url_of "$t" h1-tls); port=${port##*:}; port=${port%/}
            resumption+="${resumption:+, }$(label_of "$t") $(resumes "$port")"
        done
    fi

    local fs_version tls_provider
    fs_version=$(java -jar "$JAR" --version 2>/dev/null | head -n 1)
    tls_provider=$(sed -n 's/.*tls provider \([^;]*\);.*/\1/p' "$WORK/foresail.log" 2>/dev/null | head -n 1)
    {
        echo "### race.sh $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
        echo
        echo "- machine: nproc=$(nproc), $(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo), kernel $(uname -r), $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo) RAM, load average $(cut -d' ' -f1-3 /proc/loadavg) at start"
        echo "- versions: $(java -version 2>&1 | head -n 1), ${fs_version:-foresail ?} (TLS provider ${tls_provider:-?}), $("$NGINX" -v 2>&1 | sed 's/.*: //'), HAProxy $("$HAPROXY" -v | awk 'NR == 1 { print $3 }'), wrk $(wrk -v 2>&1 | awk 'NR == 1 { print $2 }'), $(openssl version | awk '{ print $1, $2 }')"
        echo "- pinning: wrk (1 thread) on CPU $CLIENT_CPU; the origin (nginx, 1 worker) and the proxy under test share CPU $SERVER_CPU (taskset; the JVM sees 1 processor)"
        echo "- load: $ROUNDS round(s), target order rotated each round; each row ${WARMUP}s warm-up then ${DURATION}s measured; wrk $CONNS connections; ${BODY_BYTES}-byte body; Foresail JIT warm-up: ${JIT_WARMUP}s of each scenario before round 1"
        echo "- Foresail: \`java $JAVA_OPTS -jar proxy.jar --config gateway.yaml --status-port $FS_STATUS --admin-port $FS_ADMIN --metrics-port $FS_METRICS --merged-metrics-port 0 --access-log off${FORESAIL_ARGS:+ $FORESAIL_ARGS}\`"
        echo "- TLS: TLS 1.3, ECDSA P-256 self-signed; wrk's reconnects seen resumed by the origin: $wrk_reuse; a session offered on reconnect is resumed by: ${resumption:-(not checked)}"
        echo
        echo "| scenario | target | req/s | p50 ms | p99 ms | errors | proxy CPU µs/req | origin CPU µs/req | req/s vs nginx | CPU vs nginx | req/s vs direct |"
        echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    } >"$WORK/table.md"

    if [[ " ${targets[*]} " == *" foresail "* && "$JIT_WARMUP" -gt 0 ]]; then
        for s in $SCENARIOS; do   # the JVM compiles what it runs: each scenario's path once, unmeasured
            [[ -z "${SKIP[foresail:$s]:-}" ]] || continue
            log "Foresail JIT warm-up: ${JIT_WARMUP}s of $s (not measured)"
            local jit_args=()
            [[ $s == *-close ]] && jit_args=(-H "Connection: close")
            run_wrk "$(url_of foresail "$s")" "$JIT_WARMUP" "$WORK/out/jit-$s.txt" "${jit_args[@]}"
        done
    fi

    : >"$WORK/rows.tsv"
    n=${#targets[@]}
    for s in $SCENARIOS; do
        for ((r = 0; r < ROUNDS; r++)); do
            for ((i = 0; i < n; i++)); do
                t=${targets[$(( (i + r) % n ))]}
                [[ -z "${SKIP[$t:$s]:-}" ]] || continue
                alive "$(group_of "$t")" || { log "$t is not running any more"; SKIP[$t:$s]=1; continue; }
                measure_row "$s" "$t" "$r"
            done
        done
        summarise "$s" >>"$WORK/table.md"
        for t in "${targets[@]}"; do
            [[ -n "${SKIP[$t:$s]:-}" ]] && echo "| $s | $(label_of "$t") | not measured (smoke test failed or process exited) | | | | | | | | |" >>"$WORK/table.md"
        done
    done
    # h2 scenarios: h2c and h2-tls rows go here (same rotation, h2load instead of wrk) once
    # Foresail speaks HTTP/2; until then they are not run for any target.
    {
        echo
        echo "req/s, p50, p99, CPU: medians over rounds; errors: wrk's non-2xx/3xx responses + socket errors, summed over rounds."
        echo "proxy CPU µs/req: utime+stime of the target's processes (/proc/<pid>/stat; nginx master + worker; direct: the origin) over the measured interval / requests completed; origin CPU µs/req: the origin's, same interval."
        echo "Ratios: medians of per-round ratios. h1-tls-close: one TLS connection per request, req/s = handshakes/s."
    } >>"$WORK/table.md"

    if [[ "$EXTRAS" == 1 ]]; then
        {
            echo
            echo "| target | RSS at rest MiB | idle keep-alive conns held | RSS with them held MiB | bytes/conn | start to ready ms, median (each) |"
            echo "|---|---:|---:|---:|---:|---:|"
        } >>"$WORK/table.md"
        local held rest with per start
        for t in "${targets[@]}"; do
            alive "$(group_of "$t")" || continue
            log "idle connections: $IDLE_CONNS to $(label_of "$t")"
            idle_memory "$t"
            read -r held rest with per <<<"$IDLE_RESULT"
            start="-"
            if [[ $t != direct ]]; then
                log "start to ready: $(label_of "$t"), $STARTS starts"
                start_times "$t"; start=$START_RESULT
            fi
            echo "| $(label_of "$t") | $rest | $held | $with | $per | $start |" >>"$WORK/table.md"
        done
        {
            echo
            echo "RSS: the target's processes (nginx: master + worker; direct: the origin), after the load rounds, then with the connections held (one request each, then idle). Start to ready: fresh process pinned to CPU $SERVER_CPU, polled every 1 ms (Foresail: GET /healthz/ready = 200; nginx, HAProxy: GET / through them = 200).${HA_NOTE}"
        } >>"$WORK/table.md"
        if [[ " ${targets[*]} " == *" foresail "* ]]; then
            log "reload: $RELOAD_ROUTES routes, $RELOADS reloads"
            stop_group foresail
            {
                echo
                echo "| routes | Foresail start to ready ms | reload end to end ms, median (each) | proxy's own duration_ms, median (each) | --config-check-interval |"
                echo "|---:|---:|---:|---:|---:|"
                reload_test
                echo
                echo "Reload: one exact route's path changed, the file replaced by an atomic rename; end to end = rename until /reload_status shows the next version (includes up to one check interval and the one-check debounce); duration_ms = Foresail's own, start of loading to publication."
            } >>"$WORK/table.md"
        fi
    fi

    echo
    cat "$WORK/table.md"
    if [[ -n "${RESULTS:-}" ]]; then cp "$WORK/table.md" "$RESULTS" && log "tables written to $RESULTS"; fi
}

main "$@"
