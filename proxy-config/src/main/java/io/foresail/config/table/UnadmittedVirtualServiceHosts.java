package io.foresail.config.table;

import io.foresail.config.model.ConfigCodes;
import io.foresail.config.model.Gateway;
import io.foresail.config.model.Server;
import io.foresail.config.model.VirtualService;
import io.foresail.config.validate.GatewayNames;
import java.util.List;

/**
 * istioctl's IST0132 for one config: a host of a VirtualService that no server of any Gateway it is
 * bound to admits (namespace part and host intersection as the binding does). Every Gateway
 * counts, served by this proxy or not: a host kept for another deployment's Gateway is no mistake.
 */
final class UnadmittedVirtualServiceHosts {

    private UnadmittedVirtualServiceHosts() {
    }

    static void warn(List<Gateway> gateways, List<VirtualService> virtualServices, CompileContext context) {
        for (VirtualService vs : virtualServices) {
            List<Gateway> bound = gateways.stream()
                    .filter(gateway -> GatewayNames.binds(vs, GatewayNames.of(gateway.meta().namespace(), gateway.meta().name())))
                    .toList();
            if (bound.isEmpty()) {
                continue;
            }
            for (int i = 0; i < vs.hosts().size(); i++) {
                if (!admitted(vs, vs.hosts().get(i), bound)) {
                    context.warn(ConfigCodes.HOST_NOT_IN_GATEWAY, vs, "spec.hosts[" + i + "]", "host " + vs.hosts().get(i)
                            + " is admitted by no server of the Gateways this VirtualService is bound to: not served");
                }
            }
        }
    }

    private static boolean admitted(VirtualService vs, String host, List<Gateway> gateways) {
        for (Gateway gateway : gateways) {
            for (Server server : gateway.servers()) {
                if (!ServerHosts.domains(server.hosts(), gateway.meta().namespace(), List.of(host),
                        vs.meta().namespace()).isEmpty()) {
                    return true;
                }
            }
        }
        return false;
    }
}
