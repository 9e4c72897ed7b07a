package dev.loupe.index.solr;

import dev.loupe.core.ModelInfo;
import org.apache.solr.client.solrj.impl.CloudSolrClient;
import org.apache.solr.client.solrj.request.CollectionAdminRequest;
import org.apache.solr.client.solrj.request.ConfigSetAdminRequest;
import org.apache.solr.common.util.ContentStreamBase;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The configsets older Loupes uploaded, rebuilt from today's by taking out what each later format added, so that
 * the in-place upgrade ({@link SolrCollection#upgrade}) is tested from every older format.
 */
final class OlderConfigsets {
    private OlderConfigsets() {
    }

    /**
     * Today's configset for {@code model} as format {@code format} had it: before 3 without the model labels
     * ({@code mlb_*}), before 2 also without the text fields and the statistics cache.
     */
    static byte[] zip(ModelInfo model, int format) throws IOException {
        if (format < 1 || format >= SolrConfigset.FORMAT) {
            throw new IllegalArgumentException("not an older format: " + format);
        }
        StringBuilder schema = new StringBuilder();
        boolean inTextType = false;
        boolean inModelLabels = false;
        for (String line : SolrConfigset.schema(model).split("\n")) {
            inTextType |= format < SolrConfigset.TEXT_FORMAT && line.contains("<fieldType name=\"text_loupe\"");
            inModelLabels |= format < SolrConfigset.MODEL_LABEL_FORMAT && line.contains("<!-- the model's labels");
            boolean textField = format < SolrConfigset.TEXT_FORMAT
                    && line.matches(".*<field name=\"(name|metadata|ocr|ocr_state|ocr_note|sidecar|label)\".*");
            if (!inTextType && !inModelLabels && !textField) {
                schema.append(line).append('\n');
            }
            inTextType &= !line.contains("</fieldType>");
            inModelLabels &= !line.contains("<dynamicField name=\"mlb_*\"");
        }
        String s = schema.toString();
        if (s.contains("mlb_") || s.contains("text_loupe") != (format >= SolrConfigset.TEXT_FORMAT)
                || !s.contains("vec_visual") || !s.contains("lbl_*")) {
            throw new IllegalStateException("today's schema changed; adapt OlderConfigsets:\n" + s);
        }
        String solrconfig = format < SolrConfigset.TEXT_FORMAT
                ? SolrConfigset.solrconfig().replaceAll("(?s)<statsCache[^>]*/>", "") : SolrConfigset.solrconfig();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, String> e : Map.of("schema.xml", s, "solrconfig.xml", solrconfig,
                    SolrConfigset.PROPERTIES_FILE, SolrConfigset.MODEL_KEY + "=" + model.fingerprint() + "\n"
                            + SolrConfigset.SPACES_KEY + "=" + SolrConfigset.spacesKey(model) + "\n"
                            + SolrConfigset.FORMAT_KEY + "=" + format + "\n").entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** Creates the collection {@code name} (1 shard, 1 replica) with the configset of {@code format}. */
    static void create(CloudSolrClient admin, String name, ModelInfo model, int format) throws Exception {
        new ConfigSetAdminRequest.Upload().setConfigSetName(SolrConfigset.name(name)).setOverwrite(true)
                .setUploadStream(new ContentStreamBase.ByteArrayStream(zip(model, format), "c.zip",
                        "application/zip")).process(admin);
        CollectionAdminRequest.Create create = CollectionAdminRequest.createCollection(name,
                SolrConfigset.name(name), 1, 1);
        create.setWaitForFinalState(true);
        create.process(admin);
    }
}
