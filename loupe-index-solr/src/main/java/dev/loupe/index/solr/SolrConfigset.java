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
 * The configset Loupe uploads for a collection: {@code schema.xml} with the stored image fields, one dense vector
 * field per space of the model (its dimension, dot-product similarity on unit vectors, HNSW with the embedded
 * index's M=16 and beam 100) and the text fields of {@link dev.loupe.core.text.ImageText} (analysed as the embedded
 * index analyses them), {@code solrconfig.xml}, and {@code loupe.properties}, which records the model that writes
 * the vectors and the configset's {@link #FORMAT}. One configset per collection ({@code loupe.COLLECTION}), since
 * the dimensions are part of it.
 */
final class SolrConfigset {
    /** The model's fingerprint ({@link ModelInfo#fingerprint()}). */
    static final String MODEL_KEY = "loupe.model";
    /** The spaces and their dimensions, {@code name:dim,...} sorted. */
    static final String SPACES_KEY = "loupe.spaces";
    /** The document layout this code writes. */
    static final String FORMAT_KEY = "loupe.format";
    /**
     * The configset's format: 1 had the image fields and vectors only; 2 adds the text fields ({@code name},
     * {@code metadata}, {@code ocr}, the OCR state, the label names) and the exact distributed BM25 statistics; 3
     * adds the model's labels ({@code mlb_*}, {@link dev.loupe.core.ImageVectors#labels()}). Each format only adds
     * fields, so an older collection is upgraded in place ({@link SolrCollection#upgrade}).
     */
    static final int FORMAT = 3;
    /** The first format with text fields. */
    static final int TEXT_FORMAT = 2;
    /** The first format with the model's labels: an older schema has no {@code mlb_*} field to query. */
    static final int MODEL_LABEL_FORMAT = 3;
    /** The analysed text fields' type; the analysis request reads the query with it. */
    static final String TEXT_TYPE = "text_loupe";
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
                  <!-- Lucene's EnglishAnalyzer, filter for filter (the embedded index's text analysis): standard
                       tokens, possessives, lower case, its 33 stop words (StopFilterFactory's default set), Porter;
                       a gap of 100 positions between the values of a field, so a phrase never spans two keywords -->
                  <fieldType name="text_loupe" class="solr.TextField" positionIncrementGap="100">
                    <analyzer>
                      <tokenizer class="solr.StandardTokenizerFactory"/>
                      <filter class="solr.EnglishPossessiveFilterFactory"/>
                      <filter class="solr.LowerCaseFilterFactory"/>
                      <filter class="solr.StopFilterFactory"/>
                      <filter class="solr.PorterStemFilterFactory"/>
                    </analyzer>
                  </fieldType>
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
                  <!-- the model's labels (format 3): mlb_<hex of the name> = the probability the model gave it,
                       written with the vectors, apart from the labels above -->
                  <dynamicField name="mlb_*" type="pfloat" indexed="true" stored="true"/>
                  <!-- the words (format 2): names and metadata one value per line, OCR text as one value -->
                  <field name="name" type="text_loupe" indexed="true" stored="true" multiValued="true"/>
                  <field name="metadata" type="text_loupe" indexed="true" stored="true" multiValued="true"/>
                  <field name="ocr" type="text_loupe" indexed="true" stored="true"/>
                  <field name="ocr_state" type="string" indexed="true" stored="true"/>
                  <field name="ocr_note" type="string" indexed="false" stored="true" docValues="false"/>
                  <field name="sidecar" type="string" indexed="false" stored="true" docValues="false"/>
                  <!-- the names of the labels (beside their lbl_* confidences), for text search and its facet -->
                  <field name="label" type="string" indexed="true" stored="true" multiValued="true"/>
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
                  <!-- BM25 with the whole collection's term statistics, not each shard's own, so a document's score
                       does not depend on the shard it lies in (one extra round trip per text search) -->
                  <statsCache class="org.apache.solr.search.stats.ExactStatsCache"/>
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
