# syntax=docker/dockerfile:1
#
# Foresail container image: the proxy as uid/gid 1337 (like Istio's gateway), serving the Istio YAML
# mounted at /etc/foresail. Kubernetes manifests: docs/deploy-kubernetes.md.
#
#   docker build -t foresail .
#   docker run --rm -p 8080:8080 -p 15021:15021 -v "$PWD/config-samples/bookinfo:/etc/foresail:ro" foresail
#   curl -s -o /dev/null -w '%{http_code}\n' localhost:8080/productpage   # 503: no productpage upstream here
#   curl -s localhost:15021/healthz/ready                                  # LIVE
#
# Arguments replace CMD, so a run with flags names the config again:
#   docker run ... foresail --config /etc/foresail --labels istio=production-public
#   docker run ... foresail validate --config /etc/foresail
#
# The gateway ports are the Gateway resources' servers[].port.number, bound as written (Foresail does
# not read Kubernetes Services): this image is meant for Gateways on 8080 (HTTP) and 8443 (HTTPS),
# reached through a Service mapping 80 -> 8080 and 443 -> 8443. uid 1337 cannot bind ports below 1024
# unless the container runs with the sysctl net.ipv4.ip_unprivileged_port_start=0.
#
# Netty unpacks its native libraries (io_uring, epoll, BoringSSL) into /tmp: with --read-only, give
# the container a writable /tmp (--tmpfs /tmp), or the proxy runs on NIO and the JDK's TLS.
#
# Needs BuildKit (the default builder since Docker 23) for the bind mounts of the training step.

# Base images, pinned to a line rather than a patch release: Java 17 (the project's release) and, for
# the runtime, Ubuntu 24.04 LTS (noble), so that a rebuild picks up the JRE's and the OS's security
# updates while the Java feature release and the distribution stay put. Maven stays on 3.9, the line
# the build is tested with. For byte-for-byte reproducible images, pass digests:
#   docker build --build-arg RUNTIME_IMAGE=eclipse-temurin:17-jre-noble@sha256:... .
ARG BUILD_IMAGE=maven:3.9-eclipse-temurin-17
ARG RUNTIME_IMAGE=eclipse-temurin:17-jre-noble

# ---------------------------------------------------------------------------------------- build
FROM ${BUILD_IMAGE} AS build
WORKDIR /src

# The poms first: the dependency layer below is rebuilt only when a pom changes, not on every source
# edit. go-offline (3.9.0: it skips the reactor's own modules) fetches nearly everything the package
# step needs; that step may still fetch the odd plugin dependency.
COPY pom.xml ./
COPY proxy-config/pom.xml proxy-config/
COPY proxy-tls/pom.xml proxy-tls/
COPY proxy-core/pom.xml proxy-core/
COPY proxy-bench/pom.xml proxy-bench/
RUN mvn -B -q -pl proxy-core -am org.apache.maven.plugins:maven-dependency-plugin:3.9.0:go-offline

# Only the modules the jar is made of (proxy-bench is left out); tests run in CI (mvn -B verify), not here.
COPY proxy-config/src proxy-config/src
COPY proxy-tls/src proxy-tls/src
COPY proxy-core/src proxy-core/src
RUN mvn -B -q -pl proxy-core -am -DskipTests package

# -------------------------------------------------------------------------------------- runtime
FROM ${RUNTIME_IMAGE}

# A system user and group 1337 with no home and no shell; /etc/foresail is the mount point of the
# config, /etc/foresail-secrets of the credentialName Secrets (--secrets-dir).
RUN groupadd --system --gid 1337 foresail \
    && useradd --system --uid 1337 --gid 1337 --no-create-home --home-dir /nonexistent \
        --shell /usr/sbin/nologin foresail \
    && mkdir -p /opt/foresail /etc/foresail /etc/foresail-secrets

COPY --from=build --chmod=0444 /src/proxy-core/target/proxy.jar /opt/foresail/proxy.jar

# Container-aware JVM settings, measured on the race harness (docs/performance.md, "Container JVM
# flags"). They sit in JAVA_TOOL_OPTIONS rather than in ENTRYPOINT so that a deployment can replace
# them as a whole (flags on the java command line would win over the variable, and a second GC flag
# would stop the JVM). The JVM prints them once at start ("Picked up JAVA_TOOL_OPTIONS: ...").
#   -XX:+UseParallelGC        an explicit GC: the JVM's own pick is Serial on one CPU and G1 on two.
#                             On one CPU Parallel is as fast as Serial with a tenth of the pauses
#                             (a third of the pause time); G1 was no faster and warmed up later.
#   -XX:MaxRAMPercentage=60   heap ceiling, 60% of the container's memory limit: ~90 MiB goes to
#                             the CDS archives, GC tables, JIT code and metaspace, and Netty's
#                             direct buffers need room beside the heap (75% leaves 37 MiB at 512 MiB)
# With a fractional CPU limit (1500m) or none, also set -XX:ActiveProcessorCount=<whole CPUs>: the
# JVM rounds a quota up, or sees every core of the node, and sizes its GC threads and Foresail its
# event loops by it. See docs/deploy-kubernetes.md.
ENV JAVA_TOOL_OPTIONS="-XX:+UseParallelGC -XX:MaxRAMPercentage=60"

# AppCDS: one training run writes an archive of the classes a serving proxy loads; every start then
# maps them instead of loading and verifying them from the jar: start to ready 2.0 s -> 1.3 s and
# ~27 MiB less RSS (medians, one CPU; docs/performance.md). It is written here, by this image's JVM,
# for the jar at its final path: another JVM or jar makes the JVM warn once and start without it.
# The training run's certificate is a sample one, used only during the run and not kept in the
# image (bind mounts). curl, used by the training run and the HEALTHCHECK, comes with the base image;
# the last command fails the build if a future base image drops it.
RUN --mount=type=bind,source=docker/appcds-training.sh,target=/tmp/appcds-training.sh \
    --mount=type=bind,source=config-samples/bookinfo-tls/secrets/bookinfo-secret,target=/tmp/appcds-secret \
    bash /tmp/appcds-training.sh /opt/foresail/proxy.jar /opt/foresail/proxy.jsa /tmp/appcds-secret \
    && chmod 0444 /opt/foresail/proxy.jsa \
    && curl --version >/dev/null

# Gateway ports (Gateways on 8080/8443, behind a Service 80 -> 8080, 443 -> 8443), then the status
# port (GET /healthz/ready), the merged-metrics port of Istio's scrape annotations and the Envoy-style
# metrics port, both GET /stats/prometheus. The admin port (15000) listens on 127.0.0.1 only: not exposed.
EXPOSE 8080 8443 15021 15020 15090

# Docker's own health check (Kubernetes ignores it and uses the pod's probes). curl is already in the
# base image: ~10 ms and 11 MB per check, against 0.15 s of CPU and 45 MB for even the cheapest JVM
# start (java -jar proxy.jar --version), so no healthcheck subcommand. It asks the default status
# port: run with --status-port N and this must change too. The numbers follow Istio's readiness
# probe (every 15 s, 4 failures).
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=4 \
    CMD ["curl", "-fsS", "-o", "/dev/null", "--max-time", "2", "http://127.0.0.1:15021/healthz/ready"]

USER 1337:1337

# SIGTERM (Docker's and Kubernetes' default, written out here) starts the graceful stop: readiness
# turns 503 while the listeners keep accepting for --drain-delay (5 s), then requests in progress get
# up to --drain-timeout (20 s), then the JVM exits. Keep docker stop -t / the pod's grace period above
# their sum. The exec form makes java PID 1, so it receives the signal itself.
STOPSIGNAL SIGTERM

# --transport auto picks io_uring where the kernel allows it. Docker's default seccomp profile (since
# Docker 25, and containerd 2's RuntimeDefault) blocks the io_uring system calls, so in a container it
# falls back to epoll; the ready line names the one in use. io_uring needs a seccomp profile that
# allows io_uring_setup, io_uring_enter and io_uring_register.
ENTRYPOINT ["java", "-XX:SharedArchiveFile=/opt/foresail/proxy.jsa", "-XX:+ExitOnOutOfMemoryError", "-jar", "/opt/foresail/proxy.jar"]
CMD ["--config", "/etc/foresail"]
