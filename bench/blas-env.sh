# Sourced by the bench scripts: idle matrix-product threads (OpenMP and OpenBLAS) sleep as soon as a
# product ends instead of spinning on the cores the rest of the pipeline needs, as the hopfield script
# sets them. Values already in the environment win.
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"
export OPENBLAS_THREAD_TIMEOUT="${OPENBLAS_THREAD_TIMEOUT:-4}"
