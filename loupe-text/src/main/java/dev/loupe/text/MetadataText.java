package dev.loupe.text;

import com.adobe.internal.xmp.XMPException;
import com.adobe.internal.xmp.XMPIterator;
import com.adobe.internal.xmp.XMPMeta;
import com.adobe.internal.xmp.XMPMetaFactory;
import com.adobe.internal.xmp.properties.XMPPropertyInfo;
import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.Directory;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.iptc.IptcDirectory;
import com.drew.metadata.xmp.XmpDirectory;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The descriptive metadata of an image as text: title, description (caption), keywords, subjects and the names of
 * the people tagged in it, from its EXIF (ImageDescription, Windows XP title/comment/keywords/subject), IPTC
 * (object name, headline, caption, keywords) and XMP (dc:title, dc:description, dc:subject, photoshop:Headline,
 * lr:hierarchicalSubject, digiKam:TagsList, Iptc4xmpExt:PersonInImage, MWG and Microsoft face-region names), and
 * from its XMP sidecar files. Read with metadata-extractor and Adobe's xmpcore; unreadable metadata yields no words,
 * never an error.
 */
public final class MetadataText {
    /** Top-level XMP properties read whole (by local name; array items and language alternatives included). */
    private static final Set<String> XMP_PROPERTIES = Set.of("title", "description", "subject", "Headline",
            "hierarchicalSubject", "TagsList", "PersonInImage", "LastKeywordXMP", "CatalogSets");
    /** Fields of structures read inside these top-level properties: the names of tagged regions (faces). */
    private static final Set<String> REGION_NAMES = Set.of("Name", "PersonDisplayName");
    private static final Set<String> REGION_PROPERTIES = Set.of("Regions", "RegionInfo");
    private static final int MAX_SIDECAR_BYTES = 4 << 20;

    private MetadataText() {
    }

    /** The words of the file's own metadata and of its sidecars, one value per line, without repeats. */
    public static String of(byte[] image, List<Sidecars.Sidecar> sidecars) {
        Set<String> values = new LinkedHashSet<>();
        fromImage(image, values::add);
        for (Sidecars.Sidecar s : sidecars) {
            fromSidecar(s.path(), values::add);
        }
        values.remove("");
        return String.join("\n", values);
    }

    static void fromImage(byte[] image, Consumer<String> out) {
        Metadata m;
        try {
            m = ImageMetadataReader.readMetadata(new ByteArrayInputStream(image), image.length);
        } catch (Exception | StackOverflowError e) {
            return; // no metadata, or metadata the reader cannot parse: no words from it
        }
        for (ExifIFD0Directory d : m.getDirectoriesOfType(ExifIFD0Directory.class)) {
            add(d, ExifIFD0Directory.TAG_IMAGE_DESCRIPTION, out);
            add(d, ExifIFD0Directory.TAG_WIN_TITLE, out);
            add(d, ExifIFD0Directory.TAG_WIN_SUBJECT, out);
            add(d, ExifIFD0Directory.TAG_WIN_COMMENT, out);
            keywords(d.getDescription(ExifIFD0Directory.TAG_WIN_KEYWORDS), out);
        }
        for (IptcDirectory d : m.getDirectoriesOfType(IptcDirectory.class)) {
            add(d, IptcDirectory.TAG_OBJECT_NAME, out);
            add(d, IptcDirectory.TAG_HEADLINE, out);
            add(d, IptcDirectory.TAG_CAPTION, out);
            List<String> kw = d.getKeywords();
            if (kw != null) {
                kw.forEach(k -> out.accept(clean(k)));
            }
        }
        for (XmpDirectory d : m.getDirectoriesOfType(XmpDirectory.class)) {
            fromXmp(d.getXMPMeta(), out);
        }
    }

    static void fromSidecar(Path sidecar, Consumer<String> out) {
        try {
            if (Files.size(sidecar) > MAX_SIDECAR_BYTES) {
                return; // not a sidecar someone wrote by hand or tool; do not read megabytes of XML
            }
            fromXmp(XMPMetaFactory.parseFromBuffer(Files.readAllBytes(sidecar)), out);
        } catch (IOException | XMPException | RuntimeException e) {
            // an unreadable or malformed sidecar contributes no words
        }
    }

    static void fromXmp(XMPMeta xmp, Consumer<String> out) {
        if (xmp == null) {
            return;
        }
        try {
            XMPIterator it = xmp.iterator();
            while (it.hasNext()) {
                XMPPropertyInfo p = (XMPPropertyInfo) it.next();
                String path = p.getPath();
                String value = p.getValue();
                if (path == null || value == null || value.isBlank() || path.contains("/?")) {
                    continue; // schema nodes, structures, and qualifiers such as xml:lang
                }
                String[] steps = path.replaceAll("\\[\\d+]", "").split("/");
                String top = local(steps[0]);
                String leaf = local(steps[steps.length - 1]);
                if ((steps.length == 1 && XMP_PROPERTIES.contains(top))
                        || (REGION_PROPERTIES.contains(top) && REGION_NAMES.contains(leaf))) {
                    out.accept(clean(value.replace('|', ' ').replace('/', ' ')));
                }
            }
        } catch (XMPException | RuntimeException e) {
            // malformed XMP: keep what was read
        }
    }

    private static String local(String step) {
        int colon = step.indexOf(':');
        return colon < 0 ? step : step.substring(colon + 1);
    }

    private static void add(Directory d, int tag, Consumer<String> out) {
        String v = d.getDescription(tag);
        if (v != null) {
            out.accept(clean(v));
        }
    }

    private static void keywords(String value, Consumer<String> out) {
        if (value != null) {
            for (String k : value.split("[;,]")) {
                out.accept(clean(k));
            }
        }
    }

    /** Trims, folds runs of white space, drops control characters and the placeholders cameras write. */
    static String clean(String value) {
        String v = value.replaceAll("\\p{Cntrl}", " ").replaceAll("\\s+", " ").strip();
        return PLACEHOLDERS.contains(v.toLowerCase(Locale.ROOT)) ? "" : v;
    }

    /** Descriptions that cameras fill in by themselves, which say nothing about the photo. */
    private static final Set<String> PLACEHOLDERS = Set.of("default", "olympus digital camera", "sony dsc",
            "digital camera", "image", "untitled", "x-default");
}
