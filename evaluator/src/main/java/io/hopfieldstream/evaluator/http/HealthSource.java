package io.hopfieldstream.evaluator.http;

/** Liveness and readiness of the service, for the health endpoints. */
public interface HealthSource {

    /** Returns whether the service is running or able to recover, so a restart would not help. */
    boolean isLive();

    /** Returns whether the service processes records and serves restored state. */
    boolean isReady();

    /** Returns a short description of the current state, such as {@code RUNNING} or {@code RESTORING}. */
    String state();
}
