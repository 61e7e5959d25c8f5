package dev.pulse.edge;

import dev.pulse.service.ServiceMain;

/** Runs the ws-edge on its own; configuration as described in {@link dev.pulse.service.ServiceConfig}. */
public final class WsEdgeMain {

    private WsEdgeMain() {
    }

    public static void main(String[] args) {
        ServiceMain.run(WsEdgeService.NAME, WsEdgeService::start);
    }
}
