package io.hopfieldstream.launcher.experiment.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.hopfieldstream.launcher.experiment.run.SweepResult;
import io.hopfieldstream.launcher.experiment.sweep.SweepPlan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsCsvTest {

    @TempDir
    Path folder;

    @Test
    void fieldsAreQuotedWhenNeeded() {
        assertThat(CsvTable.quote("plain")).isEqualTo("plain");
        assertThat(CsvTable.quote("a,b")).isEqualTo("\"a,b\"");
        assertThat(CsvTable.quote("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(CsvTable.quote("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(CsvTable.quote(null)).isEmpty();
    }

    @Test
    void pointsTableHasOneRowPerPoint() throws Exception {
        SweepPlan plan = SweepFixtures.plan();
        SweepResult result = SweepFixtures.result(plan, point -> 0.5 + point.number() / 100.0, List.of(2));

        List<Path> files = ResultsCsv.write(result, folder);
        List<String> lines = Files.readAllLines(files.get(0));

        assertThat(lines).hasSize(plan.points().size() + 1);
        assertThat(lines.get(0)).isEqualTo(String.join(",", ResultsCsv.POINT_COLUMNS));
        String first = lines.get(1);
        assertThat(first).startsWith("1,fixture-1-p001,beta,ok,,test:mixed:1000,1000,mixed,test,gaussian:25,gaussian,25,"
                + "zero,8,1,0.0001,center_unit,true,0.95,300,run-abc,300,153,0.51,");
        assertThat(first).contains(",0.12,0.97,0.03,0.31,exact,00ff,2.5");
        String failed = lines.get(2);
        assertThat(failed).as("p002 is also the base point of the normalisation series")
                .startsWith("2,fixture-1-p002,beta;norm,failed,Timed out after 300 s,");
        assertThat(failed).as("no run id and no metrics").contains(",300" + ",".repeat(13) + "0.12,");
    }

    @Test
    void pointInTwoSeriesListsBoth() throws Exception {
        String yaml = """
                name: shared
                series:
                  - name: first
                    vary: {beta: [32]}
                  - name: second
                    vary: {beta: [32, 64]}
                """;
        SweepPlan plan = io.hopfieldstream.launcher.experiment.sweep.SweepExpansion.expand(
                io.hopfieldstream.launcher.experiment.sweep.SweepParser.parse(yaml, "t"), "s");
        SweepResult result = SweepFixtures.result(plan, point -> 1.0, List.of());

        List<String> lines = Files.readAllLines(ResultsCsv.write(result, folder).get(0));

        assertThat(lines).hasSize(3);
        assertThat(lines.get(1)).startsWith("1,s-p001,first;second,ok,");
    }

    @Test
    void replaysTableIsEmptyWithoutReplays() throws Exception {
        SweepResult result = SweepFixtures.result(SweepFixtures.plan(), point -> 1.0, List.of());

        List<String> lines = Files.readAllLines(ResultsCsv.write(result, folder).get(1));

        assertThat(lines).containsExactly(String.join(",", ResultsCsv.REPLAY_COLUMNS));
    }
}
