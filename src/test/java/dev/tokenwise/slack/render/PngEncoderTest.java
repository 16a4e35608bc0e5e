package dev.tokenwise.slack.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Arrays;
import java.util.Random;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

/** The chart's PNG encoder is lossless: the JDK's own PNG reader gives back every pixel. */
class PngEncoderTest {

    @Test
    void everyPixelReadsBackExactly() throws Exception {
        BufferedImage image = new BufferedImage(317, 211, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(42);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                image.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        // Flat areas and lines too, as a chart has them.
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(10, 10, 200, 150);
        g.setColor(new Color(0x0072B2));
        g.drawLine(0, 100, 316, 120);
        g.dispose();

        byte[] png = PngEncoder.encode(image);

        assertArrayEquals(new byte[] { (byte) 137, 'P', 'N', 'G', 13, 10, 26, 10 }, Arrays.copyOf(png, 8));
        assertEquals("IEND", new String(png, png.length - 8, 4, java.nio.charset.StandardCharsets.US_ASCII));
        BufferedImage back = ImageIO.read(new ByteArrayInputStream(png));
        assertEquals(317, back.getWidth());
        assertEquals(211, back.getHeight());
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                assertEquals(image.getRGB(x, y), back.getRGB(x, y), "pixel " + x + "," + y);
            }
        }
    }

    @Test
    void refusesAnImageWithAlpha() {
        BufferedImage argb = new BufferedImage(4, 4, BufferedImage.TYPE_INT_ARGB);
        assertThrows(IllegalArgumentException.class, () -> PngEncoder.encode(argb));
    }
}
