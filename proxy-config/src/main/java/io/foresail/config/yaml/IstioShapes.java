package io.foresail.config.yaml;

import java.util.Map;

/**
 * Shapes of the Istio fields that are parsed but not modelled yet (networking.istio.io v1 API,
 * lowerCamel protobuf JSON names). Fields whose exact layout matters little here are
 * {@link Shape.Anything}.
 */
final class IstioShapes {

    private IstioShapes() {
    }

    static final Shape SCALAR = new Shape.Scalar();
    static final Shape ANYTHING = new Shape.Anything();
    static final Shape STRINGS = new Shape.ListOf(SCALAR);
    static final Shape STRING_MAP = new Shape.MapOf(SCALAR);

    static final Shape PERCENT = fields(Map.of("value", SCALAR));
    static final Shape DELEGATE = fields(Map.of("name", SCALAR, "namespace", SCALAR));

    private static final Shape LOCALITY_MAPPING = fields(Map.of("from", SCALAR, "to", ANYTHING));
    static final Shape LOAD_BALANCER = fields(Map.of(
            "simple", SCALAR,
            "consistentHash", fields(Map.of("httpHeaderName", SCALAR,
                    "httpCookie", fields(Map.of("name", SCALAR, "path", SCALAR, "ttl", SCALAR,
                            "attributes", new Shape.ListOf(fields(Map.of("name", SCALAR, "value", SCALAR))))),
                    "useSourceIp", SCALAR, "httpQueryParameterName", SCALAR,
                    "ringHash", fields(Map.of("minimumRingSize", SCALAR)),
                    "maglev", fields(Map.of("tableSize", SCALAR)),
                    "minimumRingSize", SCALAR)),
            "localityLbSetting", fields(Map.of("distribute", new Shape.ListOf(LOCALITY_MAPPING),
                    "failover", new Shape.ListOf(LOCALITY_MAPPING), "failoverPriority", STRINGS, "enabled", SCALAR)),
            "warmupDurationSecs", SCALAR,
            "warmup", fields(Map.of("duration", SCALAR, "minimumPercent", SCALAR, "aggression", SCALAR)),
            "zoneAwareLbSetting", ANYTHING));
    static final Shape CONNECTION_POOL = fields(Map.of(
            "tcp", fields(Map.of("maxConnections", SCALAR, "connectTimeout", SCALAR,
                    "tcpKeepalive", fields(Map.of("probes", SCALAR, "time", SCALAR, "interval", SCALAR)),
                    "maxConnectionDuration", SCALAR, "idleTimeout", SCALAR)),
            "http", fields(Map.of("http1MaxPendingRequests", SCALAR, "http2MaxRequests", SCALAR,
                    "maxRequestsPerConnection", SCALAR, "maxRetries", SCALAR, "idleTimeout", SCALAR,
                    "h2UpgradePolicy", SCALAR, "useClientProtocol", SCALAR, "maxConcurrentStreams", SCALAR,
                    "http2KeepAlive", ANYTHING))));
    static final Shape OUTLIER_DETECTION = fields(Map.of("splitExternalLocalOriginErrors", SCALAR,
            "consecutiveLocalOriginFailures", SCALAR, "consecutiveGatewayErrors", SCALAR,
            "consecutive5xxErrors", SCALAR, "interval", SCALAR, "baseEjectionTime", SCALAR,
            "maxEjectionPercent", SCALAR, "minHealthPercent", SCALAR, "consecutiveErrors", SCALAR,
            "outlierDetectionHttpErrorCodes", STRINGS));
    static final Shape TUNNEL = fields(Map.of("protocol", SCALAR, "targetHost", SCALAR, "targetPort", SCALAR));
    static final Shape PROXY_PROTOCOL = fields(Map.of("version", SCALAR));
    static final Shape RETRY_BUDGET = fields(Map.of("percent", PERCENT, "minRetryConcurrency", SCALAR));
    static final Shape WORKLOAD_SELECTOR = fields(Map.of("matchLabels", STRING_MAP));
    static final Shape TLS_CERTIFICATES = new Shape.ListOf(fields(Map.of("serverCertificate", SCALAR,
            "privateKey", SCALAR, "caCertificates", SCALAR)));

    private static Shape fields(Map<String, Shape> fields) {
        return new Shape.Fields(fields);
    }
}
