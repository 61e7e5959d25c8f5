package dev.pulse.processor;

import dev.pulse.service.ServiceMain;

/** Runs the stream-processor on its own; configuration as described in {@link dev.pulse.service.ServiceConfig}. */
public final class StreamProcessorMain {

    private StreamProcessorMain() {
    }

    public static void main(String[] args) {
        ServiceMain.run(StreamProcessorService.NAME, StreamProcessorService::start);
    }
}
