package io.dsync.job.cli;

import io.dsync.connectors.flavor.Flavor;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** {@code --source-flavor} and {@code --destination-flavor}, shared by migrate and verify. */
public final class FlavorOptions {

    @Option(
            names = "--source-flavor",
            paramLabel = "FLAVOR",
            converter = FlavorConverter.class,
            description =
                    "mongodb, cosmos (Azure Cosmos DB for MongoDB) or documentdb (Amazon"
                            + " DocumentDB). Default: detected from the host name and the"
                            + " server's replies.")
    Flavor source;

    @Option(
            names = "--destination-flavor",
            paramLabel = "FLAVOR",
            converter = FlavorConverter.class,
            description = "Like --source-flavor, for the destination. Default: detected.")
    Flavor destination;

    /** The source's flavor as given, or null to detect it. */
    public Flavor source() {
        return source;
    }

    /** The destination's flavor as given, or null to detect it. */
    public Flavor destination() {
        return destination;
    }

    /** Parses a flavor name. */
    static final class FlavorConverter implements CommandLine.ITypeConverter<Flavor> {
        @Override
        public Flavor convert(String value) {
            try {
                return Flavor.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
