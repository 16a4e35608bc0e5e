package dev.tokenwise.slack.render;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * A lossless PNG (RFC 2083) of an opaque RGB image, for the digest's chart.
 * <p>
 * Why not {@code ImageIO}: the JDK's PNG writer tries all five row filters on every row and deflates at a fixed
 * level, which took about 23 ms of a 33 ms chart (1200 × 900). A chart is flat colour and horizontal lines, so the
 * "Up" filter on every row with the fastest deflate gives the same size (about 66 KB) in about 8 ms. Measured in
 * session 8 (docs/operators.md run 13).
 */
final class PngEncoder {

    private static final byte[] SIGNATURE = { (byte) 137, 80, 78, 71, 13, 10, 26, 10 };
    /** Row filter type 2 (RFC 2083 §6.3): each byte minus the byte above it. */
    private static final int FILTER_UP = 2;
    private static final int BIT_DEPTH = 8;
    private static final int COLOUR_TYPE_RGB = 2;
    /** Pixels compared with the row above at once. */
    private static final int RUN = 64;

    private PngEncoder() {
    }

    /** The PNG of {@code image}, which must be {@link BufferedImage#TYPE_INT_RGB}. */
    static byte[] encode(BufferedImage image) {
        if (image.getType() != BufferedImage.TYPE_INT_RGB) {
            throw new IllegalArgumentException("expected an opaque RGB image, got type " + image.getType());
        }
        int width = image.getWidth();
        int height = image.getHeight();
        int[] pixels = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 16);
            DataOutputStream png = new DataOutputStream(out);
            png.write(SIGNATURE);
            ByteArrayOutputStream header = new ByteArrayOutputStream(13);
            DataOutputStream h = new DataOutputStream(header);
            h.writeInt(width);
            h.writeInt(height);
            h.write(BIT_DEPTH);
            h.write(COLOUR_TYPE_RGB);
            h.write(0); // deflate
            h.write(0); // adaptive filtering, the only method
            h.write(0); // not interlaced
            chunk(png, "IHDR", header.toByteArray());
            chunk(png, "IDAT", rows(pixels, width, height));
            chunk(png, "IEND", new byte[0]);
            return out.toByteArray();
        } catch (IOException e) {
            // Only in-memory streams: cannot happen.
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] rows(int[] pixels, int width, int height) throws IOException {
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        ByteArrayOutputStream compressed = new ByteArrayOutputStream(1 << 16);
        try (DeflaterOutputStream z = new DeflaterOutputStream(compressed, deflater, 1 << 16)) {
            byte[] row = new byte[1 + width * 3];
            row[0] = FILTER_UP;
            for (int y = 0; y < height; y++) {
                int offset = y * width;
                if (y == 0) {
                    // The first row's "above" is zero (RFC 2083 §6.3): the bytes themselves.
                    filterUp(pixels, offset, -1, 0, width, row);
                } else {
                    // A chart repeats most of each row in the next (bars, blank space): a run equal to the row above
                    // filters to zeros, found with the JDK's vectorized comparison rather than pixel by pixel.
                    int above = offset - width;
                    for (int x = 0; x < width; x += RUN) {
                        int end = Math.min(width, x + RUN);
                        if (Arrays.equals(pixels, offset + x, offset + end, pixels, above + x, above + end)) {
                            Arrays.fill(row, 1 + 3 * x, 1 + 3 * end, (byte) 0);
                        } else {
                            filterUp(pixels, offset, above, x, end, row);
                        }
                    }
                }
                z.write(row);
            }
        } finally {
            deflater.end();
        }
        return compressed.toByteArray();
    }

    /** Pixels {@code from} to {@code to} of a row, each byte minus the one above ({@code above} -1: none). */
    private static void filterUp(int[] pixels, int offset, int above, int from, int to, byte[] row) {
        for (int x = from, i = 1 + 3 * from; x < to; x++, i += 3) {
            int p = pixels[offset + x];
            int q = above < 0 ? 0 : pixels[above + x];
            row[i] = (byte) ((p >> 16) - (q >> 16));
            row[i + 1] = (byte) ((p >> 8) - (q >> 8));
            row[i + 2] = (byte) (p - q);
        }
    }

    private static void chunk(DataOutputStream png, String type, byte[] data) throws IOException {
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        png.writeInt(data.length);
        png.write(name);
        png.write(data);
        png.writeInt((int) crc.getValue());
    }
}
