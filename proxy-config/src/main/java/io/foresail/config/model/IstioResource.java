package io.foresail.config.model;

/**
 * One Istio networking resource as written, whatever its served version (v1, v1beta1 and
 * v1alpha3 share one schema).
 */
public sealed interface IstioResource permits Gateway, VirtualService, DestinationRule, ServiceEntry {

    ResourceMeta meta();

    /** Where each field was written, for findings. */
    FieldPositions positions();
}
