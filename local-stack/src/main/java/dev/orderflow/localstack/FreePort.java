package dev.orderflow.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Picks ports on the loopback interface that nothing listens on, for servers that must be told their port. */
public final class FreePort {

    private FreePort() {
    }

    /**
     * A port free at the time of the call. Another process may take it before it is used: callers start their server
     * right away, and tests stay on such ports rather than on fixed ones that parallel runs would share.
     */
    public static int pick() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
        catch (IOException failed) {
            throw new UncheckedIOException("no free port on the loopback interface", failed);
        }
    }

    /** Whether something already listens on this port of the loopback interface. */
    public static boolean isTaken(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return false;
        }
        catch (IOException inUse) {
            return true;
        }
    }
}
