package io.hopfieldstream.launcher.options;

import io.hopfieldstream.launcher.InvalidSettingException;
import io.hopfieldstream.retriever.cuda.BackendChoice;
import io.hopfieldstream.retriever.cuda.BackendSelection;
import io.hopfieldstream.retriever.cuda.BackendSelector;
import io.hopfieldstream.retriever.cuda.BackendUnavailableException;
import io.hopfieldstream.retriever.cuda.CudaSettings;
import io.hopfieldstream.retriever.cuda.RetrievalBackends;
import io.hopfieldstream.retriever.retrieval.Nd4jCpuBackend;
import io.hopfieldstream.retriever.service.RetrievalBackendFactory;

/** Turns a {@code --backend} choice into the factory that the retriever service calls on its compute thread. */
public final class BackendFactories {

    private BackendFactories() {
    }

    /**
     * Returns the factory for a choice, probing the machine's GPUs unless the choice is {@code cpu}.
     *
     * @throws InvalidSettingException when the chosen backend cannot run on this machine
     */
    public static RetrievalBackendFactory forChoice(BackendChoice choice) {
        if (choice == BackendChoice.CPU) {
            return Nd4jCpuBackend::new;
        }
        BackendSelection selection;
        try {
            selection = BackendSelector.forThisMachine().select(choice);
        } catch (BackendUnavailableException e) {
            throw new InvalidSettingException(e.getMessage(), e);
        }
        return retrieval -> RetrievalBackends.open(selection, retrieval, CudaSettings.defaults());
    }
}
