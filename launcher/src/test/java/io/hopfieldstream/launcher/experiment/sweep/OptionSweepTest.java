package io.hopfieldstream.launcher.experiment.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OptionSweepTest {

    @Test
    void optionsBuildOneSeries() {
        Map<String, String> set = new LinkedHashMap<>();
        set.put("memory", "test:mixed:300");
        set.put("probes", "40");

        SweepDefinition sweep = OptionSweep.build(set, List.of("beta=8,32", "corruption=gaussian:10,lower-half"), 5);
        SweepPlan plan = SweepExpansion.expand(sweep, "o");

        assertThat(sweep.seed()).isEqualTo(5);
        assertThat(plan.points()).hasSize(4);
        assertThat(plan.points()).allMatch(point -> point.settings().probes() == 40);
        assertThat(plan.points()).allMatch(point -> point.settings().memory().size() == 300);
        assertThat(sweep.source()).contains("beta: ['8', '32']");
    }

    @Test
    void varyWithoutValuesIsRejected() {
        assertThatThrownBy(() -> OptionSweep.build(Map.of(), List.of("beta="), 1))
                .isInstanceOf(SweepDefinitionException.class)
                .hasMessageContaining("expected KEY=V1,V2");
    }

    @Test
    void unknownKeyIsRejected() {
        assertThatThrownBy(() -> OptionSweep.build(Map.of("bta", "3"), List.of("beta=1"), 1))
                .isInstanceOf(SweepDefinitionException.class)
                .hasMessageContaining("unknown setting 'bta'");
    }
}
