package io.foresail.config.model;

/**
 * The codes a {@link ConfigError} carries: istioctl analyze's ({@code IST*}) and Kiali's
 * ({@code KIA*}) where they name the same finding, Foresail's own ({@code FS*}) where neither has
 * one. The table with examples is in {@code docs/operations.md}; keep the two in step.
 */
public final class ConfigCodes {

    /** Any schema or validation error of a single resource (istioctl's SchemaValidationError). */
    public static final String SCHEMA_ERROR = "IST0106";
    /** A validation warning of a single resource (istioctl's SchemaWarning). */
    public static final String SCHEMA_WARNING = "IST0133";
    /** A deprecated or removed field (istioctl's Deprecated). */
    public static final String DEPRECATED = "IST0002";
    /** A referenced gateway, destination host or port, subset or credential that does not exist. */
    public static final String REFERENCE_NOT_FOUND = "IST0101";
    /** A destination without a port to a service with several ports. */
    public static final String PORT_SELECTOR_REQUIRED = "IST0112";
    /** A rule after a catch-all rule of the same VirtualService: never used. */
    public static final String UNREACHABLE_RULE = "IST0130";
    /** No server of the Gateways a VirtualService is bound to admits one of its hosts. */
    public static final String HOST_NOT_IN_GATEWAY = "IST0132";
    /** Two Gateways selecting this proxy serve the same host on the same port. */
    public static final String CONFLICTING_GATEWAYS = "IST0145";
    /** A certificate or key that is missing, unreadable, expired or does not match (istioctl's InvalidGatewayCredential). */
    public static final String INVALID_CREDENTIAL = "IST0161";
    /** A DestinationRule subset whose labels select none of its host's endpoints (istioctl's DestinationRuleSubsetNotSelectPods). */
    public static final String SUBSET_SELECTS_NO_ENDPOINTS = "IST0173";
    /** A DestinationRule whose host no ServiceEntry defines. */
    public static final String UNKNOWN_DESTINATION_RULE_HOST = "IST0174";
    /** Two servers of one Gateway with the same host and port (Kiali's gateways.multimatch). */
    public static final String GATEWAY_MULTIMATCH = "KIA0301";
    /** One destination with a weight below 100: it gets all the traffic (Kiali's route.singleweight). */
    public static final String SINGLE_WEIGHT = "KIA1104";
    /** A file that is not YAML, or YAML outside the safe subset. */
    public static final String YAML = "FS0001";
    /** A --config file or folder that cannot be read. */
    public static final String UNREADABLE = "FS0002";
    /** A document of a kind Foresail does not serve (skipped). */
    public static final String KIND_NOT_SERVED = "FS0003";
    /** A field or feature Foresail does not support yet (skipped). */
    public static final String NOT_SUPPORTED = "FS0004";
    /** Weights of several destinations that do not sum to 100: they are normalised. */
    public static final String WEIGHTS_NORMALISED = "FS0101";
    /** A server skipped because its port is taken by an earlier server it cannot share with. */
    public static final String PORT_CONFLICT = "FS0201";

    private ConfigCodes() {
    }
}
