package io.foresail.core.echo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EchoCommandTest {

    @Test
    void listenTakesHostPortAndName() {
        assertThat(EchoCommand.parseListen("0.0.0.0:9001=v1")).isEqualTo(new EchoServer.Listen("0.0.0.0", 9001, "v1"));
    }

    @Test
    void listenDefaultsToLoopbackAndPortName() {
        assertThat(EchoCommand.parseListen("9002")).isEqualTo(new EchoServer.Listen("127.0.0.1", 9002, "echo-9002"));
    }

    @Test
    void listenRejectsNonNumericPort() {
        assertThatThrownBy(() -> EchoCommand.parseListen("http")).hasMessageContaining("not a port");
    }
}
