package io.dmicro.cli;

import io.dmicro.drpc.BuiltInProtos;
import io.dmicro.drpc.codec.Codec;
import io.dmicro.drpc.codec.Codecs;
import io.dmicro.drpc.filter.TransferFilter;
import io.dmicro.drpc.filter.TransferFilters;
import io.dmicro.drpc.proto.raw.RawProto;
import java.util.Iterator;
import java.util.List;

/** What shell completion offers for the name options, read from the engine's own registries so it never goes stale. */
final class Candidates {

    private Candidates() {
    }

    /** {@code --proto}: the protos a dial URI's {@code ?proto=} accepts. */
    static final class Protos implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return List.copyOf(BuiltInProtos.with(new RawProto()).names()).iterator();
        }
    }

    /** {@code --codec}, {@code --accept-codec}: the body codecs the CLI's endpoint has. */
    static final class CodecNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Codecs.defaults().all().stream().map(Codec::name).toList().iterator();
        }
    }

    /** {@code --filter}: the transfer filters the CLI's endpoint has. */
    static final class FilterNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return TransferFilters.defaults().all().stream().map(TransferFilter::name).toList().iterator();
        }
    }
}
