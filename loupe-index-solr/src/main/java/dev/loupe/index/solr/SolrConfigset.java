package dev.loupe.index.solr;

import dev.loupe.core.ModelInfo;
import dev.loupe.core.Space;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The configset Loupe uploads for a collection: {@code schema.xml} with the stored image fields and one dense vector
 * field per space of the model (its dimension, dot-product similarity on unit vectors, HNSW with the embedded
 * index's M=16 and beam 100), {@code solrconfig.xml}, and {@code loupe.properties}, which records the model that
 * writes the vectors. One configset per collection ({@code loupe.COLLECTION}), since the dimensions are part of it.
 */
final class SolrConfigset {
    /** The model's fingerprint ({@link ModelInfo#fingerprint()}). */
    static final String MODEL_KEY = "loupe.model";
    /** The spaces and their dimensions, {@code name:dim,...} sorted. */
    static final String SPACES_KEY = "loupe.spaces";
    /** The document layout this code writes. */
    static final String FORMAT_KEY = "loupe.format";
    static final int FORMAT = 1;
    static final String PROPERTIES_FILE = "loupe.properties";
    static final int HNSW_M = 16;
    static final int HNSW_BEAM = 100;

    private SolrConfigset() {
    }

    static String name(String collection) {
        return "loupe." + collection;
    }

    static Map<String, String> identity(ModelInfo model) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(MODEL_KEY, model.fingerprint());
        m.put(SPACES_KEY, spacesKey(model));
        m.put(FORMAT_KEY, Integer.toString(FORMAT));
        return m;
    }

    static String spacesKey(ModelInfo model) {
        return model.spaces().stream().map(s -> s.name() + ":" + s.dimension()).sorted()
                .reduce((a, b) -> a + "," + b).orElse("");
    }

    static Map<String, String> parseIdentity(String propertiesText) {
        Properties p = new Properties();
        try {
            p.load(new StringReader(propertiesText));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> m = new LinkedHashMap<>();
        p.stringPropertyNames().forEach(k -> m.put(k, p.getProperty(k)));
        return m;
    }

    /** The configset as a zip, as the Configsets API takes it. */
    static byte[] zip(ModelInfo model) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            put(zip, "solrconfig.xml", solrconfig());
            put(zip, "schema.xml", schema(model));
            StringBuilder props = new StringBuilder("# written by Loupe: the model whose vectors this collection holds\n");
            identity(model).forEach((k, v) -> props.append(k).append('=').append(v).append('\n'));
            put(zip, PROPERTIES_FILE, props.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void put(ZipOutputStream zip, String name, String text) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(text.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }

    static String schema(ModelInfo model) {
        StringBuilder s = new StringBuilder();
        s.append("""
                <?xml version="1.0" encoding="UTF-8"?>
                <!-- Written by Loupe for one model; see loupe.properties. -->
                <schema name="loupe" version="1.6">
                  <uniqueKey>id</uniqueKey>
                  <fieldType name="string" class="solr.StrField" sortMissingLast="true" docValues="true"/>
                  <fieldType name="plong" class="solr.LongPointField" docValues="true"/>
                  <fieldType name="pint" class="solr.IntPointField" docValues="true"/>
                  <fieldType name="pfloat" class="solr.FloatPointField" docValues="true"/>
                """);
        for (Space sp : model.spaces()) {
            s.append("  <fieldType name=\"").append(vectorType(sp.name()))
                    .append("\" class=\"solr.DenseVectorField\" vectorDimension=\"").append(sp.dimension())
                    .append("\" similarityFunction=\"dot_product\" knnAlgorithm=\"hnsw\" hnswMaxConnections=\"")
                    .append(HNSW_M).append("\" hnswBeamWidth=\"").append(HNSW_BEAM).append("\"/>\n");
        }
        s.append("""
                  <field name="_version_" type="plong" indexed="false" stored="false"/>
                  <field name="id" type="string" indexed="true" stored="true" required="true"/>
                  <field name="path" type="string" indexed="true" stored="true" required="true"/>
                  <field name="folder" type="string" indexed="true" stored="true"/>
                  <field name="size" type="plong" indexed="true" stored="true"/>
                  <field name="mtime" type="plong" indexed="true" stored="true"/>
                  <field name="hash" type="string" indexed="true" stored="true"/>
                  <field name="width" type="pint" indexed="true" stored="true"/>
                  <field name="height" type="pint" indexed="true" stored="true"/>
                  <field name="taken" type="plong" indexed="true" stored="true"/>
                  <field name="date" type="plong" indexed="true" stored="true"/>
                  <!-- labels: lbl_<hex of the label's UTF-8 name> = confidence -->
                  <dynamicField name="lbl_*" type="pfloat" indexed="true" stored="true"/>
                """);
        for (Space sp : model.spaces()) {
            s.append("  <field name=\"").append(SolrDocuments.vectorField(sp.name())).append("\" type=\"")
                    .append(vectorType(sp.name())).append("\" indexed=\"true\" stored=\"true\"/>\n");
        }
        s.append("</schema>\n");
        return s.toString();
    }

    private static String vectorType(String space) {
        return "knn_" + space;
    }

    /**
     * Commits: hard every 60 s without a new searcher (bounds the transaction log), soft every 5 s, so a writer that
     * is killed before its own commit still has what Solr acknowledged searchable within seconds.
     */
    static String solrconfig() {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <!-- Written by Loupe. -->
                <config>
                  <luceneMatchVersion>9.12</luceneMatchVersion>
                  <dataDir>${solr.data.dir:}</dataDir>
                  <directoryFactory name="DirectoryFactory" class="${solr.directoryFactory:solr.NRTCachingDirectoryFactory}"/>
                  <!-- the schema's per-field HNSW parameters need the schema codec -->
                  <codecFactory class="solr.SchemaCodecFactory"/>
                  <schemaFactory class="ClassicIndexSchemaFactory"/>
                  <indexConfig>
                    <ramBufferSizeMB>128</ramBufferSizeMB>
                  </indexConfig>
                  <updateHandler class="solr.DirectUpdateHandler2">
                    <updateLog>
                      <str name="dir">${solr.ulog.dir:}</str>
                    </updateLog>
                    <autoCommit>
                      <maxTime>${solr.autoCommit.maxTime:60000}</maxTime>
                      <openSearcher>false</openSearcher>
                    </autoCommit>
                    <autoSoftCommit>
                      <maxTime>${solr.autoSoftCommit.maxTime:5000}</maxTime>
                    </autoSoftCommit>
                  </updateHandler>
                  <query>
                    <filterCache size="512" initialSize="64" autowarmCount="32"/>
                    <queryResultCache size="512" initialSize="64" autowarmCount="0"/>
                    <documentCache size="4096" initialSize="512" autowarmCount="0"/>
                    <useColdSearcher>false</useColdSearcher>
                  </query>
                  <requestDispatcher>
                    <requestParsers enableRemoteStreaming="false" multipartUploadLimitInKB="-1"
                                    formdataUploadLimitInKB="-1"/>
                  </requestDispatcher>
                  <requestHandler name="/select" class="solr.SearchHandler">
                    <lst name="defaults">
                      <str name="echoParams">none</str>
                    </lst>
                  </requestHandler>
                </config>
                """;
    }
}
