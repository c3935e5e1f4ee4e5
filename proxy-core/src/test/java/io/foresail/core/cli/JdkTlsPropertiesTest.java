package io.foresail.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import org.junit.jupiter.api.Test;

class JdkTlsPropertiesTest {

    @Test
    void clientInitiatedRenegotiationIsRejectedByDefault() {
        Properties system = new Properties();

        JdkTlsProperties.install(system);

        assertThat(system.getProperty("jdk.tls.rejectClientInitiatedRenegotiation")).isEqualTo("true");
    }

    @Test
    void aValueTheUserSetIsKept() {
        Properties system = new Properties();
        system.setProperty("jdk.tls.rejectClientInitiatedRenegotiation", "false");

        JdkTlsProperties.install(system);

        assertThat(system.getProperty("jdk.tls.rejectClientInitiatedRenegotiation")).as("-D on the command line wins")
                .isEqualTo("false");
    }
}
