package io.hopfieldstream.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Finds TCP ports on the loopback interface that no socket is bound to right now. */
final class FreePorts {

    private FreePorts() {
    }

    /**
     * Binds a server socket to an ephemeral loopback port, closes it and returns the port.
     *
     * <p>The port is free when this returns, but another process may bind it before the broker
     * does, so a caller retries with a new port when the broker's bind fails.
     */
    static int pick() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to find a free TCP port on the loopback interface", e);
        }
    }

    /** Returns a free loopback port different from {@code other}. */
    static int pickOtherThan(int other) {
        int port = pick();
        while (port == other) {
            port = pick();
        }
        return port;
    }
}
