package dev.pulse.processor.query;

import com.fasterxml.jackson.databind.JavaType;
import dev.pulse.service.Json;
import java.util.List;

/**
 * The answer to a batch of counts: one view per distinct id, in the order of the request's ids. An
 * instance that forwarded part of a batch reads the owner's answer back as this type.
 */
record CountsBatch<V>(List<V> counts) {

    /** {@code CountsBatch<view>} for reading an owner's answer. */
    static JavaType of(Class<?> view) {
        return Json.mapper().getTypeFactory().constructParametricType(CountsBatch.class, view);
    }
}
