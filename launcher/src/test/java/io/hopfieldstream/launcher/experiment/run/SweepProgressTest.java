package io.hopfieldstream.launcher.experiment.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.hopfieldstream.launcher.experiment.sweep.SweepExpansion;
import io.hopfieldstream.launcher.experiment.sweep.SweepParser;
import io.hopfieldstream.launcher.experiment.sweep.SweepPlan;
import io.hopfieldstream.launcher.experiment.sweep.SweepPoint;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SweepProgressTest {

    @Test
    void barCountsPointsAndEstimatesTimeLeft() {
        SweepPlan plan = SweepExpansion.expand(SweepParser.parse("""
                name: progress
                base: {memory: test:mixed:1000}
                series:
                  - name: beta
                    vary: {beta: [1, 2, 4, 8]}
                """, "t"), "p");
        AtomicLong clock = new AtomicLong();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        SweepProgress progress = new SweepProgress(out, plan.points(), clock::get);

        SweepPoint first = plan.points().get(0);
        progress.starting(first);
        clock.set(10_000_000_000L);
        progress.finished(PointResult.failed(first, "broken", null, null, Map.of(), 10));

        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines.get(0)).startsWith("[------------------------] 0/4 points | elapsed 0 s | left ~? | running p001:");
        assertThat(lines.get(0)).contains("memory test:mixed:1000, gaussian:25, beta 1");
        assertThat(lines.get(1)).isEqualTo("[######------------------] 1/4 points (1 failed) | elapsed 10 s | left ~30 s"
                + " | p001 FAILED after 10.0 s: broken");
        assertThat(progress.failed()).isEqualTo(1);
    }

    @Test
    void durationsReadNaturally() {
        assertThat(SweepProgress.duration(59.4)).isEqualTo("59 s");
        assertThat(SweepProgress.duration(125)).isEqualTo("2 min 05 s");
        assertThat(SweepProgress.duration(7_300)).isEqualTo("2 h 01 min");
    }
}
