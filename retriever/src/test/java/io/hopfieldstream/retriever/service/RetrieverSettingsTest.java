package io.hopfieldstream.retriever.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hopfieldstream.retriever.retrieval.Normalization;
import io.hopfieldstream.retriever.retrieval.RetrievalSettings;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetrieverSettingsTest {

    @Test
    void defaultsAreValid() {
        RetrieverSettings settings = RetrieverSettings.builder().instanceId("pod-1").build();

        assertThat(settings.batchSize()).isEqualTo(256);
        assertThat(settings.maxBatchWait()).isEqualTo(Duration.ofMillis(50));
        assertThat(settings.groupId()).isEqualTo("hopfield-retriever");
        assertThat(settings.transactionalId()).isEqualTo("hopfield-retriever-pod-1");
        assertThat(settings.runId()).isNull();
        assertThat(settings.replay()).isNull();
    }

    @Test
    void zeroBatchSizeNamesSetting() {
        assertThatThrownBy(() -> RetrieverSettings.builder().batchSize(0).build())
                .isInstanceOf(InvalidRetrieverSettingException.class)
                .hasMessage("Invalid batch-size '0': expected an integer from 1 to 65536.");
    }

    @Test
    void oversizedBatchRejected() {
        assertThatThrownBy(() -> RetrieverSettings.builder().batchSize(65_537).build())
                .isInstanceOf(InvalidRetrieverSettingException.class)
                .extracting(e -> ((InvalidRetrieverSettingException) e).setting())
                .isEqualTo("batch-size");
    }

    @Test
    void negativeBetaNamesSetting() {
        RetrievalSettings retrieval = new RetrievalSettings(-1, 1, 0, Normalization.CENTER_UNIT, true, 100);

        assertThatThrownBy(() -> RetrieverSettings.builder().retrieval(retrieval).build())
                .isInstanceOf(InvalidRetrieverSettingException.class)
                .hasMessage("Invalid beta '-1.0': expected a number greater than 0 and at most 1000000.0.");
    }

    @Test
    void zeroAndNanBetaRejected() {
        for (double beta : new double[] {0, Double.NaN, Double.POSITIVE_INFINITY, 2e6}) {
            RetrievalSettings retrieval = new RetrievalSettings(beta, 1, 0, Normalization.CENTER_UNIT, true, 100);

            assertThatThrownBy(() -> RetrieverSettings.builder().retrieval(retrieval).build())
                    .as("beta %s", beta)
                    .isInstanceOf(InvalidRetrieverSettingException.class)
                    .hasMessageContaining("beta");
        }
    }

    @Test
    void iterationsToleranceChunkChecked() {
        RetrievalSettings noIterations = new RetrievalSettings(8, 0, 0, Normalization.CENTER_UNIT, true, 100);
        RetrievalSettings negativeTolerance = new RetrievalSettings(8, 1, -1e-3, Normalization.CENTER_UNIT, true, 100);
        RetrievalSettings zeroChunk = new RetrievalSettings(8, 1, 0, Normalization.CENTER_UNIT, true, 0);
        RetrievalSettings noNormalization = new RetrievalSettings(8, 1, 0, null, true, 10);

        assertThatThrownBy(() -> RetrieverSettings.checkRetrieval(noIterations)).hasMessageContaining("iterations");
        assertThatThrownBy(() -> RetrieverSettings.checkRetrieval(negativeTolerance)).hasMessageContaining("tolerance");
        assertThatThrownBy(() -> RetrieverSettings.checkRetrieval(zeroChunk)).hasMessageContaining("chunk-size");
        assertThatThrownBy(() -> RetrieverSettings.checkRetrieval(noNormalization)).hasMessageContaining("normalization");
    }

    @Test
    void negativeWaitRejected() {
        assertThatThrownBy(() -> RetrieverSettings.builder().maxBatchWait(Duration.ofMillis(-1)).build())
                .isInstanceOf(InvalidRetrieverSettingException.class)
                .hasMessage("Invalid max-wait-ms '-1 ms': expected a duration from 0 ms to 60000 ms.");
    }

    @Test
    void runIdCharactersChecked() {
        assertThatThrownBy(() -> RetrieverSettings.builder().runId("run 1").build())
                .isInstanceOf(InvalidRetrieverSettingException.class)
                .hasMessageContaining("run-id");
        assertThat(RetrieverSettings.builder().runId("run-1.b_2").build().runId()).isEqualTo("run-1.b_2");
    }

    @Test
    void replayGetsFreshGroup() {
        RetrieverSettings.Replay replay = new RetrieverSettings.Replay("exp-7", null);

        RetrieverSettings first = RetrieverSettings.builder().replay(replay).build();

        assertThat(first.groupId()).startsWith("hopfield-retriever-replay-exp-7-");
        assertThat(RetrieverSettings.builder().replay(replay).groupId("mine").build().groupId()).isEqualTo("mine");
    }

    @Test
    void blankReplayExperimentRejected() {
        assertThatThrownBy(() -> new RetrieverSettings.Replay(" ", null))
                .isInstanceOf(InvalidRetrieverSettingException.class)
                .hasMessageContaining("replay-experiment");
    }

    @Test
    void topicNamesChecked() {
        assertThatThrownBy(() -> new RetrieverTopics("memory", "probes", "out put", "dlq"))
                .isInstanceOf(InvalidRetrieverSettingException.class)
                .hasMessageContaining("reconstruction-topic");
    }

    @Test
    void explicitTransactionalIdKept() {
        RetrieverSettings settings = RetrieverSettings.builder().instanceId("a").transactionalId("tx-9").build();

        assertThat(settings.transactionalId()).isEqualTo("tx-9");
        assertThat(settings.toBuilder().batchSize(8).build().transactionalId()).isEqualTo("tx-9");
    }
}
