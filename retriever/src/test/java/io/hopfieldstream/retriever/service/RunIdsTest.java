package io.hopfieldstream.retriever.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.hopfieldstream.retriever.retrieval.Normalization;
import io.hopfieldstream.retriever.retrieval.RetrievalSettings;
import org.junit.jupiter.api.Test;

class RunIdsTest {

    private static final String MEMORY = "ab".repeat(32);

    private static RetrievalSettings retrieval(double beta, int chunk) {
        return new RetrievalSettings(beta, 1, 1e-4, Normalization.CENTER_UNIT, true, chunk);
    }

    @Test
    void derivedIdIsStable() {
        String first = RunIds.derive(retrieval(32, 100), MEMORY, null);
        String second = RunIds.derive(retrieval(32, 100), MEMORY, null);

        assertThat(first).matches("run-[0-9a-f]{12}").isEqualTo(second);
    }

    @Test
    void chunkSizeDoesNotChangeId() {
        assertThat(RunIds.derive(retrieval(32, 100), MEMORY, null))
                .isEqualTo(RunIds.derive(retrieval(32, 8192), MEMORY, null));
    }

    @Test
    void betaMemoryAndMaskChangeId() {
        String base = RunIds.derive(retrieval(32, 100), MEMORY, null);
        RetrievalSettings plain = new RetrievalSettings(32, 1, 1e-4, Normalization.CENTER_UNIT, false, 100);

        assertThat(RunIds.derive(retrieval(128, 100), MEMORY, null)).isNotEqualTo(base);
        assertThat(RunIds.derive(retrieval(32, 100), "cd".repeat(32), null)).isNotEqualTo(base);
        assertThat(RunIds.derive(plain, MEMORY, null)).isNotEqualTo(base);
    }

    @Test
    void replayGetsOwnId() {
        String live = RunIds.derive(retrieval(32, 100), MEMORY, null);
        String replay = RunIds.derive(retrieval(32, 100), MEMORY, "group-a");

        assertThat(replay).matches("replay-[0-9a-f]{12}");
        assertThat(replay.substring("replay-".length())).isNotEqualTo(live.substring("run-".length()));
        assertThat(RunIds.derive(retrieval(32, 100), MEMORY, "group-b")).isNotEqualTo(replay);
    }

    @Test
    void givenRunIdWins() {
        RetrieverSettings settings = RetrieverSettings.builder().instanceId("a").runId("my-run").build();

        assertThat(RunIds.resolve(settings, io.hopfieldstream.retriever.memory.MemoryVersion.empty())).isEqualTo("my-run");
    }
}
