package dev.pulse.ingest;

import dev.pulse.service.ServiceMain;

/** Runs the ingest-api on its own; configuration as described in {@link dev.pulse.service.ServiceConfig}. */
public final class IngestApiMain {

    private IngestApiMain() {
    }

    public static void main(String[] args) {
        ServiceMain.run(IngestApiService.NAME, IngestApiService::start);
    }
}
