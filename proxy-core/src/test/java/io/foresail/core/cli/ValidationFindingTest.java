package io.foresail.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ValidationFindingTest {

    @Test
    void jsonEscapesQuotesBackslashesAndControlCharacters() {
        ValidationFinding finding = new ValidationFinding("ERROR", "IST0106", "C:\\cfg\\a.yaml", 3, "Gateway/default/edge",
                "spec.servers[0]", "host \"*.a\"\tbad\u0001");

        assertThat(finding.json()).isEqualTo("{\"severity\":\"ERROR\",\"code\":\"IST0106\",\"file\":\"C:\\\\cfg\\\\a.yaml\","
                + "\"line\":3,\"resource\":\"Gateway/default/edge\",\"field\":\"spec.servers[0]\","
                + "\"message\":\"host \\\"*.a\\\"\\tbad\\u0001\"}");
    }

    @Test
    void textLeavesOutTheLineOfAWholeFileFindingAndAnAbsentResource() {
        ValidationFinding finding = new ValidationFinding("ERROR", "FS0002", "missing.yaml", 0, "", "", "cannot read");

        assertThat(finding.text()).isEqualTo("ERROR FS0002 missing.yaml: cannot read");
    }
}
